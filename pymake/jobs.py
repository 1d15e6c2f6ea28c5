"""Running recipe lines: one child process per line, as GNU make does.

A Job contains the expanded lines of one target's recipe and runs them one
after another.  Each child is waited for by a small thread that reports
to a queue, so the scheduler can wait for whichever job ends first on
every platform.
"""

import errno
import os
import queue
import sys
import subprocess
import threading

from pymake import errors, output

# Characters that need a real shell; without them a POSIX-shell recipe
# line is run directly, as GNU make does to save the shell's start-up.
_SH_CHARS = frozenset("#;\"*?[]&|<>(){}$`'~!\\\n=%^")
_SH_WORDS = frozenset((
    ".", ":", "alias", "bg", "break", "case", "cd", "command", "continue",
    "eval", "exec", "exit", "export", "fc", "fg", "for", "getopts", "hash",
    "if", "jobs", "login", "logout", "read", "readonly", "return", "set",
    "shift", "test", "times", "trap", "type", "ulimit", "umask", "unalias",
    "unset", "wait", "while", "[", "echo", "printf", "true", "false", "pwd",
    "kill", "until", "do", "done", "then", "fi", "else", "elif", "esac",
    "function", "select", "source", "local", "declare", "typeset",
))


# While a child is started and recorded, the exception for a SIGTERM or
# SIGHUP waits, so that the child is in Runner.running when make stops.
_defer_depth = 0
_pending_signal = None


def raise_or_defer(exc):
    """Raise `exc` for a signal now, or at the end of a child's start."""
    global _pending_signal
    if _defer_depth:
        _pending_signal = exc
        return
    raise exc


class _SignalsDeferred:
    def __enter__(self):
        global _defer_depth
        _defer_depth += 1

    def __exit__(self, *exc_info):
        global _defer_depth, _pending_signal
        _defer_depth -= 1
        if _defer_depth == 0 and _pending_signal is not None:
            exc = _pending_signal
            _pending_signal = None
            raise exc


class CommandLine:
    """One expanded recipe line and its prefix flags."""

    __slots__ = ("text", "silent", "ignore", "recursive", "lineno")

    def __init__(self, text, silent, ignore, recursive, lineno):
        self.text = text
        self.silent = silent
        self.ignore = ignore
        self.recursive = recursive
        self.lineno = lineno


def strip_prefixes(text):
    """Split `@`, `-`, `+` and leading blanks off a recipe line."""
    silent = ignore = recursive = False
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "@":
            silent = True
        elif c == "-":
            ignore = True
        elif c == "+":
            recursive = True
        elif c not in " \t":
            break
        i += 1
    return text[i:], silent, ignore, recursive


def direct_argv(text, shell, shellflags):
    """argv to run `text` without a shell, or None when it needs one."""
    if shell != "/bin/sh" or shellflags not in ("-c", "-ec"):
        return None
    if _SH_CHARS.intersection(text):
        return None
    words = text.split()
    if not words or words[0] in _SH_WORDS:
        return None
    return words


class Job:
    """The recipe of one target, run line by line."""

    def __init__(self, file, lines, location, env, cwd, argv_prefix,
                 shell, shellflags, just_print=False):
        self.file = file
        self.lines = lines
        self.location = location
        # The environment, or a function that builds it when a line first
        # starts a process: like GNU make, a job that starts none (`:`
        # lines, -n) never builds one.
        self._env = env
        self.cwd = cwd
        self.argv_prefix = argv_prefix
        self.shell = shell
        self.shellflags = shellflags
        self.just_print = just_print
        self.index = 0
        self.proc = None
        self.status = 0
        self.pass_fds = ()
        self.signal = None
        # The shell chosen by GNU make for Windows' rules; None elsewhere.
        self.choice = None
        self.batch_file = None
        # True while updating a "don't care" makefile or its prerequisites.
        self.dontcare = False
        # True under .POSIX while .SHELLFLAGS has its default value.
        self.posix_errexit = False
        # The output.Sync collecting this job's output under -O, or None.
        self.sync = None

    @property
    def env(self):
        if callable(self._env):
            self._env = self._env()
        return self._env


