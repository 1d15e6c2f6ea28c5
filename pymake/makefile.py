"""The make state: variables, files, rules, and the services that the
reader, the expander and the functions share."""

import glob as globmod
import os
import subprocess

from pymake import archive, errors, output
from pymake.errors import Location, MakeError, error
from pymake.expand import expand, value_of
from pymake.functions import match_pattern, split_pattern
from pymake.graph import (Commands, Dep, File, PatternRule, Rule,
                          strip_dot_slash)
from pymake.implicit import stem_references
from pymake import parsecache
from pymake.reader import Reader, decode_makefile, read_file_bytes, \
    split_physical
from pymake.variables import (COMMAND_LINE, DEFAULT, ENVIRONMENT, ENV_OVERRIDE,
                              FILE,
                              ORIGIN_RANK, OVERRIDE, RECURSIVE, SIMPLE, Scope,
                              Variable, VariableSet)

# The variables .POSIX gives new default values.
POSIX_DEFAULTS = ((".SHELLFLAGS", "-ec"), ("CC", "c99"), ("CFLAGS", "-O1"),
                  ("FC", "fort77"), ("FFLAGS", "-O1"),
                  ("SCCSGETFLAGS", "-s"), ("ARFLAGS", "-rv"))

SPECIAL_TARGETS = frozenset((
    ".PHONY", ".SUFFIXES", ".DEFAULT", ".PRECIOUS", ".INTERMEDIATE",
    ".NOTINTERMEDIATE", ".SECONDARY", ".SECONDEXPANSION",
    ".DELETE_ON_ERROR", ".IGNORE", ".LOW_RESOLUTION_TIME", ".SILENT",
    ".EXPORT_ALL_VARIABLES", ".NOTPARALLEL", ".ONESHELL", ".POSIX",
    ".WAIT",
))

FEATURES = ("target-specific order-only second-expansion else-if "
            "shortest-stem undefine oneshell nocomment grouped-target "
            "extra-prereqs notintermediate shell-export archives jobserver "
            "jobserver-fifo output-sync check-symlink load")

_GLOB_CHARS = frozenset("*?[")


class Options:
    """Command-line settings that the whole run consults."""

    def __init__(self):
        self.just_print = False
        self.question = False
        self.touch = False
        self.silent = False
        self.ignore_errors = False
        self.keep_going = False
        self.always_make = False
        self.env_overrides = False
        self.print_database = False
        self.no_builtin_rules = False
        self.no_builtin_variables = False
        self.warn_undefined = False
        self.print_directory = None
        self.trace = False
        self.debug = set()
        self.jobs = 1
        self.load_average = None
        self.output_sync = None
        self.old_files = []
        self.new_files = []
        self.include_dirs = []
        self.check_symlinks = False
        self.shuffle = None
        self.jobserver_style = None
        self.makefiles = []
        self.directories = []
        self.evals = []


# GNU make 4.4.1 defines these variables only in some runs, so
# --warn-undefined-variables never warns about them (src/variable.c).
SPECIAL_MAYBE_UNDEFINED = frozenset((
    "MAKECMDGOALS", "MAKE_RESTARTS", "MAKE_TERMOUT", "MAKE_TERMERR",
    "MAKEOVERRIDES", ".DEFAULT", "-*-command-variables-*-",
    "-*-eval-flags-*-", "VPATH", "GPATH",
))


