"""Implicit rule search: find a pattern rule to make a file.

The search follows the GNU make manual's algorithm ("How Implicit Rules
Are Searched").  Rules whose target pattern matches are tried shortest
stem first.  A first pass accepts a rule only when every prerequisite
exists or ought to exist, and a second pass also accepts prerequisites
that another implicit rule can make (intermediate files).
"""

import os

from pymake import archive
from pymake.expand import expand
from pymake.functions import split_pattern
from pymake.graph import File

# Chains of intermediate files deeper than this are not searched.
MAX_DEPTH = 8


class Match:
    """A pattern rule that applies to a file, and what it implies."""

    __slots__ = ("rule", "stem", "deps", "order_only", "intermediates",
                 "target_index", "also_make", "explicit")

    def __init__(self, rule, stem, deps, order_only, target_index):
        self.rule = rule
        self.stem = stem
        self.deps = deps
        self.order_only = order_only
        self.intermediates = []
        self.target_index = target_index
        self.also_make = []
        # Prerequisites the rule names without a `%`: these count as
        # mentioned in the makefile, so they are never intermediate.
        self.explicit = set()


# split_pattern results for the prerequisite patterns of rules, which are
# few and tried for many names.
_SPLIT_CACHE = {}


def _substitute(pattern, stem, dirpart):
    """Put the stem into a prerequisite pattern; the directory of the
    target is prepended when the pattern has no slash of its own."""
    try:
        sp = _SPLIT_CACHE[pattern]
    except KeyError:
        sp = _SPLIT_CACHE[pattern] = split_pattern(pattern)
    if sp is None:
        return pattern
    name = sp[0] + stem + sp[1]
    if dirpart and "/" not in pattern:
        return dirpart + name
    return name


