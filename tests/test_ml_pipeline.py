"""The bundled ML pipeline (fixtures/makefiles/ml-pipeline) built with pymake.

Covers parallel and serial builds, up-to-date checks, incremental rebuilds
after a configuration or data change, the .INTERMEDIATE cache, -n and -q,
an interrupted parallel build and the `help` and `targets` recipes. Every
test works on its own copy of the fixture in a temporary directory.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
FIXTURE = REPOSITORY_ROOT / "fixtures" / "makefiles" / "ml-pipeline"
PYMAKE = [sys.executable, "-m", "pymake"]
GNU_MAKE = "/usr/bin/make"
TIMEOUT_SECONDS = 120

# The Makefile's GENERATED_DIRS. The registry is filled only by `deploy`.
GENERATED_DIRS = ("data", "models", "reports", "dist", "registry")
# Directories written by the default goal. The Makefile documents no output
# as non-deterministic (BUILD_DATE reaches only `info` and `deploy`), so the
# tests compare every file under them byte for byte.
OUTPUT_DIRS = ("data", "models", "reports", "dist")

DATASETS = ("iris", "blobs", "overlap")
MODELS = ("centroid", "logreg", "stump")

# Variables read from the environment by the Makefile (`?=` and `ifndef`)
# or by make itself, removed so the caller's settings cannot change the run.
REMOVED_ENVIRONMENT_VARIABLES = (
    "MAKEFLAGS", "MAKELEVEL", "MFLAGS", "GNUMAKEFLAGS", "MAKEFILES",
    "PYTHON", "ENV", "BUILD_DATE",
)

pytestmark = pytest.mark.skipif(
    shutil.which("python3") is None,
    reason="the pipeline recipes run python3 from PATH",
)


def child_environment():
    env = {name: value for name, value in os.environ.items()
           if name not in REMOVED_ENVIRONMENT_VARIABLES}
    env["LC_ALL"] = "C"
    env["PYTHONPATH"] = str(REPOSITORY_ROOT)
    return env


def run(cwd, *args, program=PYMAKE):
    return subprocess.run(program + list(args), cwd=cwd, env=child_environment(),
                          capture_output=True, text=True, timeout=TIMEOUT_SECONDS)


def copy_fixture(source, destination):
    """Copy a pipeline tree, keeping file time stamps (shutil.copy2)."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__"))
    return destination


def fresh_copy(tmp_path, name="pipeline"):
    """Copy the fixture without any generated directory."""
    destination = tmp_path / name
    shutil.copytree(FIXTURE, destination,
                    ignore=shutil.ignore_patterns("__pycache__", *GENERATED_DIRS))
    return destination


def data_files(dataset):
    return [
        f"data/raw/v1/{dataset}.csv",
        f"data/clean/v1/{dataset}.csv",
        f"data/features/v1/{dataset}.csv",
        f"data/split/v1/{dataset}.train.csv",
        f"data/split/v1/{dataset}.test.csv",
    ]


def model_files(dataset):
    return [f"models/1.2.0/{dataset}/{model}.json" for model in MODELS]


def downstream_files(dataset):
    """Files built from a dataset's models: metrics, gate, artifact, smoke test."""
    return [
        *(f"reports/1.2.0/{dataset}/{model}.json" for model in MODELS),
        f"reports/1.2.0/{dataset}/gate-dev.json",
        f"dist/dev/1.2.0/{dataset}.zip",
        f"reports/1.2.0/{dataset}/smoke-dev.csv",
    ]


def dataset_files(dataset):
    return data_files(dataset) + model_files(dataset) + downstream_files(dataset)


SUMMARY = "reports/1.2.0/summary.md"
EXPECTED_OUTPUTS = {SUMMARY} | {path for d in DATASETS for path in dataset_files(d)}
PROFILE_FILES = [f"data/cache/v1/{dataset}.profile.json" for dataset in DATASETS]


def output_files(root):
    """Return the relative paths of all files under the output directories."""
    return {
        path.relative_to(root).as_posix()
        for directory in OUTPUT_DIRS
        for path in (root / directory).rglob("*")
        if path.is_file()
    }


def mtimes(root, directories=OUTPUT_DIRS):
    return {
        path.relative_to(root).as_posix(): path.stat().st_mtime_ns
        for directory in directories
        for path in (root / directory).rglob("*")
        if path.is_file()
    }


