"""Origins and flavors of the variables that make defines itself."""

import pytest

from mkrun import Case, check_case, params, run_make

CASES = [
    Case(
        "makecmdgoals-undefined-without-goals",
        makefile="""\
$(info [$(origin MAKECMDGOALS)])
all:;@:
""",
        stdout="[undefined]\n",
    ),
    Case(
        "makecmdgoals-default-simple",
        makefile="""\
$(info [$(origin MAKECMDGOALS) $(flavor MAKECMDGOALS)])
all:;@:
""",
        args=("all",),
        stdout="[default simple]\n",
    ),
    Case(
        "special-variables-simple",
        makefile="""\
$(info $(flavor MAKE_VERSION) $(flavor MAKE_HOST) $(flavor MAKE))
$(info $(flavor .FEATURES) $(flavor .SHELLFLAGS) $(flavor .VARIABLES))
$(info $(flavor MAKELEVEL) $(flavor SUFFIXES) $(flavor MAKE_COMMAND))
all:;@:
""",
        stdout="simple simple recursive\nsimple simple simple\n"
               "simple simple simple\n",
    ),
    Case(
        "shell-from-environment",
        makefile="""\
$(info [$(origin SHELL) $(flavor SHELL) $(SHELL)])
all:;@:
""",
        env={"SHELL": "/bin/false"},
        stdout="[file recursive /bin/sh]\n",
    ),
    Case(
        "shell-default",
        makefile="""\
$(info [$(origin SHELL) $(flavor SHELL) $(SHELL)])
all:;@:
""",
        env={"SHELL": None},
        stdout="[default simple /bin/sh]\n",
    ),
    Case(
        "default-goal-simple",
        makefile="""\
all:;@:
$(info [$(origin .DEFAULT_GOAL) $(flavor .DEFAULT_GOAL)])
""",
        stdout="[file simple]\n",
    ),
    Case(
        "loaded-and-makefiles-defined",
        makefile="""\
$(info [$(origin .LOADED) $(flavor .LOADED)])
$(info [$(origin MAKEFILES) $(flavor MAKEFILES)])
all:;@:
""",
        stdout="[default simple]\n[default simple]\n",
    ),
    Case(
        "makeoverrides-refers-to-command-variables",
        makefile="""\
$(info [$(origin MAKEOVERRIDES)] [$(value MAKEOVERRIDES)])
$(info [$(origin -*-command-variables-*-)] [$(MAKEOVERRIDES)])
$(info [$(value MAKEFLAGS)])
all:;@:
""",
        args=("X=1", "Y=2"),
        stdout="""\
[default] [${-*-command-variables-*-}]
[automatic] [Y=2 X=1]
[ -- $(MAKEOVERRIDES)]
""",
        gnu44="MAKEOVERRIDES has origin default",
    ),
    Case(
        "makeoverrides-undefined-without-variables",
        makefile="""\
$(info [$(origin MAKEOVERRIDES)])
all:;@:
""",
        stdout="[undefined]\n",
    ),
    Case(
        "libpatterns-removed-by-R",
        makefile="""\
$(info [$(origin .LIBPATTERNS)])
all:;@:
""",
        args=("-R",),
        stdout="[undefined]\n",
    ),
    Case(
        "include-dirs-simple",
        makefile="""\
$(info [$(flavor .INCLUDE_DIRS)])
all:;@:
""",
        stdout="[simple]\n",
        gnu44=".INCLUDE_DIRS is first defined as a simple variable",
    ),
    Case(
        "warn-undefined-skips-special",
        makefile="""\
x := $(MAKECMDGOALS)$(MAKE_RESTARTS)$(MAKEOVERRIDES)$(MAKE_TERMOUT)
x += $(MAKE_TERMERR)$(.DEFAULT)$(-*-command-variables-*-)
x += $(-*-eval-flags-*-)$(VPATH)$(GPATH)$(NOT_SPECIAL)
all:;@:
""",
        args=("--warn-undefined-variables",),
        stderr="Makefile:3: warning: undefined variable 'NOT_SPECIAL'\n",
        gnu44="the list of variables that never warn",
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_special_variable_origin(tmp_path, case):
    check_case(tmp_path, case)


def test_debug_output_starts_with_version(tmp_path):
    result = run_make(tmp_path, "all:;@:\n", ("-d",))
    assert result.status == 0
    assert result.stdout.startswith("GNU Make ")
