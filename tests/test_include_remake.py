"""Remaking included makefiles: what is reported when it fails.

The expected output is GNU make 4.4.1's; cases that GNU make 4.3 prints
differently name the 4.4 change in `gnu44`.
"""

import pytest

from mkrun import Case, check_case, params

CASES = [
    Case(
        "missing-include-prerequisite-fails",
        makefile="""\
default:; @echo DEFAULT
include inc1
inc1: foo; echo > $@
foo:; exit 1
""",
        stdout="exit 1\n",
        stderr=("Makefile:2: inc1: No such file or directory\n"
                "pymake: *** [Makefile:4: foo] Error 1\n"),
        status=2,
        gnu44="missing include reported before the first error",
    ),
    Case(
        "optional-peer-failure-reported-once",
        makefile="""\
all:; @echo hello
-include inc_a.mk
include inc_b.mk
%_a.mk %_b.mk:; exit 1
""",
        stdout="exit 1\n",
        stderr="Makefile:3: Failed to remake makefile 'inc_b.mk'.\n",
        status=2,
        gnu44="Failed to remake makefile",
    ),
    Case(
        "keep-going-failed-include",
        makefile="""\
all:; @echo hello
include inc_a.mk
-include inc_b.mk
%_a.mk %_b.mk:; exit 1
""",
        args=("-k",),
        stdout="exit 1\n",
        stderr=("Makefile:2: inc_a.mk: No such file or directory\n"
                "pymake: *** [Makefile:4: inc_a.mk] Error 1\n"
                "Makefile:2: Failed to remake makefile 'inc_a.mk'.\n"),
        status=2,
        gnu44="Failed to remake makefile",
    ),
    Case(
        "keep-going-no-rule-prerequisite",
        makefile="""\
all: ; @echo hi
include ifile
ifile: no-such-file; exit 1
""",
        args=("-k",),
        stderr=("Makefile:2: ifile: No such file or directory\n"
                "pymake: *** No rule to make target 'no-such-file', needed "
                "by 'ifile'.\n"
                "Makefile:2: Failed to remake makefile 'ifile'.\n"),
        status=2,
        gnu44="Failed to remake makefile",
    ),
    Case(
        "optional-include-needed-later",
        makefile="""\
-include foo.mk
error: foo.mk ; @echo $@
""",
        stderr=("pymake: *** No rule to make target 'foo.mk', needed by "
                "'error'.  Stop.\n"),
        status=2,
        gnu44="a quietly failed -include is reported when needed",
    ),
    Case(
        "rule-that-makes-nothing-is-accepted",
        makefile="""\
hello.o: hello.d; $(info RESTARTS=$(MAKE_RESTARTS))
hello.d:; $(info $@)
include hello.d
""",
        stdout="hello.d\nRESTARTS=\npymake: 'hello.o' is up to date.\n",
    ),
    Case(
        "missing-makefile-option",
        makefile="all: ; @:\n",
        args=("-f", "nonexistent.mk"),
        stderr=("pymake: nonexistent.mk: No such file or directory\n"
                "pymake: *** No rule to make target 'nonexistent.mk'.  "
                "Stop.\n"),
        status=2,
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_include_remake(tmp_path, case):
    check_case(tmp_path, case)
