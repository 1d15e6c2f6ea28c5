"""Implicit rule search: find a pattern rule to make a file.

The search follows the GNU make manual's algorithm ("How Implicit Rules
Are Searched").  Rules whose target pattern matches are tried shortest
stem first.  A first pass accepts a rule only when every prerequisite
exists or ought to exist, and a second pass also accepts prerequisites
that another implicit rule can make (intermediate files).
"""

import os

from pymake import archive
from pymake.functions import split_pattern

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


def _substitute(pattern, stem, dirpart):
    """Put the stem into a prerequisite pattern; the directory of the
    target is prepended when the pattern has no slash of its own."""
    sp = split_pattern(pattern)
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
        if rule.raw_deps is not None:
            dep_patterns = self.mk.second_expand_pattern_deps(
                rule, full_stem, stem, use_dir)
            dep_list, oo_list = dep_patterns
        else:
            dep_list = [_substitute(p, stem, use_dir) for p in rule.deps]
            oo_list = [_substitute(p, stem, use_dir)
                       for p in rule.order_only]
        intermediates = []
        own_deps = self.own_deps if depth == 0 else ()
        allow_compat = self.allow_compat
        for d in dep_list + oo_list:
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
        if rule.raw_deps is None:
            for p in rule.deps + rule.order_only:
                if "%" not in p:
                    m.explicit.add(p)
        for i, t in enumerate(rule.targets):
            if i != ti:
                m.also_make.append(_substitute(t, stem, use_dir))
        return m


def exists_here(mk, name):
    path = name if os.path.isabs(name) else os.path.join(mk.curdir, name)
    return os.path.exists(path)
