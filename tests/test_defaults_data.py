"""Tests for pymake.defaults, GNU make 4.4.1's built-in database as data.

The oracle tests run GNU make 4.3 (/usr/bin/make) with an empty makefile
and compare its `make -p` database with the tables.  Rules did not change in
src/default.c between 4.3 and 4.4.1, so they must match exactly.  Variables
differ only where the 4.3-to-4.4.1 diff of default.c changed them.
"""

import ast
import os
import re
import subprocess

import pytest

from pymake import defaults
from pymake.defaults import (
    DEFAULT_PATTERN_RULES,
    DEFAULT_SUFFIX_RULES,
    DEFAULT_SUFFIXES,
    DEFAULT_TERMINAL_RULES,
    DEFAULT_VARIABLES,
)

GNU_MAKE_43 = "/usr/bin/make"

# Entry counts in the Linux (non-VMS, non-MSDOS) branch of src/default.c,
# GNU make 4.4.1.
EXPECTED_SUFFIX_COUNT = 35
EXPECTED_VARIABLE_COUNT = 64
EXPECTED_SUFFIX_RULE_COUNT = 49
EXPECTED_PATTERN_RULE_COUNT = 4
EXPECTED_TERMINAL_RULE_COUNT = 5

# Values that src/default.c changed between 4.3 and 4.4.1.  The 4.4 and
# 4.4.1 NEWS entries do not mention them.
CHANGED_IN_44 = {
    # 4.3: "rv".  4.4.1: "-rv" ("-Xany -rv" on AIX).
    "ARFLAGS": "-rv",
    # 4.3: "$(CC) -E $(CPPFLAGS)".  4.4.1 uses $(CPP), so setting CPP now
    # also changes how .S files are preprocessed.
    "PREPROCESS.S": "$(CPP) $(CPPFLAGS)",
}

# Variables that make defines with origin "default" at startup outside
# default.c's default_variables table, which DEFAULT_VARIABLES mirrors.
# SHELL shows up here because the test runs make without SHELL in the
# environment.
MAKE_INTERNAL_DEFAULTS = {
    ".FEATURES",
    ".INCLUDE_DIRS",
    ".LOADED",
    ".RECIPEPREFIX",
    ".SHELLFLAGS",
    ".VARIABLES",
    "MAKE",
    "MAKEFILES",
    "MAKE_COMMAND",
    "MAKE_HOST",
    "MAKE_VERSION",
    "SHELL",
    "SUFFIXES",
}

# Variables that built-in rules and variables reference but that make leaves
# undefined, for users to set.
USER_SET_VARIABLES = {
    "ASFLAGS", "CFLAGS", "CPPFLAGS", "CXXFLAGS", "DEFFLAGS", "FFLAGS",
    "GFLAGS", "LDFLAGS", "LDLIBS", "LFLAGS", "LINTFLAGS", "LOADLIBES",
    "M2FLAGS", "MAKEINFO_FLAGS", "MODFLAGS", "OBJCFLAGS", "PFLAGS", "RFLAGS",
    "SCCS_OUTPUT_OPTION", "TARGET_ARCH", "TARGET_MACH", "TEXI2DVI_FLAGS",
    "YFLAGS",
}

# Plain "$(NAME)" references; function calls such as $(if ...) contain a
# space and do not match.
VARIABLE_REFERENCE = re.compile(r"\$\(([^()$ :]+)\)")


def variable_dict():
    return dict(DEFAULT_VARIABLES)


def split_suffix_rule(target):
    """Return the (source, target) suffixes of a double-suffix rule, or None."""
    for source in DEFAULT_SUFFIXES:
        rest = target[len(source):]
        if target.startswith(source) and rest in DEFAULT_SUFFIXES:
            return source, rest
    return None


def all_recipes():
    for _target, recipe in DEFAULT_SUFFIX_RULES:
        yield recipe
    for _target, _prerequisites, recipe in DEFAULT_PATTERN_RULES:
        yield recipe
    for _target, _prerequisites, recipe in DEFAULT_TERMINAL_RULES:
        yield recipe


