"""The environment of recipes and $(shell): which variables are exported."""

import re

from pymake.variables import (AUTOMATIC, COMMAND_LINE, DEFAULT, ENVIRONMENT,
                              ENV_OVERRIDE)

_EXPORTABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ALWAYS_EXPORTED_ORIGINS = (ENVIRONMENT, ENV_OVERRIDE, COMMAND_LINE)


def is_exported(mk, v, export=None):
    """Return whether v goes into a child's environment.  `export` is
    the explicit setting v inherits from an outer definition when it has
    none of its own."""
    if v.export is not None:
        return v.export
    if export is not None:
        return export
    if v.origin == DEFAULT or v.origin == AUTOMATIC:
        return False
    if not _EXPORTABLE.match(v.name):
        return False
    if mk.export_all:
        return True
    return v.origin in _ALWAYS_EXPORTED_ORIGINS


def build_environment(mk, for_shell_function=False, recursive=False):
    """Return the environment for a child process in mk's current scope.

    ``recursive`` is true for a recipe with a recursive line (``+`` or
    ``$(MAKE)``).  Other children get MAKEFLAGS with the jobserver
    withheld when the jobserver uses inherited pipe descriptors.
    """
    env = {}
    seen = set()
    hidden_from = mk.scope.private_from
    # The innermost definition of each name, and the export setting it
    # inherits: a target-specific variable with no export or unexport of
    # its own is exported as the next definition out is, as in GNU
    # make's target_environment.
    chosen = {}
    for index, varset in enumerate(mk.scope.sets):
        for name, v in list(varset.items()):
            if v.private and index >= hidden_from:
                continue
            entry = chosen.get(name)
            if entry is None:
                chosen[name] = [v, None]
            elif entry[0].export is None and entry[1] is None:
                entry[1] = v.export
    for name, (v, inherited) in chosen.items():
        seen.add(name)
        if not is_exported(mk, v, inherited):
            continue
        if name in ("MAKEFLAGS", "MAKELEVEL", "SHELL", "MFLAGS"):
            continue
        if v.expanding:
            # Exporting a variable to $(shell) while it is being expanded
            # would recurse forever: keep its outer value.
            if name in mk.env:
                env[name] = mk.env[name]
            continue
        try:
            env[name] = mk.expand_value(v)
        except RecursionError:
            continue
    # Environment variables that make does not track pass through.
    for name, value in mk.env.items():
        if name not in seen and name not in env:
            env[name] = value
    for name in list(env):
        v = mk.scope.lookup(name)
        if v is not None and v.export is False:
            del env[name]
        elif not name or "=" in name or "\0" in name or \
                "\0" in env[name]:
            # The operating system cannot pass such a variable.
            del env[name]
    shell = mk.env.get("SHELL")
    sv = mk.scope.lookup("SHELL")
    if sv is not None and sv.export:
        env["SHELL"] = mk.expand_value(sv)
    elif shell is not None:
        env["SHELL"] = shell
    else:
        env.pop("SHELL", None)
    env["MAKELEVEL"] = str(mk.makelevel + 1)
    # GNU make exports MAKEFLAGS and MFLAGS even when they are empty.
    env["MAKEFLAGS"] = mk.child_makeflags()
    if not recursive and mk.jobserver_invalid_auth:
        env["MAKEFLAGS"] = withhold_jobserver(env["MAKEFLAGS"],
                                              mk.jobserver_invalid_auth)
    env["MFLAGS"] = mk.child_mflags()
    return env


def withhold_jobserver(makeflags, invalid_auth):
    """Add ``invalid_auth`` to a MAKEFLAGS value that names a jobserver.

    The word goes before the `` -- `` that starts the variable assignments,
    and being the last jobserver option it overrides the real one, as in
    GNU make 4.4.1 (target_environment in src/variable.c).
    """
    if " --jobserver-auth=" not in makeflags:
        return makeflags
    before, separator, assignments = makeflags.partition(" -- ")
    return before + " " + invalid_auth + separator + assignments
