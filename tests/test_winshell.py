import os
import stat
import subprocess
import sys

import pytest

from pymake import winshell


def _make_program(directory, name, executable=True):
    path = directory / name
    path.write_text("")
    if executable:
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_posix_default_shell():
    choice = winshell.choose_shell(None, "undefined", "/usr/bin", windows=False)
    assert choice.program == "/bin/sh"
    assert choice.kind == "posix"
    assert choice.argv_prefix == ["/bin/sh", "-c"]


def test_posix_shell_from_makefile_with_flags():
    choice = winshell.choose_shell("/bin/bash", "file", None, windows=False, shellflags="-e -c")
    assert choice.argv_prefix == ["/bin/bash", "-e", "-c"]


def test_posix_ignores_shell_from_environment():
    choice = winshell.choose_shell("/bin/zsh", "environment", None, windows=False)
    assert choice.program == "/bin/sh"


def test_windows_default_finds_sh_exe_on_path(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    git_bin = tmp_path / "git" / "bin"
    git_bin.mkdir(parents=True)
    sh_path = _make_program(git_bin, "sh.exe")
    path_env = f"{empty};{git_bin}"
    choice = winshell.choose_shell(None, "default", path_env, windows=True)
    assert choice.kind == "posix"
    assert choice.program == sh_path
    assert choice.argv_prefix == [sh_path, "-c"]


def test_windows_falls_back_to_comspec(tmp_path):
    choice = winshell.choose_shell(
        None, "default", str(tmp_path), windows=True, comspec="C:\\Windows\\system32\\cmd.exe"
    )
    assert choice.kind == "cmd"
    assert choice.program == "C:\\Windows\\system32\\cmd.exe"
    assert choice.argv_prefix == ["C:\\Windows\\system32\\cmd.exe", "/c"]


def test_windows_explicit_cmd_shell(tmp_path):
    _make_program(tmp_path, "sh.exe")
    choice = winshell.choose_shell("cmd.exe", "file", str(tmp_path), windows=True, comspec="C:\\cmd.exe")
    assert choice.kind == "cmd"
    assert choice.program == "C:\\cmd.exe"


def test_windows_explicit_bash_found_with_pathext(tmp_path):
    bash_path = _make_program(tmp_path, "bash.exe")
    choice = winshell.choose_shell("bash", "command line", str(tmp_path), windows=True)
    assert choice.kind == "posix"
    assert choice.program == bash_path


def test_windows_missing_explicit_shell_uses_default(tmp_path):
    sh_path = _make_program(tmp_path, "sh.exe")
    choice = winshell.choose_shell("nosuchshell", "file", str(tmp_path), windows=True)
    assert choice.program == sh_path


def test_windows_environment_shell_is_ignored(tmp_path):
    _make_program(tmp_path, "bash.exe")
    choice = winshell.choose_shell("bash", "environment", str(tmp_path), windows=True, comspec="cmd.exe")
    assert choice.kind == "cmd"


@pytest.mark.skipif(os.name == "nt", reason="Windows has no execute permission bit")
def test_find_program_posix_needs_exec_bit(tmp_path):
    _make_program(tmp_path, "tool", executable=False)
    assert winshell.find_program("tool", str(tmp_path), windows=False) is None
    os.chmod(tmp_path / "tool", 0o755)
    assert winshell.find_program("tool", str(tmp_path), windows=False) == str(tmp_path / "tool")


def test_find_program_windows_pathext_order(tmp_path):
    _make_program(tmp_path, "tool.cmd", executable=False)
    _make_program(tmp_path, "tool.bat", executable=False)
    found = winshell.find_program("tool", f'"{tmp_path}"', windows=True, pathext=".EXE;.BAT;.CMD")
    assert found == str(tmp_path / "tool.bat")


def test_find_program_with_directory_part(tmp_path):
    program = _make_program(tmp_path, "sh.exe")
    assert winshell.find_program(str(tmp_path / "sh"), None, windows=True) == program
    assert winshell.find_program(str(tmp_path / "nothing"), None, windows=True) is None


@pytest.mark.parametrize(
    "line, expected",
    [
        ("gcc -c x.c", False),
        ('"C:\\Program Files\\x.exe" a', False),
        ("echo hi", True),
        ("ECHO. ", True),
        ("cd..", True),
        ("del x.o", True),
        ("a.exe > out.txt", True),
        ("a && b", True),
        ("a\nb", True),
        ("", False),
    ],
)
def test_needs_batch_file(line, expected):
    cmd = winshell.ShellChoice("cmd.exe", "cmd", ["cmd.exe", "/c"], windows=True)
    assert winshell.needs_batch_file(line, cmd) is expected


def test_needs_batch_file_false_for_posix_shell():
    sh = winshell.ShellChoice("sh.exe", "posix", ["sh.exe", "-c"], windows=True)
    assert winshell.needs_batch_file("echo hi | cat", sh) is False


def test_make_batch_file_contents_and_cleanup(tmp_path):
    path = winshell.make_batch_file("echo one\necho two", directory=str(tmp_path))
    assert path.endswith(".bat")
    with open(path, "rb") as batch:
        assert batch.read() == b"@echo off\r\necho one\r\necho two\r\n"
    winshell.remove_batch_file(path)
    assert not os.path.exists(path)
    winshell.remove_batch_file(path)


def test_build_command_posix():
    choice = winshell.choose_shell(None, "default", None, windows=False)
    assert winshell.build_command(choice, "echo hi", "-ec") == ["/bin/sh", "-ec", "echo hi"]
    assert winshell.build_command(choice, "echo hi") == ["/bin/sh", "-c", "echo hi"]


def test_build_command_cmd_is_string():
    cmd = winshell.ShellChoice("C:\\cmd.exe", "cmd", ["C:\\cmd.exe", "/c"], windows=True)
    assert winshell.build_command(cmd, "x.exe a", "-c") == '"C:\\cmd.exe" /d /s /c "x.exe a"'
    assert winshell.build_batch_command(cmd, "C:\\T\\a b.bat") == '"C:\\cmd.exe" /d /s /c ""C:\\T\\a b.bat""'


@pytest.mark.skipif(os.name == "nt", reason="runs /bin/sh")
def test_build_command_posix_runs_and_passes_status():
    choice = winshell.choose_shell(None, "default", os.environ.get("PATH"))
    argv = winshell.build_command(choice, "echo hi; exit 3")
    result = subprocess.run(argv, capture_output=True, text=True)
    assert result.stdout == "hi\n"
    assert result.returncode == 3


@pytest.mark.skipif(os.name != "nt", reason="needs cmd.exe")
def test_batch_file_errorlevel_passes_through(tmp_path):
    choice = winshell.choose_shell("cmd.exe", "file", os.environ.get("PATH"))
    path = winshell.make_batch_file("echo hi\nexit /b 4", directory=str(tmp_path))
    try:
        result = subprocess.run(winshell.build_batch_command(choice, path), capture_output=True, text=True)
    finally:
        winshell.remove_batch_file(path)
    assert result.stdout.strip() == "hi"
    assert result.returncode == 4


def test_import_is_light():
    code = "import sys, pymake.winshell, pymake.builtins_cmd, pymake.pathrules, pymake.proctree; print('psutil' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"
