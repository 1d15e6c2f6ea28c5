"""The `-p` database dump, in GNU make 4.4.1's format and section order.

Sections: version header, variables, pattern-specific variables,
directories, implicit rules, files, vpath search paths, statistics.
Each entry matches GNU make's text.  Variables and files come out in
the order of GNU make's hash tables (see gnuhash.py).  The statistics
lines (hash-table loads, string cache) are pymake's own counts.
"""

import os
import time

from pymake import errors, gnuhash
from pymake.graph import File
from pymake.variables import (AUTOMATIC, COMMAND_LINE, DEFAULT, ENVIRONMENT,
                              ENV_OVERRIDE, FILE, OVERRIDE, RECURSIVE)

# The origin comment GNU make writes above each variable.
ORIGIN_NAMES = {
    AUTOMATIC: "automatic",
    DEFAULT: "default",
    ENVIRONMENT: "environment",
    FILE: "makefile",
    ENV_OVERRIDE: "environment under -e",
    COMMAND_LINE: "command line",
    OVERRIDE: "'override' directive",
}

# The file-name parts of the automatic variables, which GNU make keeps in
# its global variable set (with the `D` and `F` forms defined there).
AUTOMATIC_DIR_FILE = [
    (f"{c}D", f"$(patsubst %/,%,$(dir ${c}))") for c in "@%*<^+?"
] + [(f"{c}F", f"$(notdir ${c})") for c in "@%*<^+?"]

# Time stamps that pymake's engine uses as markers (see remake.py).
NEW_MTIME = 1 << 62
OLD_MTIME = 1

# GNU make stores time stamps as (seconds << 30) + nanoseconds, and its
# "newest possible" time stamp is the largest such 64-bit value.
GNU_NEW_SECONDS = ((1 << 63) - 1) >> 30
GNU_NEW_FRACTION = ((1 << 63) - 1) & ((1 << 30) - 1)


def print_database(mk, out):
    """Write the `-p` database of `mk` to the text stream `out`."""
    w = out.write
    print_header(w)
    print_variables(mk, w)
    print_directories(mk, w)
    print_implicit_rules(mk, w)
    print_files(mk, w)
    print_vpaths(mk, w)
    print_statistics(mk, w)
    w(f"\n# Finished Make data base on {ctime()}\n")
    out.flush()


def ctime():
    """Return the local time in C's ctime() form, without the newline."""
    now = time.localtime()
    return (time.strftime("%a %b ", now) + f"{now.tm_mday:2d} " +
            time.strftime("%H:%M:%S %Y", now))


def print_header(w):
    from pymake.cli import version_text
    for line in version_text(errors.program).splitlines():
        w(f"# {line}\n")
    w(f"\n# Make data base, printed on {ctime()}\n")


# --- variables --------------------------------------------------------

def format_value(v, recursive):
    """Return the value text as GNU make prints it after `NAME =`."""
    value = v.value
    if value and not value.strip(" \t\n"):
        # A value of only blanks would be invisible, so GNU make wraps it.
        return f"$(subst ,,{value})"
    if recursive:
        return value
    return value.replace("$", "$$")


def variable_lines(v, prefix, as_simple=False):
    """Return the lines for one variable: origin comment, definition.

    `as_simple` prints the value as a `:=` value with `$` doubled, which
    is how GNU make 4.4.1 prints every pattern-specific variable: it
    never sets their recursive flag, only their flavor.
    """
    origin = ORIGIN_NAMES.get(v.origin, v.origin)
    head = f"# {origin}"
    if v.private:
        head += " private"
    loc = v.location
    if loc is not None and loc.filename:
        head += f" (from '{loc.filename}', line {loc.lineno})"
    lines = [head]
    recursive = v.flavor == RECURSIVE and not as_simple
    if recursive and "\n" in v.value:
        lines.append(f"{prefix}define {v.name}")
        lines.extend(v.value.split("\n"))
        lines.append("endef")
    else:
        if recursive:
            op = "+=" if v.append else "="
        else:
            op = ":="
        lines.append(f"{prefix}{v.name} {op} {format_value(v, recursive)}")
    return lines


