"""GNU make's built-in functions.

Each entry of FUNCTIONS is (minimum args, maximum args or 0 for no limit,
whether args are expanded before the call, implementation).  An
implementation takes the make state and the argument list: strings when
args are expanded first, compiled text otherwise.
"""

import os
import re

from pymake.errors import MakeError, error
from pymake.expand import compile as compile_text
from pymake.expand import evaluate, value_of
from pymake.variables import AUTOMATIC, SIMPLE, Scope, Variable, VariableSet


def _words(text):
    return text.split()


# --- patterns ---------------------------------------------------------

def split_pattern(pattern):
    """Split a pattern at its first unescaped `%`.

    Returns (prefix, suffix) with backslash escapes removed, or None when
    the pattern has no `%`.
    """
    i = pattern.find("%")
    if i < 0:
        return None
    if "\\" not in pattern[:i]:
        return pattern[:i], pattern[i + 1:]
    # Backslashes quote `%` and backslashes that precede a `%`.
    out = []
    j = 0
    n = len(pattern)
    while j < n:
        c = pattern[j]
        if c == "\\":
            k = j
            while k < n and pattern[k] == "\\":
                k += 1
            if k < n and pattern[k] == "%":
                count = k - j
                out.append("\\" * (count // 2))
                if count % 2:
                    out.append("%")
                    j = k + 1
                    continue
                return "".join(out), pattern[k + 1:]
            out.append(pattern[j:k])
            j = k
            continue
        if c == "%":
            return "".join(out), pattern[j + 1:]
        out.append(c)
        j += 1
    return None


def unescape_percent(text):
    """Remove the backslashes that quote `%` in a pattern without one."""
    if "\\" not in text:
        return text
    return re.sub(r"(\\+)%", lambda m: "\\" * (len(m.group(1)) // 2) + "%",
                  text)


def match_pattern(prefix, suffix, word):
    """Return the stem when `word` matches prefix%suffix, else None."""
    if len(word) >= len(prefix) + len(suffix) and word.startswith(prefix) \
            and word.endswith(suffix):
        return word[len(prefix):len(word) - len(suffix)]
    return None


def patsubst_words(pattern, replacement, text):
    words = text.split()
    pat = split_pattern(pattern)
    rep = split_pattern(replacement)
    out = []
    if pat is None:
        literal = unescape_percent(pattern)
        rep_text = unescape_percent(replacement) if rep is None else None
        for w in words:
            if w == literal:
                out.append(rep_text if rep is None else
                           rep[0] + "%" + rep[1])
            else:
                out.append(w)
        return " ".join(out)
    prefix, suffix = pat
    lp = len(prefix)
    ls = len(suffix)
    for w in words:
        if len(w) >= lp + ls and w.startswith(prefix) and w.endswith(suffix):
            if rep is None:
                out.append(replacement)
            else:
                out.append(rep[0] + w[lp:len(w) - ls] + rep[1])
        else:
            out.append(w)
    return " ".join(out)


# --- text functions ---------------------------------------------------

def f_subst(mk, a):
    frm, to, text = a
    if not frm:
        return text + to if text or to else ""
    return text.replace(frm, to)


def f_patsubst(mk, a):
    return patsubst_words(a[0], a[1], a[2])


def f_strip(mk, a):
    return " ".join(a[0].split())


def f_findstring(mk, a):
    return a[0] if a[0] in a[1] else ""


def _filter(patterns, text, keep):
    pats = []
    literals = set()
    for p in patterns.split():
        sp = split_pattern(p)
        if sp is None:
            literals.add(unescape_percent(p))
        else:
            pats.append(sp)
    out = []
    for w in text.split():
        hit = w in literals
        if not hit:
            for prefix, suffix in pats:
                if len(w) >= len(prefix) + len(suffix) and \
                        w.startswith(prefix) and w.endswith(suffix):
                    hit = True
                    break
        if hit == keep:
            out.append(w)
    return " ".join(out)


def f_filter(mk, a):
    return _filter(a[0], a[1], True)


def f_filter_out(mk, a):
    return _filter(a[0], a[1], False)


def f_sort(mk, a):
    return " ".join(sorted(set(a[0].split())))


def _parse_number(mk, text, message):
    s = text.strip()
    if not s:
        raise MakeError(f"{message}: empty value", mk.eloc())
    try:
        if not re.fullmatch(r"[+-]?[0-9]+", s):
            raise ValueError
        n = int(s)
    except ValueError:
        raise MakeError(f"{message}: '{text}'", mk.eloc()) from None
    if n > 2**63 - 1 or n < -2**63:
        raise MakeError(f"{message}: '{text}' out of range", mk.eloc())
    return n


def f_word(mk, a):
    n = _parse_number(mk, a[0], "invalid first argument to 'word' function")
    if n < 1:
        raise MakeError("first argument to 'word' function must be greater "
                        "than 0", mk.eloc())
    words = a[1].split()
    return words[n - 1] if n <= len(words) else ""


_WORD_RE = re.compile(r"\S+")


def f_wordlist(mk, a):
    first = "invalid first argument to 'wordlist' function"
    second = "invalid second argument to 'wordlist' function"
    start = _parse_number(mk, a[0], first)
    if start < 1:
        raise MakeError(f"{first}: '{start}'", mk.eloc())
    stop = _parse_number(mk, a[1], second)
    if stop < 0:
        raise MakeError(f"{second}: '{stop}'", mk.eloc())
    if stop < start:
        return ""
    spans = [m.span() for m in _WORD_RE.finditer(a[2])]
    if start > len(spans):
        return ""
    last = min(stop, len(spans))
    return a[2][spans[start - 1][0]:spans[last - 1][1]]


def f_words(mk, a):
    return str(len(a[0].split()))


def f_firstword(mk, a):
    w = a[0].split(None, 1)
    return w[0] if w else ""


def f_lastword(mk, a):
    w = a[0].rsplit(None, 1)
    return w[-1] if w else ""


# --- file names -------------------------------------------------------

def _dir(word):
    i = word.rfind("/")
    return word[:i + 1] if i >= 0 else "./"


def _notdir(word):
    i = word.rfind("/")
    return word[i + 1:] if i >= 0 else word


def f_dir(mk, a):
    return " ".join(_dir(w) for w in a[0].split())


def f_notdir(mk, a):
    return " ".join(_notdir(w) for w in a[0].split())


def _suffix(word):
    slash = word.rfind("/")
    dot = word.rfind(".")
    if dot > slash:
        return word[dot:]
    return None


def f_suffix(mk, a):
    out = []
    for w in a[0].split():
        s = _suffix(w)
        if s is not None:
            out.append(s)
    return " ".join(out)


def f_basename(mk, a):
    out = []
    for w in a[0].split():
        slash = w.rfind("/")
        dot = w.rfind(".")
        out.append(w[:dot] if dot > slash else w)
    return " ".join(out)


def f_addsuffix(mk, a):
    return " ".join(w + a[0] for w in a[1].split())


def f_addprefix(mk, a):
    return " ".join(a[0] + w for w in a[1].split())


def f_join(mk, a):
    x = a[0].split()
    y = a[1].split()
    out = []
    for i in range(max(len(x), len(y))):
        out.append((x[i] if i < len(x) else "") + (y[i] if i < len(y) else ""))
    return " ".join(out)


def f_wildcard(mk, a):
    out = []
    for pattern in a[0].split():
        out.extend(mk.glob(pattern))
    return " ".join(out)


def _abspath(mk, name):
    if not name:
        return None
    if not os.path.isabs(name):
        name = os.path.join(mk.curdir, name)
    name = os.path.normpath(name)
    if name.startswith("//"):
        name = "/" + name.lstrip("/")
    return name


def f_abspath(mk, a):
    out = []
    for w in a[0].split():
        p = _abspath(mk, w)
        if p is not None:
            out.append(p)
    return " ".join(out)


def f_realpath(mk, a):
    out = []
    for w in a[0].split():
        p = _abspath(mk, w)
        if p is None or "\0" in p:
            continue
        try:
            real = os.path.realpath(p, strict=True)
        except (OSError, TypeError):
            try:
                real = os.path.realpath(p)
                if not os.path.exists(real):
                    continue
            except OSError:
                continue
        out.append(real)
    return " ".join(out)


# --- messages and the shell -------------------------------------------

def f_error(mk, a):
    raise MakeError(a[0], mk.loc)


def f_warning(mk, a):
    error(a[0], mk.loc)
    return ""


def f_info(mk, a):
    mk.write_stdout(a[0] + "\n")
    return ""


def f_shell(mk, a):
    return mk.shell_function(a[0])


# --- variables --------------------------------------------------------

def f_origin(mk, a):
    v = mk.lookup(a[0])
    if v is None:
        return "undefined"
    return v.origin


def f_flavor(mk, a):
    v = mk.lookup(a[0])
    if v is None:
        return "undefined"
    return v.flavor


def f_value(mk, a):
    v = mk.lookup(a[0])
    if v is None:
        return ""
    return v.value


def f_eval(mk, a):
    mk.eval_text(a[0])
    return ""


def _push(mk, varset):
    old = mk.scope
    mk.scope = Scope((varset,) + old.sets, old.private_from + 1)
    return old


def _expand_raw(mk, raw):
    return evaluate(mk, compile_text(raw))


def f_foreach(mk, a):
    name = _expand_raw(mk, a[0]).strip()
    words = _expand_raw(mk, a[1]).split()
    body = compile_text(a[2])
    varset = VariableSet()
    var = Variable(name, "", SIMPLE, AUTOMATIC)
    varset[name] = var
    old = _push(mk, varset)
    out = []
    try:
        for w in words:
            var.value = w
            out.append(evaluate(mk, body))
    finally:
        mk.scope = old
    return " ".join(out)


def f_let(mk, a):
    names = _expand_raw(mk, a[0]).split()
    values = _expand_raw(mk, a[1])
    varset = VariableSet()
    rest = values
    for i, name in enumerate(names):
        if i == len(names) - 1:
            value = rest.lstrip()
        else:
            parts = rest.split(None, 1)
            value = parts[0] if parts else ""
            rest = parts[1] if len(parts) > 1 else ""
        varset[name] = Variable(name, value, SIMPLE, AUTOMATIC)
    old = _push(mk, varset)
    try:
        return _expand_raw(mk, a[2])
    finally:
        mk.scope = old


_STRIP = " \t\n\r\f\v"


def f_if(mk, a):
    # The condition is stripped before it is expanded, not after.
    cond = _expand_raw(mk, a[0].strip(_STRIP))
    if cond:
        return _expand_raw(mk, a[1])
    if len(a) > 2:
        return _expand_raw(mk, a[2])
    return ""


def f_or(mk, a):
    for arg in a:
        v = _expand_raw(mk, arg.strip(_STRIP))
        if v:
            return v
    return ""


def f_and(mk, a):
    v = ""
    for arg in a:
        v = _expand_raw(mk, arg.strip(_STRIP))
        if not v:
            return ""
    return v


def _textint(mk, text, message):
    s = text.strip()
    if not s:
        raise MakeError(f"{message}: empty value", mk.eloc())
    if not re.fullmatch(r"[+-]?[0-9]+", s):
        raise MakeError(f"{message}: '{text}'", mk.eloc())
    return int(s)


def f_intcmp(mk, a):
    lhs = _textint(mk, _expand_raw(mk, a[0]),
                   "non-numeric first argument to 'intcmp' function")
    rhs = _textint(mk, _expand_raw(mk, a[1]),
                   "non-numeric second argument to 'intcmp' function")
    if len(a) == 2:
        return str(lhs) if lhs == rhs else ""
    if lhs < rhs:
        return _expand_raw(mk, a[2])
    if len(a) == 3:
        return ""
    if lhs == rhs:
        return _expand_raw(mk, a[3])
    if len(a) == 4:
        return _expand_raw(mk, a[3])
    return _expand_raw(mk, a[4])


def f_call(mk, a):
    name = a[0].strip()
    if not name:
        return ""
    entry = FUNCTIONS.get(name)
    args = a[1:]
    if entry is not None:
        # $(call builtin,...) calls the built-in with the given args.
        minimum, maximum, expand_args, fn = entry
        if len(args) < minimum:
            raise MakeError(
                f"insufficient number of arguments ({len(args)}) to "
                f"function '{name}'", mk.loc)
        if maximum and len(args) > maximum:
            args = args[:maximum - 1] + [",".join(args[maximum - 1:])]
        if not expand_args:
            args = [x.replace("$", "$$") for x in args]
        return fn(mk, args)
    var = mk.lookup(name)
    if var is None:
        return ""
    varset = VariableSet()
    varset["0"] = Variable("0", name, SIMPLE, AUTOMATIC)
    count = max(len(args), mk.call_depth_args)
    for i in range(count):
        value = args[i] if i < len(args) else ""
        varset[str(i + 1)] = Variable(str(i + 1), value, SIMPLE, AUTOMATIC)
    saved = mk.call_depth_args
    mk.call_depth_args = count
    old = _push(mk, varset)
    # A function may call itself: only plain references to a variable
    # being expanded are an error, not $(call).
    was_expanding = var.expanding
    var.expanding = False
    try:
        return value_of(mk, var)
    finally:
        var.expanding = was_expanding
        mk.scope = old
        mk.call_depth_args = saved


def f_file(mk, a):
    spec = a[0].strip()
    if not spec:
        raise MakeError("file: missing filename", mk.eloc())
    if spec.startswith(">>"):
        mode, name = "a", spec[2:].strip()
    elif spec.startswith(">"):
        mode, name = "w", spec[1:].strip()
    elif spec.startswith("<"):
        mode, name = "r", spec[1:].strip()
    else:
        mode = name = None
    if name and len(name.split()) == 1:
        name = name.split()[0]
    if mode is None:
        raise MakeError(f"file: invalid file operation: {spec}", mk.eloc())
    if not name:
        raise MakeError("file: missing filename", mk.eloc())
    if mode == "r":
        if len(a) > 1:
            raise MakeError("file: too many arguments", mk.eloc())
        try:
            with open(name, "r", newline="") as f:
                text = f.read()
        except FileNotFoundError:
            return ""
        except OSError as e:
            raise MakeError(f"open: {name}: {e.strerror}", mk.loc) from None
        if text.endswith("\n"):
            text = text[:-1]
        return text
    try:
        with open(name, mode, newline="") as f:
            if len(a) > 1:
                text = a[1]
                f.write(text if text.endswith("\n") else text + "\n")
    except OSError as e:
        raise MakeError(f"open: {name}: {e.strerror}", mk.loc) from None
    return ""


FUNCTIONS = {
    "abspath": (0, 1, True, f_abspath),
    "addprefix": (2, 2, True, f_addprefix),
    "addsuffix": (2, 2, True, f_addsuffix),
    "basename": (0, 1, True, f_basename),
    "dir": (0, 1, True, f_dir),
    "notdir": (0, 1, True, f_notdir),
    "subst": (3, 3, True, f_subst),
    "suffix": (0, 1, True, f_suffix),
    "filter": (2, 2, True, f_filter),
    "filter-out": (2, 2, True, f_filter_out),
    "findstring": (2, 2, True, f_findstring),
    "firstword": (0, 1, True, f_firstword),
    "flavor": (0, 1, True, f_flavor),
    "join": (2, 2, True, f_join),
    "lastword": (0, 1, True, f_lastword),
    "patsubst": (3, 3, True, f_patsubst),
    "realpath": (0, 1, True, f_realpath),
    "shell": (0, 1, True, f_shell),
    "sort": (0, 1, True, f_sort),
    "strip": (0, 1, True, f_strip),
    "wildcard": (0, 1, True, f_wildcard),
    "word": (2, 2, True, f_word),
    "wordlist": (3, 3, True, f_wordlist),
    "words": (0, 1, True, f_words),
    "origin": (0, 1, True, f_origin),
    "foreach": (3, 3, False, f_foreach),
    "let": (3, 3, False, f_let),
    "call": (1, 0, True, f_call),
    "info": (0, 1, True, f_info),
    "error": (0, 1, True, f_error),
    "warning": (0, 1, True, f_warning),
    "intcmp": (2, 5, False, f_intcmp),
    "if": (2, 3, False, f_if),
    "or": (1, 0, False, f_or),
    "and": (1, 0, False, f_and),
    "value": (0, 1, True, f_value),
    "eval": (0, 1, True, f_eval),
    "file": (1, 2, True, f_file),
}
