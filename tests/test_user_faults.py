"""One case for each kind of fault found by running pymake as a user
would, on hand-written makefiles and on real public ones.  Expected
output is GNU make's (4.3, unchanged in 4.4.1 for these cases)."""

import pytest

from mkrun import Case, check_case, params, run_make

CASES = [
    Case(
        "recursive-call",
        makefile="""\
f = $(if $(1),x$(call f,))
$(info [$(call f,a)])
all:;@:
""",
        stdout="[x]\n",
    ),
    Case(
        "peer-target-kept",
        makefile="""\
all: a.tab.c
%.tab.c %.tab.h: %.y
\t@touch $*.tab.c $*.tab.h
""",
        files={"a.y": ""},
        args=("all", "-s"),
    ),
    Case(
        "stem-counts-directory",
        makefile="""\
all: lib/foo.o
%.o: %.c
\t@echo generic $@
lib/%.o: lib/%.c
\t@echo specific $@
""",
        files={"lib/foo.c": ""},
        stdout="specific lib/foo.o\n",
    ),
    Case(
        "old-file-wins-over-always-make",
        makefile="""\
b: a
\t@echo build b
a:
\t@echo build a
""",
        args=("-B", "-o", "a"),
        stdout="build b\n",
    ),
    Case(
        "double-colon-all-run-when-missing",
        makefile="""\
log:: a.src
\t@echo log1
log:: b.src
\t@echo log2
""",
        files={"a.src": "", "b.src": ""},
        stdout="log1\nlog2\n",
    ),
    Case(
        "goal-given-twice",
        makefile=".PHONY: p\np:\n\t@echo p\n",
        args=("p", "p"),
        stdout="p\npymake: Nothing to be done for 'p'.\n",
    ),
    Case(
        "suffix-rule-no-override-warning",
        makefile="""\
all: a.o
.c.o:
\t@echo compile $<
""",
        files={"a.c": ""},
        stdout="compile a.c\n",
    ),
    Case(
        "shell-missing-program",
        makefile="X := $(shell nosuchcmd-for-test)\nall: ;\n",
        args=("-R",),
        stdout="pymake: 'all' is up to date.\n",
        stderr="pymake: nosuchcmd-for-test: No such file or directory\n",
    ),
    Case(
        "mixed-rules-warning-per-pattern",
        makefile="""\
all: foo
foo x/%.out y/%.out:
\t@echo build $@
""",
        stdout="build foo\n",
        stderr="Makefile:2: *** mixed implicit and normal rules: deprecated "
               "syntax\n"
               "Makefile:2: *** mixed implicit and normal rules: deprecated "
               "syntax\n",
    ),
]


# --shuffle changes the order prerequisites and goals are made in, but
# not automatic variables (GNU make 4.4).
CASES += [
    Case(
        "shuffle-reverse",
        makefile="all: a b c\n%: ; @echo $@\n",
        args=("--shuffle=reverse",),
        stdout="c\nb\na\nall\n",
        gnu44="NEWS 4.4: new --shuffle option",
    ),
    Case(
        "shuffle-none",
        makefile="all: a b c\n%: ; @echo $@\n",
        args=("--shuffle=none",),
        stdout="a\nb\nc\nall\n",
        gnu44="NEWS 4.4: new --shuffle option",
    ),
    Case(
        "shuffle-keeps-automatic-variables",
        makefile="all: x\nx: p q r ; @echo $@ $^\n%: ; @echo $@\n",
        args=("--shuffle=reverse",),
        stdout="r\nq\np\nx p q r\nall\n",
        gnu44="NEWS 4.4: new --shuffle option",
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_user_fault(tmp_path, case):
    check_case(tmp_path, case)


def test_question_runs_recursive_lines(tmp_path):
    makefile = "all:\n\t+@echo plus line\n"
    result = run_make(tmp_path, makefile, args=("-q",))
    assert result.stdout == "plus line\n"
    assert result.status == 0


def test_question_reports_real_line(tmp_path):
    result = run_make(tmp_path, "all:\n\techo hi\n", args=("-q",))
    assert result.stdout == ""
    assert result.status == 1


def test_peer_target_file_survives(tmp_path):
    result = run_make(tmp_path, "all: a.tab.c\n%.tab.c %.tab.h: %.y\n"
                      "\t@touch $*.tab.c $*.tab.h\n", files={"a.y": ""})
    assert result.status == 0
    assert (tmp_path / "a.tab.h").exists()
    assert (tmp_path / "a.tab.c").exists()


def test_phony_prerequisite_is_target_in_database(tmp_path):
    result = run_make(tmp_path, "all: ;\n.PHONY: all ghost\n",
                      args=("-pRrq", ":"))
    assert result.status == 2
    entries = result.stdout.split("\n\n")
    ghost = [e for e in entries if e.lstrip("\n").split("\n")[-1:] ==
             ["ghost:"] or "\nghost:" in "\n" + e]
    assert ghost, "no entry for ghost in the database"
    assert not any("# Not a target:\nghost:" in e for e in ghost)


def test_database_printed_before_restart(tmp_path):
    makefile = """\
-include inc.mk
inc.mk:
\t@echo X=1 > $@
all: ;
"""
    result = run_make(tmp_path, makefile, args=("-p", "all"))
    assert result.status == 0
    assert result.stdout.count("# Finished Make data base") == 2
