"""Compare `pymake -p` with GNU make's database dump for the same runs.

Each makefile in fixtures/makefiles/dump/*.mk is run twice, as
`-pRrq -f NAME.mk :` and as `-p -f NAME.mk GOAL`, in a scratch copy of
the fixture folder under `env -i PATH=/usr/bin:/bin`.  GNU make's output
for the same two runs is stored next to the fixture (NAME.rq.expected,
NAME.goal.expected), so the test needs no GNU make.  To record them
again, run `python tests/test_database.py --capture` on a machine with
GNU make at /usr/bin/make.

Header comments in a fixture set up its runs:
    # dump-args: WORD...    extra command-line words for both runs
    # dump-env: NAME=VALUE  an extra environment variable
    # dump-goal: NAME       the goal of the second run (default: all)

The comparison ignores what differs between runs and machines.  That is
the version header, dates and times, and statistics lines (hash-table
loads and the string cache).  It also drops the body of `# Directories`
(device and inode numbers), the PATH and LC_CTYPE variables and the
value of .INCLUDE_DIRS.  Entries that GNU make prints from hash tables
(variables, files, target-specific variables) are sorted.  Everything
else must match line for line.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIXTURES = os.path.join(ROOT, "fixtures", "makefiles", "dump")
GNU_MAKE = "/usr/bin/make"
BASE_PATH = "/usr/bin:/bin"
CURDIR_MARK = "/CURDIR"

PYMAKE = [sys.executable, "-m", "pymake"]
# The MAKE_COMMAND value pymake sets when started as `python -m pymake`.
PYMAKE_COMMAND = f"{sys.executable} -m pymake"

SECTION_TITLES = (
    "# Variables",
    "# Pattern-specific Variable Values",
    "# Directories",
    "# Implicit Rules",
    "# Files",
    "# VPATH Search Paths",
)

STATISTICS_PREFIXES = (
    "# variable set hash-table stats:",
    "# files hash-table stats:",
    "# hash-table stats:",
    "# Load=",
    "# strcache ",
    "# current buf:",
    "# other used:",
    "# other free:",
)

# GNU make 4.3 writes these lines differently from 4.4.1.  Each pair is
# (4.3 text, 4.4.1 text), applied to whole lines of a capture.
GNU_44_CORRECTIONS = [
    # MAKE_VERSION is the release number.
    ("MAKE_VERSION := 4.3", "MAKE_VERSION := 4.4.1"),
    # 4.4 added the notintermediate, shell-export and jobserver-fifo
    # features (src/main.c, the .FEATURES definition).
    (".FEATURES := target-specific order-only second-expansion else-if "
     "shortest-stem undefine oneshell nocomment grouped-target "
     "extra-prereqs archives jobserver output-sync check-symlink load",
     ".FEATURES := target-specific order-only second-expansion else-if "
     "shortest-stem undefine oneshell nocomment grouped-target "
     "extra-prereqs notintermediate shell-export archives jobserver "
     "jobserver-fifo output-sync check-symlink load"),
    # 4.4 changed two built-in variables (src/default.c).
    ("ARFLAGS = rv", "ARFLAGS = -rv"),
    ("PREPROCESS.S = $(CC) -E $(CPPFLAGS)",
     "PREPROCESS.S = $(CPP) $(CPPFLAGS)"),
]

# Pairs of lines that 4.4.1 writes differently from 4.3: ((4.3 first line,
# 4.3 second line prefix), (4.4.1 first line, 4.4.1 second line prefix)).
GNU_44_PAIR_CORRECTIONS = [
    # 4.4 defines MAKEOVERRIDES with origin "default" (src/main.c).
    (("# environment", "MAKEOVERRIDES = ${-*-command-variables-*-}"),
     ("# default", "MAKEOVERRIDES = ${-*-command-variables-*-}")),
    # 4.4 first defines .INCLUDE_DIRS as a simple variable and appends
    # each directory to it, so it stays simple (src/read.c).
    (("# default", ".INCLUDE_DIRS = "), ("# default", ".INCLUDE_DIRS := ")),
]


# --- fixtures and runs ------------------------------------------------

def fixture_names():
    return sorted(n[:-3] for n in os.listdir(FIXTURES) if n.endswith(".mk"))


def fixture_settings(name):
    """Return (extra args, extra environment, goal) from the header."""
    args, env, goal = [], {}, "all"
    with open(os.path.join(FIXTURES, name + ".mk")) as fh:
        for line in fh:
            m = re.match(r"#\s*dump-(args|env|goal):\s*(.*)", line)
            if m is None:
                continue
            key, value = m.group(1), m.group(2).strip()
            if key == "args":
                args.extend(value.split())
            elif key == "env":
                k, _, v = value.partition("=")
                env[k] = v
            else:
                goal = value
    return args, env, goal


def run_kinds(name):
    """Return {kind: argv tail} for the two runs of a fixture."""
    args, _env, goal = fixture_settings(name)
    return {
        "rq": ["-pRrq", "-f", name + ".mk", *args, ":"],
        "goal": ["-p", "-f", name + ".mk", *args, goal],
    }


def run_dump(program, name, kind, program_text):
    """Run one dump in a scratch copy of the fixtures; return stdout
    with the scratch path and the program's name made neutral."""
    _args, extra_env, _goal = fixture_settings(name)
    env = {"PATH": BASE_PATH, **extra_env}
    if program == PYMAKE:
        # `python -m pymake` must import this tree, not an installed copy.
        env["PYTHONPATH"] = ROOT
    with tempfile.TemporaryDirectory(prefix="pymake-dump-") as tmp:
        work = os.path.join(os.path.realpath(tmp), "work")
        shutil.copytree(FIXTURES, work,
                        ignore=shutil.ignore_patterns("*.expected"))
        proc = subprocess.run(program + run_kinds(name)[kind], cwd=work,
                              env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=60)
        text = proc.stdout.decode("utf-8", "replace")
        text = text.replace(work, CURDIR_MARK)
    return re.sub(r"^MAKE_COMMAND := .*$",
                  "MAKE_COMMAND := make", text, flags=re.M) \
        if program_text is None else text.replace(program_text, "make")


