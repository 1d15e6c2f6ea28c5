"""Reading makefiles: line joining, comments, line ends, recipes and eval."""

import pytest

from mkrun import Case, check_case, params

CASES = [
    # Backslash-newline joining
    Case(
        "join-ordinary-line",
        makefile="""\
X = a \\
    b \\
\tc
$(info [$(X)])
all:;@:
""",
        stdout="[a b c]\n",
    ),
    Case(
        "join-in-rule-line",
        makefile="""\
all: one \\
  two
\t@echo $^
one two:
\t@echo $@
""",
        stdout="""\
one
two
one two
""",
    ),
    Case(
        "join-recipe-kept-for-shell",
        makefile="""\
all:
\t@echo 'a \\
\tb'
\t@echo x\\
y
""",
        stdout="""\
a \\
b
xy
""",
    ),
    Case(
        "join-recipe-echoed",
        makefile="""\
all:
\techo one \\
\ttwo
""",
        stdout="""\
echo one \\
two
one two
""",
    ),
    Case(
        "join-define-body",
        makefile="""\
define V
a \\
b
endef
$(info [$(V)])
all:;@:
""",
        stdout="[a b]\n",
    ),
    Case(
        "join-backslash-pair-before-newline",
        makefile="""\
X = a\\\\
$(info [$(X)])
all:;@:
""",
        stdout="[a\\\\]\n",
    ),
    Case(
        "join-trailing-backslash-at-eof",
        makefile="""\
$(info one)
X = a \\
""",
        stdout="one\n",
        stderr="pymake: *** No targets.  Stop.\n",
        status=2,
    ),
    Case(
        "join-in-comment-continues",
        makefile="""\
# comment \\
$(info hidden)
$(info shown)
all:;@:
""",
        stdout="shown\n",
    ),
    Case(
        "join-collapses-to-one-space",
        makefile="""\
X := 1\\
2
$(info [$(X)])
all:;@:
""",
        stdout="[1 2]\n",
    ),
    # Comments
    Case(
        "comment-after-assignment",
        makefile="""\
X = a b # c
$(info [$(X)])
all:;@:
""",
        stdout="[a b ]\n",
    ),
    Case(
        "comment-escaped-hash",
        makefile="""\
X = a\\#b
$(info [$(X)])
all:;@:
""",
        stdout="[a#b]\n",
    ),
    Case(
        "comment-hash-in-function",
        makefile="""\
X := $(subst -,#,a-b)
$(info [$(X)])
all:;@:
""",
        stdout="[a#b]\n",
    ),
    Case(
        "comment-in-recipe-goes-to-shell",
        makefile="""\
all:
\t@echo a # not shown
\t# shell comment
""",
        stdout="""\
a
# shell comment
""",
    ),
    Case(
        "comment-line-inside-recipe",
        makefile="""\
all:
\t@echo one
# make comment
\t@echo two
""",
        stdout="""\
one
two
""",
    ),
    Case(
        "blank-line-inside-recipe",
        makefile="""\
all:
\t@echo one

\t@echo two
""",
        stdout="""\
one
two
""",
    ),
    Case(
        "comment-after-rule",
        makefile="all: ; @echo hi # trailing\n",
        stdout="hi\n",
    ),
    Case(
        "comment-after-prereqs",
        makefile="""\
all: dep # comment
\t@echo $^
dep:;@:
""",
        stdout="dep\n",
    ),
    # Line ends
    Case(
        "crlf-line-ends",
        makefile=b'X = a\r\n$(info [$(X)])\r\nall:\r\n\t@echo done\r\n',
        stdout="""\
[a]
done
""",
    ),
    Case(
        "crlf-with-continuation",
        makefile=b'X = a \\\r\n  b\r\n$(info [$(X)])\r\nall:;@:\r\n',
        stdout="[a b]\n",
    ),
    Case(
        "final-line-without-newline",
        makefile="""\
all:
\t@echo last""",
        stdout="last\n",
    ),
    Case(
        "final-assignment-without-newline",
        makefile="""\
all:
\t@echo $(X)
X = tail""",
        stdout="tail\n",
    ),
    # Recipe prefix and recipes after a semicolon
    Case(
        "recipeprefix-changed",
        makefile="""\
.RECIPEPREFIX = >
all:
>@echo gt
""",
        stdout="gt\n",
    ),
    Case(
        "recipeprefix-changed-mid-file",
        makefile="""\
all: one two
one:
\t@echo tab
.RECIPEPREFIX := +
two:
+@echo plus
""",
        stdout="""\
tab
plus
""",
    ),
    Case(
        "recipeprefix-reset-to-tab",
        makefile="""\
.RECIPEPREFIX = >
one:
>@echo a
.RECIPEPREFIX =
two:
\t@echo b
all: one two
""",
        args=("one", "two"),
        stdout="""\
a
b
""",
    ),
    Case(
        "recipeprefix-tab-not-recipe",
        makefile="""\
.RECIPEPREFIX = >
all:
\t@echo tab
""",
        stderr="Makefile:3: *** missing separator.  Stop.\n",
        status=2,
    ),
    Case(
        "recipe-after-semicolon",
        makefile="""\
all: dep ; @echo first $^
\t@echo second
dep: ;
""",
        stdout="""\
first dep
second
""",
    ),
    Case(
        "recipe-semicolon-no-prereqs",
        makefile="all:;@echo  spaced   out\n",
        stdout="spaced out\n",
    ),
    Case(
        "recipe-semicolon-in-variable",
        makefile="""\
R := all: ; @echo from var
$(R)
""",
        stdout="from var\n",
    ),
    Case(
        "recipe-line-after-assignment",
        makefile="""\
all:
\t@echo one
X = 1
\t@echo two
""",
        stderr="Makefile:4: *** recipe commences before first target.  Stop.\n",
        status=2,
    ),
    Case(
        "rule-colon-from-variable",
        makefile="""\
C := :
all $C dep
\t@echo $@
dep $C
\t@echo $@
""",
        stdout="""\
dep
all
""",
    ),
    Case(
        "rule-from-variable-whole",
        makefile="""\
RULE = all: dep
$(RULE)
\t@echo built $@ from $<
dep:
\t@echo dep
""",
        stdout="""\
dep
built all from dep
""",
    ),
    Case(
        "recipe-tab-line-before-rule",
        makefile="""\
X = 1
\t$(info tab-led)
all:;@:
""",
        stderr="Makefile:2: *** recipe commences before first target.  Stop.\n",
        status=2,
    ),
    Case(
        "recipe-at-dash-plus-prefixes",
        makefile="""\
all:
\t@-false
\t-@echo after
""",
        stdout="after\n",
        stderr="pymake: [Makefile:2: all] Error 1 (ignored)\n",
    ),
    # $(eval)
    Case(
        "eval-defines-variable",
        makefile="""\
$(eval X = evaluated)
$(info [$(X)])
all:;@:
""",
        stdout="[evaluated]\n",
    ),
    Case(
        "eval-defines-rule",
        makefile="""\
define RULE
all: dep
\t@echo all from $$<
dep:
\t@echo dep
endef
$(eval $(RULE))
""",
        stdout="""\
dep
all from dep
""",
    ),
    Case(
        "eval-rule-template-call",
        makefile="""\
define TPL
$(1):
\t@echo making $(1)
endef
$(foreach t,a b,$(eval $(call TPL,$(t))))
all: a b
""",
        args=("all",),
        stdout="""\
making a
making b
""",
    ),
    Case(
        "eval-expands-to-empty",
        makefile="""\
X := $(eval Y := 1)
$(info [$(X)] [$(Y)])
all:;@:
""",
        stdout="[] [1]\n",
    ),
    Case(
        "eval-inside-recipe",
        makefile="""\
all:
\t$(eval DONE := yes)
\t@echo done=$(DONE)
""",
        stdout="done=yes\n",
    ),
    Case(
        "eval-in-recipe-defines-global",
        makefile="""\
all: first second
first:
\t@echo first $(eval SEEN := from-first)
second:
\t@echo second $(SEEN)
""",
        stdout="""\
first
second from-first
""",
    ),
    Case(
        "eval-multiline-value",
        makefile="""\
define BODY
A := 1
B := 2
endef
$(eval $(BODY))
$(info $(A)$(B))
all:;@:
""",
        stdout="12\n",
    ),
    Case(
        "eval-syntax-error",
        makefile="""\
$(eval x y z)
all:;@:
""",
        stderr="Makefile:1: *** missing separator.  Stop.\n",
        status=2,
    ),
    Case(
        "eval-nested-dollars",
        makefile="""\
$(eval X = $$(Y))
Y = late
$(info [$(X)] [$(value X)])
all:;@:
""",
        stdout="[late] [$(Y)]\n",
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_reading(tmp_path, case):
    check_case(tmp_path, case)
