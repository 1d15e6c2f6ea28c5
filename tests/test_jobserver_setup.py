"""How the make program sets up, reports and hands on its jobserver.

The expected messages are those of GNU make 4.4.1.
"""

from __future__ import annotations

import os

import pytest

import mkrun
from mkrun import run_make

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX jobserver styles")
needs_44 = pytest.mark.skipif(
    mkrun.tested_make_version() < (4, 4),
    reason="behaviour changed in GNU make 4.4",
)


@needs_44
def test_unknown_style_stops(tmp_path):
    result = run_make(tmp_path, "all: ; @echo $@\n", args=["--jobserver-style=foo", "-j8"])
    assert result.stdout == ""
    assert result.stderr == "pymake: *** unknown jobserver auth style 'foo'.  Stop.\n"
    assert result.status == 2


@needs_44
def test_unknown_style_ignored_serially(tmp_path):
    result = run_make(tmp_path, "all: ; @echo $@\n", args=["--jobserver-style=foo"])
    assert result.stdout == "all\n"
    assert result.stderr == ""
    assert result.status == 0


def test_bare_j_in_submake_warns_j0(tmp_path):
    makefile = "recurse: ; @$(MAKE) -j -f Makefile all\nall: ; @echo $@\n"
    result = run_make(tmp_path, makefile, args=["-j2", "--no-print-directory"])
    assert result.stdout == "all\n"
    assert result.stderr == (
        "pymake[1]: warning: -j0 forced in submake: resetting jobserver mode.\n"
    )
    assert result.status == 0


@posix_only
@needs_44
def test_missing_tmpdir_reported(tmp_path):
    result = run_make(tmp_path, "all: ; @echo $@\n", args=["-j2"],
                      env={"TMPDIR": "nosuchdir", "MAKE_TMPDIR": None})
    assert result.stdout == "all\n"
    assert result.stderr == (
        "pymake: TMPDIR value nosuchdir: No such file or directory\n"
        "pymake: using default temporary directory '/tmp'\n"
    )
    assert result.status == 0


@posix_only
@needs_44
def test_make_tmpdir_holds_fifo(tmp_path):
    makefile = 'recurse: ; @$(MAKE) -f Makefile all\nall: ; @echo "$$MAKEFLAGS"\n'
    result = run_make(tmp_path, makefile, args=["-j2", "--no-print-directory"],
                      env={"MAKE_TMPDIR": ".", "TMPDIR": "nosuchdir"})
    assert result.stderr == ""
    assert " --jobserver-auth=fifo:./" in result.stdout
    assert result.status == 0


SUB_MAKE_THAT_RESTARTS = """\
-include inc.mk
all: a b
a b: ; @echo $@ $(FOO)
inc.mk: ; @echo 'FOO = bar' > $@
"""


@posix_only
@pytest.mark.parametrize("style", ["fifo", "pipe"])
@needs_44
def test_restarted_submake_keeps_jobserver(tmp_path, style):
    result = run_make(
        tmp_path,
        "top: ; @$(MAKE) -f sub.mk\n",
        args=["-j2", f"--jobserver-style={style}", "--no-print-directory"],
        files={"sub.mk": SUB_MAKE_THAT_RESTARTS},
    )
    assert result.stderr == ""
    assert sorted(result.stdout.splitlines()) == ["a bar", "b bar"]
    assert result.status == 0


def test_restarted_submake_warns_once(tmp_path):
    result = run_make(
        tmp_path,
        "top: ; @$(MAKE) -j2 -f sub.mk\n",
        args=["-j2", "--no-print-directory"],
        files={"sub.mk": SUB_MAKE_THAT_RESTARTS},
    )
    assert result.stderr == (
        "pymake[1]: warning: -j2 forced in submake: resetting jobserver mode.\n"
    )
    assert sorted(result.stdout.splitlines()) == ["a bar", "b bar"]
    assert result.status == 0