class Runner:
    """Starts recipe lines and reports when each ends."""

    def __init__(self):
        self.done = queue.Queue()
        self.running = set()

    def start_line(self, job, line):
        """Start one line of `job` in a child process.  Returns False when
        the process could not start (the status is set on the job)."""
        text = line.text
        job.batch_file = None
        if job.choice is not None:
            argv = self.windows_argv(job, line)
            if argv is None:
                return True
        else:
            if text.strip() == ":" and job.shell == "/bin/sh":
                # The shell's no-op: like GNU make, start no process.
                self.running.add(job)
                self.done.put((job, 0))
                return True
            shellflags = job.shellflags
            argv_prefix = job.argv_prefix
            if job.posix_errexit and not line.ignore:
                # Under .POSIX with the default .SHELLFLAGS, a line
                # whose errors count stops at the first failing command.
                shellflags = "-ec"
                argv_prefix = [job.shell, "-ec"]
            argv = direct_argv(text, job.shell, shellflags)
            if argv is None:
                argv = argv_prefix + [text]
        # A command really runs: print "Entering directory" if due.
        output.start()
        errors.flush_stdout()
        out_fd, err_fd = (None, None) if job.sync is None else \
            job.sync.fds(line.recursive)
        with _SignalsDeferred():
            try:
                kwargs = {}
                if job.pass_fds and line.recursive and os.name == "posix":
                    kwargs["pass_fds"] = job.pass_fds
                try:
                    proc = subprocess.Popen(argv, cwd=job.cwd, env=job.env,
                                            stdout=out_fd, stderr=err_fd,
                                            close_fds=True, **kwargs)
                except OSError as e:
                    if e.errno != errno.ENOEXEC or \
                            not isinstance(argv, list):
                        raise
                    # A file without a #! line: GNU make 4.4.1 runs it
                    # with /bin/sh, as execvp() does (child_execute_job
                    # in job.c).
                    argv = ["/bin/sh", resolve_program(argv[0], job)] + \
                        argv[1:]
                    proc = subprocess.Popen(argv, cwd=job.cwd, env=job.env,
                                            stdout=out_fd, stderr=err_fd,
                                            close_fds=True, **kwargs)
            except (OSError, ValueError) as e:
                prog = argv[0] if isinstance(argv, list) else argv
                msg = getattr(e, "strerror", None) or str(e)
                errors.error(f"{prog}: {msg}")
                job.status = 127
                return False
            job.proc = proc
            self.running.add(job)
        t = threading.Thread(target=self._wait, args=(job, proc),
                             daemon=True)
        t.start()
        return True

    def windows_argv(self, job, line):
        """Return the command for a line on Windows, or None when a built-in
        command already ran it in-process."""
        from pymake import builtins_cmd, winshell
        choice = job.choice
        text = line.text
        if choice.kind == "cmd":
            output.start()
            errors.flush_stdout()
            out, err = sys.stdout, sys.stderr
            sync = job.sync
            if sync is not None and sync.fds(line.recursive)[0] is not None:
                out, err = sync.stream(False), sync.stream(True)
            status = builtins_cmd.run_command_line(text, job.cwd, out, err)
            if status is not None:
                self.running.add(job)
                self.done.put((job, status))
                return None
            if winshell.needs_batch_file(text, choice):
                job.batch_file = winshell.make_batch_file(text)
                return winshell.build_batch_command(choice, job.batch_file)
        return winshell.build_command(choice, text, job.shellflags)

    def _wait(self, job, proc):
        code = proc.wait()
        if getattr(job, "batch_file", None):
            from pymake.winshell import remove_batch_file
            remove_batch_file(job.batch_file)
        self.done.put((job, code))

    def wait_any(self):
        """Block until a running line ends; return (job, exit code)."""
        job, code = self.done.get()
        self.running.discard(job)
        job.proc = None
        return job, code

    def kill_all(self):
        from pymake.proctree import kill_tree
        for job in list(self.running):
            proc = job.proc
            if proc is not None:
                try:
                    kill_tree(proc.pid)
                except Exception:  # noqa: BLE001 - best effort on exit
                    pass


def resolve_program(name, job):
    """Return the path the system ran for ``name``: looked up in the job's
    PATH unless the name contains a slash."""
    if os.sep in name:
        return name
    import shutil
    path = (job.env or {}).get("PATH")
    return shutil.which(name, path=path) or name


def exit_description(code):
    """GNU make's words for how a child ended: "Error 1", "Interrupt"..."""
    if code >= 0:
        return f"Error {code}"
    import signal
    sig = -code
    names = {
        signal.SIGINT: "Interrupt",
        signal.SIGTERM: "Terminated",
        signal.SIGKILL: "Killed",
        signal.SIGSEGV: "Segmentation fault",
        signal.SIGABRT: "Aborted",
    }
    if hasattr(signal, "SIGHUP"):
        names[signal.SIGHUP] = "Hangup"
    if hasattr(signal, "SIGPIPE"):
        names[signal.SIGPIPE] = "Broken pipe"
    return names.get(sig, f"Signal {sig}")



class LoadMonitor:
    """The -l limit: whether the system is too busy to start another job
    while some of make's jobs already run.

    Like GNU make 4.4.1, on Linux this counts the runnable processes in
    /proc/loadavg.  Elsewhere it takes the one-minute load average and adds
    a quarter for each job started in this second and the last, because
    the average lags behind the jobs just started.
    """

    PROC_LOADAVG = "/proc/loadavg"
    WEIGHT_A = 0.25
    WEIGHT_B = 0.25

    def __init__(self, max_load):
        # None: no limit (no -l, or -l without a number).
        self.max_load = max_load
        self.use_proc = os.path.exists(self.PROC_LOADAVG)
        self.job_counter = 0
        self.last_sec = 0.0
        self.last_now = 0
        self.warned = False

    def job_started(self):
        self.job_counter += 1

    def job_ended(self):
        if self.job_counter:
            self.job_counter -= 1

    def too_high(self):
        """Return whether a new job must wait for one of make's running
        jobs to end."""
        if self.max_load is None or self.max_load < 0:
            return False
        if self.use_proc:
            count = self._proc_running()
            if count is not None:
                return count > self.max_load
            self.use_proc = False
        load = self._load_average()
        import time
        now = int(time.time())
        if self.last_now < now:
            if self.last_now == now - 1:
                self.last_sec = self.WEIGHT_B * self.job_counter
            else:
                self.last_sec = 0.0
            self.job_counter = 0
            self.last_now = now
        guess = load + self.WEIGHT_A * (self.job_counter + self.last_sec)
        return guess >= self.max_load

    def _proc_running(self):
        """Return the number of runnable processes, from the fourth field
        of /proc/loadavg ("0.50 0.40 0.30 2/110 1234"), or None."""
        try:
            with open(self.PROC_LOADAVG) as fh:
                fields = fh.read().split()
            return int(fields[3].split("/")[0])
        except (OSError, IndexError, ValueError):
            return None

    def _load_average(self):
        try:
            return os.getloadavg()[0]
        except (AttributeError, OSError):
            pass
        try:
            import psutil
            return psutil.getloadavg()[0]
        except (ImportError, AttributeError, OSError):
            pass
        if not self.warned:
            self.warned = True
            errors.error("cannot enforce load limits on this operating "
                         "system")
        return 0.0
