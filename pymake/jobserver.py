"""GNU make 4.4.1 jobserver protocol: server and client.

A jobserver caps the number of parallel jobs across a tree of recursive
makes and other cooperating tools.  The top-level make with ``-jN`` creates
a pool of N-1 tokens, because every make (and every tool it starts) owns one
implicit job slot that is never taken from the pool.  A participant takes a
token before it starts each extra job and writes the same token back when
that job ends.

Three transports exist, selected by ``--jobserver-style`` in GNU make:

* ``fifo`` (POSIX default): a named pipe, advertised to children in
  MAKEFLAGS as ``--jobserver-auth=fifo:PATH``.
* ``pipe`` (POSIX): an anonymous pipe whose descriptors children inherit,
  advertised as ``--jobserver-auth=R,W``.  Older makes wrote
  ``--jobserver-fds=R,W``, and GNU make 4.3 supports only this style.
* ``sem`` (Windows): a named semaphore whose count is the number of free
  tokens, advertised as ``--jobserver-auth=NAME``.

Use :func:`create_jobserver` in a top-level make and
:func:`jobserver_from_makeflags` in a make or tool started by another make.
Both return a :class:`JobServer`.  A JobServer object is not thread-safe, so
call it from one thread.
"""

from __future__ import annotations

import errno
import os
import select
import stat
import time
from collections.abc import Callable

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

__all__ = [
    "JOBSERVER_UNAVAILABLE_WARNING",
    "JobServer",
    "JobServerError",
    "PipeJobServer",
    "SemaphoreJobServer",
    "Win32SemaphoreAPI",
    "create_jobserver",
    "find_jobserver_auth",
    "jobserver_from_makeflags",
    "quote_makeflags_word",
]

#: The warning GNU make 4.4.1 prints when MAKEFLAGS names a jobserver that
#: this process cannot use.  The caller adds its own ``"make: "`` prefix.
JOBSERVER_UNAVAILABLE_WARNING = (
    "warning: jobserver unavailable: using -j1.  Add '+' to parent make rule."
)

#: The byte GNU make puts in the pool for each token.
TOKEN = b"+"

AUTH_OPTION = "--jobserver-auth="
#: Spelling of the option used by GNU make before 4.2, still accepted.
LEGACY_FDS_OPTION = "--jobserver-fds="
FIFO_PREFIX = "fifo:"

#: Auth word that GNU make 4.4.1 appends to MAKEFLAGS for children that are
#: not recursive makes when it uses the pipe style, so that they never use a
#: descriptor number that happens to be open for another purpose.
INVALID_PIPE_AUTH = AUTH_OPTION + "-2,-2"

_IS_WINDOWS = os.name == "nt"

# Maximum length of one wait on the Windows semaphore.  Short waits let
# Python deliver KeyboardInterrupt while acquire(None) blocks.
_SEMAPHORE_POLL_SECONDS = 0.1

DiagnosticCallback = Callable[[str], None]


class JobServerError(Exception):
    """Failure to create, open or use a jobserver.

    The message is ready to print after the program-name prefix.
    """


# ---------------------------------------------------------------------------
# MAKEFLAGS helpers


def quote_makeflags_word(word: str) -> str:
    """Escape blanks and backslashes in ``word`` with a backslash.

    GNU make escapes option values this way when it writes MAKEFLAGS into the
    environment, and :func:`find_jobserver_auth` undoes it.
    """
    out = []
    for char in word:
        if char in " \t\\":
            out.append("\\")
        out.append(char)
    return "".join(out)


def _split_makeflags(makeflags: str) -> list[str]:
    words: list[str] = []
    current: list[str] = []
    in_word = False
    chars = iter(makeflags)
    for char in chars:
        if char == "\\":
            current.append(next(chars, "\\"))
            in_word = True
        elif char in " \t\n":
            if in_word:
                words.append("".join(current))
                current = []
                in_word = False
        else:
            current.append(char)
            in_word = True
    if in_word:
        words.append("".join(current))
    return words


