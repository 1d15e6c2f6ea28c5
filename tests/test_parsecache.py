"""The parse cache on disk: same results with and without it, never stale,
never trusting a file that another user could have written.

Each test points XDG_CACHE_HOME at its own directory.  Makefiles get
comment lines appended so that they reach parsecache.MIN_LINES, because
smaller files are read without the cache.
"""

from __future__ import annotations

import marshal
import os
import stat
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from mkrun import (REPOSITORY_ROOT, TIMEOUT_SECONDS, clean_environment,
                   is_other_make, make_command, run_make)

from pymake import parsecache



def make_is_pymake() -> bool:
    """True when the make under test is pymake (PYMAKE_CMD may name it)."""
    if not is_other_make():
        return True
    completed = subprocess.run(make_command() + ["--version"],
                               capture_output=True, text=True,
                               env=clean_environment(None),
                               timeout=TIMEOUT_SECONDS)
    return "pymake" in completed.stdout


pytestmark = pytest.mark.skipif(not make_is_pymake(),
                                reason="the parse cache is pymake's own")

PADDING = "".join(f"# padding line {index}\n"
                  for index in range(parsecache.MIN_LINES))

# Makefiles whose reading depends on state that changes while reading.
TRICKY_MAKEFILES = {
    "conditionals": r"""
MODE ?= fast
ifeq ($(MODE),fast)
  A := fast
else ifeq ($(MODE),slow)
  A := slow
else
  A := other
endif
ifdef A
ifndef B
B = $(A)-b
endif
endif
ifneq "$(A)" 'fast'
C := not-fast
endif
all:
	@echo A=$(A) B=$(B) C=$(C)
""",
    "define": r"""
define TWO_LINES
first $(1) \
  continued
second
endef
define OUTER
define INNER
inner
endef
endef
override define OVER :=
over $(X)
endef
X = x
all:
	$(info $(call TWO_LINES,arg))
	$(info $(value OUTER))
	$(info $(OVER))
""",
    "recipe_prefix": r"""
all: one two
one:
	@echo tab recipe
.RECIPEPREFIX = >
two:
>@echo prefix recipe
	X := tab line is not a recipe here
.RECIPEPREFIX =
three:
	@echo tab again
""",
    "recursive_prefix": r"""
P = >
.RECIPEPREFIX = $(P)
all:
>@echo recursive prefix
""",
    "include": r"""
include inc.mk
all: from-include
	@echo after include $(INCLUDED)
""",
    "continuations": "A = one \\\n    two \\\n\tthree\n"
                     "B := $(A) \\\n\n"
                     "all: ; @echo '$(A)' '$(B)' \\\n  tail\n",
    "posix": ".POSIX:\nA = one \\\n    two\nall:\n\t@echo '$(A)'\n",
    "eval": r"""
define RULE
$(1): ; @echo rule $(1)
endef
$(foreach t,x y,$(eval $(call RULE,$(t))))
all: x y
""",
    "tab_define": r"""
t:
	@echo t
ifeq (1,0)
	define NOT_READ
endef
endif
all:
	define is a recipe line here, never run
""",
    "errors": r"""
all:
	@echo ok
this line has no separator
""",
}

INCLUDED = "INCLUDED := yes\nfrom-include:\n\t@echo in include\n" + PADDING


def cache_files(cache_home: Path) -> list[Path]:
    directory = cache_home / "pymake" / "parse"
    if not directory.is_dir():
        return []
    return sorted(path for path in directory.iterdir()
                  if not path.name.startswith("."))


def run_cached(tmp_path: Path, makefile: str, cache_home: Path, args=(),
               switch: str | None = None, files=None):
    env = {"XDG_CACHE_HOME": str(cache_home), "PYMAKE_PARSE_CACHE": switch}
    return run_make(tmp_path, makefile, args, env, files)


@pytest.mark.parametrize("name", sorted(TRICKY_MAKEFILES))
@pytest.mark.parametrize("args", [(), ("MODE=slow", "t")],
                         ids=["default", "other-state"])
