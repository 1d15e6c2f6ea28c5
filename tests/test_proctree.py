import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from pymake import proctree

# A Python parent with two sleeping children, so that the test also runs
# where no /bin/sh exists. The POSIX test below uses a real shell tree.
_PYTHON_TREE = (
    "import subprocess, sys, time\n"
    "children = [subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(30)']) for _ in range(2)]\n"
    "print(' '.join(str(child.pid) for child in children), flush=True)\n"
    "time.sleep(30)\n"
)


def _wait_for_children(pid, count, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = psutil.Process(pid).children(recursive=True)
        if len(children) >= count:
            return [child.pid for child in children]
        time.sleep(0.05)
    raise AssertionError(f"process {pid} did not start {count} children within {timeout} s")


def _alive(pids):
    alive = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    return alive


@pytest.mark.skipif(os.name == "nt", reason="needs /bin/sh")
def test_kill_tree_shell_with_background_jobs():
    shell = subprocess.Popen(["/bin/sh", "-c", "sleep 30 & sleep 30 & wait"])
    try:
        child_pids = _wait_for_children(shell.pid, 2)
        proctree.kill_tree(shell.pid, timeout=3.0)
        shell.wait(timeout=5)
        assert _alive([shell.pid, *child_pids]) == []
        # The shell either got SIGTERM itself or, when its children were
        # ended first, returned from `wait` with status 0.
        assert shell.returncode in (-signal.SIGTERM, 0)
    finally:
        if shell.poll() is None:
            shell.kill()
            shell.wait()


def test_kill_tree_python_tree():
    parent = subprocess.Popen([sys.executable, "-c", _PYTHON_TREE], stdout=subprocess.PIPE, text=True)
    try:
        child_pids = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(child_pids) == 2
        proctree.kill_tree(parent.pid)
        parent.wait(timeout=5)
        assert _alive([parent.pid, *child_pids]) == []
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        parent.stdout.close()


def test_kill_tree_with_explicit_signal_and_ignoring_child():
    if os.name == "nt":
        pytest.skip("signal handlers differ on Windows")
    ignoring = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print(1, flush=True); time.sleep(30)"
    process = subprocess.Popen([sys.executable, "-c", ignoring], stdout=subprocess.PIPE, text=True)
    try:
        process.stdout.readline()
        start = time.monotonic()
        proctree.kill_tree(process.pid, sig=signal.SIGTERM, timeout=0.5)
        process.wait(timeout=5)
        assert time.monotonic() - start < 5
        assert process.returncode == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()


def test_kill_tree_gone_process_is_not_an_error():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    proctree.kill_tree(process.pid)


def test_popen_kwargs_for_new_group():
    assert proctree.popen_kwargs_for_new_group(False) == {}
    assert proctree.popen_kwargs_for_new_group(True) == {"creationflags": 0x00000200}


@pytest.mark.skipif(os.name == "nt", reason="sends SIGINT")
def test_send_interrupt_posix():
    process = subprocess.Popen([sys.executable, "-c", "import time; print(1, flush=True); time.sleep(30)"], stdout=subprocess.PIPE)
    try:
        process.stdout.readline()
        assert proctree.send_interrupt(process.pid, windows=False) is True
        assert process.wait(timeout=5) != 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
    assert proctree.send_interrupt(process.pid, windows=False) is False


@pytest.mark.skipif(os.name != "nt", reason="needs CTRL_BREAK_EVENT")
@pytest.mark.xfail(
    strict=False,
    reason="GenerateConsoleCtrlEvent needs a console, which a CI runner may not give",
)
def test_send_interrupt_windows_group():
    process = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(30)"],
        **proctree.popen_kwargs_for_new_group(),
    )
    try:
        time.sleep(0.5)
        assert proctree.send_interrupt(process.pid) is True
        assert process.wait(timeout=10) != 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
