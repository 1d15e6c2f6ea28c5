"""GNU make's command line: switches, MAKEFLAGS, and the MAKEFLAGS value
passed to sub-makes.

Parsing follows getopt_long as GNU make uses it: clustered short flags
(`-pRrq`, `-kj4`), optional arguments (`-j`, `-l`, `-O`, `--debug`),
unique prefixes of long options, and `VAR=value` words.  click's parser
cannot express optional option arguments in GNU's way, so click is used
only to lay out `--help`.
"""

import re

# (short letter or None, long name, argument kind, key)
# kind: None (flag), "req" (required), "opt" (optional, attached only for
# long options; short -j/-l take a following number).
SWITCHES = [
    ("b", None, None, "ignore"),
    ("m", None, None, "ignore"),
    ("B", "always-make", None, "always_make"),
    ("d", None, None, "debug_all"),
    ("e", "environment-overrides", None, "env_overrides"),
    ("E", "eval", "req", "eval"),
    ("h", "help", None, "help"),
    ("i", "ignore-errors", None, "ignore_errors"),
    ("k", "keep-going", None, "keep_going"),
    ("L", "check-symlink-times", None, "check_symlinks"),
    ("n", "just-print", None, "just_print"),
    ("p", "print-data-base", None, "print_database"),
    ("q", "question", None, "question"),
    ("r", "no-builtin-rules", None, "no_builtin_rules"),
    ("R", "no-builtin-variables", None, "no_builtin_variables"),
    ("s", "silent", None, "silent"),
    ("S", "no-keep-going", None, "no_keep_going"),
    ("t", "touch", None, "touch"),
    ("v", "version", None, "version"),
    ("w", "print-directory", None, "print_directory"),
    ("C", "directory", "req", "directory"),
    ("f", "file", "req", "file"),
    ("I", "include-dir", "req", "include_dir"),
    ("j", "jobs", "opt", "jobs"),
    ("l", "load-average", "opt", "load_average"),
    ("o", "old-file", "req", "old_file"),
    ("O", "output-sync", "opt", "output_sync"),
    ("W", "what-if", "req", "new_file"),
    (None, "debug", "opt", "debug"),
    (None, "jobserver-auth", "req", "jobserver_auth"),
    (None, "trace", None, "trace"),
    (None, "no-print-directory", None, "no_print_directory"),
    (None, "warn-undefined-variables", None, "warn_undefined"),
    (None, "sync-mutex", "req", "sync_mutex"),
    (None, "no-silent", None, "no_silent"),
    (None, "jobserver-fds", "req", "jobserver_auth"),
    (None, "temp-stdin", "req", "file"),
    (None, "shuffle", "opt", "shuffle"),
    (None, "jobserver-style", "req", "jobserver_style"),
    # Aliases.
    (None, "quiet", None, "silent"),
    (None, "stop", None, "no_keep_going"),
    (None, "new-file", "req", "new_file"),
    (None, "assume-new", "req", "new_file"),
    (None, "assume-old", "req", "old_file"),
    (None, "max-load", "opt", "load_average"),
    (None, "dry-run", None, "just_print"),
    (None, "recon", None, "just_print"),
    (None, "makefile", "req", "file"),
]

SHORT = {s[0]: s for s in SWITCHES if s[0]}
LONG = {s[1]: s for s in SWITCHES if s[1]}


class UsageError(Exception):
    """A bad option: GNU make prints the message and its usage, exit 2."""


class Parsed:
    def __init__(self):
        self.settings = []       # (key, value) in order
        self.variables = []      # "NAME=value" words
        self.goals = []


def _numeric(text):
    return text.isdigit()


def parse_args(args, parsed=None, from_env=False):
    """Parse argument words into `parsed` (a Parsed)."""
    if parsed is None:
        parsed = Parsed()
    i = 0
    n = len(args)
    only_operands = False
    while i < n:
        a = args[i]
        i += 1
        if only_operands or not a.startswith("-") or a == "-":
            if "=" in a and _is_variable_word(a):
                parsed.variables.append(a)
            elif not from_env:
                parsed.goals.append(a)
            continue
        if a == "--":
            only_operands = True
            continue
        if a.startswith("--"):
            body = a[2:]
            name, eq, value = body.partition("=")
            sw = LONG.get(name)
            if sw is None:
                matches = [k for k in LONG if k.startswith(name)]
                keys = {LONG[k][3] for k in matches}
                if len(keys) == 1:
                    sw = LONG[matches[0]]
                elif len(matches) > 1:
                    raise UsageError(f"option '--{name}' is ambiguous")
                else:
                    if from_env:
                        continue
                    raise UsageError(f"unrecognized option '--{name}'")
            kind = sw[2]
            if kind is None:
                if eq:
                    raise UsageError(
                        f"option '--{sw[1]}' doesn't allow an argument")
                parsed.settings.append((sw[3], True))
            elif kind == "req":
                if not eq:
                    if i >= n:
                        raise UsageError(
                            f"option '--{sw[1]}' requires an argument")
                    value = args[i]
                    i += 1
                parsed.settings.append((sw[3], value))
            else:
                parsed.settings.append((sw[3], value if eq else None))
            continue
        # A cluster of short options.
        j = 1
        while j < len(a):
            c = a[j]
            j += 1
            sw = SHORT.get(c)
            if sw is None:
                if from_env:
                    continue
                raise UsageError(f"invalid option -- '{c}'")
            kind = sw[2]
            if kind is None:
                parsed.settings.append((sw[3], True))
                continue
            rest = a[j:]
            if kind == "req":
                if rest:
                    value = rest
                else:
                    if i >= n:
                        raise UsageError(
                            f"option requires an argument -- '{c}'")
                    value = args[i]
                    i += 1
                parsed.settings.append((sw[3], value))
                break
            # Optional argument: attached, or for -j/-l a following number.
            if rest:
                parsed.settings.append((sw[3], rest))
                break
            if c in "jl" and i < n and _looks_numeric(args[i], c):
                parsed.settings.append((sw[3], args[i]))
                i += 1
                break
            parsed.settings.append((sw[3], None))
            break
    return parsed


def _looks_numeric(word, c):
    if c == "j":
        return word.isdigit()
    # GNU make takes the next word as the load for -l when it starts with
    # a digit or a dot.
    return word[:1].isdigit() or word[:1] == "."


def _is_variable_word(word):
    eq = word.find("=")
    if eq <= 0:
        return False
    return True


def split_makeflags(value):
    """Split a MAKEFLAGS value into words, honouring backslash escapes.

    The first word, when it does not start with `-`, is a cluster of
    single-letter flags.
    """
    words = []
    cur = []
    i = 0
    n = len(value)
    in_word = False
    while i < n:
        c = value[i]
        if c == "\\" and i + 1 < n:
            cur.append(value[i + 1])
            in_word = True
            i += 2
            continue
        if c in " \t":
            if in_word:
                words.append("".join(cur))
                cur = []
                in_word = False
            i += 1
            continue
        cur.append(c)
        in_word = True
        i += 1
    if in_word:
        words.append("".join(cur))
    if words and not words[0].startswith("-") and "=" not in words[0]:
        words[0] = "-" + words[0]
    return words


def quote_for_env(text):
    out = []
    for c in text:
        if c in " \t\\":
            out.append("\\")
        out.append(c)
    return "".join(out)


_FLOAT_PREFIX = re.compile(
    r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def parse_float(text):
    """Read a number as C's atof() does: the longest leading decimal
    number, or 0 when there is none."""
    found = _FLOAT_PREFIX.match(text)
    if found is None:
        return 0.0
    return float(found.group(0))
