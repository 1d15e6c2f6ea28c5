"""In-process versions of common POSIX recipe commands.

On Windows without ``sh.exe``, recipes run under ``cmd.exe``, which has no
``rm``, ``cp`` or ``touch`` and whose ``mkdir`` and ``echo`` differ from the
POSIX ones. A recipe line that consists of exactly one of ``rm``,
``mkdir``, ``cp``, ``mv``, ``touch``, ``cat`` or ``echo`` with plain words
can be run here instead. Exit statuses and error messages follow GNU
coreutils in the C locale, e.g. ``rm: cannot remove 'x': No such file or
directory``.

The core calls :func:`run_command_line`, which returns None when the line
is not such a command and must go to the shell.
"""

from __future__ import annotations

import glob
import io
import os
import shutil
import sys
from dataclasses import dataclass
from typing import IO, Callable

# Characters that, unquoted, need a real shell: operators, expansions,
# subshells, comments and brace or tilde expansion.
_SHELL_CHARS = set("|&;<>()$`{}~#\n\r")
_GLOB_CHARS = set("*?[")

# Options each command accepts. A line with any other option goes to the
# shell, where the real tool handles or rejects it.
_SHORT_OPTIONS = {
    "rm": set("frRv"),
    "mkdir": set("pv"),
    "cp": set("frRpv"),
    "mv": set("fv"),
    "touch": set("c"),
    "cat": set(),
    "echo": set(),
}
_LONG_OPTIONS = {
    "rm": {"--force": "f", "--recursive": "r", "--verbose": "v"},
    "mkdir": {"--parents": "p", "--verbose": "v"},
    "cp": {"--force": "f", "--recursive": "r", "--verbose": "v"},
    "mv": {"--force": "f", "--verbose": "v"},
    "touch": {"--no-create": "c"},
    "cat": {},
    "echo": {},
}

BUILTIN_COMMANDS = frozenset(_SHORT_OPTIONS)


@dataclass(frozen=True)
class BuiltinCommand:
    """A parsed recipe line: the argument vector and an optional ``>``/``>>`` output file."""

    argv: list[str]
    stdout_path: str | None = None
    append: bool = False


class _Word:
    """A shell word while it is read: its text, and a glob pattern if it has unquoted glob characters."""

    def __init__(self) -> None:
        self.text: list[str] = []
        self.pattern: list[str] = []
        self.has_glob = False
        self.started = False

    def add(self, char: str, quoted: bool) -> None:
        self.started = True
        self.text.append(char)
        if not quoted and char in _GLOB_CHARS:
            self.has_glob = True
            self.pattern.append(char)
        else:
            self.pattern.append(glob.escape(char))


def _split_words(cmdline: str) -> list[tuple[str, str | None]] | None:
    """Split ``cmdline`` into ``(text, glob_pattern)`` words with sh quoting, or None.

    None means the line uses shell syntax this module does not run: an
    unquoted operator or expansion character, ``$`` or a backquote inside
    double quotes, or an unterminated quote. The redirection operators
    ``>`` and ``>>`` are returned as words with a pattern of ``">"``.
    """
    words: list[tuple[str, str | None]] = []
    word = _Word()
    i = 0
    length = len(cmdline)

    def finish() -> None:
        nonlocal word
        if word.started:
            pattern = "".join(word.pattern) if word.has_glob else None
            words.append(("".join(word.text), pattern))
        word = _Word()

    while i < length:
        char = cmdline[i]
        if char in " \t":
            finish()
            i += 1
        elif char == "'":
            end = cmdline.find("'", i + 1)
            if end < 0:
                return None
            word.started = True
            for quoted_char in cmdline[i + 1 : end]:
                word.add(quoted_char, quoted=True)
            i = end + 1
        elif char == '"':
            i += 1
            word.started = True
            while i < length and cmdline[i] != '"':
                quoted_char = cmdline[i]
                if quoted_char in "$`":
                    return None
                if quoted_char == "\\" and i + 1 < length and cmdline[i + 1] in '"\\$`\n':
                    i += 1
                    quoted_char = cmdline[i]
                word.add(quoted_char, quoted=True)
                i += 1
            if i >= length:
                return None
            i += 1
        elif char == "\\":
            if i + 1 >= length or cmdline[i + 1] in "\n\r":
                return None
            word.add(cmdline[i + 1], quoted=True)
            i += 2
        elif char == ">" and not word.started:
            append = cmdline.startswith(">>", i)
            words.append((">>" if append else ">", ">"))
            i += 2 if append else 1
        elif char == "#" and word.started:
            word.add(char, quoted=False)
            i += 1
        elif char in _SHELL_CHARS:
            return None
        else:
            word.add(char, quoted=False)
            i += 1
    finish()
    return words