def global_variables(mk):
    """Return the global variables in GNU make's hash-table order."""
    from pymake.variables import Variable
    by_name = {}
    inserted = []
    for name, v in mk.variables.items():
        by_name[name] = v
        inserted.append(name)
        if name == "MAKEFILES":
            # GNU make defines the D and F variables right after MAKEFILES.
            inserted.extend(n for n, _value in AUTOMATIC_DIR_FILE)
    for name, value in AUTOMATIC_DIR_FILE:
        if name not in by_name:
            by_name[name] = Variable(name, value, RECURSIVE, AUTOMATIC)
            if name not in inserted:
                inserted.append(name)
    order = gnuhash.slot_order(inserted,
                               gnuhash.GLOBAL_VARIABLE_TABLE_SIZE,
                               gnuhash.jhash)
    return [by_name[name] for name in order]


def file_variables_in_order(variables):
    """Return a file's own variables in GNU make's hash-table order."""
    order = gnuhash.slot_order(list(variables),
                               gnuhash.FILE_VARIABLE_TABLE_SIZE,
                               gnuhash.jhash)
    return [variables[name] for name in order]


def print_variables(mk, w):
    w("\n# Variables\n\n")
    for v in global_variables(mk):
        for line in variable_lines(v, ""):
            w(line + "\n")
    print_set_stats(w, len(mk.variables))
    w("\n# Pattern-specific Variable Values\n")
    count = 0
    # GNU make keeps pattern-specific variables sorted by the length of
    # the pattern, in definition order among patterns of equal length.
    entries = sorted(mk.pattern_vars, key=lambda e: len(e[2]))
    for _prefix, _suffix, pattern, varset in entries:
        for v in varset.values():
            count += 1
            w(f"\n{pattern} :\n")
            for line in variable_lines(v, "# ", as_simple=True):
                w(line + "\n")
    if count == 0:
        w("\n# No pattern-specific variable values.\n")
    else:
        w(f"\n# {count} pattern-specific variable values")


def print_set_stats(w, count):
    size = 32
    while size < count * 2:
        size *= 2
    w("# variable set hash-table stats:\n")
    w(f"# Load={count}/{size}={100.0 * count / size:.0f}%, Rehash=0, "
      f"Collisions=0/{count}=0%\n")


# --- directories ------------------------------------------------------

def print_directories(mk, w):
    # NOTE: pymake keeps no directory cache, so this section lists only
    # the vpath directories it may search, with their device and inode.
    w("\n# Directories\n\n")
    dirs = []
    for _pattern, _split, ds in mk.vpaths:
        for d in ds:
            if d not in dirs and d != ".":
                dirs.append(d)
    total = 0
    for d in dirs:
        full = d if os.path.isabs(d) else os.path.join(mk.curdir, d)
        try:
            st = os.stat(full)
            names = os.listdir(full)
        except OSError:
            w(f"# {d}: could not be stat'd.\n")
            continue
        total += len(names)
        count = str(len(names)) if names else "No"
        w(f"# {d} (device {st.st_dev}, inode {st.st_ino}): {count} files, "
          "no impossibilities.\n")
    count = str(total) if total else "No"
    w(f"\n# {count} files, no impossibilities in {len(dirs)} "
      "directories.\n")


# --- implicit rules ---------------------------------------------------

def dep_list_text(names, order_only):
    """Return ` a b | c d` as GNU make prints a prerequisite list."""
    text = "".join(f" {n}" for n in names)
    if order_only:
        text += " | " + " ".join(order_only)
    return text


def recipe_lines(commands):
    loc = commands.location
    if loc is None or not loc.filename:
        lines = ["#  recipe to execute (built-in):"]
    else:
        lines = [f"#  recipe to execute (from '{loc.filename}', "
                 f"line {loc.lineno}):"]
    lines.extend("\t" + line for line in commands.lines)
    return lines


def suffix_placeholder(suffix):
    """Return the rule `%SUFFIX:` that GNU make adds for each suffix.

    It has no prerequisites and no recipe.  GNU make uses it only to
    keep match-anything rules away from names with a known suffix,
    which pymake's implicit search checks against the suffix list, so
    only the dump needs it.
    """
    from pymake.graph import PatternRule
    return PatternRule(["%" + suffix], [], [], None, False, None)


