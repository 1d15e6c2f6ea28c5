"""Variables, their origins and flavors, and the scopes they live in."""

# Origins, in GNU make's priority order: a definition may replace an
# existing variable only if its origin ranks at least as high.
DEFAULT = "default"
ENVIRONMENT = "environment"
FILE = "file"
ENV_OVERRIDE = "environment override"
COMMAND_LINE = "command line"
OVERRIDE = "override"
AUTOMATIC = "automatic"

ORIGIN_RANK = {
    DEFAULT: 0,
    ENVIRONMENT: 1,
    FILE: 2,
    ENV_OVERRIDE: 3,
    COMMAND_LINE: 4,
    OVERRIDE: 5,
    AUTOMATIC: 6,
}

RECURSIVE = "recursive"
SIMPLE = "simple"

# Export states: None leaves the choice to the global rules.
EXPORT_DEFAULT = None


class Variable:
    __slots__ = ("name", "value", "flavor", "origin", "export", "private",
                 "append", "conditional", "location", "expanding")

    def __init__(self, name, value, flavor=RECURSIVE, origin=FILE,
                 location=None):
        self.name = name
        self.value = value
        self.flavor = flavor
        self.origin = origin
        self.export = EXPORT_DEFAULT
        self.private = False
        # Target-specific `+=` and `?=`: resolved against the outer scope
        # when the variable is looked up.
        self.append = False
        self.conditional = False
        self.location = location
        self.expanding = False

    @property
    def recursive(self):
        return self.flavor == RECURSIVE

    def copy(self):
        v = Variable(self.name, self.value, self.flavor, self.origin,
                     self.location)
        v.export = self.export
        v.private = self.private
        v.append = self.append
        v.conditional = self.conditional
        return v


class VariableSet(dict):
    """A mapping of variable names to Variable objects."""

    __slots__ = ()


class Scope:
    """A chain of variable sets searched innermost first.

    `sets` is a tuple of VariableSet; `private_from` is the index from
    which private variables are hidden (sets inherited from a parent
    target).
    """

    __slots__ = ("sets", "private_from")

    def __init__(self, sets, private_from=None):
        self.sets = sets
        self.private_from = private_from if private_from is not None \
            else len(sets)

    def lookup(self, name):
        for i, s in enumerate(self.sets):
            v = s.get(name)
            if v is not None:
                if v.private and i >= self.private_from:
                    continue
                return v
        return None

    def lookup_outer(self, name, var):
        """Find the definition of `name` that `var` (a target-specific
        `+=` or `?=`) refers to: the next one outward from var's set."""
        found = False
        for i, s in enumerate(self.sets):
            v = s.get(name)
            if v is None:
                continue
            if found:
                if v.private and i >= self.private_from:
                    continue
                return v
            if v is var:
                found = True
        return None
