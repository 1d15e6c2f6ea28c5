"""Updating targets: the decision to remake and the scheduler.

update() is re-entrant, as GNU make's update_file is: it walks a goal's
graph, starts every recipe that is ready while job slots are free, and
returns RUNNING when something below is still running.  The scheduler
calls it again after each job ends.  With one slot this gives GNU make's
serial order; with N slots the same walk starts up to N jobs.
"""

import os
import shlex
import sys

from pymake import archive, errors, gnuhash, output
from pymake.errors import MakeError, error
from pymake.expand import expand
from pymake.graph import (DEPS_RUNNING, FINISHED, NOT_STARTED, RUNNING, Dep,
                          File, strip_dot_slash)
from pymake.implicit import Searcher
from pymake.jobs import (CommandLine, Job, LoadMonitor, Runner,
                         exit_description, strip_prefixes)
from pymake.variables import (AUTOMATIC, DEFAULT, SIMPLE, Variable,
                              VariableSet)

# Status of update(): 0 success, 1 out of date under -q, 2 failure.
BUSY = -1

NEW_MTIME = 1 << 62       # a file just made under -n, -t, -q or -W
OLD_MTIME = 1             # a file named by -o
NS_PER_S = 1_000_000_000


class Terminated(Exception):
    """SIGTERM or SIGHUP arrived: make stops as on Ctrl-C."""

    def __init__(self, signum, description):
        super().__init__(description)
        self.signum = signum
        self.description = description


