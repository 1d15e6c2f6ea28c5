"""Small real projects built with pymake: files made, output, exit status
and what an incremental rebuild runs again."""

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
PYMAKE = [sys.executable, "-m", "pymake"]


def run(cwd, *args, env=None):
    child_env = {k: v for k, v in os.environ.items()
                 if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS",
                              "GNUMAKEFLAGS", "MAKEFILES")}
    child_env["LC_ALL"] = "C"
    child_env["PYTHONPATH"] = str(REPOSITORY_ROOT)
    if env:
        child_env.update(env)
    return subprocess.run(PYMAKE + list(args), cwd=cwd, env=child_env,
                          capture_output=True, text=True, timeout=120)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))


BASE_TIME = time.time()


def age(path, seconds):
    """Set a file's time stamps to `seconds` before the test run began,
    so that files aged by the same amount have equal times."""
    t = BASE_TIME - seconds
    os.utime(path, (t, t))


C_MAKEFILE = """\
CC ?= cc
CFLAGS = -O0
SRCS := main.c util.c
OBJS := $(SRCS:.c=.o)
DEPS := $(OBJS:.o=.d)

app: $(OBJS)
\t$(CC) -o $@ $^

%.o: %.c
\t$(CC) $(CFLAGS) -MMD -c -o $@ $<

clean:
\trm -f app $(OBJS) $(DEPS)

.PHONY: clean
-include $(DEPS)
"""


@pytest.fixture
def c_project(tmp_path):
    if shutil.which("cc") is None:
        pytest.skip("no C compiler")
    write(tmp_path / "Makefile", C_MAKEFILE)
    write(tmp_path / "util.h", "int twice(int x);\n")
    write(tmp_path / "util.c",
          '#include "util.h"\nint twice(int x) { return 2 * x; }\n')
    write(tmp_path / "main.c", '#include <stdio.h>\n#include "util.h"\n'
          'int main(void) { printf("%d\\n", twice(21)); return 0; }\n')
    return tmp_path


def test_c_project_builds(c_project):
    r = run(c_project)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "cc -O0 -MMD -c -o main.o main.c",
        "cc -O0 -MMD -c -o util.o util.c",
        "cc -o app main.o util.o",
    ]
    out = subprocess.run([str(c_project / "app")], capture_output=True,
                         text=True)
    assert out.stdout == "42\n"
    assert (c_project / "main.d").exists()


def test_c_project_second_run_does_nothing(c_project):
    assert run(c_project).returncode == 0
    r = run(c_project)
    assert r.returncode == 0
    assert r.stdout == "pymake: 'app' is up to date.\n"


def test_c_project_header_change_rebuilds_dependents(c_project):
    assert run(c_project).returncode == 0
    for name in ("app", "main.o", "util.o", "main.d", "util.d", "main.c",
                 "util.c"):
        age(c_project / name, 100)
    age(c_project / "util.h", 50)
    # util.h is newer than both objects: both include it.
    r = run(c_project)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "cc -O0 -MMD -c -o main.o main.c",
        "cc -O0 -MMD -c -o util.o util.c",
        "cc -o app main.o util.o",
    ]


def test_c_project_source_change_rebuilds_one_object(c_project):
    assert run(c_project).returncode == 0
    for name in ("app", "main.o", "util.o", "main.d", "util.d", "main.c",
                 "util.h"):
        age(c_project / name, 100)
    age(c_project / "util.c", 50)
    before = (c_project / "main.o").stat().st_mtime_ns
    r = run(c_project)
    assert r.stdout.splitlines() == [
        "cc -O0 -MMD -c -o util.o util.c",
        "cc -o app main.o util.o",
    ]
    assert (c_project / "main.o").stat().st_mtime_ns == before


def test_c_project_compile_error_status(c_project):
    write(c_project / "util.c", "int twice(int x) { return x +; }\n")
    r = run(c_project)
    assert r.returncode == 2
    assert "pymake: *** [Makefile:11: util.o] Error 1" in r.stderr
    assert not (c_project / "app").exists()


