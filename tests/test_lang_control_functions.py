"""Control functions, call, value, eval, shell, file and the message functions."""

import pytest

from mkrun import Case, check_case, params

CASES = [
    # foreach
    Case(
        "foreach-basic",
        makefile="""\
$(info [$(foreach x,a b c,<$(x)>)])
all:;@:
""",
        stdout="[<a> <b> <c>]\n",
    ),
    Case(
        "foreach-empty-list",
        makefile="""\
$(info [$(foreach x,,<$(x)>)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "foreach-variable-restored",
        makefile="""\
x = outer
$(info [$(foreach x,a b,$(x)) $(x)])
all:;@:
""",
        stdout="[a b outer]\n",
    ),
    Case(
        "foreach-nested",
        makefile="""\
$(info [$(foreach a,1 2,$(foreach b,x y,$(a)$(b)))])
all:;@:
""",
        stdout="[1x 1y 2x 2y]\n",
    ),
    Case(
        "foreach-recursive-body",
        makefile="""\
BODY = <$(d)>
$(info [$(foreach d,a b,$(BODY))])
all:;@:
""",
        stdout="[<a> <b>]\n",
    ),
    Case(
        "foreach-computed-variable-name",
        makefile="""\
N = v
$(info [$(foreach $(N),a b,$(v).)])
all:;@:
""",
        stdout="[a. b.]\n",
    ),
    # if, or, and
    Case(
        "if-true",
        makefile="""\
$(info [$(if x,yes,no)])
all:;@:
""",
        stdout="[yes]\n",
    ),
    Case(
        "if-false-empty",
        makefile="""\
$(info [$(if ,yes,no)])
all:;@:
""",
        stdout="[no]\n",
    ),
    Case(
        "if-expanded-space-is-true",
        makefile="""\
SPACE := $(subst x, ,x)
$(info [$(if $(SPACE),yes,no)])
all:;@:
""",
        stdout="[yes]\n",
    ),
    Case(
        "if-no-else",
        makefile="""\
$(info [$(if ,yes)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "if-only-chosen-branch-expanded",
        makefile="""\
$(info [$(if x,ok,$(error not expanded))])
all:;@:
""",
        stdout="[ok]\n",
    ),
    Case(
        "if-extra-commas-in-else",
        makefile="""\
$(info [$(if ,yes,a,b)])
all:;@:
""",
        stdout="[a,b]\n",
    ),
    Case(
        "if-insufficient-args",
        makefile="""\
$(info [$(if x)])
all:;@:
""",
        stderr="Makefile:1: *** insufficient number of arguments (1) to function 'if'.  Stop.\n",
        status=2,
    ),
    Case(
        "or-first-non-empty",
        makefile="""\
$(info [$(or ,,b,c)])
all:;@:
""",
        stdout="[b]\n",
    ),
    Case(
        "or-all-empty",
        makefile="""\
$(info [$(or ,)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "or-short-circuit",
        makefile="""\
$(info [$(or a,$(error not expanded))])
all:;@:
""",
        stdout="[a]\n",
    ),
    Case(
        "and-last-value",
        makefile="""\
$(info [$(and a,b,c)])
all:;@:
""",
        stdout="[c]\n",
    ),
    Case(
        "and-empty-stops",
        makefile="""\
$(info [$(and a,,$(error not expanded))])
all:;@:
""",
        stdout="[]\n",
    ),
    # intcmp (new in 4.4: expectations written from the 4.4.1 manual)
    Case(
        "intcmp-less",
        makefile="""\
$(info [$(intcmp 1,2,lt,eq,gt)])
all:;@:
""",
        stdout="[lt]\n",
        gnu44="NEWS 4.4: new $(intcmp ...) function",
    ),
    Case(
        "intcmp-equal",
        makefile="""\
$(info [$(intcmp 2,2,lt,eq,gt)])
all:;@:
""",
        stdout="[eq]\n",
        gnu44="NEWS 4.4: new $(intcmp ...) function",
    ),
    Case(
        "intcmp-greater",
        makefile="""\
$(info [$(intcmp 3,2,lt,eq,gt)])
all:;@:
""",
        stdout="[gt]\n",
        gnu44="NEWS 4.4: new $(intcmp ...) function",
    ),
    Case(
        "intcmp-two-args-equal-returns-value",
        makefile="""\
$(info [$(intcmp 007,7)])
all:;@:
""",
        stdout="[7]\n",
        gnu44="NEWS 4.4: new $(intcmp ...) function",
    ),
    Case(
        "intcmp-two-args-unequal-empty",
        makefile="""\
$(info [$(intcmp 1,2)])
all:;@:
""",
        stdout="[]\n",
        gnu44="NEWS 4.4: new $(intcmp ...) function",
    ),
    Case(
        "intcmp-greater-defaults-to-eq-part",
        makefile="""\
$(info [$(intcmp 5,2,lt,ge)])
all:;@:
""",
        stdout="[ge]\n",
        gnu44="NEWS 4.4: new $(intcmp ...) function",
    ),
    Case(
        "intcmp-only-lt-part",
        makefile="""\
$(info [$(intcmp 5,2,lt)])
all:;@:
""",
        stdout="[]\n",
        gnu44="NEWS 4.4: new $(intcmp ...) function",
    ),
    # NOTE: two negative operands are left out because GNU make 4.4.1 compares
    # their magnitudes without flipping the sign (src/function.c, func_intcmp),
    # which disagrees with the manual.
    Case(
        "intcmp-negative-and-spaces",
        makefile="""\
$(info [$(intcmp  -10 , 9 ,lt,eq,gt)])
all:;@:
""",
        stdout="[lt]\n",
        gnu44="NEWS 4.4: new $(intcmp ...) function",
    ),
    Case(
        "intcmp-big-numbers",
        makefile="""\
$(info [$(intcmp 123456789012345678901234567890,123456789012345678901234567891,lt,eq,gt)])
all:;@:
""",
        stdout="[lt]\n",
        gnu44="NEWS 4.4: new $(intcmp ...) function",
    ),
    Case(
        "intcmp-non-numeric-error",
        makefile="""\
$(info [$(intcmp 1x,2)])
all:;@:
""",
        stderr="Makefile:1: *** non-numeric first argument to 'intcmp' function: '1x'.  Stop.\n",
        status=2,
        gnu44="NEWS 4.4: new $(intcmp ...) function",
    ),
    Case(
        "intcmp-empty-error",
        makefile="""\
$(info [$(intcmp 1,)])
all:;@:
""",
        stderr="Makefile:1: *** non-numeric second argument to 'intcmp' function: empty value.  Stop.\n",
        status=2,
        gnu44="NEWS 4.4: new $(intcmp ...) function",
    ),
    # let (new in 4.4: expectations written from the 4.4.1 manual)
    Case(
        "let-binds-words",
        makefile="""\
$(info [$(let a b,1 2,$(b)$(a))])
all:;@:
""",
        stdout="[21]\n",
        gnu44="NEWS 4.4: new $(let ...) function",
    ),
    Case(
        "let-last-takes-rest",
        makefile="""\
$(info [$(let first rest,a b  c,<$(first)><$(rest)>)])
all:;@:
""",
        stdout="[<a><b  c>]\n",
        gnu44="NEWS 4.4: new $(let ...) function",
    ),
    Case(
        "let-missing-values-empty",
        makefile="""\
$(info [$(let a b c,1,<$(a)><$(b)><$(c)>)])
all:;@:
""",
        stdout="[<1><><>]\n",
        gnu44="NEWS 4.4: new $(let ...) function",
    ),
    Case(
        "let-does-not-leak",
        makefile="""\
a = outer
$(info [$(let a,inner,$(a)) $(a)])
all:;@:
""",
        stdout="[inner outer]\n",
        gnu44="NEWS 4.4: new $(let ...) function",
    ),
    Case(
        "let-inside-call",
        makefile="""\
swap = $(let a b rest,$1,$(b) $(a) $(rest))
$(info [$(call swap,1 2 3 4)])
all:;@:
""",
        stdout="[2 1 3 4]\n",
        gnu44="NEWS 4.4: new $(let ...) function",
    ),
    Case(
        "let-wrong-arg-count",
        makefile="""\
$(info [$(let a,b)])
all:;@:
""",
        stderr="Makefile:1: *** insufficient number of arguments (2) to function 'let'.  Stop.\n",
        status=2,
        gnu44="NEWS 4.4: new $(let ...) function",
    ),
    # call
    Case(
        "call-positional",
        makefile="""\
F = <$(1)|$(2)|$(3)>
$(info [$(call F,a,b)])
all:;@:
""",
        stdout="[<a|b|>]\n",
    ),
    Case(
        "call-zero-is-name",
        makefile="""\
F = $(0):$(1)
$(info [$(call F,x)])
all:;@:
""",
        stdout="[F:x]\n",
    ),
    Case(
        "call-nested-args-restored",
        makefile="""\
IN = in:$(1)
OUT = out:$(1) $(call IN,b) $(1)
$(info [$(call OUT,a)])
all:;@:
""",
        stdout="[out:a in:b a]\n",
    ),
    Case(
        "call-undefined-empty",
        makefile="""\
$(info [$(call NOPE,a)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "call-builtin-name",
        makefile="""\
$(info [$(call subst,a,b,aaa)])
all:;@:
""",
        stdout="[bbb]\n",
    ),
    Case(
        "call-arg-spaces-kept",
        makefile="""\
F = <$(1)><$(2)>
$(info [$(call F, a ,b )])
all:;@:
""",
        stdout="[< a ><b >]\n",
    ),
    Case(
        "call-simple-variable",
        makefile="""\
F := <$(1)>
$(info [$(call F,x)])
all:;@:
""",
        stdout="[<>]\n",
    ),
    Case(
        "call-inner-args-do-not-leak",
        makefile="""\
IN = [$(1)$(2)]
OUT = $(call IN,x)
$(info [$(call OUT,a,b)])
all:;@:
""",
        stdout="[[x]]\n",
    ),
    # value, origin with functions, unknown functions
    Case(
        "value-unexpanded",
        makefile="""\
F = $(X) $$Y
$(info [$(value F)])
all:;@:
""",
        stdout="[$(X) $$Y]\n",
    ),
    Case(
        "value-undefined",
        makefile="""\
$(info [$(value NOPE)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "value-dollar-variable",
        makefile="""\
PATH_LIKE = $$PATH
$(info [$(value PATH_LIKE)])
all:;@:
""",
        stdout="[$$PATH]\n",
    ),
    Case(
        "unknown-function-is-variable",
        makefile="""\
$(info [$(frobnicate a,b)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "function-name-needs-space",
        makefile="""\
$(info [$(subst)])
all:;@:
""",
        stdout="[]\n",
    ),
    # shell
    Case(
        "shell-output-newlines-to-spaces",
        makefile="""\
$(info [$(shell printf 'a\\nb\\n\\n')])
all:;@:
""",
        stdout="[a b]\n",
    ),
    Case(
        "shell-trailing-newline-stripped",
        makefile="""\
$(info [$(shell printf 'x\\n\\n\\n')])
all:;@:
""",
        stdout="[x]\n",
    ),
    Case(
        "shell-carriage-return-kept",
        makefile="""\
$(info [$(words $(shell printf 'a\\r\\nb'))])
all:;@:
""",
        stdout="[2]\n",
    ),
    Case(
        "shell-stderr-passes-through",
        makefile="""\
$(info [$(shell echo err >&2; echo out)])
all:;@:
""",
        stdout="[out]\n",
        stderr="err\n",
    ),
    Case(
        "shell-in-recipe-expansion",
        makefile="""\
all:
\t@echo $(shell echo from-shell)
""",
        stdout="from-shell\n",
    ),
    Case(
        "shell-command-not-found",
        makefile="""\
$(info [$(shell nonexistent_command_xyz 2>/dev/null)$(.SHELLSTATUS)])
all:;@:
""",
        stdout="[127]\n",
    ),
    Case(
        "shell-uses-makefile-shell",
        makefile="""\
SHELL = /bin/sh
$(info [$(shell echo $$0)])
all:;@:
""",
        stdout="[/bin/sh]\n",
    ),
    # eval, file
    Case(
        "eval-returns-empty",
        makefile="""\
$(info [$(eval A = 1)$(A)])
all:;@:
""",
        stdout="[1]\n",
    ),
    Case(
        "file-write-and-read",
        makefile="""\
$(info [$(file >out.txt,hello)$(file <out.txt)])
all:;@:
""",
        stdout="[hello]\n",
    ),
    Case(
        "file-append",
        makefile="""\
$(info [$(file >out.txt,one)$(file >>out.txt,two)$(file <out.txt)])
all:;@:
""",
        stdout="""\
[one
two]
""",
    ),
    Case(
        "file-read-strips-one-newline",
        makefile="""\
$(info [$(file <in.txt)])
all:;@:
""",
        files={"in.txt": """\
a
b

"""},
        stdout="""\
[a
b
]
""",
    ),
    Case(
        "file-read-missing-is-empty",
        makefile="""\
$(info [$(file <missing.txt)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "file-write-no-text-creates-empty",
        makefile="""\
$(file >empty.txt)
all:
\t@wc -c < empty.txt
""",
        stdout="0\n",
    ),
    # GNU make 4.4 takes the file name as one word, so the space before ')' is
    # ignored when reading (src/function.c, func_file); make 4.3 looked for 'out.txt '.
    Case(
        "file-spaces-around-name",
        makefile="""\
$(info [$(file >  out.txt,x)$(file < out.txt )])
all:;@:
""",
        stdout="[x]\n",
        gnu44="4.4 source, src/function.c: file name read as one word",
    ),
    Case(
        "file-bad-operation",
        makefile="""\
$(info [$(file !out.txt,x)])
all:;@:
""",
        stderr="Makefile:1: *** file: invalid file operation: !out.txt.  Stop.\n",
        status=2,
    ),
    Case(
        "file-read-with-text-error",
        makefile="""\
$(info [$(file <in.txt,x)])
all:;@:
""",
        files={"in.txt": "a"},
        stderr="Makefile:1: *** file: too many arguments.  Stop.\n",
        status=2,
    ),
    Case(
        "file-missing-filename",
        makefile="""\
$(info [$(file >)])
all:;@:
""",
        stderr="Makefile:1: *** file: missing filename.  Stop.\n",
        status=2,
    ),
    Case(
        "file-write-to-directory-fails",
        makefile="""\
$(info [$(file >sub,x)])
all:;@:
""",
        files={"sub/keep": ""},
        stderr="Makefile:1: *** open: sub: Is a directory.  Stop.\n",
        status=2,
    ),
    # info, warning, error
    Case(
        "info-to-stdout",
        makefile="""\
$(info  leading and trailing  )
all:;@:
""",
        stdout="leading and trailing  \n",
    ),
    Case(
        "info-needs-space-after-name",
        makefile="""\
$(info)
$(info )
all:;@:
""",
        stdout="\n",
    ),
    Case(
        "info-commas-kept",
        makefile="""\
$(info a,b,c)
all:;@:
""",
        stdout="a,b,c\n",
    ),
    Case(
        "warning-with-location",
        makefile="""\

$(warning careful)
all:;@:
""",
        stderr="Makefile:2: careful\n",
    ),
    Case(
        "warning-in-recipe",
        makefile="""\
all:
\t@echo before
\t@echo $(warning in recipe)after
""",
        stdout="""\
before
after
""",
        stderr="Makefile:3: in recipe\n",
    ),
    Case(
        "error-with-location",
        makefile="""\
A = 1
$(error stop here $(A))
$(info not reached)
all:;@:
""",
        stderr="Makefile:2: *** stop here 1.  Stop.\n",
        status=2,
    ),
    Case(
        "error-in-recipe",
        makefile="""\
all:
\t@echo run
\t$(error in recipe)
""",
        stderr="Makefile:3: *** in recipe.  Stop.\n",
        status=2,
    ),
    Case(
        "error-in-deferred-variable",
        makefile="""\
E = $(error deferred)
all:
\t@echo $(E)
""",
        stderr="Makefile:3: *** deferred.  Stop.\n",
        status=2,
    ),
    Case(
        "error-in-unused-variable-silent",
        makefile="""\
E = $(error never)
all:
\t@echo fine
""",
        stdout="fine\n",
    ),
    Case(
        "warning-in-included-file",
        makefile="""\
include inc.mk
all:;@:
""",
        files={"inc.mk": """\


$(warning from inc)
"""},
        stderr="inc.mk:3: from inc\n",
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_control_function(tmp_path, case):
    check_case(tmp_path, case)
