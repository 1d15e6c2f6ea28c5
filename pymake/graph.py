"""The dependency graph: files (targets), their rules and pattern rules."""


class Commands:
    """A recipe: its logical lines and where it was defined."""

    __slots__ = ("lines", "linenos", "location")

    def __init__(self, lines, location, linenos=None):
        self.lines = lines
        self.location = location
        self.linenos = linenos or [location.lineno + i
                                   for i in range(len(lines))]


class Dep:
    """One prerequisite of a rule."""

    __slots__ = ("name", "order_only", "file", "wait", "need_2nd", "raw")

    def __init__(self, name, order_only=False):
        self.name = name
        self.order_only = order_only
        self.file = None
        # `.WAIT` appeared before this prerequisite.
        self.wait = False
        self.need_2nd = False
        # For the prerequisite text of one rule that awaits its second
        # expansion (kept in `name`, in its place among the others): a
        # tuple of the static pattern stem or None.  None for a file.
        self.raw = None


class Rule:
    """One explicit rule's contribution to a file (several for `::`)."""

    __slots__ = ("deps", "commands", "location", "stem", "raw_deps")

    def __init__(self, deps, commands, location):
        self.deps = deps
        self.commands = commands
        self.location = location
        self.stem = None
        # Unexpanded prerequisite text for .SECONDEXPANSION.
        self.raw_deps = None


# File update states, as the scheduler tracks them.
NOT_STARTED = 0
DEPS_RUNNING = 1
RUNNING = 2
FINISHED = 3


class File:
    """A target or prerequisite: a name in the graph."""

    __slots__ = (
        "name", "deps", "commands", "double_colon", "phony", "precious",
        "intermediate", "secondary", "notintermediate", "is_target",
        "variables", "mtime", "stem", "state", "status", "updating",
        "changed", "tried_implicit", "dontcare", "also_make", "group",
        "parent", "silent", "ignore", "mentioned", "rule_location",
        "vpath_name", "implicit_rule", "raw_deps", "job", "considered",
        "from_implicit", "cmds_ran", "ctx_scope", "builtin_rule", "dc_nodes",
        "current", "dep_cursor", "extra_added", "job_recursive_only",
        "walk_pass", "no_diag",
    )

    def __init__(self, name):
        self.name = name
        self.deps = []
        self.commands = None
        # For `::` rules, the list of Rule objects; None otherwise.
        self.double_colon = None
        self.phony = False
        self.precious = False
        self.intermediate = False
        self.secondary = False
        self.notintermediate = False
        self.is_target = False
        self.variables = None
        self.mtime = None
        self.stem = None
        self.state = NOT_STARTED
        self.status = 0
        self.updating = False
        self.changed = False
        self.tried_implicit = False
        self.dontcare = False
        self.also_make = None
        self.group = None
        self.parent = None
        self.silent = False
        self.ignore = False
        self.mentioned = False
        self.rule_location = None
        self.vpath_name = None
        self.implicit_rule = None
        self.raw_deps = None
        self.job = None
        self.considered = False
        self.from_implicit = False
        self.cmds_ran = False
        self.ctx_scope = None
        self.builtin_rule = False
        self.dc_nodes = ()
        # Prerequisites before this index are known to be up to date.
        self.dep_cursor = 0
        self.extra_added = False
        self.job_recursive_only = False
        # Engine.walk_pass when the scheduler last walked this file.
        self.walk_pass = -1
        # Failed quietly while an -include makefile was remade: a target
        # that needs it later reports the missing rule.
        self.no_diag = False

    def __repr__(self):
        return f"File({self.name!r})"


class PatternRule:
    """A pattern rule: target patterns, prerequisite patterns, recipe."""

    __slots__ = ("targets", "deps", "order_only", "commands", "terminal",
                 "location", "target_split", "builtin", "suffix_rule",
                 "raw_deps", "waits")

    def __init__(self, targets, deps, order_only, commands, terminal,
                 location, builtin=False):
        self.targets = targets
        self.deps = deps
        self.order_only = order_only
        self.commands = commands
        self.terminal = terminal
        self.location = location
        self.builtin = builtin
        self.suffix_rule = None
        self.raw_deps = None
        # Indices into deps of the prerequisites that follow a `.WAIT`.
        self.waits = frozenset()
        # Each target pattern as (prefix, suffix) around its `%`.
        self.target_split = []
        for t in targets:
            i = t.find("%")
            self.target_split.append((t[:i], t[i + 1:]))

    def is_match_anything(self):
        return any(p == "" and s == "" for p, s in self.target_split)


def strip_dot_slash(name):
    """Drop leading `./` from a file name, as GNU make does when it
    looks a name up."""
    while name.startswith("./"):
        rest = name[2:].lstrip("/")
        if not rest:
            break
        name = rest
    return name
