"""The pymake command: options, reading the makefiles, updating goals."""

import gc
import os
import sys

from pymake import GNU_VERSION, __version__, errors
from pymake.errors import MakeError, fatal_message
from pymake.options import (Parsed, UsageError, parse_args,
                            split_makeflags)


def program_name(argv0):
    base = os.path.basename(argv0 or "pymake")
    if base in ("__main__.py", "-c", "") or base.startswith("python"):
        return "pymake"
    for ext in (".exe", ".py"):
        if base.lower().endswith(ext):
            base = base[:-len(ext)]
    return base or "pymake"


def make_command(argv0):
    """Return the value of MAKE: how a recipe runs this program again."""
    base = os.path.basename(argv0 or "")
    if base == "__main__.py" or not argv0:
        return f"{sys.executable} -m pymake"
    if os.sep in argv0 or (os.altsep and os.altsep in argv0):
        if not os.path.isabs(argv0):
            return os.path.abspath(argv0)
    return argv0


def version_text(prog):
    return (f"GNU Make {GNU_VERSION}\n"
            f"Built for pymake {__version__} (a Python reimplementation of "
            f"GNU make, Python {sys.version.split()[0]})\n"
            "Copyright (C) 2026 the pymake authors.\n"
            "License: MIT.  GNU Make is a trademark of the Free Software "
            "Foundation;\n"
            "this program is not GNU Make, but behaves as GNU Make "
            f"{GNU_VERSION} does.\n")


def main(argv=None):
    if argv is None:
        argv = sys.argv
    # Reading a large makefile creates many objects that live until exit,
    # and at the default threshold of 700 allocations most collections
    # free nothing.  This cut reading benchmarks/workloads.py's parse
    # makefile by about 10% of CPU time (Python 3.11).
    gc.set_threshold(10_000, 10, 10)
    errors.program = program_name(argv[0] if argv else "pymake")
    try:
        level = int(os.environ.get("MAKELEVEL", "0") or "0")
    except ValueError:
        level = 0
    errors.makelevel = level
    install_signal_handlers()
    try:
        return run(argv, level)
    except MakeError as e:
        errors.flush_stdout()
        sys.stderr.write(e.format() + "\n")
        sys.stderr.flush()
        return e.status
    except KeyboardInterrupt:
        errors.flush_stdout()
        die_by_signal("SIGINT")
        return 130
    except BrokenPipeError:
        return 2
    except RecursionError:
        fatal_message("recursion too deep while expanding or updating")
        return 2
    except Exception as e:  # noqa: BLE001 - checked by type below
        from pymake.remake import Terminated
        if not isinstance(e, Terminated):
            raise
        errors.flush_stdout()
        die_by_signal(signal_name(e.signum))
        return 128 + e.signum
    finally:
        # What was read lives until exit, so freezing it spares the garbage
        # collection at interpreter shutdown from traversing it.
        gc.freeze()



def signal_name(signum):
    import signal
    return signal.Signals(signum).name


def install_signal_handlers():
    """Turn SIGTERM, SIGHUP and Ctrl-Break into an exception, so that
    running jobs are stopped and half-made targets deleted as on Ctrl-C."""
    import signal

    def handler(signum, frame):
        from pymake.jobs import raise_or_defer
        from pymake.remake import Terminated
        words = {"SIGTERM": "Terminated", "SIGHUP": "Hangup",
                 "SIGBREAK": "Interrupt"}
        raise_or_defer(Terminated(signum,
                                  words.get(signal_name(signum), "Signal")))

    # SIGBREAK exists on Windows only: Ctrl-Break.
    for name in ("SIGTERM", "SIGHUP", "SIGBREAK"):
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                signal.signal(sig, handler)
            except (OSError, ValueError):
                pass


def die_by_signal(name):
    """End the process by the signal that stopped it, so that a calling
    shell gets the same status as from GNU make."""
    import signal
    sig = getattr(signal, name, None)
    if sig is None or os.name != "posix":
        return
    sys.stdout.flush()
    signal.signal(sig, signal.SIG_DFL)
    os.kill(os.getpid(), sig)


