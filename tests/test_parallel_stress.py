"""Stress test of the parallel scheduler: a random graph built at -j8 -k.

A fixed-seed random DAG of 300 targets is built twenty times at ``-j8 -k``
and once at ``-j1 -k``.  Each recipe runs ``job.sh``, which sleeps 0-20 ms,
appends its target name to ``ran.log`` with one O_APPEND write and keeps a
count of running recipes in a file guarded by flock(1).  Some recipes fail
with ``exit 1``.  The test computes from the graph which targets must be
built and which must fail, and checks every run against that.

Set ``PYMAKE_STRESS_RUNS`` to change the number of parallel runs.  The test
needs a POSIX shell and util-linux flock, and is skipped without them.
"""

from __future__ import annotations

import collections
import os
import random
import shutil
import time
from pathlib import Path

import pytest

from mkrun import run_make

SEED = 20240229
TARGET_COUNT = 300
JOBS = 8
FAILURE_RATE = 0.04
MAX_SLEEP_MS = 20
PARALLEL_RUNS = int(os.environ.get("PYMAKE_STRESS_RUNS", "20"))

pytestmark = pytest.mark.skipif(
    os.name == "nt" or shutil.which("flock") is None or not os.path.exists("/bin/sh"),
    reason="needs /bin/sh and flock(1)",
)

# Records one recipe run: JOB.SH NAME SECONDS.  The count of running
# recipes goes up before the sleep and down after it, under an exclusive
# flock, and the highest count seen is kept in the file "max".
JOB_SCRIPT = """\
exec 9>>lock
flock 9
read n < count
n=$((n + 1))
echo "$n" > count
read max < max
if [ "$n" -gt "$max" ]; then echo "$n" > max; fi
flock -u 9
sleep "$2"
printf '%s\\n' "$1" >> ran.log
flock 9
read n < count
echo $((n - 1)) > count
flock -u 9
"""


class Graph:
    """A random DAG whose edges go from lower to higher target numbers."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.names = [f"t{index:03d}" for index in range(TARGET_COUNT)]
        self.deps: dict[str, list[str]] = {}
        self.sleep_ms: dict[str, int] = {}
        self.failing: set[str] = set()
        for index, name in enumerate(self.names):
            later = self.names[index + 1 : index + 40]
            count = min(len(later), rng.choice((0, 0, 1, 1, 2, 3)))
            self.deps[name] = rng.sample(later, count)
            self.sleep_ms[name] = rng.randint(0, MAX_SLEEP_MS)
            if rng.random() < FAILURE_RATE:
                self.failing.add(name)
        needed = {dep for deps in self.deps.values() for dep in deps}
        self.roots = [name for name in self.names if name not in needed]

    def makefile(self) -> tuple[str, dict[str, int]]:
        """Return the makefile text and each target's recipe line number."""
        lines = [".PHONY: " + " ".join(self.names)]
        recipe_lines = {}
        for name in self.names:
            lines.append(f"{name}: {' '.join(self.deps[name])}".rstrip())
            seconds = f"{self.sleep_ms[name] / 1000:.3f}"
            recipe = f"\t@sh job.sh {name} {seconds}"
            if name in self.failing:
                recipe += "; exit 1"
            lines.append(recipe)
            recipe_lines[name] = len(lines)
        return "\n".join(lines) + "\n", recipe_lines

    def expected(self) -> tuple[set[str], set[str]]:
        """Return (targets whose recipe succeeds, targets whose recipe fails).

        A recipe runs only when every prerequisite was built.  Names are
        visited from the highest number down, so prerequisites come first.
        """
        built: set[str] = set()
        failed: set[str] = set()
        for name in reversed(self.names):
            if all(dep in built for dep in self.deps[name]):
                (failed if name in self.failing else built).add(name)
        return built, failed

    def expected_stderr(self, recipe_lines: dict[str, int]) -> collections.Counter:
        built, failed = self.expected()
        lines = collections.Counter()
        for name in failed:
            lines[f"pymake: *** [Makefile:{recipe_lines[name]}: {name}] Error 1"] += 1
        for root in self.roots:
            if root not in built and root not in failed:
                lines[f"pymake: Target '{root}' not remade because of errors."] += 1
        return lines


def reset_counters(directory: Path) -> None:
    for name in ("count", "max"):
        (directory / name).write_text("0\n")
    (directory / "ran.log").write_text("")


def build(directory: Path, graph: Graph, jobs: int):
    makefile, _ = graph.makefile()
    reset_counters(directory)
    result = run_make(directory, makefile, args=["-k", f"-j{jobs}"] + graph.roots,
                      files={"job.sh": JOB_SCRIPT})
    ran = (directory / "ran.log").read_text().split()
    highest = int((directory / "max").read_text())
    still_running = int((directory / "count").read_text())
    return result, ran, highest, still_running


def test_graph_has_failures_and_roots():
    graph = Graph(SEED)
    built, failed = graph.expected()
    assert len(failed) >= 5
    assert len(built) >= TARGET_COUNT // 2
    assert len(graph.roots) >= 20
    assert len(built) + len(failed) < TARGET_COUNT


def test_parallel_keep_going_matches_graph(tmp_path):
    graph = Graph(SEED)
    _, recipe_lines = graph.makefile()
    built, failed = graph.expected()
    expected_ran = sorted(built | failed)
    expected_stderr = graph.expected_stderr(recipe_lines)

    serial, serial_ran, serial_max, _ = build(tmp_path, graph, 1)
    assert serial.status == 2
    assert sorted(serial_ran) == expected_ran
    assert collections.Counter(serial.stderr.splitlines()) == expected_stderr
    assert serial_max == 1

    highest_seen = 0
    started = time.monotonic()
    for run in range(PARALLEL_RUNS):
        result, ran, highest, still_running = build(tmp_path, graph, JOBS)
        assert result.status == 2, f"run {run}"
        assert result.stdout == "", f"run {run}"
        duplicates = [name for name, seen in collections.Counter(ran).items() if seen > 1]
        assert duplicates == [], f"run {run}: recipes ran more than once"
        assert sorted(ran) == expected_ran, f"run {run}"
        assert sorted(ran) == sorted(serial_ran), f"run {run}"
        stderr = collections.Counter(result.stderr.splitlines())
        assert stderr == expected_stderr, f"run {run}"
        assert highest <= JOBS, f"run {run}: {highest} recipes ran at once"
        assert still_running == 0, f"run {run}"
        highest_seen = max(highest_seen, highest)
    elapsed = time.monotonic() - started
    print(f"{PARALLEL_RUNS} runs at -j{JOBS} in {elapsed:.1f} s, "
          f"at most {highest_seen} recipes at once")
    if PARALLEL_RUNS >= 5:
        assert highest_seen == JOBS
