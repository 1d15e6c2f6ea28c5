"""Run pymake (or another make) on a makefile in a scratch directory.

The tests compare output byte for byte with what GNU make 4.4.1 prints,
with the program name ``make`` replaced by ``pymake`` in message prefixes.

Set ``PYMAKE_CMD`` to point the same tests at another make, for example
``PYMAKE_CMD=make python -m pytest tests/test_lang_*.py``.  The harness
then rewrites that program's name in message prefixes (``make:``,
``make[1]:``) to ``pymake`` so the expectations still apply, and
``Case.gnu44`` cases are skipped when that make is older than 4.4.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

TIMEOUT_SECONDS = 60

# Variables that would leak the state of an enclosing make into the run.
INHERITED_MAKE_VARIABLES = ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "GNUMAKEFLAGS", "MAKEFILES")

# Repository root, put on PYTHONPATH so ``python -m pymake`` works uninstalled.
REPOSITORY_ROOT = Path(__file__).resolve().parent.parent

# Placeholder for the scratch directory in expected output.
TMP_PLACEHOLDER = "@TMP@"


@dataclasses.dataclass
class Result:
    stdout: str
    stderr: str
    status: int


@dataclasses.dataclass
class Case:
    """One makefile run and the output GNU make 4.4.1 gives for it.

    ``stderr_contains`` replaces the exact ``stderr`` check with a
    substring check.  ``gnu44`` names the GNU make 4.4 change that makes
    4.3 print something else, and such cases are skipped when the make
    under test is older than 4.4.
    """

    id: str
    makefile: str
    stdout: str = ""
    stderr: str = ""
    status: int = 0
    args: tuple[str, ...] = ()
    env: dict[str, str | None] | None = None
    files: dict[str, str] | None = None
    stderr_contains: str | None = None
    gnu44: str | None = None


def make_command() -> list[str]:
    """Return the command that starts the make under test."""
    override = os.environ.get("PYMAKE_CMD", "").strip()
    if override:
        return shlex.split(override)
    return [sys.executable, "-m", "pymake"]


def is_other_make() -> bool:
    return bool(os.environ.get("PYMAKE_CMD", "").strip())


@functools.cache
def tested_make_version() -> tuple[int, ...]:
    """Return the GNU make version under test.

    pymake, and a make whose ``--version`` output names no GNU Make
    version, count as 4.4.1.
    """
    if not is_other_make():
        return (4, 4, 1)
    completed = subprocess.run(
        make_command() + ["--version"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        env=clean_environment(None),
    )
    found = re.search(r"GNU Make (\d+(?:\.\d+)*)", completed.stdout)
    if not found:
        return (4, 4, 1)
    return tuple(int(part) for part in found.group(1).split("."))


def clean_environment(env: dict[str, str | None] | None) -> dict[str, str]:
    """Copy os.environ without make's own variables, with LC_ALL=C.

    A value of None in ``env`` removes that variable.
    """
    result = dict(os.environ)
    for name in INHERITED_MAKE_VARIABLES:
        result.pop(name, None)
    result["LC_ALL"] = "C"
    for name, value in (env or {}).items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = value
    return result


def rename_program(text: str, program: str) -> str:
    """Replace ``program:`` and ``program[N]:`` prefixes with pymake's name."""
    pattern = re.compile(r"^" + re.escape(program) + r"(\[\d+\])?:", re.MULTILINE)
    return pattern.sub(lambda found: "pymake" + (found.group(1) or "") + ":", text)


def replace_tmp_path(text: str, tmp_path: Path) -> str:
    """Replace the scratch directory (as given and as resolved) with @TMP@."""
    for spelling in sorted({str(tmp_path.resolve()), str(tmp_path)}, key=len, reverse=True):
        text = text.replace(spelling, TMP_PLACEHOLDER)
    return text


def run_make(
    tmp_path: Path,
    makefile: str | bytes,
    args=(),
    env: dict[str, str | None] | None = None,
    files: dict[str, str | bytes] | None = None,
) -> Result:
    """Write ``Makefile`` and ``files`` into tmp_path, run make there.

    The output has the scratch directory replaced by ``@TMP@`` and, when
    ``PYMAKE_CMD`` selects another make, its name replaced by ``pymake``.
    """
    makefile_bytes = makefile.encode() if isinstance(makefile, str) else makefile
    (tmp_path / "Makefile").write_bytes(makefile_bytes)
    for name, content in (files or {}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)

    command = make_command()
    child_env = clean_environment(env)
    if not is_other_make():
        search_path = [str(REPOSITORY_ROOT), child_env.get("PYTHONPATH", "")]
        child_env["PYTHONPATH"] = os.pathsep.join(part for part in search_path if part)
    completed = subprocess.run(
        command + list(args),
        cwd=tmp_path,
        env=child_env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
    )
    stdout = completed.stdout.decode(errors="surrogateescape")
    stderr = completed.stderr.decode(errors="surrogateescape")
    if is_other_make():
        program = os.path.basename(command[0])
        stdout = rename_program(stdout, program)
        stderr = rename_program(stderr, program)
    return Result(
        stdout=replace_tmp_path(stdout, tmp_path),
        stderr=replace_tmp_path(stderr, tmp_path),
        status=completed.returncode,
    )


def check_case(tmp_path: Path, case: Case) -> None:
    """Run ``case`` and assert stdout, stderr and exit status."""
    if case.gnu44 and tested_make_version() < (4, 4):
        pytest.skip(f"needs GNU make 4.4 or later: {case.gnu44}")
    result = run_make(tmp_path, case.makefile, case.args, case.env, case.files)
    assert result.stdout == case.stdout
    if case.stderr_contains is not None:
        assert case.stderr_contains in result.stderr
    else:
        assert result.stderr == case.stderr
    assert result.status == case.status


def params(cases: list[Case]) -> list:
    """Wrap cases as pytest params with their ids, rejecting duplicate ids."""
    ids = [case.id for case in cases]
    duplicates = {name for name in ids if ids.count(name) > 1}
    if duplicates:
        raise ValueError(f"duplicate case ids: {sorted(duplicates)}")
    return [pytest.param(case, id=case.id) for case in cases]
