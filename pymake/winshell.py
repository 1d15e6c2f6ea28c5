"""Choose the shell that runs recipe lines, and build its command line.

On POSIX the shell is ``$(SHELL)`` (default ``/bin/sh``) run with
``$(.SHELLFLAGS)`` (default ``-c``). On Windows the rules follow GNU make
4.4.1 for Windows. The default shell is ``sh.exe`` found on ``PATH``, which
Git for Windows provides. A ``SHELL`` set in a makefile or on the command
line is used if it exists as a path or is found on ``PATH``. Otherwise
recipes run under ``cmd.exe`` (``%ComSpec%``). Under ``cmd.exe`` a recipe
that needs the shell is written to a temporary batch file and run from
there, as GNU make does.

Each function takes ``windows: bool | None``; ``None`` means
``os.name == "nt"``, so the Windows rules can be tested on any host.
"""

from __future__ import annotations

import os
import re
import shlex
import tempfile
from dataclasses import dataclass, field

DEFAULT_POSIX_SHELL = "/bin/sh"
DEFAULT_WINDOWS_SHELL = "sh.exe"
DEFAULT_PATHEXT = ".COM;.EXE;.BAT;.CMD"

# Origins of the SHELL variable, spelled as $(origin SHELL) returns them.
# GNU make never takes SHELL from the environment, and on Windows it only
# looks for a new shell when SHELL comes from a makefile, the command line
# or an override directive.
_EXPLICIT_ORIGINS = ("file", "command line", "override")

# Characters that make cmd.exe necessary. A line without them and without a
# cmd.exe built-in command can be started directly. GNU make 4.4.1 uses the
# same four and leaves quotes to CreateProcess.
_CMD_SPECIAL_CHARS = "|&<>"

# Commands that exist only inside cmd.exe (from "cmd /?" and "help" on
# Windows 10), so a line starting with one must go through cmd.exe.
_CMD_BUILTINS = frozenset(
    """
    assoc break call cd chcp chdir cls color copy date del dir echo echo.
    endlocal erase exit for ftype goto if md mkdir mklink move path pause
    popd prompt pushd rd rem ren rename rmdir set setlocal shift start time
    title type ver verify vol :
    """.split()
)
_CMD_GLUE_CHARS = tuple(".:\\/(+;,=")


@dataclass(frozen=True)
class ShellChoice:
    """The shell that runs recipe lines.

    ``argv_prefix`` is the program followed by the split ``.SHELLFLAGS``
    (for ``cmd.exe``: ``/c``); the recipe line is appended to it.
    ``kind`` is ``"posix"`` for sh-like shells and ``"cmd"`` for
    ``cmd.exe``. ``found`` is False when the program could not be located
    and ``program`` is the bare name that will be tried anyway.
    """

    program: str
    kind: str
    argv_prefix: list[str] = field(default_factory=list)
    windows: bool = False
    found: bool = True


def _on_windows(windows: bool | None) -> bool:
    if windows is None:
        return os.name == "nt"
    return windows


def _has_dir_part(name: str, windows: bool) -> bool:
    if "/" in name:
        return True
    return windows and ("\\" in name or (len(name) >= 2 and name[1] == ":"))


def _candidate_names(name: str, windows: bool, pathext: str | None) -> list[str]:
    """Return the file names to try for ``name``: itself, then with each PATHEXT suffix on Windows."""
    if not windows:
        return [name]
    if pathext is None:
        pathext = os.environ.get("PATHEXT", DEFAULT_PATHEXT)
    suffixes = [ext for ext in pathext.split(";") if ext]
    names = [name]
    lower = name.lower()
    if any(lower.endswith(ext.lower()) for ext in suffixes):
        return names
    for ext in suffixes:
        # Windows file systems ignore case, but a POSIX host running the
        # Windows rules in tests does not, so try the lower-case suffix first.
        for variant in (ext.lower(), ext):
            if name + variant not in names:
                names.append(name + variant)
    return names


def _is_program_file(path: str, windows: bool) -> bool:
    if not os.path.isfile(path):
        return False
    return windows or os.access(path, os.X_OK)


