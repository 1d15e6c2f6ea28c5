"""One run of pymake: set up variables, read makefiles, remake them, and
update the goals."""

import os
import subprocess
import sys

from pymake import GNU_VERSION, errors, output
from pymake.errors import Location, MakeError, error
from pymake.expand import expand
from pymake.graph import (FINISHED, NOT_STARTED, Commands, PatternRule,
                          strip_dot_slash)
from pymake.makefile import FEATURES, Make, Options
from pymake.options import parse_float, quote_for_env, split_makeflags
from pymake.variables import (AUTOMATIC, COMMAND_LINE, DEFAULT, ENV_OVERRIDE,
                              ENVIRONMENT, FILE, OVERRIDE, RECURSIVE, SIMPLE,
                              Variable)

DEFAULT_MAKEFILES = ("GNUmakefile", "makefile", "Makefile")
DEFAULT_INCLUDE_DIRS = ("/usr/include", "/usr/local/include", "/usr/include")
MAKE_HOST = "x86_64-pc-linux-gnu"

# Letters of flag switches, in the order GNU make writes them into
# MAKEFLAGS.
FLAG_LETTERS = (
    ("B", "always_make"), ("d", "debug_all"), ("e", "env_overrides"),
    ("i", "ignore_errors"), ("k", "keep_going"), ("L", "check_symlinks"),
    ("n", "just_print"), ("p", "print_database"), ("q", "question"),
    ("r", "no_builtin_rules"), ("R", "no_builtin_variables"),
    ("s", "silent"), ("S", "stop"), ("t", "touch"),
    ("w", "print_directory"),
)


# --debug flag words by first letter, as GNU make reads them.
DEBUG_NAMES = {"a": "all", "b": "basic", "v": "verbose", "i": "implicit",
               "j": "jobs", "m": "makefile", "p": "print", "w": "why",
               "n": "none"}