# --- shape and counts ------------------------------------------------------


def test_module_contains_only_literals():
    with open(defaults.__file__, encoding="utf-8") as source_file:
        tree = ast.parse(source_file.read())
    for node in tree.body:
        if isinstance(node, ast.Expr):
            assert isinstance(node.value, ast.Constant), ast.dump(node)
            continue
        assert isinstance(node, ast.Assign), ast.dump(node)
        ast.literal_eval(node.value)


def test_table_counts():
    assert len(DEFAULT_SUFFIXES) == EXPECTED_SUFFIX_COUNT
    assert len(DEFAULT_VARIABLES) == EXPECTED_VARIABLE_COUNT
    assert len(DEFAULT_SUFFIX_RULES) == EXPECTED_SUFFIX_RULE_COUNT
    assert len(DEFAULT_PATTERN_RULES) == EXPECTED_PATTERN_RULE_COUNT
    assert len(DEFAULT_TERMINAL_RULES) == EXPECTED_TERMINAL_RULE_COUNT


def test_tables_are_tuples_of_strings():
    assert all(isinstance(suffix, str) for suffix in DEFAULT_SUFFIXES)
    for entry in DEFAULT_VARIABLES:
        assert isinstance(entry, tuple)
        assert len(entry) == 2
        assert all(isinstance(part, str) for part in entry)
    for target, recipe in DEFAULT_SUFFIX_RULES:
        assert isinstance(target, str)
        assert isinstance(recipe, tuple)
    for table in (DEFAULT_PATTERN_RULES, DEFAULT_TERMINAL_RULES):
        for target, prerequisites, recipe in table:
            assert isinstance(target, str)
            assert isinstance(prerequisites, tuple)
            assert isinstance(recipe, tuple)


def test_names_are_unique():
    suffixes = list(DEFAULT_SUFFIXES)
    variable_names = [name for name, _value in DEFAULT_VARIABLES]
    rule_targets = [target for target, _recipe in DEFAULT_SUFFIX_RULES]
    assert len(set(suffixes)) == len(suffixes)
    assert len(set(variable_names)) == len(variable_names)
    assert len(set(rule_targets)) == len(rule_targets)


# --- internal consistency --------------------------------------------------


def test_suffixes_start_with_dot():
    for suffix in DEFAULT_SUFFIXES:
        assert suffix.startswith("."), suffix
        assert len(suffix) > 1, suffix
        assert not any(ch.isspace() for ch in suffix), suffix


def test_suffix_rule_targets_use_known_suffixes():
    # ".lm.m" is the one built-in target whose source suffix ".lm" is not in
    # default.c's suffix list, so it stays inert unless a makefile adds ".lm".
    for target, _recipe in DEFAULT_SUFFIX_RULES:
        if target == ".lm.m":
            assert ".lm" not in DEFAULT_SUFFIXES
            assert ".m" in DEFAULT_SUFFIXES
            continue
        is_single = target in DEFAULT_SUFFIXES
        assert is_single or split_suffix_rule(target) is not None, target


def test_recipe_lines_are_single_lines():
    for recipe in all_recipes():
        assert len(recipe) >= 1
        for line in recipe:
            assert "\n" not in line, line
            assert not line.startswith("\t"), line
            assert line.strip(), repr(line)


def test_pattern_rules_use_percent():
    for target, prerequisites, _recipe in DEFAULT_PATTERN_RULES:
        assert target.count("%") == 1, target
        assert prerequisites, target
        for prerequisite in prerequisites:
            assert prerequisite.count("%") == 1, prerequisite


def test_terminal_rules_match_anything():
    for target, prerequisites, _recipe in DEFAULT_TERMINAL_RULES:
        assert target == "%"
        assert len(prerequisites) == 1
        assert prerequisites[0].count("%") == 1