def _options_are_supported(command: str, args: list[str]) -> bool:
    """Return True if every option in ``args`` (before ``--`` or the first operand) is supported."""
    if command == "echo":
        # Shells disagree on "-e" and "-E", so only "-n" is run here.
        return not args or args[0] not in ("-e", "-E")
    short_options = _SHORT_OPTIONS[command]
    long_options = _LONG_OPTIONS[command]
    for arg in args:
        if arg == "--":
            return True
        if arg.startswith("--"):
            if arg not in long_options:
                return False
        elif arg.startswith("-") and arg != "-":
            if not set(arg[1:]) <= short_options:
                return False
    return True


def parse_command_line(cmdline: str, cwd: str | None = None) -> BuiltinCommand | None:
    """Parse a recipe line into a :class:`BuiltinCommand`, or return None for the shell.

    The line must be one supported command whose words use only quoting and
    backslash escapes. Unquoted ``*``, ``?`` and ``[`` are expanded against
    ``cwd`` like sh does (sorted, and the word is kept when nothing
    matches). ``> file`` and ``>> file`` are accepted after ``echo`` and
    ``cat`` only.
    """
    words = _split_words(cmdline)
    if not words:
        return None
    command, command_pattern = words[0]
    if command_pattern is not None or command not in BUILTIN_COMMANDS:
        return None

    argv = [command]
    stdout_path: str | None = None
    append = False
    index = 1
    while index < len(words):
        text, pattern = words[index]
        if pattern == ">" and text in (">", ">>"):
            if command not in ("echo", "cat") or stdout_path is not None:
                return None
            if index + 1 >= len(words):
                return None
            target, target_pattern = words[index + 1]
            if target_pattern is not None:
                return None
            stdout_path = target
            append = text == ">>"
            index += 2
            continue
        if pattern is None:
            argv.append(text)
        else:
            matches = sorted(glob.glob(pattern, root_dir=cwd))
            if os.sep == "\\" and "/" in text and "\\" not in text:
                # glob joins with a backslash on Windows, but sh keeps the "/" of the pattern.
                matches = [match.replace("\\", "/") for match in matches]
            argv.extend(matches if matches else [text])
        index += 1

    if not _options_are_supported(command, argv[1:]):
        return None
    if command == "cat" and len(argv) == 1:
        # "cat" alone copies standard input, which stays with the shell.
        return None
    return BuiltinCommand(argv, stdout_path, append)


def parse_simple_command(cmdline: str, cwd: str | None = None) -> list[str] | None:
    """Return the argv of ``cmdline`` if it is one supported command without redirection, else None."""
    parsed = parse_command_line(cmdline, cwd)
    if parsed is None or parsed.stdout_path is not None:
        return None
    return parsed.argv


# --- running -------------------------------------------------------------