def find_jobserver_auth(makeflags: str) -> str | None:
    """Return the value of the last jobserver option in ``makeflags``.

    Both ``--jobserver-auth=VALUE`` and the older ``--jobserver-fds=VALUE``
    count, and the last one wins, as in GNU make.  Words after a ``--`` word
    are variable assignments and are not searched.  Returns None when
    MAKEFLAGS names no jobserver.
    """
    auth = None
    for word in _split_makeflags(makeflags):
        if word == "--":
            break
        for option in (AUTH_OPTION, LEGACY_FDS_OPTION):
            if word.startswith(option):
                auth = word[len(option):]
    return auth


# ---------------------------------------------------------------------------
# Common interface


class JobServer:
    """One process's connection to a jobserver token pool.

    ``style`` is ``"fifo"``, ``"pipe"`` or ``"sem"``.  ``is_server`` is True
    for the object that created the pool.  The object tracks the tokens it
    has taken so that :meth:`close` can return them, also after a failed or
    interrupted job.  It is a context manager that calls :meth:`close`.
    """

    style: str
    is_server: bool

    def __init__(self) -> None:
        self._closed = False

    # Subclasses implement these.

    def try_acquire(self) -> bool:
        """Take one token if one is free right now, without blocking."""
        raise NotImplementedError

    def acquire(self, timeout: float | None = None) -> bool:
        """Take one token, waiting up to ``timeout`` seconds for it.

        ``timeout=None`` waits without limit.  Returns False when the
        timeout expires first.  A KeyboardInterrupt during the wait loses
        no token, because signals are blocked between reading a token and
        recording it (see :func:`_blocked_signals`).
        """
        raise NotImplementedError

    def release(self) -> None:
        """Return one held token to the pool.

        Raises JobServerError when this object has taken no token, since
        writing one would add a token that never existed.
        """
        raise NotImplementedError

    def fileno(self) -> int | None:
        """Return a descriptor that becomes readable when a token may be free.

        A scheduler can wait on it with select() or poll() together with
        its child processes, then call :meth:`try_acquire`.  Another process
        may take the token first, so try_acquire can still return False.
        Returns None on Windows, where the caller has to poll
        :meth:`acquire` with a short timeout.
        """
        raise NotImplementedError

    def makeflags_auth(self) -> str:
        """Return the ``--jobserver-auth=...`` word for children's MAKEFLAGS.

        The word is already escaped with :func:`quote_makeflags_word`.
        """
        raise NotImplementedError

    def invalid_makeflags_auth(self) -> str | None:
        """Return the auth word for children that are not recursive makes.

        GNU make 4.4.1 appends ``--jobserver-auth=-2,-2`` to MAKEFLAGS for
        such children in the pipe style because they do not inherit the
        pipe.  Returns None for the fifo and sem styles, where every child
        may use the jobserver.
        """
        return None

    def pass_fds(self) -> tuple[int, ...]:
        """Return the descriptors a recursive-make child has to inherit.

        Pass them as ``subprocess.Popen(..., pass_fds=...)`` only to
        recursive makes.  Empty for the fifo and sem styles.
        """
        return ()

    def _close_transport(self) -> None:
        raise NotImplementedError

    @property
    def held_tokens(self) -> int:
        """Number of tokens this object has taken and not yet released."""
        raise NotImplementedError

    # Shared behaviour.

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Return every held token, then close the connection.

        A server also removes its named pipe or semaphore handle.  Calling
        close() again does nothing.
        """
        if self._closed:
            return
        try:
            while self.held_tokens:
                self.release()
        finally:
            self._closed = True
            self._close_transport()

    def __enter__(self) -> JobServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        # An object dropped without close() still returns its tokens.
        if not getattr(self, "_closed", True):
            try:
                self.close()
            except Exception:
                pass

    def _check_open(self) -> None:
        if self._closed:
            raise JobServerError("jobserver connection is already closed")


# ---------------------------------------------------------------------------
# Signal deferral around token bookkeeping


def _blocked_signals():
    """Return a context manager that blocks signal delivery to this thread.

    Between reading a token and recording it, a KeyboardInterrupt would lose
    the token.  Blocking signals keeps the C-level handler from firing in
    that window.  Returns a no-op manager where pthread_sigmask is missing.
    """
    global _signal_api
    if _signal_api is None:
        _signal_api = _load_signal_api()
    if _signal_api is False:
        return _NO_SIGNAL_BLOCK
    return _SignalBlock(*_signal_api)


# (module, set of all signals) once loaded, False where signals cannot be
# blocked, None before the first use.
_signal_api = None


def _load_signal_api():
    # The public signal module converts every returned mask to a set of
    # enum members.  In CPython 3.11 a block-and-restore pair took 91 us
    # through it and 2.5 us through its C module _signal (timeit).
    try:
        import _signal as module
    except ImportError:
        import signal as module
    if not hasattr(module, "pthread_sigmask"):
        return False
    return module, module.valid_signals()


class _NoSignalBlock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc_info: object) -> None:
        return None


_NO_SIGNAL_BLOCK = _NoSignalBlock()


class _SignalBlock:
    def __init__(self, signal_module, all_signals) -> None:
        self._signal = signal_module
        self._all_signals = all_signals
        self._old_mask = None

    def __enter__(self) -> None:
        self._old_mask = self._signal.pthread_sigmask(
            self._signal.SIG_BLOCK, self._all_signals
        )

    def __exit__(self, *exc_info: object) -> None:
        self._signal.pthread_sigmask(self._signal.SIG_SETMASK, self._old_mask)


# NOTE: a signal that arrived before the mask was set, or that another
# thread received, can still run its Python handler between os.read() and
# the caller's append, and a KeyboardInterrupt there loses one token.
# Reading inside this function lets the pending-handler check at function
# entry run such a handler before the read.  Pure Python cannot close the
# gap fully.
def _read_token(fd: int) -> bytes | None:
    try:
        data = os.read(fd, 1)
    except BlockingIOError:
        return None
    if not data:
        raise JobServerError(
            "jobserver pipe has no writer left, so no token can arrive"
        )
    return data


# ---------------------------------------------------------------------------
# POSIX: named pipe and anonymous pipe


def _fd_access_mode(fd: int) -> int | None:
    """Return the O_ACCMODE bits of ``fd``, or None if ``fd`` is not open."""
    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    except OSError as exc:
        if exc.errno == errno.EBADF:
            return None
        raise
    return flags & os.O_ACCMODE


def _is_pipe_end(fd: int, writable: bool) -> bool:
    """Check that ``fd`` is an open pipe end usable for reading or writing.

    GNU make 4.4.1 only checks that the descriptor is open.  Checking the
    type and access mode as well keeps a client from reading or writing
    tokens on an unrelated file that reused the descriptor number.
    """
    if fd < 0:
        return False
    mode = _fd_access_mode(fd)
    if mode is None:
        return False
    if not stat.S_ISFIFO(os.fstat(fd).st_mode):
        return False
    if writable:
        return mode in (os.O_WRONLY, os.O_RDWR)
    return mode in (os.O_RDONLY, os.O_RDWR)


def _set_nonblocking(fd: int, nonblocking: bool) -> None:
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    if nonblocking:
        flags |= os.O_NONBLOCK
    else:
        flags &= ~os.O_NONBLOCK
    fcntl.fcntl(fd, fcntl.F_SETFL, flags)


def _open_private_reader(fd: int) -> int:
    """Open a non-blocking read descriptor on the same pipe as ``fd``.

    O_NONBLOCK belongs to the open file description, which every process
    that inherited ``fd`` shares.  The GNU make 4.4.1 manual (POSIX Jobserver
    Interaction) states that tools should keep the pipe style's read side
    blocking.  On Linux, opening /proc/self/fd/N creates
    a new open file description for the same pipe, so only this process
    reads without blocking.
    """
    proc_path = os.path.join("/proc/self/fd", str(fd))
    try:
        return os.open(proc_path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        pass
    # NOTE: without /proc (macOS, BSD) the shared description is switched
    # to non-blocking, as GNU make 4.4.1 itself does on systems with
    # pselect().  A reader that relies on blocking reads would then see
    # EAGAIN.
    reader = os.dup(fd)
    _set_nonblocking(reader, True)
    return reader


def _wait_readable(fd: int, timeout: float | None) -> None:
    # poll() has no FD_SETSIZE limit on descriptor numbers, unlike select().
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        if timeout is None:
            poller.poll()
        else:
            poller.poll(max(0, int(timeout * 1000 + 0.999)))
    else:
        select.select([fd], [], [], timeout)


def _fill_pool(write_fd: int, tokens: int) -> None:
    """Put ``tokens`` tokens into a new pipe, raising JobServerError if it is full."""
    if tokens <= 0:
        return
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    get_size = getattr(fcntl, "F_GETPIPE_SZ", None)
    if set_size is not None and get_size is not None:
        try:
            if fcntl.fcntl(write_fd, get_size) < tokens:
                fcntl.fcntl(write_fd, set_size, tokens)
        except OSError:
            # Unprivileged processes cannot exceed /proc/sys/fs/pipe-max-size,
            # so the write below reports a pool that does not fit.
            pass
    _set_nonblocking(write_fd, True)
    try:
        data = TOKEN * tokens
        while data:
            written = os.write(write_fd, data)
            data = data[written:]
    except BlockingIOError:
        raise JobServerError(
            f"cannot put {tokens} jobserver tokens in a pipe because the "
            f"pipe is full. Use a smaller -j value."
        ) from None
    finally:
        _set_nonblocking(write_fd, False)


def _jobserver_tmpdir(report: DiagnosticCallback | None = None) -> str:
    """Return the directory for the named pipe, chosen like GNU make does.

    GNU make 4.4.1 (get_tmpdir in src/misc.c) uses MAKE_TMPDIR, then
    TMPDIR, when they name a directory, and /tmp otherwise.  A set
    variable that names no directory is reported to ``report`` with the
    same messages as GNU make's.
    """
    import tempfile

    variable_set = False
    for variable in ("MAKE_TMPDIR", "TMPDIR"):
        value = os.environ.get(variable)
        if not value:
            continue
        variable_set = True
        try:
            is_directory = stat.S_ISDIR(os.stat(value).st_mode)
        except OSError as exc:
            if report is not None:
                report(f"{variable} value {value}: {exc.strerror}")
            continue
        if is_directory:
            return value
        if report is not None:
            report(f"{variable} value {value}: not a directory")
    default = "/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir()
    if variable_set and report is not None:
        report(f"using default temporary directory '{default}'")
    return default


class PipeJobServer(JobServer):
    """Jobserver on a POSIX named pipe (``fifo``) or anonymous pipe (``pipe``).

    Build one with :func:`create_jobserver` or :func:`jobserver_from_makeflags`
    rather than calling the constructor.
    """

    def __init__(
        self,
        style: str,
        is_server: bool,
        read_fd: int,
        write_fd: int,
        fifo_path: str | None = None,
        temp_dir: str | None = None,
    ) -> None:
        super().__init__()
        self.style = style
        self.is_server = is_server
        self.fifo_path = fifo_path
        self._read_fd = read_fd
        self._write_fd = write_fd
        self._temp_dir = temp_dir
        self._taken_tokens: list[bytes] = []
        if style == "fifo":
            # Each process opens the named pipe itself, so the O_NONBLOCK
            # flag set at open() affects no other process.
            self._reader_fd = read_fd
            return
        self._reader_fd = -1
        try:
            self._reader_fd = _open_private_reader(read_fd)
        except OSError:
            self._closed = True
            self._close_transport()
            raise

    # -- construction ---------------------------------------------------

    @classmethod
    def create_pipe(cls, slots: int) -> PipeJobServer:
        """Create a server on an anonymous pipe with ``slots - 1`` tokens."""
        read_fd, write_fd = os.pipe()  # both non-inheritable
        try:
            _fill_pool(write_fd, slots - 1)
        except BaseException:
            os.close(read_fd)
            os.close(write_fd)
            raise
        return cls("pipe", True, read_fd, write_fd)

    @classmethod
    def create_fifo(
        cls, slots: int, on_diagnostic: DiagnosticCallback | None = None
    ) -> PipeJobServer:
        """Create a server on a new named pipe with ``slots - 1`` tokens.

        The pipe lives in a private temporary directory, and :meth:`close`
        removes both.  ``on_diagnostic`` receives the messages about a
        MAKE_TMPDIR or TMPDIR value that names no directory.
        """
        import tempfile

        temp_dir = tempfile.mkdtemp(prefix="pymake-jobserver-",
                                    dir=_jobserver_tmpdir(on_diagnostic))
        fifo_path = os.path.join(temp_dir, "fifo")
        read_fd = write_fd = -1
        try:
            os.mkfifo(fifo_path, 0o600)
            # Opening the read end without O_NONBLOCK would wait for a
            # writer, and this process is about to become the first one.
            read_fd = os.open(fifo_path, os.O_RDONLY | os.O_NONBLOCK
                              | os.O_CLOEXEC)
            write_fd = os.open(fifo_path, os.O_WRONLY | os.O_CLOEXEC)
            _fill_pool(write_fd, slots - 1)
        except BaseException:
            for fd in (read_fd, write_fd):
                if fd >= 0:
                    os.close(fd)
            _remove_fifo(fifo_path, temp_dir)
            raise
        return cls("fifo", True, read_fd, write_fd, fifo_path, temp_dir)

    @classmethod
    def open_fifo(cls, path: str) -> PipeJobServer:
        """Connect as a client to the named pipe at ``path``.

        Raises OSError when the path cannot be opened.
        """
        read_fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            if not stat.S_ISFIFO(os.fstat(read_fd).st_mode):
                raise OSError(errno.EINVAL, "not a named pipe", path)
            write_fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
        except BaseException:
            os.close(read_fd)
            raise
        return cls("fifo", False, read_fd, write_fd, path)

    @classmethod
    def open_pipe(cls, read_fd: int, write_fd: int) -> PipeJobServer | None:
        """Connect as a client to inherited pipe descriptors.

        Returns None when either descriptor is negative, closed or not a
        pipe end, which means the parent make did not treat this process as
        a recursive make.
        """
        if not _is_pipe_end(read_fd, writable=False):
            return None
        if not _is_pipe_end(write_fd, writable=True):
            return None
        # Grandchildren get the descriptors only through pass_fds(), as
        # GNU make passes them only to recursive makes.
        os.set_inheritable(read_fd, False)
        os.set_inheritable(write_fd, False)
        return cls("pipe", False, read_fd, write_fd)

    # -- token operations -----------------------------------------------

    @property
    def held_tokens(self) -> int:
        return len(self._taken_tokens)

    def try_acquire(self) -> bool:
        self._check_open()
        with _blocked_signals():
            token = _read_token(self._reader_fd)
            if token is None:
                return False
            self._taken_tokens.append(token)
        return True

    def acquire(self, timeout: float | None = None) -> bool:
        self._check_open()
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            if self.try_acquire():
                return True
            remaining = None
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
            # PEP 475: poll() restarts itself after EINTR.
            _wait_readable(self._reader_fd, remaining)

    def release(self) -> None:
        self._check_open()
        if not self._taken_tokens:
            raise JobServerError("jobserver token released but none is held")
        with _blocked_signals():
            os.write(self._write_fd, self._taken_tokens[-1])
            self._taken_tokens.pop()

    def fileno(self) -> int | None:
        return self._reader_fd

    # -- MAKEFLAGS and children -----------------------------------------

    def makeflags_auth(self) -> str:
        if self.style == "fifo":
            return quote_makeflags_word(AUTH_OPTION + FIFO_PREFIX
                                        + self.fifo_path)
        return f"{AUTH_OPTION}{self._read_fd},{self._write_fd}"

    def invalid_makeflags_auth(self) -> str | None:
        if self.style == "pipe":
            return INVALID_PIPE_AUTH
        return None

    def pass_fds(self) -> tuple[int, ...]:
        if self.style == "pipe" and not self._closed:
            return (self._read_fd, self._write_fd)
        return ()

    # -- shutdown ---------------------------------------------------------

    def _close_transport(self) -> None:
        fds = {self._reader_fd}
        # A pipe client leaves the inherited descriptors open because it
        # did not open them, and another object in this process may use
        # the same numbers.
        if self.is_server or self.style == "fifo":
            fds.update((self._read_fd, self._write_fd))
        self._reader_fd = self._read_fd = self._write_fd = -1
        for fd in fds:
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        if self.is_server and self.fifo_path is not None:
            _remove_fifo(self.fifo_path, self._temp_dir)

    def __repr__(self) -> str:
        role = "server" if self.is_server else "client"
        return (f"<PipeJobServer {role} {self.style} "
                f"held={len(self._taken_tokens)} closed={self._closed}>")


def _remove_fifo(path: str, temp_dir: str | None) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    if temp_dir is not None:
        try:
            os.rmdir(temp_dir)
        except OSError:
            pass


# ---------------------------------------------------------------------------
# Windows: named semaphore


class Win32SemaphoreAPI:
    """The five Win32 calls behind :class:`SemaphoreJobServer`, via ctypes.

    Tests on POSIX replace this object with a fake that has the same
    methods.  Handles are plain ints.  Failures raise JobServerError.
    """

    _SEMAPHORE_ALL_ACCESS = 0x1F0003
    _WAIT_OBJECT_0 = 0x0
    _WAIT_TIMEOUT = 0x102
    _ERROR_ALREADY_EXISTS = 183

    def __init__(self) -> None:
        import ctypes
        from ctypes import wintypes

        self._ctypes = ctypes
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)

        kernel32.CreateSemaphoreW.argtypes = [
            wintypes.LPVOID, wintypes.LONG, wintypes.LONG, wintypes.LPCWSTR]
        kernel32.CreateSemaphoreW.restype = wintypes.HANDLE
        kernel32.OpenSemaphoreW.argtypes = [
            wintypes.DWORD, wintypes.BOOL, wintypes.LPCWSTR]
        kernel32.OpenSemaphoreW.restype = wintypes.HANDLE
        kernel32.WaitForSingleObject.argtypes = [
            wintypes.HANDLE, wintypes.DWORD]
        kernel32.WaitForSingleObject.restype = wintypes.DWORD
        kernel32.ReleaseSemaphore.argtypes = [
            wintypes.HANDLE, wintypes.LONG, ctypes.POINTER(wintypes.LONG)]
        kernel32.ReleaseSemaphore.restype = wintypes.BOOL
        kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
        kernel32.CloseHandle.restype = wintypes.BOOL
        self._kernel32 = kernel32

    def _error(self, action: str) -> JobServerError:
        code = self._ctypes.get_last_error()
        message = self._ctypes.FormatError(code).strip()
        return JobServerError(f"{action}: (Error {code}: {message})")

    def create(self, name: str, count: int, maximum: int) -> int:
        """Create the semaphore ``name``, raising JobServerError if it exists."""
        handle = self._kernel32.CreateSemaphoreW(None, count, maximum, name)
        if not handle:
            raise self._error("creating jobserver semaphore")
        if self._ctypes.get_last_error() == self._ERROR_ALREADY_EXISTS:
            self._kernel32.CloseHandle(handle)
            raise JobServerError(
                f"creating jobserver semaphore: '{name}' already exists")
        return handle

    def open(self, name: str) -> int:
        """Open the existing semaphore ``name``."""
        handle = self._kernel32.OpenSemaphoreW(
            self._SEMAPHORE_ALL_ACCESS, False, name)
        if not handle:
            raise self._error(f"unable to open jobserver semaphore '{name}'")
        return handle

    def wait(self, handle: int, timeout_ms: int) -> bool:
        """Decrement the count, or return False after ``timeout_ms`` ms."""
        result = self._kernel32.WaitForSingleObject(handle, timeout_ms)
        if result == self._WAIT_OBJECT_0:
            return True
        if result == self._WAIT_TIMEOUT:
            return False
        raise self._error("waiting for jobserver semaphore")

    def release(self, handle: int) -> None:
        """Increment the count by one."""
        if not self._kernel32.ReleaseSemaphore(handle, 1, None):
            raise self._error("release jobserver semaphore")

    def close(self, handle: int) -> None:
        self._kernel32.CloseHandle(handle)


# NOTE: Win32SemaphoreAPI has only run against fakes in the POSIX test
# suite, never against a real Windows kernel32.
class SemaphoreJobServer(JobServer):
    """Jobserver on a Windows named semaphore (style ``sem``).

    ``api`` defaults to :class:`Win32SemaphoreAPI`, and tests pass a fake.
    """

    style = "sem"

    def __init__(self, name: str, handle: int, api, is_server: bool) -> None:
        super().__init__()
        self.name = name
        self.is_server = is_server
        self._handle = handle
        self._api = api
        self._taken_count = 0

    @classmethod
    def create(cls, slots: int, api=None) -> SemaphoreJobServer:
        """Create a server semaphore with ``slots - 1`` tokens."""
        api = api if api is not None else Win32SemaphoreAPI()
        tokens = slots - 1
        name = f"pymake_semaphore_{os.getpid()}_{os.urandom(4).hex()}"
        # CreateSemaphore rejects a maximum count of 0.
        handle = api.create(name, tokens, max(tokens, 1))
        return cls(name, handle, api, is_server=True)

    @classmethod
    def open(cls, name: str, api=None) -> SemaphoreJobServer:
        """Connect as a client to the existing semaphore ``name``."""
        api = api if api is not None else Win32SemaphoreAPI()
        return cls(name, api.open(name), api, is_server=False)

    @property
    def held_tokens(self) -> int:
        return self._taken_count

    def _wait(self, timeout_ms: int) -> bool:
        with _blocked_signals():
            if not self._api.wait(self._handle, timeout_ms):
                return False
            self._taken_count += 1
        return True

    def try_acquire(self) -> bool:
        self._check_open()
        return self._wait(0)

    def acquire(self, timeout: float | None = None) -> bool:
        self._check_open()
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            step = _SEMAPHORE_POLL_SECONDS
            if deadline is not None:
                step = min(step, max(0.0, deadline - time.monotonic()))
            if self._wait(int(step * 1000)):
                return True
            if deadline is not None and time.monotonic() >= deadline:
                return False

    def release(self) -> None:
        self._check_open()
        if not self._taken_count:
            raise JobServerError("jobserver token released but none is held")
        with _blocked_signals():
            self._api.release(self._handle)
            self._taken_count -= 1

    def fileno(self) -> int | None:
        return None

    def makeflags_auth(self) -> str:
        return quote_makeflags_word(AUTH_OPTION + self.name)

    def _close_transport(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            self._api.close(handle)

    def __repr__(self) -> str:
        role = "server" if self.is_server else "client"
        return (f"<SemaphoreJobServer {role} {self.name!r} "
                f"held={self._taken_count} closed={self._closed}>")


# ---------------------------------------------------------------------------
# Entry points


def _default_style() -> str:
    return "sem" if _IS_WINDOWS else "fifo"


def create_jobserver(
    slots: int,
    style: str | None = None,
    *,
    on_diagnostic: DiagnosticCallback | None = None,
    semaphore_api=None,
) -> JobServer:
    """Create the token pool for ``-j slots`` in a top-level make.

    The pool contains ``slots - 1`` tokens because the caller owns one implicit
    slot.  ``style`` is ``"fifo"`` or ``"pipe"`` on POSIX and ``"sem"`` on
    Windows, and None picks ``fifo`` or ``sem``.  When the default fifo
    cannot be created, the server falls back to a pipe and reports the
    error to ``on_diagnostic``, as GNU make 4.4.1 does.  ``semaphore_api``
    replaces :class:`Win32SemaphoreAPI`, for tests.

    Raises JobServerError for an unknown style or when the pool cannot be
    created, and ValueError when ``slots`` is below 1.
    """
    if slots < 1:
        raise ValueError(f"jobserver needs at least 1 job slot, got {slots}")
    requested = style
    style = style or _default_style()
    valid_styles = ("sem",) if _IS_WINDOWS else ("fifo", "pipe")
    if style not in valid_styles and not (style == "sem" and semaphore_api):
        raise JobServerError(f"unknown jobserver auth style '{style}'")

    if style == "sem":
        return SemaphoreJobServer.create(slots, semaphore_api)
    if style == "fifo":
        try:
            return PipeJobServer.create_fifo(slots, on_diagnostic)
        except OSError as exc:
            if requested is not None:
                raise JobServerError(
                    f"cannot create jobserver named pipe: {exc}") from exc
            if on_diagnostic is not None:
                on_diagnostic(f"jobserver mkfifo: {exc}")
    try:
        return PipeJobServer.create_pipe(slots)
    except OSError as exc:
        raise JobServerError(f"creating jobs pipe: {exc}") from exc


def _parse_fd(text: str) -> int | None:
    """Parse a descriptor number such as ``3`` or ``-2``, or return None."""
    digits = text[1:] if text.startswith("-") else text
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    return int(text)


def _connect_posix(auth: str, report: DiagnosticCallback) -> JobServer | None:
    if auth.startswith(FIFO_PREFIX):
        path = auth[len(FIFO_PREFIX):]
        try:
            return PipeJobServer.open_fifo(path)
        except OSError as exc:
            report(f"cannot open jobserver {path}: {exc.strerror or exc}")
            return None

    read_text, _, write_text = auth.partition(",")
    read_fd = _parse_fd(read_text)
    write_fd = _parse_fd(write_text)
    if read_fd is None or write_fd is None:
        report(f"invalid --jobserver-auth string '{auth}'")
        return None
    # Negative descriptors (GNU make writes -2,-2) mean the parent
    # deliberately withheld the jobserver, so no error precedes the warning.
    return PipeJobServer.open_pipe(read_fd, write_fd)


def jobserver_from_makeflags(
    makeflags: str,
    *,
    on_diagnostic: DiagnosticCallback | None = None,
    semaphore_api=None,
) -> JobServer | None:
    """Connect to the jobserver that a parent make named in ``makeflags``.

    Returns None when MAKEFLAGS names no jobserver, without a diagnostic.
    Returns None as well when it names one that cannot be used: pipe
    descriptors that are closed or negative, a named pipe that cannot be
    opened, an unparsable value, or a semaphore that cannot be opened.  In
    those cases ``on_diagnostic`` receives any specific error first and then
    :data:`JOBSERVER_UNAVAILABLE_WARNING`, and the caller should run with
    ``-j1``.  Each message lacks the program-name prefix.

    On Windows every value is taken as a semaphore name, as GNU make does.
    ``semaphore_api`` replaces :class:`Win32SemaphoreAPI` and, for tests,
    selects the Windows path on any system.
    """
    auth = find_jobserver_auth(makeflags)
    if auth is None:
        return None

    def report(message: str) -> None:
        if on_diagnostic is not None:
            on_diagnostic(message)

    if _IS_WINDOWS or semaphore_api is not None:
        try:
            jobserver = SemaphoreJobServer.open(auth, semaphore_api)
        except JobServerError as exc:
            report(str(exc))
            jobserver = None
    else:
        jobserver = _connect_posix(auth, report)

    if jobserver is None:
        report(JOBSERVER_UNAVAILABLE_WARNING)
    return jobserver
