"""Parse `$` references with the Lark grammar in grammar.lark.

This module is a second, declarative reading of the syntax that
pymake/expand.py compiles by hand; tests/test_grammar.py checks that the two
agree.  Both readings are turned into the same normalised list:

    ("lit", text)                             literal text, adjacent runs merged
    ("var", name)                             $(name), ${name} or $x
    ("subst", name, pattern, replacement)     $(name:pattern=replacement)
    ("call", function, [argument, ...])       each argument a normalised list
    ("dyn", content)                          $(...) whose name holds references
    ("error", kind)                           "unterminated call" or
                                              "unterminated reference"

An error is always the last entry, because make stops at it.

Lark is imported only when a parse is first requested, so importing pymake
does not need it.
"""

import os

_GRAMMAR_PATH = os.path.join(os.path.dirname(__file__), "grammar.lark")

# The LALR parser, built on first use.
_parser = None

UNTERMINATED_CALL = "unterminated call"
UNTERMINATED_REFERENCE = "unterminated reference"


def _get_parser():
    global _parser
    if _parser is None:
        import lark
        with open(_GRAMMAR_PATH, encoding="utf-8") as f:
            grammar = f.read()
        _parser = lark.Lark(grammar, parser="lalr", lexer="contextual")
    return _parser


def parse_references(text, *, pymake_compatible=False):
    """Parse `text` as GNU make 4.4.1 expands it into the normalised list.

    With `pymake_compatible`, reproduce the place where expand.py departs
    from GNU make, so that tests can tell those inputs apart: the text
    after an unmatched `$(a$(b)` reference is read instead of discarded.
    """
    parts = []
    _parse_into(text, parts, pymake_compatible)
    return _merge_literals(parts)


def _parse_into(text, parts, compatible):
    from lark import Token

    tree = _get_parser().parse(text)
    for item in tree.children:
        if isinstance(item, Token):
            kind = item.type
            if kind == "LITERAL":
                parts.append(("lit", str(item)))
            elif kind == "DOLLAR_DOLLAR":
                parts.append(("lit", "$"))
            elif kind == "SHORT_REF":
                parts.append(("var", item[1]))
            elif kind == "TRAILING_DOLLAR":
                parts.append(("lit", "$"))
            else:
                raise AssertionError(f"unexpected token {item!r}")
            continue
        tokens = item.children
        opener = tokens[0]
        body_start = opener.end_pos
        if item.data == "plain_ref":
            parts.append(("var", text[body_start:tokens[-1].start_pos]))
        elif item.data == "subst_ref":
            parts.append(_subst(text[body_start:tokens[-1].start_pos]))
        elif item.data == "dyn_ref":
            content = text[body_start:tokens[-1].start_pos]
            parts.append(("dyn", parse_references(
                content, pymake_compatible=compatible)))
        elif item.data == "call":
            parts.append(_call(text, tokens, compatible))
        elif item.data == "unterminated_call":
            parts.append(("error", UNTERMINATED_CALL))
        elif item.data == "open_ref":
            rest = _open_reference(text, opener, parts, compatible)
            if rest is not None:
                _parse_into(rest, parts, compatible)
        else:
            raise AssertionError(f"unexpected rule {item.data!r}")


def _subst(content):
    # The grammar accepted this as a subst_ref, so it has a ":" with an
    # "=" after it.  Make splits at the first of each.
    colon = content.index(":")
    equals = content.index("=", colon + 1)
    return ("subst", content[:colon], content[colon + 1:equals],
            content[equals + 1:])


def _plain_or_subst(content):
    colon = content.find(":")
    if colon >= 0 and content.find("=", colon + 1) >= 0:
        return _subst(content)
    return ("var", content)


def _call(text, tokens, compatible):
    from pymake.functions import FUNCTIONS

    function = tokens[1]
    name = function.rstrip(" \t\n\r\f\v")
    maximum = FUNCTIONS[name][1]
    # Arguments lie between the blanks after the name, the arg_separator
    # nodes and the close paren.
    starts = [function.end_pos]
    ends = []
    for child in tokens[2:-1]:
        if getattr(child, "data", None) == "arg_separator":
            comma = child.children[0]
            ends.append(comma.start_pos)
            starts.append(comma.end_pos)
    ends.append(tokens[-1].start_pos)
    if maximum and len(starts) > maximum:
        # Past the maximum count, commas belong to the last argument.
        del starts[maximum:]
        ends[maximum - 1:] = [ends[-1]]
    arguments = [parse_references(text[start:end], pymake_compatible=compatible)
                 for start, end in zip(starts, ends)]
    return ("call", name, arguments)


def _open_reference(text, opener, parts, compatible):
    """Append the entry for an open_ref, which runs to the end of `text`.

    Return the text that expand.py goes on to read after the reference in
    compatible mode, else None.
    """
    close = ")" if opener == "$(" else "}"
    body_start = opener.end_pos
    first_close = text.find(close, body_start)
    if first_close < 0:
        parts.append(("error", UNTERMINATED_REFERENCE))
        return None
    # GNU make uses the text up to the first close paren as a literal name
    # and stops expanding. expand.py reads on after that paren.
    parts.append(_plain_or_subst(text[body_start:first_close]))
    if compatible:
        return text[first_close + 1:]
    return None


def _merge_literals(parts):
    merged = []
    for part in parts:
        if part[0] == "lit" and merged and merged[-1][0] == "lit":
            merged[-1] = ("lit", merged[-1][1] + part[1])
        elif part != ("lit", ""):
            merged.append(part)
    return merged


def normalise_compiled(compiled):
    """Convert the output of expand.compile into the normalised list.

    Raw arguments of functions that expand their own arguments are compiled
    here, because that is what the functions do with them (some strip the
    text first, which this ignores).
    """
    from pymake import expand

    if isinstance(compiled, str):
        compiled = (compiled,)
    parts = []
    for part in compiled:
        if isinstance(part, str):
            parts.append(("lit", part))
        elif isinstance(part, expand.Ref):
            parts.append(("var", part.name))
        elif isinstance(part, expand.SubstRef):
            parts.append(("subst", part.name, part.pattern, part.replacement))
        elif isinstance(part, expand.DynRef):
            parts.append(("dyn", normalise_compiled(part.content)))
        elif isinstance(part, expand.Call):
            arguments = []
            for argument in part.args:
                if not part.entry[2]:
                    argument = expand.compile(argument)
                arguments.append(normalise_compiled(argument))
            parts.append(("call", part.name, arguments))
        elif isinstance(part, expand.Fail):
            if part.message.startswith("unterminated call"):
                parts.append(("error", UNTERMINATED_CALL))
            else:
                parts.append(("error", UNTERMINATED_REFERENCE))
        else:
            raise TypeError(f"unknown compiled part {part!r}")
    return _merge_literals(parts)