def test_same_output_cold_warm_off(tmp_path, name, args):
    makefile = TRICKY_MAKEFILES[name] + PADDING
    files = {"inc.mk": INCLUDED}
    work = tmp_path / "work"
    work.mkdir()
    cache_home = tmp_path / "cache"
    off = run_cached(work, makefile, cache_home, args, "0", files)
    assert cache_files(cache_home) == []
    cold = run_cached(work, makefile, cache_home, args, None, files)
    # A makefile that fails to read leaves no cache file.
    if name != "errors":
        assert cache_files(cache_home) != []
    warm = run_cached(work, makefile, cache_home, args, None, files)
    assert cold == off
    assert warm == off


def test_state_differs_between_runs(tmp_path):
    # The cache is filled by a run that takes other branches.
    makefile = TRICKY_MAKEFILES["conditionals"] + PADDING
    cache_home = tmp_path / "cache"
    run_cached(tmp_path, makefile, cache_home, ("MODE=slow",))
    warm = run_cached(tmp_path, makefile, cache_home, ("MODE=other",))
    off = run_cached(tmp_path, makefile, cache_home, ("MODE=other",), "0")
    assert warm == off
    assert warm.stdout == "A=other B=other-b C=not-fast\n"


def test_changed_file_is_reread(tmp_path):
    cache_home = tmp_path / "cache"
    first = run_cached(tmp_path, "all: ; @echo AAAA\n" + PADDING, cache_home)
    assert first.stdout == "AAAA\n"
    makefile = tmp_path / "Makefile"
    stat_before = makefile.stat()
    # Same length and same modification time: only the content differs.
    makefile.write_text("all: ; @echo BBBB\n" + PADDING)
    os.utime(makefile, ns=(stat_before.st_atime_ns, stat_before.st_mtime_ns))
    second = run_cached(tmp_path, makefile.read_text(), cache_home)
    assert second.stdout == "BBBB\n"
    assert len(cache_files(cache_home)) == 2


def test_small_file_not_cached(tmp_path):
    cache_home = tmp_path / "cache"
    result = run_cached(tmp_path, "all: ; @echo small\n", cache_home)
    assert result.stdout == "small\n"
    assert cache_files(cache_home) == []


