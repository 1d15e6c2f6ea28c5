"""Fuzz tests: pymake must reject bad makefiles cleanly, never crash.

GNU make reports bad input as ``Makefile:7: *** missing separator.  Stop.``
and exits with status 2.  These tests feed pymake random makefiles built
from fragments of real makefile syntax, cut at random points and mixed with
random bytes, and check that every run ends with exit status 0, 1 or 2 and
no Python traceback.

Recipes never run for real: every run passes ``-n`` and the command-line
variable ``SHELL=<path of true>``, which a makefile cannot override without
``override``, and the generator never writes the word ``SHELL``.  So the
lines that still run under ``-n`` (makefile remaking, ``+`` lines,
``$(MAKE)`` lines), ``$(shell)`` and ``!=`` all run ``true``.  The only
writes are ``$(file >...)`` to names inside the scratch directory.

A crash is reported with the makefile minimised by dropping lines and
characters while the same crash still occurs.  Crashes already reported
are listed in KNOWN_CRASHES: the fuzz tests skip them, and each has a
strict xfail test, so a fixed crash shows up as XPASS and a new crash
fails the fuzz test.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path

import pytest

from pymake import cli

SEED = 4401
# 10,000 in-process cases took 57 s under pytest on a shared 2-core
# machine with Python 3.11. About 26 s of that was CPU time, and the rest
# was spent waiting for the `true` processes of remaking and $(shell).
IN_PROCESS_CASES = 10_000
SUBPROCESS_CASES = 50
# A case that runs longer than this is reported as a hang.
CASE_TIMEOUT_SECONDS = 10
MAKEFILE_NAME = "fuzz.mk"
TRUE_PATH = shutil.which("true") or "/bin/true"
ARGUMENTS = ["-n", "-f", MAKEFILE_NAME, f"SHELL={TRUE_PATH}"]
REPOSITORY_ROOT = Path(__file__).resolve().parent.parent

# Variables that would carry the state of an enclosing make into the runs.
INHERITED_MAKE_VARIABLES = ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "GNUMAKEFLAGS",
                            "MAKEFILES", "MAKE_RESTARTS", "MAKEOVERRIDES")

# --- makefile generator -------------------------------------------------

VARIABLE_NAMES = ["A", "B", "X", "objs", "CFLAGS", "V", "empty", "A B", "",
                  "$(A)", "%", "@", "<", "*", ".DEFAULT_GOAL", ".RECIPEPREFIX",
                  "MAKEFLAGS", ".VARIABLES", "VPATH", ".EXTRA_PREREQS",
                  "MAKEFILE_LIST", ".SECONDEXPANSION", "GNUMAKEFLAGS"]
ASSIGNMENT_OPERATORS = ["=", ":=", "::=", ":::=", "?=", "+=", "!="]
TARGET_NAMES = ["all", "a.o", "b.o", "%.o", "%", "x%y", MAKEFILE_NAME,
                "inc.mk", "missing.mk", "lib.a(a.o b.o)", "lib.a(", "$(A)",
                "$$@", "${objs}", ".PHONY", ".SUFFIXES", ".c.o", ".c",
                ".DEFAULT", ".WAIT", ".SECONDEXPANSION", ".PRECIOUS",
                ".INTERMEDIATE", ".SECONDARY", ".NOTINTERMEDIATE", ".IGNORE",
                ".SILENT", ".ONESHELL", ".POSIX", ".NOTPARALLEL",
                ".EXPORT_ALL_VARIABLES", ".DELETE_ON_ERROR",
                ".LOW_RESOLUTION_TIME", "~/x", "*.c", "src/*.c", "a:b",
                "a\\ b", "a\\:b", "-", ""]
PREREQUISITE_NAMES = TARGET_NAMES + ["%.c", "$$*.c", "$$(A)", "$$<", "|",
                                     ".WAIT", "src/a.c"]
RULE_SEPARATORS = [":", "::", "&:", "&::", ":|", ": |", "|"]
RECIPE_PREFIXES = ["", "@", "-", "+", "@-+", " @"]
FUNCTION_NAMES = ["subst", "patsubst", "strip", "findstring", "filter",
                  "filter-out", "sort", "word", "wordlist", "words",
                  "firstword", "lastword", "dir", "notdir", "suffix",
                  "basename", "addsuffix", "addprefix", "join", "wildcard",
                  "realpath", "abspath", "error", "warning", "info", "shell",
                  "origin", "flavor", "foreach", "if", "or", "and", "intcmp",
                  "call", "eval", "value", "let", "guile", "nosuch"]
INCLUDE_NAMES = ["inc.mk", "missing.mk", "*.mk", "src/*.c", "$(A)",
                 "$(MAKEFILE_LIST)", "inc.mk inc.mk", "lib.a(a.o)", ""]
# Characters that mean something to make, for runs of random text.
SYNTAX_CHARACTERS = "$(){}:;=|&%\t\n \\#,'\"@-+?!*<>^.~/`\r\x00aAbBxX%1\x0c"


class MakefileGenerator:
    """Random makefiles from fragments of makefile syntax.

    `noise` (0 to 1) scales how often a fragment is cut short, a word is
    replaced by random characters, random bytes are inserted, or lines are
    joined by something other than a newline.  Low noise lets a makefile
    get past its first lines, so that later stages (rules, expansion,
    updating the goals) see input too."""

    def __init__(self, rng: random.Random, noise: float):
        self.rng = rng
        self.noise = noise

    def chance(self, weight: float = 1.0) -> bool:
        return self.rng.random() < self.noise * weight

    def pick(self, valid: list, invalid: list):
        """Choose from `valid`, or with probability `noise` from both."""
        if self.chance():
            return self.rng.choice(valid + invalid)
        return self.rng.choice(valid)

    def random_bytes(self) -> bytes:
        rng = self.rng
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 12)))

    def random_syntax(self) -> str:
        rng = self.rng
        return "".join(rng.choice(SYNTAX_CHARACTERS)
                       for _ in range(rng.randrange(1, 16)))

    def word(self, names: list[str]) -> str:
        if self.chance(0.5):
            return self.random_syntax()
        return self.rng.choice(names)

    def reference(self, depth: int) -> str:
        """Return a variable reference or function call, possibly nested."""
        rng = self.rng
        kind = rng.randrange(9)
        name = self.word(VARIABLE_NAMES)
        if kind == 0:
            return "$" + rng.choice("AX@<^+*?%|$")
        if kind == 1:
            return "${" + name + "}"
        if kind == 2:
            substitution = rng.choice([".c=.o", "%.c=%.o", "=", "%=", "a=%"])
            return f"$({name}:{substitution})"
        if kind == 3 and depth > 0:
            return f"$({self.reference(depth - 1)})"
        if kind == 4:
            return f"$(file >>fz-out.txt,{self.text(depth - 1)})"
        if kind == 5:
            source = rng.choice(["inc.mk", "missing.mk", ""])
            return f"$(file <{source})"
        if kind >= 6 and depth > 0:
            function = rng.choice(FUNCTION_NAMES)
            arguments = [self.text(depth - 1) for _ in range(rng.randrange(5))]
            separator = rng.choice([" ", " ", "\t", ""])
            return f"$({function}{separator}{','.join(arguments)})"
        return f"$({name})"

    def text(self, depth: int = 2) -> str:
        """Return a value: words, references and bits of syntax."""
        rng = self.rng
        parts = []
        for _ in range(rng.randrange(4)):
            if self.chance(0.5):
                parts.append(self.random_syntax())
            elif rng.random() < 0.5:
                parts.append(self.reference(depth))
            else:
                parts.append(rng.choice(["a", "b.c", "x y", "%", "%.o", "1",
                                         "-1", "a.o b.o", " ", "$$", "\\",
                                         "#c", ","]))
        return "".join(parts)

    def assignment(self) -> str:
        rng = self.rng
        modifier = rng.choice(["", "", "", "override ", "export ", "private ",
                               "unexport ", "override export "])
        name = self.word(VARIABLE_NAMES)
        operator = rng.choice(ASSIGNMENT_OPERATORS)
        spacing = rng.choice(["", " "])
        return f"{modifier}{name}{spacing}{operator}{spacing}{self.text()}"

    def rule(self) -> str:
        rng = self.rng
        targets = " ".join(self.word(TARGET_NAMES)
                           for _ in range(rng.randrange(1, 3)))
        separator = self.pick(RULE_SEPARATORS[:-1], RULE_SEPARATORS[-1:])
        prerequisites = " ".join(self.word(PREREQUISITE_NAMES)
                                 for _ in range(rng.randrange(3)))
        line = f"{targets}{separator} {prerequisites}"
        roll = rng.random()
        if roll < 0.2 and self.chance(2):
            line += f": {rng.choice(['%.c', '%', 'x%y', '$$*.c', ''])}"
        elif roll < 0.35:
            line += f" {self.assignment()}"
        elif roll < 0.5:
            line += f"; {self.text()}"
        lines = [line]
        for _ in range(rng.randrange(3)):
            lines.append(self.recipe_line())
        return "\n".join(lines)

    def recipe_line(self) -> str:
        rng = self.rng
        lead = self.pick(["\t", "\t\t", "\t#"], [">", " \t"])
        return f"{lead}{rng.choice(RECIPE_PREFIXES)}echo {self.text()}"

    def define_block(self) -> str:
        rng = self.rng
        modifier = rng.choice(["", "override ", "export ", "private "])
        operator = self.pick(["", " =", " :=", " ::=", " +=", " ?=", " !="],
                             [" junk"])
        name = self.word(VARIABLE_NAMES)
        lines = [f"{modifier}define {name}{operator}"]
        for _ in range(rng.randrange(3)):
            lines.append(self.pick([self.text(), self.recipe_line(), "ifeq"],
                                   ["define X", "endef", "  endef"]))
        lines.append(self.pick(["endef", "endef # c", "\tendef"],
                               ["endef junk", ""]))
        return "\n".join(lines)

    def conditional(self) -> str:
        rng = self.rng
        left, right = self.text(1), self.text(1)
        openers = [f"ifeq ({left},{right})", f"ifneq ({left},{right})",
                   f'ifeq "{left}" "{right}"', f"ifeq '{left}' \"{right}\"",
                   f"ifdef {self.word(VARIABLE_NAMES)}",
                   f"ifndef {self.word(VARIABLE_NAMES)}", "ifeq", "ifeq (",
                   f"ifeq({left},{right})", f"ifdef {left} {right}"]
        broken_openers = openers[6:]
        openers = openers[:6]
        lines = [self.pick(openers, broken_openers)]
        for _ in range(rng.randrange(3)):
            lines.append(self.pick([self.assignment(), self.rule()],
                                   ["else", "else " + rng.choice(openers),
                                    "else junk", "endif", "endif junk"]))
        lines.append(self.pick(["endif", "else\nendif",
                                "else " + rng.choice(openers) + "\nendif"],
                               ["", "endif junk"]))
        return "\n".join(lines)

    def directive(self) -> str:
        rng = self.rng
        include = rng.choice(["include", "-include", "sinclude"])
        pattern = rng.choice(["%.c", "%", "", "x"])
        directories = rng.choice(["src", "src:.", ""])
        valid = [
            f"{include} {rng.choice(INCLUDE_NAMES)}",
            f"export {self.text(1)}", "export", "unexport",
            f"unexport {self.text(1)}", f"vpath {pattern} {directories}",
            "vpath", f"VPATH = {rng.choice(['src', '', ':'])}",
            f"undefine {self.word(VARIABLE_NAMES)}",
            f"override undefine {self.word(VARIABLE_NAMES)}",
            f"$(eval {self.text()})", f"-load {self.text(1)}",
            f".RECIPEPREFIX = {rng.choice(['>', '', 'ab', ' '])}",
            f".DEFAULT_GOAL := {rng.choice(['all', 'a b', ''])}",
            "# comment \\",
        ]
        invalid = [self.text(), f"load {self.text(1)}", "endef", "else",
                   "endif", "\t" + self.text(), "private", "override"]
        return self.pick(valid, invalid)

    def truncate(self, fragment: str) -> str:
        """Cut a fragment at a random point, with probability `noise`.

        A ``$(file >>fz-out.txt`` call is never cut inside its file name,
        so whatever follows cannot turn it into a path outside the scratch
        directory."""
        if not fragment or not self.chance():
            return fragment
        cut = self.rng.randrange(len(fragment) + 1)
        protected = fragment.rfind("$(file >>", 0, cut)
        if protected >= 0:
            cut = max(cut, protected + len("$(file >>fz-out.txt"))
        return fragment[:cut]

    def makefile(self) -> bytes:
        """Return the text of a random makefile, as bytes."""
        rng = self.rng
        kinds = (self.assignment, self.rule, self.define_block,
                 self.conditional, self.directive)
        pieces = []
        if not self.chance(2):
            # A first goal, so that more runs go on to update goals.
            pieces.append(b"all: a.o b.o\n")
        for _ in range(rng.randrange(1, 12)):
            if self.chance(0.25):
                piece = self.random_bytes()
            elif self.chance(0.25):
                piece = self.random_syntax().encode()
            else:
                fragment = self.truncate(rng.choice(kinds)())
                piece = fragment.encode("utf-8", "surrogateescape")
            pieces.append(piece)
            if self.chance():
                pieces.append(rng.choice([b"\r\n", b"\\\n", b" \\\n", b"",
                                          b"\x00", b"\xff", b"\\"]))
            else:
                pieces.append(b"\n")
        data = b"".join(pieces)
        # A makefile that assigns SHELL could make recipes run for real.
        return data.replace(b"SHELL", b"SHELX")


def case_makefile(seed: int, index: int) -> bytes:
    """Return makefile number `index` of the series that `seed` selects.

    Every case has its own generator, so any case can be made again
    alone.  Noise levels cycle so that a third of the cases is nearly
    valid."""
    rng = random.Random(f"{seed}-{index}")
    noise = (0.05, 0.2, 0.5)[index % 3]
    return MakefileGenerator(rng, noise).makefile()


# --- running pymake in-process ------------------------------------------

@dataclasses.dataclass
class Outcome:
    """The result of one run. `crash` is empty when the run was clean."""

    status: object
    stdout: str
    stderr: str
    crash: str = ""
    signature: tuple = ()


class CaseTimeout(BaseException):
    """Raised by SIGALRM when one case runs too long."""


def _raise_timeout(signum, frame):
    raise CaseTimeout()


def crash_signature(exception: BaseException) -> tuple:
    """Return (exception type, file, function) of the innermost pymake frame.

    Minimising keeps a smaller makefile only when it has the same signature,
    so that it still shows the same crash."""
    if isinstance(exception, RecursionError):
        # The innermost frame of a too-deep recursion is arbitrary.
        return ("RecursionError", "", "")
    frames = traceback.extract_tb(exception.__traceback__)
    for frame in reversed(frames):
        path = Path(frame.filename)
        if path.parent.name == "pymake":
            return (type(exception).__name__, path.name, frame.name)
    return (type(exception).__name__, "", "")


def prepare_directory(directory: Path) -> None:
    """Create the files that the generated makefiles include or search."""
    (directory / "inc.mk").write_text("INC = from inc.mk\ninc-target: ; @:\n")
    (directory / "src").mkdir(exist_ok=True)
    (directory / "src" / "a.c").write_text("")


def clean_directory(directory: Path) -> None:
    """Remove what a previous case wrote, so each case starts alike."""
    for entry in directory.iterdir():
        if entry.name in ("inc.mk", "src", MAKEFILE_NAME):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def run_in_process(directory: Path, makefile: bytes) -> Outcome:
    """Run ``pymake -n`` on `makefile` in this process, inside `directory`.

    The caller has made `directory` the working directory."""
    clean_directory(directory)
    (directory / MAKEFILE_NAME).write_bytes(makefile)
    stdout, stderr = io.StringIO(), io.StringIO()
    use_alarm = hasattr(signal, "setitimer")
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _raise_timeout)
        signal.setitimer(signal.ITIMER_REAL, CASE_TIMEOUT_SECONDS)
    try:
        with contextlib.redirect_stdout(stdout), \
                contextlib.redirect_stderr(stderr):
            status = cli.main(["pymake"] + ARGUMENTS)
    except SystemExit as exit_request:
        status = exit_request.code
    except CaseTimeout:
        return Outcome(None, stdout.getvalue(), stderr.getvalue(),
                       f"no exit after {CASE_TIMEOUT_SECONDS} s",
                       ("timeout", "", ""))
    except Exception as exception:  # noqa: BLE001 - any exception is a crash
        return Outcome(None, stdout.getvalue(), stderr.getvalue(),
                       traceback.format_exc(), crash_signature(exception))
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    outcome = Outcome(status, stdout.getvalue(), stderr.getvalue())
    if "Traceback" in outcome.stderr:
        outcome.crash = outcome.stderr
        outcome.signature = ("traceback on stderr", "", "")
    elif status not in (0, 1, 2):
        outcome.crash = f"exit status {status!r}"
        outcome.signature = ("exit status", repr(status), "")
    return outcome


def minimise(directory: Path, makefile: bytes, signature: tuple) -> bytes:
    """Return a smaller makefile that crashes with the same signature.

    Drops lines first, then runs of characters, halving the run length
    when nothing more can be dropped."""

    def still_crashes(candidate: bytes) -> bool:
        return run_in_process(directory, candidate).signature == signature

    lines = makefile.split(b"\n")
    changed = True
    while changed:
        changed = False
        for i in range(len(lines) - 1, -1, -1):
            candidate = lines[:i] + lines[i + 1:]
            if still_crashes(b"\n".join(candidate)):
                lines = candidate
                changed = True
    data = b"\n".join(lines)
    chunk = max(1, len(data) // 2)
    while chunk >= 1:
        start = 0
        while start < len(data):
            candidate = data[:start] + data[start + chunk:]
            if still_crashes(candidate):
                data = candidate
            else:
                start += chunk
        chunk //= 2
    return data


def describe_crash(label: str, makefile: bytes, minimal: bytes,
                   outcome: Outcome) -> str:
    return (f"{label}: {outcome.signature}\n"
            f"minimal makefile: {minimal!r}\n"
            f"original makefile: {makefile!r}\n{outcome.crash}")


# Crashes found by these tests and not fixed yet, by signature, with the
# minimal makefile and a reason for the xfail test.
KNOWN_CRASHES: dict[tuple, tuple[bytes, str]] = {}


@pytest.fixture
def fuzz_directory(tmp_path, monkeypatch):
    for name in INHERITED_MAKE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    prepare_directory(tmp_path)
    return tmp_path


def test_fuzz_in_process(fuzz_directory):
    new_crashes = {}
    known_seen = {}
    started = time.perf_counter()
    for index in range(IN_PROCESS_CASES):
        makefile = case_makefile(SEED, index)
        outcome = run_in_process(fuzz_directory, makefile)
        if not outcome.crash:
            continue
        if outcome.signature in KNOWN_CRASHES:
            known_seen[outcome.signature] = known_seen.get(outcome.signature,
                                                           0) + 1
            continue
        if outcome.signature not in new_crashes:
            new_crashes[outcome.signature] = (index, makefile, outcome)
    elapsed = time.perf_counter() - started
    print(f"{IN_PROCESS_CASES} cases in {elapsed:.1f} s, "
          f"known crashes seen: {known_seen}")
    reports = []
    for signature, (index, makefile, outcome) in new_crashes.items():
        if signature[0] == "timeout":
            minimal = makefile
        else:
            minimal = minimise(fuzz_directory, makefile, signature)
        reports.append(describe_crash(f"case {index}", makefile, minimal,
                                      outcome))
    assert not reports, "\n\n".join(reports)


def subprocess_signature(stderr: str) -> tuple:
    """Return the crash signature of a traceback printed by a child run."""
    frames = re.findall(r'File "([^"]*)", line \d+, in (\S+)', stderr)
    lines = [line for line in stderr.splitlines() if line.strip()]
    exception_line = lines[-1] if lines else ""
    exception_type = exception_line.split(":", 1)[0].rsplit(".", 1)[-1]
    if exception_type == "RecursionError":
        return ("RecursionError", "", "")
    for filename, function in reversed(frames):
        path = Path(filename)
        if path.parent.name == "pymake":
            return (exception_type, path.name, function)
    return (exception_type, "", "")


def child_environment() -> dict:
    env = {name: value for name, value in os.environ.items()
           if name not in INHERITED_MAKE_VARIABLES}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPOSITORY_ROOT)] + [p for p in [env.get("PYTHONPATH")] if p])
    return env


def test_fuzz_subprocess(tmp_path):
    prepare_directory(tmp_path)
    env = child_environment()
    reports = []
    for index in range(SUBPROCESS_CASES):
        makefile = case_makefile(SEED + 1, index)
        clean_directory(tmp_path)
        (tmp_path / MAKEFILE_NAME).write_bytes(makefile)
        try:
            result = subprocess.run(
                [sys.executable, "-m", "pymake"] + ARGUMENTS, cwd=tmp_path,
                env=env, stdin=subprocess.DEVNULL, capture_output=True,
                timeout=CASE_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            reports.append(f"case {index}: no exit after "
                           f"{CASE_TIMEOUT_SECONDS} s\n{makefile!r}")
            continue
        stderr = result.stderr.decode("utf-8", "replace")
        if "Traceback" in stderr:
            if subprocess_signature(stderr) in KNOWN_CRASHES:
                continue
            reports.append(f"case {index}: traceback\n{makefile!r}\n{stderr}")
        elif result.returncode not in (0, 1, 2):
            reports.append(f"case {index}: exit status {result.returncode}\n"
                           f"{makefile!r}\n{stderr}")
    assert not reports, "\n\n".join(reports)


@pytest.mark.parametrize(
    "makefile",
    [pytest.param(makefile, id="-".join(signature),
                  marks=pytest.mark.xfail(strict=True, reason=reason))
     for signature, (makefile, reason) in KNOWN_CRASHES.items()])
def test_known_crash(fuzz_directory, makefile):
    outcome = run_in_process(fuzz_directory, makefile)
    assert not outcome.crash, outcome.crash
