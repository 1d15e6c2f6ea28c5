import pytest

from pymake import pathrules


@pytest.mark.parametrize(
    "text, windows, expected",
    [
        ("a: b", False, 1),
        ("a b: c", False, 3),
        ("C:/x: y", True, 4),
        ("C:\\x\\y.o: y.c", True, 8),
        ("a C:/x: y", True, 6),
        ("C:/x: y", False, 1),
        ("lib.a(C:/m.o): m.o", True, 13),
        ("a:: b", True, 1),
        ("$(x:.c=.o): y", False, 10),
        ("${x:a=b} c: d", False, 10),
        ("a\\:b: c", False, 4),
        ("no colon here", False, -1),
        ("ab:/x: y", True, 2),
        ("C: y", True, 1),
    ],
)
def test_find_rule_colon(text, windows, expected):
    assert pathrules.find_rule_colon(text, windows) == expected


def test_normcase_key_windows_folds_case_and_slashes():
    assert pathrules.normcase_key("C:\\Src\\Main.C", True) == "c:/src/main.c"


def test_normcase_key_posix_unchanged():
    assert pathrules.normcase_key("Src\\Main.C", False) == "Src\\Main.C"


@pytest.mark.parametrize(
    "value, windows, expected",
    [
        ("src:lib include", False, ["src", "lib", "include"]),
        ("src::lib", False, ["src", "lib"]),
        ("C:/src;D:\\lib", True, ["C:/src", "D:\\lib"]),
        ("C:/src:D:/lib", True, ["C:/src", "D:/lib"]),
        ("src;lib other", True, ["src", "lib", "other"]),
        ("a:b", True, ["a", "b"]),
        ("C:/src", False, ["C", "/src"]),
        ("", True, []),
    ],
)
def test_split_path_list(value, windows, expected):
    assert pathrules.split_path_list(value, windows) == expected


@pytest.mark.parametrize(
    "path, windows, expected",
    [
        ("/usr/bin", False, True),
        ("usr/bin", False, False),
        ("C:/x", False, False),
        ("C:/x", True, True),
        ("c:\\x", True, True),
        ("\\\\server\\share", True, True),
        ("/x", True, True),
        ("C:x", True, False),
        ("x\\y", True, False),
    ],
)
def test_is_absolute(path, windows, expected):
    assert pathrules.is_absolute(path, windows) is expected


@pytest.mark.parametrize(
    "word, windows, directory, name",
    [
        ("src/foo.c", False, "src/", "foo.c"),
        ("foo.c", False, "./", "foo.c"),
        ("src\\foo.c", False, "./", "src\\foo.c"),
        ("src\\foo.c", True, "src\\", "foo.c"),
        ("C:/a\\b/c.o", True, "C:/a\\b/", "c.o"),
        ("C:foo.c", True, "C:", "foo.c"),
        ("dir/", True, "dir/", ""),
    ],
)
def test_dir_and_notdir(word, windows, directory, name):
    assert pathrules.dir_part(word, windows) == directory
    assert pathrules.notdir_part(word, windows) == name


def test_with_exe():
    assert pathrules.with_exe("gcc", True) == "gcc.exe"
    assert pathrules.with_exe("gcc.EXE", True) == "gcc.EXE"
    assert pathrules.with_exe("run.bat", True) == "run.bat"
    assert pathrules.with_exe("gcc", False) == "gcc"


def test_join_uses_rules_separator():
    assert pathrules.join("a", "b", True) == "a\\b"
    assert pathrules.join("a", "b", False) == "a/b"