def test_sub_make_in_directory(tmp_path):
    write(tmp_path / "Makefile", """\
    all:
    \t$(MAKE) -C sub
    \t@echo top done
    """)
    write(tmp_path / "sub" / "Makefile", """\
    all: out.txt
    out.txt:
    \t@echo level $(MAKELEVEL) > $@
    \t@echo made $@
    """)
    r = run(tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].endswith(" -C sub")
    assert lines[1:] == [
        f"pymake[1]: Entering directory '{tmp_path / 'sub'}'",
        "made out.txt",
        f"pymake[1]: Leaving directory '{tmp_path / 'sub'}'",
        "top done",
    ]
    assert (tmp_path / "sub" / "out.txt").read_text() == "level 1\n"


def test_sub_make_failure_propagates(tmp_path):
    write(tmp_path / "Makefile", "all:\n\t@$(MAKE) -s -C sub\n")
    write(tmp_path / "sub" / "Makefile", "all:\n\t@exit 3\n")
    r = run(tmp_path)
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        "pymake[1]: *** [Makefile:2: all] Error 3",
        "pymake: *** [Makefile:2: all] Error 2",
    ]


def test_dry_run_still_runs_recursive_make(tmp_path):
    write(tmp_path / "Makefile", "all:\n\t@$(MAKE) -s -C sub\n")
    write(tmp_path / "sub" / "Makefile", "all:\n\ttouch made\n")
    r = run(tmp_path, "-n")
    assert r.returncode == 0
    assert "touch made" in r.stdout
    assert not (tmp_path / "sub" / "made").exists()


def test_parallel_jobs_never_exceed_slots(tmp_path):
    if os.name != "posix":
        pytest.skip("uses fcntl locks")
    counter = tmp_path / "counter.py"
    write(counter, """\
    import fcntl, os, sys, time
    path = sys.argv[1]
    def change(delta):
        with open(path, "a+") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            f.seek(0)
            now, peak = (int(x) for x in (f.read().split() or ["0", "0"]))
            now += delta
            peak = max(peak, now)
            f.seek(0)
            f.truncate()
            f.write(f"{now} {peak}")
    change(1)
    time.sleep(1.0)
    change(-1)
    """)
    names = " ".join(f"t{i}" for i in range(8))
    write(tmp_path / "Makefile", f"""\
    all: {names}
    {names}:
    \t@{sys.executable} counter.py state
    .PHONY: all {names}
    """)
    r = run(tmp_path, "-j3")
    assert r.returncode == 0, r.stderr
    now, peak = (tmp_path / "state").read_text().split()
    assert now == "0"
    assert 2 <= int(peak) <= 3


def test_keep_going_reports_not_remade(tmp_path):
    write(tmp_path / "Makefile", """\
    all: bad good
    bad:
    \t@exit 1
    good:
    \t@echo good
    """)
    r = run(tmp_path, "-k")
    assert r.returncode == 2
    assert r.stdout == "good\n"
    assert r.stderr.splitlines() == [
        "pymake: *** [Makefile:3: bad] Error 1",
        "pymake: Target 'all' not remade because of errors.",
    ]


def test_intermediate_file_is_removed(tmp_path):
    write(tmp_path / "Makefile", """\
    all: a.out
    %.out: %.mid
    \tcp $< $@
    %.mid: %.in
    \tcp $< $@
    """)
    write(tmp_path / "a.in", "x\n")
    r = run(tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["cp a.in a.mid", "cp a.mid a.out",
                                     "rm a.mid"]
    assert not (tmp_path / "a.mid").exists()
    # A missing intermediate file does not force a rebuild.
    r = run(tmp_path)
    assert r.stdout == "pymake: Nothing to be done for 'all'.\n"


def test_delete_on_error_removes_partial_target(tmp_path):
    write(tmp_path / "Makefile", """\
    .DELETE_ON_ERROR:
    out:
    \techo partial > $@; exit 1
    """)
    r = run(tmp_path)
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        "pymake: *** [Makefile:3: out] Error 1",
        "pymake: *** Deleting file 'out'",
    ]
    assert not (tmp_path / "out").exists()