def implicit_rules(mk):
    """Return the pattern rules in GNU make's order.

    GNU make keeps the makefile's pattern rules first, then what
    convert_to_pattern (src/rule.c) makes of the suffix list: for each
    suffix its placeholder, then the suffix rules that take it as
    source.  The built-in pattern rules come last.
    """
    user = []
    converted = []
    builtin = []
    for r in mk.pattern_rules:
        if r.suffix_rule is not None:
            converted.append(r)
        elif r.builtin:
            builtin.append(r)
        else:
            user.append(r)
    result = list(user)
    for suffix in mk.suffix_list:
        # new_pattern_rule drops a rule whose targets and prerequisites
        # repeat an earlier rule's.
        if not any(r.targets == ["%" + suffix] and not r.deps and
                   not r.order_only for r in result):
            result.append(suffix_placeholder(suffix))
        result.extend(r for r in converted if r.deps == ["%" + suffix])
    result.extend(r for r in converted if r not in result)
    result.extend(builtin)
    return result


def print_implicit_rules(mk, w):
    w("\n# Implicit Rules\n")
    rules = implicit_rules(mk)
    terminal = 0
    for r in rules:
        if r.terminal:
            terminal += 1
        head = " ".join(r.targets) + (":" if r.terminal else "") + ":"
        head += dep_list_text(r.deps, r.order_only)
        w(f"\n{head}\n")
        if r.commands is not None:
            for line in recipe_lines(r.commands):
                w(line + "\n")
    if not rules:
        w("\n# No implicit rules.\n")
    else:
        share = 100.0 * terminal / len(rules)
        w(f"\n# {len(rules)} implicit rules, {terminal} ({share:.1f}%) "
          "terminal.")


# --- files ------------------------------------------------------------

def format_mtime(mtime):
    """Return a time stamp in ns as GNU make's `Last modified` text."""
    if mtime == NEW_MTIME:
        seconds, fraction = GNU_NEW_SECONDS, GNU_NEW_FRACTION
    else:
        seconds, fraction = divmod(mtime, 1_000_000_000)
    try:
        text = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(seconds))
    except (OverflowError, OSError, ValueError):
        text = str(seconds)
    digits = f"{fraction:09d}".rstrip("0")
    if digits:
        text += "." + digits
    return text


def dep_lines(deps):
    """Return the prerequisite text of one rule, order-only after `|`."""
    normal = []
    order_only = []
    for d in deps:
        name = dep_name(d)
        if d.wait:
            name = ".WAIT " + name
        (order_only if d.order_only else normal).append(name)
    return dep_list_text(normal, order_only)


def command_line_goals(mk):
    v = mk.variables.get("MAKECMDGOALS")
    if v is None:
        return set()
    return set(v.value.split())


