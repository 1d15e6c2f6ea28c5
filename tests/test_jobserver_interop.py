"""Jobserver sharing across a tree of recursive makes, pymake and GNU make.

A top make with ``-j4`` runs three sub-makes through ``$(MAKE)``, and each
sub-make runs six recipes.  Every recipe runs ``job.sh``, which keeps a
count of running recipes in a file guarded by flock(1) and stores the
highest count seen.  With one shared jobserver at most four recipes run at
once across the whole tree, and more than one does.

The sub-make program is chosen with ``MAKE=PROGRAM`` on the top make's
command line.  GNU make 4.3 (/usr/bin/make) supports only the pipe style
(``--jobserver-auth=R,W``), so the cases that mix it with pymake run
pymake with ``--jobserver-style=pipe`` or check how 4.3 rejects the fifo
style.  Those cases are skipped when /usr/bin/make is missing.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import mkrun
from mkrun import (
    REPOSITORY_ROOT,
    TIMEOUT_SECONDS,
    clean_environment,
    is_other_make,
    make_command,
    rename_program,
)

GNU_MAKE = "/usr/bin/make"
JOBS = 4
SUB_MAKES = ("sub1", "sub2", "sub3")

pytestmark = pytest.mark.skipif(
    os.name == "nt" or shutil.which("flock") is None,
    reason="needs a POSIX shell and flock(1)",
)
needs_gnu_make = pytest.mark.skipif(not os.path.exists(GNU_MAKE),
                                    reason=f"{GNU_MAKE} not installed")
needs_style_option = pytest.mark.skipif(
    mkrun.tested_make_version() < (4, 4),
    reason="--jobserver-style is new in GNU make 4.4",
)

# JOB.SH NAME SECONDS: count this recipe as running for SECONDS seconds.
JOB_SCRIPT = """\
exec 9>>"$D/lock"
flock 9
read n < "$D/count"
n=$((n + 1))
echo "$n" > "$D/count"
read max < "$D/max"
if [ "$n" -gt "$max" ]; then echo "$n" > "$D/max"; fi
flock -u 9
sleep "$2"
printf '%s\\n' "$1" >> "$D/ran.log"
flock 9
read n < "$D/count"
echo $((n - 1)) > "$D/count"
flock -u 9
"""

TOP_MAKEFILE = f"""\
export D := $(CURDIR)
all: {' '.join(SUB_MAKES)}
{' '.join(SUB_MAKES)}:
\t@$(MAKE) -f sub.mk PREFIX=$@
"""

SUB_MAKEFILE = """\
RECIPES := $(addprefix $(PREFIX)-,a b c d e f)
all: $(RECIPES)
$(RECIPES):
\t@sh $(D)/job.sh $@ 0.2
"""

EXPECTED_RECIPES = sorted(
    f"{sub}-{letter}" for sub in SUB_MAKES for letter in "abcdef"
)


def pymake_program(directory: Path) -> str:
    """Write a script that runs the make under test, for ``MAKE=...``."""
    script = directory / "pymake.sh"
    script.write_text("#!/bin/sh\nexec " + shlex.join(make_command()) + ' "$@"\n')
    script.chmod(0o755)
    return str(script)


def child_environment() -> dict[str, str]:
    env = clean_environment(None)
    if not is_other_make():
        env["PYTHONPATH"] = os.pathsep.join(
            part for part in (str(REPOSITORY_ROOT), env.get("PYTHONPATH", "")) if part
        )
    return env


def run_tree(directory: Path, top: list[str], args: list[str]):
    """Build the tree with ``top`` as the top make.

    Returns the completed process (output with make names replaced by
    pymake), the recipes that ran and the highest count of recipes that
    ran at once.
    """
    (directory / "Makefile").write_text(TOP_MAKEFILE)
    (directory / "sub.mk").write_text(SUB_MAKEFILE)
    (directory / "job.sh").write_text(JOB_SCRIPT)
    for name in ("count", "max"):
        (directory / name).write_text("0\n")
    (directory / "ran.log").write_text("")
    completed = subprocess.run(
        top + [f"-j{JOBS}", "--no-print-directory"] + args,
        cwd=directory,
        env=child_environment(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )
    for program in {os.path.basename(top[0]), "make", "pymake.sh"}:
        completed.stdout = rename_program(completed.stdout, program)
        completed.stderr = rename_program(completed.stderr, program)
    ran = sorted((directory / "ran.log").read_text().split())
    highest = int((directory / "max").read_text())
    return completed, ran, highest


def check_shared(completed, ran, highest) -> None:
    assert completed.stderr == ""
    assert completed.returncode == 0
    assert ran == EXPECTED_RECIPES
    assert highest <= JOBS
    assert highest > 1


@pytest.mark.parametrize("style", ["fifo", "pipe"])
@needs_style_option
def test_pymake_tree_shares_jobserver(tmp_path, style):
    args = [f"--jobserver-style={style}", "MAKE=" + pymake_program(tmp_path)]
    check_shared(*run_tree(tmp_path, make_command(), args))


@needs_gnu_make
def test_pymake_top_gnu_sub_makes_pipe(tmp_path):
    args = ["MAKE=" + GNU_MAKE]
    if mkrun.tested_make_version() >= (4, 4):
        args.insert(0, "--jobserver-style=pipe")
    check_shared(*run_tree(tmp_path, make_command(), args))


@needs_gnu_make
def test_gnu_top_pymake_sub_makes(tmp_path):
    args = ["MAKE=" + pymake_program(tmp_path)]
    check_shared(*run_tree(tmp_path, [GNU_MAKE], args))


@needs_gnu_make
@needs_style_option
def test_gnu_43_sub_make_rejects_fifo(tmp_path):
    # GNU make 4.3 stops on the fifo auth string that GNU make 4.4.1 (and
    # pymake) put in MAKEFLAGS by default, so its sub-makes fail.  The 4.4
    # NEWS entry for --jobserver-style advises the pipe style for older
    # makes.
    completed, ran, _ = run_tree(tmp_path, make_command(), ["MAKE=" + GNU_MAKE])
    assert completed.returncode == 2
    assert ran == []
    rejections = re.findall(
        r"^pymake\[1\]: \*\*\* internal error: invalid --jobserver-auth string "
        r"'fifo:[^']+'\.  Stop\.$",
        completed.stderr,
        re.MULTILINE,
    )
    assert len(rejections) >= 1
    assert re.search(r"^pymake: \*\*\* \[Makefile:4: sub\d\] Error 2$",
                     completed.stderr, re.MULTILINE)


# Prints how many jobserver words MAKEFLAGS contains, the last one, and
# whether its pipe descriptors are open in this process.  GNU make 4.4.1
# keeps the descriptors open only for recursive lines (jobserver_pre_child
# in src/posixos.c), and gives the real jobserver word only to recipes with
# a recursive line (target_environment in src/variable.c).
PROBE = (
    "import os, re; "
    "words = re.findall(r'--jobserver-auth=(\\S+)', os.environ['MAKEFLAGS']); "
    "auth = words[-1]; "
    "fds = [int(x) for x in auth.split(',')] if ',' in auth else []; "
    "opened = [fd for fd in fds if fd >= 0 and os.path.exists(f'/proc/self/fd/{fd}')]; "
    "print(len(words), 'fifo' if auth.startswith('fifo:') else auth, "
    "'open' if opened else 'closed')"
)

PROBE_MAKEFILE = f"""\
PROBE = {shlex.quote(sys.executable)} -c {shlex.quote(PROBE).replace('$', '$$')}
all: plain plus make_ref shell
plain: ; @echo $@: `$(PROBE)`
shell: ; @echo $@: $(shell $(PROBE))
plus: ; +@echo $@: `$(PROBE)`
make_ref:
\t@echo $@: `$(PROBE)`
\t@: $(MAKE)
"""


def run_probe(directory: Path, style: str) -> list[str]:
    (directory / "Makefile").write_text(PROBE_MAKEFILE)
    completed = subprocess.run(
        make_command() + ["-j2", f"--jobserver-style={style}"],
        cwd=directory,
        env=child_environment(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )
    assert completed.stderr == ""
    assert completed.returncode == 0
    return sorted(completed.stdout.splitlines())


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
@needs_style_option
def test_pipe_style_withheld_from_plain_children(tmp_path):
    lines = run_probe(tmp_path, "pipe")
    descriptors = re.search(r"^plus: 1 (\d+,\d+) open$", "\n".join(lines), re.MULTILINE)
    assert descriptors, lines
    auth = descriptors.group(1)
    assert lines == [
        f"make_ref: 1 {auth} closed",
        "plain: 2 -2,-2 closed",
        f"plus: 1 {auth} open",
        "shell: 2 -2,-2 closed",
    ]


@needs_style_option
def test_fifo_style_given_to_every_child(tmp_path):
    lines = run_probe(tmp_path, "fifo")
    assert lines == [
        "make_ref: 1 fifo closed",
        "plain: 1 fifo closed",
        "plus: 1 fifo closed",
        "shell: 1 fifo closed",
    ]
