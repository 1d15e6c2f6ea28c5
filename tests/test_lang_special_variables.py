"""Special variables: MAKEFILE_LIST, .DEFAULT_GOAL, .VARIABLES, .FEATURES and others."""

import pytest

from mkrun import Case, check_case, params

CASES = [
    # MAKEFILE_LIST
    Case(
        "makefile-list-single",
        makefile="""\
$(info [$(MAKEFILE_LIST)])
all:;@:
""",
        stdout="[Makefile]\n",
    ),
    Case(
        "makefile-list-with-include",
        makefile="""\
include inc.mk
$(info [$(MAKEFILE_LIST)])
all:;@:
""",
        files={"inc.mk": "$(info in [$(lastword $(MAKEFILE_LIST))])\n"},
        stdout="""\
in [inc.mk]
[Makefile inc.mk]
""",
    ),
    Case(
        "makefile-list-with-f",
        makefile="",
        args=("-f", "other.mk"),
        files={"other.mk": """\
$(info [$(MAKEFILE_LIST)])
all:;@:
"""},
        stdout="[other.mk]\n",
    ),
    Case(
        "makefile-list-two-f",
        makefile="",
        args=("-f", "a.mk", "-f", "b.mk"),
        files={"a.mk": "", "b.mk": """\
$(info [$(MAKEFILE_LIST)])
all:;@:
"""},
        stdout="[a.mk b.mk]\n",
    ),
    # .DEFAULT_GOAL
    Case(
        "default-goal-read",
        makefile="""\
$(info [$(.DEFAULT_GOAL)])
first:;@echo first
$(info [$(.DEFAULT_GOAL)])
second:;@:
""",
        stdout="""\
[]
[first]
first
""",
    ),
    Case(
        "default-goal-set",
        makefile="""\
.DEFAULT_GOAL := second
first:;@echo first
second:;@echo second
""",
        stdout="second\n",
    ),
    Case(
        "default-goal-reset-picks-next",
        makefile="""\
first:;@echo first
.DEFAULT_GOAL :=
second:;@echo second
""",
        stdout="second\n",
    ),
    Case(
        "default-goal-skips-dot-targets",
        makefile="""\
.hidden:;@echo hidden
%.o:;@echo pattern
real:;@echo real
""",
        stdout="real\n",
    ),
    Case(
        "default-goal-multiple-words",
        makefile="""\
.DEFAULT_GOAL = a b
a b:;@echo $@
""",
        stderr="pymake: *** .DEFAULT_GOAL contains more than one target.  Stop.\n",
        status=2,
    ),
    Case(
        "default-goal-command-line-goal-wins",
        makefile="""\
.DEFAULT_GOAL := first
first:;@echo first
second:;@echo second
""",
        args=("second",),
        stdout="second\n",
    ),
    # .VARIABLES, .FEATURES, .INCLUDE_DIRS
    Case(
        "variables-lists-defined",
        makefile="""\
MINE = 1
$(info [$(sort $(filter MINE CC MAKEFILE_LIST NOT_DEFINED,$(.VARIABLES)))])
all:;@:
""",
        stdout="[CC MAKEFILE_LIST MINE]\n",
    ),
    Case(
        "variables-sees-undefine",
        makefile="""\
MINE = 1
undefine MINE
$(info [$(filter MINE,$(.VARIABLES))])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "features-core-words",
        makefile="""\
WANT = target-specific order-only second-expansion else-if shortest-stem undefine oneshell nocomment grouped-target extra-prereqs
$(info [$(filter-out $(.FEATURES),$(WANT))])
all:;@:
""",
        stdout="[]\n",
    ),
    # NEWS 4.4: 'shell-export' in .FEATURES marks export of variables to $(shell).
    Case(
        "features-shell-export",
        makefile="""\
$(info [$(filter shell-export,$(.FEATURES))])
all:;@:
""",
        stdout="[shell-export]\n",
        gnu44="NEWS 4.4: shell-export in .FEATURES",
    ),
    Case(
        "include-dirs-from-I",
        makefile="""\
$(info [$(firstword $(.INCLUDE_DIRS))])
all:;@:
""",
        args=("-I", "inc/"),
        files={"inc/x.mk": ""},
        stdout="[inc]\n",
    ),
    Case(
        "include-dirs-missing-dir-dropped",
        makefile="""\
$(info [$(filter nothere,$(.INCLUDE_DIRS))])
all:;@:
""",
        args=("-Inothere",),
        stdout="[]\n",
    ),
    # NEWS 4.4: '-I-' resets the list of include directories to empty, which also
    # drops the built-in default directories.
    Case(
        "include-dirs-reset",
        makefile="""\
$(info [$(.INCLUDE_DIRS)])
all:;@:
""",
        args=("-Iinc", "-I-", "-Isub"),
        files={"inc/x.mk": "", "sub/y.mk": ""},
        stdout="[sub]\n",
        gnu44="NEWS 4.4: -I- resets the list of search directories",
    ),
    # .RECIPEPREFIX, .SHELLSTATUS, .EXTRA_PREREQS
    Case(
        "recipeprefix-default-empty",
        makefile="""\
$(info [$(.RECIPEPREFIX)] $(origin .RECIPEPREFIX))
all:;@:
""",
        stdout="[] default\n",
    ),
    Case(
        "shellstatus-success-failure",
        makefile="""\
A := $(shell true)
$(info [$(.SHELLSTATUS)])
B := $(shell exit 3)
$(info [$(.SHELLSTATUS)])
all:;@:
""",
        stdout="""\
[0]
[3]
""",
    ),
    Case(
        "shellstatus-from-bang-assign",
        makefile="""\
A != false
$(info [$(.SHELLSTATUS)])
all:;@:
""",
        stdout="[1]\n",
    ),
    Case(
        "shellstatus-undefined-before-shell",
        makefile="""\
$(info [$(.SHELLSTATUS)] $(origin .SHELLSTATUS))
all:;@:
""",
        stdout="[] undefined\n",
    ),
    Case(
        "extra-prereqs-global",
        makefile="""\
.EXTRA_PREREQS = extra
all: dep
\t@echo [$^] [$+]
dep extra:
\t@echo making $@
""",
        stdout="""\
making extra
making dep
[dep] [dep]
""",
    ),
    Case(
        "extra-prereqs-target-specific",
        makefile="""\
all: .EXTRA_PREREQS = extra
all: dep
\t@echo [$^]
dep extra:
\t@echo making $@
""",
        stdout="""\
making dep
making extra
[dep]
""",
    ),
    # CURDIR, MAKELEVEL, MAKECMDGOALS, MAKE_RESTARTS
    Case(
        "curdir",
        makefile="""\
$(info [$(CURDIR)])
all:;@:
""",
        stdout="[@TMP@]\n",
    ),
    Case(
        "curdir-after-C",
        makefile="",
        args=("-C", "sub"),
        files={"sub/Makefile": """\
$(info [$(CURDIR)])
all:;@:
"""},
        stdout="""\
pymake: Entering directory '@TMP@/sub'
[@TMP@/sub]
pymake: Leaving directory '@TMP@/sub'
""",
    ),
    Case(
        "makelevel-top",
        makefile="""\
$(info [$(MAKELEVEL)])
all:;@:
""",
        stdout="[0]\n",
    ),
    Case(
        "makelevel-submake",
        makefile="""\
all:
\t@$(MAKE) -s -f sub.mk
""",
        files={"sub.mk": """\
$(info [$(MAKELEVEL)])
sub:;@:
"""},
        stdout="[1]\n",
    ),
    Case(
        "makelevel-env-in-recipe",
        makefile="""\
all:
\t@echo "[$$MAKELEVEL]"
""",
        stdout="[1]\n",
    ),
    Case(
        "makecmdgoals-empty",
        makefile="""\
$(info [$(MAKECMDGOALS)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "makecmdgoals-listed",
        makefile="""\
$(info [$(MAKECMDGOALS)])
a b:;@:
""",
        args=("b", "a"),
        stdout="[b a]\n",
    ),
    Case(
        "make-restarts-empty",
        makefile="""\
$(info [$(MAKE_RESTARTS)] $(origin MAKE_RESTARTS))
all:;@:
""",
        stdout="[] undefined\n",
    ),
    # SHELL and .SHELLFLAGS
    Case(
        "shell-default",
        makefile="""\
$(info [$(SHELL)] $(origin SHELL) [$(.SHELLFLAGS)])
all:;@:
""",
        env={"SHELL": None},
        stdout="[/bin/sh] default [-c]\n",
    ),
    Case(
        "shell-origin-with-environment",
        makefile="""\
$(info [$(SHELL)] $(origin SHELL))
all:;@:
""",
        env={"SHELL": "/bin/false"},
        stdout="[/bin/sh] file\n",
    ),
    Case(
        "shell-not-taken-from-environment",
        makefile="""\
$(info [$(SHELL)])
all:
\t@echo ok
""",
        env={"SHELL": "/bin/false"},
        stdout="""\
[/bin/sh]
ok
""",
    ),
    Case(
        "shellflags-changed",
        makefile="""\
.SHELLFLAGS = -ec
all:
\t@false; echo not reached
""",
        stderr="pymake: *** [Makefile:3: all] Error 1\n",
        status=2,
    ),
    Case(
        "shell-in-recipe-environment",
        makefile="""\
SHELL = /bin/sh
all:
\t@echo "[$$SHELL]"
""",
        env={"SHELL": "/bin/false"},
        stdout="[/bin/false]\n",
    ),
    # Built-in variables
    Case(
        "builtin-values",
        makefile="""\
$(info [$(CC)] [$(RM)] [$(AR)] [$(CFLAGS)] $(origin CFLAGS))
all:;@:
""",
        stdout="[cc] [rm -f] [ar] [] undefined\n",
    ),
    Case(
        "builtin-removed-by-R",
        makefile="""\
$(info [$(CC)] $(origin CC) [$(RM)])
all:;@:
""",
        args=("-R",),
        stdout="[] undefined []\n",
    ),
    Case(
        "builtin-R-in-makeflags",
        makefile="""\
MAKEFLAGS += -R
$(info [$(CC)] $(origin CC))
all:
\t@echo [$(CC)] $(origin CC)
""",
        stdout="""\
[cc] default
[] undefined
""",
    ),
    Case(
        "suffixes-default",
        makefile="""\
$(info [$(wordlist 1,3,$(SUFFIXES))])
all:;@:
""",
        stdout="[.out .a .ln]\n",
    ),
    Case(
        "suffixes-with-r",
        makefile="""\
$(info [$(SUFFIXES)])
all:;@:
""",
        args=("-r",),
        stdout="[]\n",
    ),
    Case(
        "make-variable-set",
        makefile="""\
$(info $(if $(MAKE),set,empty) $(origin MAKE))
all:;@:
""",
        stdout="set default\n",
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_special_variable(tmp_path, case):
    check_case(tmp_path, case)