def test_references_are_defined_or_user_set():
    known = set(variable_dict()) | USER_SET_VARIABLES
    texts = [value for _name, value in DEFAULT_VARIABLES]
    for recipe in all_recipes():
        texts.extend(recipe)
    for text in texts:
        for name in VARIABLE_REFERENCE.findall(text):
            assert name in known, f"$({name}) in {text!r}"


def test_user_set_variables_are_not_defaults():
    # A name in USER_SET_VARIABLES would hide a missing default variable.
    assert not USER_SET_VARIABLES & set(variable_dict())


# --- specific facts --------------------------------------------------------


def test_suffix_order():
    assert DEFAULT_SUFFIXES[:5] == (".out", ".a", ".ln", ".o", ".c")
    assert DEFAULT_SUFFIXES[-3:] == (".sh", ".elc", ".el")
    assert DEFAULT_SUFFIXES.index(".c") < DEFAULT_SUFFIXES.index(".s")


def test_compile_and_link_variables():
    variables = variable_dict()
    assert variables["CC"] == "cc"
    assert variables["CXX"] == "g++"
    assert variables["OUTPUT_OPTION"] == "-o $@"
    assert (
        variables["COMPILE.c"]
        == "$(CC) $(CFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c"
    )
    assert variables["LINK.o"] == "$(CC) $(LDFLAGS) $(TARGET_ARCH)"
    assert variables["COMPILE.C"] == "$(COMPILE.cc)"
    assert variables["LINK.C"] == "$(LINK.cc)"
    assert variables[".LIBPATTERNS"] == "lib%.so lib%.a"
    assert variables["GNUMAKEFLAGS"] == ""
    assert variables["COFLAGS"] == ""


def test_variables_changed_in_44():
    variables = variable_dict()
    for name, value in CHANGED_IN_44.items():
        assert variables[name] == value, name


def test_variable_order_follows_default_c():
    names = [name for name, _value in DEFAULT_VARIABLES]
    assert names[:6] == ["AR", "ARFLAGS", "AS", "CC", "OBJC", "CXX"]
    assert names[-3:] == ["OUTPUT_OPTION", ".LIBPATTERNS", "GNUMAKEFLAGS"]
    assert names.index("LINK.o") < names.index("COMPILE.c")


def test_c_rules():
    rules = dict(DEFAULT_SUFFIX_RULES)
    assert rules[".c.o"] == ("$(COMPILE.c) $(OUTPUT_OPTION) $<",)
    assert rules[".c"] == ("$(LINK.c) $^ $(LOADLIBES) $(LDLIBS) -o $@",)
    assert rules[".c.ln"] == ("$(LINT.c) -C$* $<",)


def test_multiline_recipes_split_verbatim():
    rules = dict(DEFAULT_SUFFIX_RULES)
    assert rules[".sh"] == ("cat $< >$@ ", " chmod a+x $@")
    assert rules[".y.c"] == ("$(YACC.y) $< ", " mv -f y.tab.c $@")
    assert rules[".l.ln"] == (
        "@$(RM) $*.c",
        " $(LEX.l) $< > $*.c",
        "$(LINT.c) -i $*.c -o $@",
        " $(RM) $*.c",
    )


def test_archive_member_rule():
    assert DEFAULT_PATTERN_RULES[0] == (
        "(%)",
        ("%",),
        ("$(AR) $(ARFLAGS) $@ $<",),
    )


def test_rcs_and_sccs_terminal_rules():
    by_prerequisite = {
        prerequisites[0]: recipe
        for _target, prerequisites, recipe in DEFAULT_TERMINAL_RULES
    }
    for rcs in ("%,v", "RCS/%,v", "RCS/%"):
        assert by_prerequisite[rcs] == ("$(CHECKOUT,v)",)
    sccs_recipe = ("$(GET) $(GFLAGS) $(SCCS_OUTPUT_OPTION) $<",)
    for sccs in ("s.%", "SCCS/s.%"):
        assert by_prerequisite[sccs] == sccs_recipe
    checkout = variable_dict()["CHECKOUT,v"]
    assert checkout == "+$(if $(wildcard $@),,$(CO) $(COFLAGS) $< $@)"