def all_mtimes(root):
    return {
        path.relative_to(root).as_posix(): path.stat().st_mtime_ns
        for path in root.rglob("*")
        if path.is_file()
    }


def changed_files(before, after):
    return {path for path in after if before.get(path) != after[path]}


def set_mtime_in_future(path, seconds=3600):
    """Date a file `seconds` ahead of the clock, so no sleep is needed to
    make it newer than every output."""
    future = time.time() + seconds
    os.utime(path, (future, future))


def split_intermediate_removal(stdout):
    """Split `-n` output into the recipe lines and the files named by the
    final `rm` line that removes intermediate files (None when absent)."""
    lines = stdout.splitlines()
    if lines and lines[-1].startswith("rm "):
        return lines[:-1], set(lines[-1].split()[1:])
    return lines, None


def recipe_programs(stdout):
    """Count the program run by each `python3 PROGRAM ...` command line.

    The search ignores line starts because in a parallel build a script's
    output can reach the pipe without its newline before the next command
    line is echoed (GNU make 4.3 shows the same interleaving).
    """
    return Counter(re.findall(r"python3 (\S+)", stdout))


# The two-target pattern rule `%.train.csv %.test.csv` must run once per
# stem under -j8, also when both targets wait on the same prerequisite.


@pytest.fixture(scope="module")
def parallel_build(tmp_path_factory):
    """Build the whole fixture once with -j8, returning (root, result)."""
    root = fresh_copy(tmp_path_factory.mktemp("parallel"))
    return root, run(root, "-j8")


@pytest.fixture(scope="module")
def serial_build(tmp_path_factory):
    """Build the whole fixture once with -j1, returning (root, result)."""
    root = fresh_copy(tmp_path_factory.mktemp("serial"))
    return root, run(root, "-j1")


@pytest.fixture
def built_copy(serial_build, tmp_path):
    """Copy of the serial build, the base of the incremental tests."""
    root, result = serial_build
    assert result.returncode == 0, result.stderr
    return copy_fixture(root, tmp_path / "built")


# --- full builds -------------------------------------------------------------


def test_parallel_build_succeeds(parallel_build):
    _, result = parallel_build
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr


def test_parallel_build_creates_every_output(parallel_build):
    root, _ = parallel_build
    assert output_files(root) == EXPECTED_OUTPUTS


def test_parallel_build_removes_intermediate_cache(parallel_build):
    root, result = parallel_build
    for profile in PROFILE_FILES:
        assert not (root / profile).exists(), profile
    removal = re.findall(r"rm ((?:data/cache/\S+ ?)+)", result.stdout)
    assert len(removal) == 1
    assert set(removal[0].split()) == set(PROFILE_FILES)


def test_parallel_build_outputs_are_valid(parallel_build):
    root, _ = parallel_build
    for dataset in DATASETS:
        for model in MODELS:
            json.loads((root / f"models/1.2.0/{dataset}/{model}.json").read_text())
            metrics = json.loads((root / f"reports/1.2.0/{dataset}/{model}.json").read_text())
            assert 0.0 <= metrics["accuracy"] <= 1.0
        artifact = root / f"dist/dev/1.2.0/{dataset}.zip"
        with zipfile.ZipFile(artifact) as archive:
            assert archive.testzip() is None
            assert "__main__.py" in archive.namelist()
    summary = (root / SUMMARY).read_text()
    assert summary.startswith("# Test metrics, model 1.2.0, data v1")


def test_parallel_build_runs_each_step_once(parallel_build):
    _, result = parallel_build
    programs = recipe_programs(result.stdout)
    assert programs["scripts/fetch.py"] == 1
    assert programs["scripts/synthesize.py"] == 2
    assert programs["scripts/profile_columns.py"] == 3
    assert programs["scripts/clean.py"] == 3
    assert programs["scripts/features.py"] == 3
    assert programs["scripts/train.py"] == 9
    assert programs["scripts/evaluate.py"] == 9
    assert programs["scripts/gate.py"] == 3
    assert programs["scripts/package.py"] == 3
    assert programs["scripts/summarize.py"] == 1