def file_entry(mk, f, goals, name_suffix, deps, commands, info, fatal):
    """Return the lines of one file entry.

    `info` is the File whose update state is shown, which differs from
    `f` for the separate nodes of a double-colon rule.  `fatal` is true
    when the run stopped at a missing rule (see stopped_by_missing_rule).
    """
    lines = []
    stem = info.stem
    if stem is None and info.cmds_ran:
        stem = explicit_rule_stem(mk, f.name)
    autos = dict(recipe_automatics(info, stem)) if info.cmds_ran else {}
    # The file's own variables and the automatic variables of its recipe
    # share one GNU hash table, so both follow its order.
    own = {name: v for name, v in (f.variables or {}).items()
           if v.origin != AUTOMATIC}
    order = gnuhash.slot_order(list(own) + list(autos),
                               gnuhash.FILE_VARIABLE_TABLE_SIZE,
                               gnuhash.jhash)
    for name in order:
        if name in own:
            lines.extend(variable_lines(own[name], f"{f.name}: "))
    # A file that an implicit rule matched is a target to GNU make
    # (src/implicit.c pattern_search).
    if not (f.is_target or info.is_target or
            info.implicit_rule is not None):
        lines.append("# Not a target:")
    lines.append(f"{f.name}:{name_suffix}{dep_lines(deps)}")
    if is_precious(mk, f, info):
        lines.append("#  Precious file (prerequisite of .PRECIOUS).")
    if f.phony:
        lines.append("#  Phony target (prerequisite of .PHONY).")
    if f.name in goals:
        lines.append("#  Command line target.")
    if f.dontcare:
        lines.append("#  A default, MAKEFILES, or -include/sinclude "
                     "makefile.")
    if is_builtin(mk, f):
        lines.append("#  Builtin rule")
    # GNU make never searches implicit rules for a phony target or for a
    # double-colon rule that has a recipe.  pymake's engine marks them
    # searched so that it skips them.
    searched = info.tried_implicit and not f.phony and \
        not (info is not f and info.commands is not None)
    if searched:
        lines.append("#  Implicit rule search has been done.")
    else:
        lines.append("#  Implicit rule search has not been done.")
    if stem is not None:
        lines.append(f"#  Implicit/static pattern stem: '{stem}'")
    if f.intermediate:
        lines.append("#  File is an intermediate prerequisite.")
    if f.notintermediate:
        lines.append("#  File is a prerequisite of .NOTINTERMEDIATE.")
    if f.secondary:
        lines.append("#  File is secondary (prerequisite of .SECONDARY).")
    also = info.also_make
    if also and also != ["::"]:
        names = " ".join(getattr(a, "name", a) for a in also)
        lines.append(f"#  Also makes: {names}")
    mtime = info.mtime
    if f.phony:
        # GNU make marks phony targets missing when it reads .PHONY, and
        # running their recipes leaves them so.
        mtime = -1
    if info.cmds_ran and info.status != 0 and not mk.options.question:
        # GNU make resets a target's time to unknown when its recipe ends
        # (src/remake.c notice_finished_file) and reads it again only when
        # the run goes on with that target, which it does not after a
        # failure.
        mtime = None
    elif mtime is None and info.considered and not info.cmds_ran:
        # GNU make reads a target's time before its prerequisites', so a
        # run that stopped inside the prerequisites has already read it.
        mtime = stat_mtime(mk, f.name)
    if mtime is None:
        lines.append("#  Modification time never checked.")
    elif mtime == -1:
        lines.append("#  File does not exist.")
    elif mtime == OLD_MTIME:
        lines.append("#  File is very old.")
    else:
        lines.append(f"#  Last modified {format_mtime(mtime)}")
    lines.extend(update_lines(mk, info, fatal))
    for name in order:
        if name in autos:
            lines.append("# automatic")
            lines.append(f"# {name} := {autos[name]}")
    if f.variables or autos:
        size = len(f.variables or ()) + len(autos)
        lines.append("# variable set hash-table stats:")
        lines.append(f"# Load={size}/32={100.0 * size / 32:.0f}%, "
                     "Rehash=0, Collisions=0/0=0%")
    if commands is not None:
        lines.extend(recipe_lines(commands))
    return lines


def explicit_rule_stem(mk, name):
    """Return the `$*` GNU make gives an explicit rule's recipe: the
    name (of the member, for an archive member) without the first
    suffix from .SUFFIXES that it ends in, or "" (src/commands.c
    set_file_variables)."""
    if "(" in name and name.endswith(")"):
        name = name[name.index("(") + 1:-1]
    for suffix in mk.suffix_list:
        if len(name) > len(suffix) and name.endswith(suffix):
            return name[:-len(suffix)]
    return ""


def special_target_names(mk, target):
    f = mk.files.get(target)
    if f is None:
        return set()
    return {dep_name(d) for d in f.deps}


def is_precious(mk, f, info):
    """Check whether GNU make marks a file precious.

    snap_deps marks every prerequisite of .PRECIOUS, patterns like
    `%.o` included (GNU make enters them as files), and pattern_search
    marks a file made by a pattern rule whose target pattern is such a
    precious file.  pymake's engine checks the patterns itself.
    """
    if f.precious:
        return True
    names = special_target_names(mk, ".PRECIOUS")
    if f.name in names:
        return True
    rule = info.implicit_rule
    return rule is not None and any(t in names for t in rule.targets)


def is_builtin(mk, f):
    """Check whether GNU make marks a file built-in.

    Besides the files of built-in suffix rules, GNU make enters the
    default suffixes marked built-in.  Only enter_file clears the mark,
    for a file that a rule names as a target.
    """
    from pymake import defaults
    if f.builtin_rule:
        return True
    return f.name in defaults.DEFAULT_SUFFIXES and not f.is_target and \
        f.commands is None and f.name in mk.files and \
        not mk.options.no_builtin_rules


