"""Variable flavors, appending, define, undefine, override, export and scoping."""

import pytest

from mkrun import Case, check_case, params

CASES = [
    # Flavors
    Case(
        "recursive-expands-late",
        makefile="""\
A = $(B)
B = late
$(info [$(A)] $(flavor A))
all:;@:
""",
        stdout="[late] recursive\n",
    ),
    Case(
        "simple-expands-now",
        makefile="""\
B = early
A := $(B)
B = late
$(info [$(A)] $(flavor A))
all:;@:
""",
        stdout="[early] simple\n",
    ),
    Case(
        "posix-simple-double-colon",
        makefile="""\
B = early
A ::= $(B)
B = late
$(info [$(A)] $(flavor A))
all:;@:
""",
        stdout="[early] simple\n",
    ),
    # make 4.3 rejects ':::=' ("empty variable name"); expected output follows the 4.4.1 manual:
    # the value is expanded once, its '$' are doubled and the variable is recursive.
    Case(
        "immediate-escaped-triple-colon",
        makefile="""\
B = early
A :::= $(B) $$(C)
B = late
C = c
$(info [$(A)] [$(value A)] $(flavor A))
all:;@:
""",
        stdout="[early $(C)] [early $$(C)] recursive\n",
        gnu44="New ':::=' assignment operator (4.4 manual, Setting Variables)",
    ),
    # The 4.4.1 manual: a ':::=' variable is recursive afterwards, so '+=' appends
    # the text unexpanded.
    Case(
        "immediate-append-stays-recursive",
        makefile="""\
X = one
A :::= $(X)
A += $(Y)
Y = y
$(info [$(A)] [$(value A)] $(flavor A))
all:;@:
""",
        stdout="[one y] [one $(Y)] recursive\n",
        gnu44="New ':::=' assignment operator (4.4 manual, Appending)",
    ),
    Case(
        "conditional-assign-unset",
        makefile="""\
A ?= set
$(info [$(A)] $(flavor A))
all:;@:
""",
        stdout="[set] recursive\n",
    ),
    Case(
        "conditional-assign-set-empty",
        makefile="""\
A =
A ?= ignored
$(info [$(A)] $(origin A))
all:;@:
""",
        stdout="[] file\n",
    ),
    Case(
        "conditional-assign-environment",
        makefile="""\
A ?= ignored
$(info [$(A)] $(origin A))
all:;@:
""",
        env={"A": "fromenv"},
        stdout="[fromenv] environment\n",
    ),
    Case(
        "conditional-assign-is-recursive",
        makefile="""\
A ?= $(B)
B = late
$(info [$(A)] $(flavor A))
all:;@:
""",
        stdout="[late] recursive\n",
    ),
    Case(
        "shell-assign",
        makefile="""\
A != printf 'a\\nb\\n'
$(info [$(A)] $(flavor A))
all:;@:
""",
        stdout="[a b] recursive\n",
    ),
    Case(
        "shell-assign-dollar-escaped",
        makefile="""\
A != echo '$$$$HOME'
$(info [$(value A)])
all:;@:
""",
        stdout="[$$HOME]\n",
    ),
    Case(
        "self-reference-error",
        makefile="""\
A = $(A) more
$(info $(A))
all:;@:
""",
        stderr="Makefile:1: *** Recursive variable 'A' references itself (eventually).  Stop.\n",
        status=2,
    ),
    Case(
        "simple-self-reference-ok",
        makefile="""\
A := one
A := $(A) two
$(info [$(A)])
all:;@:
""",
        stdout="[one two]\n",
    ),
    Case(
        "spaces-around-value-stripped",
        makefile="""\
A =    lead and trail   
$(info [$(A)])
all:;@:
""",
        stdout="[lead and trail   ]\n",
    ),
    Case(
        "trailing-space-kept-by-empty-var",
        makefile="""\
E :=
A = x $(E)
$(info [$(A)])
all:;@:
""",
        stdout="[x ]\n",
    ),
    Case(
        "space-variable-trick",
        makefile="""\
E :=
S := $(E) $(E)
$(info [a$(S)b])
all:;@:
""",
        stdout="[a b]\n",
    ),
    Case(
        "dollar-dollar",
        makefile="""\
A := $$HOME $$$$
$(info [$(A)])
all:
\t@echo '$$$$' | tr -d '0-9'
""",
        stdout="""\
[$HOME $$]
$$
""",
    ),
    # Appending
    Case(
        "append-recursive-stays-recursive",
        makefile="""\
A = $(B)
A += x
B = b
$(info [$(A)] $(flavor A))
all:;@:
""",
        stdout="[b x] recursive\n",
    ),
    Case(
        "append-simple-expands-now",
        makefile="""\
A := one
A += $(B)
B = b
$(info [$(A)] $(flavor A))
all:;@:
""",
        stdout="[one] simple\n",
    ),
    Case(
        "append-undefined-is-recursive",
        makefile="""\
A += $(B)
B = b
$(info [$(A)] $(flavor A))
all:;@:
""",
        stdout="[b] recursive\n",
    ),
    Case(
        "append-to-empty-no-space",
        makefile="""\
A :=
A += x
$(info [$(A)])
all:;@:
""",
        stdout="[x]\n",
    ),
    Case(
        "append-empty-no-trailing-space",
        makefile="""\
A := x
A +=
$(info [$(A)])
all:;@:
""",
        stdout="[x]\n",
    ),
    Case(
        "append-to-environment",
        makefile="""\
A += mk
$(info [$(A)] $(origin A))
all:;@:
""",
        env={"A": "env"},
        stdout="[env mk] file\n",
    ),
    Case(
        "append-to-command-line-ignored",
        makefile="""\
A += mk
$(info [$(A)])
all:;@:
""",
        args=("A=cmd",),
        stdout="[cmd]\n",
    ),
    Case(
        "append-override-to-command-line",
        makefile="""\
override A += mk
$(info [$(A)])
all:;@:
""",
        args=("A=cmd",),
        stdout="[cmd mk]\n",
    ),
    Case(
        "append-to-shell-assign",
        makefile="""\
A != echo one
A += two
$(info [$(A)] $(flavor A))
all:;@:
""",
        stdout="[one two] recursive\n",
    ),
    # define and endef
    Case(
        "define-plain",
        makefile="""\
define V
line one
line two
endef
$(info [$(V)])
all:;@:
""",
        stdout="""\
[line one
line two]
""",
    ),
    Case(
        "define-simple-operator",
        makefile="""\
B = early
define V :=
$(B)
endef
B = late
$(info [$(V)] $(flavor V))
all:;@:
""",
        stdout="[early] simple\n",
    ),
    Case(
        "define-recursive-operator",
        makefile="""\
define V =
$(B)
endef
B = late
$(info [$(V)] $(flavor V))
all:;@:
""",
        stdout="[late] recursive\n",
    ),
    Case(
        "define-append-operator",
        makefile="""\
V = first
define V +=
second
endef
$(info [$(V)])
all:;@:
""",
        stdout="[first second]\n",
    ),
    Case(
        "define-conditional-operator",
        makefile="""\
V = kept
define V ?=
ignored
endef
define W ?=
new
endef
$(info [$(V)] [$(W)])
all:;@:
""",
        stdout="[kept] [new]\n",
    ),
    Case(
        "define-shell-operator",
        makefile="""\
define V !=
echo from shell
endef
$(info [$(V)])
all:;@:
""",
        stdout="[from shell]\n",
    ),
    Case(
        "define-nested",
        makefile="""\
define OUTER
define INNER
in
endef
endef
$(eval $(OUTER))
$(info [$(INNER)])
all:;@:
""",
        stdout="[in]\n",
    ),
    Case(
        "define-keeps-blank-lines",
        makefile="""\
define V

a

endef
$(info [$(V)])
all:;@:
""",
        stdout="""\
[
a
]
""",
    ),
    Case(
        "define-empty",
        makefile="""\
define V
endef
$(info [$(V)] $(flavor V))
all:;@:
""",
        stdout="[] recursive\n",
    ),
    Case(
        "define-as-recipe",
        makefile="""\
define CMDS
@echo one
@echo two
endef
all:
\t$(CMDS)
""",
        stdout="""\
one
two
""",
    ),
    Case(
        "define-endef-with-comment",
        makefile="""\
define V
x
endef # done
$(info [$(V)])
all:;@:
""",
        stdout="[x]\n",
    ),
    Case(
        "define-indented-endef",
        makefile="""\
define V
x
  endef
$(info [$(V)])
all:;@:
""",
        stdout="[x]\n",
    ),
    Case(
        "define-extraneous-text-after-endef",
        makefile="""\
define V
x
endef junk
$(info [$(V)])
all:;@:
""",
        stdout="[x]\n",
        stderr="Makefile:3: extraneous text after 'endef' directive\n",
    ),
    # undefine
    Case(
        "undefine-variable",
        makefile="""\
A = 1
undefine A
$(info [$(A)] $(origin A) $(flavor A))
all:;@:
""",
        stdout="[] undefined undefined\n",
    ),
    Case(
        "undefine-environment",
        makefile="""\
undefine HOME
$(info [$(HOME)] $(origin HOME))
all:;@:
""",
        env={"HOME": "/home"},
        stdout="[] undefined\n",
    ),
    Case(
        "undefine-command-line-ignored",
        makefile="""\
undefine A
$(info [$(A)])
all:;@:
""",
        args=("A=cmd",),
        stdout="[cmd]\n",
    ),
    Case(
        "undefine-override",
        makefile="""\
override undefine A
$(info [$(A)] $(origin A))
all:;@:
""",
        args=("A=cmd",),
        stdout="[] undefined\n",
    ),
    # override
    Case(
        "override-beats-command-line",
        makefile="""\
override A = mk
$(info [$(A)] $(origin A))
all:;@:
""",
        args=("A=cmd",),
        stdout="[mk] override\n",
    ),
    Case(
        "command-line-beats-file",
        makefile="""\
A = mk
$(info [$(A)] $(origin A))
all:;@:
""",
        args=("A=cmd",),
        stdout="[cmd] command line\n",
    ),
    Case(
        "override-then-plain-ignored",
        makefile="""\
override A = first
A = second
$(info [$(A)])
all:;@:
""",
        stdout="[first]\n",
    ),
    Case(
        "override-define",
        makefile="""\
override define A
from define
endef
$(info [$(A)] $(origin A))
all:;@:
""",
        args=("A=cmd",),
        stdout="[from define] override\n",
    ),
    # export and unexport
    Case(
        "export-to-recipe",
        makefile="""\
export A = exported
B = local
all:
\t@echo "[$$A] [$$B]"
""",
        stdout="[exported] []\n",
    ),
    Case(
        "export-name-only",
        makefile="""\
A = later
export A
all:
\t@echo "[$$A]"
""",
        stdout="[later]\n",
    ),
    Case(
        "unexport-environment",
        makefile="""\
unexport HOME2
all:
\t@echo "[$$HOME2]"
""",
        env={"HOME2": "set"},
        stdout="[]\n",
    ),
    Case(
        "environment-passed-through",
        makefile="""\
all:
\t@echo "[$$FROMENV]"
""",
        env={"FROMENV": "yes"},
        stdout="[yes]\n",
    ),
    Case(
        "file-overrides-environment-exported",
        makefile="""\
FROMENV = file
all:
\t@echo "[$$FROMENV]"
""",
        env={"FROMENV": "env"},
        stdout="[file]\n",
    ),
    Case(
        "export-all",
        makefile="""\
export
A = a
B = b
all:
\t@env | grep '^[AB]=' | sort
""",
        stdout="""\
A=a
B=b
""",
    ),
    Case(
        "unexport-after-export-all",
        makefile="""\
export
A = a
unexport B
B = b
all:
\t@env | grep '^[AB]=' | sort
""",
        stdout="A=a\n",
    ),
    Case(
        "export-invalid-name-skipped",
        makefile="""\
export A.B = dotted
export C = ok
all:
\t@env | grep -c '^A.B=' ; env | grep '^C='
""",
        stdout="""\
0
C=ok
""",
    ),
    Case(
        "command-line-var-exported",
        makefile="""\
all:
\t@echo "[$$CLV]"
""",
        args=("CLV=cmd",),
        stdout="[cmd]\n",
    ),
    # Exported makefile variables reach $(shell) since 4.4 (NEWS: "all exported
    # variables are exported to $(shell ...)").
    Case(
        "export-to-shell-function",
        makefile="""\
export A = seen
X := $(shell echo "[$$A]")
$(info $(X))
all:;@:
""",
        stdout="[seen]\n",
        gnu44="NEWS 4.4: exported variables are exported to $(shell ...)",
    ),
    Case(
        "target-export-without-value-is-prereq",
        makefile="""\
all: A = ts
all: export A
all:
\t@echo "[$$A]"
""",
        stderr="pymake: *** No rule to make target 'export', needed by 'all'.  Stop.\n",
        status=2,
    ),
    Case(
        "export-target-specific",
        makefile="""\
all: export A = ts
all: dep
\t@echo "all [$$A]"
dep:
\t@echo "dep [$$A]"
""",
        stdout="""\
dep [ts]
all [ts]
""",
    ),
    # NEWS 4.4: "Target-specific variables can now be marked unexport", and the
    # attribute of the most specific setting is used.
    Case(
        "unexport-target-specific",
        makefile="""\
export A = global
all: unexport A = ts
all:
\t@echo "[$$A] [$(A)]"
""",
        stdout="[] [ts]\n",
        gnu44="NEWS 4.4: target-specific variables can now be marked unexport",
    ),
    Case(
        "export-and-assign-in-recipe-env",
        makefile="""\
export PATH_EXTRA := x y
all:
\t@printenv PATH_EXTRA
""",
        stdout="x y\n",
    ),
    # private
    Case(
        "private-not-inherited",
        makefile="""\
all: private P = top
all: dep
\t@echo "all [$(P)]"
dep:
\t@echo "dep [$(P)]"
""",
        stdout="""\
dep []
all [top]
""",
    ),
    Case(
        "private-global-hidden-from-targets",
        makefile="""\
private G = global
$(info [$(G)])
all:
\t@echo "[$(G)]"
""",
        stdout="""\
[global]
[]
""",
    ),
    # NEWS 4.4.1: a private parent target-specific variable no longer passes its export
    # attribute on to prerequisites.
    Case(
        "private-export-not-inherited",
        makefile="""\
A = global
all: private export A = top
all: dep
\t@echo "all [$$A]"
dep:
\t@echo "dep [$$A]"
""",
        stdout="""\
dep []
all [top]
""",
        gnu44="NEWS 4.4.1: private parent target-specific variables have no effect on export",
    ),
    # Target-specific and pattern-specific variables
    Case(
        "target-var-inherited-by-prereq",
        makefile="""\
X = global
all: X = target
all: dep
\t@echo all $(X)
dep:
\t@echo dep $(X)
""",
        stdout="""\
dep target
all target
""",
    ),
    Case(
        "target-var-not-for-direct-goal",
        makefile="""\
X = global
all: X = target
all: dep
\t@:
dep:
\t@echo dep $(X)
""",
        args=("dep",),
        stdout="dep global\n",
    ),
    Case(
        "target-var-append",
        makefile="""\
X = global
all: X += more
all:
\t@echo $(X)
""",
        stdout="global more\n",
    ),
    Case(
        "target-var-simple",
        makefile="""\
Y = one
all: X := $(Y)
Y = two
all:
\t@echo $(X)
""",
        stdout="one\n",
    ),
    Case(
        "target-var-override",
        makefile="""\
all: override X = ts
all:
\t@echo $(X)
""",
        args=("X=cmd",),
        stdout="ts\n",
    ),
    Case(
        "target-var-not-visible-at-parse",
        makefile="""\
all: X = ts
$(info [$(X)])
all:
\t@echo [$(X)]
""",
        stdout="""\
[]
[ts]
""",
    ),
    Case(
        "target-var-multiple-targets",
        makefile="""\
a b: X = shared
all: a b
a b:
\t@echo $@ $(X)
""",
        args=("a", "b"),
        stdout="""\
a shared
b shared
""",
    ),
    Case(
        "target-var-conditional",
        makefile="""\
X = global
all: X ?= ts
all: Y ?= ts
all:
\t@echo $(X) $(Y)
""",
        stdout="global ts\n",
    ),
    Case(
        "target-var-append-to-global-recursive",
        makefile="""\
X = $(Y)
all: X += ts
Y = late
all:
\t@echo $(X)
""",
        stdout="late ts\n",
    ),
    Case(
        "pattern-var",
        makefile="""\
%.o: X = pattern
all: a.o
\t@echo all [$(X)]
a.o:
\t@echo $@ [$(X)]
""",
        stdout="""\
a.o [pattern]
all []
""",
    ),
    Case(
        "pattern-var-more-specific-wins",
        makefile="""\
%.o: X = short
sub/%.o: X = long
all: sub/a.o b.o
sub/a.o b.o:
\t@echo $@ $(X)
""",
        args=("sub/a.o", "b.o"),
        stdout="""\
sub/a.o long
b.o short
""",
    ),
    Case(
        "pattern-var-target-var-wins",
        makefile="""\
%.o: X = pattern
a.o: X = target
a.o:
\t@echo $(X)
""",
        args=("a.o",),
        stdout="target\n",
    ),
    Case(
        "pattern-var-append-to-target",
        makefile="""\
%.o: X += pattern
a.o: X = target
a.o:
\t@echo $(X)
""",
        args=("a.o",),
        stdout="target\n",
    ),
    Case(
        "target-var-inherit-chain",
        makefile="""\
top: X = top
top: mid
\t@echo top $(X)
mid: bottom
\t@echo mid $(X)
bottom:
\t@echo bottom $(X)
""",
        stdout="""\
bottom top
mid top
top top
""",
    ),
    # Computed names and substitution references
    Case(
        "computed-name",
        makefile="""\
A_1 = one
N = 1
$(info [$(A_$(N))])
all:;@:
""",
        stdout="[one]\n",
    ),
    Case(
        "computed-name-nested",
        makefile="""\
X = Y
Y = Z
Z = end
$(info [$($($(X)))])
all:;@:
""",
        stdout="[end]\n",
    ),
    Case(
        "computed-name-on-left",
        makefile="""\
N = dyn
$(N)_var = set
$(info [$(dyn_var)])
all:;@:
""",
        stdout="[set]\n",
    ),
    Case(
        "substitution-reference",
        makefile="""\
S = a.c b.c c.h
$(info [$(S:.c=.o)])
all:;@:
""",
        stdout="[a.o b.o c.h]\n",
    ),
    Case(
        "substitution-reference-pattern",
        makefile="""\
S = a.c b.c
$(info [$(S:%.c=obj/%.o)])
all:;@:
""",
        stdout="[obj/a.o obj/b.o]\n",
    ),
    Case(
        "substitution-reference-braces",
        makefile="""\
S = a.c
$(info [${S:.c=.o}])
all:;@:
""",
        stdout="[a.o]\n",
    ),
    Case(
        "substitution-reference-only-word-end",
        makefile="""\
S = a.c.c x.cc
$(info [$(S:.c=.o)])
all:;@:
""",
        stdout="[a.c.o x.cc]\n",
    ),
    Case(
        "single-letter-variable",
        makefile="""\
X = ex
$(info [$X] [$Xy])
all:;@:
""",
        stdout="[ex] [exy]\n",
    ),
    Case(
        "braces-reference",
        makefile="""\
X = ex
$(info [${X}])
all:;@:
""",
        stdout="[ex]\n",
    ),
    Case(
        "undefined-variable-empty",
        makefile="""\
$(info [$(NOPE)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "variable-name-with-spaces-in-ref",
        makefile="""\
X = ex
$(info [$( X )])
all:;@:
""",
        stdout="[]\n",
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_variables(tmp_path, case):
    check_case(tmp_path, case)