# --- normalizing ------------------------------------------------------

def split_sections(text):
    """Return {title: body lines} for the sections of a dump."""
    sections = {}
    current = None
    for line in text.split("\n"):
        if line.startswith("# Finished Make data base on"):
            break
        if line in SECTION_TITLES:
            current = line
            sections[current] = []
            continue
        if current is not None:
            sections[current].append(line)
    return sections


def drop_statistics(lines):
    return [ln for ln in lines if not ln.startswith(STATISTICS_PREFIXES)]


def blank_separated(lines):
    """Split lines into entries at blank lines; drop empty entries."""
    entries, current = [], []
    for line in lines:
        if line == "":
            if current:
                entries.append("\n".join(current))
            current = []
        else:
            current.append(line)
    if current:
        entries.append("\n".join(current))
    return entries


def variable_entries(lines):
    """Split the global variable list into entries: an origin comment
    and a definition, which may be a define block."""
    entries = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("# "):
            i += 1
            continue
        entry = [line]
        i += 1
        if i < len(lines):
            definition = lines[i]
            entry.append(definition)
            i += 1
            if definition.startswith("define "):
                while i < len(lines):
                    entry.append(lines[i])
                    i += 1
                    if entry[-1] == "endef":
                        break
        entries.append(entry)
    compared = []
    for entry in entries:
        head = entry[1] if len(entry) > 1 else ""
        # PATH comes from the machine.  Python itself adds LC_CTYPE when
        # it starts under the C locale (PEP 538 locale coercion).
        # PYTHONPATH is set only for pymake's runs (see run_dump).
        if head.startswith(("PATH =", "LC_CTYPE =", "PYTHONPATH =")):
            continue
        if head.startswith(".INCLUDE_DIRS "):
            entry = [entry[0], head.split("=")[0] + "= DIRS"]
        compared.append("\n".join(entry))
    return sorted(compared)


def sort_target_variables(entry):
    """Sort the target-specific variables at the head of a file entry,
    which GNU make prints from a hash table."""
    lines = entry.split("\n")
    pairs = []
    i = 0
    while i + 1 < len(lines) and lines[i].startswith("# ") and \
            lines[i] != "# Not a target:":
        pair = [lines[i], lines[i + 1]]
        i += 2
        if ": define " in pair[1]:
            while i < len(lines):
                pair.append(lines[i])
                i += 1
                if pair[-1] == "endef":
                    break
        pairs.append("\n".join(pair))
    return "\n".join(sorted(pairs) + lines[i:])


