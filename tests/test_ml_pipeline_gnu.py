"""The ML pipeline fixture run by pymake and by GNU make, outputs compared.

Each scenario runs in two copies of fixtures/makefiles/ml-pipeline, one
driven by pymake and one by GNU make, whose source files carry the same
fixed time stamps. Every scenario is checked twice:

- against GNU make's output recorded in this file (GNU make 4.3; the
  4.4.1 NEWS lists no change to any message these scenarios print), so the
  check runs where GNU make is not installed;
- against a live run of GNU_MAKE, when that program exists.

Before comparing, normalize() rewrites the program name (`pymake:` and
`pymake[1]:` become `make:` and `make[1]:`, and the value of $(MAKE)
becomes `make`), the copy's directory (`<root>`) and the build date of
`make info` (`<date>`). It also sorts the operands of the final `rm` line
that removes intermediate files, because GNU make lists them in the order
of its file hash table. The comparison with the recorded output also
hides the core count, Python version and Git commit of the machine.
"""

import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass

import pytest

from test_ml_pipeline import (
    FIXTURE,
    GENERATED_DIRS,
    GNU_MAKE,
    PYMAKE,
    TIMEOUT_SECONDS,
    child_environment,
)

HAVE_GNU_MAKE = os.path.exists(GNU_MAKE)
PROGRAMS = {"pymake": PYMAKE, "gnu": [GNU_MAKE]}

pytestmark = pytest.mark.skipif(
    shutil.which("python3") is None or os.name != "posix",
    reason="the pipeline recipes run python3 from PATH and a POSIX shell",
)

# Modification time (seconds since the epoch, 2020-09-13) given to every
# file of a fresh copy, so both copies start with identical time stamps
# that are older than anything a build writes.
SOURCE_MTIME_NS = 1_600_000_000 * 1_000_000_000

PARAMS = "config/params.json"
IRIS_SOURCE = "vendor/iris.csv"


# --- running a scenario ------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One run of make: its arguments, exit status and normalized output."""
    args: tuple
    status: int
    stdout: str
    stderr: str


@dataclass
class Outcome:
    """Steps of a scenario and the generated files it left behind."""
    steps: list
    files: dict
    directories: set


PROGRAM_NAME = re.compile(r"\bpymake(\[\d+\])?:")
BUILD_DATE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
INTERMEDIATE_REMOVAL = re.compile(r"^rm ((?:data/cache/\S+ ?)+)$", re.MULTILINE)


def sort_removal_operands(text):
    # NOTE: pymake lists the intermediate files in the order it made them,
    # GNU make in the slot order of its file hash table. Reproducing that
    # order would mean reproducing GNU make's hash function and table growth.
    return INTERMEDIATE_REMOVAL.sub(
        lambda match: "rm " + " ".join(sorted(match.group(1).split())), text)


def normalize(text, root, program):
    text = text.replace(" ".join(PROGRAMS[program]), "make")
    text = text.replace(str(root), "<root>")
    text = PROGRAM_NAME.sub(r"make\1:", text)
    text = BUILD_DATE.sub("<date>", text)
    return sort_removal_operands(text)


