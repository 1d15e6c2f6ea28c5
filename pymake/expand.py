"""Variable references: compiled once per distinct string, then evaluated.

A string is compiled into a tuple of parts.  Each part is either literal
text or a node (a variable reference, a substitution reference or a
function call).  A string without `$` compiles to itself, so most text
costs one dictionary lookup.  The grammar in grammar.lark describes the
same syntax; tests check that the two agree.
"""

from pymake.errors import MakeError
from pymake.variables import SIMPLE

_cache = {}

# Function names are looked up in functions.FUNCTIONS; imported lazily to
# keep this module free of an import cycle.
_functions = None


def _function_table():
    global _functions
    if _functions is None:
        from pymake.functions import FUNCTIONS
        _functions = FUNCTIONS
    return _functions


_FUNC_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz-")
_BLANKS = " \t\n\r\f\v"


class Ref:
    """$(name) or $x with a literal name."""

    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def eval(self, mk):
        return mk.expand_variable(self.name)


class DynRef:
    """$(...) whose content holds references: expanded first, then read as
    a name or a substitution reference."""

    __slots__ = ("content",)

    def __init__(self, content):
        self.content = content

    def eval(self, mk):
        text = evaluate(mk, self.content)
        colon = text.find(":")
        if colon >= 0:
            eq = text.find("=", colon + 1)
            if eq >= 0:
                return substitute(mk, text[:colon], text[colon + 1:eq],
                                  text[eq + 1:])
        return mk.expand_variable(text)


class SubstRef:
    """$(name:from=to) with literal parts."""

    __slots__ = ("name", "pattern", "replacement")

    def __init__(self, name, pattern, replacement):
        self.name = name
        self.pattern = pattern
        self.replacement = replacement

    def eval(self, mk):
        return substitute(mk, self.name, self.pattern, self.replacement)


class Call:
    """$(function args...) of a built-in function."""

    __slots__ = ("name", "args", "entry")

    def __init__(self, name, args, entry):
        self.name = name
        self.args = args
        self.entry = entry

    def eval(self, mk):
        minimum, _maximum, expand_args, fn = self.entry
        args = self.args
        if len(args) < minimum:
            raise MakeError(
                f"insufficient number of arguments ({len(args)}) to "
                f"function '{self.name}'", mk.eloc())
        if expand_args:
            args = [evaluate(mk, a) for a in args]
        return fn(mk, args)


class Fail:
    """A reference that is a syntax error, reported when evaluated (so an
    error in text that is never expanded stays silent)."""

    __slots__ = ("message",)

    def __init__(self, message):
        self.message = message

    def eval(self, mk):
        raise MakeError(self.message, mk.eloc())


def substitute(mk, name, pattern, replacement):
    from pymake.functions import patsubst_words
    value = mk.expand_variable(name)
    if "%" not in pattern:
        pattern = "%" + pattern
        replacement = "%" + replacement
    return patsubst_words(pattern, replacement, value)


def compile(text):
    """Return the compiled form of `text`: itself when it contains no `$`."""
    c = _cache.get(text)
    if c is not None:
        return c
    if "$" not in text:
        c = text
    else:
        c = _compile(text)
        if len(c) == 1 and type(c[0]) is str:
            c = c[0]
    _cache[text] = c
    return c


def _find_close(text, start, openc, closec):
    """Index of the paren closing one opened before `start`, counting
    only parens of the same kind; -1 when there is none."""
    count = 0
    i = start
    n = len(text)
    while i < n:
        c = text[i]
        if c == openc:
            count += 1
        elif c == closec:
            if count == 0:
                return i
            count -= 1
        i += 1
    return -1


def _split_args(text, openc, closec, maximum):
    args = []
    count = 0
    start = 0
    for i, c in enumerate(text):
        if c == openc:
            count += 1
        elif c == closec:
            count -= 1
        elif c == "," and count == 0:
            if maximum and len(args) + 1 == maximum:
                break
            args.append(text[start:i])
            start = i + 1
    args.append(text[start:])
    return args


def _compile(text):
    parts = []
    append = parts.append
    n = len(text)
    i = 0
    functions = _function_table()
    while True:
        j = text.find("$", i)
        if j < 0:
            if i < n:
                append(text[i:])
            break
        if j > i:
            append(text[i:j])
        if j + 1 >= n:
            # A lone `$` at the end stays, as in GNU make.
            append("$")
            break
        c = text[j + 1]
        if c == "$":
            append("$")
            i = j + 2
            continue
        if c != "(" and c != "{":
            append(Ref(c))
            i = j + 2
            continue
        closec = ")" if c == "(" else "}"
        body = j + 2
        # A built-in function: a known name followed by a blank.
        k = body
        while k < n and text[k] in _FUNC_CHARS:
            k += 1
        if k > body and (k == n or text[k] in _BLANKS):
            entry = functions.get(text[body:k])
            if entry is not None:
                end = _find_close(text, k, c, closec)
                if end < 0:
                    append(Fail(f"unterminated call to function "
                                f"'{text[body:k]}': missing '{closec}'"))
                    break
                a = k
                while a < end and text[a] in _BLANKS:
                    a += 1
                raw = _split_args(text[a:end], c, closec, entry[1])
                if entry[2]:
                    args = [compile(r) for r in raw]
                else:
                    # Functions that expand their own arguments get the
                    # raw text: some strip it before expanding.
                    args = raw
                append(Call(text[body:k], args, entry))
                i = end + 1
                continue
        end = text.find(closec, body)
        if end < 0:
            append(Fail("unterminated variable reference"))
            break
        content = text[body:end]
        if "$" in content:
            match = _find_close(text, body, c, closec)
            if match >= 0:
                append(DynRef(compile(text[body:match])))
                i = match + 1
                continue
        colon = content.find(":")
        if colon >= 0:
            eq = content.find("=", colon + 1)
            if eq >= 0:
                append(SubstRef(content[:colon], content[colon + 1:eq],
                                content[eq + 1:]))
                i = end + 1
                continue
        append(Ref(content))
        i = end + 1
    return tuple(parts)


def evaluate(mk, compiled):
    """Expand compiled text in mk's current scope."""
    if type(compiled) is str:
        return compiled
    out = []
    for p in compiled:
        if type(p) is str:
            out.append(p)
        else:
            out.append(p.eval(mk))
    return "".join(out)


def expand(mk, text):
    """Compile (cached) and expand `text`."""
    if "$" not in text:
        return text
    return evaluate(mk, compile(text))


def value_of(mk, var):
    """Return the expanded value of a Variable object."""
    if var.flavor == SIMPLE:
        value = var.value
    else:
        saved_var_loc = mk.var_loc
        saved_loc = mk.loc
        if var.location is not None:
            # Errors inside name the variable's definition, as GNU make's
            # do; with no file being read, its location is the reading one.
            mk.var_loc = var.location
            if saved_loc is None:
                mk.loc = var.location
        try:
            if var.expanding:
                raise MakeError(f"Recursive variable '{var.name}' references "
                                f"itself (eventually)", mk.eloc())
            var.expanding = True
            try:
                value = expand(mk, var.value)
            finally:
                var.expanding = False
        finally:
            mk.var_loc = saved_var_loc
            mk.loc = saved_loc
    return value
