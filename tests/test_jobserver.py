"""Tests for pymake.jobserver: token pools, MAKEFLAGS parsing, GNU make interop.

The interoperation tests run /usr/bin/make (GNU make 4.3 here, which supports
only the pipe style) and are skipped when it is missing.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pymake import jobserver as js
from pymake.jobserver import (
    JOBSERVER_UNAVAILABLE_WARNING,
    JobServerError,
    PipeJobServer,
    SemaphoreJobServer,
    create_jobserver,
    find_jobserver_auth,
    jobserver_from_makeflags,
    quote_makeflags_word,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
GNU_MAKE = "/usr/bin/make"
TIMEOUT_SECONDS = 60

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX pipes only")
needs_gnu_make = pytest.mark.skipif(
    not os.path.exists(GNU_MAKE), reason=f"{GNU_MAKE} not installed"
)
POSIX_STYLES = ["fifo", "pipe"]

# Child process that connects to the jobserver named in $MAKEFLAGS, prints
# how many tokens it took without blocking, and returns them on close().
CLIENT_SCRIPT = textwrap.dedent(
    """\
    import os
    import sys

    from pymake.jobserver import jobserver_from_makeflags

    messages = []
    jobserver = jobserver_from_makeflags(
        os.environ.get("MAKEFLAGS", ""), on_diagnostic=messages.append
    )
    if jobserver is None:
        print("unavailable")
        for message in messages:
            print(message)
        sys.exit(0)
    count = 0
    while jobserver.try_acquire():
        count += 1
    print(count)
    jobserver.close()
    """
)

# Recipe body for the concurrency test: counts running jobs in a file under
# an exclusive fcntl lock and keeps the maximum seen.
JOB_SCRIPT = textwrap.dedent(
    """\
    import fcntl
    import sys
    import time

    path = sys.argv[1]

    def update(delta):
        with open(path, "r+") as counter:
            fcntl.flock(counter, fcntl.LOCK_EX)
            running, maximum = map(int, counter.read().split())
            running += delta
            maximum = max(maximum, running)
            counter.seek(0)
            counter.truncate()
            counter.write(f"{running} {maximum}")

    update(1)
    time.sleep(0.3)
    update(-1)
    """
)


def child_env(makeflags: str | None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "GNUMAKEFLAGS")
    }
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO_ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    )
    if makeflags is not None:
        env["MAKEFLAGS"] = makeflags
    return env


def drain(jobserver: js.JobServer) -> int:
    count = 0
    while jobserver.try_acquire():
        count += 1
    return count


@pytest.fixture(params=POSIX_STYLES)
def server(request):
    if os.name == "nt":
        pytest.skip("POSIX pipes only")
    jobserver = create_jobserver(4, request.param)
    yield jobserver
    jobserver.close()


# ---------------------------------------------------------------------------
# MAKEFLAGS parsing


def test_find_auth_absent():
    assert find_jobserver_auth("") is None
    assert find_jobserver_auth("ks -j4") is None


def test_find_auth_last_instance_wins():
    flags = "-j --jobserver-auth=3,4 --jobserver-auth=fifo:/tmp/x"
    assert find_jobserver_auth(flags) == "fifo:/tmp/x"


def test_find_auth_legacy_fds_option():
    assert find_jobserver_auth(" -j --jobserver-fds=5,6") == "5,6"
    assert find_jobserver_auth("--jobserver-fds=5,6 --jobserver-auth=7,8") == "7,8"


def test_find_auth_unescapes_blanks():
    word = quote_makeflags_word("--jobserver-auth=fifo:/tmp/a b\\c")
    assert word == "--jobserver-auth=fifo:/tmp/a\\ b\\\\c"
    assert find_jobserver_auth(f"-j {word}") == "fifo:/tmp/a b\\c"


def test_find_auth_ignores_variable_assignments():
    flags = "-j --jobserver-auth=3,4 -- --jobserver-auth=9,9"
    assert find_jobserver_auth(flags) == "3,4"


# ---------------------------------------------------------------------------
# Server token pool


@posix_only
def test_server_pool_has_slots_minus_one(server):
    assert server.is_server
    assert drain(server) == 3
    assert server.held_tokens == 3
    assert not server.try_acquire()


@posix_only
def test_server_release_and_reacquire(server):
    drain(server)
    server.release()
    assert server.held_tokens == 2
    assert server.try_acquire()
    assert not server.try_acquire()


@posix_only
def test_acquire_times_out_on_empty_pool(server):
    drain(server)
    start = time.monotonic()
    assert not server.acquire(0.2)
    elapsed = time.monotonic() - start
    assert 0.15 <= elapsed < 2.0


@posix_only
def test_acquire_waits_for_token(server):
    assert server.acquire(None)
    assert server.acquire(0)


@posix_only
def test_release_without_token_raises(server):
    with pytest.raises(JobServerError, match="none is held"):
        server.release()


@posix_only
def test_fileno_readable_only_with_tokens(server):
    fd = server.fileno()
    assert isinstance(fd, int)
    readable, _, _ = select.select([fd], [], [], 0)
    assert readable == [fd]
    drain(server)
    readable, _, _ = select.select([fd], [], [], 0)
    assert readable == []
    server.release()
    readable, _, _ = select.select([fd], [], [], 0)
    assert readable == [fd]


@posix_only
def test_makeflags_auth_per_style():
    with create_jobserver(2, "fifo") as fifo_server:
        auth = fifo_server.makeflags_auth()
        assert auth == f"--jobserver-auth=fifo:{fifo_server.fifo_path}"
        assert fifo_server.pass_fds() == ()
        assert fifo_server.invalid_makeflags_auth() is None
    with create_jobserver(2, "pipe") as pipe_server:
        read_fd, write_fd = pipe_server.pass_fds()
        assert pipe_server.makeflags_auth() == f"--jobserver-auth={read_fd},{write_fd}"
        assert pipe_server.invalid_makeflags_auth() == "--jobserver-auth=-2,-2"


@posix_only
def test_default_style_is_fifo():
    with create_jobserver(3) as server:
        assert server.style == "fifo"
        assert drain(server) == 2


@posix_only
def test_fifo_removed_on_close():
    server = create_jobserver(3, "fifo")
    path = server.fifo_path
    assert os.path.exists(path)
    server.close()
    assert not os.path.exists(path)
    assert not os.path.exists(os.path.dirname(path))
    assert server.closed


@posix_only
def test_fifo_dir_with_space(tmp_path, monkeypatch):
    spaced = tmp_path / "dir with space"
    spaced.mkdir()
    monkeypatch.setenv("MAKE_TMPDIR", str(spaced))
    with create_jobserver(3, "fifo") as server:
        assert server.fifo_path.startswith(str(spaced))
        client = jobserver_from_makeflags(f"-j {server.makeflags_auth()}")
        assert client is not None
        assert drain(client) == 2
        client.close()


@posix_only
def test_default_style_falls_back_to_pipe(monkeypatch):
    def failing_mkfifo(path, mode=0o666):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(os, "mkfifo", failing_mkfifo)
    messages = []
    with create_jobserver(3, on_diagnostic=messages.append) as server:
        assert server.style == "pipe"
        assert drain(server) == 2
    assert len(messages) == 1
    assert messages[0].startswith("jobserver mkfifo: ")
    with pytest.raises(JobServerError, match="cannot create jobserver named pipe"):
        create_jobserver(3, "fifo")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ is Linux-only")
def test_pool_larger_than_default_pipe():
    # Linux pipes hold 65536 bytes unless resized with F_SETPIPE_SZ.
    with create_jobserver(70_001, "pipe") as server:
        assert drain(server) == 70_000


@posix_only
def test_single_slot_has_empty_pool():
    with create_jobserver(1, "pipe") as server:
        assert not server.try_acquire()


def test_invalid_slots_and_styles():
    with pytest.raises(ValueError, match="at least 1"):
        create_jobserver(0)
    with pytest.raises(JobServerError, match="unknown jobserver auth style 'bogus'"):
        create_jobserver(2, "bogus")


@posix_only
def test_sem_style_rejected_on_posix():
    with pytest.raises(JobServerError, match="unknown jobserver auth style 'sem'"):
        create_jobserver(2, "sem")


@posix_only
def test_closed_jobserver_rejects_use(server):
    server.close()
    with pytest.raises(JobServerError, match="already closed"):
        server.try_acquire()
    assert server.pass_fds() == ()
    server.close()


# ---------------------------------------------------------------------------
# Client in the same process


@posix_only
def test_client_shares_server_pool(server):
    client = jobserver_from_makeflags(f" -j {server.makeflags_auth()}")
    assert client is not None
    assert not client.is_server
    assert client.style == server.style
    assert client.makeflags_auth() == server.makeflags_auth()
    assert client.try_acquire()
    assert client.try_acquire()
    assert drain(server) == 1
    client.release()
    assert server.try_acquire()
    client.close()


@posix_only
def test_client_close_returns_held_tokens(server):
    client = jobserver_from_makeflags(server.makeflags_auth())
    assert drain(client) == 3
    client.close()
    assert client.held_tokens == 0
    assert drain(server) == 3


@posix_only
def test_client_returns_same_token_bytes():
    read_fd, write_fd = os.pipe()
    try:
        os.write(write_fd, b"ab")
        client = PipeJobServer.open_pipe(read_fd, write_fd)
        assert client is not None
        assert drain(client) == 2
        client.release()
        client.release()
        # close() closes the descriptors, so read the returned tokens first.
        returned = os.read(client.fileno(), 2)
        assert sorted(returned) == sorted(b"ab")
        client.close()
    finally:
        for fd in (read_fd, write_fd):
            try:
                os.close(fd)
            except OSError:
                pass


@posix_only
def test_client_from_legacy_fds_option():
    with create_jobserver(3, "pipe") as server:
        read_fd, write_fd = server.pass_fds()
        client = jobserver_from_makeflags(f"-j --jobserver-fds={read_fd},{write_fd}")
        assert client is not None
        assert client.makeflags_auth() == f"--jobserver-auth={read_fd},{write_fd}"
        assert drain(client) == 2
        client.close()


def test_client_without_auth_is_silent():
    messages = []
    assert jobserver_from_makeflags("-k -j4", on_diagnostic=messages.append) is None
    assert messages == []


@posix_only
@pytest.mark.parametrize(
    "auth, error",
    [
        ("-2,-2", None),
        ("-1,-1", None),
        ("3x,4", "invalid --jobserver-auth string '3x,4'"),
        ("1_0,4", "invalid --jobserver-auth string '1_0,4'"),
        ("bogus", "invalid --jobserver-auth string 'bogus'"),
        ("", "invalid --jobserver-auth string ''"),
        ("fifo:/nonexistent/jobserver", "cannot open jobserver /nonexistent/jobserver: "),
    ],
)
def test_client_unavailable_diagnostics(auth, error):
    messages = []
    result = jobserver_from_makeflags(
        f"-j --jobserver-auth={auth}", on_diagnostic=messages.append
    )
    assert result is None
    assert messages[-1] == JOBSERVER_UNAVAILABLE_WARNING
    if error is None:
        assert len(messages) == 1
    else:
        assert len(messages) == 2
        assert messages[0].startswith(error)


@posix_only
def test_client_rejects_closed_fds():
    read_fd, write_fd = os.pipe()
    os.close(read_fd)
    os.close(write_fd)
    messages = []
    auth = f"--jobserver-auth={read_fd},{write_fd}"
    assert jobserver_from_makeflags(auth, on_diagnostic=messages.append) is None
    assert messages == [JOBSERVER_UNAVAILABLE_WARNING]


@posix_only
def test_client_rejects_fds_that_are_not_pipes(tmp_path):
    path = tmp_path / "plain"
    path.write_bytes(b"+++")
    fd = os.open(path, os.O_RDWR)
    try:
        messages = []
        auth = f"--jobserver-auth={fd},{fd}"
        assert jobserver_from_makeflags(auth, on_diagnostic=messages.append) is None
        assert messages == [JOBSERVER_UNAVAILABLE_WARNING]
    finally:
        os.close(fd)
    assert path.read_bytes() == b"+++"


@posix_only
def test_client_rejects_swapped_pipe_ends():
    read_fd, write_fd = os.pipe()
    try:
        auth = f"--jobserver-auth={write_fd},{read_fd}"
        assert jobserver_from_makeflags(auth) is None
    finally:
        os.close(read_fd)
        os.close(write_fd)


@posix_only
def test_client_rejects_fifo_path_that_is_a_file(tmp_path):
    path = tmp_path / "plain"
    path.write_bytes(b"")
    messages = []
    auth = f"--jobserver-auth=fifo:{path}"
    assert jobserver_from_makeflags(auth, on_diagnostic=messages.append) is None
    assert messages[0] == f"cannot open jobserver {path}: not a named pipe"


# ---------------------------------------------------------------------------
# Interrupts


@posix_only
def test_interrupted_acquire_loses_no_token(server):
    drain(server)
    server.release()
    assert server.held_tokens == 2
    # Empty the pool from a second connection so acquire() has to block.
    other = jobserver_from_makeflags(server.makeflags_auth())
    assert drain(other) == 1

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.1)
        with pytest.raises(KeyboardInterrupt):
            server.acquire(5)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert server.held_tokens == 2
    other.close()
    assert drain(server) == 1


@posix_only
def test_acquire_restarts_after_handled_signal(server):
    drain(server)
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        start = time.monotonic()
        assert not server.acquire(0.3)
        elapsed = time.monotonic() - start
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == [signal.SIGALRM]
    assert elapsed >= 0.25


# ---------------------------------------------------------------------------
# Client in a child Python process


@posix_only
def test_child_process_client(server):
    makeflags = f" -j {server.makeflags_auth()}"
    result = subprocess.run(
        [sys.executable, "-c", CLIENT_SCRIPT],
        env=child_env(makeflags),
        pass_fds=server.pass_fds(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3"
    # The child returned its tokens before it exited.
    assert drain(server) == 3


@posix_only
def test_child_without_pass_fds_is_unavailable():
    with create_jobserver(4, "pipe") as server:
        result = subprocess.run(
            [sys.executable, "-c", CLIENT_SCRIPT],
            env=child_env(f" -j {server.makeflags_auth()}"),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == ["unavailable", JOBSERVER_UNAVAILABLE_WARNING]
        assert drain(server) == 3


# ---------------------------------------------------------------------------
# Interoperation with GNU make


def write_client_makefile(tmp_path: Path, recursive: bool) -> Path:
    (tmp_path / "client.py").write_text(CLIENT_SCRIPT)
    marker = "+" if recursive else ""
    makefile = tmp_path / "Makefile"
    makefile.write_text(f'all:\n\t{marker}@"{sys.executable}" client.py\n')
    return makefile


@posix_only
@needs_gnu_make
def test_gnu_make_server_python_client(tmp_path):
    makefile = write_client_makefile(tmp_path, recursive=True)
    result = subprocess.run(
        [GNU_MAKE, "-s", "-j4", "-f", str(makefile)],
        cwd=tmp_path,
        env=child_env(None),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3"
    # GNU make reports lost or extra tokens at exit on stderr.
    assert result.stderr == ""


@posix_only
@needs_gnu_make
def test_gnu_make_withholds_pipe_without_plus(tmp_path):
    makefile = write_client_makefile(tmp_path, recursive=False)
    result = subprocess.run(
        [GNU_MAKE, "-s", "-j4", "-f", str(makefile)],
        cwd=tmp_path,
        env=child_env(None),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["unavailable", JOBSERVER_UNAVAILABLE_WARNING]


def run_gnu_make_under_server(tmp_path: Path, slots: int, held_by_parent: int) -> int:
    """Run GNU make as a jobserver client of a Python pipe server.

    Returns the maximum number of recipes that ran at the same time.
    """
    (tmp_path / "job.py").write_text(JOB_SCRIPT)
    counter = tmp_path / "counter"
    counter.write_text("0 0")
    jobs = " ".join(f"job{index}" for index in range(8))
    makefile = tmp_path / "Makefile"
    makefile.write_text(
        f"all: {jobs}\n"
        f"{jobs}:\n"
        f'\t@"{sys.executable}" job.py "{counter}"\n'
    )

    with create_jobserver(slots, "pipe") as server:
        for _ in range(held_by_parent):
            assert server.try_acquire()
        result = subprocess.run(
            [GNU_MAKE, "-f", str(makefile)],
            cwd=tmp_path,
            env=child_env(f" -j {server.makeflags_auth()}"),
            pass_fds=server.pass_fds(),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        # GNU make returned every token it took.
        assert drain(server) == slots - 1 - held_by_parent

    running, maximum = map(int, counter.read_text().split())
    assert running == 0
    return maximum


@posix_only
@needs_gnu_make
def test_gnu_make_client_respects_slots(tmp_path):
    maximum = run_gnu_make_under_server(tmp_path, slots=3, held_by_parent=0)
    assert maximum <= 3
    assert maximum >= 2


@posix_only
@needs_gnu_make
def test_gnu_make_client_waits_for_held_tokens(tmp_path):
    maximum = run_gnu_make_under_server(tmp_path, slots=3, held_by_parent=2)
    assert maximum == 1


# ---------------------------------------------------------------------------
# Windows semaphore logic, run against a fake Win32 API


class FakeSemaphoreAPI:
    """In-memory stand-in for Win32SemaphoreAPI with named semaphores."""

    def __init__(self):
        self.semaphores: dict[str, list[int]] = {}  # name -> [count, maximum]
        self.handles: dict[int, str] = {}
        self.waits: list[int] = []
        self._next_handle = 100

    def _new_handle(self, name):
        self._next_handle += 1
        self.handles[self._next_handle] = name
        return self._next_handle

    def create(self, name, count, maximum):
        if name in self.semaphores:
            raise JobServerError(f"creating jobserver semaphore: '{name}' already exists")
        self.semaphores[name] = [count, maximum]
        return self._new_handle(name)

    def open(self, name):
        if name not in self.semaphores:
            raise JobServerError(
                f"unable to open jobserver semaphore '{name}': (Error 2: not found)"
            )
        return self._new_handle(name)

    def wait(self, handle, timeout_ms):
        self.waits.append(timeout_ms)
        state = self.semaphores[self.handles[handle]]
        if state[0] == 0:
            return False
        state[0] -= 1
        return True

    def release(self, handle):
        state = self.semaphores[self.handles[handle]]
        if state[0] >= state[1]:
            raise JobServerError("release jobserver semaphore: (Error 298: too many posts)")
        state[0] += 1

    def close(self, handle):
        del self.handles[handle]


@pytest.fixture
def fake_api():
    return FakeSemaphoreAPI()


def test_sem_server_pool(fake_api):
    server = create_jobserver(4, "sem", semaphore_api=fake_api)
    assert isinstance(server, SemaphoreJobServer)
    assert server.is_server
    assert fake_api.semaphores[server.name] == [3, 3]
    assert drain(server) == 3
    assert not server.try_acquire()
    server.release()
    assert server.try_acquire()
    server.close()
    assert fake_api.semaphores[server.name] == [3, 3]
    assert fake_api.handles == {}


def test_sem_interface_values(fake_api):
    with create_jobserver(2, "sem", semaphore_api=fake_api) as server:
        assert server.makeflags_auth() == f"--jobserver-auth={server.name}"
        assert server.fileno() is None
        assert server.pass_fds() == ()
        assert server.invalid_makeflags_auth() is None


def test_sem_client_shares_pool(fake_api):
    server = create_jobserver(3, "sem", semaphore_api=fake_api)
    client = jobserver_from_makeflags(
        f"-j {server.makeflags_auth()}", semaphore_api=fake_api
    )
    assert client is not None
    assert not client.is_server
    assert client.makeflags_auth() == server.makeflags_auth()
    assert drain(client) == 2
    assert not server.try_acquire()
    client.close()
    assert drain(server) == 2
    server.close()


def test_sem_acquire_timeout_polls(fake_api):
    server = create_jobserver(2, "sem", semaphore_api=fake_api)
    assert server.acquire(None)
    start = time.monotonic()
    assert not server.acquire(0.25)
    assert time.monotonic() - start >= 0.25
    # Short waits keep KeyboardInterrupt deliverable during a long acquire.
    assert max(fake_api.waits) <= 100
    server.close()


def test_sem_release_without_token_raises(fake_api):
    with create_jobserver(2, "sem", semaphore_api=fake_api) as server:
        with pytest.raises(JobServerError, match="none is held"):
            server.release()
        assert fake_api.semaphores[server.name] == [1, 1]


def test_sem_missing_name_diagnostics(fake_api):
    messages = []
    result = jobserver_from_makeflags(
        "-j --jobserver-auth=gmake_semaphore_1", on_diagnostic=messages.append,
        semaphore_api=fake_api,
    )
    assert result is None
    assert messages == [
        "unable to open jobserver semaphore 'gmake_semaphore_1': (Error 2: not found)",
        JOBSERVER_UNAVAILABLE_WARNING,
    ]


def test_sem_single_slot_has_valid_maximum(fake_api):
    with create_jobserver(1, "sem", semaphore_api=fake_api) as server:
        assert fake_api.semaphores[server.name] == [0, 1]
        assert not server.try_acquire()
