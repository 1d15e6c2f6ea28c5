"""Run real consumers of the `-p` database against pymake.

Three tools read the dump to list a makefile's targets:
- bash-completion's `_make` function (Debian package bash-completion),
  which runs `CMD -npq __BASH_MAKE_COMPLETION__=1 -f FILE -C . .DEFAULT`
  and extracts targets with sed;
- the usual awk one-liner over `make -pRrq -f FILE :` (AWK_TARGETS);
- a `help` target (fixtures/makefiles/dump/help.mk) that runs that
  one-liner through $(MAKE).
Each must list the same targets under pymake as under GNU make.  GNU
make's lists are stored as fixtures/makefiles/dump/NAME.TOOL.expected.  To
record them again, run `python tests/test_dump_consumers.py --capture`
with GNU make at /usr/bin/make.
"""

import os
import shutil
import subprocess
import sys
import tempfile

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from test_database import FIXTURES, fixture_names  # noqa: E402

BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"
MAKE_COMPLETION = "/usr/share/bash-completion/completions/make"
GNU_MAKE = "/usr/bin/make"

# The range matches the section titles anywhere in a paragraph: the
# `# Files` title shares its paragraph with the implicit-rule count
# whenever the makefile has pattern rules, so anchoring it with `^` alone
# lists nothing, under GNU make too.
AWK_TARGETS = ("awk -v RS= -F: '/(^|\\n)# Files(\\n|$)/,"
               "/(^|\\n)# Finished Make data base/ "
               "{if ($1 !~ \"^[#.]\") {print $1}}' | sort")

# Calls the completion function as bash does for `CMD -f FILE <TAB>`
# (COMP_TYPE 9 is a normal completion request) and prints the list.
COMPLETE_SCRIPT = """
source {bash_completion}
source {make_completion}
COMP_WORDS=("$CMD" -f "$FILE" "")
COMP_CWORD=3
COMP_LINE="$CMD -f $FILE "
COMP_POINT=${{#COMP_LINE}}
COMP_TYPE=9
_make "$CMD" "" "$FILE"
printf '%s\\n' "${{COMPREPLY[@]}}" | sort
"""


def make_wrapper(bindir, name, argv):
    """Write an executable `name` in bindir that runs argv."""
    path = os.path.join(bindir, name)
    with open(path, "w") as fh:
        fh.write("#!/bin/sh\nexec " + " ".join(argv) + ' "$@"\n')
    os.chmod(path, 0o755)
    return path


def run_tool(tool, name, command):
    """Run one consumer in a scratch copy of the fixtures; `command` is
    the make program's argv.  Returns the target list it printed."""
    with tempfile.TemporaryDirectory(prefix="pymake-consumer-") as tmp:
        work = os.path.join(tmp, "work")
        bindir = os.path.join(tmp, "bin")
        os.mkdir(bindir)
        shutil.copytree(FIXTURES, work,
                        ignore=shutil.ignore_patterns("*.expected"))
        # The completion script runs its command word, so the program
        # must be callable by a plain name.
        make_wrapper(bindir, "mk", command)
        env = {"PATH": f"{bindir}:/usr/bin:/bin", "CMD": "mk",
               "FILE": name + ".mk"}
        if tool == "completion":
            argv = ["bash", "-c", COMPLETE_SCRIPT.format(
                bash_completion=BASH_COMPLETION,
                make_completion=MAKE_COMPLETION)]
        elif tool == "awk":
            argv = ["sh", "-c",
                    f"mk -pRrq -f {name}.mk : 2>/dev/null | {AWK_TARGETS}"]
        else:
            argv = ["mk", "-s", "-f", f"{name}.mk", "help"]
        proc = subprocess.run(argv, cwd=work, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=120)
    return proc.stdout.decode("utf-8", "replace")


def cases():
    result = []
    for name in fixture_names():
        result.append((name, "completion"))
        result.append((name, "awk"))
    result.append(("help", "help"))
    return result


# bash-completion's script keeps only the entries that come before the
# first pattern-rule-like line in the Files section, so its output
# depends on the order of that section, which is GNU make's hash-table
# order (pymake/gnuhash.py).
def case_params():
    return [pytest.param(name, tool, id=f"{name}-{tool}")
            for name, tool in cases()]


def expected_path(name, tool):
    return os.path.join(FIXTURES, f"{name}.{tool}.expected")


# `python -m pymake` must import this tree, not an installed copy.
PYMAKE_COMMAND = ["env", f"PYTHONPATH={os.path.dirname(HERE)}",
                  sys.executable, "-m", "pymake"]


@pytest.mark.parametrize("name,tool", case_params())
def test_consumer_lists_gnu_targets(name, tool):
    if tool == "completion" and not os.path.exists(MAKE_COMPLETION):
        pytest.skip("bash-completion is not installed")
    with open(expected_path(name, tool)) as fh:
        expected = fh.read()
    assert expected.strip(), "the recorded GNU make answer is empty"
    actual = run_tool(tool, name, PYMAKE_COMMAND)
    assert actual.split("\n") == expected.split("\n")


def capture():
    for name, tool in cases():
        text = run_tool(tool, name, [GNU_MAKE])
        with open(expected_path(name, tool), "w") as fh:
            fh.write(text)
        print("wrote", expected_path(name, tool))


if __name__ == "__main__":
    if sys.argv[1:] == ["--capture"]:
        capture()
    else:
        sys.exit("usage: python tests/test_dump_consumers.py --capture")
