"""Stopping recipe processes together with everything they started.

A recipe shell may start children of its own (``sleep 30 & wait``), so
stopping only the shell would leave them running. :func:`kill_tree` uses
psutil, which is imported on first use to keep ``import pymake`` fast.

Process groups: GNU make does not put recipe processes in a new process
group on POSIX, so a Ctrl-C typed in the terminal reaches make and all
its jobs at once. :func:`popen_kwargs_for_new_group` keeps that on POSIX
(it returns no extra arguments). On Windows, a console Ctrl-C also
reaches every process attached to the console, but a Ctrl-Break can only
be sent to a process group, so jobs are started with
``CREATE_NEW_PROCESS_GROUP`` to make :func:`send_interrupt` possible.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time


def _on_windows(windows: bool | None) -> bool:
    if windows is None:
        return os.name == "nt"
    return windows


def popen_kwargs_for_new_group(windows: bool | None = None) -> dict:
    """Return extra ``subprocess.Popen`` arguments for a recipe job.

    On Windows this is ``creationflags=CREATE_NEW_PROCESS_GROUP``, so that
    :func:`send_interrupt` can send the job a Ctrl-Break. On POSIX it is
    empty, because the job must stay in make's process group for a
    terminal Ctrl-C to reach it, as with GNU make.
    """
    if not _on_windows(windows):
        return {}
    # The constant exists only in Windows builds of Python, so use its
    # documented value elsewhere (the dict is only built there in tests).
    flag = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x00000200)
    return {"creationflags": flag}


def send_interrupt(pid: int, windows: bool | None = None) -> bool:
    """Ask process ``pid`` to stop as a Ctrl-C would, and return False if it is already gone.

    On POSIX this sends SIGINT. On Windows it sends CTRL_BREAK_EVENT, which
    only works if ``pid`` leads a process group made with
    :func:`popen_kwargs_for_new_group`.
    """
    if _on_windows(windows):
        interrupt = getattr(signal, "CTRL_BREAK_EVENT", None)
        if interrupt is None:
            raise OSError(f"CTRL_BREAK_EVENT is not available on this platform (pid {pid})")
    else:
        interrupt = signal.SIGINT
    try:
        os.kill(pid, interrupt)
    except ProcessLookupError:
        return False
    except OSError as error:
        # Windows reports a finished process as an invalid parameter.
        if getattr(error, "winerror", None) == 87:
            return False
        raise
    return True


def kill_tree(pid: int, sig: int | None = None, timeout: float = 3.0) -> None:
    """Stop process ``pid`` and all its descendants, waiting up to ``timeout`` seconds.

    The descendants are collected first, because once the parent dies its
    children are re-parented and can no longer be found through it. Each
    process then gets ``sig`` (default: SIGTERM on POSIX,
    TerminateProcess on Windows). Survivors after ``timeout`` seconds are
    killed. Processes that have already exited are skipped, and a ``pid``
    that does not exist is not an error. psutil.AccessDenied is raised if
    a survivor cannot be killed.
    """
    import psutil

    try:
        parent = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    try:
        children = parent.children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    processes = [*children, parent]

    for process in processes:
        try:
            if sig is None:
                process.terminate()
            else:
                process.send_signal(sig)
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            pass
        except psutil.AccessDenied:
            # Another user's process (e.g. started through sudo) cannot be
            # signalled, so it is left to the kill step and reported there.
            pass

    alive = _wait_until_gone(processes, timeout)
    for process in alive:
        try:
            process.kill()
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            pass
    if alive:
        _wait_until_gone(alive, timeout)


def _wait_until_gone(processes: list, timeout: float) -> list:
    """Poll until every process has exited or ``timeout`` seconds pass, and return those still running.

    A zombie counts as exited. Polling is used instead of
    ``psutil.wait_procs`` because that reaps our own children, and the
    caller's ``Popen.wait`` would then lose their exit status.
    """
    import psutil

    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        alive = []
        for process in processes:
            try:
                if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                    alive.append(process)
            except (psutil.NoSuchProcess, psutil.ZombieProcess):
                pass
        remaining = deadline - time.monotonic()
        if not alive or remaining <= 0:
            return alive
        time.sleep(min(delay, remaining))
        delay = min(delay * 2, 0.1)