def test_switch_off(tmp_path):
    cache_home = tmp_path / "cache"
    result = run_cached(tmp_path, "all: ; @echo off\n" + PADDING, cache_home,
                        switch="0")
    assert result.stdout == "off\n"
    assert not (cache_home / "pymake").exists()


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "junk"])
def test_damaged_cache_ignored_and_rewritten(tmp_path, damage):
    cache_home = tmp_path / "cache"
    makefile = "A := 1\nall: ; @echo A=$(A)\n" + PADDING
    run_cached(tmp_path, makefile, cache_home)
    [path] = cache_files(cache_home)
    good = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(good[:len(good) // 2])
    elif damage == "flipped":
        middle = len(good) // 2
        path.write_bytes(good[:middle] + bytes([good[middle] ^ 0xFF]) +
                         good[middle + 1:])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(b"\x00junk" * 100)
    result = run_cached(tmp_path, makefile, cache_home)
    assert result.stdout == "A=1\n"
    assert result.stderr == ""
    assert path.read_bytes() == good


def rewrite_entries(path: Path, change) -> None:
    """Replace a cache file with one whose entries `change` edited, with a
    valid header, so that only the ownership checks can reject it."""
    data = path.read_bytes()
    payload = data[len(parsecache.MAGIC) + parsecache.HEADER.size:]
    key, count, entries = marshal.loads(payload)
    change(entries)
    payload = marshal.dumps((key, count, entries))
    path.write_bytes(parsecache.MAGIC +
                     parsecache.HEADER.pack(len(payload), zlib.crc32(payload))
                     + payload)


def tamper(entries):
    # Line 1, `A := 1`, becomes `A := tampered`.
    entries[0] = (entries[0][0], entries[0][1], ("A", ":=", "tampered"))


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX ownership")
def test_cache_writable_by_others_ignored(tmp_path):
    cache_home = tmp_path / "cache"
    makefile = "A := 1\nall: ; @echo A=$(A)\n" + PADDING
    run_cached(tmp_path, makefile, cache_home)
    [path] = cache_files(cache_home)
    rewrite_entries(path, tamper)

    # A file that only its owner may write is trusted: this shows that the
    # edited file would be used.
    os.chmod(path, 0o600)
    assert run_cached(tmp_path, makefile, cache_home).stdout == "A=tampered\n"

    os.chmod(path, 0o666)
    result = run_cached(tmp_path, makefile, cache_home)
    assert result.stdout == "A=1\n"
    # The ignored file was replaced by a fresh one that only its owner may
    # write.
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert run_cached(tmp_path, makefile, cache_home).stdout == "A=1\n"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX modes")
def test_cache_directory_mode(tmp_path):
    cache_home = tmp_path / "cache"
    run_cached(tmp_path, "all: ; @:\n" + PADDING, cache_home)
    for directory in (cache_home / "pymake", cache_home / "pymake" / "parse"):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    [path] = cache_files(cache_home)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX modes")
def test_directory_writable_by_others_unused(tmp_path):
    cache_home = tmp_path / "cache"
    directory = cache_home / "pymake" / "parse"
    directory.mkdir(parents=True)
    os.chmod(directory, 0o777)
    result = run_cached(tmp_path, "all: ; @echo shared\n" + PADDING,
                        cache_home)
    assert result.stdout == "shared\n"
    assert cache_files(cache_home) == []


def run_python(code: str, cwd: Path, env: dict[str, str | None],
               stdin: bytes = b"") -> subprocess.CompletedProcess:
    child_env = clean_environment(env)
    child_env["PYTHONPATH"] = str(REPOSITORY_ROOT)
    return subprocess.run([sys.executable, "-c", code], cwd=cwd,
                          env=child_env, input=stdin, capture_output=True,
                          timeout=TIMEOUT_SECONDS)


def test_stdin_makefile_not_cached(tmp_path):
    cache_home = tmp_path / "cache"
    completed = subprocess.run(
        make_command() + ["-f", "-"], cwd=tmp_path,
        env=clean_environment({"XDG_CACHE_HOME": str(cache_home),
                               "PYTHONPATH": str(REPOSITORY_ROOT)}),
        input=("all: ; @echo stdin\n" + PADDING).encode(),
        capture_output=True, timeout=TIMEOUT_SECONDS)
    assert completed.stdout == b"stdin\n"
    assert cache_files(cache_home) == []


def test_no_pickle_on_run_path(tmp_path):
    cache_home = tmp_path / "cache"
    (tmp_path / "Makefile").write_text("all: ; @echo run\n" + PADDING)
    code = ("import sys\n"
            "from pymake.cli import main\n"
            "sys.argv = ['pymake']\n"
            "status = main()\n"
            "print('pickle' in sys.modules, 'marshal' in sys.modules)\n")
    for run in ("cold", "warm"):
        completed = run_python(code, tmp_path,
                               {"XDG_CACHE_HOME": str(cache_home)})
        assert completed.stdout == b"run\nFalse True\n", run
    assert len(cache_files(cache_home)) == 1


def test_cache_directory_choice(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert parsecache.cache_directory() == str(tmp_path / "pymake" / "parse")
    # The XDG Base Directory specification makes a relative path invalid.
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(parsecache.os.path, "expanduser",
                        lambda path: path.replace("~", str(tmp_path / "home")))
    if os.name != "nt":
        assert parsecache.cache_directory() == str(
            tmp_path / "home" / ".cache" / "pymake" / "parse")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(parsecache.os, "name", "nt")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert parsecache.cache_directory() == str(
        tmp_path / "local" / "pymake" / "parse")
    monkeypatch.delenv("LOCALAPPDATA")
    assert parsecache.cache_directory() is None
