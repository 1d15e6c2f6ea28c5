"""Ordering in parallel builds: `.WAIT` and `.NOTPARALLEL` with targets.

Recipes append "start-NAME" and "end-NAME" to a log with a short sleep in
between, so the log shows whether two recipes overlapped.  The expected
behaviour is GNU make 4.4.1's (both features are new in 4.4).
"""

from __future__ import annotations

import os

import pytest

import mkrun
from mkrun import run_make

pytestmark = [
    pytest.mark.skipif(os.name == "nt", reason="recipes use a POSIX shell"),
    pytest.mark.skipif(mkrun.tested_make_version() < (4, 4),
                       reason=".WAIT and .NOTPARALLEL targets are new in GNU make 4.4"),
]

# STEP NAME: log the start and end of a 0.3 s recipe.
STEP = "step = echo start-$(1) >> log; sleep 0.3; echo end-$(1) >> log\n"


def log_lines(tmp_path) -> list[str]:
    return (tmp_path / "log").read_text().split()


def ran_serially(log: list[str], first: str, second: str) -> bool:
    return log.index(f"end-{first}") < log.index(f"start-{second}")


def test_wait_in_pattern_rule(tmp_path):
    makefile = STEP + (
        "all: pre\n"
        "p% : p%1 .WAIT p%2 ;\n"
        "pre1 pre2: ; @$(call step,$@)\n"
    )
    result = run_make(tmp_path, makefile, args=["-j4"])
    assert result.stderr == ""
    assert result.status == 0
    assert ran_serially(log_lines(tmp_path), "pre1", "pre2")


def test_wait_in_pattern_rule_automatic_variables(tmp_path):
    makefile = (
        "all: pre\n"
        "p% : .WAIT p%1 .WAIT p%2 | .WAIT p%3; @echo '<=$< ^=$^ |=$|'\n"
        "pre1 pre2 pre3: ;\n"
    )
    result = run_make(tmp_path, makefile, args=["-j4"])
    assert result.stdout == "<=pre1 ^=pre1 pre2 |=pre3\n"
    assert result.status == 0


def test_notparallel_target_serializes_prerequisites(tmp_path):
    makefile = STEP + (
        "all: p1 np1\n"
        "p1: pre1 pre2\n"
        "np1: npre1 npre2 npre3\n"
        "pre1 pre2 npre1 npre2 npre3: ; @$(call step,$@)\n"
        ".NOTPARALLEL: np1\n"
    )
    result = run_make(tmp_path, makefile, args=["-j8"])
    assert result.stderr == ""
    assert result.status == 0
    log = log_lines(tmp_path)
    assert ran_serially(log, "npre1", "npre2")
    assert ran_serially(log, "npre2", "npre3")
    assert not ran_serially(log, "pre1", "pre2")


def test_notparallel_lists_accumulate(tmp_path):
    makefile = STEP + (
        "all: a b\n"
        "a: a1 a2\n"
        "b: b1 b2\n"
        "a1 a2 b1 b2: ; @$(call step,$@)\n"
        ".NOTPARALLEL: a\n"
        ".NOTPARALLEL: b\n"
    )
    result = run_make(tmp_path, makefile, args=["-j8"])
    assert result.status == 0
    log = log_lines(tmp_path)
    assert ran_serially(log, "a1", "a2")
    assert ran_serially(log, "b1", "b2")


def test_wait_rule_misuse_reported_once(tmp_path):
    makefile = (
        ".WAIT: foo\n"
        ".WAIT: ; echo oops\n"
        ".WAIT: bar ; echo again\n"
        "all: ; @:\n"
    )
    result = run_make(tmp_path, makefile)
    assert result.stdout == ""
    assert result.stderr == (
        "Makefile:1: .WAIT should not have prerequisites\n"
        "Makefile:2: .WAIT should not have commands\n"
    )
    assert result.status == 0
