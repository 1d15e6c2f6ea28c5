"""Variable origins and precedence: origin, flavor, -e, command line, MAKEFLAGS."""

import pytest

from mkrun import Case, check_case, params

CASES = [
    # $(origin)
    Case(
        "origin-default",
        makefile="""\
$(info $(origin CC) $(origin MAKE))
all:;@:
""",
        stdout="default default\n",
    ),
    Case(
        "origin-environment",
        makefile="""\
$(info $(origin FROMENV))
all:;@:
""",
        env={"FROMENV": "x"},
        stdout="environment\n",
    ),
    Case(
        "origin-environment-override",
        makefile="""\
FROMENV = file
$(info $(origin FROMENV) [$(FROMENV)])
all:;@:
""",
        args=("-e",),
        env={"FROMENV": "env"},
        stdout="environment override [env]\n",
    ),
    Case(
        "origin-environment-replaced-by-file",
        makefile="""\
FROMENV = file
$(info $(origin FROMENV) [$(FROMENV)])
all:;@:
""",
        env={"FROMENV": "env"},
        stdout="file [file]\n",
    ),
    Case(
        "origin-file",
        makefile="""\
A = 1
$(info $(origin A))
all:;@:
""",
        stdout="file\n",
    ),
    Case(
        "origin-command-line",
        makefile="""\
$(info $(origin A))
all:;@:
""",
        args=("A=1",),
        stdout="command line\n",
    ),
    Case(
        "origin-override",
        makefile="""\
override A = 1
$(info $(origin A))
all:;@:
""",
        stdout="override\n",
    ),
    Case(
        "origin-automatic",
        makefile="""\
all:
\t@echo $(origin @) $(origin <) $(origin ^)
""",
        stdout="automatic automatic automatic\n",
    ),
    Case(
        "origin-automatic-outside-recipe",
        makefile="""\
$(info [$(origin @)])
all:;@:
""",
        stdout="[undefined]\n",
    ),
    Case(
        "origin-undefined",
        makefile="""\
$(info $(origin NOPE))
all:;@:
""",
        stdout="undefined\n",
    ),
    Case(
        "origin-computed-name",
        makefile="""\
A = 1
N = A
$(info $(origin $(N)))
all:;@:
""",
        stdout="file\n",
    ),
    Case(
        "origin-default-overridden-by-file",
        makefile="""\
CC = mycc
$(info $(origin CC) $(CC))
all:;@:
""",
        stdout="file mycc\n",
    ),
    Case(
        "origin-command-line-override-file",
        makefile="""\
A = file
$(info $(origin A) $(A))
all:;@:
""",
        args=("A=cmd",),
        stdout="command line cmd\n",
    ),
    Case(
        "origin-environment-override-with-e-and-override",
        makefile="""\
override FROMENV = ovr
$(info $(origin FROMENV) [$(FROMENV)])
all:;@:
""",
        args=("-e",),
        env={"FROMENV": "env"},
        stdout="override [ovr]\n",
    ),
    Case(
        "origin-e-does-not-beat-command-line",
        makefile="""\
$(info $(origin FROMENV) [$(FROMENV)])
all:;@:
""",
        args=("-e", "FROMENV=cmd"),
        env={"FROMENV": "env"},
        stdout="command line [cmd]\n",
    ),
    # $(flavor)
    Case(
        "flavor-each-kind",
        makefile="""\
R = r
S := s
P ::= p
$(info $(flavor R) $(flavor S) $(flavor P) $(flavor NOPE))
all:;@:
""",
        stdout="recursive simple simple undefined\n",
    ),
    Case(
        "flavor-environment",
        makefile="""\
$(info $(flavor FROMENV))
all:;@:
""",
        env={"FROMENV": "x"},
        stdout="recursive\n",
    ),
    Case(
        "flavor-command-line",
        makefile="""\
$(info $(flavor A))
all:;@:
""",
        args=("A=1",),
        stdout="recursive\n",
    ),
    Case(
        "flavor-command-line-simple",
        makefile="""\
$(info $(flavor A) [$(A)])
B = b
all:;@:
""",
        args=("A:=$(B)",),
        stdout="simple []\n",
    ),
    Case(
        "flavor-default-cc",
        makefile="""\
$(info $(flavor CC) $(flavor CURDIR) $(flavor MAKEFILE_LIST))
all:;@:
""",
        stdout="recursive simple simple\n",
    ),
    Case(
        "flavor-automatic",
        makefile="""\
all:
\t@echo $(flavor @)
""",
        stdout="simple\n",
    ),
    # Command line and MAKEFLAGS
    Case(
        "command-line-recursive-value",
        makefile="""\
B = late
$(info [$(A)])
all:;@:
""",
        args=("A=$(B)",),
        stdout="[late]\n",
    ),
    Case(
        "command-line-empty-value",
        makefile="""\
A = file
$(info [$(A)] $(origin A))
all:;@:
""",
        args=("A=",),
        stdout="[] command line\n",
    ),
    Case(
        "command-line-value-with-spaces",
        makefile="""\
$(info [$(A)])
all:;@:
""",
        args=("A=x  y",),
        stdout="[x  y]\n",
    ),
    Case(
        "command-line-append",
        makefile="""\
A = file
$(info [$(A)])
all:;@:
""",
        args=("A+=cmd",),
        stdout="[cmd]\n",
    ),
    Case(
        "command-line-last-wins",
        makefile="""\
$(info [$(A)])
all:;@:
""",
        args=("A=1", "A=2"),
        stdout="[2]\n",
    ),
    Case(
        "command-line-not-a-goal",
        makefile="""\
all:
\t@echo goal [$(MAKECMDGOALS)]
""",
        args=("A=1",),
        stdout="goal []\n",
    ),
    Case(
        "makeflags-environment-variable",
        makefile="""\
$(info [$(A)] $(origin A))
all:;@:
""",
        env={"MAKEFLAGS": "A=fromflags"},
        stdout="[fromflags] command line\n",
    ),
    Case(
        "makeflags-environment-option",
        makefile="""\
all: ; @false
next: ; @echo next ran
""",
        args=("all", "next"),
        env={"MAKEFLAGS": "k"},
        stdout="next ran\n",
        stderr="pymake: *** [Makefile:1: all] Error 1\n",
        status=2,
    ),
    Case(
        "makeflags-var-beats-file",
        makefile="""\
A = file
$(info [$(A)])
all:;@:
""",
        env={"MAKEFLAGS": "A=flags"},
        stdout="[flags]\n",
    ),
    Case(
        "makeflags-passed-to-submake",
        makefile="""\
all:
\t@$(MAKE) --no-print-directory -f sub.mk
""",
        args=("A=top",),
        files={"sub.mk": """\
$(info [$(A)] $(origin A))
sub:;@:
"""},
        stdout="[top] command line\n",
    ),
    Case(
        "makeflags-env-in-recipe",
        makefile="""\
all:
\t@echo "[$$MAKEFLAGS]"
""",
        args=("-k", "A=1"),
        stdout="[k -- A=1]\n",
    ),
    # NEWS 4.4.1: command line variable assignments are now always present in
    # MAKEFLAGS, even when parsing makefiles.
    Case(
        "makeflags-contains-command-line-var",
        makefile="""\
$(info [$(MAKEFLAGS)])
all:;@:
""",
        args=("A=1",),
        stdout="[ -- A=1]\n",
        gnu44="NEWS 4.4.1: command line variable assignments are always present in MAKEFLAGS",
    ),
    Case(
        "makeflags-single-letter-options",
        makefile="""\
$(info [$(firstword -$(MAKEFLAGS))])
all:;@:
""",
        args=("-k", "-s"),
        stdout="[-ks]\n",
    ),
    Case(
        "makeflags-set-in-makefile",
        makefile="""\
MAKEFLAGS += -k
$(info [$(findstring k,$(firstword -$(MAKEFLAGS)))])
all: ; @false
next: ; @echo next ran
""",
        args=("all", "next"),
        stdout="""\
[k]
next ran
""",
        stderr="pymake: *** [Makefile:3: all] Error 1\n",
        status=2,
    ),
    Case(
        "makeflags-long-option-visible",
        makefile="""\
$(info [$(MAKEFLAGS)])
all:;@:
""",
        args=("--no-print-directory",),
        stdout="[ --no-print-directory]\n",
    ),
    Case(
        "mflags-variable",
        makefile="""\
all:
\t@echo "[$(MFLAGS)]"
""",
        args=("-k", "-s"),
        stdout="[-ks]\n",
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_origin(tmp_path, case):
    check_case(tmp_path, case)