def recipe_automatics(f, stem):
    """Return the automatic variables GNU make stores in a file's own
    variable set when it runs the file's recipe, in the order it defines
    them (src/commands.c set_file_variables).

    NOTE: `$?` gets the value of `$^`, which is right when the target
    did not exist.  The engine does not record which prerequisites were
    newer.
    """
    names = [dep_name(d) for d in f.deps if not d.order_only]
    order_only = [dep_name(d) for d in f.deps if d.order_only]
    unique = " ".join(dict.fromkeys(names))
    member = ""
    target = f.name
    if "(" in target and target.endswith(")"):
        target, member = target[:-1].split("(", 1)
    return [
        ("<", names[0] if names else ""),
        ("*", stem or ""),
        ("@", target),
        ("%", member),
        ("+", " ".join(names)),
        ("^", unique),
        ("?", unique),
        ("|", " ".join(dict.fromkeys(order_only))),
    ]


def stat_mtime(mk, name):
    """Return the time stamp of `name` in ns, or -1 when it is missing."""
    path = name if os.path.isabs(name) else os.path.join(mk.curdir, name)
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def dep_name(d):
    return d.file.name if d.file is not None else d.name


def stopped_by_missing_rule(mk):
    """Check whether the run stopped at a file with no rule to make it.

    GNU make treats that error as fatal without -k and prints the
    database on its way out, while the failed file and the targets that
    needed it are still unfinished.
    """
    if mk.options.keep_going:
        return False
    return any(f.status == 2 and f.commands is None and not f.is_target
               and not f.no_diag for f in mk.files.values())


def update_lines(mk, f, fatal):
    from pymake.graph import DEPS_RUNNING, FINISHED, RUNNING
    if f.state == FINISHED and not (fatal and f.status == 2 and
                                    not f.no_diag):
        lines = ["#  File has been updated."]
        if f.status == 0:
            lines.append("#  Successfully updated.")
        elif f.status == 1 and mk.options.question:
            lines.append("#  Needs to be updated (-q is set).")
        else:
            lines.append("#  Failed to be updated.")
        return lines
    lines = ["#  File has not been updated."]
    if f.state == RUNNING:
        lines.append("#  Recipe currently running (THIS IS A BUG).")
    elif f.state == DEPS_RUNNING:
        lines.append("#  Dependencies recipe running (THIS IS A BUG).")
    return lines


def file_entries(mk, f, goals, fatal):
    """Return the entries (lists of lines) that one File contributes."""
    if mk.options.no_builtin_rules and is_builtin(mk, f):
        return []
    nodes = getattr(f, "dc_nodes", ())
    if nodes:
        return [file_entry(mk, f, goals, ":", n.deps, n.commands, n, fatal)
                for n in nodes]
    if f.double_colon:
        return [file_entry(mk, f, goals, ":", rule.deps, rule.commands, f,
                           fatal)
                for rule in f.double_colon]
    return [file_entry(mk, f, goals, "", f.deps, f.commands, f, fatal)]


def ran_explicit_recipe(mk):
    """Check whether some file's explicit-rule recipe ran.

    GNU make looks up .SUFFIXES with enter_file to compute `$*` for an
    explicit rule (src/commands.c set_file_variables), and enter_file
    clears the built-in mark of an existing file.
    """
    return any(f.cmds_ran and f.stem is None for f in mk.files.values())


def suffix_files(mk):
    """Return the files that GNU make enters for its default suffix list.

    set_default_suffixes (src/default.c) enters .SUFFIXES and each
    default suffix, marked built-in.  pymake keeps the suffix list in
    mk.suffix_list, so the files that the makefile never named are
    made here, for the dump only.
    """
    from pymake import defaults
    if mk.options.no_builtin_rules:
        # GNU make hides built-in files under -r; a .SUFFIXES rule of
        # the makefile is in mk.files already.
        return []
    result = []
    suffixes = mk.files.get(".SUFFIXES")
    if suffixes is None:
        suffixes = File(".SUFFIXES")
        suffixes.deps = [SuffixDep(name) for name in mk.suffix_list]
        suffixes.builtin_rule = not ran_explicit_recipe(mk)
        result.append(suffixes)
    for name in defaults.DEFAULT_SUFFIXES:
        if name not in mk.files:
            f = File(name)
            f.builtin_rule = True
            result.append(f)
    return result


