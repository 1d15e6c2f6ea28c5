"""File-name rules that differ between POSIX and Windows.

Every function takes a ``windows`` switch so the Windows rules can be
tested on any host. ``None`` means "use the rules of this host"
(``os.name == "nt"``).
"""

from __future__ import annotations

import ntpath
import os
import posixpath

_EXE_SUFFIXES = (".exe", ".com", ".bat", ".cmd")


def _on_windows(windows: bool | None) -> bool:
    if windows is None:
        return os.name == "nt"
    return windows


def _is_dir_sep(char: str, windows: bool) -> bool:
    return char == "/" or (windows and char == "\\")


def _is_drive_colon(text: str, index: int, word_start_chars: str) -> bool:
    """Return True if ``text[index]`` is the colon of a ``C:/`` or ``C:\\`` drive spec.

    The drive letter must start a word: it is at the start of ``text`` or
    follows one of ``word_start_chars``.
    """
    if index < 1 or index + 1 >= len(text):
        return False
    if not text[index - 1].isascii() or not text[index - 1].isalpha():
        return False
    if text[index + 1] not in "/\\":
        return False
    return index == 1 or text[index - 2] in word_start_chars


def find_rule_colon(text: str, windows: bool | None = None) -> int:
    """Return the index of the colon that ends the targets of a rule line, or -1.

    Colons inside ``$(...)`` or ``${...}`` references and colons escaped with
    a backslash are skipped. On Windows a drive spec such as ``C:/x`` or
    ``C:\\x`` at the start of a word (after a blank or ``(``) is part of the
    name, so ``C:/x: y`` has its rule colon at index 4. For ``a:: b`` the
    index of the first colon is returned and the caller checks for ``::``.
    """
    windows = _on_windows(windows)
    depth = 0
    closers: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "$" and i + 1 < len(text):
            following = text[i + 1]
            if following in "({":
                closers.append(")" if following == "(" else "}")
                depth += 1
                i += 2
                continue
            # "$$", "$@" and other one-character references.
            i += 2
            continue
        if depth:
            if char in "({":
                closers.append(")" if char == "(" else "}")
                depth += 1
            elif closers and char == closers[-1]:
                closers.pop()
                depth -= 1
            i += 1
            continue
        if char == "\\" and i + 1 < len(text) and text[i + 1] == ":":
            i += 2
            continue
        if char == ":":
            if windows and _is_drive_colon(text, i, " \t("):
                i += 1
                continue
            return i
        i += 1
    return -1


def normcase_key(path: str, windows: bool | None = None) -> str:
    """Return the key under which ``path`` is looked up among known file names.

    Windows file systems ignore case and accept both slashes, so the key is
    lower-cased with backslashes turned into ``/``. On POSIX the path is
    returned unchanged.
    """
    if not _on_windows(windows):
        return path
    return path.replace("\\", "/").lower()


def split_path_list(value: str, windows: bool | None = None) -> list[str]:
    """Split a VPATH value or a ``vpath`` directory list into directories.

    On POSIX, ``:`` and blanks separate entries. On Windows, ``;`` and blanks
    separate entries, and so does ``:`` except in a drive spec at the start
    of an entry (``C:/src:D:/lib`` gives ``C:/src`` and ``D:/lib``). Empty
    entries are dropped.
    """
    windows = _on_windows(windows)
    entries: list[str] = []
    current: list[str] = []
    for index, char in enumerate(value):
        if char in " \t\n" or (windows and char == ";"):
            is_separator = True
        elif char == ":":
            is_separator = not (
                windows and len(current) == 1 and _is_drive_colon(value, index, " \t;:")
            )
        else:
            is_separator = False
        if is_separator:
            if current:
                entries.append("".join(current))
            current = []
        else:
            current.append(char)
    if current:
        entries.append("".join(current))
    return entries


def is_absolute(path: str, windows: bool | None = None) -> bool:
    """Return True if ``path`` is absolute under the chosen rules.

    On Windows, ``C:/x``, ``C:\\x``, ``\\\\server\\share`` and paths that start
    with a slash or backslash (rooted on the current drive) count as
    absolute, because make treats them as not relative to the current
    directory. ``C:x`` (relative to drive C's current directory) does not.
    """
    if not _on_windows(windows):
        return path.startswith("/")
    if path[:1] in ("/", "\\"):
        return True
    return len(path) >= 3 and path[1] == ":" and path[0].isalpha() and path[2] in "/\\"


def _last_sep_index(word: str, windows: bool) -> int:
    index = word.rfind("/")
    if windows:
        index = max(index, word.rfind("\\"))
        if index < 0 and len(word) >= 2 and word[1] == ":" and word[0].isalpha():
            # "C:foo": the directory part is the drive spec "C:".
            index = 1
    return index


def dir_part(word: str, windows: bool | None = None) -> str:
    """Return the directory part of ``word`` as ``$(dir)`` does, with its trailing separator.

    A word without a separator gives ``./``. On Windows both slashes count
    and a bare drive spec ``C:foo`` gives ``C:``.
    """
    windows = _on_windows(windows)
    index = _last_sep_index(word, windows)
    if index < 0:
        return "./"
    return word[: index + 1]


def notdir_part(word: str, windows: bool | None = None) -> str:
    """Return ``word`` without its directory part, as ``$(notdir)`` does."""
    windows = _on_windows(windows)
    index = _last_sep_index(word, windows)
    return word[index + 1 :]


def with_exe(program: str, windows: bool | None = None) -> str:
    """Return ``program`` with ``.exe`` appended on Windows when it has no executable suffix."""
    if not _on_windows(windows):
        return program
    if program.lower().endswith(_EXE_SUFFIXES):
        return program
    return program + ".exe"


def join(directory: str, name: str, windows: bool | None = None) -> str:
    """Join ``directory`` and ``name`` with the separator of the chosen rules."""
    module = ntpath if _on_windows(windows) else posixpath
    return module.join(directory, name)
