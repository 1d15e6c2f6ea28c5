"""Locate pymake and GNU make, run them on a workload, and measure them.

Shared by the pytest benchmarks (through conftest.py) and compare.py.

pymake is found through the environment variable PYMAKE (a command line,
split with shlex), else a ``pymake`` executable on PATH, else
``python -m pymake`` run with this repository on PYTHONPATH.

GNU make is found through GNUMAKE (a command line), else ``make`` on PATH.
Either way the first line of ``-v`` must start with "GNU Make", and a
``make`` from PATH must not be pymake installed under that name.
"""

from __future__ import annotations

import functools
import os
import shlex
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Callable

from workloads import MAKEFILE_NAME

REPOSITORY_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Variables that a make running this harness would pass down. Left in the
# environment, they would change how the measured makes behave, for example
# by joining the parent's jobserver.
_INHERITED_MAKE_VARIABLES = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "GNUMAKEFLAGS")

# Polling interval for peak RSS. Reading /proc/PID/status takes tens of
# microseconds, so polling every millisecond costs little CPU.
_POLL_INTERVAL_SECONDS = 0.001


# Upper bound on one run, so that a hung make ends the benchmark instead of
# blocking it forever. The slowest workload takes about 2 s with GNU make.
RUN_TIMEOUT_SECONDS = 600.0


class MakeNotFound(Exception):
    """Raised when a make named by the environment is missing or is not GNU make."""


class MakeFailed(Exception):
    """Raised when a make exits with a non-zero status on a workload."""


@dataclass(frozen=True)
class MakeCommand:
    """A make implementation to benchmark: its label, argv prefix and environment."""

    label: str
    argv: tuple[str, ...]
    environment: dict[str, str]

    def describe(self) -> str:
        return shlex.join(self.argv)


@dataclass(frozen=True)
class RunResult:
    seconds: float
    returncode: int
    output: str


def _clean_environment() -> dict[str, str]:
    environment = dict(os.environ)
    for name in _INHERITED_MAKE_VARIABLES:
        environment.pop(name, None)
    return environment


def find_pymake() -> MakeCommand:
    """Return the pymake command that the benchmarks run."""
    environment = _clean_environment()
    configured = os.environ.get("PYMAKE")
    if configured:
        return MakeCommand("pymake", tuple(shlex.split(configured)), environment)

    executable = shutil.which("pymake")
    if executable:
        return MakeCommand("pymake", (executable,), environment)

    # Make the package importable from the workload directory, which is the
    # current directory of every run.
    search_path = [REPOSITORY_ROOT]
    if environment.get("PYTHONPATH"):
        search_path.append(environment["PYTHONPATH"])
    environment["PYTHONPATH"] = os.pathsep.join(search_path)
    return MakeCommand("pymake", (sys.executable, "-m", "pymake"), environment)