class SuffixDep:
    """A prerequisite of the .SUFFIXES entry made by suffix_files."""

    file = None
    wait = False
    order_only = False

    def __init__(self, name):
        self.name = name


def all_files(mk):
    """Return the files to print, in GNU make's hash-table order.

    Besides mk.files this has the .DEFAULT entry that GNU make always
    creates (pymake keeps its recipe in mk.default_rule) and the entries
    of suffix_files.
    """
    extra = suffix_files(mk)
    if ".DEFAULT" not in mk.files:
        default = File(".DEFAULT")
        default.commands = mk.default_rule
        extra.append(default)
    by_name = {f.name: f for f in extra}
    by_name.update(mk.files)
    # Close to the order in which GNU make enters them: .SUFFIXES and the
    # default suffixes, .DEFAULT, the files of the makefiles and of the
    # update, then the built-in suffix rules (4.4.1 installs them after
    # reading).  Only names whose slots collide depend on this order.
    inserted = [f.name for f in extra]
    inserted += [f.name for f in mk.files.values() if not f.builtin_rule]
    inserted += [f.name for f in mk.files.values() if f.builtin_rule]
    order = gnuhash.slot_order(inserted, gnuhash.FILE_TABLE_SIZE,
                               gnuhash.jhash_string)
    return [by_name[name] for name in order]


def print_files(mk, w):
    w("\n# Files\n")
    goals = command_line_goals(mk)
    fatal = stopped_by_missing_rule(mk)
    count = 0
    for f in all_files(mk):
        for entry in file_entries(mk, f, goals, fatal):
            count += 1
            w("\n")
            for line in entry:
                w(line + "\n")
    size = 1024
    while size < count * 2:
        size *= 2
    w("\n# files hash-table stats:\n")
    w(f"# Load={count}/{size}={100.0 * count / size:.0f}%, Rehash=0, "
      "Collisions=0/0=0%")


# --- vpath ------------------------------------------------------------

def search_dirs(dirs):
    """Drop `.` entries, which GNU make leaves out of a search path."""
    return [d for d in dirs if d != "."]


def print_vpaths(mk, w):
    w("\n# VPATH Search Paths\n\n")
    count = 0
    for pattern, _split, dirs in mk.vpaths:
        dirs = search_dirs(dirs)
        if not dirs:
            continue
        count += 1
        w(f"vpath {pattern} {os.pathsep.join(dirs)}\n")
    if count == 0:
        w("# No 'vpath' search paths.\n")
    else:
        w(f"\n# {count} 'vpath' search paths.\n")
    v = mk.variables.get("VPATH")
    dirs = []
    if v is not None:
        value = mk.expand_value(v) if v.flavor == RECURSIVE else v.value
        for d in value.replace(os.pathsep, " ").split():
            dirs.append(d.rstrip("/") or "/")
    dirs = search_dirs(dirs)
    if not dirs:
        w("\n# No general ('VPATH' variable) search path.\n")
    else:
        w("\n# General ('VPATH' variable) search path:\n# "
          f"{os.pathsep.join(dirs)}\n")


def print_statistics(mk, w):
    # GNU make reports its string cache here; pymake has none, so these
    # lines count the variable and file names instead.
    names = len(mk.variables) + len(mk.files)
    size = sum(len(n) + 1 for n in mk.variables) + \
        sum(len(n) + 1 for n in mk.files)
    avg = size // names if names else 0
    w(f"\n# strcache buffers: 1 (0) / strings = {names} / storage = "
      f"{size} B / avg = {avg} B\n")
    w(f"# current buf: size = 8162 B / used = {size} B / count = {names} "
      f"/ avg = {avg} B\n")
    w(f"\n# strcache performance: lookups = {names} / hit rate = 0%\n")
    w("# hash-table stats:\n")
    w(f"# Load={names}/8192={100.0 * names / 8192:.0f}%, Rehash=0, "
      f"Collisions=0/{names}=0%\n")
