"""Remaking included makefiles at -jN, and failures of optional ones.

GNU make 4.4.1 updates all makefiles in one parallel pass, and a failure
while remaking an ``-include``d makefile (or a prerequisite of one) prints
no error and stops nothing.
"""

from __future__ import annotations

import os

import pytest

from mkrun import run_make

pytestmark = pytest.mark.skipif(os.name == "nt", reason="recipes use a POSIX shell")

# Each recipe waits up to 10 s for a file that only the other one creates,
# so the build succeeds only when both run at once.
WAIT_FOR = "i=0; while [ ! -e $(1) ] && [ $$i -lt 200 ]; do sleep 0.05; i=$$((i+1)); done; test -e $(1)"

INCLUDES_IN_PARALLEL = f"""\
wait_for = {WAIT_FOR}
all: ; @echo $(ONE) $(TWO)
-include 1.inc 2.inc
1.inc: ; @touch ONE.started; $(call wait_for,TWO.started); echo 'ONE = one' > $@
2.inc: ; @touch TWO.started; $(call wait_for,ONE.started); echo 'TWO = two' > $@
"""


def test_included_makefiles_built_in_parallel(tmp_path):
    result = run_make(tmp_path, INCLUDES_IN_PARALLEL, args=["-j2"])
    assert result.stderr == ""
    assert result.stdout == "one two\n"
    assert result.status == 0


OPTIONAL_MAKEFILE_FAILS = """\
.PHONY: all
all: ; @echo done
-include foo.d
foo.d: comp ; @echo $@
comp: mod_a.o mod_b.o ; @:
mod_a.o mod_b.o: ; @echo fail; exit 1
"""


@pytest.mark.parametrize("jobs", ["-j1", "-j2"])
def test_optional_makefile_failure_silent(tmp_path, jobs):
    result = run_make(tmp_path, OPTIONAL_MAKEFILE_FAILS, args=[jobs])
    assert result.stderr == ""
    expected_failures = 2 if jobs == "-j2" else 1
    assert result.stdout == "fail\n" * expected_failures + "done\n"
    assert result.status == 0


def test_required_makefile_failure_reported(tmp_path):
    makefile = OPTIONAL_MAKEFILE_FAILS.replace("-include", "include")
    result = run_make(tmp_path, makefile, args=["-j2"])
    assert "pymake: *** [Makefile:6: mod_a.o] Error 1\n" in result.stderr
    assert result.status == 2