class Searcher:
    def __init__(self, mk, exists):
        self.mk = mk
        # exists(name) -> bool: the file exists here or through vpath.
        self.exists = exists
        self._index = None
        self.compat_seen = False
        # Results of searches for intermediate files, by name and the
        # rules excluded from the chain; cleared when a recipe ends.
        self.memo = {}
        # The engine sets both: the file whose search is under way, and
        # a function that returns the automatic variables for a second
        # expansion of its prerequisites.
        self.target = None
        self.expansion_autos = None

    def ought_to_exist(self, name, own_deps, allow_compat):
        """Decide whether a prerequisite qualifies: it does when it is a target of some rule, is
        named as a prerequisite of the file being searched for, or exists.
        A file only named as a prerequisite of other targets qualifies on
        the last, compatibility pass."""
        f = self.mk.files.get(name)
        if f is not None and f.is_target:
            return True
        if name in own_deps:
            return True
        if self.exists(name):
            return True
        if f is not None and f.mentioned:
            # Worth a last, compatibility pass.
            self.compat_seen = True
            return allow_compat
        return False

    def _build_index(self):
        """Index pattern rules by the suffix of their target patterns, so
        that a name is only tried against rules whose suffix it ends in.
        Rules with a match-anything target are kept apart: a name that a
        more specific rule matches skips the non-terminal ones."""
        by_suffix = {}
        prefix_only = []
        anything = []
        for order, rule in enumerate(self.mk.pattern_rules):
            for ti, (prefix, suffix) in enumerate(rule.target_split):
                entry = (order, rule, ti)
                if not prefix and not suffix:
                    anything.append(entry)
                elif not suffix:
                    prefix_only.append(entry)
                else:
                    by_suffix.setdefault(suffix, []).append(entry)
        lengths = sorted({len(s) for s in by_suffix})
        self._index = (by_suffix, prefix_only, anything, lengths,
                       len(self.mk.pattern_rules))

    def candidates(self, name, whole=False):
        """Return the pattern rules whose targets match name, shortest
        stem first, and whether a specific rule matched.  With whole, the
        name is matched as one word, with no directory part split off, as
        GNU make does for archive member references."""
        index = self._index
        if index is None or index[4] != len(self.mk.pattern_rules):
            self._build_index()
            index = self._index
        by_suffix, prefix_only, anything, lengths, _count = index
        slash = -1 if whole else name.rfind("/")
        dirpart = name[:slash + 1] if slash >= 0 else ""
        filepart = name[slash + 1:]
        entries = list(prefix_only)
        for n in lengths:
            if n > len(name):
                break
            hit = by_suffix.get(name[len(name) - n:])
            if hit:
                entries.extend(hit)
        found = []
        specific = False
        seen = set()
        for order, rule, ti in entries:
            if order in seen:
                continue
            prefix, suffix = rule.target_split[ti]
            if "/" in rule.targets[ti] or not dirpart:
                check = name
                use_dir = ""
            else:
                check = filepart
                use_dir = dirpart
            if len(check) < len(prefix) + len(suffix) or \
                    not check.startswith(prefix) or \
                    not check.endswith(suffix):
                continue
            seen.add(order)
            specific = True
            stem = check[len(prefix):len(check) - len(suffix)]
            # The directory counts in the stem's length, so a rule whose
            # pattern names the directory is preferred.
            found.append((len(use_dir) + len(stem), order, rule, ti, stem,
                          use_dir))
        if not specific:
            dot = name.rfind(".")
            if dot > 0 and name[dot:] in self.mk.suffix_set():
                specific = True
            elif any(name.endswith(s) and len(name) > len(s)
                     for s in self.mk.suffix_list):
                specific = True
        for order, rule, ti in anything:
            if specific and not rule.terminal:
                # Non-terminal match-anything rules never apply to a name
                # that a specific rule or a known suffix describes.
                continue
            if order in seen:
                continue
            seen.add(order)
            found.append((len(name), order, rule, ti, name, ""))
        # Shortest stem first; rules of equal stems keep makefile order.
        found.sort(key=lambda c: (c[0], c[1]))
        return [(c[0], c[2], c[3], c[4], c[5]) for c in found], specific

    def search(self, name, depth=0, excluded=(), own_deps=(),
               allow_compat=False, whole=False):
        """Return a Match for `name`, or None."""
        if depth > MAX_DEPTH:
            return None
        found, specific = self.candidates(
            name, whole or archive.is_member_ref(name))
        if not found:
            return None
        if depth == 0:
            self.compat_seen = False
        m = self._search(found, specific, depth, excluded, own_deps, False)
        if m is None and depth == 0 and self.compat_seen:
            m = self._search(found, specific, depth, excluded, own_deps,
                             True)
        return m

    def _search(self, found, specific, depth, excluded, own_deps,
                allow_compat):
        self.own_deps = own_deps
        self.allow_compat = allow_compat
        for allow_intermediate in (False, True):
            for _len, rule, ti, stem, use_dir in found:
                if rule in excluded:
                    continue
                if allow_intermediate and rule.terminal:
                    # A terminal rule's prerequisites must exist, which the
                    # first pass already checked.
                    continue
                match_anything = not rule.target_split[ti][0] and \
                    not rule.target_split[ti][1]
                if match_anything and not rule.terminal and specific:
                    continue
                if match_anything and not rule.terminal and depth > 0:
                    # GNU make never chains through a non-terminal
                    # match-anything rule to make an intermediate file.
                    continue
                m = self._try(rule, ti, stem, use_dir, depth, excluded,
                              allow_intermediate)
                if m is not None:
                    return m
        return None

    def _try(self, rule, ti, stem, use_dir, depth, excluded,
             allow_intermediate):
        full_stem = use_dir + stem
        deps = []
        dep_list = []
        oo_list = []
        explicit = set()
        if rule.raw_deps is not None:
            # Each word is expanded only when the ones before it were
            # found, so a failing rule expands no further, as in GNU make.
            words = self._second_expanded(rule, ti, stem, use_dir, depth)
        else:
            words = _plain_words(rule, stem, use_dir)
        intermediates = []
        own_deps = self.own_deps if depth == 0 else ()
        allow_compat = self.allow_compat
        for d, order_only, is_explicit in words:
            (oo_list if order_only else dep_list).append(d)
            if is_explicit:
                explicit.add(d)
            if self.ought_to_exist(d, own_deps, allow_compat):
                deps.append(d)
                continue
            if rule.terminal and not allow_intermediate:
                return None
            if not allow_intermediate:
                return None
            if rule.terminal:
                return None
            key = (d, excluded + (rule,), allow_compat)
            if key in self.memo:
                sub = self.memo[key]
            else:
                saved = (self.own_deps, self.allow_compat)
                sub = self.search(d, depth + 1, excluded + (rule,), (),
                                  allow_compat)
                self.own_deps, self.allow_compat = saved
                self.memo[key] = sub
            if sub is None:
                return None
            intermediates.append((d, sub))
            deps.append(d)
        m = Match(rule, full_stem, dep_list, oo_list, ti)
        m.intermediates = intermediates
        m.explicit.update(explicit)
        for i, t in enumerate(rule.targets):
            if i != ti:
                m.also_make.append(_substitute(t, stem, use_dir))
        return m


    def _second_expanded(self, rule, ti, stem, use_dir, depth):
        """Yield (name, order-only, explicit) for the prerequisites of a
        pattern rule under .SECONDEXPANSION, word by word.

        The first '%' of a word becomes the stem, which is not expanded
        again, and the directory of the target is put back in front of
        each name such a word gives.  Automatic variables describe the
        target being searched for, with what its explicit rules give.
        """
        mk = self.mk
        target = self.target if depth == 0 and self.target is not None \
            else File(_substitute(rule.targets[ti], stem, use_dir))
        order_only = False
        for word in pattern_words(rule.raw_deps):
            if word == "|" and not order_only:
                order_only = True
                continue
            percent = word.find("%")
            if percent >= 0:
                word = stem_references(word, "$(*F)" if use_dir else "$*")
            saved = mk.scope, mk.loc
            mk.scope = mk.target_scope(target)
            auto = self.expansion_autos(target, use_dir + stem)
            mk.scope = type(mk.scope)((auto,) + mk.scope.sets,
                                      mk.scope.private_from + 1)
            try:
                text = expand(mk, word)
            finally:
                mk.scope, mk.loc = saved
            names, _, after = text.partition("|")
            for name in names.split():
                if percent >= 0 and use_dir and not os.path.isabs(name):
                    name = use_dir + name
                yield name, order_only, percent < 0
            if _ or after.strip():
                order_only = True
                for name in after.split():
                    yield name, True, percent < 0


