"""Generators for the benchmark workloads.

Each ``write_*`` function writes a makefile, and any files the makefile
needs, into an existing directory. ``WORKLOADS`` pairs each generator with
the command-line arguments and round count the benchmarks use, so the pytest
benchmarks and ``compare.py`` run exactly the same workloads.

The workloads never create or change files when a make runs them, so one
generated directory can be reused for every run of both makes.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Callable

MAKEFILE_NAME = "Makefile"


def _write_makefile(directory: str, lines: list[str]) -> str:
    path = os.path.join(directory, MAKEFILE_NAME)
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        stream.write("\n".join(lines))
        stream.write("\n")
    return path


def write_startup(directory: str) -> None:
    """Write a makefile with a single rule whose recipe is empty."""
    _write_makefile(directory, ["all: ;"])


def write_noop(directory: str, count: int = 10_000) -> None:
    """Write ``count`` sources and objects that are all up to date.

    Objects are built from sources by a ``%.o: %.c`` pattern rule, and the
    goal ``all`` depends on every object. The sources get an mtime one hour
    before the objects, both set with os.utime in the past, so that neither
    make reports clock skew or finds anything to rebuild.
    """
    names = [f"src{index:05d}" for index in range(count)]
    objects = " \\\n    ".join(f"{name}.o" for name in names)
    _write_makefile(
        directory,
        [
            "CC = cc",
            "CFLAGS = -O2 -Wall",
            "",
            f"OBJECTS = {objects}",
            "",
            "all: $(OBJECTS)",
            "",
            "%.o: %.c",
            "\t$(CC) $(CFLAGS) -c -o $@ $<",
        ],
    )

    source_time_ns = time.time_ns() - 2 * 3600 * 1_000_000_000
    object_time_ns = source_time_ns + 3600 * 1_000_000_000
    for name in names:
        for suffix, mtime_ns in ((".c", source_time_ns), (".o", object_time_ns)):
            path = os.path.join(directory, name + suffix)
            with open(path, "w", encoding="utf-8") as stream:
                stream.write(f"/* {name}{suffix} */\n")
            os.utime(path, ns=(mtime_ns, mtime_ns))


def _parse_block(index: int) -> list[str]:
    """Return one 16-line block of the parse workload's makefile."""
    return [
        f"# block {index}",
        f"X_{index} := value{index} alpha beta gamma",
        f"Y_{index} = $(X_{index}) derived{index} $(MODE)",
        "ifeq ($(MODE),fast)",
        f"Z_{index} := fast{index} $(X_{index})",
        "else",
        f"Z_{index} := slow{index}",
        "endif",
        f"ifdef X_{index}",
        f"W_{index} += $(Z_{index}) extra",
        "endif",
        f"t_{index}: p_{index} $(Z_{index})",
        "\t@echo building $@ from $^",
        f"\t$(CC) -c -o $@ $(Y_{index})",
        "",
        "",
    ]


def write_parse(directory: str, line_count: int = 40_000) -> None:
    """Write a flat makefile of exactly ``line_count`` lines.

    The makefile repeats a block of immediate and recursive assignments,
    ``ifeq``/``else``/``endif``, ``ifdef``, ``+=`` and a rule with a two-line
    recipe. The goal ``noop`` has an empty recipe, so a run does nothing but
    read the makefile. ``line_count`` must be at least 10.
    """
    if line_count < 10:
        raise ValueError(f"line_count must be at least 10, got {line_count}")
    header = [
        "# Generated parse benchmark.",
        "MODE := fast",
        "CC = cc",
        ".PHONY: noop",
        "noop: ;",
        "",
    ]
    # The footer's last line, an unconditional assignment, fills the
    # makefile up to line_count lines after the last whole block.
    lines = list(header)
    index = 0
    while True:
        block = _parse_block(index)
        if len(lines) + len(block) + 1 > line_count:
            break
        lines.extend(block)
        index += 1
    while len(lines) < line_count - 1:
        lines.append(f"# filler {len(lines)}")
    lines.append(f"BLOCKS := {index}")
    _write_makefile(directory, lines)


EVALUATION_TEMPLATE = r"""define TEMPLATE
$(1)_SRCS := $(1)/main.c $(1)/util.c $(1)/io.c
$(1)_OBJS := $$(patsubst %.c,%.o,$$($(1)_SRCS))
$(1)_CFLAGS = -DMODULE=$(1) $$(COMMON_CFLAGS)
ALL_OBJS += $$($(1)_OBJS)
PROGRAMS += $(1)/prog
$(1)/prog: $$($(1)_OBJS)
	$$(CC) -o $$@ $$^
endef"""


def write_evaluation(directory: str, module_count: int = 2_000) -> None:
    """Write a makefile that instantiates a template ``module_count`` times.

    ``$(foreach)`` over the module names calls ``$(eval $(call TEMPLATE,...))``
    for each one, and each instance adds three objects, a program and a rule.
    The goal ``summary`` prints one line with ``$(info)`` built from
    ``sort``, ``filter``, ``words``, ``firstword`` and ``lastword`` over the
    result, and its recipe expands to nothing. ``evaluation_summary`` returns
    the line a correct make prints.
    """
    module_names = " ".join(f"mod{index:05d}" for index in range(module_count))
    _write_makefile(
        directory,
        [
            "# Generated evaluation benchmark.",
            "CC = cc",
            "COMMON_CFLAGS = -O2 -g",
            f"MODULES := {module_names}",
            "",
            "# The first rule, so the default goal. Make expands the recipe",
            "# after reading the whole makefile, and it expands to nothing.",
            ".PHONY: summary",
            "summary:",
            "\t$(info modules=$(words $(MODULES)) programs=$(words $(PROGRAMS))"
            " objects=$(words $(SORTED_OBJS)) util=$(words $(UTIL_OBJS))"
            " other=$(words $(OTHER_OBJS)) first=$(firstword $(SORTED_OBJS))"
            " last=$(lastword $(SORTED_OBJS)))",
            "",
            EVALUATION_TEMPLATE,
            "",
            "$(foreach module,$(MODULES),$(eval $(call TEMPLATE,$(module))))",
            "",
            "SORTED_OBJS := $(sort $(ALL_OBJS))",
            "UTIL_OBJS := $(filter %/util.o,$(SORTED_OBJS))",
            "OTHER_OBJS := $(filter-out %/util.o,$(SORTED_OBJS))",
        ],
    )


