"""Fatal and non-fatal makefile errors and their messages."""

import pytest

from mkrun import Case, check_case, params

CASES = [
    Case(
        "missing-separator",
        makefile="""\
all:;@:
junk here
""",
        stderr="Makefile:2: *** missing separator.  Stop.\n",
        status=2,
    ),
    Case(
        "missing-separator-eight-spaces",
        makefile="""\
all:
        @echo spaces
""",
        stderr="Makefile:2: *** missing separator (did you mean TAB instead of 8 spaces?).  Stop.\n",
        status=2,
    ),
    Case(
        "missing-separator-in-include",
        makefile="""\
include inc.mk
all:;@:
""",
        files={"inc.mk": """\

bad line
"""},
        stderr="inc.mk:2: *** missing separator.  Stop.\n",
        status=2,
    ),
    Case(
        "unterminated-variable-reference",
        makefile="""\
X = $(A
$(info $(X))
all:;@:
""",
        stderr="Makefile:1: *** unterminated variable reference.  Stop.\n",
        status=2,
    ),
    Case(
        "unterminated-reference-in-rule",
        makefile="""\
all: $(A
\t@echo x
""",
        stderr="Makefile:1: *** unterminated variable reference.  Stop.\n",
        status=2,
    ),
    Case(
        "unterminated-function-call",
        makefile="""\
$(info $(subst a,b,c)
all:;@:
""",
        stderr="Makefile:1: *** unterminated call to function 'info': missing ')'.  Stop.\n",
        status=2,
    ),
    Case(
        "recipe-before-first-target",
        makefile="""\
\t@echo orphan
all:;@:
""",
        stderr="Makefile:1: *** recipe commences before first target.  Stop.\n",
        status=2,
    ),
    Case(
        "no-targets",
        makefile="X = 1\n",
        stderr="pymake: *** No targets.  Stop.\n",
        status=2,
    ),
    Case(
        "no-targets-empty-makefile",
        makefile="",
        stderr="pymake: *** No targets.  Stop.\n",
        status=2,
    ),
    Case(
        "no-makefile-found",
        makefile="",
        args=("-f", "missing.mk"),
        stderr="""\
pymake: missing.mk: No such file or directory
pymake: *** No rule to make target 'missing.mk'.  Stop.
""",
        status=2,
    ),
    Case(
        "no-rule-for-goal",
        makefile="all:;@:\n",
        args=("x",),
        stderr="pymake: *** No rule to make target 'x'.  Stop.\n",
        status=2,
    ),
    Case(
        "no-rule-for-prerequisite",
        makefile="""\
all: x
\t@:
""",
        stderr="pymake: *** No rule to make target 'x', needed by 'all'.  Stop.\n",
        status=2,
    ),
    Case(
        "no-rule-with-k",
        makefile="""\
all: x
\t@:
""",
        args=("-k",),
        stderr="""\
pymake: *** No rule to make target 'x', needed by 'all'.
pymake: Target 'all' not remade because of errors.
""",
        status=2,
    ),
    Case(
        "missing-endef",
        makefile="""\
define V
body
all:;@:
""",
        stderr="Makefile:1: *** missing 'endef', unterminated 'define'.  Stop.\n",
        status=2,
    ),
    Case(
        "missing-endef-location",
        makefile="""\
A = 1

define V
body
""",
        stderr="Makefile:3: *** missing 'endef', unterminated 'define'.  Stop.\n",
        status=2,
    ),
    Case(
        "define-empty-name",
        makefile="""\
define
x
endef
all:;@:
""",
        stderr="Makefile:1: *** empty variable name.  Stop.\n",
        status=2,
    ),
    Case(
        "empty-variable-name",
        makefile="""\
 = value
all:;@:
""",
        stderr="Makefile:1: *** empty variable name.  Stop.\n",
        status=2,
    ),
    Case(
        "error-function-stops",
        makefile="""\
$(error custom failure)
all:;@:
""",
        stderr="Makefile:1: *** custom failure.  Stop.\n",
        status=2,
    ),
    Case(
        "error-function-empty-message",
        makefile="""\
$(error )
all:;@:
""",
        stderr="Makefile:1: *** .  Stop.\n",
        status=2,
    ),
    Case(
        "warning-function-continues",
        makefile="""\
$(warning first)
$(info after)
all:;@:
""",
        stdout="after\n",
        stderr="Makefile:1: first\n",
    ),
    Case(
        "recipe-failure-status",
        makefile="""\
all:
\t@exit 3
""",
        stderr="pymake: *** [Makefile:2: all] Error 3\n",
        status=2,
    ),
    Case(
        "recipe-failure-echoed-command",
        makefile="""\
all:
\tfalse
""",
        stdout="false\n",
        stderr="pymake: *** [Makefile:2: all] Error 1\n",
        status=2,
    ),
    Case(
        "recipe-failure-ignored-with-i",
        makefile="""\
all:
\t@false
\t@echo continued
""",
        args=("-i",),
        stdout="continued\n",
        stderr="pymake: [Makefile:2: all] Error 1 (ignored)\n",
    ),
    Case(
        "recursive-variable-loop",
        makefile="""\
A = $(B)
B = $(A)
all:
\t@echo $(A)
""",
        stderr="Makefile:1: *** Recursive variable 'A' references itself (eventually).  Stop.\n",
        status=2,
    ),
    Case(
        "nothing-to-be-done",
        makefile="all:\n",
        stdout="pymake: Nothing to be done for 'all'.\n",
    ),
    Case(
        "target-up-to-date",
        makefile="""\
file.txt:
\t@echo never
""",
        files={"file.txt": "x"},
        stdout="pymake: 'file.txt' is up to date.\n",
    ),
    Case(
        "mixed-implicit-explicit-rule",
        makefile="""\
a %.o: b
\t@:
""",
        stderr="""\
Makefile:1: *** mixed implicit and normal rules: deprecated syntax
pymake: *** No rule to make target 'b', needed by 'a'.  Stop.
""",
        status=2,
    ),
    Case(
        "target-pattern-without-percent",
        makefile="""\
a.o: foo: %.c
\t@:
""",
        stderr="Makefile:1: *** target pattern contains no '%'.  Stop.\n",
        status=2,
    ),
    Case(
        "recipe-line-with-only-tab",
        makefile="""\
all:
\t
\t@echo after-empty-line
""",
        stdout="after-empty-line\n",
    ),
    # GNU make gives every line of $(eval) text the line number of the
    # $(eval) call. A recipe error adds the failing line's index in the
    # recipe (0 for the first line).
    Case(
        "eval-recipe-error-line",
        makefile="""\
all: x.a x.b
define rule
x.$(1):

\t@exit 3
endef


$(foreach n,a b,$(eval $(call rule,$(n))))
""",
        args=("-k",),
        stderr="""\
pymake: *** [Makefile:9: x.a] Error 3
pymake: *** [Makefile:9: x.b] Error 3
pymake: Target 'all' not remade because of errors.
""",
        status=2,
    ),
    Case(
        "eval-second-recipe-line-error-line",
        makefile="""\
define rule
x:
\t@true
\t@exit 4
endef

$(eval $(rule))
""",
        stderr="pymake: *** [Makefile:8: x] Error 4\n",
        status=2,
    ),
    Case(
        "eval-missing-separator-line",
        makefile="""\
define rule
x: ; @true


junk
endef

$(eval $(rule))
""",
        stderr="Makefile:8: *** missing separator.  Stop.\n",
        status=2,
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_error(tmp_path, case):
    check_case(tmp_path, case)