def find_program(
    name: str,
    path_env: str | None,
    windows: bool | None = None,
    pathext: str | None = None,
) -> str | None:
    """Return the path of the program ``name``, searching ``path_env``, or None.

    A name with a directory part is checked as given and not searched for.
    On Windows, ``path_env`` is split at ``;`` and each directory is tried
    with ``name`` unchanged and then with each ``pathext`` suffix (default
    ``%PATHEXT%`` or ``.COM;.EXE;.BAT;.CMD``). On POSIX it is split at ``:``,
    an empty entry means the current directory, and the file must be
    executable.
    """
    windows = _on_windows(windows)
    names = _candidate_names(name, windows, pathext)
    if _has_dir_part(name, windows):
        for candidate in names:
            if _is_program_file(candidate, windows):
                return candidate
        return None
    if not path_env:
        return None
    for directory in path_env.split(";" if windows else ":"):
        if windows:
            directory = directory.strip('"')
            if not directory:
                continue
        elif not directory:
            directory = "."
        for candidate in names:
            path = os.path.join(directory, candidate)
            if _is_program_file(path, windows):
                return path
    return None


def _basename(path: str, windows: bool) -> str:
    if windows:
        path = path.replace("\\", "/")
    return path.rsplit("/", 1)[-1]


def is_cmd_shell(program: str, windows: bool | None = None) -> bool:
    """Return True if ``program`` names ``cmd.exe`` or ``cmd`` (any case, any directory)."""
    windows = _on_windows(windows)
    return _basename(program, windows).lower() in ("cmd", "cmd.exe")


def split_shellflags(shellflags: str | None) -> list[str]:
    """Split ``.SHELLFLAGS`` into arguments with sh quoting rules (``None`` gives ``-c``)."""
    if shellflags is None:
        return ["-c"]
    return shlex.split(shellflags)


def _cmd_choice(comspec: str | None, path_env: str | None, pathext: str | None) -> ShellChoice:
    if comspec is None:
        comspec = os.environ.get("ComSpec") or os.environ.get("COMSPEC")
    program = comspec
    found = True
    if not program:
        located = find_program("cmd.exe", path_env, True, pathext)
        program = located or "cmd.exe"
        found = located is not None
    return ShellChoice(program, "cmd", [program, "/c"], windows=True, found=found)


def choose_shell(
    shell_var: str | None,
    shell_origin: str,
    path_env: str | None,
    windows: bool | None = None,
    pathext: str | None = None,
    shellflags: str | None = None,
    comspec: str | None = None,
) -> ShellChoice:
    """Choose the shell for recipe lines from ``$(SHELL)`` and its origin.

    ``shell_origin`` is the value ``$(origin SHELL)`` would return. A SHELL
    whose origin is ``environment`` or ``environment override`` is ignored,
    as GNU make does. ``shellflags`` is the expanded ``.SHELLFLAGS`` (None
    means ``-c``; the caller passes ``-ec`` under ``.POSIX``). ``comspec``
    overrides ``%ComSpec%`` for the ``cmd.exe`` fallback.

    On Windows a program is ``cmd`` kind if its file name is ``cmd`` or
    ``cmd.exe``, and ``posix`` kind otherwise. A ``cmd`` shell always gets
    ``/c`` instead of ``.SHELLFLAGS``.
    """
    windows = _on_windows(windows)
    explicit = bool(shell_var) and shell_origin in _EXPLICIT_ORIGINS
    flags = split_shellflags(shellflags)

    if not windows:
        if shell_var and shell_origin not in ("environment", "environment override"):
            program = shell_var
        else:
            program = DEFAULT_POSIX_SHELL
        return ShellChoice(program, "posix", [program, *flags], windows=False)

    if explicit and shell_var != DEFAULT_WINDOWS_SHELL:
        assert shell_var is not None
        if is_cmd_shell(shell_var, True):
            if _has_dir_part(shell_var, True):
                return ShellChoice(shell_var, "cmd", [shell_var, "/c"], windows=True)
            return _cmd_choice(comspec, path_env, pathext)
        if _has_dir_part(shell_var, True) and os.path.isfile(shell_var):
            return ShellChoice(shell_var, "posix", [shell_var, *flags], windows=True)
        located = find_program(shell_var, path_env, True, pathext)
        if located is not None:
            return ShellChoice(located, "posix", [located, *flags], windows=True)
        # GNU make keeps its previous shell when the new SHELL is not
        # found, which is the default search below.

    located = find_program(DEFAULT_WINDOWS_SHELL, path_env, True, pathext)
    if located is not None:
        return ShellChoice(located, "posix", [located, *flags], windows=True)
    return _cmd_choice(comspec, path_env, pathext)