# --- GNU make 4.3 oracle -----------------------------------------------------


@pytest.fixture(scope="module")
def make43_database(tmp_path_factory):
    """Return the `make -p` output of GNU make 4.3 for an empty makefile."""
    if not os.path.exists(GNU_MAKE_43):
        pytest.skip(f"{GNU_MAKE_43} not found")
    version = subprocess.run(
        [GNU_MAKE_43, "--version"], capture_output=True, text=True
    ).stdout
    if not version.startswith("GNU Make 4.3"):
        pytest.skip(f"{GNU_MAKE_43} is not GNU make 4.3")
    work_dir = tmp_path_factory.mktemp("make43")
    empty_makefile = work_dir / "empty.mk"
    empty_makefile.write_text("")
    # A minimal environment keeps variables such as CC from taking
    # "environment" origin and hiding the defaults.
    env = {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C"}
    result = subprocess.run(
        [GNU_MAKE_43, "-p", "-f", str(empty_makefile)],
        capture_output=True,
        text=True,
        cwd=work_dir,
        env=env,
    )
    return result.stdout


def parse_default_variables(database):
    """Return {name: (operator, value)} for "# default" entries."""
    found = {}
    lines = database.splitlines()
    for comment, line in zip(lines, lines[1:]):
        if comment != "# default":
            continue
        match = re.match(r"^(\S+) (=|:=) (.*)$", line)
        assert match, f"unparsed variable line: {line!r}"
        found[match.group(1)] = (match.group(2), match.group(3))
    return found


def parse_blocks(database, start_heading, end_heading):
    """Return {header: recipe lines} for the rule blocks of one section."""
    section = database.split(start_heading, 1)[1].split(end_heading, 1)[0]
    blocks = {}
    for block in section.split("\n\n"):
        lines = [line for line in block.splitlines() if line]
        headers = [line for line in lines if not line.startswith(("#", "\t"))]
        if not headers:
            continue
        recipe = tuple(line[1:] for line in lines if line.startswith("\t"))
        blocks[headers[0]] = recipe
    return blocks


def test_make43_default_variables_match(make43_database):
    make43 = parse_default_variables(make43_database)
    ours = variable_dict()
    assert "CC" in make43, "no default variables parsed"
    for name, (operator, value) in make43.items():
        if name in MAKE_INTERNAL_DEFAULTS:
            continue
        assert operator == "=", f"{name} is not recursive in 4.3"
        assert name in ours, f"4.3 default {name} missing"
        if name in CHANGED_IN_44:
            assert ours[name] != value, f"{name} listed as changed"
            continue
        assert ours[name] == value, name


def test_make43_lists_all_our_variables(make43_database):
    make43 = parse_default_variables(make43_database)
    for name in variable_dict():
        if name == "GNUMAKEFLAGS":
            # main.c redefines it with "override" origin after parsing it.
            assert f"# 'override' directive\n{name} := " in make43_database
            continue
        assert name in make43, f"{name} not a 4.3 default"


def test_make43_suffix_list_matches(make43_database):
    expected = ".SUFFIXES: " + " ".join(DEFAULT_SUFFIXES)
    assert expected in make43_database.splitlines()


def test_make43_suffix_rules_match(make43_database):
    files = parse_blocks(make43_database, "\n# Files\n", "\n# files hash")
    for target, recipe in DEFAULT_SUFFIX_RULES:
        header = target + ":"
        assert header in files, f"{target} missing from 4.3 database"
        assert files[header] == recipe, target


def test_make43_pattern_rules_match(make43_database):
    rules = parse_blocks(
        make43_database, "\n# Implicit Rules\n", "\n# Pattern-specific"
    )
    for target, prerequisites, recipe in DEFAULT_PATTERN_RULES:
        header = f"{target}: {' '.join(prerequisites)}"
        assert rules.get(header) == recipe, header
    for target, prerequisites, recipe in DEFAULT_TERMINAL_RULES:
        header = f"{target}:: {' '.join(prerequisites)}"
        assert rules.get(header) == recipe, header
