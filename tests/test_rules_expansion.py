"""Second expansion, grouped targets and quoting in rule lines.

The expected output is GNU make's; cases that GNU make 4.3 prints
differently name the 4.4 change in `gnu44`.
"""

import pytest

from mkrun import Case, check_case, params

CASES = [
    Case(
        "default-goal-keeps-dollar",
        makefile="""\
foo$$bar: bar$$baz ; @echo '$@ : $^'
.DEFAULT: ; @echo '$@'
$(info [$(value .DEFAULT_GOAL)] $(flavor .DEFAULT_GOAL))
""",
        stdout="[foo$bar] simple\nbar$baz\nfoo$bar : bar$baz\n",
    ),
    Case(
        "default-goal-set-when-rule-line-read",
        makefile="""\
foo: ; @:
ifneq ($(.DEFAULT_GOAL),foo)
$(error default goal not set)
endif
.DEFAULT_GOAL :=
bar: ; @echo $@
""",
        stdout="bar\n",
    ),
    Case(
        "second-expansion-order-of-rules",
        makefile="""\
.SECONDEXPANSION:
.DEFAULT: ; @echo '$@'
all: bar
bar: bar.2
bar: bar.1; @:
bar: $$(addsuffix .3,$$@)
""",
        stdout="bar.1\nbar.2\nbar.3\n",
    ),
    Case(
        "second-expansion-double-colon-once-per-rule",
        makefile="""\
.SECONDEXPANSION:
all: t
t:: a $$(info one $$@ [$$^]) ; @:
t:: b $$(info two $$@ [$$^]) ; @:
a b: ; @:
""",
        stdout="one t []\ntwo t []\n",
    ),
    Case(
        "second-expansion-grouped-peer-expanded-late",
        makefile="""\
.SECONDEXPANSION:
world.tsk: world.o $$(info 1 expanding $$@)
hello.tsk world.tsk &: hello.o $$(info 2 expanding $$@); $(info $@ from $<)
hello.o: $$(info expanding $$@); $(info $@)
world.o: $$(info expanding $$@); $(info $@)
""",
        args=("hello.tsk",),
        stdout=("2 expanding hello.tsk\nexpanding hello.o\nhello.o\n"
                "2 expanding world.tsk\n1 expanding world.tsk\n"
                "expanding world.o\nworld.o\nhello.tsk from hello.o\n"
                "pymake: 'hello.tsk' is up to date.\n"),
        gnu44="grouped peers are expanded when the walk reaches them",
    ),
    Case(
        "second-expansion-eval-rule-is-fatal",
        makefile="""\
define rule
x: y
endef
.SECONDEXPANSION:
all: $$(eval $$(rule))
""",
        stderr="pymake: *** prerequisites cannot be defined in recipes.  Stop.\n",
        status=2,
    ),
    Case(
        "recipe-eval-rule-is-fatal",
        makefile="""\
all: ; $(eval x: y)
""",
        stderr=("Makefile:1: *** prerequisites cannot be defined in "
                "recipes.  Stop.\n"),
        status=2,
    ),
    Case(
        "pattern-second-expansion-stops-at-missing-word",
        makefile="""\
.SECONDEXPANSION:
all: 2.x
%.x: 5.z $$(info @=$$@ *=$$* ^=$$^) ;
%.z: ;
""",
        stdout="@=2.x *=2 ^=\npymake: Nothing to be done for 'all'.\n",
        gnu44="automatic variables in pattern second expansion",
    ),
    Case(
        "pattern-second-expansion-sees-explicit-prerequisites",
        makefile="""\
.SECONDEXPANSION:
all: 1.x
1.x: 1.z 2.z 2.z | 3.z
%.x: 9.z $$(info <=$$< ^=$$^ +=$$+ |=$$|) ;
%.z: ;
""",
        stdout=("<=1.z ^=1.z 2.z +=1.z 2.z 2.z |=3.z\n"
                "pymake: Nothing to be done for 'all'.\n"),
        gnu44="automatic variables in pattern second expansion",
    ),
    Case(
        "pattern-second-expansion-stem-in-function",
        makefile="""\
.SECONDEXPANSION:
all: bye.x
%.x: $$(wordlist 1, 9, %.1 %.2) ; @echo '$@ from $^'
.PHONY: bye.1 bye.2
""",
        stdout="bye.x from bye.1 bye.2\n",
        gnu44="'%' after a blank inside a function call is the stem",
    ),
    Case(
        "pattern-second-expansion-directory-stem",
        makefile="""\
.SECONDEXPANSION:
all: q/ux
%x: $$(info $$*) %.dep ; @echo '$*'
%.dep: ; @:
""",
        # The first pass fails on q/u.dep, which the second pass makes,
        # so $$* is printed by both passes and by the recipe.
        stdout="q/u\nq/u\nq/u\n",
    ),
    Case(
        "static-pattern-second-expansion-keeps-dollar",
        makefile="""\
.SECONDEXPANSION:
foo$$bar: f%r: % $$*.1 ; @echo '$*'
oo$$ba oo$$ba.1: ; @echo '$@'
""",
        stdout="oo$ba\noo$ba.1\noo$ba\n",
    ),
    Case(
        "static-pattern-last-rule-gives-stem",
        makefile="""\
all.foo.bar: %.foo.bar: %.one
all.foo.bar: %.bar: %.two
all.foo.bar:
\t@echo $*
\t@echo $^
.DEFAULT:;@:
""",
        stdout="all.foo\nall.one all.foo.two\n",
    ),
    Case(
        "grouped-targets-need-recipe",
        makefile="""\
all: a b
a b&:
""",
        stderr="Makefile:2: *** grouped targets must provide a recipe.  Stop.\n",
        status=2,
    ),
    Case(
        "grouped-double-colon-runs-once",
        makefile="""\
.PHONY: M a b c d e
M: a b c d e
a b c&:: ; @echo X
c d e&:: ; @echo Y
""",
        stdout="X\nY\n",
    ),
    Case(
        "grouped-missing-peer-remakes",
        makefile="""\
gta gtb &: ; @echo making gta gtb
""",
        args=("gta",),
        files={"gta": ""},
        stdout="making gta gtb\n",
        gnu44="a missing grouped peer forces the recipe",
    ),
    Case(
        "escaped-colon-in-names",
        makefile="""\
all: b\\:c
b\\:c: ; @echo '[$@]'
""",
        stdout="[b:c]\n",
    ),
    Case(
        "escaped-colon-in-second-expansion",
        makefile="""\
.PHONY: foo.bar
.SECONDEXPANSION:
foo: $$(@\\:%=%.bar); @echo '$^'
""",
        stdout="foo.bar\n",
    ),
    Case(
        "escaped-space-in-names",
        makefile="""\
all: foo\\ bar
foo\\ bar: ; @echo "[$@]"
""",
        stdout="[foo bar]\n",
    ),
    Case(
        "escaped-hash-in-rule-and-call",
        makefile="""\
self = $1
bar := $(call self,\\#bar\\#)#bar
all: foo\\#x
foo\\#x: ; @echo '$@ $(bar)'
""",
        stdout="foo#x \\#bar\\#\n",
    ),
    Case(
        "target-variable-inherits-environment-export",
        makefile="""\
all: mid
mid: base
mid: hello=mid
base: unexport hello=base
all mid base:; @echo $@ make=$(hello) shell=$$hello
""",
        env={"hello": "environ"},
        stdout=("base make=base shell=\nmid make=mid shell=mid\n"
                "all make=environ shell=environ\n"),
        gnu44="unexport as a target-specific modifier",
    ),
    Case(
        "suffix-rule-prerequisites-ignored",
        makefile="""\
.SUFFIXES:
.SUFFIXES: .biz .baz
.baz.biz: foo.bar ; @echo make $@ from $<
""",
        args=("foo.biz",),
        files={"foo.baz": ""},
        stdout="make foo.biz from foo.baz\n",
        stderr=("Makefile:3: warning: ignoring prerequisites on suffix "
                "rule definition\n"),
        gnu44="suffix rules with prerequisites",
    ),
    Case(
        "order-only-promoted-to-normal",
        makefile="""\
foo: bar | baz
\t@echo '$$^ = $^'
\t@echo '$$| = $|'
foo: baz
bar baz: ; @:
""",
        stdout="$^ = bar baz\n$| = \n",
    ),
    Case(
        "define-lines-inherit-recipe-prefix",
        makefile="""\
define FOO
$(V1)echo hello
$(V2)echo world
endef
all: ; @$(FOO)
""",
        stdout="hello\nworld\n",
    ),
    Case(
        "define-extraneous-text",
        makefile="""\
NAME =
define NAME = $(NAME)
ouch
endef
all: ; @echo ok
""",
        stdout="ok\n",
        stderr="Makefile:2: extraneous text after 'define' directive\n",
    ),
    Case(
        "command-line-beats-default-variable",
        makefile="""\
all: ; @echo '$(ARFLAGS) $(origin ARFLAGS) $(CC) $(origin CC)'
""",
        args=("ARFLAGS=x",),
        env={"CC": "z"},
        stdout="x command line z environment\n",
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_rule_expansion(tmp_path, case):
    check_case(tmp_path, case)