def needs_batch_file(cmdline: str, choice: ShellChoice | None = None) -> bool:
    """Return True if ``cmdline`` must run from a batch file under ``cmd.exe``.

    That is the case for several lines (``.ONESHELL`` or a line with an
    embedded newline), for any of ``| & < >`` and for a line starting with a
    ``cmd.exe`` built-in such as ``echo``, ``del`` or ``if``. Other lines can
    be started directly as a program. For a ``posix`` ``choice`` the result
    is always False.
    """
    if choice is not None and choice.kind != "cmd":
        return False
    stripped = cmdline.strip()
    if not stripped:
        return False
    if "\n" in stripped or "\r" in stripped:
        return True
    if any(char in stripped for char in _CMD_SPECIAL_CHARS):
        return True
    first_word = stripped.split(None, 1)[0].lower()
    if first_word in _CMD_BUILTINS or first_word.startswith(":"):
        return True
    # cmd.exe also accepts a built-in glued to some punctuation, as in
    # "echo." or "cd..".
    head = re.match(r"[a-z]*", first_word).group()
    rest = first_word[len(head) :]
    return head in _CMD_BUILTINS and rest[:1] in _CMD_GLUE_CHARS


def make_batch_file(cmdline: str, directory: str | None = None) -> str:
    """Write ``cmdline`` to a new temporary ``.bat`` file and return its path.

    The file starts with ``@echo off`` so cmd.exe does not echo each line,
    and has CRLF line ends. The caller runs it with :func:`build_batch_command`
    and removes it with :func:`remove_batch_file` once the job is done.
    ``directory`` defaults to the system temporary directory.
    """
    lines = cmdline.replace("\r\n", "\n").split("\n")
    text = "@echo off\r\n" + "\r\n".join(lines) + "\r\n"
    handle, path = tempfile.mkstemp(prefix="pymake", suffix=".bat", dir=directory)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as batch:
        batch.write(text)
    return path


def remove_batch_file(path: str) -> None:
    """Remove a batch file made by :func:`make_batch_file`, ignoring a missing file."""
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def build_batch_command(choice: ShellChoice, batch_path: str) -> str:
    """Return the command string that runs ``batch_path`` under ``choice``'s cmd.exe.

    ``/s`` makes cmd.exe strip only the outer quotes, so a path with blanks
    stays intact. The exit status is the errorlevel the batch file leaves.
    """
    return f'"{choice.program}" /d /s /c ""{batch_path}""'


def build_command(choice: ShellChoice, cmdline: str, shellflags: str | None = None) -> list[str] | str:
    """Return the ``subprocess`` argument that runs ``cmdline`` under ``choice``.

    For a ``posix`` shell this is a list: the program, the split
    ``shellflags`` (``choice.argv_prefix`` flags when None) and the line.
    For ``cmd.exe`` it is a string passed to CreateProcess unchanged, because
    ``subprocess.list2cmdline`` would add backslashes that cmd.exe keeps.
    Lines for which :func:`needs_batch_file` is true should go through
    :func:`make_batch_file` and :func:`build_batch_command` instead.
    """
    if choice.kind == "cmd":
        return f'"{choice.program}" /d /s /c "{cmdline}"'
    if shellflags is None:
        flags = choice.argv_prefix[1:]
    else:
        flags = split_shellflags(shellflags)
    return [choice.program, *flags, cmdline]