class _Failure(Exception):
    """Raised inside a command to print a message and stop with a status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def _reason(error: OSError) -> str:
    return os.strerror(error.errno) if error.errno else str(error)


def _write_text(stream: IO, text: str) -> None:
    if isinstance(stream, (io.RawIOBase, io.BufferedIOBase)):
        stream.write(text.encode("utf-8", "surrogateescape"))
    else:
        stream.write(text)


def _write_bytes(stream: IO, data: bytes) -> None:
    if isinstance(stream, (io.RawIOBase, io.BufferedIOBase)):
        stream.write(data)
        return
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(data)
        buffer.flush()
        return
    stream.write(data.decode("utf-8", "surrogateescape"))


def _split_options(command: str, args: list[str], stderr: IO) -> tuple[set[str], list[str]] | None:
    """Split ``args`` into option letters and operands, or print the coreutils usage error and return None."""
    options: set[str] = set()
    operands: list[str] = []
    long_options = _LONG_OPTIONS[command]
    short_options = _SHORT_OPTIONS[command]
    only_operands = False
    for arg in args:
        if only_operands or arg == "-" or not arg.startswith("-"):
            operands.append(arg)
        elif arg == "--":
            only_operands = True
        elif arg.startswith("--"):
            if arg not in long_options:
                _write_text(stderr, f"{command}: unrecognized option '{arg}'\n")
                _write_text(stderr, f"Try '{command} --help' for more information.\n")
                return None
            options.add(long_options[arg])
        else:
            for letter in arg[1:]:
                if letter not in short_options:
                    _write_text(stderr, f"{command}: invalid option -- '{letter}'\n")
                    _write_text(stderr, f"Try '{command} --help' for more information.\n")
                    return None
                options.add("r" if letter == "R" else letter)
    return options, operands


def _missing_operand(command: str, stderr: IO, after: str | None = None) -> int:
    if after is None:
        noun = "file operand" if command in ("cp", "mv", "touch") else "operand"
        _write_text(stderr, f"{command}: missing {noun}\n")
    else:
        _write_text(stderr, f"{command}: missing destination file operand after '{after}'\n")
    _write_text(stderr, f"Try '{command} --help' for more information.\n")
    return 1


def _resolve(cwd: str, name: str) -> str:
    return os.path.join(cwd, name)


def _remove_tree(path: str) -> None:
    def clear_read_only(function: Callable, failed_path: str, _info: object) -> None:
        # Windows refuses to delete read-only files, which rm -rf removes.
        os.chmod(failed_path, 0o700)
        function(failed_path)

    if os.name != "nt":
        shutil.rmtree(path)
    elif sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=clear_read_only)
    else:
        shutil.rmtree(path, onerror=clear_read_only)


def _run_rm(options: set[str], operands: list[str], cwd: str, stdout: IO, stderr: IO) -> int:
    force = "f" in options
    if not operands:
        return 0 if force else _missing_operand("rm", stderr)
    status = 0
    for name in operands:
        path = _resolve(cwd, name)
        try:
            if os.path.basename(name.rstrip("/\\")) in (".", ".."):
                raise _Failure(f"rm: refusing to remove '.' or '..' directory: skipping '{name}'")
            if not os.path.lexists(path):
                if force:
                    continue
                raise _Failure(f"rm: cannot remove '{name}': No such file or directory")
            if os.path.isdir(path) and not os.path.islink(path):
                if "r" not in options:
                    raise _Failure(f"rm: cannot remove '{name}': Is a directory")
                _remove_tree(path)
            else:
                if force and os.name == "nt" and not os.access(path, os.W_OK):
                    os.chmod(path, 0o600)
                os.remove(path)
            if "v" in options:
                _write_text(stdout, f"removed '{name}'\n")
        except _Failure as failure:
            _write_text(stderr, failure.message + "\n")
            status = 1
        except OSError as error:
            _write_text(stderr, f"rm: cannot remove '{name}': {_reason(error)}\n")
            status = 1
    return status


def _run_mkdir(options: set[str], operands: list[str], cwd: str, stdout: IO, stderr: IO) -> int:
    if not operands:
        return _missing_operand("mkdir", stderr)
    status = 0
    for name in operands:
        path = _resolve(cwd, name)
        try:
            if "p" in options:
                if os.path.isdir(path):
                    continue
                os.makedirs(path)
            else:
                os.mkdir(path)
            if "v" in options:
                _write_text(stdout, f"mkdir: created directory '{name}'\n")
        except OSError as error:
            _write_text(stderr, f"mkdir: cannot create directory '{name}': {_reason(error)}\n")
            status = 1
    return status


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _is_inside(path: str, directory: str) -> bool:
    path = os.path.normcase(os.path.abspath(path))
    directory = os.path.normcase(os.path.abspath(directory))
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


def _copy_one(source_name: str, target_name: str, options: set[str], cwd: str) -> None:
    source = _resolve(cwd, source_name)
    target = _resolve(cwd, target_name)
    if not os.path.lexists(source):
        raise _Failure(f"cp: cannot stat '{source_name}': No such file or directory")
    if _same_file(source, target):
        raise _Failure(f"cp: '{source_name}' and '{target_name}' are the same file")
    if os.path.isdir(source):
        if "r" not in options:
            raise _Failure(f"cp: -r not specified; omitting directory '{source_name}'")
        if _is_inside(target, source):
            # NOTE: GNU cp 9.1 copies part of the tree into the target
            # before it reports this (how much depends on directory order),
            # while nothing is copied here.
            raise _Failure(f"cp: cannot copy a directory, '{source_name}', into itself, '{target_name}'")
        shutil.copytree(source, target, symlinks=True, dirs_exist_ok=True, copy_function=_copy_function(options))
        return
    if os.path.isdir(target):
        raise _Failure(f"cp: cannot overwrite directory '{target_name}' with non-directory")
    if "f" in options and os.path.lexists(target) and not os.access(target, os.W_OK):
        os.remove(target)
    _copy_function(options)(source, target)


def _copy_function(options: set[str]) -> Callable:
    return shutil.copy2 if "p" in options else shutil.copy


def _run_cp(options: set[str], operands: list[str], cwd: str, stdout: IO, stderr: IO) -> int:
    return _run_copy_or_move("cp", options, operands, cwd, stdout, stderr)


def _move_one(source_name: str, target_name: str, options: set[str], cwd: str) -> None:
    source = _resolve(cwd, source_name)
    target = _resolve(cwd, target_name)
    if not os.path.lexists(source):
        raise _Failure(f"mv: cannot stat '{source_name}': No such file or directory")
    if _same_file(source, target) and os.path.normcase(source) == os.path.normcase(target):
        raise _Failure(f"mv: '{source_name}' and '{target_name}' are the same file")
    if os.path.isdir(source) and _is_inside(target, source):
        raise _Failure(f"mv: cannot move '{source_name}' to a subdirectory of itself, '{target_name}'")
    if os.path.isdir(target) and not os.path.isdir(source):
        raise _Failure(f"mv: cannot overwrite directory '{target_name}' with non-directory")
    # os.replace overwrites an existing file on Windows too, as mv does.
    os.replace(source, target)


def _run_copy_or_move(command: str, options: set[str], operands: list[str], cwd: str, stdout: IO, stderr: IO) -> int:
    if not operands:
        return _missing_operand(command, stderr)
    if len(operands) == 1:
        return _missing_operand(command, stderr, after=operands[0])
    *sources, destination = operands
    destination_path = _resolve(cwd, destination)
    into_directory = os.path.isdir(destination_path)
    if len(sources) > 1 and not into_directory:
        if os.path.lexists(destination_path):
            reason = "Not a directory"
        else:
            reason = "No such file or directory"
        _write_text(stderr, f"{command}: target '{destination}': {reason}\n")
        return 1
    action = _copy_one if command == "cp" else _move_one
    status = 0
    for source in sources:
        if into_directory:
            target = os.path.join(destination, os.path.basename(source.rstrip("/\\")))
        else:
            target = destination
        try:
            action(source, target, options, cwd)
            if "v" in options:
                verb = "renamed " if command == "mv" else ""
                _write_text(stdout, f"{verb}'{source}' -> '{target}'\n")
        except _Failure as failure:
            _write_text(stderr, failure.message + "\n")
            status = 1
        except OSError as error:
            verb = "cannot create regular file" if command == "cp" else "cannot move"
            _write_text(stderr, f"{command}: {verb} '{target}': {_reason(error)}\n")
            status = 1
    return status


def _run_mv(options: set[str], operands: list[str], cwd: str, stdout: IO, stderr: IO) -> int:
    return _run_copy_or_move("mv", options, operands, cwd, stdout, stderr)


def _run_touch(options: set[str], operands: list[str], cwd: str, stdout: IO, stderr: IO) -> int:
    if not operands:
        return _missing_operand("touch", stderr)
    status = 0
    for name in operands:
        path = _resolve(cwd, name)
        try:
            if os.path.exists(path):
                os.utime(path)
            elif "c" not in options:
                with open(path, "ab"):
                    pass
                os.utime(path)
        except OSError as error:
            _write_text(stderr, f"touch: cannot touch '{name}': {_reason(error)}\n")
            status = 1
    return status


def _run_cat(options: set[str], operands: list[str], cwd: str, stdout: IO, stderr: IO) -> int:
    status = 0
    for name in operands:
        path = _resolve(cwd, name)
        if os.path.isdir(path):
            _write_text(stderr, f"cat: {name}: Is a directory\n")
            status = 1
            continue
        try:
            with open(path, "rb") as source:
                _write_bytes(stdout, source.read())
        except OSError as error:
            _write_text(stderr, f"cat: {name}: {_reason(error)}\n")
            status = 1
    return status


def _run_echo(args: list[str], stdout: IO) -> int:
    newline = True
    if args and args[0] == "-n":
        newline = False
        args = args[1:]
    _write_text(stdout, " ".join(args) + ("\n" if newline else ""))
    return 0


_RUNNERS = {
    "rm": _run_rm,
    "mkdir": _run_mkdir,
    "cp": _run_cp,
    "mv": _run_mv,
    "touch": _run_touch,
    "cat": _run_cat,
}


def run_builtin(argv: list[str], cwd: str, stdout: IO, stderr: IO) -> int:
    """Run ``argv`` (a supported command) in ``cwd`` and return its exit status.

    ``stdout`` and ``stderr`` are text or binary streams. Errors, usage
    errors included, are written to ``stderr`` in the coreutils form and
    give status 1, as coreutils does.
    Raises ValueError for a command not in :data:`BUILTIN_COMMANDS`.
    """
    if not argv or argv[0] not in BUILTIN_COMMANDS:
        raise ValueError(f"not a built-in command: {argv[:1]!r}")
    command, args = argv[0], argv[1:]
    if command == "echo":
        return _run_echo(args, stdout)
    split = _split_options(command, args, stderr)
    if split is None:
        return 1
    options, operands = split
    return _RUNNERS[command](options, operands, cwd, stdout, stderr)


def run_command_line(cmdline: str, cwd: str, stdout: IO, stderr: IO) -> int | None:
    """Run ``cmdline`` in-process if it is a supported command and return its status, else None.

    Handles ``> file`` and ``>> file`` after ``echo`` and ``cat``. When
    None is returned nothing has been run and the line goes to the shell.
    """
    parsed = parse_command_line(cmdline, cwd)
    if parsed is None:
        return None
    if parsed.stdout_path is None:
        return run_builtin(parsed.argv, cwd, stdout, stderr)
    path = _resolve(cwd, parsed.stdout_path)
    try:
        output = open(path, "ab" if parsed.append else "wb")
    except OSError as error:
        # sh's own message for a failed redirection, as dash 0.5 prints it.
        _write_text(stderr, f"sh: cannot create {parsed.stdout_path}: {_reason(error)}\n")
        return 2
    with output:
        return run_builtin(parsed.argv, cwd, output, stderr)
