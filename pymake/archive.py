"""Archive members as make targets: `lib.a(member.o)`.

GNU make dates a member by the date field of its header inside the archive
(whole seconds), globs member names inside an archive for `lib.a(*.o)`,
and rewrites that date field for `make -t`.  This module reads the common
Unix `ar` format: SysV/GNU names ending in '/' with a `//` long-name table,
BSD `#1/N` names stored after the header, and old space-padded names.
"""

import os
import re
import time

MAGIC = b"!<arch>\n"
THIN_MAGIC = b"!<thin>\n"
HEADER_SIZE = 60
# Offsets of the fields in a member header.
NAME_END = 16
DATE_START, DATE_END = 16, 28
SIZE_START, SIZE_END = 48, 58
# Old archives cut member names to this many characters.
SHORT_NAME_MAX = 15


def is_member_ref(name):
    """Return whether `name` is an archive member reference `lib(member)`.

    As in GNU make, the '(' must not be the first character, the name must
    end with ')' and the member part must not be empty.
    """
    paren = name.find("(")
    if paren <= 0 or not name.endswith(")"):
        return False
    return len(name) - paren > 2


def split_member_ref(name):
    """Split `lib(member)` into ('lib', 'member')."""
    paren = name.index("(")
    return name[:paren], name[paren + 1:-1]


def scan(path):
    """Return [(member name, date in seconds, header offset)] for the
    archive at path, or None when it is missing or not an archive."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    if not (data.startswith(MAGIC) or data.startswith(THIN_MAGIC)):
        return None
    thin = data.startswith(THIN_MAGIC)
    members = []
    long_names = b""
    pos = len(MAGIC)
    while pos + HEADER_SIZE <= len(data):
        header = data[pos:pos + HEADER_SIZE]
        if header[58:60] != b"`\n":
            return None
        raw_name = header[:NAME_END].rstrip(b" ")
        try:
            date = int(header[DATE_START:DATE_END].strip() or b"0")
            size = int(header[SIZE_START:SIZE_END].strip() or b"0")
        except ValueError:
            return None
        body = pos + HEADER_SIZE
        name = None
        skip_data = size
        if raw_name == b"//":
            long_names = data[body:body + size]
        elif raw_name in (b"/", b"/SYM64/", b"__.SYMDEF",
                          b"__.SYMDEF SORTED"):
            pass
        elif raw_name.startswith(b"#1/"):
            length = int(raw_name[3:] or b"0")
            name = data[body:body + length].rstrip(b"\0")
        elif raw_name.startswith(b"/") and raw_name[1:].isdigit():
            start = int(raw_name[1:])
            end = long_names.find(b"\n", start)
            name = long_names[start:end if end >= 0 else len(long_names)]
            name = name.rstrip(b"/")
            if thin:
                # A thin archive keeps only the header of a member that
                # lives in its own file.
                skip_data = 0
        else:
            name = raw_name[:-1] if raw_name.endswith(b"/") else raw_name
        if name is not None:
            if name.startswith(b"__.SYMDEF"):
                name = None
            else:
                members.append((os.fsdecode(name), date, pos))
        pos = body + skip_data
        pos += pos & 1
    return members


def _names_equal(expected, stored):
    """Compare a member name with one read from an archive header.  Old
    archives keep only the first characters of a long name."""
    expected = expected.rsplit("/", 1)[-1]
    if expected == stored:
        return True
    return len(stored) >= SHORT_NAME_MAX and expected.startswith(stored)


def member_date(path, member):
    """Return the member's date in whole seconds, or None when the archive
    or the member is missing or the date is not positive (deterministic
    archives store 0)."""
    members = scan(path)
    if not members:
        return None
    for name, date, _pos in members:
        if _names_equal(member, name):
            return date if date > 0 else None
    return None


def glob_members(path, pattern):
    """Return the sorted member names of the archive that match pattern,
    which uses shell glob syntax with '/' and a leading '.' matched only
    explicitly."""
    members = scan(path)
    if not members:
        return []
    regex = re.compile(_glob_regex(pattern), re.DOTALL)
    return sorted({name for name, _date, _pos in members
                   if regex.fullmatch(name)})


def has_glob_chars(pattern):
    """Return whether pattern has '*', '?' or a closed '[...]' outside escapes."""
    opened = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c in "*?":
            return True
        if c == "\\":
            i += 1
        elif c == "[":
            opened = True
        elif c == "]" and opened:
            return True
        i += 1
    return False


def _glob_regex(pattern):
    out = []
    if pattern.startswith("."):
        out.append(r"\.")
        pattern = pattern[1:]
    else:
        out.append(r"(?!\.)")
    i = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        i += 1
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "\\" and i < n:
            out.append(re.escape(pattern[i]))
            i += 1
        elif c == "[":
            end = i
            if end < n and pattern[end] in "!^":
                end += 1
            if end < n and pattern[end] == "]":
                end += 1
            while end < n and pattern[end] != "]":
                end += 1
            if end >= n:
                out.append(r"\[")
                continue
            body = pattern[i:end]
            i = end + 1
            negate = body[:1] in ("!", "^")
            if negate:
                body = body[1:]
            body = body.replace("\\", "\\\\")
            out.append(("[^/" if negate else "[") + body + "]")
        else:
            out.append(re.escape(c))
    return "".join(out)


def touch_member(path, member):
    """Set the member's header date to now.

    Returns 0 on success, -1 when the archive is missing, -2 when it is not
    a valid archive, -3 on an I/O error and 1 when the member is missing,
    the codes GNU make's messages are chosen by.
    """
    if not os.path.exists(path):
        return -1
    members = scan(path)
    if members is None:
        return -2
    for name, _date, pos in members:
        if _names_equal(member, name):
            break
    else:
        return 1
    stamp = str(int(time.time())).encode().ljust(DATE_END - DATE_START)
    try:
        with open(path, "r+b") as fh:
            fh.seek(pos + DATE_START)
            fh.write(stamp)
    except OSError:
        return -3
    return 0