def run_step(root, program, args, environment=None):
    result = subprocess.run(
        PROGRAMS[program] + list(args), cwd=root,
        env=environment or child_environment(),
        capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    return Step(tuple(args), result.returncode,
                normalize(result.stdout, root, program),
                normalize(result.stderr, root, program))


def generated_state(root):
    """Return the contents of every generated file and the set of generated
    directories, by path relative to root."""
    files = {}
    directories = set()
    for top in GENERATED_DIRS:
        for path in (root / top).rglob("*"):
            relative = path.relative_to(root).as_posix()
            if path.is_dir():
                directories.add(relative)
            else:
                files[relative] = path.read_bytes()
        if (root / top).is_dir():
            directories.add(top)
    return files, directories


def outcome(root, steps):
    files, directories = generated_state(root)
    return Outcome(steps, files, directories)


def fresh_copy(destination):
    """Copy the fixture without generated files and date every file and
    directory SOURCE_MTIME_NS."""
    shutil.copytree(FIXTURE, destination, copy_function=shutil.copy2,
                    ignore=shutil.ignore_patterns("__pycache__", *GENERATED_DIRS))
    paths = sorted(destination.rglob("*"), key=lambda p: len(p.parts), reverse=True)
    for path in paths + [destination]:
        os.utime(path, ns=(SOURCE_MTIME_NS, SOURCE_MTIME_NS))
    return destination


def copy_tree(source, destination):
    """Copy a pipeline tree, keeping every time stamp (shutil.copy2)."""
    shutil.copytree(source, destination, copy_function=shutil.copy2)
    return destination


def newest_mtime_ns(root):
    return max(path.stat().st_mtime_ns for path in root.rglob("*"))


def touch_after(paths, roots):
    """Give each path, in every root, one time stamp 1 s newer than any file
    in the roots, then wait until the clock has passed it, so neither program
    finds a file dated in the future."""
    stamp = max(newest_mtime_ns(root) for root in roots) + 1_000_000_000
    for root in roots:
        for path in paths:
            os.utime(root / path, ns=(stamp, stamp))
    while time.time_ns() <= stamp:
        time.sleep(0.05)


class Lab:
    """Cache of scenario outcomes: one run per scenario and program, each in
    its own directory."""

    def __init__(self, tmp_path_factory):
        self.tmp_path_factory = tmp_path_factory
        self.outcomes = {}
        self.built = {}

    def outcome(self, scenario, program):
        if program == "gnu" and not HAVE_GNU_MAKE:
            pytest.skip(f"GNU make is not installed at {GNU_MAKE}")
        key = (scenario, program)
        if key not in self.outcomes:
            workspace = self.tmp_path_factory.mktemp(f"{scenario}-{program}")
            self.outcomes[key] = SCENARIOS[scenario](self, workspace, program)
        return self.outcomes[key]

    def built_copy(self, workspace, program):
        """Copy the tree that program's serial build left behind."""
        self.outcome("serial-build", program)
        return copy_tree(self.built[program], workspace / "pipeline")


# --- scenarios ---------------------------------------------------------------

# Each scenario takes (lab, workspace, program) and returns an Outcome.
# Scenarios that start from a built tree copy the tree that the same
# program's serial build produced.


def serial_build(lab, workspace, program):
    root = fresh_copy(workspace / "pipeline")
    step = run_step(root, program, ["-j1"])
    lab.built[program] = root
    return outcome(root, [step])


def second_run(lab, workspace, program):
    root = lab.built_copy(workspace, program)
    return outcome(root, [run_step(root, program, ["-j1"]),
                          run_step(root, program, ["-j8"])])


def question(lab, workspace, program):
    clean_root = fresh_copy(workspace / "clean")
    before = run_step(clean_root, program, ["-q"])
    root = lab.built_copy(workspace, program)
    after = run_step(root, program, ["-q"])
    return outcome(root, [before, after])


def missing_intermediate_cache(lab, workspace, program):
    # The build deleted the .INTERMEDIATE profiles. Removing their directory
    # too leaves no trace of the cache.
    root = lab.built_copy(workspace, program)
    shutil.rmtree(root / "data/cache")
    return outcome(root, [run_step(root, program, ["-q"]),
                          run_step(root, program, ["data"]),
                          run_step(root, program, ["-j1"])])


def touched_rebuild(paths, dry_run_first):
    def scenario(lab, workspace, program):
        root = lab.built_copy(workspace, program)
        touch_after(paths, [root])
        steps = []
        if dry_run_first:
            steps.append(run_step(root, program, ["-n"]))
        steps.append(run_step(root, program, ["-j1"]))
        steps.append(run_step(root, program, ["-q"]))
        return outcome(root, steps)
    return scenario


def documentation_targets(lab, workspace, program):
    # NOTE: debug-% is left out because pymake's --debug=v output lacks most
    # of GNU make's trace lines ("Considering target file ...").
    if shutil.which("awk") is None or shutil.which("sed") is None:
        pytest.skip("the help and targets recipes run awk, sed and sort")
    root = fresh_copy(workspace / "pipeline")
    return outcome(root, [run_step(root, program, [target])
                          for target in ("help", "targets", "info", "dry-all")])


def environment_checks(lab, workspace, program):
    # ENV selects the gate threshold, and prod rejects the overlap dataset.
    # An unknown ENV stops make while it reads the Makefile.
    root = lab.built_copy(workspace, program)
    return outcome(root, [run_step(root, program, ["ENV=bogus"]),
                          run_step(root, program, ["-j1", "ENV=prod"]),
                          run_step(root, program, ["-j1", "-k", "ENV=prod"])])


def parallel_build(lab, workspace, program):
    root = fresh_copy(workspace / "pipeline")
    return outcome(root, [run_step(root, program, ["-j8"]),
                          run_step(root, program, ["-j8"])])


def interrupted_build(lab, workspace, program):
    root = fresh_copy(workspace / "pipeline")
    marker = workspace / "training-started"
    environment = child_environment()
    environment["PATH"] = (str(install_blocking_python(workspace / "bin", marker))
                           + os.pathsep + environment["PATH"])
    interrupted = run_until_marker(root, program, ["-j1"], environment, marker)
    resumed = run_step(root, program, ["-j1"])
    return outcome(root, [interrupted, resumed])


SCENARIOS = {
    "serial-build": serial_build,
    "second-run": second_run,
    "question": question,
    "missing-intermediate-cache": missing_intermediate_cache,
    "params-touched": touched_rebuild([PARAMS], dry_run_first=False),
    "raw-source-touched": touched_rebuild([IRIS_SOURCE], dry_run_first=False),
    "dry-run-after-touch": touched_rebuild([PARAMS, IRIS_SOURCE], dry_run_first=True),
    "documentation-targets": documentation_targets,
    "environment": environment_checks,
    "parallel-build": parallel_build,
    "interrupted-build": interrupted_build,
}


# --- parallel build: outputs compared as multisets --------------------------


def command_echoes(serial_stdout):
    """Return the command lines make echoed in a serial build's output,
    each with its continuation lines."""
    echoes = []
    lines = serial_stdout.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        if lines[i].startswith(("python3 ", "rm ")):
            echo = lines[i]
            while echo.endswith("\\\n") and i + 1 < len(lines):
                i += 1
                echo += lines[i]
            echoes.append(echo)
        i += 1
    return echoes


def structural_output(stdout):
    """Describe a parallel build's stdout independently of job order.

    The description counts each command echo and each script message of
    the recorded serial build, longest first, then lists what remains.
    With PYTHONUNBUFFERED set, print() writes a message and its newline in
    two writes, and another job's output can come between them. So the
    text is searched for fragments, not lines, and newlines are counted
    separately.
    """
    serial_stdout = RECORDED["serial-build"][0][0].stdout
    echoes = command_echoes(serial_stdout)
    messages = serial_stdout
    for echo in echoes:
        messages = messages.replace(echo, "", 1)
    fragments = set(echoes) | {line for line in messages.splitlines() if line}
    described = []
    for fragment in sorted(fragments, key=lambda text: (-len(text), text)):
        described.append(f"{stdout.count(fragment)} x {fragment!r}\n")
        stdout = stdout.replace(fragment, "")
    described.append(f"{stdout.count(chr(10))} newlines\n")
    described.append(f"rest: {stdout.replace(chr(10), '')!r}\n")
    return "".join(described)


def sorted_lines(text):
    return "".join(sorted(text.splitlines(keepends=True)))


# --- interrupted build -------------------------------------------------------

# The test replaces python3 on PATH with this script. It runs the real
# interpreter, except for the training of iris/logreg, where it creates the
# marker file and waits to be interrupted. With -j1 the build stops at the
# same step under both programs, which makes the files left behind
# comparable.
BLOCKING_PYTHON = '''\
#!{python}
import os
import signal
import sys
import time

arguments = sys.argv[1:]
if (arguments[:1] == ["scripts/train.py"] and "logreg" in arguments
        and "data/split/v1/iris.train.csv" in arguments):
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    open({marker!r}, "w").close()
    time.sleep({timeout})
    sys.exit(1)
os.execv({python!r}, [{python!r}] + arguments)
'''


def install_blocking_python(directory, marker):
    directory.mkdir()
    real_python = shutil.which("python3")
    script = directory / "python3"
    script.write_text(BLOCKING_PYTHON.format(
        python=real_python, marker=str(marker), timeout=TIMEOUT_SECONDS))
    script.chmod(0o755)
    return directory


def run_until_marker(root, program, args, environment, marker):
    """Run make in a new session and send SIGINT to the whole session, as a
    terminal does on Ctrl-C, once the marker file exists."""
    process = subprocess.Popen(
        PROGRAMS[program] + list(args), cwd=root, env=environment,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)
    try:
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while not marker.exists() and process.poll() is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{marker} did not appear")
            time.sleep(0.05)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return Step(tuple(args), process.returncode,
                normalize(stdout, root, program), normalize(stderr, root, program))


# --- checks ------------------------------------------------------------------


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    return Lab(tmp_path_factory)


def normalize_machine_values(text):
    """Replace values that differ between machines: the core count, the
    Python version and the Git commit shown by `info` and `help`."""
    text = re.sub(r"-j\d+\b", "-jN", text)
    text = re.sub(r"^(NPROC +)\d+$", r"\1N", text, flags=re.MULTILINE)
    text = re.sub(r"^(PYTHON +python3 )\S+$", r"\1X.Y.Z", text, flags=re.MULTILINE)
    return re.sub(r"^(GIT_COMMIT +)\S+$", r"\1<commit>", text, flags=re.MULTILINE)


def recorded_view(steps):
    return [Step(s.args, s.status, normalize_machine_values(s.stdout),
                 normalize_machine_values(s.stderr)) for s in steps]


def comparable_steps(scenario, steps):
    """Return the steps as compared: the parallel build's first run is
    described by structural_output, independently of job order."""
    if scenario != "parallel-build":
        return steps
    build = steps[0]
    structural = Step(build.args, build.status,
                      structural_output(build.stdout), sorted_lines(build.stderr))
    return [structural] + steps[1:]


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_pymake_matches_recorded_gnu(lab, scenario):
    expected_steps, expected_files = RECORDED[scenario]
    ours = lab.outcome(scenario, "pymake")

    assert (recorded_view(comparable_steps(scenario, ours.steps))
            == recorded_view(comparable_steps(scenario, expected_steps)))
    assert set(ours.files) == expected_files


@pytest.mark.skipif(not HAVE_GNU_MAKE, reason=f"GNU make is not installed at {GNU_MAKE}")
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_pymake_matches_live_gnu(lab, scenario):
    ours = lab.outcome(scenario, "pymake")
    gnu = lab.outcome(scenario, "gnu")

    assert comparable_steps(scenario, ours.steps) == comparable_steps(scenario, gnu.steps)
    assert sorted(ours.files) == sorted(gnu.files)
    for path in sorted(gnu.files):
        assert ours.files[path] == gnu.files[path], path
    assert ours.directories == gnu.directories


@pytest.mark.skipif(not HAVE_GNU_MAKE, reason=f"GNU make is not installed at {GNU_MAKE}")
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_recorded_output_matches_live_gnu(lab, scenario):
    expected_steps, expected_files = RECORDED[scenario]
    gnu = lab.outcome(scenario, "gnu")

    assert (recorded_view(comparable_steps(scenario, gnu.steps))
            == recorded_view(comparable_steps(scenario, expected_steps)))
    assert set(gnu.files) == expected_files


def test_parallel_build_matches_serial_build(lab):
    serial = lab.outcome("serial-build", "pymake")
    parallel = lab.outcome("parallel-build", "pymake")

    assert parallel.steps[0].status == 0
    assert sorted(parallel.files) == sorted(serial.files)
    for path in sorted(serial.files):
        assert parallel.files[path] == serial.files[path], path


# --- GNU make's recorded outputs ---------------------------------------------

# Printed by GNU make 4.3 on x86_64 Linux and normalized by normalize(). The
# `info` and `help` lines that show the core count, the Python version and
# the Git commit are compared through normalize_machine_values().

RECORDED = {}

BUILT_FILES = {
    'data/clean/v1/blobs.csv',
    'data/clean/v1/iris.csv',
    'data/clean/v1/overlap.csv',
    'data/features/v1/blobs.csv',
    'data/features/v1/iris.csv',
    'data/features/v1/overlap.csv',
    'data/raw/v1/blobs.csv',
    'data/raw/v1/iris.csv',
    'data/raw/v1/overlap.csv',
    'data/split/v1/blobs.test.csv',
    'data/split/v1/blobs.train.csv',
    'data/split/v1/iris.test.csv',
    'data/split/v1/iris.train.csv',
    'data/split/v1/overlap.test.csv',
    'data/split/v1/overlap.train.csv',
    'dist/dev/1.2.0/blobs.zip',
    'dist/dev/1.2.0/iris.zip',
    'dist/dev/1.2.0/overlap.zip',
    'models/1.2.0/blobs/centroid.json',
    'models/1.2.0/blobs/logreg.json',
    'models/1.2.0/blobs/stump.json',
    'models/1.2.0/iris/centroid.json',
    'models/1.2.0/iris/logreg.json',
    'models/1.2.0/iris/stump.json',
    'models/1.2.0/overlap/centroid.json',
    'models/1.2.0/overlap/logreg.json',
    'models/1.2.0/overlap/stump.json',
    'reports/1.2.0/blobs/centroid.json',
    'reports/1.2.0/blobs/gate-dev.json',
    'reports/1.2.0/blobs/logreg.json',
    'reports/1.2.0/blobs/smoke-dev.csv',
    'reports/1.2.0/blobs/stump.json',
    'reports/1.2.0/iris/centroid.json',
    'reports/1.2.0/iris/gate-dev.json',
    'reports/1.2.0/iris/logreg.json',
    'reports/1.2.0/iris/smoke-dev.csv',
    'reports/1.2.0/iris/stump.json',
    'reports/1.2.0/overlap/centroid.json',
    'reports/1.2.0/overlap/gate-dev.json',
    'reports/1.2.0/overlap/logreg.json',
    'reports/1.2.0/overlap/smoke-dev.csv',
    'reports/1.2.0/overlap/stump.json',
    'reports/1.2.0/summary.md',
}

RECORDED['serial-build'] = (
    [
        Step(('-j1',), 0,
             'python3 scripts/fetch.py --source vendor/iris.csv --checksums vendor/SHA256SUMS --output data/raw/v1/iris.csv\n'
             'fetched iris.csv (3858 bytes, sha256 9cc1c345c71b)\n'
             'python3 scripts/profile_columns.py --input data/raw/v1/iris.csv --output data/cache/v1/iris.profile.json\n'
             'python3 scripts/clean.py --input data/raw/v1/iris.csv --profile data/cache/v1/iris.profile.json --output data/clean/v1/iris.csv\n'
             'cleaned data/raw/v1/iris.csv: kept 149 rows, dropped 1\n'
             'python3 scripts/features.py --input data/clean/v1/iris.csv --output data/features/v1/iris.csv\n'
             'python3 scripts/split.py --input data/features/v1/iris.csv --config config/data.json \\\n'
             '    --train-output data/split/v1/iris.train.csv --test-output data/split/v1/iris.test.csv\n'
             'split data/features/v1/iris.csv: 104 train, 45 test\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model centroid --output models/1.2.0/iris/centroid.json\n'
             'trained centroid on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/centroid.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/centroid.json\n'
             'evaluated models/1.2.0/iris/centroid.json: accuracy 0.9333\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model logreg --output models/1.2.0/iris/logreg.json\n'
             'trained logreg on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/logreg.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/logreg.json\n'
             'evaluated models/1.2.0/iris/logreg.json: accuracy 0.9556\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model stump --output models/1.2.0/iris/stump.json\n'
             'trained stump on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/stump.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/stump.json\n'
             'evaluated models/1.2.0/iris/stump.json: accuracy 0.6667\n'
             'python3 scripts/gate.py --dataset iris --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/iris/gate-dev.json reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json\n'
             'gate passed for iris in dev: logreg accuracy 0.9556 > 0.8000\n'
             'python3 scripts/package.py --selection reports/1.2.0/iris/gate-dev.json --model-dir models/1.2.0/iris \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/iris.zip\n'
             'packaged iris model logreg into dist/dev/1.2.0/iris.zip\n'
             'python3 scripts/synthesize.py --config config/data.json --name blobs --output data/raw/v1/blobs.csv\n'
             'generated blobs: 250 rows\n'
             'python3 scripts/profile_columns.py --input data/raw/v1/blobs.csv --output data/cache/v1/blobs.profile.json\n'
             'python3 scripts/clean.py --input data/raw/v1/blobs.csv --profile data/cache/v1/blobs.profile.json --output data/clean/v1/blobs.csv\n'
             'cleaned data/raw/v1/blobs.csv: kept 240 rows, dropped 10\n'
             'python3 scripts/features.py --input data/clean/v1/blobs.csv --output data/features/v1/blobs.csv\n'
             'python3 scripts/split.py --input data/features/v1/blobs.csv --config config/data.json \\\n'
             '    --train-output data/split/v1/blobs.train.csv --test-output data/split/v1/blobs.test.csv\n'
             'split data/features/v1/blobs.csv: 168 train, 72 test\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model centroid --output models/1.2.0/blobs/centroid.json\n'
             'trained centroid on data/split/v1/blobs.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/centroid.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/centroid.json\n'
             'evaluated models/1.2.0/blobs/centroid.json: accuracy 0.9861\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model logreg --output models/1.2.0/blobs/logreg.json\n'
             'trained logreg on data/split/v1/blobs.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/logreg.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/logreg.json\n'
             'evaluated models/1.2.0/blobs/logreg.json: accuracy 0.9861\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model stump --output models/1.2.0/blobs/stump.json\n'
             'trained stump on data/split/v1/blobs.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/stump.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/stump.json\n'
             'evaluated models/1.2.0/blobs/stump.json: accuracy 0.6528\n'
             'python3 scripts/gate.py --dataset blobs --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/blobs/gate-dev.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json\n'
             'gate passed for blobs in dev: centroid accuracy 0.9861 > 0.8000\n'
             'python3 scripts/package.py --selection reports/1.2.0/blobs/gate-dev.json --model-dir models/1.2.0/blobs \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/blobs.zip\n'
             'packaged blobs model centroid into dist/dev/1.2.0/blobs.zip\n'
             'python3 scripts/synthesize.py --config config/data.json --name overlap --output data/raw/v1/overlap.csv\n'
             'generated overlap: 250 rows\n'
             'python3 scripts/profile_columns.py --input data/raw/v1/overlap.csv --output data/cache/v1/overlap.profile.json\n'
             'python3 scripts/clean.py --input data/raw/v1/overlap.csv --profile data/cache/v1/overlap.profile.json --output data/clean/v1/overlap.csv\n'
             'cleaned data/raw/v1/overlap.csv: kept 240 rows, dropped 10\n'
             'python3 scripts/features.py --input data/clean/v1/overlap.csv --output data/features/v1/overlap.csv\n'
             'python3 scripts/split.py --input data/features/v1/overlap.csv --config config/data.json \\\n'
             '    --train-output data/split/v1/overlap.train.csv --test-output data/split/v1/overlap.test.csv\n'
             'split data/features/v1/overlap.csv: 168 train, 72 test\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model centroid --output models/1.2.0/overlap/centroid.json\n'
             'trained centroid on data/split/v1/overlap.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/centroid.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/centroid.json\n'
             'evaluated models/1.2.0/overlap/centroid.json: accuracy 0.9028\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model logreg --output models/1.2.0/overlap/logreg.json\n'
             'trained logreg on data/split/v1/overlap.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/logreg.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/logreg.json\n'
             'evaluated models/1.2.0/overlap/logreg.json: accuracy 0.9167\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model stump --output models/1.2.0/overlap/stump.json\n'
             'trained stump on data/split/v1/overlap.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/stump.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/stump.json\n'
             'evaluated models/1.2.0/overlap/stump.json: accuracy 0.8611\n'
             'python3 scripts/gate.py --dataset overlap --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/overlap/gate-dev.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n'
             'gate passed for overlap in dev: logreg accuracy 0.9167 > 0.8000\n'
             'python3 scripts/package.py --selection reports/1.2.0/overlap/gate-dev.json --model-dir models/1.2.0/overlap \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/overlap.zip\n'
             'packaged overlap model logreg into dist/dev/1.2.0/overlap.zip\n'
             'python3 dist/dev/1.2.0/iris.zip --input data/clean/v1/iris.csv --output reports/1.2.0/iris/smoke-dev.csv\n'
             'python3 dist/dev/1.2.0/blobs.zip --input data/clean/v1/blobs.csv --output reports/1.2.0/blobs/smoke-dev.csv\n'
             'python3 dist/dev/1.2.0/overlap.zip --input data/clean/v1/overlap.csv --output reports/1.2.0/overlap/smoke-dev.csv\n'
             'python3 scripts/summarize.py --title "Test metrics, model 1.2.0, data v1" \\\n'
             '    --output reports/1.2.0/summary.md reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n'
             'rm data/cache/v1/blobs.profile.json data/cache/v1/iris.profile.json data/cache/v1/overlap.profile.json\n',
             'accuracy on data/clean/v1/iris.csv: 146/149\n'
             'accuracy on data/clean/v1/blobs.csv: 233/240\n'
             'accuracy on data/clean/v1/overlap.csv: 211/240\n'),
    ],
    BUILT_FILES,
)

RECORDED['second-run'] = (
    [
        Step(('-j1',), 0,
             "make: Nothing to be done for 'all'.\n",
             ""),
        Step(('-j8',), 0,
             "make: Nothing to be done for 'all'.\n",
             ""),
    ],
    BUILT_FILES,
)

RECORDED['question'] = (
    [
        Step(('-q',), 1,
             "",
             ""),
        Step(('-q',), 0,
             "",
             ""),
    ],
    BUILT_FILES,
)

RECORDED['missing-intermediate-cache'] = (
    [
        Step(('-q',), 0,
             "",
             ""),
        Step(('data',), 0,
             "make: Nothing to be done for 'data'.\n",
             ""),
        Step(('-j1',), 0,
             "make: Nothing to be done for 'all'.\n",
             ""),
    ],
    BUILT_FILES,
)

RECORDED['params-touched'] = (
    [
        Step(('-j1',), 0,
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model centroid --output models/1.2.0/iris/centroid.json\n'
             'trained centroid on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/centroid.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/centroid.json\n'
             'evaluated models/1.2.0/iris/centroid.json: accuracy 0.9333\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model logreg --output models/1.2.0/iris/logreg.json\n'
             'trained logreg on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/logreg.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/logreg.json\n'
             'evaluated models/1.2.0/iris/logreg.json: accuracy 0.9556\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model stump --output models/1.2.0/iris/stump.json\n'
             'trained stump on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/stump.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/stump.json\n'
             'evaluated models/1.2.0/iris/stump.json: accuracy 0.6667\n'
             'python3 scripts/gate.py --dataset iris --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/iris/gate-dev.json reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json\n'
             'gate passed for iris in dev: logreg accuracy 0.9556 > 0.8000\n'
             'python3 scripts/package.py --selection reports/1.2.0/iris/gate-dev.json --model-dir models/1.2.0/iris \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/iris.zip\n'
             'packaged iris model logreg into dist/dev/1.2.0/iris.zip\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model centroid --output models/1.2.0/blobs/centroid.json\n'
             'trained centroid on data/split/v1/blobs.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/centroid.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/centroid.json\n'
             'evaluated models/1.2.0/blobs/centroid.json: accuracy 0.9861\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model logreg --output models/1.2.0/blobs/logreg.json\n'
             'trained logreg on data/split/v1/blobs.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/logreg.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/logreg.json\n'
             'evaluated models/1.2.0/blobs/logreg.json: accuracy 0.9861\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model stump --output models/1.2.0/blobs/stump.json\n'
             'trained stump on data/split/v1/blobs.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/stump.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/stump.json\n'
             'evaluated models/1.2.0/blobs/stump.json: accuracy 0.6528\n'
             'python3 scripts/gate.py --dataset blobs --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/blobs/gate-dev.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json\n'
             'gate passed for blobs in dev: centroid accuracy 0.9861 > 0.8000\n'
             'python3 scripts/package.py --selection reports/1.2.0/blobs/gate-dev.json --model-dir models/1.2.0/blobs \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/blobs.zip\n'
             'packaged blobs model centroid into dist/dev/1.2.0/blobs.zip\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model centroid --output models/1.2.0/overlap/centroid.json\n'
             'trained centroid on data/split/v1/overlap.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/centroid.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/centroid.json\n'
             'evaluated models/1.2.0/overlap/centroid.json: accuracy 0.9028\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model logreg --output models/1.2.0/overlap/logreg.json\n'
             'trained logreg on data/split/v1/overlap.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/logreg.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/logreg.json\n'
             'evaluated models/1.2.0/overlap/logreg.json: accuracy 0.9167\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model stump --output models/1.2.0/overlap/stump.json\n'
             'trained stump on data/split/v1/overlap.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/stump.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/stump.json\n'
             'evaluated models/1.2.0/overlap/stump.json: accuracy 0.8611\n'
             'python3 scripts/gate.py --dataset overlap --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/overlap/gate-dev.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n'
             'gate passed for overlap in dev: logreg accuracy 0.9167 > 0.8000\n'
             'python3 scripts/package.py --selection reports/1.2.0/overlap/gate-dev.json --model-dir models/1.2.0/overlap \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/overlap.zip\n'
             'packaged overlap model logreg into dist/dev/1.2.0/overlap.zip\n'
             'python3 dist/dev/1.2.0/iris.zip --input data/clean/v1/iris.csv --output reports/1.2.0/iris/smoke-dev.csv\n'
             'python3 dist/dev/1.2.0/blobs.zip --input data/clean/v1/blobs.csv --output reports/1.2.0/blobs/smoke-dev.csv\n'
             'python3 dist/dev/1.2.0/overlap.zip --input data/clean/v1/overlap.csv --output reports/1.2.0/overlap/smoke-dev.csv\n'
             'python3 scripts/summarize.py --title "Test metrics, model 1.2.0, data v1" \\\n'
             '    --output reports/1.2.0/summary.md reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n',
             'accuracy on data/clean/v1/iris.csv: 146/149\n'
             'accuracy on data/clean/v1/blobs.csv: 233/240\n'
             'accuracy on data/clean/v1/overlap.csv: 211/240\n'),
        Step(('-q',), 0,
             "",
             ""),
    ],
    BUILT_FILES,
)

RECORDED['raw-source-touched'] = (
    [
        Step(('-j1',), 0,
             'python3 scripts/fetch.py --source vendor/iris.csv --checksums vendor/SHA256SUMS --output data/raw/v1/iris.csv\n'
             'fetched iris.csv (3858 bytes, sha256 9cc1c345c71b)\n'
             'python3 scripts/profile_columns.py --input data/raw/v1/iris.csv --output data/cache/v1/iris.profile.json\n'
             'python3 scripts/clean.py --input data/raw/v1/iris.csv --profile data/cache/v1/iris.profile.json --output data/clean/v1/iris.csv\n'
             'cleaned data/raw/v1/iris.csv: kept 149 rows, dropped 1\n'
             'python3 scripts/features.py --input data/clean/v1/iris.csv --output data/features/v1/iris.csv\n'
             'python3 scripts/split.py --input data/features/v1/iris.csv --config config/data.json \\\n'
             '    --train-output data/split/v1/iris.train.csv --test-output data/split/v1/iris.test.csv\n'
             'split data/features/v1/iris.csv: 104 train, 45 test\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model centroid --output models/1.2.0/iris/centroid.json\n'
             'trained centroid on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/centroid.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/centroid.json\n'
             'evaluated models/1.2.0/iris/centroid.json: accuracy 0.9333\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model logreg --output models/1.2.0/iris/logreg.json\n'
             'trained logreg on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/logreg.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/logreg.json\n'
             'evaluated models/1.2.0/iris/logreg.json: accuracy 0.9556\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model stump --output models/1.2.0/iris/stump.json\n'
             'trained stump on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/stump.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/stump.json\n'
             'evaluated models/1.2.0/iris/stump.json: accuracy 0.6667\n'
             'python3 scripts/gate.py --dataset iris --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/iris/gate-dev.json reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json\n'
             'gate passed for iris in dev: logreg accuracy 0.9556 > 0.8000\n'
             'python3 scripts/package.py --selection reports/1.2.0/iris/gate-dev.json --model-dir models/1.2.0/iris \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/iris.zip\n'
             'packaged iris model logreg into dist/dev/1.2.0/iris.zip\n'
             'python3 dist/dev/1.2.0/iris.zip --input data/clean/v1/iris.csv --output reports/1.2.0/iris/smoke-dev.csv\n'
             'python3 scripts/summarize.py --title "Test metrics, model 1.2.0, data v1" \\\n'
             '    --output reports/1.2.0/summary.md reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n'
             'rm data/cache/v1/iris.profile.json\n',
             'accuracy on data/clean/v1/iris.csv: 146/149\n'),
        Step(('-q',), 0,
             "",
             ""),
    ],
    BUILT_FILES,
)

RECORDED['dry-run-after-touch'] = (
    [
        Step(('-n',), 0,
             'python3 scripts/fetch.py --source vendor/iris.csv --checksums vendor/SHA256SUMS --output data/raw/v1/iris.csv\n'
             'python3 scripts/profile_columns.py --input data/raw/v1/iris.csv --output data/cache/v1/iris.profile.json\n'
             'python3 scripts/clean.py --input data/raw/v1/iris.csv --profile data/cache/v1/iris.profile.json --output data/clean/v1/iris.csv\n'
             'python3 scripts/features.py --input data/clean/v1/iris.csv --output data/features/v1/iris.csv\n'
             'python3 scripts/split.py --input data/features/v1/iris.csv --config config/data.json \\\n'
             '    --train-output data/split/v1/iris.train.csv --test-output data/split/v1/iris.test.csv\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model centroid --output models/1.2.0/iris/centroid.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/centroid.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/centroid.json\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model logreg --output models/1.2.0/iris/logreg.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/logreg.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/logreg.json\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model stump --output models/1.2.0/iris/stump.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/stump.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/stump.json\n'
             'python3 scripts/gate.py --dataset iris --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/iris/gate-dev.json reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json\n'
             'python3 scripts/package.py --selection reports/1.2.0/iris/gate-dev.json --model-dir models/1.2.0/iris \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/iris.zip\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model centroid --output models/1.2.0/blobs/centroid.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/centroid.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/centroid.json\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model logreg --output models/1.2.0/blobs/logreg.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/logreg.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/logreg.json\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model stump --output models/1.2.0/blobs/stump.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/stump.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/stump.json\n'
             'python3 scripts/gate.py --dataset blobs --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/blobs/gate-dev.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json\n'
             'python3 scripts/package.py --selection reports/1.2.0/blobs/gate-dev.json --model-dir models/1.2.0/blobs \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/blobs.zip\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model centroid --output models/1.2.0/overlap/centroid.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/centroid.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/centroid.json\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model logreg --output models/1.2.0/overlap/logreg.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/logreg.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/logreg.json\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model stump --output models/1.2.0/overlap/stump.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/stump.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/stump.json\n'
             'python3 scripts/gate.py --dataset overlap --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/overlap/gate-dev.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n'
             'python3 scripts/package.py --selection reports/1.2.0/overlap/gate-dev.json --model-dir models/1.2.0/overlap \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/overlap.zip\n'
             'python3 dist/dev/1.2.0/iris.zip --input data/clean/v1/iris.csv --output reports/1.2.0/iris/smoke-dev.csv\n'
             'python3 dist/dev/1.2.0/blobs.zip --input data/clean/v1/blobs.csv --output reports/1.2.0/blobs/smoke-dev.csv\n'
             'python3 dist/dev/1.2.0/overlap.zip --input data/clean/v1/overlap.csv --output reports/1.2.0/overlap/smoke-dev.csv\n'
             'python3 scripts/summarize.py --title "Test metrics, model 1.2.0, data v1" \\\n'
             '    --output reports/1.2.0/summary.md reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n'
             'rm data/cache/v1/iris.profile.json\n',
             ""),
        Step(('-j1',), 0,
             'python3 scripts/fetch.py --source vendor/iris.csv --checksums vendor/SHA256SUMS --output data/raw/v1/iris.csv\n'
             'fetched iris.csv (3858 bytes, sha256 9cc1c345c71b)\n'
             'python3 scripts/profile_columns.py --input data/raw/v1/iris.csv --output data/cache/v1/iris.profile.json\n'
             'python3 scripts/clean.py --input data/raw/v1/iris.csv --profile data/cache/v1/iris.profile.json --output data/clean/v1/iris.csv\n'
             'cleaned data/raw/v1/iris.csv: kept 149 rows, dropped 1\n'
             'python3 scripts/features.py --input data/clean/v1/iris.csv --output data/features/v1/iris.csv\n'
             'python3 scripts/split.py --input data/features/v1/iris.csv --config config/data.json \\\n'
             '    --train-output data/split/v1/iris.train.csv --test-output data/split/v1/iris.test.csv\n'
             'split data/features/v1/iris.csv: 104 train, 45 test\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model centroid --output models/1.2.0/iris/centroid.json\n'
             'trained centroid on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/centroid.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/centroid.json\n'
             'evaluated models/1.2.0/iris/centroid.json: accuracy 0.9333\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model logreg --output models/1.2.0/iris/logreg.json\n'
             'trained logreg on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/logreg.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/logreg.json\n'
             'evaluated models/1.2.0/iris/logreg.json: accuracy 0.9556\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model stump --output models/1.2.0/iris/stump.json\n'
             'trained stump on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/stump.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/stump.json\n'
             'evaluated models/1.2.0/iris/stump.json: accuracy 0.6667\n'
             'python3 scripts/gate.py --dataset iris --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/iris/gate-dev.json reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json\n'
             'gate passed for iris in dev: logreg accuracy 0.9556 > 0.8000\n'
             'python3 scripts/package.py --selection reports/1.2.0/iris/gate-dev.json --model-dir models/1.2.0/iris \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/iris.zip\n'
             'packaged iris model logreg into dist/dev/1.2.0/iris.zip\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model centroid --output models/1.2.0/blobs/centroid.json\n'
             'trained centroid on data/split/v1/blobs.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/centroid.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/centroid.json\n'
             'evaluated models/1.2.0/blobs/centroid.json: accuracy 0.9861\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model logreg --output models/1.2.0/blobs/logreg.json\n'
             'trained logreg on data/split/v1/blobs.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/logreg.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/logreg.json\n'
             'evaluated models/1.2.0/blobs/logreg.json: accuracy 0.9861\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model stump --output models/1.2.0/blobs/stump.json\n'
             'trained stump on data/split/v1/blobs.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/stump.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/stump.json\n'
             'evaluated models/1.2.0/blobs/stump.json: accuracy 0.6528\n'
             'python3 scripts/gate.py --dataset blobs --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/blobs/gate-dev.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json\n'
             'gate passed for blobs in dev: centroid accuracy 0.9861 > 0.8000\n'
             'python3 scripts/package.py --selection reports/1.2.0/blobs/gate-dev.json --model-dir models/1.2.0/blobs \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/blobs.zip\n'
             'packaged blobs model centroid into dist/dev/1.2.0/blobs.zip\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model centroid --output models/1.2.0/overlap/centroid.json\n'
             'trained centroid on data/split/v1/overlap.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/centroid.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/centroid.json\n'
             'evaluated models/1.2.0/overlap/centroid.json: accuracy 0.9028\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model logreg --output models/1.2.0/overlap/logreg.json\n'
             'trained logreg on data/split/v1/overlap.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/logreg.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/logreg.json\n'
             'evaluated models/1.2.0/overlap/logreg.json: accuracy 0.9167\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model stump --output models/1.2.0/overlap/stump.json\n'
             'trained stump on data/split/v1/overlap.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/stump.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/stump.json\n'
             'evaluated models/1.2.0/overlap/stump.json: accuracy 0.8611\n'
             'python3 scripts/gate.py --dataset overlap --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/overlap/gate-dev.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n'
             'gate passed for overlap in dev: logreg accuracy 0.9167 > 0.8000\n'
             'python3 scripts/package.py --selection reports/1.2.0/overlap/gate-dev.json --model-dir models/1.2.0/overlap \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/overlap.zip\n'
             'packaged overlap model logreg into dist/dev/1.2.0/overlap.zip\n'
             'python3 dist/dev/1.2.0/iris.zip --input data/clean/v1/iris.csv --output reports/1.2.0/iris/smoke-dev.csv\n'
             'python3 dist/dev/1.2.0/blobs.zip --input data/clean/v1/blobs.csv --output reports/1.2.0/blobs/smoke-dev.csv\n'
             'python3 dist/dev/1.2.0/overlap.zip --input data/clean/v1/overlap.csv --output reports/1.2.0/overlap/smoke-dev.csv\n'
             'python3 scripts/summarize.py --title "Test metrics, model 1.2.0, data v1" \\\n'
             '    --output reports/1.2.0/summary.md reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n'
             'rm data/cache/v1/iris.profile.json\n',
             'accuracy on data/clean/v1/iris.csv: 146/149\n'
             'accuracy on data/clean/v1/blobs.csv: 233/240\n'
             'accuracy on data/clean/v1/overlap.csv: 211/240\n'),
        Step(('-q',), 0,
             "",
             ""),
    ],
    BUILT_FILES,
)

RECORDED['documentation-targets'] = (
    [
        Step(('help',), 0,
             'Usage: make [TARGET] [ENV=dev|staging|prod] [PYTHON=python3]\n'
             '\n'
             '  all            Build every artifact, smoke test and the metrics summary (default)\n'
             '  fetch          Copy vendored datasets and generate synthetic ones into data/raw/\n'
             '  data           Clean every raw dataset\n'
             '  features       Derive feature tables\n'
             '  split          Split every feature table into train and test sets\n'
             '  train          Train every model variant on every dataset\n'
             '  evaluate       Compute test metrics of every model\n'
             "  gate           Select each dataset's best model and check the threshold\n"
             '  package        Build the runnable zip artifacts that passed the gate\n'
             '  smoke          Run each artifact on its clean dataset\n'
             '  report         Write the Markdown table of all test metrics\n'
             '  deploy         Copy the artifacts to registry/dev/\n'
             '  train-all      Train "GPU" variants one at a time (-j1), then the rest with -j2\n'
             '  debug-%        Build target % with verbose dependency tracing, e.g. debug-train\n'
             '  dry-%          Print the commands that would build target %, e.g. dry-all\n'
             '  help           List the documented targets\n'
             '  targets        List every explicit target known to make\n'
             '  info           Show the configuration of this run\n'
             '  clean          Remove every generated file\n'
             '  clean-models   Remove models, reports and artifacts but keep the data\n',
             ""),
        Step(('targets',), 0,
             'all\n'
             'clean\n'
             'clean-models\n'
             'data\n'
             'data/raw/v1/blobs.csv\n'
             'data/raw/v1/overlap.csv\n'
             'deploy\n'
             'evaluate\n'
             'features\n'
             'fetch\n'
             'gate\n'
             'help\n'
             'info\n'
             'package\n'
             'report\n'
             'reports/1.2.0/summary.md\n'
             'smoke\n'
             'split\n'
             'targets\n'
             'train\n'
             'train-all\n',
             ""),
        Step(('info',), 0,
             'ENV              dev (threshold: accuracy > 0.80)\n'
             'DATA_VERSION     v1\n'
             'MODEL_VERSION    1.2.0\n'
             'DATASETS         iris blobs overlap\n'
             'MODELS           centroid logreg stump (GPU: logreg)\n'
             'NPROC            2\n'
             'PYTHON           python3 3.11.7\n'
             'GIT_COMMIT       unknown\n'
             'BUILD_DATE       <date>\n',
             ""),
        Step(('dry-all',), 0,
             'make -f Makefile -n all\n'
             "make[1]: Entering directory '<root>'\n"
             'python3 scripts/fetch.py --source vendor/iris.csv --checksums vendor/SHA256SUMS --output data/raw/v1/iris.csv\n'
             'python3 scripts/profile_columns.py --input data/raw/v1/iris.csv --output data/cache/v1/iris.profile.json\n'
             'python3 scripts/clean.py --input data/raw/v1/iris.csv --profile data/cache/v1/iris.profile.json --output data/clean/v1/iris.csv\n'
             'python3 scripts/features.py --input data/clean/v1/iris.csv --output data/features/v1/iris.csv\n'
             'python3 scripts/split.py --input data/features/v1/iris.csv --config config/data.json \\\n'
             '    --train-output data/split/v1/iris.train.csv --test-output data/split/v1/iris.test.csv\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model centroid --output models/1.2.0/iris/centroid.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/centroid.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/centroid.json\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model logreg --output models/1.2.0/iris/logreg.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/logreg.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/logreg.json\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model stump --output models/1.2.0/iris/stump.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/stump.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/stump.json\n'
             'python3 scripts/gate.py --dataset iris --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/iris/gate-dev.json reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json\n'
             'python3 scripts/package.py --selection reports/1.2.0/iris/gate-dev.json --model-dir models/1.2.0/iris \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/iris.zip\n'
             'python3 scripts/synthesize.py --config config/data.json --name blobs --output data/raw/v1/blobs.csv\n'
             'python3 scripts/profile_columns.py --input data/raw/v1/blobs.csv --output data/cache/v1/blobs.profile.json\n'
             'python3 scripts/clean.py --input data/raw/v1/blobs.csv --profile data/cache/v1/blobs.profile.json --output data/clean/v1/blobs.csv\n'
             'python3 scripts/features.py --input data/clean/v1/blobs.csv --output data/features/v1/blobs.csv\n'
             'python3 scripts/split.py --input data/features/v1/blobs.csv --config config/data.json \\\n'
             '    --train-output data/split/v1/blobs.train.csv --test-output data/split/v1/blobs.test.csv\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model centroid --output models/1.2.0/blobs/centroid.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/centroid.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/centroid.json\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model logreg --output models/1.2.0/blobs/logreg.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/logreg.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/logreg.json\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model stump --output models/1.2.0/blobs/stump.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/stump.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/stump.json\n'
             'python3 scripts/gate.py --dataset blobs --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/blobs/gate-dev.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json\n'
             'python3 scripts/package.py --selection reports/1.2.0/blobs/gate-dev.json --model-dir models/1.2.0/blobs \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/blobs.zip\n'
             'python3 scripts/synthesize.py --config config/data.json --name overlap --output data/raw/v1/overlap.csv\n'
             'python3 scripts/profile_columns.py --input data/raw/v1/overlap.csv --output data/cache/v1/overlap.profile.json\n'
             'python3 scripts/clean.py --input data/raw/v1/overlap.csv --profile data/cache/v1/overlap.profile.json --output data/clean/v1/overlap.csv\n'
             'python3 scripts/features.py --input data/clean/v1/overlap.csv --output data/features/v1/overlap.csv\n'
             'python3 scripts/split.py --input data/features/v1/overlap.csv --config config/data.json \\\n'
             '    --train-output data/split/v1/overlap.train.csv --test-output data/split/v1/overlap.test.csv\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model centroid --output models/1.2.0/overlap/centroid.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/centroid.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/centroid.json\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model logreg --output models/1.2.0/overlap/logreg.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/logreg.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/logreg.json\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model stump --output models/1.2.0/overlap/stump.json\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/stump.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/stump.json\n'
             'python3 scripts/gate.py --dataset overlap --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/overlap/gate-dev.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n'
             'python3 scripts/package.py --selection reports/1.2.0/overlap/gate-dev.json --model-dir models/1.2.0/overlap \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/overlap.zip\n'
             'python3 dist/dev/1.2.0/iris.zip --input data/clean/v1/iris.csv --output reports/1.2.0/iris/smoke-dev.csv\n'
             'python3 dist/dev/1.2.0/blobs.zip --input data/clean/v1/blobs.csv --output reports/1.2.0/blobs/smoke-dev.csv\n'
             'python3 dist/dev/1.2.0/overlap.zip --input data/clean/v1/overlap.csv --output reports/1.2.0/overlap/smoke-dev.csv\n'
             'python3 scripts/summarize.py --title "Test metrics, model 1.2.0, data v1" \\\n'
             '    --output reports/1.2.0/summary.md reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n'
             'rm data/cache/v1/blobs.profile.json data/cache/v1/iris.profile.json data/cache/v1/overlap.profile.json\n'
             "make[1]: Leaving directory '<root>'\n",
             ""),
    ],
    BUILT_FILES - {
        'data/clean/v1/blobs.csv',
        'data/clean/v1/iris.csv',
        'data/clean/v1/overlap.csv',
        'data/features/v1/blobs.csv',
        'data/features/v1/iris.csv',
        'data/features/v1/overlap.csv',
        'data/raw/v1/blobs.csv',
        'data/raw/v1/iris.csv',
        'data/raw/v1/overlap.csv',
        'data/split/v1/blobs.test.csv',
        'data/split/v1/blobs.train.csv',
        'data/split/v1/iris.test.csv',
        'data/split/v1/iris.train.csv',
        'data/split/v1/overlap.test.csv',
        'data/split/v1/overlap.train.csv',
        'dist/dev/1.2.0/blobs.zip',
        'dist/dev/1.2.0/iris.zip',
        'dist/dev/1.2.0/overlap.zip',
        'models/1.2.0/blobs/centroid.json',
        'models/1.2.0/blobs/logreg.json',
        'models/1.2.0/blobs/stump.json',
        'models/1.2.0/iris/centroid.json',
        'models/1.2.0/iris/logreg.json',
        'models/1.2.0/iris/stump.json',
        'models/1.2.0/overlap/centroid.json',
        'models/1.2.0/overlap/logreg.json',
        'models/1.2.0/overlap/stump.json',
        'reports/1.2.0/blobs/centroid.json',
        'reports/1.2.0/blobs/gate-dev.json',
        'reports/1.2.0/blobs/logreg.json',
        'reports/1.2.0/blobs/smoke-dev.csv',
        'reports/1.2.0/blobs/stump.json',
        'reports/1.2.0/iris/centroid.json',
        'reports/1.2.0/iris/gate-dev.json',
        'reports/1.2.0/iris/logreg.json',
        'reports/1.2.0/iris/smoke-dev.csv',
        'reports/1.2.0/iris/stump.json',
        'reports/1.2.0/overlap/centroid.json',
        'reports/1.2.0/overlap/gate-dev.json',
        'reports/1.2.0/overlap/logreg.json',
        'reports/1.2.0/overlap/smoke-dev.csv',
        'reports/1.2.0/overlap/stump.json',
        'reports/1.2.0/summary.md',
    },
)

RECORDED['environment'] = (
    [
        Step(('ENV=bogus',), 2,
             "",
             "Makefile:58: *** ENV must be dev, staging or prod, got 'bogus'.  Stop.\n"),
        Step(('-j1', 'ENV=prod'), 2,
             'python3 scripts/gate.py --dataset iris --env prod --metric accuracy \\\n'
             '    --threshold 0.95 --output reports/1.2.0/iris/gate-prod.json reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json\n'
             'gate passed for iris in prod: logreg accuracy 0.9556 > 0.9500\n'
             'python3 scripts/package.py --selection reports/1.2.0/iris/gate-prod.json --model-dir models/1.2.0/iris \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/prod/1.2.0/iris.zip\n'
             'packaged iris model logreg into dist/prod/1.2.0/iris.zip\n'
             'python3 scripts/gate.py --dataset blobs --env prod --metric accuracy \\\n'
             '    --threshold 0.95 --output reports/1.2.0/blobs/gate-prod.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json\n'
             'gate passed for blobs in prod: centroid accuracy 0.9861 > 0.9500\n'
             'python3 scripts/package.py --selection reports/1.2.0/blobs/gate-prod.json --model-dir models/1.2.0/blobs \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/prod/1.2.0/blobs.zip\n'
             'packaged blobs model centroid into dist/prod/1.2.0/blobs.zip\n'
             'python3 scripts/gate.py --dataset overlap --env prod --metric accuracy \\\n'
             '    --threshold 0.95 --output reports/1.2.0/overlap/gate-prod.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n',
             'gate.py: error: gate failed for overlap in prod: best model logreg has accuracy 0.9167, which does not beat the threshold 0.9500; nothing will be packaged\n'
             'make: *** [Makefile:150: reports/1.2.0/overlap/gate-prod.json] Error 1\n'),
        Step(('-j1', '-k', 'ENV=prod'), 2,
             'python3 scripts/gate.py --dataset overlap --env prod --metric accuracy \\\n'
             '    --threshold 0.95 --output reports/1.2.0/overlap/gate-prod.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n'
             'python3 dist/prod/1.2.0/iris.zip --input data/clean/v1/iris.csv --output reports/1.2.0/iris/smoke-prod.csv\n'
             'python3 dist/prod/1.2.0/blobs.zip --input data/clean/v1/blobs.csv --output reports/1.2.0/blobs/smoke-prod.csv\n',
             'gate.py: error: gate failed for overlap in prod: best model logreg has accuracy 0.9167, which does not beat the threshold 0.9500; nothing will be packaged\n'
             'make: *** [Makefile:150: reports/1.2.0/overlap/gate-prod.json] Error 1\n'
             'accuracy on data/clean/v1/iris.csv: 146/149\n'
             'accuracy on data/clean/v1/blobs.csv: 233/240\n'
             "make: Target 'all' not remade because of errors.\n"),
    ],
    {
        'data/clean/v1/blobs.csv',
        'data/clean/v1/iris.csv',
        'data/clean/v1/overlap.csv',
        'data/features/v1/blobs.csv',
        'data/features/v1/iris.csv',
        'data/features/v1/overlap.csv',
        'data/raw/v1/blobs.csv',
        'data/raw/v1/iris.csv',
        'data/raw/v1/overlap.csv',
        'data/split/v1/blobs.test.csv',
        'data/split/v1/blobs.train.csv',
        'data/split/v1/iris.test.csv',
        'data/split/v1/iris.train.csv',
        'data/split/v1/overlap.test.csv',
        'data/split/v1/overlap.train.csv',
        'dist/dev/1.2.0/blobs.zip',
        'dist/dev/1.2.0/iris.zip',
        'dist/dev/1.2.0/overlap.zip',
        'dist/prod/1.2.0/blobs.zip',
        'dist/prod/1.2.0/iris.zip',
        'models/1.2.0/blobs/centroid.json',
        'models/1.2.0/blobs/logreg.json',
        'models/1.2.0/blobs/stump.json',
        'models/1.2.0/iris/centroid.json',
        'models/1.2.0/iris/logreg.json',
        'models/1.2.0/iris/stump.json',
        'models/1.2.0/overlap/centroid.json',
        'models/1.2.0/overlap/logreg.json',
        'models/1.2.0/overlap/stump.json',
        'reports/1.2.0/blobs/centroid.json',
        'reports/1.2.0/blobs/gate-dev.json',
        'reports/1.2.0/blobs/gate-prod.json',
        'reports/1.2.0/blobs/logreg.json',
        'reports/1.2.0/blobs/smoke-dev.csv',
        'reports/1.2.0/blobs/smoke-prod.csv',
        'reports/1.2.0/blobs/stump.json',
        'reports/1.2.0/iris/centroid.json',
        'reports/1.2.0/iris/gate-dev.json',
        'reports/1.2.0/iris/gate-prod.json',
        'reports/1.2.0/iris/logreg.json',
        'reports/1.2.0/iris/smoke-dev.csv',
        'reports/1.2.0/iris/smoke-prod.csv',
        'reports/1.2.0/iris/stump.json',
        'reports/1.2.0/overlap/centroid.json',
        'reports/1.2.0/overlap/gate-dev.json',
        'reports/1.2.0/overlap/logreg.json',
        'reports/1.2.0/overlap/smoke-dev.csv',
        'reports/1.2.0/overlap/stump.json',
        'reports/1.2.0/summary.md',
    },
)

RECORDED['interrupted-build'] = (
    [
        Step(('-j1',), -2,
             'python3 scripts/fetch.py --source vendor/iris.csv --checksums vendor/SHA256SUMS --output data/raw/v1/iris.csv\n'
             'fetched iris.csv (3858 bytes, sha256 9cc1c345c71b)\n'
             'python3 scripts/profile_columns.py --input data/raw/v1/iris.csv --output data/cache/v1/iris.profile.json\n'
             'python3 scripts/clean.py --input data/raw/v1/iris.csv --profile data/cache/v1/iris.profile.json --output data/clean/v1/iris.csv\n'
             'cleaned data/raw/v1/iris.csv: kept 149 rows, dropped 1\n'
             'python3 scripts/features.py --input data/clean/v1/iris.csv --output data/features/v1/iris.csv\n'
             'python3 scripts/split.py --input data/features/v1/iris.csv --config config/data.json \\\n'
             '    --train-output data/split/v1/iris.train.csv --test-output data/split/v1/iris.test.csv\n'
             'split data/features/v1/iris.csv: 104 train, 45 test\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model centroid --output models/1.2.0/iris/centroid.json\n'
             'trained centroid on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/centroid.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/centroid.json\n'
             'evaluated models/1.2.0/iris/centroid.json: accuracy 0.9333\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model logreg --output models/1.2.0/iris/logreg.json\n',
             'make: *** [Makefile:146: models/1.2.0/iris/logreg.json] Interrupt\n'
             "make: *** Deleting intermediate file 'data/cache/v1/iris.profile.json'\n"),
        Step(('-j1',), 0,
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model logreg --output models/1.2.0/iris/logreg.json\n'
             'trained logreg on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/logreg.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/logreg.json\n'
             'evaluated models/1.2.0/iris/logreg.json: accuracy 0.9556\n'
             'python3 scripts/train.py --input data/split/v1/iris.train.csv --params config/params.json --model stump --output models/1.2.0/iris/stump.json\n'
             'trained stump on data/split/v1/iris.train.csv (104 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/iris/stump.json --input data/split/v1/iris.test.csv --output reports/1.2.0/iris/stump.json\n'
             'evaluated models/1.2.0/iris/stump.json: accuracy 0.6667\n'
             'python3 scripts/gate.py --dataset iris --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/iris/gate-dev.json reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json\n'
             'gate passed for iris in dev: logreg accuracy 0.9556 > 0.8000\n'
             'python3 scripts/package.py --selection reports/1.2.0/iris/gate-dev.json --model-dir models/1.2.0/iris \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/iris.zip\n'
             'packaged iris model logreg into dist/dev/1.2.0/iris.zip\n'
             'python3 scripts/synthesize.py --config config/data.json --name blobs --output data/raw/v1/blobs.csv\n'
             'generated blobs: 250 rows\n'
             'python3 scripts/profile_columns.py --input data/raw/v1/blobs.csv --output data/cache/v1/blobs.profile.json\n'
             'python3 scripts/clean.py --input data/raw/v1/blobs.csv --profile data/cache/v1/blobs.profile.json --output data/clean/v1/blobs.csv\n'
             'cleaned data/raw/v1/blobs.csv: kept 240 rows, dropped 10\n'
             'python3 scripts/features.py --input data/clean/v1/blobs.csv --output data/features/v1/blobs.csv\n'
             'python3 scripts/split.py --input data/features/v1/blobs.csv --config config/data.json \\\n'
             '    --train-output data/split/v1/blobs.train.csv --test-output data/split/v1/blobs.test.csv\n'
             'split data/features/v1/blobs.csv: 168 train, 72 test\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model centroid --output models/1.2.0/blobs/centroid.json\n'
             'trained centroid on data/split/v1/blobs.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/centroid.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/centroid.json\n'
             'evaluated models/1.2.0/blobs/centroid.json: accuracy 0.9861\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model logreg --output models/1.2.0/blobs/logreg.json\n'
             'trained logreg on data/split/v1/blobs.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/logreg.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/logreg.json\n'
             'evaluated models/1.2.0/blobs/logreg.json: accuracy 0.9861\n'
             'python3 scripts/train.py --input data/split/v1/blobs.train.csv --params config/params.json --model stump --output models/1.2.0/blobs/stump.json\n'
             'trained stump on data/split/v1/blobs.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/blobs/stump.json --input data/split/v1/blobs.test.csv --output reports/1.2.0/blobs/stump.json\n'
             'evaluated models/1.2.0/blobs/stump.json: accuracy 0.6528\n'
             'python3 scripts/gate.py --dataset blobs --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/blobs/gate-dev.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json\n'
             'gate passed for blobs in dev: centroid accuracy 0.9861 > 0.8000\n'
             'python3 scripts/package.py --selection reports/1.2.0/blobs/gate-dev.json --model-dir models/1.2.0/blobs \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/blobs.zip\n'
             'packaged blobs model centroid into dist/dev/1.2.0/blobs.zip\n'
             'python3 scripts/synthesize.py --config config/data.json --name overlap --output data/raw/v1/overlap.csv\n'
             'generated overlap: 250 rows\n'
             'python3 scripts/profile_columns.py --input data/raw/v1/overlap.csv --output data/cache/v1/overlap.profile.json\n'
             'python3 scripts/clean.py --input data/raw/v1/overlap.csv --profile data/cache/v1/overlap.profile.json --output data/clean/v1/overlap.csv\n'
             'cleaned data/raw/v1/overlap.csv: kept 240 rows, dropped 10\n'
             'python3 scripts/features.py --input data/clean/v1/overlap.csv --output data/features/v1/overlap.csv\n'
             'python3 scripts/split.py --input data/features/v1/overlap.csv --config config/data.json \\\n'
             '    --train-output data/split/v1/overlap.train.csv --test-output data/split/v1/overlap.test.csv\n'
             'split data/features/v1/overlap.csv: 168 train, 72 test\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model centroid --output models/1.2.0/overlap/centroid.json\n'
             'trained centroid on data/split/v1/overlap.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/centroid.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/centroid.json\n'
             'evaluated models/1.2.0/overlap/centroid.json: accuracy 0.9028\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model logreg --output models/1.2.0/overlap/logreg.json\n'
             'trained logreg on data/split/v1/overlap.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/logreg.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/logreg.json\n'
             'evaluated models/1.2.0/overlap/logreg.json: accuracy 0.9167\n'
             'python3 scripts/train.py --input data/split/v1/overlap.train.csv --params config/params.json --model stump --output models/1.2.0/overlap/stump.json\n'
             'trained stump on data/split/v1/overlap.train.csv (168 rows)\n'
             'python3 scripts/evaluate.py --model models/1.2.0/overlap/stump.json --input data/split/v1/overlap.test.csv --output reports/1.2.0/overlap/stump.json\n'
             'evaluated models/1.2.0/overlap/stump.json: accuracy 0.8611\n'
             'python3 scripts/gate.py --dataset overlap --env dev --metric accuracy \\\n'
             '    --threshold 0.80 --output reports/1.2.0/overlap/gate-dev.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n'
             'gate passed for overlap in dev: logreg accuracy 0.9167 > 0.8000\n'
             'python3 scripts/package.py --selection reports/1.2.0/overlap/gate-dev.json --model-dir models/1.2.0/overlap \\\n'
             '    --entry-point scripts/predict.py --module scripts/features.py --module scripts/model_lib.py --module scripts/common.py \\\n'
             '    --data-version v1 --model-version 1.2.0 --output dist/dev/1.2.0/overlap.zip\n'
             'packaged overlap model logreg into dist/dev/1.2.0/overlap.zip\n'
             'python3 dist/dev/1.2.0/iris.zip --input data/clean/v1/iris.csv --output reports/1.2.0/iris/smoke-dev.csv\n'
             'python3 dist/dev/1.2.0/blobs.zip --input data/clean/v1/blobs.csv --output reports/1.2.0/blobs/smoke-dev.csv\n'
             'python3 dist/dev/1.2.0/overlap.zip --input data/clean/v1/overlap.csv --output reports/1.2.0/overlap/smoke-dev.csv\n'
             'python3 scripts/summarize.py --title "Test metrics, model 1.2.0, data v1" \\\n'
             '    --output reports/1.2.0/summary.md reports/1.2.0/iris/centroid.json reports/1.2.0/iris/logreg.json reports/1.2.0/iris/stump.json reports/1.2.0/blobs/centroid.json reports/1.2.0/blobs/logreg.json reports/1.2.0/blobs/stump.json reports/1.2.0/overlap/centroid.json reports/1.2.0/overlap/logreg.json reports/1.2.0/overlap/stump.json\n'
             'rm data/cache/v1/blobs.profile.json data/cache/v1/overlap.profile.json\n',
             'accuracy on data/clean/v1/iris.csv: 146/149\n'
             'accuracy on data/clean/v1/blobs.csv: 233/240\n'
             'accuracy on data/clean/v1/overlap.csv: 211/240\n'),
    ],
    BUILT_FILES,
)

# A parallel build prints the serial build's lines in another order, so its
# expectation is the serial one, compared through structural_output().
RECORDED["parallel-build"] = (
    [
        Step(("-j8",), 0,
             RECORDED["serial-build"][0][0].stdout,
             RECORDED["serial-build"][0][0].stderr),
        Step(("-j8",), 0,
             "make: Nothing to be done for 'all'.\n",
             ""),
    ],
    BUILT_FILES,
)