def normalize(text):
    """Return {section: normalized text} for comparing two dumps."""
    text = re.sub(r"^#  Last modified .*$", "#  Last modified TIME", text,
                  flags=re.M)
    sections = split_sections(text)
    result = {}
    for title in SECTION_TITLES:
        lines = drop_statistics(sections.get(title, []))
        if title == "# Variables":
            body = variable_entries(lines)
        elif title == "# Directories":
            body = []
        elif title == "# Files":
            body = sorted(sort_target_variables(entry)
                          for entry in blank_separated(lines))
        elif title == "# Pattern-specific Variable Values":
            body = sorted(blank_separated(lines))
        else:
            body = blank_separated(lines)
        result[title] = "\n\n".join(body)
    return result


def secondary_names(name):
    """Return the names that the fixture lists after `.SECONDARY:`."""
    with open(os.path.join(FIXTURES, name + ".mk")) as fh:
        text = fh.read()
    names = set()
    for m in re.finditer(r"^\.SECONDARY:(.*)$", text, flags=re.M):
        names.update(m.group(1).split())
    return names


def apply_gnu_44_corrections(text, secondary):
    """Rewrite a GNU make 4.3 dump as 4.4.1 prints it."""
    fixes = dict(GNU_44_CORRECTIONS)
    out = []
    current = None
    for line in text.split("\n"):
        line = fixes.get(line, line)
        for (old_head, old_prefix), (new_head, new_prefix) in \
                GNU_44_PAIR_CORRECTIONS:
            if out and out[-1] == old_head and line.startswith(old_prefix):
                out[-1] = new_head
                line = new_prefix + line[len(old_prefix):]
        out.append(line)
        if line and not line.startswith("#") and ":" in line:
            current = line.split(":")[0]
        # 4.4 added this line to print_file (src/file.c); 4.3 marks the
        # prerequisites of .SECONDARY intermediate and secondary too but
        # prints only the first.
        if line == "#  File is an intermediate prerequisite." and \
                current in secondary:
            out.append("#  File is secondary (prerequisite of .SECONDARY).")
    return "\n".join(out)


def expected_path(name, kind):
    return os.path.join(FIXTURES, f"{name}.{kind}.expected")


# --- tests ------------------------------------------------------------

def _section_cases():
    out = []
    for n in fixture_names():
        for k in ("rq", "goal"):
            for title in SECTION_TITLES:
                out.append(pytest.param(
                    n, k, title,
                    id=f"{n}-{k}-{title.strip('# ').replace(' ', '_')}"))
    return out


@pytest.mark.parametrize("name,kind,title", _section_cases())
def test_dump_section_matches_gnu(name, kind, title):
    with open(expected_path(name, kind)) as fh:
        expected = normalize(fh.read())
    actual = normalize(run_dump(PYMAKE, name, kind, PYMAKE_COMMAND))
    assert actual[title] == expected[title]


def test_normalize_sorts_file_entries():
    a = "# Files\n\nb:\n#  x\n\na:\n#  y\n\n# VPATH Search Paths\n"
    b = "# Files\n\na:\n#  y\n\nb:\n#  x\n\n# VPATH Search Paths\n"
    assert normalize(a) == normalize(b)


def test_normalize_keeps_entry_text():
    a = "# Files\n\na: b\n\n# VPATH Search Paths\n"
    b = "# Files\n\na: c\n\n# VPATH Search Paths\n"
    assert normalize(a) != normalize(b)


def test_variable_entries_keep_define_blocks():
    lines = ["# makefile", "define X", "a", "# b", "endef", "# default",
             "Y := 1"]
    assert variable_entries(lines) == ["# default\nY := 1",
                                       "# makefile\ndefine X\na\n# b\nendef"]


# --- recording GNU make's output -------------------------------------

def capture():
    """Record GNU make's dumps for every fixture, as 4.4.1 would print
    them (see GNU_44_CORRECTIONS)."""
    for name in fixture_names():
        for kind in ("rq", "goal"):
            text = run_dump([GNU_MAKE], name, kind, None)
            text = apply_gnu_44_corrections(text, secondary_names(name))
            with open(expected_path(name, kind), "w") as fh:
                fh.write(text)
            print("wrote", expected_path(name, kind))


if __name__ == "__main__":
    if sys.argv[1:] == ["--capture"]:
        capture()
    else:
        sys.exit("usage: python tests/test_database.py --capture")