def run(argv, level):
    from pymake.session import Session

    parsed = Parsed()
    env_flags = os.environ.get("GNUMAKEFLAGS", "")
    mflags = os.environ.get("MAKEFLAGS", "")
    try:
        if env_flags:
            parse_args(split_makeflags(env_flags), parsed, from_env=True)
        if mflags:
            parse_args(split_makeflags(mflags), parsed, from_env=True)
        env_count = len(parsed.settings)
        parse_args(argv[1:], parsed)
    except UsageError as e:
        sys.stderr.write(f"{errors.program}: {e}\n")
        print_usage(sys.stderr)
        return 2
    settings = dict()
    for key, value in parsed.settings:
        settings.setdefault(key, [])
        settings[key].append(value)
    if "version" in settings and all(k in ("version",) or True
                                     for k in settings):
        if parsed.settings.index(("version", True)) >= env_count:
            sys.stdout.write(version_text(errors.program))
            sys.stdout.flush()
            return 0
    if "help" in settings:
        print_usage(sys.stdout)
        return 0
    session = Session(argv, parsed, level, env_count)
    return session.main()


USAGE = [
    ("-b, -m", "Ignored for compatibility."),
    ("-B, --always-make", "Unconditionally make all targets."),
    ("-C DIRECTORY, --directory=DIRECTORY",
     "Change to DIRECTORY before doing anything."),
    ("-d", "Print lots of debugging information."),
    ("--debug[=FLAGS]", "Print various types of debugging information."),
    ("-e, --environment-overrides",
     "Environment variables override makefiles."),
    ("-E STRING, --eval=STRING", "Evaluate STRING as a makefile statement."),
    ("-f FILE, --file=FILE, --makefile=FILE", "Read FILE as a makefile."),
    ("-h, --help", "Print this message and exit."),
    ("-i, --ignore-errors", "Ignore errors from recipes."),
    ("-I DIRECTORY, --include-dir=DIRECTORY",
     "Search DIRECTORY for included makefiles."),
    ("-j [N], --jobs[=N]",
     "Allow N jobs at once; infinite jobs with no arg."),
    ("--jobserver-style=STYLE", "Select the style of jobserver to use."),
    ("-k, --keep-going",
     "Keep going when some targets can't be made."),
    ("-l [N], --load-average[=N], --max-load[=N]",
     "Don't start multiple jobs unless load is below N."),
    ("-L, --check-symlink-times",
     "Use the latest mtime between symlinks and target."),
    ("-n, --just-print, --dry-run, --recon",
     "Don't actually run any recipe; just print them."),
    ("-o FILE, --old-file=FILE, --assume-old=FILE",
     "Consider FILE to be very old and don't remake it."),
    ("-O[TYPE], --output-sync[=TYPE]",
     "Synchronize output of parallel jobs by TYPE."),
    ("-p, --print-data-base", "Print make's internal database."),
    ("-q, --question",
     "Run no recipe; exit status says if up to date."),
    ("-r, --no-builtin-rules", "Disable the built-in implicit rules."),
    ("-R, --no-builtin-variables",
     "Disable the built-in variable settings."),
    ("--shuffle[={SEED|random|reverse|none}]",
     "Perform shuffle of prerequisites and goals."),
    ("-s, --silent, --quiet", "Don't echo recipes."),
    ("--no-silent", "Echo recipes (disable --silent mode)."),
    ("-S, --no-keep-going, --stop", "Turns off -k."),
    ("-t, --touch", "Touch targets instead of remaking them."),
    ("--trace", "Print tracing information."),
    ("-v, --version", "Print the version number of make and exit."),
    ("-w, --print-directory", "Print the current directory."),
    ("--no-print-directory",
     "Turn off -w, even if it was turned on implicitly."),
    ("-W FILE, --what-if=FILE, --new-file=FILE, --assume-new=FILE",
     "Consider FILE to be infinitely new."),
    ("--warn-undefined-variables",
     "Warn when an undefined variable is referenced."),
]


def print_usage(stream):
    """Print GNU make's usage text, laid out with click's formatter."""
    import click
    formatter = click.HelpFormatter(width=79)
    formatter.write_usage(errors.program, "[options] [target] ...")
    with formatter.section("Options"):
        formatter.write_dl(USAGE)
    stream.write(formatter.getvalue())
    stream.write("\nThis program built for pymake "
                 f"{__version__}\nReport bugs to the pymake project.\n")
    stream.flush()

