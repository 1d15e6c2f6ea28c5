"""Running recipe commands that are scripts without a #! line."""

from __future__ import annotations

import os

import pytest

from mkrun import run_make

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX exec semantics")

SCRIPT = 'printf "hello, %s\\n" "$1"\n'


@pytest.mark.parametrize("shell", [None, "/bin/sh"])
def test_script_without_shebang_runs_in_sh(tmp_path, shell):
    script = tmp_path / "exec.cmd"
    script.write_text(SCRIPT)
    script.chmod(0o700)
    args = [f"SHELL={shell}"] if shell else []
    result = run_make(tmp_path, "all: ; @./exec.cmd world\n", args=args)
    assert result.stderr == ""
    assert result.stdout == "hello, world\n"
    assert result.status == 0


def test_script_without_shebang_found_in_path(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "greet"
    script.write_text(SCRIPT)
    script.chmod(0o700)
    path = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    result = run_make(tmp_path, "all: ; @greet world\n", env={"PATH": path})
    assert result.stderr == ""
    assert result.stdout == "hello, world\n"
    assert result.status == 0
