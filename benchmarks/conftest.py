"""Fixtures that locate both makes, build workloads and time paired runs.

Run with ``pytest benchmarks/ --benchmark-only``. The project's own pytest
configuration collects only tests/, so these benchmarks run only when
benchmarks/ is named on the command line.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from typing import Callable

import pytest

# benchmarks/ is not a package. This makes its modules importable under any
# pytest import mode.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import (  # noqa: E402
    MakeCommand,
    MakeFailed,
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
from workloads import WORKLOADS, Workload, build_workload  # noqa: E402

WARMUP_ROUNDS = 1


@dataclass
class PairedResult:
    workload: str
    pymake_median_s: float
    gnu_make_median_s: float | None
    pymake_peak_rss_bytes: int | None
    gnu_make_peak_rss_bytes: int | None

    @property
    def ratio(self) -> float | None:
        if not self.gnu_make_median_s:
            return None
        return self.pymake_median_s / self.gnu_make_median_s


_RESULTS_KEY = pytest.StashKey[list]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--make-rounds",
        type=int,
        default=None,
        help="timed rounds per make and workload, replacing each workload's default",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_RESULTS_KEY] = []


@pytest.fixture(scope="session")
def pymake_command() -> MakeCommand:
    return find_pymake()


@pytest.fixture(scope="session")
def gnu_make_command() -> MakeCommand | None:
    """GNU make, or None when none is installed: the GNU make side is then skipped."""
    return find_gnu_make()


@pytest.fixture(scope="session")
def workload_directory(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], str]:
    """Return a function that builds a workload on first use and returns its directory."""
    directories: dict[str, str] = {}

    def get(name: str) -> str:
        if name not in directories:
            path = tmp_path_factory.mktemp(f"workload-{name}", numbered=True)
            directories[name] = build_workload(name, str(path))
        return directories[name]

    return get


def _check_or_fail(command: MakeCommand, directory: str, workload: Workload) -> None:
    try:
        check_workload(command, directory, workload.arguments, workload.expected_output)
    except (MakeFailed, OSError, subprocess.TimeoutExpired) as error:
        pytest.fail(f"{workload.name}: {command.label} failed: {error}", pytrace=False)


@pytest.fixture
def paired_benchmark(
    request: pytest.FixtureRequest,
    benchmark,
    pymake_command: MakeCommand,
    gnu_make_command: MakeCommand | None,
    workload_directory: Callable[[str], str],
) -> Callable[[str], PairedResult | None]:
    """Return a function that benchmarks pymake on a workload, paired with GNU make.

    pytest-benchmark times pymake. Before each pymake round, including the
    warm-up round, the pedantic ``setup`` hook runs GNU make once on the same
    directory, so both makes see the same machine load. The medians, their
    ratio and, for some workloads, the peak RSS of one extra run of each make
    go into ``benchmark.extra_info``. Nothing here asserts a time.
    """
    configured_rounds = request.config.getoption("--make-rounds")

    def run(name: str) -> PairedResult | None:
        workload = WORKLOADS[name]
        rounds = configured_rounds or workload.rounds
        directory = workload_directory(name)
        cache_directory = parse_cache_directory(directory)
        pymake = with_parse_cache(pymake_command, cache_directory)

        def prepare_pymake() -> None:
            if workload.parse_cache == "cold":
                clear_parse_cache(cache_directory)

        _check_or_fail(pymake, directory, workload)
        if gnu_make_command is not None:
            _check_or_fail(gnu_make_command, directory, workload)

        pymake_samples: list[float] = []
        gnu_make_samples: list[float] = []

        def run_pymake() -> None:
            pymake_samples.append(run_make(pymake, directory, workload.arguments).seconds)

        def run_gnu_make() -> None:
            gnu_make_samples.append(
                run_make(gnu_make_command, directory, workload.arguments).seconds
            )

        def setup() -> None:
            # Runs before each pymake round, outside its timing.
            if gnu_make_command is not None:
                run_gnu_make()
            prepare_pymake()

        benchmark.group = name
        benchmark.extra_info["workload"] = name
        benchmark.extra_info["pymake_command"] = pymake_command.describe()
        benchmark.pedantic(
            run_pymake,
            setup=setup,
            rounds=rounds,
            warmup_rounds=WARMUP_ROUNDS,
            iterations=1,
        )
        if not benchmark.enabled:
            return None

        # The warm-up round runs both makes too. Samples past the timed
        # rounds come from extra runs such as --benchmark-cprofile.
        timed = slice(WARMUP_ROUNDS, WARMUP_ROUNDS + rounds)
        result = PairedResult(
            workload=name,
            pymake_median_s=statistics.median(pymake_samples[timed]),
            gnu_make_median_s=None,
            pymake_peak_rss_bytes=None,
            gnu_make_peak_rss_bytes=None,
        )
        benchmark.extra_info["rounds"] = rounds
        benchmark.extra_info["pymake_median_s"] = result.pymake_median_s

        if gnu_make_command is not None:
            result.gnu_make_median_s = statistics.median(gnu_make_samples[timed])
            benchmark.extra_info["gnu_make_command"] = gnu_make_command.describe()
            benchmark.extra_info["gnu_make_version"] = gnu_make_version(gnu_make_command)
            benchmark.extra_info["gnu_make_median_s"] = result.gnu_make_median_s
            benchmark.extra_info["ratio"] = result.ratio
        else:
            benchmark.extra_info["gnu_make_command"] = None

        if workload.measure_memory:
            prepare_pymake()
            result.pymake_peak_rss_bytes = measure_peak_rss(
                pymake, directory, workload.arguments
            )
            benchmark.extra_info["pymake_peak_rss_bytes"] = result.pymake_peak_rss_bytes
            if gnu_make_command is not None:
                result.gnu_make_peak_rss_bytes = measure_peak_rss(
                    gnu_make_command, directory, workload.arguments
                )
                benchmark.extra_info["gnu_make_peak_rss_bytes"] = result.gnu_make_peak_rss_bytes

        request.config.stash[_RESULTS_KEY].append(result)
        return result

    return run


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    results: list[PairedResult] = config.stash.get(_RESULTS_KEY, [])
    if not results:
        return
    terminalreporter.section("pymake / GNU make (median wall time)")
    terminalreporter.write_line(
        f"{'workload':<12} {'GNU make ms':>12} {'pymake ms':>12} {'ratio':>8}"
        f" {'GNU make RSS':>13} {'pymake RSS':>13}"
    )
    for result in results:
        gnu_ms = "skipped" if result.gnu_make_median_s is None else f"{result.gnu_make_median_s * 1000:.1f}"
        ratio = "n/a" if result.ratio is None else f"{result.ratio:.2f}"
        terminalreporter.write_line(
            f"{result.workload:<12} {gnu_ms:>12} {result.pymake_median_s * 1000:>12.1f} {ratio:>8}"
            f" {format_mebibytes(result.gnu_make_peak_rss_bytes):>13}"
            f" {format_mebibytes(result.pymake_peak_rss_bytes):>13}"
        )