def test_parallel_build_splits_each_dataset_once(parallel_build):
    _, result = parallel_build
    # Match anywhere in a line, because the outputs of parallel jobs can
    # share a line.
    split_runs = Counter(re.findall(r"split data/features/v1/(\w+)\.csv: ", result.stdout))
    assert split_runs == Counter(DATASETS)


def test_serial_build_matches_parallel_build(parallel_build, serial_build):
    parallel_root, parallel_result = parallel_build
    serial_root, serial_result = serial_build
    assert parallel_result.returncode == 0, parallel_result.stderr
    assert serial_result.returncode == 0, serial_result.stderr
    assert output_files(serial_root) == output_files(parallel_root)
    for path in sorted(output_files(serial_root)):
        serial_bytes = (serial_root / path).read_bytes()
        parallel_bytes = (parallel_root / path).read_bytes()
        assert serial_bytes == parallel_bytes, path


def test_grouped_pattern_rule_runs_once_in_parallel(tmp_path):
    # The pipeline's split rule reduced to its shape: one recipe makes two
    # targets from a prerequisite that an implicit rule builds first.
    # Eight stems make the race far more likely to show than one.
    stems = [f"s{i}" for i in range(8)]
    (tmp_path / "Makefile").write_text(
        f"STEMS := {' '.join(stems)}\n"
        "all: $(STEMS:=.a) $(STEMS:=.b)\n"
        "%.a %.b: %.src\n"
        "\techo $* >> runs.log; touch $*.a $*.b\n"
        "%.src: %.in\n"
        "\tcp $< $@\n"
    )
    for stem in stems:
        (tmp_path / f"{stem}.in").write_text("")

    result = run(tmp_path, "-j8")

    assert result.returncode == 0, result.stderr
    runs = Counter((tmp_path / "runs.log").read_text().split())
    assert runs == Counter(stems)


# --- up-to-date trees --------------------------------------------------------


def test_second_run_does_nothing(built_copy):
    before = all_mtimes(built_copy)

    result = run(built_copy, "-j8")

    assert result.returncode == 0
    assert result.stdout == "pymake: Nothing to be done for 'all'.\n"
    assert result.stderr == ""
    assert all_mtimes(built_copy) == before


def test_parallel_build_is_up_to_date(parallel_build, tmp_path):
    root, result = parallel_build
    assert result.returncode == 0, result.stderr
    copy = copy_fixture(root, tmp_path / "built")
    before = all_mtimes(copy)

    second = run(copy, "-j8")

    assert second.returncode == 0
    assert second.stdout == "pymake: Nothing to be done for 'all'.\n"
    assert all_mtimes(copy) == before


def test_question_before_and_after_build(tmp_path, built_copy):
    clean_root = fresh_copy(tmp_path, "clean")

    before = run(clean_root, "-q")
    after = run(built_copy, "-q")

    assert before.returncode == 1
    assert before.stdout == ""
    assert after.returncode == 0
    assert after.stdout == ""
    assert output_files(clean_root) == set()


def test_missing_intermediate_cache_needs_no_rebuild(built_copy):
    # make deleted the .INTERMEDIATE profiles at the end of the build.
    for profile in PROFILE_FILES:
        assert not (built_copy / profile).exists(), profile
    before = all_mtimes(built_copy)

    question = run(built_copy, "-q")
    data = run(built_copy, "data")

    assert question.returncode == 0
    assert data.returncode == 0
    assert data.stdout == "pymake: Nothing to be done for 'data'.\n"
    assert all_mtimes(built_copy) == before


# --- incremental rebuilds ----------------------------------------------------


def test_params_dry_run_lists_model_steps(built_copy):
    set_mtime_in_future(built_copy / "config/params.json")
    before = all_mtimes(built_copy)

    result = run(built_copy, "-n")

    assert result.returncode == 0, result.stderr
    assert recipe_programs(result.stdout) == Counter({
        "scripts/train.py": 9,
        "scripts/evaluate.py": 9,
        "scripts/gate.py": 3,
        "scripts/package.py": 3,
        **{f"dist/dev/1.2.0/{dataset}.zip": 1 for dataset in DATASETS},
        "scripts/summarize.py": 1,
    })
    assert "rm " not in result.stdout
    assert all_mtimes(built_copy) == before