class Session:
    def __init__(self, argv, parsed, level, env_count):
        self.argv = argv
        self.parsed = parsed
        self.level = level
        self.env_count = env_count
        self.options = Options()
        # Taken out of the environment at once, so recipes never see it.
        self.inherited_stdin = os.environ.pop(self.STDIN_COPY_VARIABLE, None)
        self.flags = {}
        self.debug_words = []
        # The --eval options as MAKEFLAGS passes them on, or None.
        self.eval_flags = None
        self.switch_origin = {}
        self.entered_dirs = False
        self.printed_enter = False
        self.jobserver = None

    # --- options ------------------------------------------------------

    def makeflags_assigned(self, v):
        """Apply the switches of a MAKEFLAGS value a makefile just set."""
        from pymake.options import Parsed, UsageError, parse_args
        mk = self.mk
        value = mk.expand_value(v)
        extra = Parsed()
        words = split_makeflags(value)
        if "--" in words:
            # Switches appended after the variable definitions still count,
            # as in GNU make.
            cut = words.index("--")
            tail = words[cut + 1:]
            words = words[:cut] + [w for w in tail if w.startswith("-")] + \
                ["--"] + [w for w in tail if not w.startswith("-")]
        try:
            parse_args(words, extra, from_env=True)
        except UsageError:
            return
        o = self.options
        where = "env_override" if v.origin == ENV_OVERRIDE else "file"
        self.apply_settings(extra.settings, where)
        for word in extra.variables:
            self.command_line_variable(word)
        self.mk.include_dirs = self.include_dirs()
        self.define(".INCLUDE_DIRS", " ".join(self.mk.include_dirs),
                    flavor=SIMPLE)
        self.update_makeflags_variable()

    def apply_late_switches(self, had_R, had_r):
        """-R and -r set by a makefile take effect once reading ends, as
        in GNU make: built-ins stay visible while the makefile is read."""
        mk = self.mk
        o = self.options
        if o.no_builtin_variables:
            o.no_builtin_rules = True
        if o.no_builtin_variables and not had_R:
            # GNU make removes the variables of its default table that
            # still have their default definition.
            from pymake import defaults
            for name, _value in defaults.DEFAULT_VARIABLES:
                v = mk.variables.get(name)
                if v is not None and v.origin == DEFAULT:
                    del mk.variables[name]
        if o.no_builtin_rules and not had_r:
            mk.suffix_list = []
            for f in mk.files.values():
                if f.builtin_rule:
                    f.commands = None

    # Switch groups whose setting records where it came from: a makefile
    # cannot undo what the command line chose for them.
    SWITCH_GROUPS = {
        "keep_going": "keep_going", "no_keep_going": "keep_going",
        "silent": "silent", "no_silent": "silent",
        "print_directory": "print_directory",
        "no_print_directory": "print_directory",
    }
    # GNU make decodes MAKEFLAGS from the environment as if it were the
    # command line, so a makefile cannot undo those switches either.
    ORIGIN_RANKS = {"env": 4, "file": 2, "env_override": 3, "command": 4}

    def apply_settings(self, settings=None, origin=None):
        o = self.options
        flags = self.flags
        if settings is None:
            settings = [(k, v, "env" if i < self.env_count else "command")
                        for i, (k, v) in enumerate(self.parsed.settings)]
        else:
            settings = [(k, v, origin) for k, v in settings]
        for key, value, where in settings:
            if key == "ignore":
                continue
            group = self.SWITCH_GROUPS.get(key)
            if group is not None:
                rank = self.ORIGIN_RANKS[where]
                if rank < self.switch_origin.get(group, 0):
                    continue
                self.switch_origin[group] = rank
            if key in ("always_make", "env_overrides", "ignore_errors",
                       "just_print", "print_database", "question",
                       "no_builtin_rules", "no_builtin_variables", "touch",
                       "check_symlinks", "trace", "warn_undefined"):
                setattr(o, key, True)
                flags[key] = True
            elif key == "keep_going":
                o.keep_going = True
                flags["keep_going"] = True
                flags.pop("stop", None)
            elif key == "no_keep_going":
                o.keep_going = False
                flags.pop("keep_going", None)
                flags["stop"] = True
            elif key == "silent":
                o.silent = True
                flags["silent"] = True
                flags.pop("no_silent", None)
            elif key == "no_silent":
                o.silent = False
                flags.pop("silent", None)
                flags["no_silent"] = True
            elif key == "debug_all":
                o.debug.update(("basic", "verbose", "implicit", "jobs",
                                "makefile"))
                flags["debug_all"] = True
            elif key == "debug":
                word = value or "basic"
                if word not in self.debug_words:
                    self.debug_words.append(word)
                for name in word.replace(",", " ").split():
                    o.debug.add(DEBUG_NAMES.get(name[:1], name))
            elif key == "print_directory":
                o.print_directory = True
                flags["print_directory"] = True
                flags.pop("no_print_directory", None)
            elif key == "no_print_directory":
                o.print_directory = False
                flags.pop("print_directory", None)
                flags["no_print_directory"] = True
            elif key == "directory":
                o.directories.append(value)
            elif key == "file":
                o.makefiles.append(value)
            elif key == "include_dir":
                if value not in o.include_dirs or value == "-":
                    o.include_dirs.append(value)
            elif key == "jobs":
                if value is None:
                    o.jobs = None
                else:
                    try:
                        n = int(value)
                        if n < 1:
                            raise ValueError
                    except ValueError:
                        errors.error("the '-j' option requires a positive "
                                     "integer argument")
                        raise SystemExit(2) from None
                    o.jobs = n
            elif key == "load_average":
                o.load_average = parse_float(value) if value is not None \
                    else None
            elif key == "output_sync":
                value = value or "target"
                if value not in output.MODES:
                    raise MakeError(f"unknown output-sync type '{value}'")
                o.output_sync = value
            elif key == "sync_mutex":
                self.sync_mutex = value
            elif key == "old_file":
                o.old_files.append(value)
            elif key == "new_file":
                o.new_files.append(value)
            elif key == "eval":
                if where == "file":
                    # Evaluated once, at start-up, as in GNU make.
                    continue
                if where == "env":
                    # MAKEFLAGS from the environment is expanded once.
                    value = value.replace("$$", "$")
                o.evals.append(value)
            elif key == "shuffle":
                o.shuffle = value or "random"
            elif key == "jobserver_style":
                o.jobserver_style = value
            elif key == "jobserver_auth":
                self.jobserver_auth = value

    jobserver_auth = None
    # The `fnm:PATH` name of the output-sync lock file, from the parent
    # make's MAKEFLAGS or created here.
    sync_mutex = None

    # --- MAKEFLAGS ----------------------------------------------------

    def makeflags_value(self, for_child, reference_overrides=False,
                        include_evals=True):
        """Return MAKEFLAGS in GNU make's layout: flag letters, then
        switches with arguments and long-only switches in GNU make's table
        order."""
        flags = self.flags
        o = self.options
        letters = "".join(c for c, k in FLAG_LETTERS if flags.get(k))
        parts = []
        for d in o.include_dirs:
            parts.append("-I" + quote_for_env(d))
        if o.jobs is None:
            parts.append("-j")
        elif o.jobs != 1:
            parts.append(f"-j{o.jobs}")
        # -l without a number, or a negative one, means no limit, and GNU
        # make then leaves it out.
        if o.load_average is not None and o.load_average != -1:
            parts.append(f"-l{o.load_average:g}")
        if o.output_sync:
            parts.append(f"-O{quote_for_env(o.output_sync)}")
        for word in self.debug_words:
            parts.append("--debug=" + quote_for_env(word)
                         if word else "--debug")
        if self.jobserver is not None:
            parts.append(self.jobserver.makeflags_auth())
        if o.trace:
            parts.append("--trace")
        if flags.get("no_print_directory"):
            parts.append("--no-print-directory")
        if o.warn_undefined:
            parts.append("--warn-undefined-variables")
        if self.sync_mutex:
            parts.append("--sync-mutex=" + quote_for_env(self.sync_mutex))
        if flags.get("no_silent"):
            parts.append("--no-silent")
        if o.shuffle:
            parts.append(f"--shuffle={o.shuffle}")
        value = letters
        if parts:
            value = letters + " " + " ".join(parts)
        if self.eval_flags and include_evals:
            value += " $(-*-eval-flags-*-)" if reference_overrides \
                else " " + self.eval_flags
        overrides = self.mk.variables.get("MAKEOVERRIDES")
        ov = ""
        if overrides is not None:
            ov = expand(self.mk, overrides.value) if overrides.recursive \
                else overrides.value
        if reference_overrides and overrides is not None and \
                overrides.value:
            # The variable holds a reference, as in GNU make, so that a
            # makefile that changes MAKEOVERRIDES changes MAKEFLAGS too.
            value = value + " -- $(MAKEOVERRIDES)"
        elif ov.strip():
            value = value + " -- " + ov
        return value

    def mflags_value(self):
        value = self.makeflags_value(False, include_evals=False)
        value = value.split(" -- ", 1)[0]
        if not value:
            return ""
        if value.startswith(" "):
            return value[1:]
        return "-" + value

    # --- set-up -------------------------------------------------------

    def define(self, name, value, origin=DEFAULT, flavor=RECURSIVE):
        v = Variable(name, value, flavor, origin)
        self.mk.variables[name] = v
        return v

    def setup_variables(self):
        """Define the special, environment and default variables.

        The order, origins and flavors follow GNU make 4.4.1's main():
        `-p` prints them, `$(origin)` and `$(flavor)` report them, and
        the order decides where colliding names land in the printed
        hash-table order (see database.py).
        """
        mk = self.mk
        o = self.options
        from pymake import defaults
        env = os.environ
        self.define(".VARIABLES", "", flavor=SIMPLE)
        self.define(".RECIPEPREFIX", "", flavor=SIMPLE)
        self.define(".SHELLFLAGS", "-c", flavor=SIMPLE)
        self.define(".LOADED", "", flavor=SIMPLE)
        self.define(".FEATURES", FEATURES, flavor=SIMPLE)
        # Under -e an environment variable becomes "environment override"
        # when something assigns it (Make.assign), as in GNU make.
        for name, value in env.items():
            if name in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "SHELL",
                        "MAKE_RESTARTS", "GNUMAKEFLAGS", "MAKEOVERRIDES"):
                continue
            if not name:
                continue
            v = Variable(name, value, RECURSIVE, ENVIRONMENT)
            # Variables from the environment stay exported, also when a
            # makefile assigns them.
            v.export = True
            mk.variables[name] = v
        self.define("CURDIR", mk.curdir, origin=FILE, flavor=SIMPLE)
        self.define("MAKE_COMMAND", make_command(self.argv[0]),
                    flavor=SIMPLE)
        self.define("MAKE", "$(MAKE_COMMAND)")
        # Command-line variable definitions.
        overrides = []
        for word in self.parsed.variables:
            self.command_line_variable(word)
            overrides.append(quote_for_env(word).replace("$", "$$"))
        if overrides:
            # GNU make lists the most recent definition first, in a
            # variable that no makefile can assign.
            self.define("-*-command-variables-*-",
                        " ".join(reversed(overrides)), origin=AUTOMATIC,
                        flavor=SIMPLE)
            self.define("MAKEOVERRIDES", "${-*-command-variables-*-}")
        self.define("MAKELEVEL", str(self.level), origin=ENVIRONMENT,
                    flavor=SIMPLE)
        mk.makelevel = self.level
        self.define("MAKE_VERSION", GNU_VERSION, flavor=SIMPLE)
        self.define("MAKE_HOST", MAKE_HOST, flavor=SIMPLE)
        # SHELL never comes from the environment, but an environment
        # SHELL leaves its origin and flavor behind (src/variable.c).
        if "SHELL" in os.environ:
            self.define("SHELL", "/bin/sh", origin=FILE)
        else:
            self.define("SHELL", "/bin/sh", flavor=SIMPLE)
        self.define("MAKEFILES", "", flavor=SIMPLE)
        self.update_makeflags_variable()
        if not o.no_builtin_variables:
            for name, value in defaults.DEFAULT_VARIABLES:
                # The environment and the command line take precedence.
                existing = mk.variables.get(name)
                if existing is None or existing.origin == DEFAULT:
                    self.define(name, value)
        suffixes = [] if o.no_builtin_rules else list(defaults.DEFAULT_SUFFIXES)
        mk.suffix_list = suffixes
        self.define("SUFFIXES", " ".join(suffixes), flavor=SIMPLE)
        self.define(".DEFAULT_GOAL", "", origin=FILE, flavor=SIMPLE)
        restarts = env.get("MAKE_RESTARTS", "").lstrip("-")
        if restarts:
            self.define("MAKE_RESTARTS", restarts, origin=OVERRIDE,
                        flavor=SIMPLE)
        if self.parsed.goals:
            # GNU make defines MAKECMDGOALS only when goals were given.
            self.define("MAKECMDGOALS", " ".join(self.parsed.goals),
                        flavor=SIMPLE)
        dirs = self.include_dirs()
        mk.include_dirs = dirs
        self.define(".INCLUDE_DIRS", " ".join(dirs), flavor=SIMPLE)
        self.define("MAKEFILE_LIST", "", origin=FILE, flavor=SIMPLE)
        self.define("GNUMAKEFLAGS", "", origin=OVERRIDE, flavor=SIMPLE)
        if sys.stdout.isatty():
            self.define("MAKE_TERMOUT", "true", flavor=SIMPLE)
        if sys.stderr.isatty():
            self.define("MAKE_TERMERR", "true", flavor=SIMPLE)
        self.update_makeflags_variable()

    def command_line_variable(self, word):
        from pymake.reader import parse_assignment
        mk = self.mk
        a = parse_assignment(word)
        if a is None:
            return
        name, op, value = a
        if op in ("=", "?="):
            flavor_op = "="
        else:
            flavor_op = op
        existing = mk.variables.get(name)
        if existing is not None and existing.origin == COMMAND_LINE and \
                op == "+=":
            existing.value = existing.value + " " + value
            return
        if existing is not None and existing.origin == COMMAND_LINE:
            del mk.variables[name]
        v = mk.assign(name, flavor_op, value, COMMAND_LINE, None)
        if v is not None and existing is not None and \
                existing.origin in (ENVIRONMENT, ENV_OVERRIDE):
            v.export = None

    def update_makeflags_variable(self):
        mk = self.mk
        value = self.makeflags_value(False, reference_overrides=True)
        v = Variable("MAKEFLAGS", value, RECURSIVE,
                     ENV_OVERRIDE if self.options.env_overrides else FILE)
        mk.variables["MAKEFLAGS"] = v
        mflags = self.mflags_value()
        mk.variables["MFLAGS"] = Variable("MFLAGS", mflags, RECURSIVE,
                                          ENVIRONMENT)

    def include_dirs(self):
        dirs = []
        for d in self.options.include_dirs:
            if d == "-":
                dirs = []
                continue
            d = d.rstrip("/") or "/"
            if os.path.isdir(d):
                dirs.append(d)
        if "-" not in self.options.include_dirs:
            for d in DEFAULT_INCLUDE_DIRS:
                if os.path.isdir(d):
                    dirs.append(d)
        return dirs

    # --- directories --------------------------------------------------

    def debug_message(self, text):
        """Print a --debug=basic progress line."""
        o = self.options
        if o.debug & {"basic", "all", "verbose"}:
            sys.stdout.write(text + "\n")
            sys.stdout.flush()

    def should_print_dir(self):
        o = self.options
        if o.print_directory is not None:
            return o.print_directory
        return not o.silent and (self.level > 0 or bool(o.directories))

    # --- the run ------------------------------------------------------

    def main(self):
        self.apply_settings()
        o = self.options
        if o.no_builtin_variables:
            # -R implies -r, as in GNU make (main.c), and MAKEFLAGS shows
            # both.
            o.no_builtin_rules = True
            self.flags["no_builtin_rules"] = True
        if o.debug & {"basic", "all", "verbose"}:
            # GNU make starts its basic debug output with the version.
            from pymake.cli import version_text
            sys.stdout.write(version_text(errors.program))
            sys.stdout.flush()
        for d in o.directories:
            try:
                os.chdir(d)
            except OSError as e:
                raise MakeError(f"{d}: {e.strerror}") from None
        self.mk = mk = Make(o)
        mk.makelevel = self.level
        mk.child_makeflags = lambda: self.makeflags_value(True)
        mk.child_mflags = self.mflags_value
        mk.old_files = set(o.old_files)
        mk.new_files = {strip_dot_slash(n) for n in o.new_files}
        mk.extra_prereqs = self.extra_prereqs
        mk.on_makeflags = self.makeflags_assigned
        output.should_print_dir = self.should_print_dir
        output.directory = mk.curdir
        output.database_format = o.print_database
        # A restarted pymake continues the run of the one that started it.
        # A "-" before the count marks that "Entering" was printed.
        output.traced = os.environ.get("MAKE_RESTARTS", "").startswith("-")
        output.configure(o.output_sync)
        # Under -Oline and -Otarget the output made while reading the
        # makefiles ($(info), stderr of $(shell)) is synced as one block.
        self.reading_sync = output.Sync(output.syncing_blocks())
        output.context = self.reading_sync
        try:
            status = self.run()
        except MakeError as e:
            output.write(True, e.format() + "\n")
            status = e.status
        finally:
            self.remove_stdin_copy()
            self.end_reading_sync()
            if not self.restarted:
                output.finish()
            output.close_lock()
            if self.jobserver is not None:
                try:
                    self.jobserver.close()
                except OSError:
                    pass
        return status

    def end_reading_sync(self):
        """Write out what was collected while the makefiles were read."""
        sync = self.reading_sync
        if sync is not None:
            self.reading_sync = None
            output.context = None
            sync.close()

    def setup_output_sync(self):
        """Settle output sync once the makefiles are read, as GNU make
        does: -Oline and -Otarget need parallel jobs, and the top make
        creates the lock file that sub-makes share."""
        o = self.options
        output.configure(o.output_sync)
        if not output.syncing_blocks():
            if self.reading_sync is not None and self.reading_sync.enabled:
                self.end_reading_sync()
            return
        if self.jobserver is None and o.jobs == 1:
            self.end_reading_sync()
            output.configure(None)
            return
        if self.reading_sync is not None:
            self.reading_sync.enabled = True
        if not self.sync_mutex:
            self.sync_mutex = output.create_lock()
        elif not output.open_lock(self.sync_mutex):
            self.sync_mutex = None
        self.update_makeflags_variable()

    def run(self):
        mk = self.mk
        o = self.options
        self.setup_variables()
        self.setup_jobserver()
        if not o.no_builtin_rules:
            self.install_suffix_rules()
        for text in o.evals:
            mk.loc = Location("--eval", 1)
            mk.eval_text(text)
            mk.loc = None
        if o.evals:
            # Sub-makes get the --eval options through MAKEFLAGS, by a
            # reference to this variable, as in GNU make.
            self.eval_flags = " ".join(
                "--eval=" + quote_for_env(text).replace("$", "$$")
                for text in o.evals)
            self.define("-*-eval-flags-*-", self.eval_flags,
                        origin=AUTOMATIC, flavor=SIMPLE)
            self.update_makeflags_variable()
        # MAKEFILES names makefiles read first, without errors.
        mv = mk.variables.get("MAKEFILES")
        if mv is not None and mv.origin in (ENVIRONMENT, ENV_OVERRIDE):
            for name in expand(mk, mv.value).split():
                path = mk.find_include(name)
                if path is not None:
                    mk.read_makefile(path, True, False, display_name=path)
        had_R, had_r = o.no_builtin_variables, o.no_builtin_rules
        self.debug_message("Reading makefiles...")
        makefiles = list(o.makefiles)
        if makefiles.count("-") > 1:
            raise MakeError("Makefile from standard input specified twice")
        if makefiles:
            for name in makefiles:
                if name == "-":
                    self.read_stdin_makefile()
                    continue
                if not mk.read_makefile(name):
                    # GNU make reports a missing -f makefile at once.
                    error(f"{name}: No such file or directory")
                    mk.missing_includes.append((name, None, False))
                    mk.explicit_missing = True
        else:
            for name in DEFAULT_MAKEFILES:
                if os.path.isfile(os.path.join(mk.curdir, name)):
                    mk.read_makefile(name)
                    break
        mk.reading = False
        self.debug_message("Updating makefiles....")
        self.apply_late_switches(had_R, had_r)
        self.setup_output_sync()
        self.update_makeflags_variable()
        self.after_reading()
        self.end_reading_sync()
        restarted = os.environ.get("MAKE_RESTARTS", "").lstrip("-") not in \
            ("", "0")
        if restarted:
            # After a restart GNU make applies -W only to the goals, so a
            # -W file cannot make the makefiles restart forever.
            what_if = mk.new_files
            mk.new_files = set()
        status = self.remake_makefiles()
        if restarted:
            mk.new_files = what_if
            for name in what_if:
                f = mk.files.get(name)
                if f is not None:
                    f.mtime = None
        if status is not None:
            return status
        try:
            goals = self.goal_files()
            if not goals:
                if o.print_database:
                    return 0
                if not mk.read_makefiles:
                    raise MakeError("No targets specified and no makefile "
                                    "found")
                raise MakeError("No targets")
            from pymake.remake import Engine
            engine = Engine(mk, self.jobserver)
            self.engine = engine
            self.debug_message("Updating goal targets....")
            return engine.run(goals)
        finally:
            if o.print_database:
                # GNU make prints the database after updating the goals,
                # so it shows what was made.
                from pymake.database import print_database
                errors.flush_stdout()
                print_database(mk, sys.stdout)

    # Set in the environment of a restarted pymake: the file that contains
    # the makefile first read from standard input.
    STDIN_COPY_VARIABLE = "PYMAKE_TEMP_STDIN"

    def read_stdin_makefile(self):
        """Read a makefile from standard input through a temporary copy,
        kept until this run ends so that a restart can read it again."""
        import tempfile
        path = self.inherited_stdin
        if not path or not os.path.isfile(path):
            data = sys.stdin.buffer.read()
            fd, path = tempfile.mkstemp(prefix="pymake-stdin-")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            self.stdin_copy = path
        self.stdin_path = path
        self.mk.read_makefile(path, display_name=path, use_cache=False)

    stdin_copy = None
    stdin_path = None
    restarted = False

    def remove_stdin_copy(self):
        if self.stdin_copy:
            try:
                os.unlink(self.stdin_copy)
            except OSError:
                pass

    # NOTE: GNU make 4.4.1 creates its jobserver after reading the
    # makefiles, so $(shell) run while reading gets no --jobserver-auth
    # there.  pymake creates it before reading.
    def setup_jobserver(self):
        o = self.options
        auth = None
        mflags = os.environ.get("MAKEFLAGS", "")
        if "--jobserver-auth=" in mflags or "--jobserver-fds=" in mflags:
            auth = mflags
        from_cmdline = any(k == "jobs" for k, _ in
                           self.parsed.settings[self.env_count:])
        if auth is not None and not from_cmdline:
            from pymake.jobserver import jobserver_from_makeflags
            js = jobserver_from_makeflags(
                auth, on_diagnostic=lambda m: error(m))
            if js is not None:
                self.jobserver = js
                self.mk.jobserver_invalid_auth = js.invalid_makeflags_auth()
                return
            o.jobs = 1
            return
        if auth is not None and from_cmdline and \
                not os.environ.get("MAKE_RESTARTS"):
            # A bare -j is unlimited, which GNU make prints as -j0.
            error("warning: -j%d forced in submake: resetting jobserver "
                  "mode." % (o.jobs or 0))
        if o.jobs is not None and o.jobs > 1:
            from pymake.jobserver import JobServerError, create_jobserver
            try:
                self.jobserver = create_jobserver(
                    o.jobs, o.jobserver_style,
                    on_diagnostic=lambda m: error(m))
            except JobServerError as e:
                raise MakeError(str(e)) from None
            if self.jobserver is not None:
                self.mk.jobserver_invalid_auth = \
                    self.jobserver.invalid_makeflags_auth()
        self.update_makeflags_variable()

    def install_suffix_rules(self):
        from pymake import defaults
        mk = self.mk
        for target, lines in defaults.DEFAULT_SUFFIX_RULES:
            f = mk.enter_file(target)
            f.commands = Commands(list(lines), Location("", 0))
            f.builtin_rule = True

    def after_reading(self):
        """Convert suffix rules, add built-in pattern rules, link deps."""
        mk = self.mk
        o = self.options
        mk.mark_notparallel_targets()
        self.convert_suffix_rules()
        if not o.no_builtin_rules:
            from pymake import defaults
            for target, deps, lines in defaults.DEFAULT_PATTERN_RULES:
                rule = PatternRule([target], list(deps), [],
                                   Commands(list(lines), Location("", 0)),
                                   False, None, builtin=True)
                mk.add_pattern_rule(rule, override=False)
            for target, deps, lines in defaults.DEFAULT_TERMINAL_RULES:
                rule = PatternRule([target], list(deps), [],
                                   Commands(list(lines), Location("", 0)),
                                   True, None, builtin=True)
                mk.add_pattern_rule(rule, override=False)
        for f in list(mk.files.values()):
            for d in f.deps:
                if d.raw is not None:
                    # Prerequisite text awaiting its second expansion.
                    continue
                if d.file is None:
                    d.file = mk.enter_file(d.name)
                    d.file.mentioned = True
                else:
                    d.file.mentioned = True
            if f.double_colon:
                for rule in f.double_colon:
                    for d in rule.deps:
                        if d.file is None and d.raw is None:
                            d.file = mk.enter_file(d.name)
                            d.file.mentioned = True
        for f in mk.files.values():
            if f.notintermediate and f.secondary:
                raise MakeError(f"{f.name} cannot be both .NOTINTERMEDIATE "
                                "and .SECONDARY")
            if f.notintermediate and f.intermediate:
                raise MakeError(f"{f.name} cannot be both .NOTINTERMEDIATE "
                                "and .INTERMEDIATE")
        if mk.all_secondary and mk.all_notintermediate:
            raise MakeError(".NOTINTERMEDIATE and .SECONDARY are mutually "
                            "exclusive")
        if mk.all_secondary:
            for f in mk.files.values():
                f.secondary = True
        # Pattern .PRECIOUS entries apply to files made by pattern rules.

    def convert_suffix_rules(self):
        mk = self.mk
        suffixes = mk.suffix_list
        if not suffixes:
            return
        known = set(suffixes)
        for s in suffixes:
            f = mk.files.get(s)
            if f is not None and f.commands is not None:
                rule = PatternRule(["%"], ["%" + s], [], f.commands, False,
                                   f.rule_location,
                                   builtin=getattr(f, "builtin_rule", False))
                rule.suffix_rule = s
                mk.add_pattern_rule(rule, override=False)
            for s2 in suffixes:
                if s2 == s:
                    continue
                f = mk.files.get(s + s2)
                if f is None or f.commands is None:
                    continue
                if f.deps:
                    # A POSIX suffix rule has no prerequisites, so under
                    # .POSIX this is an ordinary rule. Otherwise GNU make
                    # warns and drops them.
                    if mk.posix:
                        continue
                    error("warning: ignoring prerequisites on suffix rule "
                          "definition", f.commands.location)
                builtin = getattr(f, "builtin_rule", False)
                if s2 == ".a":
                    # '.X.a:' also makes the archive member rule
                    # '(%.o): %.X'.
                    member_rule = PatternRule(["(%.o)"], ["%" + s], [],
                                              f.commands, False,
                                              f.rule_location,
                                              builtin=builtin)
                    member_rule.suffix_rule = s + s2
                    mk.add_pattern_rule(member_rule, override=False)
                rule = PatternRule(["%" + s2], ["%" + s], [], f.commands,
                                   False, f.rule_location, builtin=builtin)
                rule.suffix_rule = s + s2
                # A pattern rule the makefile wrote wins over a suffix
                # rule with the same targets and prerequisites.
                mk.add_pattern_rule(rule, override=False)
        _ = known

    def extra_prereqs(self, f):
        """Return (global, target-specific) .EXTRA_PREREQS names for f.

        Global ones come first and are not added to the files they name;
        a target's own value comes after its other prerequisites."""
        mk = self.mk
        scope = mk.target_scope(f)
        saved = mk.scope
        mk.scope = scope
        try:
            own = []
            for vs in scope.sets[:-1]:
                v = vs.get(".EXTRA_PREREQS")
                if v is not None:
                    own = mk.parse_names(mk.expand_value(v), glob=True)
                    break
            everywhere = []
            v = mk.variables.get(".EXTRA_PREREQS")
            if v is not None:
                everywhere = mk.parse_names(mk.expand_value(v), glob=True)
        finally:
            mk.scope = saved
        if f.name in everywhere:
            everywhere = []
        return everywhere, own

    # --- remaking makefiles -------------------------------------------

    def remake_makefiles_together(self, engine, goals):
        """Update the makefiles in ``goals`` in one parallel run.

        Returns the highest status of those that are not "don't care"."""
        mk = self.mk
        try:
            engine.run([f for f, _, _ in goals])
        except MakeError:
            for f, loc, dontcare in goals:
                path = os.path.join(mk.curdir, f.name)
                if f.status and not dontcare and loc is not False and \
                        not os.path.exists(path):
                    error(f"{f.name}: No such file or directory", loc)
            raise
        # A makefile left unfinished was stopped by an error elsewhere.
        return max([f.status if f.state == FINISHED else 2
                    for f, _, dontcare in goals if not dontcare], default=0)

    def remake_makefiles(self):
        """Try to update every makefile read; re-execute when one changed.

        Returns an exit status to stop with, or None to go on."""
        mk = self.mk
        o = self.options
        from pymake.remake import Engine
        candidates = []
        for name in mk.read_makefiles:
            candidates.append((name, False, True))
        for name, loc, dontcare in mk.missing_includes:
            candidates.append((name, loc, dontcare))
        if not candidates:
            return None
        engine = Engine(mk, self.jobserver)
        engine.rebuilding_makefiles = True
        before = {}
        goals = []
        never_remade = []
        for name, loc, dontcare in candidates:
            f = mk.files.get(name)
            if f is None:
                f = mk.enter_file(name)
            # GNU make never remakes a phony makefile or one whose only
            # rules are double-colon rules without prerequisites: doing so
            # would restart forever.
            if f.phony or (f.double_colon is not None and
                           all(not r.deps and not r.raw_deps
                               for r in f.double_colon)):
                if loc is not False and not dontcare and \
                        not os.path.exists(os.path.join(mk.curdir, name)):
                    never_remade.append((name, loc))
                continue
            if loc is False and f.double_colon is not None and not f.deps:
                continue
            f.dontcare = dontcare
            before[name] = engine.file_mtime(f)
            goals.append((f, loc, dontcare))
        if never_remade:
            for name, loc in never_remade:
                error(f"{name}: No such file or directory", loc)
            return 2
        if not goals:
            return None
        saved = (o.just_print, o.question, o.touch, o.always_make)
        o.just_print = o.question = o.touch = False
        if os.environ.get("MAKE_RESTARTS"):
            # After a restart, -B no longer forces makefiles: otherwise
            # every run would remake them and restart again.
            o.always_make = False
        status = 0
        try:
            if engine.slots > 1 and len(goals) > 1:
                # In parallel, GNU make updates all makefiles in one pass.
                status = self.remake_makefiles_together(engine, goals)
                goals_one_by_one = []
                if status and not o.keep_going:
                    return 2
            else:
                goals_one_by_one = goals
            for f, loc, dontcare in goals_one_by_one:
                missing = loc not in (False, None) and not dontcare and \
                    not os.path.exists(os.path.join(mk.curdir, f.name))
                engine.goal_error = (f.name, loc) if missing else None
                failed_before = f.state == FINISHED and f.status
                try:
                    s = engine.run([f])
                except MakeError:
                    if dontcare:
                        continue
                    engine.show_goal_error()
                    raise
                engine.goal_error = None
                if s and not dontcare:
                    status = max(status, s)
                    if not o.keep_going and not failed_before:
                        # A recipe failed and its error was printed.
                        # Without -k, GNU make stops there.
                        return 2
        finally:
            o.just_print, o.question, o.touch, o.always_make = saved
        failed = [(f, loc) for f, loc, dontcare in goals
                  if not dontcare and f.state == FINISHED and f.status]
        for f, loc in failed:
            error(f"Failed to remake makefile '{f.name}'.",
                  loc if loc not in (False, None) else None)
        if failed:
            return 2
        # Files that failed while remaking makefiles (an -include with no
        # rule) are considered afresh for the goals.
        for f in list(mk.files.values()):
            f.dontcare = False
            if f.no_diag:
                # Stays failed; a goal that needs it reports the missing
                # rule, as GNU make 4.4 does.
                continue
            if f.state != NOT_STARTED and f.status:
                f.state = NOT_STARTED
                f.status = 0
                f.considered = False
        changed = False
        for f, loc, dontcare in goals:
            after = engine.file_mtime(engine.mk.files[f.name]) \
                if f.name in mk.files else None
            if f.cmds_ran and after != before.get(f.name):
                changed = True
        missing = []
        for name, loc, dontcare in mk.missing_includes:
            path = os.path.join(mk.curdir, name)
            if not dontcare and not os.path.exists(path):
                missing.append((name, loc))
        if changed:
            return self.restart()
        # GNU make 4.4 accepts an included makefile that a rule "made"
        # without creating it (its savannah bug 61226). A makefile named
        # with -f must exist.
        for name, loc in missing:
            if loc is None:
                raise MakeError(f"Makefile '{name}' was not found")
        if status:
            return status
        return None

    def restart(self):
        """Run this program again with MAKE_RESTARTS incremented."""
        errors.flush_stdout()
        env = dict(os.environ)
        try:
            n = int(env.get("MAKE_RESTARTS", "0").lstrip("-") or "0")
        except ValueError:
            n = 0
        env["MAKE_RESTARTS"] = ("-" if output.traced else "") + str(n + 1)
        output.close_lock()
        if self.stdin_path:
            env[self.STDIN_COPY_VARIABLE] = self.stdin_path
        argv = list(self.argv)
        base = os.path.basename(argv[0])
        if base == "__main__.py" or not os.path.exists(argv[0]):
            argv = [sys.executable, "-m", "pymake"] + argv[1:]
        elif argv[0].endswith(".py"):
            argv = [sys.executable] + argv
        if self.options.directories:
            # The directory changes were already made.
            argv = [a for a in argv]
        self.restarted = True
        if self.options.print_database:
            # GNU make prints the database before it re-executes too.
            from pymake.database import print_database
            print_database(self.mk, sys.stdout)
            sys.stdout.flush()
        # A pipe jobserver reaches the new process only through inherited
        # descriptors, as for a recursive make.
        pass_fds = self.jobserver.pass_fds() if self.jobserver else ()
        try:
            proc = subprocess.run(argv, env=env, cwd=self.mk.curdir,
                                  pass_fds=pass_fds)
        except OSError as e:
            # GNU make reports a failed exec of itself and exits with 127.
            error(f"{argv[0]}: {e.strerror}")
            return 127
        return proc.returncode

    # --- goals --------------------------------------------------------

    def goal_files(self):
        mk = self.mk
        names = self.parsed.goals
        mk.command_goals = set(names)
        if not names:
            v = mk.variables.get(".DEFAULT_GOAL")
            if v is not None:
                value = v.value if v.flavor == SIMPLE else \
                    expand(mk, v.value)
                if value.strip():
                    words = value.split()
                    if len(words) > 1 and value.strip() in mk.files:
                        # One target whose name has a blank (`a\ b`).
                        words = [value.strip()]
                    if len(words) > 1:
                        raise MakeError(".DEFAULT_GOAL contains more than "
                                        "one target")
                    names = words
        files = []
        for n in names:
            f = mk.enter_file(n)
            files.append(f)
        return files


def make_command(argv0):
    from pymake.cli import make_command as mc
    return mc(argv0)