def _version_line(argv: tuple[str, ...], environment: dict[str, str]) -> str:
    try:
        completed = subprocess.run(
            [*argv, "-v"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise MakeNotFound(f"`{shlex.join(argv)} -v` failed: {error}") from error
    lines = completed.stdout.splitlines()
    return lines[0] if lines else ""


def _is_pymake_executable(path: str) -> bool:
    """Return True when ``path`` is the pymake executable or a script that starts pymake."""
    real_path = os.path.realpath(path)
    pymake_path = shutil.which("pymake")
    if pymake_path and os.path.realpath(pymake_path) == real_path:
        return True
    try:
        with open(real_path, "rb") as stream:
            head = stream.read(4096)
    except OSError:
        return False
    # A console-script wrapper is a short text file that starts with "#!".
    return head.startswith(b"#!") and b"pymake" in head


def find_gnu_make() -> MakeCommand | None:
    """Return the GNU make command to compare against, or None when there is none.

    Raises MakeNotFound when GNUMAKE is set but does not run GNU make, because
    silently skipping the comparison would hide the misconfiguration.
    """
    environment = _clean_environment()
    configured = os.environ.get("GNUMAKE")
    if configured:
        argv = tuple(shlex.split(configured))
        version = _version_line(argv, environment)
        if not version.startswith("GNU Make"):
            raise MakeNotFound(
                f"GNUMAKE={configured!r} is not GNU make: `-v` printed {version!r}; "
                "point GNUMAKE at a GNU make executable or unset it"
            )
        return MakeCommand("GNU make", argv, environment)

    executable = shutil.which("make")
    if executable is None or _is_pymake_executable(executable):
        return None
    try:
        version = _version_line((executable,), environment)
    except MakeNotFound:
        return None
    if not version.startswith("GNU Make") or "pymake" in version.lower():
        return None
    return MakeCommand("GNU make", (executable,), environment)


def parse_cache_directory(workload_directory: str) -> str:
    """Return the private parse cache directory for a workload directory.

    It is a sibling of the workload directory, so no make run changes a
    file inside the workload directory.
    """
    return os.path.normpath(workload_directory) + "-parse-cache"


def with_parse_cache(command: MakeCommand, cache_directory: str) -> MakeCommand:
    """Return ``command`` with pymake's parse cache in ``cache_directory``.

    pymake keeps the cache under XDG_CACHE_HOME (pymake/parsecache.py), so
    the benchmarks never read or write the user's own cache.
    """
    environment = dict(command.environment, XDG_CACHE_HOME=cache_directory)
    return MakeCommand(command.label, command.argv, environment)


def clear_parse_cache(cache_directory: str) -> None:
    shutil.rmtree(cache_directory, ignore_errors=True)


def gnu_make_version(command: MakeCommand) -> str:
    """Return the first line of ``make -v``, for example "GNU Make 4.3"."""
    return _version_line(command.argv, command.environment)


def make_argv(command: MakeCommand, arguments: tuple[str, ...]) -> list[str]:
    return [*command.argv, "-f", MAKEFILE_NAME, *arguments]


def run_make(
    command: MakeCommand,
    directory: str,
    arguments: tuple[str, ...],
    capture: bool = False,
    timeout_seconds: float = RUN_TIMEOUT_SECONDS,
) -> RunResult:
    """Run make once in ``directory`` and return its wall time.

    Output goes to the null device unless ``capture`` is true, so that the
    timing does not include pipe handling. Raises MakeFailed on a non-zero
    exit status and subprocess.TimeoutExpired after ``timeout_seconds``.
    """
    output_target = subprocess.PIPE if capture else subprocess.DEVNULL
    argv = make_argv(command, arguments)
    start = time.perf_counter()
    process = subprocess.Popen(
        argv,
        cwd=directory,
        env=command.environment,
        stdin=subprocess.DEVNULL,
        stdout=output_target,
        stderr=subprocess.STDOUT if capture else subprocess.DEVNULL,
    )
    # subprocess.run(timeout=...) polls for the exit with sleeps that grow
    # to 50 ms, which rounds every time up to the next poll. A blocking
    # wait, with a timer that kills a hung make, measures the real end.
    timed_out = threading.Event()

    def kill_hung_make() -> None:
        timed_out.set()
        process.kill()

    timer = threading.Timer(timeout_seconds, kill_hung_make)
    timer.start()
    try:
        stdout, _ = process.communicate()
    finally:
        timer.cancel()
    seconds = time.perf_counter() - start
    if timed_out.is_set():
        raise subprocess.TimeoutExpired(argv, timeout_seconds)
    output = stdout.decode("utf-8", "replace") if capture else ""
    if process.returncode != 0:
        raise MakeFailed(
            f"{command.label} exited with status {process.returncode}: "
            f"`{shlex.join(argv)}` in {directory}"
            + (f"\n{output[-2000:]}" if output else "")
        )
    return RunResult(seconds, process.returncode, output)


def check_workload(
    command: MakeCommand,
    directory: str,
    arguments: tuple[str, ...],
    expected_output: str | None,
) -> str:
    """Run make once and return its stdout and stderr, combined.

    Raises MakeFailed unless make exits with status 0 and its output
    contains ``expected_output``.
    """
    result = run_make(command, directory, arguments, capture=True)
    if expected_output is not None and expected_output not in result.output:
        raise MakeFailed(
            f"{command.label} did not print {expected_output!r} in {directory}; "
            f"its output was:\n{result.output[-2000:]}"
        )
    return result.output


def _read_linux_high_water_mark(pid: int) -> int | None:
    """Return VmHWM, the kernel's peak RSS of the process so far, in bytes."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as stream:
            for line in stream:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    # The process has exited and released its memory, or the line is missing.
    return None


def _make_psutil_sampler(pid: int) -> Callable[[], int | None] | None:
    """Return a function that samples the RSS of ``pid`` with psutil, or None without psutil.

    On Windows the sample includes peak_wset, the true peak working set.
    """
    try:
        import psutil
    except ImportError:
        return None
    errors = (psutil.NoSuchProcess, psutil.AccessDenied)
    try:
        process = psutil.Process(pid)
    except errors:
        return lambda: None

    def sample() -> int | None:
        try:
            memory = process.memory_info()
        except errors:
            return None
        return max(memory.rss, getattr(memory, "peak_wset", 0))

    return sample


def measure_peak_rss(
    command: MakeCommand, directory: str, arguments: tuple[str, ...]
) -> int | None:
    """Run make once and return the peak RSS of the make process in bytes.

    Recipe processes are not counted. On Linux, this polls VmHWM in
    /proc/PID/status, which the kernel keeps as a running maximum, so only
    growth in the last polling interval before exit can be missed. Elsewhere
    it polls the current RSS with psutil, which can also miss short peaks
    between polls. Returns None when make exited before the first sample or
    psutil is not installed on a system without /proc.

    getrusage(RUSAGE_CHILDREN) is not used, because on Linux a child's
    ru_maxrss includes the RSS of the Python process that started it. It
    then reports about 10 MiB for a GNU make that needs 2.3 MiB.
    """
    process = subprocess.Popen(
        make_argv(command, arguments),
        cwd=directory,
        env=command.environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    sampler: Callable[[], int | None] | None
    if os.path.exists(f"/proc/{process.pid}/status"):
        sampler = functools.partial(_read_linux_high_water_mark, process.pid)
    else:
        sampler = _make_psutil_sampler(process.pid)
    if sampler is None:
        process.wait(timeout=RUN_TIMEOUT_SECONDS)
        return None

    peak: int | None = None
    deadline = time.monotonic() + RUN_TIMEOUT_SECONDS
    # poll() reaps make only once it has exited, so its PID cannot be reused
    # by another process while the loop samples it.
    while process.poll() is None:
        sample = sampler()
        if sample is not None:
            peak = sample if peak is None else max(peak, sample)
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise subprocess.TimeoutExpired(process.args, RUN_TIMEOUT_SECONDS)
        time.sleep(_POLL_INTERVAL_SECONDS)

    if process.returncode != 0:
        raise MakeFailed(
            f"{command.label} exited with status {process.returncode} "
            f"while measuring peak RSS in {directory}"
        )
    return peak


def format_mebibytes(size_bytes: int | None) -> str:
    if size_bytes is None:
        return "n/a"
    return f"{size_bytes / (1024 * 1024):.1f} MiB"