def test_params_change_rebuilds_models(built_copy):
    set_mtime_in_future(built_copy / "config/params.json")
    before = mtimes(built_copy)
    old_contents = {path: (built_copy / path).read_bytes() for path in before}

    result = run(built_copy, "-j8")

    assert result.returncode == 0, result.stderr
    expected = {SUMMARY}
    for dataset in DATASETS:
        expected.update(model_files(dataset), downstream_files(dataset))
    assert changed_files(before, mtimes(built_copy)) == expected
    # Only the time stamp of params.json changed, so the new outputs are
    # byte-identical to the old ones.
    for path in sorted(expected):
        assert (built_copy / path).read_bytes() == old_contents[path], path


def test_raw_source_change_rebuilds_one_dataset(built_copy):
    set_mtime_in_future(built_copy / "vendor/iris.csv")
    before = mtimes(built_copy)

    result = run(built_copy, "-j8")

    assert result.returncode == 0, result.stderr
    after = mtimes(built_copy)
    assert changed_files(before, after) == set(dataset_files("iris")) | {SUMMARY}
    for dataset in ("blobs", "overlap"):
        for path in dataset_files(dataset):
            assert after[path] == before[path], path
    assert not (built_copy / "data/cache/v1/iris.profile.json").exists()


# --- dry run compared with GNU make ------------------------------------------

# `make -n` on a clean copy of the fixture, printed by GNU make 4.3. The
# output contains only relative paths and no program name, so it needs no
# normalisation. GNU make lists intermediate files in the final `rm` line in
# the order of its file hash table (remove_intermediates in file.c), so the
# tests compare that line's operands as a set.
GNU_DRY_RUN_OUTPUT = """\
python3 scripts/fetch.py --source vendor/iris.csv --checksums vendor/SHA256SUMS --output data/raw/v1/iris.csv
python3 scripts/profile_columns.py --input data/raw/v1/iris.csv --output data/cache/v1/iris.profile.json
python3 scripts/clean.py --input data/raw/v1/iris.csv --profile data/cache/v1/iris.profile.json --output data/clean/v1/iris.csv
python3 scripts/features.py --input data/clean/v1/iris.csv --output data/features/v1/iris.csv
python3 scripts/split.py --input data/features/v1/iris.csv --config config/data.json \\
    --train-output data/split/v1/iris.train.csv --test-output data/split/v1/iris.test.csv
python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model centroid --output models/1.2.0/iris/centroid.json
python3 scripts/evaluate.py --model models/1.2.0/iris/centroid.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/centroid.json
python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model logreg --output models/1.2.0/iris/logreg.json
python3 scripts/evaluate.py --model models/1.2.0/iris/logreg.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/logreg.json
python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model stump --output models/1.2.0/iris/stump.json
python3 scripts/evaluate.py --model models/1.2.0/iris/stump.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/stump.json
python3 scripts/gate.py --dataset iris --env dev --metric accuracy \\
    --threshold 0.80 --output reports/1.2.0/iris/gate-dev.json reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json
python3 scripts/package.py --selection reports/1.2.0/iris/gate-dev.json --model-dir models/1.2.0/iris \\
    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\
    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/iris.zip
python3 scripts/synthesize.py --config config/data.json --name blobs --output data/raw/v1/blobs.csv
python3 scripts/profile_columns.py --input data/raw/v1/blobs.csv --output data/cache/v1/blobs.profile.json
python3 scripts/clean.py --input data/raw/v1/blobs.csv --profile data/cache/v1/blobs.profile.json --output data/clean/v1/blobs.csv
python3 scripts/features.py --input data/clean/v1/blobs.csv --output data/features/v1/blobs.csv
python3 scripts/split.py --input data/features/v1/blobs.csv --config config/data.json \\
    --train-output data/split/v1/blobs.train.csv --test-output data/split/v1/blobs.test.csv
python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model centroid --output models/1.2.0/blobs/centroid.json
python3 scripts/evaluate.py --model models/1.2.0/blobs/centroid.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/centroid.json
python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model logreg --output models/1.2.0/blobs/logreg.json
python3 scripts/evaluate.py --model models/1.2.0/blobs/logreg.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/logreg.json
python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model stump --output models/1.2.0/blobs/stump.json
python3 scripts/evaluate.py --model models/1.2.0/blobs/stump.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/stump.json
python3 scripts/gate.py --dataset blobs --env dev --metric accuracy \\
    --threshold 0.80 --output reports/1.2.0/blobs/gate-dev.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json
python3 scripts/package.py --selection reports/1.2.0/blobs/gate-dev.json --model-dir models/1.2.0/blobs \\
    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\
    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/blobs.zip
python3 scripts/synthesize.py --config config/data.json --name overlap --output data/raw/v1/overlap.csv
python3 scripts/profile_columns.py --input data/raw/v1/overlap.csv --output data/cache/v1/overlap.profile.json
python3 scripts/clean.py --input data/raw/v1/overlap.csv --profile data/cache/v1/overlap.profile.json --output data/clean/v1/overlap.csv
python3 scripts/features.py --input data/clean/v1/overlap.csv --output data/features/v1/overlap.csv
python3 scripts/split.py --input data/features/v1/overlap.csv --config config/data.json \\
    --train-output data/split/v1/overlap.train.csv --test-output data/split/v1/overlap.test.csv
python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model centroid --output models/1.2.0/overlap/centroid.json
python3 scripts/evaluate.py --model models/1.2.0/overlap/centroid.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/centroid.json
python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model logreg --output models/1.2.0/overlap/logreg.json
python3 scripts/evaluate.py --model models/1.2.0/overlap/logreg.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/logreg.json
python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model stump --output models/1.2.0/overlap/stump.json
python3 scripts/evaluate.py --model models/1.2.0/overlap/stump.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/stump.json
python3 scripts/gate.py --dataset overlap --env dev --metric accuracy \\
    --threshold 0.80 --output reports/1.2.0/overlap/gate-dev.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json
python3 scripts/package.py --selection reports/1.2.0/overlap/gate-dev.json --model-dir models/1.2.0/overlap \\
    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\
    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/overlap.zip
python3 dist/dev/1.2.0/iris.zip --input data/clean/v1/iris.csv --output reports/1.2.0/iris/smoke-dev.csv
python3 dist/dev/1.2.0/blobs.zip --input data/clean/v1/blobs.csv --output reports/1.2.0/blobs/smoke-dev.csv
python3 dist/dev/1.2.0/overlap.zip --input data/clean/v1/overlap.csv --output reports/1.2.0/overlap/smoke-dev.csv
python3 scripts/summarize.py --title "Test metrics, model 1.2.0, data v1" \\
    --output reports/1.2.0/summary.md reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json
rm data/cache/v1/overlap.profile.json data/cache/v1/blobs.profile.json data/cache/v1/iris.profile.json
"""


