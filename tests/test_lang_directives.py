"""Conditional directives, include and vpath."""

import pytest

from mkrun import Case, check_case, params

CASES = [
    # ifeq and ifneq
    Case(
        "ifeq-parens-true",
        makefile="""\
ifeq ($(A),x)
$(info yes)
else
$(info no)
endif
all:;@:
""",
        args=("A=x",),
        stdout="yes\n",
    ),
    Case(
        "ifeq-parens-false",
        makefile="""\
ifeq ($(A),x)
$(info yes)
else
$(info no)
endif
all:;@:
""",
        stdout="no\n",
    ),
    Case(
        "ifeq-single-quotes",
        makefile="""\
ifeq 'a b' 'a b'
$(info same)
endif
all:;@:
""",
        stdout="same\n",
    ),
    Case(
        "ifeq-double-quotes",
        makefile="""\
ifeq "a" 'a'
$(info mixed quotes)
endif
all:;@:
""",
        stdout="mixed quotes\n",
    ),
    Case(
        "ifeq-parens-inner-spaces-stripped",
        makefile="""\
ifeq (a ,  a)
$(info same)
endif
all:;@:
""",
        stdout="same\n",
    ),
    Case(
        "ifeq-parens-leading-space-kept",
        makefile="""\
ifeq ( a,a)
$(info same)
else
$(info differ)
endif
all:;@:
""",
        stdout="differ\n",
    ),
    Case(
        "ifeq-parens-trailing-space-kept",
        makefile="""\
ifeq (a,a )
$(info same)
else
$(info differ)
endif
all:;@:
""",
        stdout="differ\n",
    ),
    Case(
        "ifeq-quotes-keep-whitespace",
        makefile="""\
ifeq ' a' 'a'
$(info equal)
else
$(info differ)
endif
all:;@:
""",
        stdout="differ\n",
    ),
    Case(
        "ifeq-empty-args",
        makefile="""\
ifeq (,$(NOPE))
$(info empty)
endif
all:;@:
""",
        stdout="empty\n",
    ),
    Case(
        "ifeq-comma-in-function",
        makefile="""\
ifeq ($(subst a,b,a),b)
$(info function comma ok)
endif
all:;@:
""",
        stdout="function comma ok\n",
    ),
    Case(
        "ifneq-basic",
        makefile="""\
ifneq (a,b)
$(info differ)
endif
all:;@:
""",
        stdout="differ\n",
    ),
    # GNU make 4.4 explains this missing separator (src/read.c,
    # conditional_line); NEWS does not list it.
    Case(
        "ifeq-no-space-error",
        makefile="""\
ifeq(a,a)
$(info x)
endif
all:;@:
""",
        stderr="Makefile:1: *** missing separator (ifeq/ifneq must be followed by whitespace).  Stop.\n",
        status=2,
        gnu44="4.4 source, src/read.c: 'ifeq/ifneq must be followed by whitespace' message",
    ),
    Case(
        "ifeq-invalid-syntax",
        makefile="""\
ifeq (a,b
$(info x)
endif
all:;@:
""",
        stderr="Makefile:1: *** invalid syntax in conditional.  Stop.\n",
        status=2,
    ),
    Case(
        "ifeq-extra-text",
        makefile="""\
ifeq (a,a) junk
$(info x)
endif
all:;@:
""",
        stdout="x\n",
        stderr="Makefile:1: extraneous text after 'ifeq' directive\n",
    ),
    # ifdef and ifndef
    Case(
        "ifdef-defined",
        makefile="""\
A = 1
ifdef A
$(info defined)
endif
all:;@:
""",
        stdout="defined\n",
    ),
    Case(
        "ifdef-empty-is-undefined",
        makefile="""\
A =
ifdef A
$(info defined)
else
$(info not defined)
endif
all:;@:
""",
        stdout="not defined\n",
    ),
    Case(
        "ifdef-does-not-expand-value",
        makefile="""\
E =
A = $(E)
ifdef A
$(info defined)
endif
all:;@:
""",
        stdout="defined\n",
    ),
    Case(
        "ifdef-computed-name",
        makefile="""\
A = 1
N = A
ifdef $(N)
$(info via name)
endif
all:;@:
""",
        stdout="via name\n",
    ),
    Case(
        "ifndef-undefined",
        makefile="""\
ifndef NOPE
$(info undefined)
endif
all:;@:
""",
        stdout="undefined\n",
    ),
    Case(
        "ifdef-environment",
        makefile="""\
ifdef FROMENV
$(info env defined)
endif
all:;@:
""",
        env={"FROMENV": "1"},
        stdout="env defined\n",
    ),
    Case(
        "ifdef-two-names-error",
        makefile="""\
ifdef A B
endif
all:;@:
""",
        stderr="Makefile:1: *** invalid syntax in conditional.  Stop.\n",
        status=2,
    ),
    # else and nesting
    Case(
        "else-ifeq-chain",
        makefile="""\
X = b
ifeq ($(X),a)
$(info is a)
else ifeq ($(X),b)
$(info is b)
else
$(info other)
endif
all:;@:
""",
        stdout="is b\n",
    ),
    Case(
        "else-ifdef-chain",
        makefile="""\
B = 1
ifdef A
$(info A)
else ifdef B
$(info B)
endif
all:;@:
""",
        stdout="B\n",
    ),
    Case(
        "else-ifneq",
        makefile="""\
ifeq (a,b)
else ifneq (a,b)
$(info ifneq branch)
endif
all:;@:
""",
        stdout="ifneq branch\n",
    ),
    Case(
        "nested-conditionals",
        makefile="""\
A = 1
ifdef A
  ifeq ($(A),1)
    $(info inner)
  else
    $(info inner else)
  endif
else
  $(info outer else)
endif
all:;@:
""",
        stdout="inner\n",
    ),
    Case(
        "skipped-branch-not-parsed",
        makefile="""\
ifdef NOPE
this is not valid make syntax
$(error not expanded)
endif
$(info after)
all:;@:
""",
        stdout="after\n",
    ),
    Case(
        "conditional-around-recipe-lines",
        makefile="""\
all:
ifdef V
\t@echo verbose
else
\t@echo quiet
endif
""",
        args=("V=1",),
        stdout="verbose\n",
    ),
    Case(
        "conditional-with-comment",
        makefile="""\
ifeq (a,a) # why
$(info commented)
endif # done
all:;@:
""",
        stdout="commented\n",
    ),
    Case(
        "conditional-indented-with-spaces",
        makefile="""\
  ifeq (a,a)
  $(info indented)
  endif
all:;@:
""",
        stdout="indented\n",
    ),
    # Conditional errors
    Case(
        "missing-endif",
        makefile="""\
ifdef A
$(info x)
all:;@:
""",
        stderr="Makefile:4: *** missing 'endif'.  Stop.\n",
        status=2,
    ),
    Case(
        "extraneous-endif",
        makefile="""\
all:;@:
endif
""",
        stderr="Makefile:2: *** extraneous 'endif'.  Stop.\n",
        status=2,
    ),
    Case(
        "extraneous-else",
        makefile="""\
all:;@:
else
""",
        stderr="Makefile:2: *** extraneous 'else'.  Stop.\n",
        status=2,
    ),
    Case(
        "text-after-else",
        makefile="""\
ifdef A
else junk
$(info in else)
endif
all:;@:
""",
        stdout="in else\n",
        stderr="Makefile:2: extraneous text after 'else' directive\n",
    ),
    Case(
        "text-after-endif",
        makefile="""\
ifdef A
endif junk
all:;@:
""",
        stderr="Makefile:2: extraneous text after 'endif' directive\n",
    ),
    Case(
        "two-else",
        makefile="""\
ifdef A
else
else
endif
all:;@:
""",
        stderr="Makefile:3: *** only one 'else' per conditional.  Stop.\n",
        status=2,
    ),
    Case(
        "endif-in-include-does-not-close",
        makefile="""\
A = 1
ifdef A
include inc.mk
""",
        files={"inc.mk": "endif\n"},
        stderr="inc.mk:1: *** extraneous 'endif'.  Stop.\n",
        status=2,
    ),
    # include
    Case(
        "include-file",
        makefile="""\
include inc.mk
$(info [$(A)])
all:;@:
""",
        files={"inc.mk": "A = from include\n"},
        stdout="[from include]\n",
    ),
    Case(
        "include-several-and-variable",
        makefile="""\
FILES = a.mk b.mk
include $(FILES)
all:;@:
""",
        files={"a.mk": "$(info a)\n", "b.mk": "$(info b)\n"},
        stdout="""\
a
b
""",
    ),
    Case(
        "include-glob",
        makefile="""\
include *.mk
all:;@:
""",
        files={"b.mk": "$(info b)\n", "a.mk": "$(info a)\n"},
        stdout="""\
a
b
""",
    ),
    Case(
        "include-missing",
        makefile="""\
include nothing.mk
all:;@:
""",
        stderr="""\
Makefile:1: nothing.mk: No such file or directory
pymake: *** No rule to make target 'nothing.mk'.  Stop.
""",
        status=2,
    ),
    Case(
        "include-missing-second-line",
        makefile="""\

include nothing.mk
all:;@:
""",
        stderr="""\
Makefile:2: nothing.mk: No such file or directory
pymake: *** No rule to make target 'nothing.mk'.  Stop.
""",
        status=2,
    ),
    Case(
        "dash-include-missing-silent",
        makefile="""\
-include nothing.mk
$(info went on)
all:;@:
""",
        stdout="went on\n",
    ),
    Case(
        "sinclude-missing-silent",
        makefile="""\
sinclude nothing.mk
$(info went on)
all:;@:
""",
        stdout="went on\n",
    ),
    Case(
        "include-empty-is-noop",
        makefile="""\
include
include $(NOPE)
$(info fine)
all:;@:
""",
        stdout="fine\n",
    ),
    Case(
        "include-from-I-dir",
        makefile="""\
include inc.mk
all:;@:
""",
        args=("-I", "dir"),
        files={"dir/inc.mk": "$(info from dir)\n"},
        stdout="from dir\n",
    ),
    Case(
        "include-remade-by-rule",
        makefile="""\
include gen.mk
$(info [$(G)])
all:;@:
gen.mk:
\t@echo 'G = generated' > $@
""",
        stdout="""\
[]
[generated]
""",
    ),
    Case(
        "include-glob-no-match-error",
        makefile="""\
include *.none
all:;@:
""",
        stderr="""\
Makefile:1: *.none: No such file or directory
pymake: *** No rule to make target '*.none'.  Stop.
""",
        status=2,
    ),
    Case(
        "include-directory-error",
        makefile="""\
include sub
all:;@:
""",
        files={"sub/x": ""},
        stderr="pymake: *** sub: Is a directory.  Stop.\n",
        status=2,
    ),
    Case(
        "include-nested-relative",
        makefile="""\
include a.mk
all:;@:
""",
        files={"a.mk": "include b.mk\n", "b.mk": "$(info [$(MAKEFILE_LIST)])\n"},
        stdout="[Makefile a.mk b.mk]\n",
    ),
    Case(
        "include-target-becomes-default-goal",
        makefile="""\
include rules.mk
last:;@echo last
""",
        files={"rules.mk": "first:;@echo first\n"},
        stdout="first\n",
    ),
    # vpath
    Case(
        "vpath-pattern-dir",
        makefile="""\
vpath %.c src
all: a.c
\t@echo [$<]
""",
        files={"src/a.c": ""},
        stdout="[src/a.c]\n",
    ),
    Case(
        "vpath-several-dirs",
        makefile="""\
vpath %.c one:two
all: b.c
\t@echo [$<]
""",
        files={"two/b.c": ""},
        stdout="[two/b.c]\n",
    ),
    Case(
        "vpath-clear-pattern",
        makefile="""\
vpath %.c src
vpath %.c
all: a.c
\t@echo [$<]
""",
        files={"src/a.c": ""},
        stderr="pymake: *** No rule to make target 'a.c', needed by 'all'.  Stop.\n",
        status=2,
    ),
    Case(
        "vpath-clear-all",
        makefile="""\
vpath %.c src
vpath
all: a.c
\t@echo [$<]
""",
        files={"src/a.c": ""},
        stderr="pymake: *** No rule to make target 'a.c', needed by 'all'.  Stop.\n",
        status=2,
    ),
    Case(
        "vpath-variable",
        makefile="""\
VPATH = src
all: a.c
\t@echo [$<]
""",
        files={"src/a.c": ""},
        stdout="[src/a.c]\n",
    ),
    Case(
        "vpath-local-file-wins",
        makefile="""\
vpath %.c src
all: a.c
\t@echo [$<]
""",
        files={"src/a.c": "", "a.c": ""},
        stdout="[a.c]\n",
    ),
    Case(
        "vpath-first-matching-pattern",
        makefile="""\
vpath %.c first
vpath a.% second
all: a.c
\t@echo [$<]
""",
        files={"first/a.c": "", "second/a.c": ""},
        stdout="[first/a.c]\n",
    ),
    Case(
        "vpath-wildcard-function-ignores-vpath",
        makefile="""\
vpath %.c src
$(info [$(wildcard a.c)])
all:;@:
""",
        files={"src/a.c": ""},
        stdout="[]\n",
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_directive(tmp_path, case):
    check_case(tmp_path, case)
