""".POSIX, .ONESHELL, .NOTINTERMEDIATE and the -W, -I and -R options.

The expected output is GNU make's; cases that GNU make 4.3 prints
differently name the 4.4 change in `gnu44`.
"""

import os
import shutil
import time

import pytest

from mkrun import Case, check_case, params

CASES = [
    Case(
        "posix-sets-default-variables",
        makefile="""\
.POSIX:
all: ; @echo '$(CC) $(origin CC) $(CFLAGS) $(FC) $(FFLAGS) $(SCCSGETFLAGS)'
""",
        stdout="c99 default -O1 fort77 -O1 -s\n",
        gnu44="POSIX default variables",
    ),
    Case(
        "posix-keeps-command-line-value",
        makefile="""\
.POSIX:
all: ; @echo '$(CC) $(origin CC)'
""",
        args=("CC=gcc",),
        stdout="gcc command line\n",
    ),
    Case(
        "posix-stops-at-first-failure",
        makefile="""\
.POSIX:
all: ; @false; echo not reached
""",
        stderr="pymake: *** [Makefile:2: all] Error 1\n",
        status=2,
    ),
    Case(
        "posix-ignored-errors-run-on",
        makefile="""\
.POSIX:
all: ; @-false; echo reached
""",
        stdout="reached\n",
        gnu44="no -e for lines whose errors are ignored",
    ),
    Case(
        "posix-explicit-shellflags-win",
        makefile="""\
.POSIX:
all: ; @-false; echo reached
all: .SHELLFLAGS = -ec
""",
        stderr="pymake: [Makefile:2: all] Error 1 (ignored)\n",
        gnu44="target-specific .SHELLFLAGS under .POSIX",
    ),
    Case(
        "notintermediate-and-intermediate",
        makefile="""\
.INTERMEDIATE: hello.x
.NOTINTERMEDIATE: hello.x
""",
        stderr=("pymake: *** hello.x cannot be both .NOTINTERMEDIATE and "
                ".INTERMEDIATE.  Stop.\n"),
        status=2,
        gnu44=".NOTINTERMEDIATE is new in 4.4",
    ),
    Case(
        "notintermediate-and-secondary-everywhere",
        makefile="""\
.SECONDARY:
.NOTINTERMEDIATE:
""",
        stderr=("pymake: *** .NOTINTERMEDIATE and .SECONDARY are mutually "
                "exclusive.  Stop.\n"),
        status=2,
        gnu44=".NOTINTERMEDIATE is new in 4.4",
    ),
    Case(
        "notintermediate-pattern",
        makefile="""\
hello.z:
%.z: %.x; @echo make $@
%.x: ;
.NOTINTERMEDIATE: %.q %.x
""",
        files={"hello.z": ""},
        stdout="make hello.z\n",
        gnu44=".NOTINTERMEDIATE is new in 4.4",
    ),
    Case(
        "intermediate-goal-kept",
        makefile="""\
.INTERMEDIATE: foo.e
%.e : %.f ; @cp $< $@
""",
        args=("foo.e",),
        files={"foo.f": "x\n"},
    ),
    Case(
        "default-goal-with-escaped-blank",
        makefile="""\
a\\ xb :: ; @echo one
a\\ xb :: ; @echo two
""",
        stdout="one\ntwo\n",
    ),
    Case(
        "eval-passed-to-sub-makes",
        makefile="""\
all: ; @echo "MAKEFLAGS=$$MAKEFLAGS"
""",
        args=("--eval=$(info eval)",),
        stdout="eval\nMAKEFLAGS= --eval=$$(info\\ eval)\n",
        gnu44="--eval in MAKEFLAGS",
    ),
    Case(
        "what-if-through-vpath",
        makefile="""\
y: x ; @echo cp $< $@
""",
        args=("-W", "./x-dir/x", "VPATH=x-dir"),
        files={"x-dir/x": "", "y": ""},
        stdout="cp x-dir/x y\n",
    ),
    Case(
        "include-error-names-file-as-written",
        makefile="""\
include ifile.mk
all: ;
""",
        args=("-I", "idir"),
        files={"idir/ifile.mk": "This is not a rule!!\n"},
        stderr="ifile.mk:1: *** missing separator.  Stop.\n",
        status=2,
    ),
    Case(
        "question-backslash-only-recipe",
        makefile="""\
five: ; \\
 $(.XY)
""",
        args=("-q", "five"),
    ),
    Case(
        "question-recursive-out-of-date",
        makefile="""\
foo: bar ; echo foo
bar: ; @$(MAKE) -f Makefile baz
baz: ; echo baz
""",
        args=("-q", "foo"),
        status=1,
    ),
    Case(
        "touch-empty-expansion-dry-run",
        makefile="""\
.SUFFIXES:
BAR =
FOO = +$(BAR)
a: b; echo > $@
b: c; $(FOO)
""",
        args=("-t", "-n"),
        files={"c": ""},
        stdout="touch b\ntouch a\n",
    ),
    Case(
        "no-builtin-variables-implies-rules",
        makefile="""\
all: ; @echo '$(MAKEFLAGS)'
""",
        args=("-R", "hello"),
        stderr="pymake: *** No rule to make target 'hello'.  Stop.\n",
        status=2,
        files={"hello.c": ""},
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_special_target_or_option(tmp_path, case):
    check_case(tmp_path, case)


def test_what_if_restart_runs_once(tmp_path):
    """-W on a prerequisite of an included makefile restarts once, not
    forever: after the restart -W applies to the goals only."""
    makefile = """\
all: baz.x ; @:
include foo.x
foo.x: bar.x
\t@echo "\\$$(info restarts=\\$$(MAKE_RESTARTS))" > $@
\t@echo "touch $@"
bar.x: ; echo >> $@
baz.x: bar.x ; @echo "touch $@"
"""
    first = Case("first-build", makefile=makefile,
                 stdout="echo >> bar.x\ntouch foo.x\nrestarts=1\ntouch baz.x\n")
    check_case(tmp_path, first)
    # Everything is up to date but for -W bar.x.
    now = time.time()
    for name, age in (("bar.x", 3000), ("foo.x", 2000)):
        os.utime(tmp_path / name, (now - age, now - age))
    again = Case("what-if-build", makefile=makefile, args=("-W", "bar.x"),
                 stdout="restarts=\ntouch foo.x\nrestarts=1\ntouch baz.x\n")
    check_case(tmp_path, again)


@pytest.mark.skipif(shutil.which("perl") is None, reason="perl is missing")
def test_oneshell_keeps_inner_prefixes_for_perl(tmp_path):
    case = Case(
        "oneshell-perl",
        makefile="""\
.ONESHELL:
SHELL = perl
.SHELLFLAGS = -w -E 'use warnings FATAL => "all";' -E
all:
\t@$$a = 5;
\t@y = qw(a b c);
\tprint "a = $$a, y = (@y)\\n";
""",
        stdout="a = 5, y = (a b c)\n",
        gnu44="quoted .SHELLFLAGS words with .ONESHELL",
    )
    check_case(tmp_path, case)