def test_dry_run_matches_recorded_gnu(tmp_path):
    root = fresh_copy(tmp_path)

    result = run(root, "-n")

    assert result.returncode == 0, result.stderr
    commands, _ = split_intermediate_removal(result.stdout)
    expected_commands, _ = split_intermediate_removal(GNU_DRY_RUN_OUTPUT)
    assert commands == expected_commands
    assert output_files(root) == set()


def test_dry_run_lists_intermediate_removal(tmp_path):
    root = fresh_copy(tmp_path)

    result = run(root, "-n")

    _, removed = split_intermediate_removal(result.stdout)
    _, expected_removed = split_intermediate_removal(GNU_DRY_RUN_OUTPUT)
    assert removed == expected_removed


@pytest.mark.skipif(not os.path.exists(GNU_MAKE), reason="GNU make is not installed")
def test_dry_run_matches_live_gnu(tmp_path):
    pymake_root = fresh_copy(tmp_path, "pymake")
    gnu_root = fresh_copy(tmp_path, "gnu")

    ours = run(pymake_root, "-n")
    gnu = run(gnu_root, "-n", program=[GNU_MAKE])

    assert gnu.returncode == 0, gnu.stderr
    assert ours.returncode == 0, ours.stderr
    gnu_commands, gnu_removed = split_intermediate_removal(gnu.stdout)
    our_commands, _ = split_intermediate_removal(ours.stdout)
    recorded_commands, recorded_removed = split_intermediate_removal(GNU_DRY_RUN_OUTPUT)
    assert our_commands == gnu_commands
    # Checks that the recorded output is still what this GNU make prints.
    assert gnu_commands == recorded_commands
    assert gnu_removed == recorded_removed


# --- interrupted build -------------------------------------------------------


