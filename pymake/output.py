"""The destination of make's messages and recipe output, and --output-sync.

Without output sync everything goes straight to stdout and stderr.  With
-O each job gets a Sync, and so does the reading of the makefiles.  Its
recipe lines write into temporary files, and the collected text is copied
to the real stdout and stderr in one piece.  The copy happens under a lock
file that all makes of the build share.  Sub-makes learn its name from
`--sync-mutex=fnm:PATH` in MAKEFLAGS, as in GNU make 4.4.

"Entering directory" is printed lazily, as GNU make 4.4 does: just before
the first message or the first recipe command, and only when output is not
synced per line or per target.  Under -Oline and -Otarget the directory
lines are printed around each block instead.
"""

import os
import sys
import tempfile

NONE = "none"
LINE = "line"
TARGET = "target"
RECURSE = "recurse"
MODES = (NONE, LINE, TARGET, RECURSE)

MUTEX_PREFIX = "fnm:"

# The sync mode in force.  It drops to NONE when a temporary file cannot be
# created.
mode = NONE
# The Sync collecting output now, or None when output goes straight out.
context = None
# True once "Entering directory" was printed outside a synced block.
traced = False
# Set by the session: whether to print the directory lines (-w and the
# defaults of sub-makes and -C), the directory to name, and whether -p
# requests them as makefile comments.
should_print_dir = lambda: False  # noqa: E731 - replaced by the session
directory = None
database_format = False

_lock = None
_in_setup = False


def configure(sync_mode):
    global mode
    mode = sync_mode or NONE


def syncing_blocks():
    """Return whether output is synced per line or per target."""
    return mode in (LINE, TARGET)


# --- writing -------------------------------------------------------------

def _write_real(is_err, text):
    stream = sys.stderr if is_err else sys.stdout
    if is_err:
        _flush(sys.stdout)
    stream.write(text)
    _flush(stream)


def _flush(stream):
    try:
        stream.flush()
    except (OSError, ValueError):
        pass


def log_directory(entering):
    """Print "Entering directory" or "Leaving directory" on stdout."""
    from pymake import errors
    word = "Entering" if entering else "Leaving"
    cwd = directory if directory is not None else os.getcwd()
    text = f"{errors.prefix()}: {word} directory '{cwd}'\n"
    if database_format:
        text = "# " + text
    _write_real(False, text)


def start():
    """Prepare for output: create the current Sync's files, and print
    "Entering directory" if it is due."""
    global traced
    if context is not None and context.enabled and not context.is_set():
        context.setup()
    if mode in (NONE, RECURSE) and not traced and should_print_dir():
        traced = True
        log_directory(True)


def write(is_err, text):
    """Write one of make's own messages: into the current Sync, or to the
    real stdout or stderr."""
    if not text:
        return
    start()
    sync = context
    if sync is not None and sync.enabled:
        fd = sync.err if is_err else sync.out
        if fd is not None:
            os.write(fd, text.encode("utf-8", "surrogateescape"))
            return
    _write_real(is_err, text)


def finish():
    """Print "Leaving directory" at exit if "Entering" was printed."""
    global traced
    if traced:
        traced = False
        log_directory(False)


# --- per-job capture -----------------------------------------------------

_temp_dir_cache = []


def _temp_dir():
    """Return the directory for temporary files: MAKE_TMPDIR or TMPDIR
    (also TMP and TEMP on Windows) when it names a directory, as in GNU
    make 4.4.  The choice is made once, and a bad setting is reported."""
    if _temp_dir_cache:
        return _temp_dir_cache[0]
    from pymake import errors
    names = ["MAKE_TMPDIR", "TMPDIR"]
    if os.name == "nt":
        names += ["TMP", "TEMP"]
    found = False
    chosen = None

    for name in names:
        value = os.environ.get(name)
        if not value:
            continue
        found = True
        try:
            st = os.stat(value)
        except OSError as e:
            errors.error(f"{name} value {value}: {e.strerror}")
            continue
        import stat
        if not stat.S_ISDIR(st.st_mode):
            errors.error(f"{name} value {value}: not a directory")
            continue
        chosen = value
        break

    if chosen is None:
        chosen = tempfile.gettempdir() if os.name == "nt" else "/tmp"
        if found:
            errors.error(f"using default temporary directory '{chosen}'")
    _temp_dir_cache.append(chosen)
    return chosen


def _open_temp(named=False):
    """Open a new temporary file for appending and reading; return
    (fd, path).  Unless `named`, the file has no name left on POSIX, and on
    Windows it goes away when closed.  Raises OSError after reporting the
    failure in GNU make's words."""
    directory = _temp_dir()
    try:
        fd, path = tempfile.mkstemp(prefix="pymake-", dir=directory)
    except OSError as e:
        from pymake import errors
        template = os.path.join(directory, "GmXXXXXX")
        errors.error(f"cannot create temporary file {template}: "
                     f"{e.strerror}")
        raise
    if named:
        return fd, path
    os.close(fd)
    flags = os.O_RDWR | os.O_APPEND | getattr(os, "O_BINARY", 0) | \
        getattr(os, "O_TEMPORARY", 0) | getattr(os, "O_NOINHERIT", 0)
    try:
        fd = os.open(path, flags)
    finally:
        if os.name != "nt":
            os.unlink(path)
    return fd, None


def _same_file(fd_a, fd_b):
    try:
        a = os.fstat(fd_a)
        b = os.fstat(fd_b)
    except (OSError, ValueError):
        return False
    return a.st_dev == b.st_dev and a.st_ino == b.st_ino and \
        (a.st_ino != 0 or os.name != "nt")


def _stream_fd(stream):
    try:
        fd = stream.fileno()
        os.fstat(fd)
        return fd
    except (AttributeError, OSError, ValueError):
        return None


