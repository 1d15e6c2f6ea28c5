"""Archive member targets `lib.a(member.o)`: dating members by their
headers, member globbing, the built-in `(%): %` rule and -t."""

import os
import shutil
import subprocess
import sys
import time

import pytest

from pymake import archive

PYMAKE = [sys.executable, "-m", "pymake"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def header(name, date, size):
    fields = [name.ljust(16), str(date).ljust(12), "0".ljust(6),
              "0".ljust(6), "644".ljust(8), str(size).ljust(10), "`\n"]
    return "".join(fields).encode()


def member(name, date, data):
    out = header(name, date, len(data)) + data
    return out + (b"\n" if len(data) % 2 else b"")


def write_archive(path, *parts):
    with open(path, "wb") as fh:
        fh.write(archive.MAGIC + b"".join(parts))


# --- the reader --------------------------------------------------------

def test_scan_gnu_short_and_long_names(tmp_path):
    long_name = "a_member_with_a_long_name.o"
    table = f"{long_name}/\n".encode()
    path = tmp_path / "lib.a"
    write_archive(path,
                  member("/", 0, b"\0\0\0\0"),
                  member("//", 0, table),
                  member("short.o/", 1000, b"abc"),
                  member("/0", 2000, b"xy"))
    found = archive.scan(str(path))
    assert [(n, d) for n, d, _ in found] == [("short.o", 1000),
                                              (long_name, 2000)]
    data = path.read_bytes()
    # Each offset is that of the member's header.
    assert data[found[0][2]:found[0][2] + 8] == b"short.o/"
    assert data[found[1][2]:found[1][2] + 3] == b"/0 "
    assert archive.member_date(str(path), "short.o") == 1000
    assert archive.member_date(str(path), long_name) == 2000


def test_scan_bsd_names(tmp_path):
    path = tmp_path / "lib.a"
    write_archive(path,
                  member("#1/20", 1500, b"__.SYMDEF SORTED\0\0\0\0"),
                  member("#1/12", 1600, b"bsd_name.o\0\0" + b"data"))
    assert [(n, d) for n, d, _ in archive.scan(str(path))] == \
        [("bsd_name.o", 1600)]


def test_member_date_missing_cases(tmp_path):
    path = tmp_path / "lib.a"
    write_archive(path, member("zero.o/", 0, b"ab"))
    # Deterministic archives store 0, which counts as no date.
    assert archive.member_date(str(path), "zero.o") is None
    assert archive.member_date(str(path), "other.o") is None
    assert archive.member_date(str(tmp_path / "none.a"), "zero.o") is None
    (tmp_path / "text.a").write_text("not an archive\n")
    assert archive.scan(str(tmp_path / "text.a")) is None


def test_glob_members_sorted_and_anchored(tmp_path):
    path = tmp_path / "lib.a"
    write_archive(path, member("b.o/", 5, b"1"), member("a.o/", 5, b"2"),
                  member(".hidden.o/", 5, b"3"), member("c.c/", 5, b"4"))
    assert archive.glob_members(str(path), "*.o") == ["a.o", "b.o"]
    assert archive.glob_members(str(path), "[ab].?") == ["a.o", "b.o"]
    assert archive.glob_members(str(path), "[!a].o") == ["b.o"]
    assert archive.glob_members(str(path), ".*") == [".hidden.o"]


def test_member_ref_syntax():
    assert archive.is_member_ref("lib.a(m.o)")
    assert not archive.is_member_ref("(%)")
    assert not archive.is_member_ref("foo(bar).baz")
    assert not archive.is_member_ref("lib.a()")
    assert archive.split_member_ref("d/lib.a(m.o)") == ("d/lib.a", "m.o")


def test_touch_member_sets_date(tmp_path):
    path = tmp_path / "lib.a"
    write_archive(path, member("m.o/", 1000, b"ab"))
    assert archive.touch_member(str(path), "m.o") == 0
    assert archive.member_date(str(path), "m.o") > 1000
    assert archive.touch_member(str(path), "x.o") == 1
    assert archive.touch_member(str(tmp_path / "none.a"), "m.o") == -1


# --- building with ar ----------------------------------------------------

needs_ar = pytest.mark.skipif(shutil.which("ar") is None,
                              reason="ar is not installed")


def run(cwd, makefile, *args):
    (cwd / "Makefile").write_text(makefile)
    env = dict(os.environ, PYTHONPATH=ROOT)
    for name in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS"):
        env.pop(name, None)
    p = subprocess.run(PYMAKE + list(args), cwd=cwd, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    return p.returncode, p.stdout


def set_age(path, seconds_ago):
    now = time.time()
    os.utime(path, (now - seconds_ago, now - seconds_ago))


# `ar` writes a zero date unless U is given, as Debian's binutils do.
ARVARS = ["AR=ar", "ARFLAGS=-rvU"]


@needs_ar
def test_builtin_rule_archives_member(tmp_path):
    (tmp_path / "a1.o").write_text("one\n")
    (tmp_path / "a2.o").write_text("two\n")
    set_age(tmp_path / "a1.o", 60)
    set_age(tmp_path / "a2.o", 60)
    status, out = run(tmp_path, "all: libxx.a(a1.o a2.o)\n", *ARVARS)
    assert status == 0
    assert out == ("ar -rvU libxx.a a1.o\nar: creating libxx.a\n"
                   "a - a1.o\nar -rvU libxx.a a2.o\na - a2.o\n")
    assert archive.member_date(str(tmp_path / "libxx.a"), "a2.o")


@needs_ar
def test_up_to_date_member_and_glob(tmp_path):
    for n in ("a1.o", "a2.o"):
        (tmp_path / n).write_text(n)
        set_age(tmp_path / n, 60)
    run(tmp_path, "all: libxx.a(a1.o a2.o)\n", *ARVARS)
    status, out = run(tmp_path, "all: libxx.a(*.o)\n", *ARVARS)
    assert (status, out) == (0, "pymake: Nothing to be done for 'all'.\n")
    # A member file newer than its copy in the archive is archived again.
    set_age(tmp_path / "a1.o", -5)
    status, out = run(tmp_path, "all: libxx.a(  a1.o  *.o  )\n", *ARVARS)
    assert status == 0
    assert out == "ar -rvU libxx.a a1.o\nr - a1.o\n"


@needs_ar
def test_archive_pattern_rule_variables(tmp_path):
    status, out = run(tmp_path, (
        "default: lib.a(x.o)\n"
        "(%): %.src ; @echo '$@ $% $* $<'\n"
        "%.src: ; @echo make $@\n"), *ARVARS)
    assert status == 0
    assert out == "make x.o.src\nlib.a x.o x.o x.o.src\n"


def test_parenthesis_in_plain_name(tmp_path):
    status, out = run(tmp_path, "all: foo(bar).baz\n"
                                "foo(bar).baz: ; @echo '$@'\n")
    assert (status, out) == (0, "foo(bar).baz\n")


def test_member_prerequisites_listed_by_member_name(tmp_path):
    status, out = run(tmp_path, "t: lib.a(m1.o m2.o)\n"
                                "\t@echo '$^|$?'\n"
                                "lib.a(%):\n\t@:\n")
    assert (status, out) == (0, "m1.o m2.o|m1.o m2.o\n")