@pytest.fixture(scope="module")
def interrupted_build(tmp_path_factory):
    """Start `pymake -j8` on a clean copy, send SIGINT to that process once
    the first model file exists (or after 2 s), and return (root, process,
    stdout, stderr)."""
    if os.name != "posix":
        pytest.skip("sends SIGINT to one process")
    root = fresh_copy(tmp_path_factory.mktemp("interrupted"))
    # A new session keeps any signal pymake sends to its process group away
    # from the test runner.
    process = subprocess.Popen(
        PYMAKE + ["-j8"], cwd=root, env=child_environment(),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)
    try:
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline and not list(root.glob("models/*/*/*.json")):
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return root, process, stdout, stderr


def test_interrupted_build_dies_by_sigint(interrupted_build):
    _, process, _, stderr = interrupted_build
    # GNU make 4.3 re-raises the signal after cleaning up, so it also ends
    # with -SIGINT in this setup.
    assert process.returncode == -signal.SIGINT, stderr


def test_interrupted_build_leaves_no_partial_files(interrupted_build):
    root, _, _, _ = interrupted_build
    assert [path.name for path in root.rglob("*.tmp")] == []
    for path in root.glob("models/**/*.json"):
        json.loads(path.read_text())
    for path in root.glob("reports/**/*.json"):
        json.loads(path.read_text())
    for path in root.glob("dist/**/*.zip"):
        assert zipfile.is_zipfile(path), path


def test_interrupted_build_resumes(interrupted_build, serial_build, tmp_path):
    interrupted_root, _, _, _ = interrupted_build
    reference_root, reference_result = serial_build
    assert reference_result.returncode == 0, reference_result.stderr
    root = copy_fixture(interrupted_root, tmp_path / "resumed")

    result = run(root, "-j8")

    assert result.returncode == 0, result.stderr
    assert [path.name for path in root.rglob("*.tmp")] == []
    assert output_files(root) == EXPECTED_OUTPUTS
    for path in sorted(EXPECTED_OUTPUTS):
        assert (root / path).read_bytes() == (reference_root / path).read_bytes(), path


def test_interrupted_build_reports_intermediate_deletion(interrupted_build):
    _, _, stdout, stderr = interrupted_build
    # The first model needs its dataset's profile, so at least one
    # .INTERMEDIATE profile was made before the signal. GNU make's
    # remove_intermediates (file.c) reports deletions after a signal on
    # stderr instead of printing an `rm` command.
    assert "rm data/cache/" not in stdout
    assert "pymake: *** Deleting intermediate file 'data/cache/v1/" in stderr


# --- help and targets --------------------------------------------------------

DOCUMENTED_TARGETS = (
    "all", "fetch", "data", "features", "split", "train", "evaluate", "gate",
    "package", "smoke", "report", "deploy", "train-all", "debug-%", "dry-%",
    "help", "targets", "info", "clean", "clean-models",
)

# What `make targets` prints with GNU make 4.3: the explicit targets of the
# Makefile, sorted, without pattern targets and files marked "Not a target".
EXPLICIT_TARGETS = [
    "all", "clean", "clean-models", "data", "data/raw/v1/blobs.csv",
    "data/raw/v1/overlap.csv", "deploy", "evaluate", "features", "fetch",
    "gate", "help", "info", "package", "report", "reports/1.2.0/summary.md",
    "smoke", "split", "targets", "train", "train-all",
]


@pytest.mark.skipif(shutil.which("awk") is None or shutil.which("sed") is None,
                    reason="the help recipe runs awk and sed")
def test_help_lists_documented_targets(tmp_path):
    root = fresh_copy(tmp_path)

    result = run(root, "help")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Usage: make [TARGET] [ENV=dev|staging|prod] [PYTHON=python3]"
    assert lines[1] == ""
    listed = [line.split()[0] for line in lines[2:]]
    assert listed == list(DOCUMENTED_TARGETS)
    assert "  deploy         Copy the artifacts to registry/dev/" in lines
    assert re.search(r"^  train-all +.* with -j\d+$", result.stdout, re.MULTILINE)
    assert output_files(root) == set()


@pytest.mark.skipif(shutil.which("awk") is None or shutil.which("sort") is None,
                    reason="the targets recipe runs awk and sort")
def test_targets_lists_explicit_targets(tmp_path):
    root = fresh_copy(tmp_path)

    result = run(root, "targets")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == EXPLICIT_TARGETS
    assert output_files(root) == set()
