"""Tests for --output-sync (-O), the directory lines around its blocks,
and --load-average (-l).

The recipes order their output with sleeps, so the margins are several
tenths of a second.  The expected output was recorded from GNU make 4.3,
which syncs these cases as 4.4.1 does.  The --sync-mutex case follows
GNU make 4.4.1, since 4.3 locked stdout instead of a named file.
"""

from __future__ import annotations

import os
import subprocess
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
    replace_tmp_path,
    run_make,
)

posix_only = pytest.mark.skipif(os.name == "nt", reason="recipes use sh")

# Two targets: b ends after 0.3 s, a after 1 s.  Their lines interleave
# unless output is synced.
TWO_TARGETS = """\
all: a b
a:
\t@echo a1
\tsleep 1
\t@echo a2
b:
\t@echo b1; sleep 0.3
\t@echo b2
"""

# bad fails at once while ok still runs.
FAILING = """\
all: ok bad
ok: ; @sleep 1; echo ok-done
bad:
\t@echo bad-out; echo bad-err >&2
\t@exit 3
"""


def run_combined(tmp_path: Path, makefile: str, args=(), files=None, env=None):
    """Run make with stdout and stderr on one pipe, as a terminal shows
    them; return (output, exit status)."""
    (tmp_path / "Makefile").write_text(makefile)
    for name, content in (files or {}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    command = make_command()
    child_env = clean_environment(env)
    if not is_other_make():
        child_env["PYTHONPATH"] = str(REPOSITORY_ROOT)
    completed = subprocess.run(
        command + list(args),
        cwd=tmp_path,
        env=child_env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=TIMEOUT_SECONDS,
    )
    text = completed.stdout.decode(errors="surrogateescape")
    if is_other_make():
        text = rename_program(text, os.path.basename(command[0]))
    return replace_tmp_path(text, tmp_path), completed.returncode


# --- blocks per target and per line ----------------------------------------

@posix_only
def test_target_mode_keeps_blocks_whole(tmp_path):
    out, status = run_combined(tmp_path, TWO_TARGETS, ["-j2", "-Otarget"])
    assert out == "b1\nb2\na1\nsleep 1\na2\n"
    assert status == 0


@posix_only
def test_bare_o_means_target(tmp_path):
    out, status = run_combined(tmp_path, TWO_TARGETS, ["-j2", "-O"])
    assert out == "b1\nb2\na1\nsleep 1\na2\n"
    assert status == 0


@posix_only
def test_line_mode_writes_each_line(tmp_path):
    out, status = run_combined(tmp_path, TWO_TARGETS, ["-j2", "-Oline"])
    assert out == "a1\nb1\nb2\nsleep 1\na2\n"
    assert status == 0


@posix_only
def test_recurse_mode_without_submake(tmp_path):
    out, status = run_combined(tmp_path, TWO_TARGETS, ["-j2", "-Orecurse"])
    assert out == "b1\nb2\na1\nsleep 1\na2\n"
    assert status == 0


@posix_only
def test_many_lines_never_interleave(tmp_path):
    lines = "\n".join(
        f"t{n}:\n" + "".join(f"\t@echo t{n}-{k}; sleep 0.05\n" for k in range(4))
        for n in range(4)
    )
    makefile = "all: t0 t1 t2 t3\n" + lines
    out, status = run_combined(tmp_path, makefile, ["-j4", "-Otarget"])
    blocks = out.splitlines()
    assert status == 0
    assert len(blocks) == 16
    for start in range(0, 16, 4):
        target = blocks[start].split("-")[0]
        assert blocks[start:start + 4] == [f"{target}-{k}" for k in range(4)]


@posix_only
def test_directory_lines_around_blocks(tmp_path):
    out, status = run_combined(tmp_path, TWO_TARGETS, ["-w", "-j2", "-Otarget"])
    enter = "pymake: Entering directory '@TMP@'\n"
    leave = "pymake: Leaving directory '@TMP@'\n"
    assert out == enter + "b1\nb2\n" + leave + enter + "a1\nsleep 1\na2\n" + leave
    assert status == 0


@posix_only
def test_serial_run_ignores_target_mode(tmp_path):
    # Without -j, -Otarget has no effect on recipes.
    out, status = run_combined(tmp_path, "all: ; @echo one; echo two >&2\n",
                               ["-w", "-Otarget"])
    assert out == ("pymake: Entering directory '@TMP@'\none\ntwo\n"
                   "pymake: Leaving directory '@TMP@'\n")
    assert status == 0


# --- errors -----------------------------------------------------------------

@posix_only
def test_error_message_inside_failing_block(tmp_path):
    out, status = run_combined(tmp_path, FAILING, ["-j2", "-Otarget"])
    assert out == ("bad-out\nbad-err\npymake: *** [Makefile:5: bad] Error 3\n"
                   "pymake: *** Waiting for unfinished jobs....\nok-done\n")
    assert status == 2


@posix_only
def test_error_block_under_keep_going(tmp_path):
    out, status = run_combined(tmp_path, FAILING, ["-k", "-j2", "-Otarget"])
    assert out == ("bad-out\nbad-err\npymake: *** [Makefile:5: bad] Error 3\n"
                   "ok-done\npymake: Target 'all' not remade because of errors.\n")
    assert status == 2


@posix_only
def test_error_block_on_separate_streams(tmp_path):
    result = run_make(tmp_path, FAILING, ["-j2", "-Otarget"])
    assert result.stdout == "bad-out\nok-done\n"
    assert result.stderr == ("bad-err\npymake: *** [Makefile:5: bad] Error 3\n"
                             "pymake: *** Waiting for unfinished jobs....\n")
    assert result.status == 2


@posix_only
def test_ignored_error_stays_in_block(tmp_path):
    makefile = "all: slow quick\nslow: ; @sleep 0.6; echo slow\nquick:\n\t-@echo q; exit 1\n\t@echo q2\n"
    out, status = run_combined(tmp_path, makefile, ["-j2", "-Otarget"])
    assert out == ("q\npymake: [Makefile:4: quick] Error 1 (ignored)\nq2\n"
                   "slow\n")
    assert status == 0


@posix_only
def test_deleted_target_reported_before_block(tmp_path):
    makefile = (".DELETE_ON_ERROR:\nall: t\n"
                "t:\n\t@echo making; touch $@; exit 1\n")
    out, status = run_combined(tmp_path, makefile, ["-j2", "-Otarget"])
    assert out == ("pymake: *** Deleting file 't'\nmaking\n"
                   "pymake: *** [Makefile:4: t] Error 1\n")
    assert status == 2
    assert not (tmp_path / "t").exists()


def test_unknown_sync_type(tmp_path):
    result = run_make(tmp_path, "all: ; @:\n", ["-Ofoo"])
    assert result.stdout == ""
    assert result.stderr == "pymake: *** unknown output-sync type 'foo'.  Stop.\n"
    assert result.status == 2


# --- echoed commands and recursive lines ------------------------------------

@posix_only
def test_echoed_command_kept_in_order(tmp_path):
    makefile = "all:\n\t@echo foobar\n\ttrue\n"
    for mode in ("-Oline", "-Otarget"):
        out, status = run_combined(tmp_path, makefile, ["-j", mode])
        assert out == "foobar\ntrue\n", mode
        assert status == 0


@posix_only
def test_recursive_line_flushes_earlier_output(tmp_path):
    makefile = "all:\n\t@echo foo\n\t@+echo bar\n"
    for mode in ("-Oline", "-Otarget"):
        out, status = run_combined(tmp_path, makefile, ["-j", mode])
        assert out == "foo\nbar\n", mode
        assert status == 0


SUBMAKE = """\
all: sub other
sub: ; @$(MAKE) -C d
other: ; @sleep 0.6; echo other
"""

SUBMAKE_FILES = {
    "d/Makefile": "x: y z\ny: ; @echo y1; sleep 0.2; echo y2\nz: ; @sleep 1; echo z1\n",
}


@posix_only
def test_recurse_mode_holds_submake_output(tmp_path):
    out, status = run_combined(tmp_path, SUBMAKE, ["-j3", "-Orecurse"],
                               files=SUBMAKE_FILES)
    assert out == ("other\n"
                   "pymake[1]: Entering directory '@TMP@/d'\n"
                   "y1\ny2\nz1\n"
                   "pymake[1]: Leaving directory '@TMP@/d'\n")
    assert status == 0


@posix_only
def test_target_mode_submake_syncs_own_targets(tmp_path):
    out, status = run_combined(tmp_path, SUBMAKE, ["-j3", "-Otarget"],
                               files=SUBMAKE_FILES)
    enter = "pymake[1]: Entering directory '@TMP@/d'\n"
    leave = "pymake[1]: Leaving directory '@TMP@/d'\n"
    assert out == (enter + "y1\ny2\n" + leave + "other\n"
                   + enter + "z1\n" + leave)
    assert status == 0


@posix_only
def test_submake_gets_sync_mutex(tmp_path):
    if mkrun.tested_make_version() < (4, 4):
        pytest.skip("GNU make 4.3 locks stdout instead of a named file")
    makefile = "all: ; @echo \"$$MAKEFLAGS\"\n"
    out, status = run_combined(tmp_path, makefile, ["-j2", "-Oline"])
    words = out.split()
    mutex = [w for w in words if w.startswith("--sync-mutex=fnm:")]
    assert status == 0
    assert "-Oline" in words
    assert len(mutex) == 1
    # The top make removes its lock file when it ends.
    assert not os.path.exists(mutex[0][len("--sync-mutex=fnm:"):])


def test_no_sync_mutex_without_jobs(tmp_path):
    result = run_make(tmp_path, "all: ; @echo \"$(MAKEFLAGS)\"\n", ["-Oline"])
    assert result.stdout == " -Oline\n"
    assert result.status == 0


# --- output made while reading makefiles ------------------------------------

@posix_only
def test_reading_output_synced_as_block(tmp_path):
    makefile = "$(shell echo foo 1>&2)\n$(info bar)\nall: ; echo baz\n"
    out, status = run_combined(tmp_path, makefile, ["-s", "-w", "-Otarget"])
    enter = "pymake: Entering directory '@TMP@'\n"
    leave = "pymake: Leaving directory '@TMP@'\n"
    assert out == enter + "foo\nbar\n" + leave + enter + "baz\n" + leave
    assert status == 0


@posix_only
def test_reading_error_inside_submake_block(tmp_path):
    makefile = "all: ; -@$(MAKE) -f sub.mk\n"
    files = {"sub.mk": "$(info d1 stdout)\n$(error d1 failed)\nall: ; @:\n"}
    out, status = run_combined(tmp_path, makefile, ["-j", "-Oline"], files=files)
    assert out == ("pymake[1]: Entering directory '@TMP@'\n"
                   "d1 stdout\nsub.mk:2: *** d1 failed.  Stop.\n"
                   "pymake[1]: Leaving directory '@TMP@'\n"
                   "pymake: [Makefile:1: all] Error 2 (ignored)\n")
    assert status == 0


# --- lazy directory lines ---------------------------------------------------

def test_no_directory_lines_without_output(tmp_path):
    result = run_make(tmp_path, "all: ; @:\n", ["-w"])
    assert result.stdout == ""
    assert result.stderr == ""
    assert result.status == 0


def test_makeflags_w_in_makefile_prints_directory(tmp_path):
    if mkrun.tested_make_version() < (4, 4):
        pytest.skip("GNU make 4.3 reads MAKEFLAGS from a makefile too late")
    result = run_make(tmp_path, "MAKEFLAGS += -w\nall: ; @echo hi\n")
    assert result.stdout == ("pymake: Entering directory '@TMP@'\nhi\n"
                             "pymake: Leaving directory '@TMP@'\n")
    assert result.status == 0


# --- load average -----------------------------------------------------------

# Each recipe fails when another runs at the same time.
GUARDED = """\
guard = if [ -e busy ]; then echo overlap; exit 1; fi; touch busy; sleep 0.3; rm busy; echo $@
all: one two three
one two three: ; @$(guard)
"""


@posix_only
def test_tiny_load_limit_runs_serially(tmp_path):
    result = run_make(tmp_path, GUARDED, ["-j4", "-l", "0.0001"])
    assert sorted(result.stdout.split()) == ["one", "three", "two"]
    assert result.stderr == ""
    assert result.status == 0


@posix_only
def test_large_load_limit_runs_in_parallel(tmp_path):
    makefile = "all: a b c\na b c: ; @sleep 1; echo $@\n"
    (tmp_path / "Makefile").write_text(makefile)
    result = run_make(tmp_path, makefile, ["-j3", "-l", "1000"])
    assert sorted(result.stdout.split()) == ["a", "b", "c"]
    assert result.status == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-l2.5"], " -l2.5\n"),
        (["-l", ".5"], " -l0.5\n"),
        (["-l"], "\n"),
        (["-lfoo"], " -l0\n"),
        (["--load-average=-3"], " -l-3\n"),
        (["-l", "2", "-l"], "\n"),
        (["-Onone", "-l2e1"], " -l20 -Onone\n"),
    ],
)
def test_load_average_in_makeflags(tmp_path, args, expected):
    result = run_make(tmp_path, "all: ; @echo \"$(MAKEFLAGS)\"\n", args)
    assert result.stdout == expected
    assert result.status == 0


def test_load_monitor_counts_proc_runnable(tmp_path, monkeypatch):
    from pymake.jobs import LoadMonitor

    loadavg = tmp_path / "loadavg"
    loadavg.write_text("0.50 0.40 0.30 3/110 1234\n")
    monitor = LoadMonitor(2.5)
    monkeypatch.setattr(monitor, "PROC_LOADAVG", str(loadavg))
    monitor.use_proc = True
    assert monitor.too_high()
    loadavg.write_text("0.50 0.40 0.30 2/110 1234\n")
    assert not monitor.too_high()
    assert not LoadMonitor(None).too_high()