class Engine:
    def __init__(self, mk, jobserver=None):
        mk.rules_frozen = True
        # The recipes of grouped `&::` rules that have run.
        self.grouped_done = set()
        # (name, include location) of a missing included makefile being
        # remade, until its first error is reported.
        self.goal_error = None
        self.mk = mk
        self.options = mk.options
        self.runner = Runner()
        if jobserver is not None or not mk.options.jobs:
            # Job slots then come from the jobserver's tokens, or are
            # unlimited under a bare -j.
            self.slots = 1 << 30
        else:
            self.slots = max(1, mk.options.jobs)
        self.jobserver = jobserver
        self.tokens_held = 0
        self.running_jobs = 0
        self.commands_started = 0
        self.searcher = Searcher(mk, self.exists)
        self.stat_cache = {}
        self.dir_cache = {}
        self.slots_full = False
        self.shuffled = {}
        self.interrupted_by = None
        self.stopping = False
        self.made_intermediates = []
        self.failed_any = False
        self.rebuilding_makefiles = False
        # Number of events that can let a walk start more jobs: a job ending
        # and each new pass over the goals (see update()).
        self.walk_pass = 0
        self.load = LoadMonitor(mk.options.load_average)

    # --- file times ---------------------------------------------------

    def stat_mtime(self, path):
        """Return the file's time in ns, or None.  Both results are cached
        until a recipe ends, since only recipes change files."""
        c = self.stat_cache.get(path, 0)
        if c != 0:
            return c
        full = path if os.path.isabs(path) else \
            os.path.join(self.mk.curdir, path)
        try:
            m = os.stat(full).st_mtime_ns
        except (OSError, ValueError):
            m = None
        self.stat_cache[path] = m
        return m

    def forget_missing(self):
        """Drop cached misses: a recipe ended and may have made files."""
        cache = self.stat_cache
        for path in [p for p, m in cache.items() if m is None]:
            del cache[path]
        self.searcher.memo.clear()

    def exists(self, name):
        """Return whether a file exists here or through vpath, for implicit
        rule search.  Like GNU make, this reads each directory once and keeps
        its listing; recipes update it for the targets they make."""
        if self._listed(name):
            return True
        for d in self.mk.vpath_dirs(name):
            if self._listed(os.path.join(d, name)):
                return True
        return False

    def _listed(self, name):
        if "/" not in name and os.name != "nt":
            # Most names have no directory: skip os.path.split.
            directory, base = "", name
        else:
            directory, base = os.path.split(name)
        entries = self.dir_cache.get(directory)
        if entries is None:
            path = directory if os.path.isabs(directory) else \
                os.path.join(self.mk.curdir, directory)
            try:
                entries = set(os.listdir(path))
            except (OSError, ValueError):
                entries = set()
            if os.name == "nt":
                entries = {e.lower() for e in entries}
            self.dir_cache[directory] = entries
        if os.name == "nt":
            base = base.lower()
        if base in entries:
            return True
        if base in ("", ".", ".."):
            return self.stat_mtime(name) is not None
        return False

    def note_made(self, f):
        """Record in the directory listings whether f exists now."""
        directory, base = os.path.split(f.name)
        entries = self.dir_cache.get(directory)
        if entries is None:
            return
        if os.name == "nt":
            base = base.lower()
        if f.mtime not in (None, -1):
            entries.add(base)
        else:
            entries.discard(base)

    def file_mtime(self, f):
        """Return the modification time of f in ns, or None when missing."""
        if f.mtime is not None:
            return f.mtime if f.mtime != -1 else None
        name = f.name
        if name in self.mk.old_files:
            f.mtime = OLD_MTIME
            return OLD_MTIME
        if archive.is_member_ref(name):
            m = self.archive_member_mtime(f)
            f.mtime = m if m is not None else -1
            return m
        m = self.stat_mtime(name)
        if m is None and not os.path.isabs(name):
            for d in self.mk.vpath_dirs(name):
                path = os.path.join(d, name)
                m = self.stat_mtime(path)
                if m is not None:
                    f.vpath_name = path
                    break
        new_files = self.mk.new_files
        if new_files and (name in new_files or (
                f.vpath_name and
                strip_dot_slash(f.vpath_name) in new_files)):
            m = NEW_MTIME
        f.mtime = m if m is not None else -1
        return m

    def archive_member_mtime(self, f):
        """Date a `lib(member)` reference by the member's header inside
        the archive, found through VPATH like any file.  A member whose
        file is newer than its copy in the archive counts as missing, so
        that it is archived again."""
        lib, member = archive.split_member_ref(f.name)
        lib_file = self.mk.enter_file(lib)
        if self.file_mtime(lib_file) is None:
            return None
        path = lib_file.vpath_name or lib
        if lib_file.vpath_name:
            f.vpath_name = f"{path}({member})"
        full = path if os.path.isabs(path) else \
            os.path.join(self.mk.curdir, path)
        date = archive.member_date(full, member)
        member_mtime = self.stat_mtime(member)
        if date is None or (member_mtime is not None and
                            member_mtime // NS_PER_S > date):
            return None
        return date * NS_PER_S

    def refresh_mtime(self, f):
        self.stat_cache.pop(f.name, None)
        if f.vpath_name:
            self.stat_cache.pop(f.vpath_name, None)
        f.mtime = None
        f.vpath_name = None
        return self.file_mtime(f)

    # --- preparing a file ---------------------------------------------

    def prepare(self, f, parent):
        """First look at f: second expansion, implicit rule search."""
        mk = self.mk
        if f.raw_deps:
            self.second_expand(f, parent)
        if f.double_colon is not None:
            return
        if f.commands is None and not f.tried_implicit and not f.phony:
            f.tried_implicit = True
            self.implicit_search(f)
        elif f.commands is None and f.phony:
            f.tried_implicit = True
        if f.commands is None and not f.is_target and \
                mk.default_rule is not None and not f.phony:
            f.commands = mk.default_rule
        if f.extra_added:
            return
        f.extra_added = True
        everywhere, own = mk.extra_prereqs(f)
        first = [self._extra_dep(n) for n in everywhere if n != f.name]
        last = [self._extra_dep(n) for n in own if n != f.name]
        if first or last:
            f.deps = first + f.deps + last

    def _extra_dep(self, name):
        d = Dep(name)
        d.file = self.mk.enter_file(name)
        d.file.mentioned = True
        # Marks a prerequisite from .EXTRA_PREREQS: it is made and
        # compared, but not listed in automatic variables.
        d.need_2nd = True
        return d

    def implicit_search(self, f):
        mk = self.mk
        # A file that exists and has no rule needs none.
        own = {d.name for d in f.deps}
        self.searcher.target = f
        self.searcher.expansion_autos = self.second_expansion_autos
        try:
            m = self.searcher.search(f.name, own_deps=own)
            if m is None and archive.is_member_ref(f.name):
                # Then the member alone, as `(member)`, which `(%): %`
                # matches.
                paren = f.name.index("(")
                m = self.searcher.search(f.name[paren:], own_deps=own,
                                         whole=True)
        finally:
            self.searcher.target = None
        if m is None:
            return
        self.apply_match(f, m)

    def apply_match(self, f, m):
        mk = self.mk
        f.commands = m.rule.commands
        f.stem = m.stem
        f.from_implicit = True
        f.implicit_rule = m.rule
        inter = dict(m.intermediates)
        for name in m.explicit:
            mk.enter_file(name).mentioned = True
        new_deps = []
        # `.WAIT` positions hold only while each prerequisite pattern gave
        # one name.
        waits = m.rule.waits if len(m.deps) == len(m.rule.deps) else ()
        for index, name in enumerate(m.deps):
            known = mk.files.get(name)
            if known is not None and name not in m.explicit and \
                    not known.is_target and not known.mentioned and \
                    not mk.is_notintermediate(known):
                # A file the rule's pattern names, known only as another
                # rule's peer target, is intermediate, as in GNU make.
                known.intermediate = True
            d = Dep(name)
            d.file = mk.enter_file(name)
            if name in m.explicit:
                d.file.mentioned = True
            if name in inter:
                sub = inter[name]
                df = d.file
                if not df.is_target and df.commands is None and \
                        df.state == NOT_STARTED:
                    if not mk.is_notintermediate(df) and \
                            name not in m.explicit and not df.mentioned:
                        df.intermediate = True
                        df.secondary = df.secondary or mk.all_secondary
                    self.apply_match(df, sub)
                    df.tried_implicit = True
            d.wait = index in waits
            new_deps.append(d)
        for name in m.order_only:
            d = Dep(name, order_only=True)
            d.file = mk.enter_file(name)
            new_deps.append(d)
        f.deps = new_deps + f.deps
        if m.also_make:
            f.also_make = [mk.enter_file(name) for name in m.also_make]

    def second_expand(self, f, parent):
        """Expand the prerequisite texts of f's rules a second time, each
        in its place, with the automatic variables of what is already
        known, as GNU make's expand_deps does."""
        mk = self.mk
        f.raw_deps = None
        saved_scope = mk.scope
        saved_loc = mk.loc
        deps = f.deps
        i = 0
        try:
            while i < len(deps):
                d = deps[i]
                if d.raw is None:
                    i += 1
                    continue
                # Errors name the target's recipe, as GNU make's do, or
                # no location when it has none.
                mk.loc = f.commands.location if f.commands is not None \
                    else None
                mk.scope = mk.target_scope(f)
                auto = self.second_expansion_autos(f, d.raw[0])
                mk.scope = type(mk.scope)((auto,) + mk.scope.sets,
                                          mk.scope.private_from + 1)
                new = mk.parse_deps(expand(mk, d.name))
                for nd in new:
                    nd.file = mk.enter_file(nd.name)
                    nd.file.mentioned = True
                deps[i:i + 1] = new
                i += len(new)
        finally:
            mk.scope = saved_scope
            mk.loc = saved_loc

    def second_expansion_autos(self, f, stem):
        vs = VariableSet()
        known = [d for d in f.deps if d.raw is None]
        names = [d.name for d in known if not d.order_only]
        oo = [d.name for d in known if d.order_only]
        values = {
            "@": f.name,
            "*": stem if stem is not None else (f.stem or ""),
            "<": names[0] if names else "",
            "^": " ".join(dict.fromkeys(names)),
            "+": " ".join(names),
            "|": " ".join(n for n in dict.fromkeys(oo) if n not in names),
            "?": "",
            "%": "",
        }
        for k, v in values.items():
            vs[k] = Variable(k, v, SIMPLE, AUTOMATIC)
        add_dir_file_forms(vs, values)
        return vs

    # --- the update walk ----------------------------------------------

    def update(self, f, depth=0, parent=None):
        """Bring f up to date as far as job slots allow.

        Returns 0 (done), 1 (out of date under -q), 2 (failed) or BUSY.
        """
        state = f.state
        if state == FINISHED:
            if f.no_diag and not self.rebuilding_makefiles:
                # Failed quietly as an -include makefile; now it is
                # needed, so report the missing rule.
                f.no_diag = False
                f.parent = parent
                return self.no_rule(f)
            return f.status
        if state == RUNNING:
            return BUSY
        if state == DEPS_RUNNING and f.walk_pass == self.walk_pass:
            # Walked since the last job ended, so nothing below it can have
            # changed.  Walking a DAG again on every path that reaches a
            # file costs time exponential in its depth.
            return BUSY
        if not f.considered:
            self.first_visit(f, parent)
        if f.updating:
            return BUSY
        f.updating = True
        f.walk_pass = self.walk_pass
        try:
            return self._update(f, depth)
        finally:
            f.updating = False

    def walk_order(self, f):
        """Return f's prerequisites in the order to update them: as
        written, or shuffled under --shuffle.  Automatic variables keep the
        written order."""
        mode = self.options.shuffle
        deps = f.deps
        if not mode or mode in ("none", "identity") or self.mk.notparallel \
                or len(deps) < 2 or any(d.wait for d in deps):
            return deps
        cached = self.shuffled.get(id(f))
        if cached is not None and cached[0] == len(deps):
            return cached[1]
        order = list(deps)
        if mode == "reverse":
            order.reverse()
        else:
            self.shuffle_rng().shuffle(order)
        self.shuffled[id(f)] = (len(deps), order)
        return order

    def shuffle_rng(self):
        if self._rng is None:
            import random
            mode = self.options.shuffle
            seed = int(mode) if mode.isdigit() else random.randrange(1 << 31)
            self._rng = random.Random(seed)
        return self._rng

    _rng = None

    def first_visit(self, f, parent):
        """Prepare f the first time a walk reaches it."""
        f.considered = True
        f.parent = parent
        # Target-specific variables reach prerequisites through the
        # target that first needed them.
        f.ctx_scope = self.mk.target_scope(
            f, parent.ctx_scope if parent is not None else None)
        self.prepare(f, parent)
        if f.double_colon is not None:
            self.split_double_colon(f)

    def _update(self, f, depth):
        opts = self.options
        running = False
        dep_status = 0
        deferred = []
        deps = self.walk_order(f)
        # The other targets of a grouped or pattern rule share its
        # prerequisites' updates, and bring their own explicit ones, which
        # are expanded a second time when the walk reaches them.
        peers = self.peers(f)
        # Skip the prerequisites already found up to date, so that a
        # target with many prerequisites is not walked whole after every
        # job that ends.
        i = f.dep_cursor if deps is f.deps else 0
        while True:
            if i >= len(deps):
                if not peers:
                    break
                other = peers.pop(0)
                if other.raw_deps:
                    self.second_expand(other, f)
                extra = [d for d in other.deps if d not in deps]
                if extra:
                    deps = deps + extra
                continue
            d = deps[i]
            df = d.file
            if df is None:
                df = d.file = self.mk.enter_file(d.name)
            if d.wait and running:
                break
            if running and self.slots_full:
                # No job can start until one ends.
                break
            if df.updating:
                error(f"Circular {f.name} <- {df.name} dependency dropped.")
                if d in f.deps:
                    f.deps.remove(d)
                if deps is not f.deps:
                    del deps[i]
                continue
            if df.intermediate and df.state == NOT_STARTED and \
                    not f.phony and self.file_mtime(df) is None and \
                    not opts.always_make:
                deferred.append(d)
                i += 1
                continue
            if f.dontcare and not df.dontcare:
                # A prerequisite of a "don't care" makefile inherits the
                # flag while it is updated on its behalf, as in GNU make.
                df.dontcare = True
                try:
                    s = self.update(df, depth + 1, f)
                finally:
                    df.dontcare = False
            else:
                s = self.update(df, depth + 1, f)
            if s == 0 and not running and i == f.dep_cursor and \
                    deps is f.deps and not deferred:
                f.dep_cursor = i + 1
            if s == BUSY:
                running = True
            elif s:
                dep_status = max(dep_status, s)
                if not opts.keep_going:
                    break
            i += 1
        if running:
            f.state = DEPS_RUNNING
            return BUSY
        if dep_status:
            return self.give_up(f, dep_status, depth)
        must, newer = self.must_remake(f, deferred)
        if must and deferred:
            running = False
            for d in deferred:
                s = self.update(d.file, depth + 1, f)
                if s == BUSY:
                    running = True
                elif s:
                    dep_status = max(dep_status, s)
                    if not opts.keep_going:
                        break
            if running:
                f.state = DEPS_RUNNING
                return BUSY
            if dep_status:
                return self.give_up(f, dep_status, depth)
            must, newer = self.must_remake(f, [])
        if not must:
            f.state = FINISHED
            f.status = 0
            return 0
        if self.options.debug:
            if self.file_mtime(f) is None:
                self.debug(depth, f"File '{f.name}' does not exist.")
            self.debug(depth, f"Must remake target '{f.name}'.")
        return self.remake(f, newer, depth)

    @staticmethod
    def peers(f):
        """Return the other targets that f's grouped or pattern rule
        makes with it."""
        if f.also_make and f.also_make != ["::"]:
            return [x for x in f.also_make if isinstance(x, File)]
        if f.group and not f.from_implicit and f.double_colon is None:
            return [x for x in f.group if x is not f]
        return []

    def give_up(self, f, status, depth):
        f.state = FINISHED
        f.status = status
        # GNU make updates makefiles at depth 1, so they never get this.
        if depth == 0 and self.options.keep_going and \
                not self.rebuilding_makefiles and \
                not self.options.just_print and not self.options.question:
            error(f"Target '{f.name}' not remade because of errors.")
        return status

    def split_double_colon(self, f):
        """Give each `::` rule its own node, updated in order.  Each node
        compares with the time the file had before any of them ran."""
        before = self.file_mtime(f)
        nodes = []
        for rule in f.double_colon:
            sub = File(f.name)
            sub.deps = list(rule.deps)
            for d in sub.deps:
                if d.file is None and d.raw is None:
                    d.file = self.mk.enter_file(d.name)
            if rule.raw_deps:
                sub.raw_deps = True
            sub.commands = rule.commands
            sub.is_target = True
            sub.phony = f.phony
            sub.variables = f.variables
            sub.double_colon = None
            sub.considered = False
            sub.tried_implicit = True
            sub.silent = f.silent
            sub.ignore = f.ignore
            sub.precious = f.precious
            sub.rule_location = rule.location
            sub.stem = rule.stem
            sub.also_make = ["::"]
            sub.mtime = before if before is not None else -1
            nodes.append(sub)
        f.deps = [self._node_dep(n) for n in nodes]
        f.double_colon = None
        f.commands = None
        f.is_target = True
        f.dc_nodes = nodes

    def _node_dep(self, node):
        d = Dep(node.name)
        d.file = node
        return d

    def debug(self, depth, text, level="basic"):
        """Print a --debug line, indented by depth as GNU make does."""
        flags = self.options.debug
        if level in flags or "all" in flags or \
                (level == "basic" and "verbose" in flags):
            errors.flush_stdout()
            sys.stdout.write(" " * depth + text + "\n")
            sys.stdout.flush()

    def must_remake(self, f, deferred):
        """Decide whether f's recipe must run; return (must, newer deps)."""
        opts = self.options
        if f.name in self.mk.old_files:
            return False, []
        this = self.file_mtime(f)
        noexist = this is None
        if not noexist and this not in (OLD_MTIME, NEW_MTIME) and \
                (f.name in self.mk.low_resolution or
                 archive.is_member_ref(f.name)):
            # A time stamp kept in whole seconds represents the whole
            # second, so prerequisites within it are not newer.
            ns = this % NS_PER_S
            if ns:
                error(f"*** Warning: .LOW_RESOLUTION_TIME file '{f.name}' "
                      "has a high resolution time stamp")
            this += NS_PER_S - 1 - ns
        is_dc_node = f.also_make == ["::"]
        if not is_dc_node and f.group and not f.from_implicit:
            # A missing peer of an explicit grouped rule means the shared
            # recipe must run, and the oldest peer dates the group.  GNU
            # make checks this before the implicit rule search, so the
            # peers of a pattern rule do not count.
            for other in self.peers(f):
                if noexist:
                    break
                other_mtime = self.file_mtime(other)
                if other_mtime is None:
                    noexist = True
                    this = None
                elif this is not None and other_mtime < this:
                    this = other_mtime
        must = noexist
        if f.phony:
            must = True
        deps_changed = False
        newer = []
        for d in f.deps:
            df = d.file
            if d in deferred:
                if self.intermediate_needed(df, this, noexist):
                    must = True
                continue
            if d.order_only:
                continue
            dm = self.file_mtime(df)
            if dm is None and not df.intermediate:
                must = True
            if df.changed:
                deps_changed = True
            if noexist or dm is None or (this is not None and dm > this):
                newer.append(d)
                if dm is not None and this is not None and dm > this:
                    must = True
                    deps_changed = True
        if is_dc_node and not f.deps:
            must = True
        elif not noexist and f.is_target and not deps_changed and \
                f.commands is None and not opts.always_make:
            must = False
        elif not must and f.commands is not None and opts.always_make:
            must = True
        if f.phony:
            must = True
        return must, newer

    def intermediate_needed(self, f, target_mtime, target_missing):
        """Whether a missing intermediate file must be made for a target
        with the given time: one of its own prerequisites is newer."""
        if target_missing:
            return True
        if not f.considered:
            self.first_visit(f, f.parent)
        for d in f.deps:
            if d.order_only:
                continue
            df = d.file
            if df is None:
                continue
            if not df.considered:
                self.first_visit(df, f)
            m = self.file_mtime(df)
            if m is None:
                if df.intermediate:
                    if self.intermediate_needed(df, target_mtime, False):
                        return True
                    continue
                return True
            if m > target_mtime:
                return True
        return False

    # --- running a recipe ---------------------------------------------

    def remake(self, f, newer, depth):
        opts = self.options
        mk = self.mk
        if f.commands is None:
            if self.file_mtime(f) is None and not f.is_target and \
                    not f.phony:
                # no_rule fails quietly for an -include makefile and its
                # prerequisites.
                return self.no_rule(f)
            # No recipe: the file counts as updated when a prerequisite
            # changed.
            f.state = FINISHED
            f.status = 0
            if self.file_mtime(f) is None or f.phony:
                f.changed = True
                f.mtime = NEW_MTIME if f.phony or opts.just_print \
                    else -1
                if not f.phony and not opts.just_print:
                    f.mtime = -1
            return 0

        if f.group and not f.from_implicit:
            for other in f.group:
                if other is not f and other.state == RUNNING:
                    return BUSY
        if f.also_make == ["::"] and id(f.commands) in mk.grouped_commands:
            # One `&::` rule runs once for all of its targets.
            if id(f.commands) in self.grouped_done:
                f.state = FINISHED
                f.status = 0
                return 0
            self.grouped_done.add(id(f.commands))
        if self.slots_full or (self.running_jobs and
                               self.load.too_high()) or \
                not self.acquire_slot():
            self.slots_full = True
            f.state = DEPS_RUNNING
            return BUSY
        # Output made while the recipe is expanded ($(info), $(shell)) and
        # while it runs belongs to the job under -O.
        sync = output.Sync()
        output.context = sync
        try:
            job = self.make_job(f, newer)
        except MakeError:
            # The context stays on the job's output, so the session prints
            # the error into it, as GNU make does.
            self.release_slot()
            raise
        if job is not None:
            # A failure of this job is silent and stops nothing.
            job.dontcare = f.dontcare
        status = self.start_job(f, job, newer, sync)
        output.context = None
        return status

    def start_job(self, f, job, newer, sync):
        """Start f's recipe, or finish f at once when there is nothing to
        run.  Returns what update() returns for f."""
        opts = self.options
        if opts.question and job is not None and any(
                command_text(line.text) and not line.recursive
                for line in job.lines):
            # Under -q a line that would really run means "out of date";
            # empty and recursive lines do not, as in GNU make.
            self.release_slot()
            output.context = None
            sync.close()
            f.state = FINISHED
            f.status = 1
            return 1
        if job is None or not any(command_text(line.text)
                                  for line in job.lines):
            # A recipe that expands to nothing runs nothing, and does not
            # count as work done for "is up to date".
            self.release_slot()
            output.context = None
            sync.close()
            f.job_recursive_only = job is not None and all(
                line.recursive for line in job.lines)
            if opts.touch and not raw_recursive(f.commands):
                # GNU make decides on -t from the recipe as written, so an
                # empty expansion is touched too.
                self.touch(f)
            self.finish(f, 0, ran=f.job_recursive_only)
            return 0
        job.sync = sync
        if opts.trace:
            self.trace(f, job, newer)
        f.state = RUNNING
        f.job = job
        if f.also_make and f.also_make != ["::"]:
            # Peer targets are being made by this same recipe, also those
            # already waiting for a shared prerequisite.
            for x in f.also_make:
                if x.state in (NOT_STARTED, DEPS_RUNNING) and x.job is None:
                    x.state = RUNNING
        self.commands_started += 1
        f.cmds_ran = True
        self.advance(job)
        output.context = None
        if self.slots == 1 or self.mk.notparallel:
            # Serially, a recipe runs to its end before anything else is
            # considered, so later implicit rule searches see its files.
            while f.state == RUNNING:
                self.wait_one()
        if f.state == FINISHED:
            return f.status
        return BUSY

    def trace(self, f, job, newer):
        loc = f.commands.location
        where = f"{loc.filename}:{loc.lineno}" if loc and loc.filename \
            else "<builtin>"
        if f.phony:
            why = "target is .PHONY"
        elif self.file_mtime(f) is None:
            why = "target does not exist"
        else:
            names = [d.file.vpath_name or d.file.name for d in newer
                     if not d.order_only and d.file is not None and
                     self.file_mtime(d.file) is not None]
            missing = [d.file.name for d in f.deps
                       if d.file is not None and
                       self.file_mtime(d.file) is None]
            if names:
                why = " ".join(dict.fromkeys(names))
            elif missing:
                why = " ".join(missing)
            else:
                why = "unknown reasons"
        self.echo(f"{where}: update target '{f.name}' due to: {why}")

    def show_goal_error(self):
        """Print once that the included makefile being remade is missing,
        before the first error met while remaking it, as GNU make 4.4
        does."""
        if self.goal_error is not None:
            name, location = self.goal_error
            self.goal_error = None
            error(f"{name}: No such file or directory", location)

    def no_rule(self, f):
        f.state = FINISHED
        f.status = 2
        opts = self.options
        if f.parent is not None and f.parent.name:
            msg = (f"No rule to make target '{f.name}', needed by "
                   f"'{f.parent.name}'")
        else:
            msg = f"No rule to make target '{f.name}'"
        if f.dontcare:
            f.no_diag = True
            return 2
        self.show_goal_error()
        if opts.keep_going:
            error(f"*** {msg}.")
        else:
            raise MakeError(msg)
        self.failed_any = True
        return 2

    # NOTE: when no token is free, the scheduler waits only for its own
    # jobs to end, not on the jobserver's descriptor as GNU make does, so a
    # token that another make returns is used only after one of ours ends.
    def acquire_slot(self):
        """Take a job slot: the implicit one first, then jobserver
        tokens."""
        if self.running_jobs >= self.slots:
            return False
        if self.running_jobs == 0:
            self.running_jobs = 1
            return True
        if self.jobserver is not None:
            if not self.jobserver.try_acquire():
                return False
            self.tokens_held += 1
        self.running_jobs += 1
        return True

    def release_slot(self):
        """Give a slot back; every token beyond the implicit slot goes back
        to the jobserver at once."""
        self.running_jobs -= 1
        while self.jobserver is not None and \
                self.tokens_held > max(0, self.running_jobs - 1):
            self.jobserver.release()
            self.tokens_held -= 1

    def make_job(self, f, newer):
        """Expand f's recipe into a Job, or None when it has no lines."""
        mk = self.mk
        opts = self.options
        scope = f.ctx_scope
        if scope is None:
            scope = mk.target_scope(f)
            f.ctx_scope = scope
        autos = self.automatic_variables(f, newer)
        saved_scope, saved_loc = mk.scope, mk.loc
        mk.scope = type(scope)((autos,) + scope.sets, scope.private_from + 1)
        commands = f.commands
        lines = []
        try:
            silent_target = f.silent or mk.silent_all or opts.silent
            ignore_target = f.ignore or mk.ignore_all or opts.ignore_errors
            raw_lines = commands.lines
            if mk.oneshell and raw_lines:
                raw_lines = [self.oneshell_text(raw_lines)]
            for idx, raw in enumerate(raw_lines):
                lineno = commands.linenos[idx] if idx < len(
                    commands.linenos) else commands.location.lineno
                mk.loc = errors.Location(commands.location.filename, lineno)
                recursive_ref = "$(MAKE)" in raw or "${MAKE}" in raw
                if "\\\n" in raw and "$" in raw:
                    raw = join_lines_in_references(raw)
                text = expand(mk, raw)
                # The prefixes written before any expansion apply to every
                # line the expansion gives, as in GNU make.
                _, raw_silent, raw_ignore, raw_plus = strip_prefixes(raw)
                for piece in split_command_lines(text) if not mk.oneshell \
                        else [text]:
                    body, silent, ignore, recursive = strip_prefixes(piece)
                    silent = silent or raw_silent
                    ignore = ignore or raw_ignore
                    recursive = recursive or raw_plus
                    body = remove_tab_after_newline(body)
                    if mk.oneshell and is_bourne_shell(
                            mk.expand_variable("SHELL") or "/bin/sh"):
                        body = oneshell_strip(body)
                    lines.append(CommandLine(
                        body, silent or silent_target,
                        ignore or ignore_target,
                        recursive or recursive_ref, lineno))
            env = self.environment_builder(
                mk.scope, any(line.recursive for line in lines))
            shell = mk.expand_variable("SHELL") or "/bin/sh"
            shellflags = mk.expand_variable(".SHELLFLAGS")
            flags_variable = mk.scope.lookup(".SHELLFLAGS")
            posix_errexit = mk.posix and (flags_variable is None or
                                          flags_variable.origin == DEFAULT)
            if posix_errexit:
                shellflags = "-c"
        finally:
            mk.scope, mk.loc = saved_scope, saved_loc
        argv_prefix = [shell] + split_shell_flags(shellflags)
        job = Job(f, lines, commands.location, env, mk.curdir, argv_prefix,
                  shell, shellflags)
        job.posix_errexit = posix_errexit
        if self.jobserver is not None:
            job.pass_fds = self.jobserver.pass_fds()
        if os.name == "nt":
            from pymake.winshell import choose_shell
            sv = mk.lookup("SHELL")
            job.choice = choose_shell(shell, sv.origin if sv else "default",
                                      job.env.get("PATH"),
                                      shellflags=shellflags)
        return job

    def oneshell_text(self, raw_lines):
        return "\n".join(raw_lines)

    def environment_builder(self, scope, recursive):
        """Return a function that builds a job's environment in the
        target's variable scope when a process is about to start."""
        mk = self.mk

        def build():
            saved = mk.scope
            mk.scope = scope
            try:
                return mk.child_environment(recursive=recursive)
            finally:
                mk.scope = saved
        return build

    def automatic_variables(self, f, newer):
        vs = VariableSet()
        name = f.name
        member = ""
        if archive.is_member_ref(name):
            target, member = archive.split_member_ref(name)
        else:
            target = name
        normal = []
        oo = []
        for d in f.deps:
            if d.need_2nd:
                # .EXTRA_PREREQS are not listed in automatic variables.
                continue
            df = d.file
            n = df.vpath_name or df.name if df is not None else d.name
            if archive.is_member_ref(n):
                # Prerequisites that are archive members are listed by
                # their member names.
                n = archive.split_member_ref(n)[1]
            if d.order_only:
                oo.append(n)
            else:
                normal.append(n)
        newer_names = []
        for d in newer:
            if d.order_only or d.need_2nd:
                continue
            df = d.file
            n = df.vpath_name or df.name
            if archive.is_member_ref(n):
                n = archive.split_member_ref(n)[1]
            newer_names.append(n)
        stem = f.stem
        if stem is None:
            stem = ""
            for suffix in self.mk.suffix_list:
                if name.endswith(suffix) and len(name) > len(suffix):
                    stem = name[:-len(suffix)]
                    break
        values = {
            "@": target,
            "%": member,
            "<": normal[0] if normal else "",
            "^": " ".join(dict.fromkeys(normal)),
            "+": " ".join(normal),
            # A prerequisite that is also a normal one is not order-only.
            "|": " ".join(n for n in dict.fromkeys(oo) if n not in normal),
            "?": " ".join(dict.fromkeys(newer_names)),
            "*": stem,
        }
        for k, v in values.items():
            vs[k] = Variable(k, v, SIMPLE, AUTOMATIC)
        add_dir_file_forms(vs, values)
        return vs

    def advance(self, job):
        """Start the next line of job, or finish it."""
        opts = self.options
        while job.index < len(job.lines):
            line = job.lines[job.index]
            job.index += 1
            if not command_text(line.text):
                continue
            if (opts.touch or opts.question) and not line.recursive:
                # Under -t and -q only recursive lines run.
                continue
            self.sync_line(job, line)
            if opts.just_print and not line.recursive:
                self.echo(line.text)
                continue
            if not line.silent or opts.just_print or opts.trace:
                self.echo(line.text)
            job.current = line
            self.load.job_started()
            if self.runner.start_line(job, line):
                if self.options.debug and job.proc is not None:
                    self.debug(0, f"Putting child {id(job):#x} "
                               f"({job.file.name}) PID {job.proc.pid} on "
                               f"the chain.", "jobs")
                return
            # The process could not start.
            self.line_failed(job, line, job.status)
            return
        output.context = None
        if opts.touch:
            self.touch(job.file)
        self.finish_job(job, 0)

    def sync_line(self, job, line):
        """Choose where a recipe line's output goes under -O: into the
        job's files, except for recursive make lines under -Otarget and
        -Oline, which first write out what was collected and then run
        with make's own stdout and stderr."""
        sync = job.sync
        if sync is None:
            return
        sync.enabled = output.mode != output.NONE and (
            output.mode == output.RECURSE or not line.recursive)
        if not sync.enabled:
            sync.dump()
        output.context = sync if sync.enabled else None

    def echo(self, text):
        errors.message(text)

    def touch(self, f):
        """Touch f for -t.  Under -n, only print the touch command."""
        if not f.phony and f.commands is not None:
            if not self.options.silent:
                self.echo(f"touch {f.name}")
            if self.options.just_print:
                return
            if archive.is_member_ref(f.name):
                self.touch_member(f)
                return
            path = os.path.join(self.mk.curdir, f.name)
            try:
                with open(path, "a"):
                    pass
                os.utime(path, None)
            except OSError as e:
                error(f"touch: {f.name}: {e.strerror}")

    def touch_member(self, f):
        lib, member = archive.split_member_ref(f.name)
        code = archive.touch_member(os.path.join(self.mk.curdir, lib),
                                    member)
        if code == -1:
            error(f"touch: Archive '{lib}' does not exist")
        elif code == -2:
            error(f"touch: '{lib}' is not a valid archive")
        elif code == -3:
            error(f"touch: {lib}: cannot write the archive")
        elif code == 1:
            error(f"touch: Member '{member}' does not exist in '{lib}'")

    def line_ended(self, job, code):
        self.load.job_ended()
        line = job.current
        if code != 0:
            self.line_failed(job, line, code)
            return
        if output.mode == output.LINE and job.sync is not None:
            job.sync.dump()
        self.advance(job)

    def line_failed(self, job, line, code):
        f = job.file
        if job.location is not None and job.location.filename:
            loc = f"{job.location.filename}:{line.lineno}"
        else:
            loc = "<builtin>"
        desc = exit_description(code)
        name = f.name
        sync = job.sync
        output.context = sync if sync is not None and sync.enabled else None
        if line.ignore:
            error(f"[{loc}: {name}] {desc} (ignored)")
            output.context = None
            if output.mode == output.LINE and sync is not None:
                sync.dump()
            self.advance(job)
            return
        if code == 1 and line.recursive and self.options.question:
            # A sub-make under -q returned 1, "out of date": this make
            # returns the same, with no error message.
            output.context = None
            self.finish_job(job, 1)
            return
        core = " (core dumped)" if False else ""
        if not job.dontcare:
            self.show_goal_error()
            error(f"*** [{loc}: {name}] {desc}{core}")
        # GNU make reports a deleted target outside the job's output.
        output.context = None
        if code < 0 or self.mk.delete_on_error:
            self.delete_target(f)
        self.finish_job(job, 2)

    def delete_target(self, f):
        if f.phony or f.precious or self.mk.is_precious(f.name):
            return
        before = f.mtime if f.mtime not in (None, -1) else None
        path = os.path.join(self.mk.curdir, f.name)
        try:
            st = os.stat(path)
        except OSError:
            return
        if before is not None and st.st_mtime_ns == before:
            return
        error(f"*** Deleting file '{f.name}'")
        try:
            os.unlink(path)
        except OSError:
            pass

    def finish_job(self, job, status):
        output.context = None
        if job.sync is not None:
            job.sync.close()
        job.file.job_recursive_only = all(
            line.recursive for line in job.lines if command_text(line.text))
        self.release_slot()
        self.slots_full = False
        if self.options.debug and status == 0:
            self.debug(0, f"Successfully remade target file "
                          f"'{job.file.name}'.")
        self.forget_missing()
        self.finish(job.file, status, ran=True, dontcare=job.dontcare)

    def finish(self, f, status, ran, dontcare=False):
        opts = self.options
        self.walk_pass += 1
        f.state = FINISHED
        f.status = status
        f.job = None
        if status and not dontcare:
            self.failed_any = True
            if not opts.keep_going:
                self.stopping = True
        files = [f]
        if f.also_make and f.also_make != ["::"]:
            files.extend(f.also_make)
        if f.group:
            files.extend(x for x in f.group if x is not f)
        peers_before = {}
        if ran and status == 0 and f.from_implicit and f.also_make and \
                f.also_make != ["::"] and not (opts.just_print or
                                               opts.question or opts.touch):
            before_self = f.mtime
            for x in f.also_make:
                peers_before[x.name] = before_self
        for x in files:
            x.changed = True
            if x is not f:
                x.state = FINISHED
                x.status = status
            if opts.just_print or opts.question or (opts.touch and
                                                    not x.phony):
                self.refresh_mtime(x)
                # Under -n a recipe of only recursive lines really ran, so
                # its target keeps its real time, as in GNU make.
                really_ran = ran and f.job_recursive_only
                if (opts.just_print or opts.question) and not really_ran:
                    x.mtime = NEW_MTIME
            else:
                self.refresh_mtime(x)
                if x.phony:
                    x.mtime = -1
                self.note_made(x)
            if x.intermediate and not x.secondary and \
                    x not in self.made_intermediates:
                self.made_intermediates.append(x)
        # A pattern recipe that made its target but not a peer target.
        if peers_before:
            before = next(iter(peers_before.values()))
            after = f.mtime
            updated = after not in (None, -1) and (before in (None, -1) or
                                                   after > before)
            if updated:
                for x in f.also_make:
                    if x.mtime in (None, -1):
                        loc = f.commands.location if f.commands else None
                        error(f"warning: pattern recipe did not update peer "
                              f"target '{x.name}'.", loc)

    # --- the scheduler loop -------------------------------------------

    def run(self, goals):
        """Update the goals; return make's exit status."""
        opts = self.options
        mode = opts.shuffle
        if mode and mode not in ("none", "identity") and \
                not self.mk.notparallel and len(goals) > 1:
            goals = list(goals)
            if mode == "reverse":
                goals.reverse()
            else:
                self.shuffle_rng().shuffle(goals)
        status = 0
        pending = list(range(len(goals)))
        started_at = [None] * len(goals)
        try:
            while pending:
                progressed = False
                self.walk_pass += 1
                for index in list(pending):
                    g = goals[index]
                    if self.stopping:
                        break
                    before = self.commands_started
                    try:
                        s = self.update(g, 0, None)
                    except MakeError:
                        if self.runner.running:
                            self.stopping = True
                            failing = output.context
                            output.context = None
                            self.drain()
                            output.context = failing
                        raise
                    if self.commands_started != before:
                        started_at[index] = True
                    if s != BUSY:
                        pending.remove(index)
                        progressed = True
                        status = max(status, s)
                        self.report_goal(g, s, started_at[index])
                        if s and not opts.keep_going and not g.dontcare:
                            self.stopping = True
                            break
                if self.stopping:
                    self.drain()
                    break
                if not pending:
                    break
                if not self.runner.running:
                    if progressed:
                        continue
                    break
                self.wait_one()
        except KeyboardInterrupt:
            self.interrupted("Interrupt")
            raise
        except Terminated as e:
            self.interrupted(e.description)
            raise
        finally:
            self.delete_intermediates()
        if self.failed_any and status == 0:
            status = 2
        return status

    def report_goal(self, g, s, started):
        opts = self.options
        if s != 0 or started or opts.question or opts.silent:
            return

        if self.rebuilding_makefiles:
            return
        has_recipe = g.commands is not None or any(
            n.commands is not None for n in g.dc_nodes)
        if g.phony or not has_recipe:
            errors.info(f"Nothing to be done for '{g.name}'.")
        else:
            errors.info(f"'{g.name}' is up to date.")

    def wait_one(self):
        job, code = self.runner.wait_any()
        self.line_ended(job, code)
        output.context = None

    def drain(self):
        """Wait for running jobs after an error."""
        if self.runner.running:
            error("*** Waiting for unfinished jobs....")
        while self.runner.running:
            job, code = self.runner.wait_any()
            self.load.job_ended()
            line = job.current
            if code != 0 and not line.ignore:
                self.line_failed(job, line, code)
            else:
                self.finish_job(job, 0) if job.index >= len(job.lines) \
                    else self.finish_job(job, 0)

    def interrupted(self, description):
        """End every job's process tree after a signal stopped make, and
        delete the targets they were making, as GNU make does."""
        self.interrupted_by = description
        output.context = None
        running = list(self.runner.running)
        self.runner.kill_all()
        for job in running:
            self.delete_target(job.file)
        for job in running:
            line = getattr(job, "current", None)
            loc = job.location
            where = f"{loc.filename}:{line.lineno}" if line is not None \
                and loc is not None and loc.filename else "<builtin>"
            sync = job.sync
            if sync is not None and sync.enabled:
                output.context = sync
            error(f"*** [{where}: {job.file.name}] {description}")
            output.context = None
            if sync is not None:
                sync.close()

    def in_file_table_order(self, files):
        """Order files as GNU make walks its file hash table, which is
        the order of its `rm` line for intermediate files."""
        if len(files) < 2:
            return list(files)
        size = gnuhash.FILE_TABLE_SIZE
        while len(self.mk.files) > size - size // 16:
            size *= 2
        # NOTE: only collisions among these files are modelled.  In GNU
        # make a file outside them on a neighbouring slot can move one.
        by_name = {f.name: f for f in files}
        return [by_name[name] for name in gnuhash.slot_order(
            list(by_name), size, gnuhash.jhash_string)]

    def delete_intermediates(self):
        """Remove the intermediate files this run made.  Under -n, print
        the rm line only; after a signal, say so on stderr, as GNU make
        does."""
        opts = self.options
        if opts.question:
            return
        names = []
        for f in self.in_file_table_order(self.made_intermediates):
            if f.precious or f.secondary or \
                    self.mk.is_notintermediate(f) or \
                    f.name in self.mk.command_goals:
                # GNU make keeps an intermediate file that the command
                # line names.
                continue
            if self.mk.is_precious(f.name):
                continue
            if opts.just_print:
                names.append(f.name)
                continue
            path = os.path.join(self.mk.curdir, f.name)
            if os.path.lexists(path):
                if self.interrupted_by is not None:
                    error(f"*** Deleting intermediate file '{f.name}'")
                try:
                    os.unlink(path)
                except OSError:
                    continue
                names.append(f.name)
        if names and not opts.silent and self.interrupted_by is None:
            # GNU make writes this line straight to stdout, outside any
            # job's output.
            errors.flush_stdout()
            sys.stdout.write("rm " + " ".join(names) + "\n")
            sys.stdout.flush()


def add_dir_file_forms(vs, values):
    for k in ("@", "%", "<", "^", "+", "|", "?", "*"):
        v = values[k]
        words = v.split() if k in "^+|?" else ([v] if v else [])
        dirs = []
        files = []
        for w in words:
            i = w.rfind("/")
            dirs.append(w[:i] if i > 0 else ("/" if i == 0 else "."))
            files.append(w[i + 1:])
        vs[k + "D"] = Variable(k + "D", " ".join(dirs), SIMPLE, AUTOMATIC)
        vs[k + "F"] = Variable(k + "F", " ".join(files), SIMPLE, AUTOMATIC)


def join_lines_in_references(text):
    """Turn backslash-newlines inside $(...) and ${...} references of a
    recipe line into single spaces, as GNU make does before expanding;
    those outside references go to the shell unchanged."""
    out = []
    depth = 0
    closers = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "$" and i + 1 < n and text[i + 1] in "({":
            closers.append(")" if text[i + 1] == "(" else "}")
            depth += 1
            out.append(text[i:i + 2])
            i += 2
            continue
        if depth and c == closers[-1]:
            closers.pop()
            depth -= 1
        elif depth and c == "\\" and i + 1 < n and text[i + 1] == "\n":
            while out and out[-1] in (" ", "\t"):
                out.pop()
            out.append(" ")
            i += 2
            while i < n and text[i] in " \t":
                i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def split_command_lines(text):
    """Split an expanded recipe line at newlines that no backslash
    escapes: each piece runs as its own command."""
    if "\n" not in text:
        return [text]
    out = []
    start = 0
    i = text.find("\n")
    while i >= 0:
        k = i
        while k > start and text[k - 1] == "\\":
            k -= 1
        if (i - k) % 2 == 0:
            out.append(text[start:i])
            start = i + 1
        i = text.find("\n", i + 1)
    out.append(text[start:])
    return out


def remove_tab_after_newline(text):
    if "\\\n\t" in text:
        return text.replace("\\\n\t", "\\\n")
    return text


def raw_recursive(commands):
    """Return whether a recipe, as written, has a line that runs under -n,
    -t and -q: a `+` prefix or a reference to $(MAKE)."""
    return any(strip_prefixes(raw)[3] or "$(MAKE)" in raw or "${MAKE}" in raw
               for raw in commands.lines)


def command_text(text):
    """Return a recipe line without blanks and backslash-newlines, which
    is empty when the line would run nothing."""
    return text.replace("\\\n", "").strip()


# The shells GNU make takes for POSIX-style ones (is_bourne_compatible_shell
# in src/job.c of 4.4.1).
BOURNE_SHELLS = frozenset(("sh", "bash", "dash", "ksh", "rksh", "zsh", "ash"))


def is_bourne_shell(shell):
    """Return whether the program named by shell is a POSIX-style shell."""
    name = shell.replace("\\", "/").rsplit("/", 1)[-1]
    if os.name == "nt":
        name = name.lower().split(".", 1)[0]
    return name in BOURNE_SHELLS


def split_shell_flags(flags):
    """Split .SHELLFLAGS into words, honouring quotes as GNU make's
    command parser does, so `-E 'use warnings;'` stays two words."""
    if "'" not in flags and '"' not in flags and "\\" not in flags:
        return flags.split()
    try:
        return shlex.split(flags)
    except ValueError:
        return flags.split()


def oneshell_strip(text):
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            line = line.lstrip(" \t@-+") if line.lstrip(" \t")[:1] in \
                ("@", "-", "+") else line
        out.append(line)
    return "\n".join(out)

