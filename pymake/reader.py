"""Reading makefiles: logical lines, directives, assignments and rules.

The parse is driven by evaluation, as in GNU make: whether a line is a
recipe line depends on the rule before it, `.RECIPEPREFIX` may change
between lines, and a rule's colon may come out of a variable.  So lines
are classified one at a time, against the state built so far.
"""

import os
import re
from sys import intern

from pymake.errors import Location, MakeError, error
from pymake.expand import expand

BLANKS = " \t"
SPACES = " \t\n\r\f\v"

CONDITIONAL_WORDS = ("ifdef", "ifndef", "ifeq", "ifneq", "else", "endif")
ASSIGN_OPS = ("=", ":=", "::=", ":::=", "+=", "?=", "!=")


def split_physical(text):
    """Split makefile text into physical lines, accepting CRLF ends."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _continued(line):
    """True when the line ends in an odd number of backslashes."""
    if not line.endswith("\\"):
        return False
    n = len(line) - len(line.rstrip("\\"))
    return n % 2 == 1


def collapse_continuations(text, posix=False):
    """Join backslash-newlines outside recipes into single spaces, with the
    whitespace around them.  Under .POSIX the whitespace before the
    backslash stays, and each backslash-newline gives one space."""
    if "\n" not in text:
        return text
    parts = text.split("\n")
    out = parts[0]
    for nxt in parts[1:]:
        # `out` ends in a backslash that escapes this newline.
        if posix:
            out = out[:-1]
            stripped = nxt.lstrip(BLANKS)
            if stripped.endswith("\\") and not stripped[:-1].strip():
                out = out + " \\"
                continue
            out = out + " " + stripped
            continue
        out = out[:-1].rstrip(BLANKS)
        out = out + " " + nxt.lstrip(BLANKS)
    return out


def skip_reference(text, i):
    """Given text[i] == '$', return the index just past the reference."""
    n = len(text)
    if i + 1 >= n:
        return n
    c = text[i + 1]
    if c not in "({":
        return i + 2
    close = ")" if c == "(" else "}"
    count = 0
    j = i + 2
    while j < n:
        ch = text[j]
        if ch == c:
            count += 1
        elif ch == close:
            if count == 0:
                return j + 1
            count -= 1
        j += 1
    return n


# Compiled patterns for find_unquoted, by (chars, skip_refs).
_unquoted_patterns = {}


def find_unquoted(text, chars, skip_refs=True):
    """Index of the first char of `chars` outside references and not
    escaped by a backslash, or -1."""
    for char in chars:
        if char in text:
            break
    else:
        return -1
    pattern = _unquoted_patterns.get((chars, skip_refs))
    if pattern is None:
        stops = re.escape(chars + "$" if skip_refs else chars)
        pattern = _unquoted_patterns[chars, skip_refs] = \
            re.compile(f"[{stops}]")
    search = pattern.search
    i = 0
    while True:
        match = search(text, i)
        if match is None:
            return -1
        i = match.start()
        if text[i] == "$" and skip_refs:
            i = skip_reference(text, i)
            continue
        # An odd number of backslashes before it quotes it.
        k = i
        while k > 0 and text[k - 1] == "\\":
            k -= 1
        if (i - k) % 2 == 0:
            return i
        i += 1


def find_char_unquote(text, stop):
    """Find the first `stop` not quoted by a backslash, as GNU make finds
    the colons of a rule: each run of backslashes before a `stop` loses
    half of its length, rounded up.  Return the new text and the index,
    or -1."""
    start = 0
    while True:
        at = text.find(stop, start)
        if at < 0:
            return text, -1
        count = 0
        while at - count > 0 and text[at - count - 1] == "\\":
            count += 1
        if count == 0:
            return text, at
        removed = count - count // 2
        text = text[:at - count] + "\\" * (count - removed) + text[at:]
        at -= removed
        if count % 2 == 0:
            return text, at
        start = at + 1


def remove_comment(text):
    """Cut text at its first unquoted `#` outside references and turn
    `\\#` into `#`."""
    if "#" not in text:
        return text
    i = find_unquoted(text, "#")
    if i >= 0:
        text = text[:i]
    if "\\#" in text:
        text = _unquote(text, "#", skip_refs=True)
    return text


def _unquote(text, char, skip_refs=False):
    """Remove backslashes quoting `char`: `\\#` becomes `#` and `\\\\#`
    becomes `\\#`.  With skip_refs, variable references are kept as they
    are, as GNU make keeps `$(call f,\\#)`."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "$" and skip_refs:
            end = skip_reference(text, i)
            out.append(text[i:end])
            i = end
            continue
        if c == "\\":
            k = i
            while k < n and text[k] == "\\":
                k += 1
            if k < n and text[k] == char:
                count = k - i
                out.append("\\" * (count // 2))
                if count % 2:
                    out.append(char)
                    i = k + 1
                    continue
                i = k
                continue
            out.append(text[i:k])
            i = k
            continue
        out.append(c)
        i += 1
    return "".join(out)


# A name without `$`, `+`, `?` or `!`, then the operator if one follows.
_PLAIN_ASSIGNMENT = re.compile(
    r"([^$=:+?! \t\n\r\f\v]*)([ \t\n\r\f\v]*)(:::=|::=|:=|\+=|\?=|!=|=)?")
# The characters at which _scan_assignment has something to decide.
_ASSIGNMENT_STOPS = re.compile(r"[$=:+?! \t\n\r\f\v]")


def parse_assignment(text):
    """Find a variable assignment in `text` (comments already removed).

    Returns (name, op, value) or None when the text is not one.
    """
    match = _PLAIN_ASSIGNMENT.match(text)
    op = match.group(3)
    if op is not None:
        return text[:match.end(1)], op, text[match.end():].lstrip(SPACES)
    i = match.end()
    # After blanks only an operator may come; a `:` not starting one ends
    # the name too.
    if match.group(2) or i >= len(text) or text[i] == ":":
        return None
    return _scan_assignment(text, i)


def _scan_assignment(text, i):
    """Continue parse_assignment from a `$` or from `+`, `?` or `!` that
    is not followed by `=`."""
    n = len(text)
    search = _ASSIGNMENT_STOPS.search
    while True:
        match = search(text, i)
        if match is None:
            return None
        i = match.start()
        c = text[i]
        if c == "$":
            i = skip_reference(text, i)
            continue
        if c == "=":
            return text[:i].strip(SPACES), "=", text[i + 1:].lstrip(SPACES)
        if c == ":":
            for op in (":::=", "::=", ":="):
                if text.startswith(op, i):
                    return (text[:i].strip(SPACES), op,
                            text[i + len(op):].lstrip(SPACES))
            return None
        if c in "+?!":
            if i + 1 < n and text[i + 1] == "=":
                return (text[:i].strip(SPACES), c + "=",
                        text[i + 2:].lstrip(SPACES))
            i += 1
            continue
        # Whitespace: an operator must follow it.
        rest = text[i:].lstrip(SPACES)
        if not rest:
            return None
        for op in (":::=", "::=", ":=", "+=", "?=", "!=", "="):
            if rest.startswith(op):
                return (text[:i].strip(SPACES), op,
                        rest[len(op):].lstrip(SPACES))
        return None


MODIFIERS = ("export", "unexport", "override", "private", "define",
             "undefine")


def parse_modifiers(text, targvar=False):
    """Split leading assignment modifiers off `text`.

    Returns (modifiers, rest, assignment) where assignment is the result
    of parse_assignment on the rest, or None.  For `define` and
    `undefine`, assignment is ("NAME [op]" text, kind, None).
    """
    mods = []
    rest = text.lstrip(SPACES)
    while True:
        a = parse_assignment(rest)
        if a is not None:
            return mods, rest, a
        word, _, after = rest.partition(" ")
        if "\t" in word:
            word, _, after2 = rest.partition("\t")
            after = after2
        if word not in MODIFIERS or (targvar and word in ("define",
                                                          "undefine")):
            return None
        mods.append(word)
        rest = after.lstrip(SPACES)
        if word in ("define", "undefine"):
            return mods, rest, None
        if not rest:
            return None


def word_split(text):
    return text.split()


class Conditionals:
    __slots__ = ("stack",)

    def __init__(self):
        # Each entry: [ignoring state 0/1/2, seen_else]
        self.stack = []

    def ignoring(self):
        if not self.stack:
            return False
        for entry in self.stack:
            if entry[0]:
                return True
        return False


# Kinds of classified logical lines.  Classification depends only on the
# text of the line (and on .POSIX for continued lines), so its result can be
# cached on disk; see pymake/parsecache.py.
BLANK = 0        # a comment or whitespace: nothing to do
# (ASSIGNMENT, modifiers, (name, op, value)) or, for define and undefine,
# (ASSIGNMENT, modifiers, text after the modifiers).
ASSIGNMENT = 1
# (CONDITIONAL, word, text after it, split_eq_args of that text for ifeq
# and ifneq or None)
CONDITIONAL = 2
DIRECTIVE = 3    # (DIRECTIVE, word, text after it)
RULE = 4         # (RULE, head, recipe text or None, colon index in head)

OTHER_DIRECTIVES = frozenset((
    "endef", "export", "unexport", "vpath", "include", "-include",
    "sinclude", "load", "-load"))


def logical_line(lines, start):
    """Return (end index, logical line) for the line starting at `start`:
    physical lines joined by backslash-newlines, as GNU make reads them."""
    line = lines[start]
    end = start + 1
    if not _continued(line):
        return end, line
    parts = [line]
    count = len(lines)
    while _continued(parts[-1]) and end < count:
        parts.append(lines[end])
        end += 1
    if _continued(parts[-1]):
        # A backslash on the last line continues onto nothing.
        parts.append("")
    return end, "\n".join(parts)


def classify(line, posix=False):
    """Classify a non-empty logical line that is not read as a recipe line.

    The result is a tuple of strings, ints, None and tuples, so marshal
    can store it.  Errors that depend only on the text are reported when
    the line is evaluated, not here.
    """
    first = line.lstrip(SPACES)[:1]
    if first == "#" or not first:
        # A comment line (its comment runs on over continuations) or blanks.
        return (BLANK,)
    text = remove_comment(collapse_continuations(line, posix))
    stripped = text.lstrip(SPACES)

    # Assignments first, so that variables may be named like directives.
    parsed = parse_modifiers(stripped)
    if parsed is not None:
        mods, rest, assignment = parsed
        mods = tuple(intern(word) for word in mods)
        if assignment is None:
            return ASSIGNMENT, mods, rest
        name, op, value = assignment
        return ASSIGNMENT, mods, (name, intern(op), value)

    words = stripped.split(None, 1)
    if not words:
        return (BLANK,)
    # Interned words make marshal store each of them once.
    word = intern(words[0])
    after = stripped[len(word):].lstrip(SPACES)
    if word in CONDITIONAL_WORDS:
        # `ifeq` and `ifneq` need a blank after them to be directives.
        if word not in ("ifeq", "ifneq") or \
                stripped[len(word):len(word) + 1] in BLANKS:
            eq_args = None
            if word in ("ifeq", "ifneq"):
                eq_args = split_eq_args(after)
            return CONDITIONAL, word, after, eq_args
    if word in OTHER_DIRECTIVES:
        return DIRECTIVE, word, after
    return (RULE,) + split_rule_line(line)


def split_rule_line(line):
    """Split a rule line into (head, recipe text or None, colon index).

    The head is the text before an unquoted `;` or `#`, with its
    continuations collapsed.  The colon index is that of the head's first
    unquoted `:` outside references, or -1.
    """
    cut = find_unquoted(line, ";#")
    recipe = None
    if cut >= 0:
        if line[cut] == ";":
            recipe = line[cut + 1:]
        head = line[:cut]
    else:
        head = line
    if "\\#" in head:
        head = _unquote(head, "#", skip_refs=True)
    head = collapse_continuations(head)
    return head, recipe, find_unquoted(head, ":")


def split_eq_args(line):
    """Split the arguments of `ifeq` or `ifneq`: `(a,b)` or two quoted
    strings.  Returns (a, b, True when text follows them) or None on a
    syntax error."""
    if not line:
        return None
    termin = line[0]
    if termin == "(":
        count = 0
        i = 1
        while i < len(line):
            c = line[i]
            if c == "(":
                count += 1
            elif c == ")":
                count -= 1
            elif c == "," and count <= 0:
                break
            i += 1
        if i >= len(line):
            return None
        s1 = line[1:i].rstrip(BLANKS)
        rest = line[i + 1:].lstrip(SPACES)
        count = 0
        j = 0
        while j < len(rest):
            c = rest[j]
            if c == "(":
                count += 1
            elif c == ")":
                if count <= 0:
                    break
                count -= 1
            j += 1
        if j >= len(rest):
            return None
        s2 = rest[:j]
        tail = rest[j + 1:]
    elif termin in "\"'":
        end = line.find(termin, 1)
        if end < 0:
            return None
        s1 = line[1:end]
        rest = line[end + 1:].lstrip(SPACES)
        if not rest or rest[0] not in "\"'":
            return None
        t2 = rest[0]
        end2 = rest.find(t2, 1)
        if end2 < 0:
            return None
        s2 = rest[1:end2]
        tail = rest[end2 + 1:]
    else:
        return None
    return s1, s2, bool(tail.strip(SPACES))


class Reader:
    """Evaluates makefile text into the make state `mk`.

    `entries`, when given, is a list as long as `lines` that contains the
    result of classify for the logical line that starts at an index, or
    None where no line was classified.  Run fills in the entries it
    computes, so that the list can be cached for the same text.
    """

    def __init__(self, mk, filename, lines, first_lineno=1, set_default=True,
                 entries=None, advance_lineno=True):
        self.mk = mk
        self.filename = filename
        self.lines = lines
        self.index = 0
        self.first_lineno = first_lineno
        # GNU make gives every line of $(eval) text the line number of the
        # $(eval) call, so Make.eval_text passes False.
        self.advance_lineno = advance_lineno
        self.cond = Conditionals()
        self.set_default = set_default
        # The rule whose recipe lines are being read.
        self.pending = None
        self.no_targets = False
        self.in_ignored_define = False
        self.entries = [None] * len(lines) if entries is None else entries

    def location(self, lineno):
        return Location(self.filename, lineno)

    def lineno_at(self, index):
        """Return the line number of the physical line at index."""
        if not self.advance_lineno:
            return self.first_lineno
        return index + self.first_lineno

    def run(self):
        mk = self.mk
        saved_loc = mk.loc
        lines = self.lines
        entries = self.entries
        count = len(lines)
        filename = self.filename
        get_variable = mk.variables.get
        # A local copy of self.index, stored back around evaluate because a
        # define reads the lines that follow it.
        index = self.index
        try:
            while index < count:
                start = index
                line = lines[index]
                if line.endswith("\\"):
                    index, line = logical_line(lines, start)
                else:
                    index += 1
                if not line:
                    continue
                prefix_variable = get_variable(".RECIPEPREFIX")
                if prefix_variable is None or not prefix_variable.value:
                    prefix = "\t"
                else:
                    prefix = self.recipe_prefix(self.lineno_at(start))
                if line[0] == prefix:
                    if self.no_targets:
                        continue
                    if self.pending is not None:
                        if not self.cond.ignoring():
                            self.pending.add_recipe_line(
                                line[1:], self.lineno_at(start))
                        continue
                classified = entries[start]
                if classified is None:
                    if "\n" in line and mk.posix:
                        classified = classify(line, True)
                    else:
                        classified = entries[start] = classify(line)
                elif "\n" in line and mk.posix:
                    # Under .POSIX continuations read differently, and only
                    # the reading without it is stored.
                    classified = classify(line, True)
                if classified[0] == BLANK:
                    continue
                lineno = self.lineno_at(start)
                mk.loc = Location(filename, lineno)
                self.index = index
                self.evaluate(classified, line, lineno, prefix)
                index = self.index
            if self.cond.stack:
                end = self.lineno_at(count)
                raise MakeError("missing 'endif'", self.location(end))
            self.record_pending()
        finally:
            mk.loc = saved_loc

    def recipe_prefix(self, lineno=None):
        v = self.mk.variables.get(".RECIPEPREFIX")
        if v is None or not v.value:
            return "\t"
        if v.recursive:
            if lineno is not None:
                # Errors in the expansion name the line being read.
                self.mk.loc = self.location(lineno)
            value = expand(self.mk, v.value)
        else:
            value = v.value
        return value[0] if value else "\t"

    def evaluate(self, classified, line, lineno, prefix):
        """Evaluate a classified line that is not a recipe line."""
        mk = self.mk
        kind = classified[0]
        if kind == ASSIGNMENT:
            mods = classified[1]
            if self.cond.ignoring():
                if "define" in mods:
                    self.in_ignored_define = True
                    self.skip_define()
                return
            self.record_pending()
            self.assignment(mods, classified[2], lineno)
            return
        if kind == CONDITIONAL:
            self.conditional(classified[1], classified[2], classified[3])
            return
        if self.cond.ignoring():
            return
        if kind == RULE:
            if line[0] == prefix:
                raise MakeError("recipe commences before first target",
                                mk.loc)
            self.rule_line(line, lineno, classified[1:])
            return

        word, after = classified[1], classified[2]
        if word == "endef":
            raise MakeError("extraneous 'endef'", mk.loc)
        if word in ("export", "unexport"):
            self.record_pending()
            exporting = word == "export"
            if not after:
                mk.export_all = exporting
                mk.unexport_all = not exporting
            else:
                for name in expand(mk, after).split():
                    v = mk.variables.get(name)
                    if v is None:
                        v = mk.define_global(name, "", origin="file")
                    v.export = exporting
            return
        if word == "vpath":
            self.record_pending()
            words = expand(mk, after).split(None, 1)
            if not words:
                mk.vpath_clear(None)
            elif len(words) == 1:
                mk.vpath_clear(words[0])
            else:
                mk.vpath_add(words[0], words[1])
            return
        if word in ("include", "-include", "sinclude"):
            self.record_pending()
            names = expand(mk, after).split()
            if names:
                mk.include(names, word != "include", mk.loc,
                           self.set_default)
            return
        # load, -load
        self.record_pending()
        names = expand(mk, after).split()
        if names and word == "load":
            raise MakeError(f"{names[0]}: failed to load", mk.loc)

    # --- conditionals -------------------------------------------------

    def conditional(self, word, after, eq_args=None):
        """Process a conditional directive, given the text after it and,
        for ifeq and ifneq, the result of split_eq_args on that text."""
        mk = self.mk
        stack = self.cond.stack
        if word == "endif":
            if after:
                error("extraneous text after 'endif' directive", mk.loc)
            if not stack:
                raise MakeError("extraneous 'endif'", mk.loc)
            stack.pop()
            return True
        if word == "else":
            if not stack:
                raise MakeError("extraneous 'else'", mk.loc)
            entry = stack[-1]
            if entry[1]:
                raise MakeError("only one 'else' per conditional", mk.loc)
            if entry[0] == 0:
                entry[0] = 2
            elif entry[0] == 1:
                entry[0] = 0
            if not after:
                entry[1] = True
                return True
            sub = after.split(None, 1)[0]
            if sub in ("else", "endif") or sub not in CONDITIONAL_WORDS:
                error("extraneous text after 'else' directive", mk.loc)
                return True
            rest = after[len(sub):].lstrip(SPACES)
            outer_ignoring = any(e[0] for e in stack[:-1])
            # Evaluate the nested condition only when this branch is the
            # first that may be taken.
            if entry[0] == 0 and not outer_ignoring:
                result = self.evaluate_condition(sub, rest)
                if result is None:
                    raise MakeError("invalid syntax in conditional", mk.loc)
                entry[0] = 0 if result else 1
            return True
        # ifdef, ifndef, ifeq, ifneq
        if self.cond.ignoring():
            stack.append([1, False])
            return True
        result = self.evaluate_condition(word, after, eq_args)
        if result is None:
            raise MakeError("invalid syntax in conditional", mk.loc)
        stack.append([0 if result else 1, False])
        return True

    def evaluate_condition(self, word, text, eq_args=None):
        """True when the branch is taken; None on a syntax error.  For
        `ifeq` and `ifneq`, `eq_args` may give split_eq_args(text)."""
        mk = self.mk
        if word in ("ifdef", "ifndef"):
            name = expand(mk, text)
            words = name.split()
            if len(words) != 1:
                if not words:
                    return None if word == "ifdef" and False else \
                        (word == "ifndef")
                return None
            v = mk.lookup(words[0])
            defined = v is not None and v.value != ""
            return defined if word == "ifdef" else not defined
        if eq_args is None:
            eq_args = split_eq_args(text)
            if eq_args is None:
                return None
        s1, s2, extraneous = eq_args
        if extraneous:
            error("extraneous text after 'ifeq' directive", mk.loc)
        equal = expand(mk, s1) == expand(mk, s2)
        return equal if word == "ifeq" else not equal

    # --- define -------------------------------------------------------

    def read_define_body(self, start_loc):
        """Collect the lines of a define body up to its endef."""
        level = 1
        body = []
        lines = self.lines
        while self.index < len(lines):
            line = lines[self.index]
            self.index += 1
            s = line.lstrip(SPACES)
            w = s.split(None, 1)[0] if s.strip() else ""
            if w == "endef" or (w.startswith("endef") and w[5:6] == "#"):
                rest = s[5:].lstrip(SPACES)
                level -= 1
                if level == 0:
                    if rest and not rest.startswith("#"):
                        error("extraneous text after 'endef' directive",
                              self.location(self.lineno_at(self.index - 1)))
                    return "\n".join(body)
            elif w == "define" or (w in ("override", "export", "private")
                                   and "define" in s.split()[1:2]):
                level += 1
            while _continued(line) and self.index < len(lines):
                line = line + "\n" + lines[self.index]
                self.index += 1
            body.append(collapse_continuations(line))
        raise MakeError("missing 'endef', unterminated 'define'", start_loc)

    def skip_define(self):
        self.read_define_body(self.mk.loc)
        self.in_ignored_define = False

    # --- assignments --------------------------------------------------

    def assignment(self, mods, parsed, lineno):
        """Evaluate an assignment: `parsed` is (name, op, value), or the
        text after `define` or `undefine`."""
        mk = self.mk
        origin = "override" if "override" in mods else "file"
        if "undefine" in mods:
            name = expand(mk, parsed).strip()
            if not name:
                raise MakeError("empty variable name", mk.loc)
            mk.undefine(name, origin)
            return
        if "define" in mods:
            start_loc = mk.loc
            head = parsed.strip(SPACES)
            op = "="
            assignment = parse_assignment(head)
            if assignment is not None:
                head, op, rest = assignment
                if rest.strip(SPACES):
                    # GNU make warns and ignores text after the operator.
                    error("extraneous text after 'define' directive",
                          start_loc)
            name = expand(mk, head).strip()
            if not name:
                raise MakeError("empty variable name", start_loc)
            value = self.read_define_body(start_loc)
            v = mk.assign(name, op, value, origin, start_loc)
        else:
            raw_name, op, value = parsed
            name = expand(mk, raw_name).strip() if "$" in raw_name \
                else raw_name
            if not name:
                raise MakeError("empty variable name", mk.loc)
            v = mk.assign(name, op, value, origin, mk.loc)
        if v is None:
            return
        if "export" in mods:
            v.export = True
        elif "unexport" in mods:
            v.export = False
        if "private" in mods:
            v.private = True

    # --- rules --------------------------------------------------------

    def record_pending(self):
        if self.pending is not None:
            self.pending.finish(self.mk)
            self.pending = None

    def rule_line(self, line, lineno, pieces):
        """Evaluate a rule line split by split_rule_line into `pieces`."""
        mk = self.mk
        self.record_pending()
        head, recipe, colon = pieces
        if not head.strip(SPACES):
            if recipe is not None:
                raise MakeError("missing rule before recipe", mk.loc)
            return

        if colon >= 0:
            targets_text = expand(mk, head[:colon])
            rest_raw = head[colon:]
            inner = find_unquoted(targets_text, ":", skip_refs=False)
            if inner >= 0:
                rest_raw = targets_text[inner:] + rest_raw
                targets_text = targets_text[:inner]
        else:
            expanded = expand(mk, head)
            if recipe is None:
                semi = expanded.find(";")
                if semi >= 0:
                    recipe = expanded[semi + 1:]
                    expanded = expanded[:semi]
            inner = find_unquoted(expanded, ":", skip_refs=False)
            if inner < 0:
                if not expanded.strip(SPACES):
                    return
                if line.startswith("        ") and \
                        self.recipe_prefix() == "\t":
                    raise MakeError("missing separator (did you mean TAB "
                                    "instead of 8 spaces?)", mk.loc)
                s = line.lstrip(SPACES)
                if (s.startswith("ifeq") and s[4:5] not in BLANKS) or \
                        (s.startswith("ifneq") and s[5:6] not in BLANKS):
                    raise MakeError("missing separator (ifeq/ifneq must be "
                                    "followed by whitespace)", mk.loc)
                raise MakeError("missing separator", mk.loc)
            targets_text = expanded[:inner]
            rest_raw = expanded[inner:]
            rest_raw = rest_raw.replace("$", "$$")

        targets_text = find_char_unquote(targets_text, ":")[0]
        grouped = False
        if targets_text.rstrip(SPACES).endswith("&"):
            grouped = True
            targets_text = targets_text.rstrip(SPACES)[:-1]
        targets = mk.parse_names(targets_text, glob=True)
        if not targets:
            self.no_targets = True
            return
        if ".POSIX" in targets:
            # Takes effect from the next line, as in GNU make.
            mk.posix = True
        self.no_targets = False
        rest = rest_raw[1:]
        double = False
        if rest.startswith(":"):
            double = True
            rest = rest[1:]

        # A target-specific variable assignment?
        tv = parse_modifiers(rest, targvar=True)
        if tv is not None:
            mods, vrest, a = tv
            if recipe is not None:
                # The `;` belonged to the value.
                a = (a[0], a[1], a[2] + ";" + collapse_continuations(recipe))
            mk.target_variable(targets, mods, a, mk.loc)
            self.no_targets = True
            return

        deps_text = expand(mk, rest)
        if recipe is None:
            semi = deps_text.find(";")
            if semi >= 0:
                recipe = deps_text[semi + 1:]
                deps_text = deps_text[:semi]

        pattern = None
        deps_text, colon2 = find_char_unquote(deps_text, ":")
        if colon2 >= 0:
            pats = deps_text[:colon2].split()
            if not pats:
                raise MakeError("missing target pattern", mk.loc)
            if len(pats) > 1:
                raise MakeError("multiple target patterns", mk.loc)
            pattern = pats[0]
            if "%" not in pattern:
                raise MakeError("target pattern contains no '%'", mk.loc)
            deps_text = deps_text[colon2 + 1:]

        self.pending = PendingRule(
            targets, deps_text.strip(SPACES), pattern, double, grouped,
            rest, mk.loc, self.set_default and mk.default_goal_settable())
        if self.set_default:
            mk.set_default_goal(targets)
        if recipe is not None:
            self.pending.add_recipe_line(recipe, lineno)


class PendingRule:
    """A rule line whose recipe is still being read."""

    __slots__ = ("targets", "deps_text", "pattern", "double", "grouped",
                 "raw_deps", "location", "lines", "set_default",
                 "cmd_location", "linenos")

    def __init__(self, targets, deps_text, pattern, double, grouped,
                 raw_deps, location, set_default):
        self.targets = targets
        self.deps_text = deps_text
        self.pattern = pattern
        self.double = double
        self.grouped = grouped
        self.raw_deps = raw_deps
        self.location = location
        self.lines = None
        self.linenos = None
        self.set_default = set_default
        self.cmd_location = None

    def add_recipe_line(self, text, lineno):
        if self.lines is None:
            self.lines = []
            self.linenos = []
            self.cmd_location = Location(self.location.filename, lineno)
        self.lines.append(text)
        # GNU make numbers recipe lines by logical line from the first.
        self.linenos.append(self.cmd_location.lineno + len(self.lines) - 1)

    def finish(self, mk):
        mk.record_rule(self)


def read_file_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def decode_makefile(data):
    """Decode makefile bytes as UTF-8 without a byte order mark, keeping
    invalid bytes through surrogate escapes."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", "surrogateescape")


def makefile_exists(path):
    return os.path.isfile(path)
