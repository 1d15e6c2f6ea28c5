"""Time every workload with GNU make and pymake and print a Markdown table.

Usage: python benchmarks/compare.py [--runs N] [--workload NAME ...]

Each workload is generated once into a temporary directory. Both makes get
one untimed warm-up run, then N timed runs that alternate between the two
makes, then one more run each to measure peak RSS. The table gives the
median wall time of the timed runs. Progress and failures go to stderr, and
the table and the machine description go to stdout.

The makes are found as in the pytest benchmarks: PYMAKE and GNUMAKE (command
lines) override the defaults, which are ``pymake`` or ``python -m pymake``,
and ``make`` on PATH.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import (  # noqa: E402
    MakeCommand,
    MakeFailed,
    MakeNotFound,
    check_workload,
    clear_parse_cache,
    find_gnu_make,
    find_pymake,
    format_mebibytes,
    gnu_make_version,
    measure_peak_rss,
    parse_cache_directory,
    run_make,
    with_parse_cache,
)
from workloads import WORKLOADS, build_workload  # noqa: E402

FAILED = "failed"


@dataclass
class Measurement:
    """Median wall time and peak RSS of one make on one workload, or why it failed."""

    median_seconds: float | None = None
    peak_rss_bytes: int | None = None
    error: str | None = None


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as stream:
            for line in stream:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def describe_machine(gnu_make: MakeCommand | None, pymake: MakeCommand, runs: int) -> str:
    gnu_description = "not found"
    if gnu_make is not None:
        gnu_description = f"{gnu_make_version(gnu_make)} (`{gnu_make.describe()}`)"
    lines = [
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Machine: {_cpu_model()}, {os.cpu_count()} logical CPUs, {platform.platform()}",
        f"- Python: {platform.python_version()}",
        f"- GNU make: {gnu_description}",
        f"- pymake: `{pymake.describe()}`",
        f"- Timed runs per make and workload: {runs} (median reported)",
    ]
    return "\n".join(lines)


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def measure_pair(
    gnu_make: MakeCommand | None,
    pymake: MakeCommand,
    name: str,
    directory: str,
    runs: int,
) -> tuple[Measurement | None, Measurement]:
    """Measure both makes on one workload, alternating their timed runs."""
    workload = WORKLOADS[name]
    cache_directory = parse_cache_directory(directory)
    commands: dict[str, MakeCommand] = {"pymake": with_parse_cache(pymake, cache_directory)}
    if gnu_make is not None:
        commands["gnu"] = gnu_make
    measurements = {key: Measurement() for key in commands}
    samples: dict[str, list[float]] = {key: [] for key in commands}

    # The check run doubles as the warm-up run.
    for key, command in commands.items():
        try:
            check_workload(command, directory, workload.arguments, workload.expected_output)
        except (MakeFailed, OSError, subprocess.TimeoutExpired) as error:
            measurements[key].error = _first_line(error)
            print(f"{name}: {error}", file=sys.stderr)

    def prepare(key: str) -> None:
        if key == "pymake" and workload.parse_cache == "cold":
            clear_parse_cache(cache_directory)

    for _ in range(runs):
        for key, command in commands.items():
            if measurements[key].error is not None:
                continue
            prepare(key)
            try:
                samples[key].append(run_make(command, directory, workload.arguments).seconds)
            except (MakeFailed, OSError, subprocess.TimeoutExpired) as error:
                measurements[key].error = _first_line(error)
                print(f"{name}: {error}", file=sys.stderr)

    for key in commands:
        if measurements[key].error is not None:
            continue
        measurements[key].median_seconds = statistics.median(samples[key])
        prepare(key)
        measurements[key].peak_rss_bytes = measure_peak_rss(
            commands[key], directory, workload.arguments
        )
    return measurements.get("gnu"), measurements["pymake"]


def _format_time(measurement: Measurement | None, missing: str) -> str:
    if measurement is None:
        return missing
    if measurement.median_seconds is None:
        return FAILED
    return f"{measurement.median_seconds * 1000:.1f}"


def _format_ratio(gnu: Measurement | None, pymake: Measurement) -> str:
    if gnu is None or gnu.median_seconds is None or pymake.median_seconds is None:
        return "n/a"
    return f"{pymake.median_seconds / gnu.median_seconds:.2f}"


def _format_rss(measurement: Measurement | None, missing: str) -> str:
    if measurement is None:
        return missing
    if measurement.median_seconds is None:
        return FAILED
    return format_mebibytes(measurement.peak_rss_bytes)


def format_table(rows: list[tuple[str, Measurement | None, Measurement]]) -> str:
    lines = [
        "| workload | GNU make median ms | pymake median ms | ratio pymake / GNU make"
        " | GNU make peak RSS | pymake peak RSS |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, gnu, pymake in rows:
        cells = [
            name,
            _format_time(gnu, "not found"),
            _format_time(pymake, FAILED),
            _format_ratio(gnu, pymake),
            _format_rss(gnu, "not found"),
            _format_rss(pymake, FAILED),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        help="timed runs per make and workload (default: 5)",
    )
    parser.add_argument(
        "--workload",
        action="append",
        choices=list(WORKLOADS),
        help="run only this workload; repeat to run several (default: all)",
    )
    arguments = parser.parse_args(argv)
    if arguments.runs < 1:
        parser.error(f"--runs must be at least 1, got {arguments.runs}")
    return arguments


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    pymake = find_pymake()
    try:
        gnu_make = find_gnu_make()
    except MakeNotFound as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if gnu_make is None:
        print("GNU make not found on PATH; measuring pymake only", file=sys.stderr)

    names = arguments.workload or list(WORKLOADS)
    rows: list[tuple[str, Measurement | None, Measurement]] = []
    with tempfile.TemporaryDirectory(prefix="pymake-bench-") as root:
        for name in names:
            print(f"{name}: generating and running", file=sys.stderr)
            directory = build_workload(name, os.path.join(root, name))
            gnu, pymake_measurement = measure_pair(gnu_make, pymake, name, directory, arguments.runs)
            rows.append((name, gnu, pymake_measurement))

    print(format_table(rows))
    print()
    print(describe_machine(gnu_make, pymake, arguments.runs))
    for name, gnu, pymake_measurement in rows:
        for label, measurement in (("GNU make", gnu), ("pymake", pymake_measurement)):
            if measurement is not None and measurement.error is not None:
                print(f"- {label} failed on {name}: {measurement.error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
