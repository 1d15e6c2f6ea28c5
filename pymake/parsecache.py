"""On-disk cache of the content-only part of reading a makefile.

GNU make evaluates a makefile while it reads it, so the result of reading
depends on variables, the environment and other files and cannot be
cached.  What depends on the text alone can: the split of physical lines
into logical lines and each logical line's classification (see
reader.classify).  A cache entry is that list of Reader entries, written
with marshal.

Safety rules:

- The file name is a SHA-256 digest over the makefile's bytes, the pymake
  version, the source of the modules that classify lines, the Python
  version and the marshal format.  So an entry is used only for the same
  text read by the same code.  The entry repeats the digest and the line
  count.
- marshal builds only plain data here (the loaded value is type-checked
  before use), and pickle is never used.  Crafted marshal data can still
  crash the interpreter.  So on POSIX a cache file is read only if the
  current user owns it and no other user may write to it, and the
  directory is created with mode 0700.
- A truncated or corrupt file fails its length and CRC-32 check (or the
  structure check after loading), is ignored and is rewritten.
- Files are written to a temporary file and renamed into place, so a
  reader never sees half a file.
- PYMAKE_PARSE_CACHE=0 switches the cache off.

Any OSError while reading or writing the cache is ignored: the cache only
saves time.
"""

import marshal
import os
import stat
import struct
import sys
import zlib

from pymake import __version__, reader

SWITCH_VARIABLE = "PYMAKE_PARSE_CACHE"

# Files with fewer physical lines are read without the cache.  Measured on
# benchmarks/workloads.py's parse makefile cut to N lines (Python 3.11, AMD
# EPYC): writing an entry costs about 0.4 ms, and a warm read saves about
# 1 us per line, so at 200 lines two warm runs repay the write.
MIN_LINES = 200

# Bump when the layout of a cache file changes.
FORMAT = 1
MAGIC = b"pymake-parse-cache\n"
# Header after MAGIC: payload length (8 bytes) and its CRC-32 (4 bytes).
HEADER = struct.Struct("<QI")

# Modules whose code decides what an entry contains.
_SOURCE_MODULES = ("reader.py", "parsecache.py")

_key_prefix = None


def enabled():
    """Return False when PYMAKE_PARSE_CACHE=0 switches the cache off."""
    return os.environ.get(SWITCH_VARIABLE, "").strip() != "0"


def cache_directory():
    """Return the directory for cache files, or None when there is none.

    XDG_CACHE_HOME (when set to an absolute path) or ~/.cache on POSIX,
    and %LOCALAPPDATA% on Windows, each with pymake/parse under it.
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        if os.name == "nt":
            base = os.environ.get("LOCALAPPDATA", "")
        else:
            home = os.path.expanduser("~")
            base = os.path.join(home, ".cache") if os.path.isabs(home) \
                else ""
    if not base or not os.path.isabs(base):
        return None
    return os.path.join(base, "pymake", "parse")


def _compute_key_prefix():
    # Imported here: loading OpenSSL costs about 3 ms, which a run that
    # reads only small makefiles does not need to pay.
    import hashlib
    digest = hashlib.sha256()
    digest.update(f"pymake {__version__}\0format {FORMAT}\0"
                  f"{sys.implementation.cache_tag}\0{sys.version}\0"
                  f"marshal {marshal.version}\0".encode())
    package_directory = os.path.dirname(os.path.abspath(__file__))
    for name in _SOURCE_MODULES:
        with open(os.path.join(package_directory, name), "rb") as stream:
            digest.update(stream.read())
        digest.update(b"\0")
    return digest.digest()


def cache_key(data):
    """Return the hex digest that names the cache file for makefile bytes
    `data`, or None when the sources cannot be read."""
    import hashlib
    global _key_prefix
    if _key_prefix is None:
        try:
            _key_prefix = _compute_key_prefix()
        except OSError:
            return None
    digest = hashlib.sha256(_key_prefix)
    digest.update(data)
    return digest.hexdigest()


def _trusted(st):
    """True when the current user owns a cache file or directory and no
    other user may write to it (always true where there are no uids)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return st.st_uid == getuid() and not st.st_mode & (stat.S_IWGRP |
                                                      stat.S_IWOTH)


def load(key, line_count):
    """Return the cached entries for `key`, or None when there are none
    that can be trusted and used."""
    directory = cache_directory()
    if directory is None:
        return None
    path = os.path.join(directory, key)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | \
        getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        with open(fd, "rb") as stream:
            st = os.fstat(stream.fileno())
            if not stat.S_ISREG(st.st_mode) or not _trusted(st):
                return None
            data = stream.read()
    except OSError:
        return None
    return _decode(data, key, line_count)


def _decode(data, key, line_count):
    start = len(MAGIC) + HEADER.size
    if len(data) < start or not data.startswith(MAGIC):
        return None
    length, crc = HEADER.unpack_from(data, len(MAGIC))
    payload = data[start:]
    if len(payload) != length or zlib.crc32(payload) != crc:
        return None
    try:
        value = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    if type(value) is not tuple or len(value) != 3:
        return None
    stored_key, stored_count, entries = value
    if stored_key != key or stored_count != line_count or \
            type(entries) is not list or len(entries) != line_count:
        return None
    if not _valid_entries(entries):
        return None
    return entries


# The length of a classified line, by kind (see reader.classify).
_ENTRY_LENGTHS = {reader.BLANK: 1, reader.ASSIGNMENT: 3,
                  reader.CONDITIONAL: 4, reader.DIRECTIVE: 3, reader.RULE: 4}


def _valid_entries(entries):
    """Check the shape that Reader.run relies on: each entry is None or a
    tuple of the length that its first item, the kind, calls for."""
    lengths = _ENTRY_LENGTHS
    for entry in entries:
        if entry is not None and (type(entry) is not tuple or not entry or
                                  lengths.get(entry[0]) != len(entry)):
            return False
    return True


def _ensure_directory(directory):
    """Create the cache directory with mode 0700 and return True when it
    can be trusted."""
    parent = os.path.dirname(directory)
    for path in (os.path.dirname(parent), parent, directory):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass
    st = os.lstat(directory)
    return stat.S_ISDIR(st.st_mode) and _trusted(st)


def store(key, entries):
    """Write `entries` to the cache file for `key`, replacing any file
    there.  Failures are ignored."""
    # NOTE: nothing removes entries for old versions of a makefile, so the
    # directory grows (by about 1 MB per version of a 40,000-line file).
    directory = cache_directory()
    if directory is None:
        return
    try:
        payload = marshal.dumps((key, len(entries), entries))
    except ValueError:
        return
    header = MAGIC + HEADER.pack(len(payload), zlib.crc32(payload))
    import tempfile
    try:
        if not _ensure_directory(directory):
            return
        fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=directory)
    except OSError:
        return
    try:
        with open(fd, "wb") as stream:
            stream.write(header)
            stream.write(payload)
        os.replace(temporary, os.path.join(directory, key))
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
