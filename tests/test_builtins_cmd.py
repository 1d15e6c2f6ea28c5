import io
import os
import shutil
import subprocess

import pytest

from pymake import builtins_cmd


def _has_gnu_coreutils():
    if os.name == "nt" or shutil.which("rm") is None:
        return False
    result = subprocess.run(["rm", "--version"], capture_output=True, text=True)
    return "GNU coreutils" in result.stdout


needs_coreutils = pytest.mark.skipif(not _has_gnu_coreutils(), reason="compares with GNU coreutils")


def _populate(root):
    (root / "f").write_text("file f\n")
    (root / "g").write_text("file g\n")
    (root / "d" / "sub").mkdir(parents=True)
    (root / "d" / "sub" / "h.txt").write_text("h\n")
    (root / "d" / "a.c").write_text("a\n")
    (root / "d" / "b.c").write_text("b\n")


def _snapshot(root):
    entries = {}
    for directory, dirnames, filenames in os.walk(root):
        relative = os.path.relpath(directory, root)
        for name in dirnames:
            entries[os.path.normpath(os.path.join(relative, name))] = None
        for name in filenames:
            with open(os.path.join(directory, name), "rb") as handle:
                entries[os.path.normpath(os.path.join(relative, name))] = handle.read()
    return entries


def _run_builtin(cmdline, cwd):
    stdout = io.StringIO()
    stderr = io.StringIO()
    status = builtins_cmd.run_command_line(cmdline, str(cwd), stdout, stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def _run_real(cmdline, cwd):
    env = dict(os.environ, LC_ALL="C")
    result = subprocess.run(["/bin/sh", "-c", cmdline], cwd=cwd, env=env, capture_output=True, text=True)
    return result.returncode, result.stdout, result.stderr


COMPARED_LINES = [
    "rm f",
    "rm x",
    "rm d",
    "rm",
    "rm -f",
    "rm -f x f",
    "rm -rf d x",
    "rm -r d/sub",
    "rm --force x",
    "rm d/*.c",
    "rm -r .",
    "mkdir n",
    "mkdir f",
    "mkdir a/b",
    "mkdir -p a/b/c",
    "mkdir -p d f",
    "mkdir",
    "cp f n",
    "cp f g",
    "cp x n",
    "cp d e",
    "cp -r d e",
    "cp -r d d/inner",
    "cp f f",
    "cp f g d",
    "cp f g n",
    "cp f g g",
    "cp f",
    "cp",
    "cp d/*.c d/sub",
    "mv f n",
    "mv f d",
    "mv x n",
    "mv f",
    "mv d d/sub/x",
    "mv f g d/sub",
    "touch n",
    "touch f",
    "touch a/b",
    "touch -c n",
    "cat f g",
    "cat x f",
    "cat d",
    "echo hello  world",
    "echo -n no newline",
    "echo 'quoted  text' \"two\"",
    "echo d/*.c",
    "echo d/*.none",
    "echo hi > out.txt",
    "echo more >> f",
    "cat f g > joined",
]


# GNU cp leaves a partial copy whose content depends on directory order.
FILES_NOT_COMPARED = {"cp -r d d/inner"}


@needs_coreutils
@pytest.mark.parametrize("cmdline", COMPARED_LINES)
def test_builtin_matches_coreutils(tmp_path, cmdline):
    mine = tmp_path / "mine"
    real = tmp_path / "real"
    mine.mkdir()
    real.mkdir()
    _populate(mine)
    _populate(real)
    status, out, err = _run_builtin(cmdline, mine)
    real_status, real_out, real_err = _run_real(cmdline, real)
    assert status == real_status
    assert out == real_out
    assert err == real_err
    if cmdline not in FILES_NOT_COMPARED:
        assert _snapshot(mine) == _snapshot(real)


@pytest.mark.parametrize(
    "cmdline, argv",
    [
        ("rm -f a b", ["rm", "-f", "a", "b"]),
        ("mkdir -p 'a b' c\\ d", ["mkdir", "-p", "a b", "c d"]),
        ('echo "x\\"y"', ["echo", 'x"y']),
        ("echo '$HOME'", ["echo", "$HOME"]),
        ("touch a#b", ["touch", "a#b"]),
    ],
)
def test_parse_simple_command_accepts(cmdline, argv):
    assert builtins_cmd.parse_simple_command(cmdline) == argv


@pytest.mark.parametrize(
    "cmdline",
    [
        "rm a && rm b",
        "rm a; rm b",
        "rm a | cat",
        "rm $HOME",
        'echo "$HOME"',
        "echo `date`",
        "rm ~/x",
        "rm a # comment",
        "gcc -c x.c",
        "rm -i x",
        "mkdir -m 755 d",
        "cat",
        "cat < f",
        "rm x > log",
        "echo -e 'a\\n'",
        "echo 'unterminated",
        "echo hi > out",
        "(rm x)",
        "",
    ],
)
def test_parse_simple_command_rejects(cmdline):
    assert builtins_cmd.parse_simple_command(cmdline) is None


def test_parse_command_line_redirection():
    parsed = builtins_cmd.parse_command_line("echo hi >> log.txt")
    assert parsed.argv == ["echo", "hi"]
    assert parsed.stdout_path == "log.txt"
    assert parsed.append is True


def test_glob_expands_sorted_relative_to_cwd(tmp_path):
    _populate(tmp_path)
    assert builtins_cmd.parse_simple_command("rm d/*.c", str(tmp_path)) == ["rm", "d/a.c", "d/b.c"]
    assert builtins_cmd.parse_simple_command("rm 'd/*.c'", str(tmp_path)) == ["rm", "d/*.c"]


def test_rm_missing_file_message(tmp_path):
    status, out, err = _run_builtin("rm nothing", tmp_path)
    assert status == 1
    assert out == ""
    assert err == "rm: cannot remove 'nothing': No such file or directory\n"


def test_rm_rf_removes_tree(tmp_path):
    _populate(tmp_path)
    status, _out, err = _run_builtin("rm -rf d f", tmp_path)
    assert status == 0
    assert err == ""
    assert sorted(os.listdir(tmp_path)) == ["g"]


def test_mkdir_p_existing_is_ok(tmp_path):
    _populate(tmp_path)
    assert _run_builtin("mkdir -p d/sub new/deep", tmp_path)[0] == 0
    assert (tmp_path / "new" / "deep").is_dir()


def test_cp_into_directory_and_recursive(tmp_path):
    _populate(tmp_path)
    assert _run_builtin("cp f g d", tmp_path)[0] == 0
    assert (tmp_path / "d" / "f").read_text() == "file f\n"
    assert _run_builtin("cp -r d copy", tmp_path)[0] == 0
    assert (tmp_path / "copy" / "sub" / "h.txt").read_text() == "h\n"


def test_mv_overwrites_target(tmp_path):
    _populate(tmp_path)
    assert _run_builtin("mv f g", tmp_path)[0] == 0
    assert not (tmp_path / "f").exists()
    assert (tmp_path / "g").read_text() == "file f\n"


def test_touch_updates_mtime(tmp_path):
    _populate(tmp_path)
    os.utime(tmp_path / "f", (1_000_000, 1_000_000))
    assert _run_builtin("touch f new", tmp_path)[0] == 0
    assert (tmp_path / "f").stat().st_mtime > 1_000_000
    assert (tmp_path / "new").exists()


def test_cat_writes_bytes_to_binary_stream(tmp_path):
    (tmp_path / "bin").write_bytes(b"\x00\xff\n")
    stdout = io.BytesIO()
    stderr = io.StringIO()
    assert builtins_cmd.run_builtin(["cat", "bin"], str(tmp_path), stdout, stderr) == 0
    assert stdout.getvalue() == b"\x00\xff\n"


def test_echo_redirect_creates_file(tmp_path):
    status, out, _err = _run_builtin("echo -n 'a b' > out", tmp_path)
    assert status == 0
    assert out == ""
    assert (tmp_path / "out").read_bytes() == b"a b"


def test_run_builtin_invalid_option_message(tmp_path):
    stderr = io.StringIO()
    status = builtins_cmd.run_builtin(["rm", "-z", "f"], str(tmp_path), io.StringIO(), stderr)
    assert status == 1
    assert stderr.getvalue() == "rm: invalid option -- 'z'\nTry 'rm --help' for more information.\n"


def test_run_builtin_rejects_unknown_command(tmp_path):
    with pytest.raises(ValueError):
        builtins_cmd.run_builtin(["ls"], str(tmp_path), io.StringIO(), io.StringIO())