def evaluation_summary(module_count: int = 2_000) -> str:
    """Return the summary line that ``write_evaluation`` makes a make print."""
    last = f"mod{module_count - 1:05d}"
    return (
        f"modules={module_count} programs={module_count}"
        f" objects={3 * module_count} util={module_count}"
        f" other={2 * module_count} first=mod00000/io.o last={last}/util.o"
    )


def write_jobs_empty(directory: str, count: int = 400) -> None:
    """Write ``count`` phony targets whose recipes are ``@:``."""
    targets = [f"job{index:04d}" for index in range(count)]
    lines = [".PHONY: all " + " ".join(targets), "all: " + " ".join(targets)]
    for target in targets:
        lines.append(f"{target}:")
        lines.append("\t@:")
    _write_makefile(directory, lines)


def write_jobs_true(directory: str, count: int = 400) -> None:
    """Write ``count`` phony targets whose recipes are ``@true``.

    Unlike ``@:``, which GNU make 4.3 completes without starting a process,
    each ``true`` recipe starts one process, so this measures process start-up
    under parallel scheduling.
    """
    targets = [f"job{index:04d}" for index in range(count)]
    lines = [".PHONY: all " + " ".join(targets), "all: " + " ".join(targets)]
    for target in targets:
        lines.append(f"{target}:")
        lines.append("\t@true")
    _write_makefile(directory, lines)


def write_jobs_sleep(directory: str, count: int = 64, seconds: float = 0.2) -> None:
    """Write ``count`` phony targets whose recipes sleep ``seconds`` each.

    At ``-jN`` the ideal wall time is ``ceil(count / N) * seconds``: 1.6 s
    for 64 recipes of 0.2 s at -j8.
    """
    targets = [f"sleep{index:03d}" for index in range(count)]
    lines = [".PHONY: all " + " ".join(targets), "all: " + " ".join(targets)]
    for target in targets:
        lines.append(f"{target}:")
        lines.append(f"\t@sleep {seconds}")
    _write_makefile(directory, lines)


@dataclass(frozen=True)
class Workload:
    """A generated makefile tree and the way the benchmarks run make on it."""

    name: str
    description: str
    write: Callable[[str], None]
    # Command-line arguments given to both makes, after "-f Makefile".
    arguments: tuple[str, ...] = ()
    # Rounds for the pytest benchmarks. By estimate, the whole suite then
    # finishes in a few minutes even if pymake is 20 times slower than GNU make.
    rounds: int = 5
    # Text that a correct run prints on stdout or stderr, or None.
    expected_output: str | None = None
    measure_memory: bool = False
    # pymake's parse cache (pymake/parsecache.py) lives in a private
    # directory per workload. "warm": the untimed check run fills it and the
    # timed runs read it. "cold": it is emptied before each pymake run, so
    # each run reads without it and writes it.
    parse_cache: str = "warm"


WORKLOADS: dict[str, Workload] = {
    workload.name: workload
    for workload in (
        Workload(
            name="startup",
            description="one rule with an empty recipe (`all: ;`)",
            write=write_startup,
            rounds=20,
        ),
        Workload(
            name="noop",
            description="10,000 up-to-date objects through `%.o: %.c`",
            write=write_noop,
            rounds=5,
            expected_output="Nothing to be done for 'all'",
        ),
        Workload(
            name="parse",
            description="flat 40,000-line makefile, `-n` on a goal with nothing to do",
            write=write_parse,
            arguments=("-n", "noop"),
            rounds=5,
            expected_output="Nothing to be done for 'noop'",
            measure_memory=True,
            parse_cache="cold",
        ),
        Workload(
            name="parse-warm",
            description="the parse workload again, with pymake's parse cache filled",
            write=write_parse,
            arguments=("-n", "noop"),
            rounds=5,
            expected_output="Nothing to be done for 'noop'",
            measure_memory=True,
            parse_cache="warm",
        ),
        Workload(
            name="evaluation",
            description="template instantiated 2,000 times with foreach/call/eval",
            write=write_evaluation,
            rounds=5,
            expected_output=evaluation_summary(),
            measure_memory=True,
        ),
        Workload(
            name="jobs-empty",
            description="400 `@:` recipes at -j8",
            write=write_jobs_empty,
            arguments=("-j8",),
            rounds=10,
        ),
        Workload(
            name="jobs-true",
            description="400 `@true` recipes at -j8, one process each",
            write=write_jobs_true,
            arguments=("-j8",),
            rounds=5,
        ),
        Workload(
            name="jobs-sleep",
            description="64 `sleep 0.2` recipes at -j8 (ideal 1.6 s)",
            write=write_jobs_sleep,
            arguments=("-j8",),
            rounds=3,
        ),
    )
}


def build_workload(name: str, directory: str) -> str:
    """Create ``directory`` if needed, write workload ``name`` into it and return it."""
    try:
        workload = WORKLOADS[name]
    except KeyError:
        known = ", ".join(WORKLOADS)
        raise ValueError(f"unknown workload {name!r}; known workloads: {known}") from None
    os.makedirs(directory, exist_ok=True)
    workload.write(directory)
    return directory