class Make:
    """The make state built by reading makefiles."""

    def __init__(self, options=None):
        self.options = options or Options()
        self.variables = VariableSet()
        self.scope = Scope((self.variables,))
        self.files = {}
        self.pattern_rules = []
        # Pattern-specific variables: (prefix, suffix, VariableSet).
        self.pattern_vars = []
        self.vpaths = []
        self.loc = None
        # The definition of the innermost variable being expanded, which
        # GNU make names in errors raised inside it.
        self.var_loc = None
        self.makefile_list = []
        self.curdir = os.getcwd()
        self.call_depth_args = 0
        self.export_all = False
        self.unexport_all = False
        self.second_expansion = False
        self.oneshell = False
        self.posix = False
        self.posix_defaults_set = False
        self.delete_on_error = False
        self.notparallel = False
        self.silent_all = False
        self.ignore_all = False
        self.low_resolution = set()
        # Set once the update walk begins: no rule may be added after.
        self.rules_frozen = False
        # (prefix, suffix) of .NOTINTERMEDIATE patterns such as `%.o`.
        self.notintermediate_patterns = []
        # The goals named on the command line.
        self.command_goals = set()
        # The ids of the recipes of grouped `&::` rules.
        self.grouped_commands = set()
        self.cancelled_rules = set()
        self.precious_patterns = []
        self.default_rule = None
        self.read_makefiles = []
        self.missing_includes = []
        self.shell_status = None
        self.include_dirs = []
        self.suffix_list = []
        self.env = dict(os.environ)
        self.reading = True

    # --- variables ----------------------------------------------------

    def eloc(self):
        """Return the location for errors found while expanding."""
        return self.var_loc if self.var_loc is not None else self.loc

    def lookup(self, name):
        return self.scope.lookup(name)

    def expand_variable(self, name):
        v = self.scope.lookup(name)
        if v is None:
            if self.options.warn_undefined and \
                    name not in SPECIAL_MAYBE_UNDEFINED:
                error(f"warning: undefined variable '{name}'", self.loc)
            return ""
        if v.append or v.conditional:
            return self._contextual_value(name, v)
        if v.flavor == SIMPLE:
            if name[:1] == "." and name == ".VARIABLES":
                return " ".join(self.variable_names())
            return v.value
        return value_of(self, v)

    def _contextual_value(self, name, v):
        outer = self.scope.lookup_outer(name, v)
        if v.conditional:
            if outer is not None:
                return self.expand_value(outer)
            return value_of(self, v)
        base = self.expand_value(outer) if outer is not None else ""
        own = value_of(self, v) if v.flavor == RECURSIVE else v.value
        if not base:
            return own
        if not own:
            return base
        return base + " " + own

    def expand_value(self, v):
        if v.append or v.conditional:
            return self._contextual_value(v.name, v)
        return value_of(self, v)

    def variable_names(self):
        return list(self.variables.keys())

    def define_global(self, name, value, origin=FILE, flavor=RECURSIVE,
                      location=None):
        v = Variable(name, value, flavor, origin, location)
        self.variables[name] = v
        return v

    def assign(self, name, op, value, origin, location, varset=None,
               target=False):
        """Define or change a variable.  Returns the Variable, or None
        when a definition of higher priority origin kept it."""
        if varset is None:
            varset = self.variables
        existing = varset.get(name)
        if existing is not None and existing.origin == ENVIRONMENT and \
                self.options.env_overrides and varset is self.variables:
            existing.origin = ENV_OVERRIDE
        if existing is not None and not target and \
                ORIGIN_RANK[existing.origin] > ORIGIN_RANK[origin]:
            return None
        if op == "?=":
            if target:
                v = Variable(name, value, RECURSIVE, origin, location)
                v.conditional = True
                varset[name] = v
                return v
            if existing is not None or self.lookup(name) is not None:
                return None
            op = "="
        if op == "=":
            v = Variable(name, value, RECURSIVE, origin, location)
        elif op in (":=", "::="):
            v = Variable(name, expand(self, value), SIMPLE, origin, location)
        elif op == ":::=":
            v = Variable(name, expand(self, value).replace("$", "$$"),
                         RECURSIVE, origin, location)
        elif op == "!=":
            v = Variable(name, self.shell_function(expand(self, value)),
                         RECURSIVE, origin, location)
        elif op == "+=":
            if target:
                base = existing
                if base is None:
                    v = Variable(name, value, RECURSIVE, origin, location)
                    v.append = True
                    varset[name] = v
                    return v
            else:
                base = existing
                if base is None and varset is self.variables:
                    base = None
            if base is None:
                v = Variable(name, value, RECURSIVE, origin, location)
            else:
                if base.flavor == SIMPLE:
                    add = expand(self, value)
                else:
                    add = value
                if base.value and add:
                    new = base.value + " " + add
                else:
                    new = base.value + add if base.value else add
                v = Variable(name, new, base.flavor, origin, location)
                v.export = base.export
                v.private = base.private
                v.append = base.append
                if base.origin == ENVIRONMENT and origin == FILE:
                    v.origin = FILE
        else:
            raise MakeError(f"unknown operator {op}", location)
        if existing is not None and existing.export is not None and \
                v.export is None:
            v.export = existing.export
        varset[name] = v
        if varset is self.variables:
            self._assigned_special(name, v)
        return v

    # Set by the session: called when a makefile assigns MAKEFLAGS.
    on_makeflags = None

    def _assigned_special(self, name, v):
        if name == "MAKEFLAGS" and self.reading and \
                self.on_makeflags is not None:
            self.on_makeflags(v)

    def undefine(self, name, origin):
        v = self.variables.get(name)
        if v is None:
            return
        if ORIGIN_RANK[v.origin] > ORIGIN_RANK[origin]:
            return
        del self.variables[name]

    # --- output and the shell -----------------------------------------

    def write_stdout(self, text):
        output.write(False, text)

    def shell_argv(self, command):
        shell = self.expand_variable("SHELL") or "/bin/sh"
        flags = self.expand_variable(".SHELLFLAGS")
        argv = [shell]
        if flags:
            argv.extend(flags.split())
        argv.append(command)
        return argv

    def child_environment(self, for_shell_function=False, recursive=False):
        from pymake.exports import build_environment
        return build_environment(self, for_shell_function, recursive)

    def shell_function(self, command):
        """Run `command` for $(shell) or `!=`; return its output with the
        trailing newline removed and other newlines turned into spaces."""
        errors.flush_stdout()
        from pymake.jobs import direct_argv
        shell = self.expand_variable("SHELL") or "/bin/sh"
        flags = self.expand_variable(".SHELLFLAGS")
        # Like recipe lines, a simple command runs without the shell.
        argv = direct_argv(command.strip(), shell, flags)
        if argv is None:
            argv = self.shell_argv(command)
        # The command's stderr goes into the output of the current job
        # under -O.
        output.start()
        sync = output.context
        stderr = sync.err if sync is not None and sync.enabled else None
        try:
            proc = subprocess.run(
                argv, stdout=subprocess.PIPE, stderr=stderr,
                stdin=None, cwd=self.curdir,
                env=self.child_environment(True))
        except (OSError, ValueError) as e:
            error(f"{argv[0]}: {getattr(e, 'strerror', None) or e}")
            self.set_shell_status(127)
            return ""
        status = proc.returncode
        if status < 0:
            status = 128 - status
        self.set_shell_status(status)
        out = proc.stdout.decode("utf-8", "surrogateescape")
        if "\r" in out:
            out = out.replace("\r\n", "\n")
        return out.rstrip("\n").replace("\n", " ")

    def set_shell_status(self, status):
        # NOTE: GNU make sets .SHELLSTATUS in the current target's variables
        # when $(shell) runs inside a recipe; here it is always global.
        self.shell_status = status
        self.define_global(".SHELLSTATUS", str(status), origin=OVERRIDE,
                           flavor=SIMPLE)

    # --- files and names ----------------------------------------------

    def enter_file(self, name):
        f = self.files.get(name)
        if f is None:
            f = File(name)
            self.files[name] = f
        return f

    def glob(self, pattern):
        """Expand a wildcard pattern as $(wildcard) does: sorted matches,
        or the name itself when it has no glob characters and exists."""
        if "\0" in pattern:
            return []
        if not _GLOB_CHARS.intersection(pattern):
            name = os.path.expanduser(pattern) if pattern.startswith("~") \
                else pattern
            path = name if os.path.isabs(name) else \
                os.path.join(self.curdir, name)
            return [name] if os.path.lexists(path) else []
        if pattern.startswith("~"):
            pattern = os.path.expanduser(pattern)
        if os.path.isabs(pattern):
            found = globmod.glob(pattern)
        else:
            found = globmod.glob(pattern, root_dir=self.curdir)
        return sorted(found)

    def parse_names(self, text, glob=False):
        if "\\ " in text or "\\\t" in text:
            words = split_escaped_blanks(text)
        else:
            words = text.split()
        if not words:
            return []
        # Most lists need none of the handling below, and reading a large
        # makefile calls this twice per rule.
        if "(" not in text and "./" not in text and not (
                glob and ("~" in text or _GLOB_CHARS.intersection(text))):
            return words
        out = []
        i = 0
        n = len(words)
        while i < n:
            w = words[i]
            i += 1
            # Archive members: lib(a.o b.o) names lib(a.o) and lib(b.o),
            # provided a later word closes the group with ')'.
            paren = w.find("(")
            if paren > 0 and not w.endswith(")") and \
                    any(x.endswith(")") for x in words[i:]):
                members = [w[paren + 1:]]
                while i < n:
                    m = words[i]
                    i += 1
                    if m.endswith(")"):
                        members.append(m[:-1])
                        break
                    members.append(m)
                lib = w[:paren]
                for m in members:
                    if m:
                        self._add_name(out, f"{lib}({m})", glob)
                continue
            if paren > 0 and w.endswith(")") and " " not in w:
                inner = w[paren + 1:-1]
                if not inner:
                    continue
            if w.startswith("./"):
                w = strip_dot_slash(w)
            self._add_name(out, w, glob)
        return out

    def _add_name(self, out, w, glob):
        if not glob or "$" in w:
            out.append(w)
            return
        if archive.is_member_ref(w):
            lib, member = archive.split_member_ref(w)
            libs = self.glob(lib) if _GLOB_CHARS.intersection(lib) else []
            for lib_name in libs or [lib]:
                found = []
                if archive.has_glob_chars(member):
                    path = lib_name if os.path.isabs(lib_name) else \
                        os.path.join(self.curdir, lib_name)
                    found = archive.glob_members(path, member)
                out.extend(f"{lib_name}({m})" for m in found or [member])
            return
        if _GLOB_CHARS.intersection(w):
            matches = self.glob(w)
            if matches:
                out.extend(matches)
                return
        if w.startswith("~") and "\0" not in w:
            w = os.path.expanduser(w)
        out.append(w)

    # --- vpath --------------------------------------------------------

    def vpath_add(self, pattern, dirs_text):
        dirs = [d for d in dirs_text.replace(os.pathsep, " ").split() if d]
        if not dirs:
            self.vpath_clear(pattern)
            return
        dirs = [d.rstrip("/") or "/" for d in dirs]
        sp = split_pattern(pattern)
        self.vpaths.append((pattern, sp, dirs))

    def vpath_clear(self, pattern):
        if pattern is None:
            self.vpaths = []
        else:
            self.vpaths = [v for v in self.vpaths if v[0] != pattern]

    def vpath_dirs(self, name):
        """Return the directories to search for `name`: vpath patterns,
        then VPATH."""
        if not self.vpaths and "VPATH" not in self.variables:
            return []
        dirs = []
        for _pattern, sp, ds in self.vpaths:
            if sp is None:
                if name != _pattern:
                    continue
            elif match_pattern(sp[0], sp[1], name) is None:
                continue
            dirs.extend(ds)
        v = self.variables.get("VPATH")
        if v is not None:
            value = self.expand_value(v) if v.flavor == RECURSIVE \
                else v.value
            for d in value.replace(os.pathsep, " ").split():
                dirs.append(d.rstrip("/") or "/")
        return dirs

    # --- reading ------------------------------------------------------

    def read_makefile(self, path, dontcare=False, set_default=True,
                      display_name=None, use_cache=True, location_name=None):
        """Read and evaluate one makefile.  Returns False if it is
        missing.  `use_cache` False keeps the parse cache out of it."""
        full = path if os.path.isabs(path) else \
            os.path.join(self.curdir, path)
        try:
            data = read_file_bytes(full)
        except FileNotFoundError:
            return False
        except IsADirectoryError:
            raise MakeError(f"{path}: Is a directory") from None
        except OSError as e:
            raise MakeError(f"{path}: {e.strerror}", self.loc) from None
        name = display_name or path
        text = decode_makefile(data)
        lines = split_physical(text)
        cache_key = None
        if "\0" in text:
            lines = self._drop_nul(name, lines)
        elif use_cache and len(lines) >= parsecache.MIN_LINES and \
                parsecache.enabled():
            cache_key = parsecache.cache_key(data)
        entries = None
        if cache_key is not None:
            entries = parsecache.load(cache_key, len(lines))
        self.makefile_list.append(name)
        # GNU make records the makefile being read, at line 1, as the
        # place where MAKEFILE_LIST was last set.
        self.define_global("MAKEFILE_LIST",
                           " ".join(self.makefile_list),
                           origin=FILE, flavor=SIMPLE,
                           location=Location(name, 1))
        self.read_makefiles.append(name)
        reader = Reader(self, location_name or name, lines,
                        set_default=set_default, entries=entries)
        reader.run()
        if cache_key is not None and entries is None:
            parsecache.store(cache_key, reader.entries)
        return True

    def _drop_nul(self, name, lines):
        """Cut each line at a NUL byte, warning as GNU make does."""
        out = []
        for i, line in enumerate(lines):
            cut = line.find("\0")
            if cut >= 0:
                error("warning: NUL character seen; rest of line ignored",
                      Location(name, i + 1))
                line = line[:cut]
            out.append(line)
        return out

    def include(self, names, dontcare, location, set_default):
        names = self.parse_names(" ".join(names), glob=True)
        for name in names:
            path = self.find_include(name)
            if path is None:
                self.missing_includes.append((name, location, dontcare))
                continue
            # Messages about its lines name the file as the include
            # directive wrote it, as GNU make's do, also when -I found it.
            self.read_makefile(path, dontcare, set_default, display_name=path,
                               location_name=name)

    def find_include(self, name):
        if os.path.isabs(name):
            return name if os.path.isfile(name) else None
        full = os.path.join(self.curdir, name)
        if os.path.exists(full):
            return name
        for d in self.include_dirs:
            cand = os.path.join(d, name)
            if os.path.isfile(cand if os.path.isabs(cand)
                              else os.path.join(self.curdir, cand)):
                return cand
        return None

    def eval_text(self, text):
        if "\0" in text:
            text = "\n".join(line.split("\0", 1)[0]
                             for line in text.split("\n"))
        loc = self.loc
        filename = loc.filename if loc else ""
        lineno = loc.lineno if loc else 0
        reader = Reader(self, filename, split_physical(text), lineno,
                        advance_lineno=False)
        saved = self.scope
        reader.run()
        self.scope = saved

    # --- rules --------------------------------------------------------

    def default_goal_settable(self):
        v = self.variables.get(".DEFAULT_GOAL")
        return v is None or not v.value

    def record_rule(self, pending):
        """Enter a rule read from a makefile into the graph."""
        if self.rules_frozen:
            # The update walk has begun, so rules from $(eval) in a recipe
            # or a second expansion would never be considered.
            raise MakeError("prerequisites cannot be defined in recipes",
                            self.loc)
        commands = None
        if pending.lines is not None:
            commands = Commands(pending.lines, pending.cmd_location,
                                pending.linenos)
        targets = pending.targets
        location = pending.location
        has_percent = ["%" in t for t in targets]
        if pending.pattern is None and has_percent[0]:
            if not all(has_percent):
                raise MakeError("mixed implicit and normal rules", location)
            self._record_pattern_rule(pending, commands)
            return
        if pending.pattern is None and any(has_percent):
            # GNU make warns once for each pattern target.
            for _ in range(sum(has_percent)):
                error("*** mixed implicit and normal rules: deprecated "
                      "syntax", location)

        deps_text = pending.deps_text
        second = self.second_expansion
        group = None
        if pending.grouped and len(targets) > 1:
            if commands is None:
                raise MakeError("grouped targets must provide a recipe",
                                location)
            group = []
            if pending.double:
                self.grouped_commands.add(id(commands))
        for t in targets:
            deps_for_target = deps_text
            stem = None
            if pending.pattern is not None:
                sp = split_pattern(pending.pattern)
                stem = match_pattern(sp[0], sp[1], t)
                if stem is None:
                    error(f"target '{t}' doesn't match the target pattern",
                          location)
                    continue
                deps_for_target = self._static_deps(deps_text, stem)
            f = self.enter_file(t)
            f.is_target = True
            if group is not None:
                group.append(f)
                f.group = group
            if f.rule_location is None:
                f.rule_location = location
            if t in SPECIAL_TARGETS or t == ".DEFAULT":
                self._special_target(t, deps_for_target, commands, location)
            if second and "$" in deps_text:
                raw = deps_for_target
                if pending.pattern is not None:
                    # The stem comes in as `$*`, which is not expanded
                    # again, in place of '%'.
                    raw = " ".join(stem_references(w)
                                   for w in deps_text.split())
                # The text keeps its place among the prerequisites until
                # the file's second expansion replaces it.
                marker = Dep(raw)
                marker.raw = (stem,)
                deps = [marker]
            else:
                deps = self.parse_deps(deps_for_target)
                raw = None
            if pending.double:
                if f.double_colon is None:
                    if f.commands is not None or (f.deps and f.is_target
                                                  and f.commands):
                        raise MakeError(f"target file '{t}' has both : and "
                                        f":: entries", location)
                    f.double_colon = []
                rule = Rule(deps, commands, location)
                rule.raw_deps = raw
                rule.stem = stem
                f.double_colon.append(rule)
                # Each :: rule expands its own prerequisites a second time,
                # when that rule is considered.
                f.deps.extend(deps)
            else:
                if f.double_colon is not None:
                    raise MakeError(f"target file '{t}' has both : and :: "
                                    f"entries", location)
                if commands is not None:
                    if f.commands is not None and t not in SPECIAL_TARGETS \
                            and not f.builtin_rule:
                        error(f"warning: overriding recipe for target '{t}'",
                              commands.location)
                        error(f"warning: ignoring old recipe for target "
                              f"'{t}'", f.commands.location)
                    f.commands = commands
                    f.builtin_rule = False
                    f.deps = deps + f.deps
                    if raw is not None:
                        f.raw_deps = True
                    if stem is not None:
                        f.stem = stem
                else:
                    f.deps.extend(deps)
                    if raw is not None:
                        f.raw_deps = True
                    if stem is not None:
                        # The last static pattern rule gives $*.
                        f.stem = stem

    def set_default_goal(self, targets):
        """Make the first target of a rule line that can be a goal the
        default goal, unless one is set.  GNU make does this as soon as
        it reads the rule line, before the recipe or the next line."""
        for t in targets:
            if not self.default_goal_settable():
                return
            if "%" in t:
                # Nothing to do for a pattern rule.
                return
            if self._can_be_default(t):
                self.define_global(".DEFAULT_GOAL", t, origin=FILE,
                                   flavor=SIMPLE)

    def _can_be_default(self, name):
        if name.startswith(".") and "/" not in name:
            return False
        return True

    def _static_deps(self, deps_text, stem):
        out = []
        for w in deps_text.split():
            if w == "|":
                out.append(w)
                continue
            sp = split_pattern(w)
            if sp is None:
                out.append(w)
            else:
                out.append(sp[0] + stem + sp[1])
        return " ".join(out)

    def parse_deps(self, text):
        """Parse a prerequisite list into Dep objects, honouring `|` and
        `.WAIT`."""
        deps = []
        order_only = False
        wait = False
        if "|" in text:
            normal, _, oo = text.partition("|")
            parts = [(normal, False), (oo.replace("|", " "), True)]
        else:
            parts = [(text, False)]
        for part, order_only in parts:
            for name in self.parse_names(part, glob=True):
                if name == ".WAIT":
                    wait = True
                    continue
                d = Dep(name, order_only)
                d.wait = wait
                wait = False
                deps.append(d)
        return deps

    def _record_pattern_rule(self, pending, commands):
        if self.second_expansion and "$" in pending.deps_text:
            raw = pending.deps_text
        else:
            raw = None
        normal, _, oo = pending.deps_text.partition("|")
        deps = []
        waits = set()
        for word in normal.split():
            if word == ".WAIT":
                waits.add(len(deps))
            else:
                deps.append(word)
        order_only = [d for d in oo.split() if d != ".WAIT"]
        rule = PatternRule(list(pending.targets), deps, order_only, commands,
                           pending.double, pending.location)
        rule.raw_deps = raw
        rule.waits = frozenset(waits)
        self.add_pattern_rule(rule, override=True)

    def add_pattern_rule(self, rule, override):
        """Add a pattern rule; one with the same targets and prerequisites
        replaces it (or is dropped when not `override`)."""
        key = (tuple(rule.targets), tuple(rule.deps))
        if rule.builtin and key in self.cancelled_rules:
            return
        for i, old in enumerate(self.pattern_rules):
            if old.targets == rule.targets and old.deps == rule.deps:
                if not override:
                    return
                del self.pattern_rules[i]
                break
        if rule.commands is None and not rule.builtin:
            # A pattern rule without a recipe cancels the rule, built-in
            # ones included.
            self.cancelled_rules.add(key)
            return
        self.pattern_rules.append(rule)

    def _special_target(self, name, deps_text, commands, location):
        words = self.parse_names(deps_text)
        if name == ".WAIT":
            self._check_wait_rule(words, commands, location)
        elif name == ".PHONY":
            for w in words:
                f = self.enter_file(w)
                f.phony = True
                # GNU make counts a phony file as a target.
                f.is_target = True
        elif name == ".SUFFIXES":
            if not words:
                self.suffix_list = []
            else:
                for w in words:
                    if w not in self.suffix_list:
                        self.suffix_list.append(w)
        elif name == ".PRECIOUS":
            for w in words:
                if "%" in w:
                    self.precious_patterns.append(split_pattern(w))
                else:
                    self.enter_file(w).precious = True
        elif name == ".INTERMEDIATE":
            for w in words:
                self.enter_file(w).intermediate = True
        elif name == ".SECONDARY":
            if not words:
                self.all_secondary = True
            for w in words:
                f = self.enter_file(w)
                f.secondary = True
                f.intermediate = True
        elif name == ".NOTINTERMEDIATE":
            if not words:
                self.all_notintermediate = True
            for w in words:
                if "%" in w:
                    self.notintermediate_patterns.append(split_pattern(w))
                else:
                    self.enter_file(w).notintermediate = True
        elif name == ".SECONDEXPANSION":
            self.second_expansion = True
        elif name == ".DELETE_ON_ERROR":
            self.delete_on_error = True
        elif name == ".IGNORE":
            if not words:
                self.ignore_all = True
            for w in words:
                self.enter_file(w).ignore = True
        elif name == ".SILENT":
            if not words:
                self.silent_all = True
            for w in words:
                self.enter_file(w).silent = True
        elif name == ".EXPORT_ALL_VARIABLES":
            self.export_all = True
        elif name == ".NOTPARALLEL":
            if not words:
                self.notparallel = True
            else:
                if self.notparallel_targets is None:
                    self.notparallel_targets = set()
                self.notparallel_targets.update(words)
        elif name == ".ONESHELL":
            self.oneshell = True
        elif name == ".POSIX":
            if not self.posix_defaults_set:
                self.posix_defaults_set = True
                # POSIX's defaults (IEEE Std 1003.1-2008), which replace
                # GNU make's own unless something else set them.
                for var, value in POSIX_DEFAULTS:
                    v = self.variables.get(var)
                    if v is None or v.origin == DEFAULT:
                        self.variables[var] = Variable(var, value, SIMPLE,
                                                       DEFAULT)
            self.posix = True
        elif name == ".LOW_RESOLUTION_TIME":
            self.low_resolution.update(words)
        elif name == ".DEFAULT":
            self.default_rule = commands

    def is_notintermediate(self, f):
        """Return whether .NOTINTERMEDIATE covers f, by name or pattern."""
        if f.notintermediate or self.all_notintermediate:
            return True
        for prefix, suffix in self.notintermediate_patterns:
            if match_pattern(prefix, suffix, f.name) is not None:
                return True
        return False

    def suffix_set(self):
        """Return the .SUFFIXES list as a set, rebuilt when it changes."""
        key = tuple(self.suffix_list)
        if self._suffix_set_key != key:
            self._suffix_set_key = key
            self._suffix_set = frozenset(key)
        return self._suffix_set

    _suffix_set_key = None
    _suffix_set = frozenset()

    def is_precious(self, name):
        """Return whether .PRECIOUS names this file or a pattern of it."""
        for prefix, suffix in self.precious_patterns:
            if match_pattern(prefix, suffix, name) is not None:
                return True
        f = self.files.get(name)
        return f is not None and f.precious

    all_secondary = False
    all_notintermediate = False
    notparallel_targets = None
    # GNU make reports each misuse of .WAIT once per run.
    wait_deps_reported = False
    wait_commands_reported = False

    def _check_wait_rule(self, words, commands, location):
        """Report a `.WAIT` rule with prerequisites or a recipe, which
        GNU make 4.4.1 ignores after one message each."""
        wait_file = self.files.get(".WAIT")
        has_deps = bool(words) or (wait_file is not None and
                                   bool(wait_file.deps))
        if has_deps and not self.wait_deps_reported:
            error(".WAIT should not have prerequisites", location)
            self.wait_deps_reported = True
        if commands is not None and not self.wait_commands_reported:
            error(".WAIT should not have commands", location)
            self.wait_commands_reported = True

    def mark_notparallel_targets(self):
        """Put a `.WAIT` before every prerequisite but the first of each
        target named by `.NOTPARALLEL`, as GNU make 4.4.1 does after
        reading (snap_deps in src/file.c).  Prerequisites that implicit
        rules add later run in parallel."""
        for name in self.notparallel_targets or ():
            f = self.files.get(name)
            if f is None:
                continue
            for dep in f.deps[1:]:
                dep.wait = True
    # The --jobserver-auth word added to MAKEFLAGS for children that are
    # not recursive makes, so that they use no jobserver, or None (see
    # JobServer.invalid_makeflags_auth).
    jobserver_invalid_auth = None

    def target_variable(self, targets, mods, assignment, location):
        """Record a target- or pattern-specific variable assignment."""
        raw_name, op, value = assignment
        name = expand(self, raw_name).strip()
        origin = OVERRIDE if "override" in mods else FILE
        for t in targets:
            if "%" in t:
                sp = split_pattern(t)
                varset = None
                for prefix, suffix, pattern, vs in self.pattern_vars:
                    if pattern == t:
                        varset = vs
                        break
                if varset is None:
                    varset = VariableSet()
                    self.pattern_vars.append((sp[0], sp[1], t, varset))
            else:
                f = self.enter_file(t)
                if f.variables is None:
                    f.variables = VariableSet()
                varset = f.variables
            # The value of `:=` is expanded now, in the global scope.
            global_v = self.variables.get(name)
            if global_v is not None and \
                    ORIGIN_RANK[global_v.origin] > ORIGIN_RANK[origin] and \
                    global_v.origin != ENV_OVERRIDE and \
                    global_v.origin not in (ENVIRONMENT,):
                if global_v.origin in (COMMAND_LINE,) and origin != OVERRIDE:
                    continue
            existing = varset.get(name)
            if op == "+=" and existing is not None:
                v = self.assign(name, op, value, origin, location,
                                varset=varset)
            else:
                v = self.assign(name, op, value, origin, location,
                                varset=varset, target=True)
            if v is None:
                continue
            if "export" in mods:
                v.export = True
            elif "unexport" in mods:
                v.export = False
            if "private" in mods:
                v.private = True

    # --- second expansion and scopes ----------------------------------

    def target_scope(self, f, parent_scope=None):
        """Build the variable scope for expanding f's recipe: its own and
        pattern-specific variables, then those inherited from the target
        that needed it, then the globals."""
        own = []
        if f.variables:
            own.append(f.variables)
        if self.pattern_vars:
            matches = []
            for prefix, suffix, pattern, vs in self.pattern_vars:
                if match_pattern(prefix, suffix, f.name) is not None:
                    stem_len = len(f.name) - len(prefix) - len(suffix)
                    matches.append((stem_len, vs))
            # More specific patterns (shorter stems) take precedence.
            matches.sort(key=lambda m: m[0])
            own.extend(vs for _len, vs in matches)
        if parent_scope is not None:
            inherited = parent_scope.sets[:-1]
        else:
            inherited = ()
        sets = tuple(own) + tuple(inherited) + (self.variables,)
        return Scope(sets, len(own))


def split_escaped_blanks(text):
    """Split a list of file names at blanks, keeping a blank quoted by a
    backslash inside its name without the backslash (`foo\\ bar`)."""
    words = []
    current = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in " \t":
            current.append(text[i + 1])
            i += 2
            continue
        if c in " \t\n":
            if current:
                words.append("".join(current))
                current = []
        else:
            current.append(c)
        i += 1
    if current:
        words.append("".join(current))
    return words