def _plain_words(rule, stem, use_dir):
    """Yield (name, order-only, explicit) for a pattern rule's
    prerequisites, one at a time, so that a rule whose first
    prerequisite fails costs no more."""
    for p in rule.deps:
        yield _substitute(p, stem, use_dir), False, "%" not in p
    for p in rule.order_only:
        yield _substitute(p, stem, use_dir), True, "%" not in p


def stem_references(word, reference="$*"):
    """Replace the first '%' of word, and the first '%' after each blank
    inside it, with a reference to the stem, so that the stem is not
    expanded again."""
    out = []
    i = 0
    while True:
        percent = word.find("%", i)
        if percent < 0:
            break
        out.append(word[i:percent])
        out.append(reference)
        i = percent + 1
        blank = len(word)
        for b in (" ", "\t"):
            found = word.find(b, i)
            if 0 <= found < blank:
                blank = found
        if blank == len(word):
            break
        out.append(word[i:blank])
        i = blank
    out.append(word[i:])
    return "".join(out)


def pattern_words(text):
    """Split a pattern rule's prerequisite text into words as GNU make
    does before their second expansion: a variable reference with its
    parentheses or braces stays inside one word, and '|' ends a word."""
    words = []
    i = 0
    n = len(text)
    while i < n:
        while i < n and text[i] in " \t":
            i += 1
        if i >= n:
            break
        start = i
        while i < n and text[i] not in " \t":
            c = text[i]
            i += 1
            if c == "|":
                break
            if c == "$" and i < n:
                opener = text[i]
                i += 1
                if opener in "({":
                    closer = ")" if opener == "(" else "}"
                    depth = 0
                    while i < n:
                        if text[i] == opener:
                            depth += 1
                        elif text[i] == closer:
                            depth -= 1
                            if depth < 0:
                                i += 1
                                break
                        i += 1
        words.append(text[start:i])
    return words


def exists_here(mk, name):
    path = name if os.path.isabs(name) else os.path.join(mk.curdir, name)
    return os.path.exists(path)