class Sync:
    """The collected output of one job: a temporary file for stdout and
    one for stderr, or a single one when make's stdout and stderr are the
    same file, so that their order within the job is kept."""

    def __init__(self, enabled=None):
        self.out = None
        self.err = None
        self.enabled = mode != NONE if enabled is None else enabled

    def is_set(self):
        return self.out is not None or self.err is not None

    def setup(self):
        """Create the temporary files.  When that fails, turn output sync
        off for the rest of the run, as GNU make does."""
        global _in_setup
        if _in_setup:
            return
        _in_setup = True
        try:
            out_fd = _stream_fd(sys.stdout)
            err_fd = _stream_fd(sys.stderr)
            try:
                if out_fd is not None:
                    self.out = _open_temp()[0]
                if err_fd is not None:
                    if self.out is not None and _same_file(out_fd, err_fd):
                        self.err = self.out
                    else:
                        self.err = _open_temp()[0]
            except OSError:
                self._close_files()
                self.enabled = False
                disable()
                from pymake import errors
                errors.error("cannot open output-sync lock file, "
                             "suppressing output-sync.")
        finally:
            _in_setup = False

    def fds(self, recursive):
        """Return the (stdout, stderr) file descriptors for a recipe line,
        or (None, None) when its output goes straight through."""
        if not self.enabled or (recursive and mode != RECURSE):
            return None, None
        return self.out, self.err

    def stream(self, is_err):
        """Return a binary stream that writes into this Sync, for commands
        run in-process."""
        fd = self.err if is_err else self.out
        if fd is None:
            return sys.stderr if is_err else sys.stdout
        return open(fd, "wb", buffering=0, closefd=False)

    def dump(self):
        """Copy the collected output to the real stdout and stderr under
        the lock, then empty the files."""
        out_has = self.out is not None and _size(self.out) > 0
        err_has = self.err is not None and self.err != self.out and \
            _size(self.err) > 0
        if not (out_has or err_has):
            return
        _acquire()
        try:
            traced_block = mode != RECURSE and should_print_dir()
            if traced_block:
                log_directory(True)
            if out_has:
                _pump(self.out, sys.stdout)
            if err_has:
                _pump(self.err, sys.stderr)
            if traced_block:
                log_directory(False)
        finally:
            _release()
        for fd in {self.out, self.err}:
            if fd is not None:
                os.lseek(fd, 0, os.SEEK_SET)
                os.ftruncate(fd, 0)

    def close(self):
        """Dump what is left and close the files."""
        if self.is_set():
            self.dump()
        self._close_files()

    def _close_files(self):
        for fd in {self.out, self.err}:
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.out = self.err = None


def _size(fd):
    return os.lseek(fd, 0, os.SEEK_END)


def _pump(fd, stream):
    _flush(sys.stdout)
    _flush(stream)
    os.lseek(fd, 0, os.SEEK_SET)
    buffer = getattr(stream, "buffer", None)
    while True:
        data = os.read(fd, 65536)
        if not data:
            break
        if buffer is not None:
            buffer.write(data)
            buffer.flush()
        else:
            stream.write(data.decode("utf-8", "surrogateescape"))
    _flush(stream)


def disable():
    """Turn output sync off: a temporary file could not be created."""
    global mode
    mode = NONE
    close_lock()


# --- the lock shared by the makes of one build ---------------------------

class _Lock:
    def __init__(self, fd, path, owner):
        self.fd = fd
        self.path = path
        self.owner = owner


def create_lock():
    """Create the lock file as the top make under -Oline or -Otarget;
    return its `fnm:PATH` name for sub-makes, or None."""
    global _lock
    try:
        fd, path = _open_temp(named=True)
    except OSError:
        return None
    _lock = _Lock(fd, path, owner=True)
    return MUTEX_PREFIX + path


def open_lock(name):
    """Open the lock file a parent make named.  Return False when the name
    is invalid; raise MakeError when the file cannot be opened."""
    global _lock
    from pymake import errors
    if not name.startswith(MUTEX_PREFIX):
        errors.error(f"invalid --sync-mutex string '{name}'")
        return False
    path = name[len(MUTEX_PREFIX):]
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    except OSError as e:
        raise errors.MakeError(f"cannot open output sync mutex {path}: "
                               f"{e.strerror}") from None
    _lock = _Lock(fd, path, owner=False)
    return True


def close_lock():
    """Close the lock file; the make that created it also removes it."""
    global _lock
    lock = _lock
    _lock = None
    if lock is None:
        return
    try:
        os.close(lock.fd)
    except OSError:
        pass
    if lock.owner:
        try:
            os.unlink(lock.path)
        except OSError:
            pass


def _acquire():
    if _lock is None:
        return
    try:
        if os.name == "nt":
            import msvcrt
            os.lseek(_lock.fd, 0, os.SEEK_SET)
            while True:
                try:
                    msvcrt.locking(_lock.fd, msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    # LK_LOCK gives up after about ten seconds.
                    continue
        else:
            import fcntl
            # The same byte-range lock as GNU make takes, so that pymake
            # and GNU make sub-makes of one build exclude each other.
            fcntl.lockf(_lock.fd, fcntl.LOCK_EX, 1, 0)
    except OSError:
        from pymake import errors
        errors.error("warning: Cannot acquire output lock, disabling "
                     "output sync.")
        close_lock()


def _release():
    if _lock is None:
        return
    try:
        if os.name == "nt":
            import msvcrt
            os.lseek(_lock.fd, 0, os.SEEK_SET)
            msvcrt.locking(_lock.fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl
            fcntl.lockf(_lock.fd, fcntl.LOCK_UN, 1, 0)
    except OSError:
        pass
