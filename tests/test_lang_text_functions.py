"""Text and file name functions, from subst to wildcard, abspath and realpath."""

import pytest

from mkrun import Case, check_case, params

CASES = [
    # subst, patsubst, strip, findstring
    Case(
        "subst-basic",
        makefile="""\
$(info [$(subst ee,EE,feet on the street)])
all:;@:
""",
        stdout="[fEEt on the strEEt]\n",
    ),
    Case(
        "subst-empty-from",
        makefile="""\
$(info [$(subst ,X,abc)])
all:;@:
""",
        stdout="[abcX]\n",
    ),
    Case(
        "subst-to-empty",
        makefile="""\
$(info [$(subst a,,banana)])
all:;@:
""",
        stdout="[bnn]\n",
    ),
    Case(
        "subst-keeps-spaces",
        makefile="""\
$(info [$(subst a,b,  a  a  )])
all:;@:
""",
        stdout="[  b  b  ]\n",
    ),
    Case(
        "subst-comma-via-variable",
        makefile="""\
comma := ,
$(info [$(subst $(comma),;,a,b,c)])
all:;@:
""",
        stdout="[a;b;c]\n",
    ),
    Case(
        "subst-extra-commas-in-text",
        makefile="""\
$(info [$(subst a,b,a,a)])
all:;@:
""",
        stdout="[b,b]\n",
    ),
    Case(
        "subst-too-few-args",
        makefile="""\
$(info [$(subst a,b)])
all:;@:
""",
        stderr="Makefile:1: *** insufficient number of arguments (2) to function 'subst'.  Stop.\n",
        status=2,
    ),
    Case(
        "patsubst-basic",
        makefile="""\
$(info [$(patsubst %.c,%.o,a.c b.c c.h)])
all:;@:
""",
        stdout="[a.o b.o c.h]\n",
    ),
    Case(
        "patsubst-no-percent",
        makefile="""\
$(info [$(patsubst a,b,a ab a)])
all:;@:
""",
        stdout="[b ab b]\n",
    ),
    Case(
        "patsubst-escaped-percent",
        makefile="""\
$(info [$(patsubst \\%%,X%,%a b)])
all:;@:
""",
        stdout="[Xa b]\n",
    ),
    Case(
        "patsubst-collapses-whitespace",
        makefile="""\
$(info [$(patsubst %,<%>,  a   b  )])
all:;@:
""",
        stdout="[<a> <b>]\n",
    ),
    Case(
        "patsubst-replacement-without-percent",
        makefile="""\
$(info [$(patsubst %.c,none,a.c b.o)])
all:;@:
""",
        stdout="[none b.o]\n",
    ),
    Case(
        "patsubst-only-first-percent",
        makefile="""\
$(info [$(patsubst %.%,[%],a.% b.c)])
all:;@:
""",
        stdout="[[a] b.c]\n",
    ),
    Case(
        "strip-basic",
        makefile="""\
$(info [$(strip   a   b\tc  )])
all:;@:
""",
        stdout="[a b c]\n",
    ),
    Case(
        "strip-empty",
        makefile="""\
$(info [$(strip    )])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "strip-newlines",
        makefile="""\
define NL

 a 

b
endef
$(info [$(strip $(NL))])
all:;@:
""",
        stdout="[a b]\n",
    ),
    Case(
        "findstring-found",
        makefile="""\
$(info [$(findstring a b,x a b y)])
all:;@:
""",
        stdout="[a b]\n",
    ),
    Case(
        "findstring-missing",
        makefile="""\
$(info [$(findstring ab,a b)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "findstring-empty-needle",
        makefile="""\
$(info [$(findstring ,abc)])
all:;@:
""",
        stdout="[]\n",
    ),
    # filter, filter-out, sort
    Case(
        "filter-patterns",
        makefile="""\
$(info [$(filter %.c %.h,a.c b.h c.o d.c)])
all:;@:
""",
        stdout="[a.c b.h d.c]\n",
    ),
    Case(
        "filter-exact-words",
        makefile="""\
$(info [$(filter b d,a b c d b)])
all:;@:
""",
        stdout="[b d b]\n",
    ),
    Case(
        "filter-out-patterns",
        makefile="""\
$(info [$(filter-out %.o,a.c b.o c.h)])
all:;@:
""",
        stdout="[a.c c.h]\n",
    ),
    Case(
        "filter-percent-only",
        makefile="""\
$(info [$(filter %,a b)])
all:;@:
""",
        stdout="[a b]\n",
    ),
    Case(
        "filter-out-all",
        makefile="""\
$(info [$(filter-out a b,a b a)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "filter-escaped-percent",
        makefile="""\
$(info [$(filter 100\\%,100% 1000)])
all:;@:
""",
        stdout="[100%]\n",
    ),
    Case(
        "sort-dedup",
        makefile="""\
$(info [$(sort foo bar lose foo bar)])
all:;@:
""",
        stdout="[bar foo lose]\n",
    ),
    Case(
        "sort-byte-order",
        makefile="""\
$(info [$(sort b B a A 10 9 _)])
all:;@:
""",
        stdout="[10 9 A B _ a b]\n",
    ),
    Case(
        "sort-empty",
        makefile="""\
$(info [$(sort )])
all:;@:
""",
        stdout="[]\n",
    ),
    # word, wordlist, words, firstword, lastword
    Case(
        "word-second",
        makefile="""\
$(info [$(word 2,a b c)])
all:;@:
""",
        stdout="[b]\n",
    ),
    Case(
        "word-past-end",
        makefile="""\
$(info [$(word 5,a b c)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "word-leading-spaces",
        makefile="""\
$(info [$(word 1,   a b)])
all:;@:
""",
        stdout="[a]\n",
    ),
    Case(
        "word-zero-error",
        makefile="""\
$(info [$(word 0,a b)])
all:;@:
""",
        stderr="Makefile:1: *** first argument to 'word' function must be greater than 0.  Stop.\n",
        status=2,
    ),
    # GNU make 4.4 renamed this message from 'non-numeric first argument' to
    # 'invalid first argument' (src/function.c, parse_numeric); NEWS does not list it.
    Case(
        "word-non-numeric-error",
        makefile="""\
$(info [$(word x,a b)])
all:;@:
""",
        stderr="Makefile:1: *** invalid first argument to 'word' function: 'x'.  Stop.\n",
        status=2,
        gnu44="4.4 source, src/function.c: 'invalid first argument' message",
    ),
    Case(
        "word-insufficient-args",
        makefile="""\
$(info [$(word 1)])
all:;@:
""",
        stderr="Makefile:1: *** insufficient number of arguments (1) to function 'word'.  Stop.\n",
        status=2,
    ),
    Case(
        "wordlist-range",
        makefile="""\
$(info [$(wordlist 2,3,a b c d)])
all:;@:
""",
        stdout="[b c]\n",
    ),
    Case(
        "wordlist-end-past",
        makefile="""\
$(info [$(wordlist 2,9,a b c)])
all:;@:
""",
        stdout="[b c]\n",
    ),
    Case(
        "wordlist-reversed-empty",
        makefile="""\
$(info [$(wordlist 3,2,a b c)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "wordlist-start-zero-error",
        makefile="""\
$(info [$(wordlist 0,2,a b c)])
all:;@:
""",
        stderr="Makefile:1: *** invalid first argument to 'wordlist' function: '0'.  Stop.\n",
        status=2,
    ),
    # GNU make 4.4 renamed 'non-numeric second argument' to 'invalid second
    # argument' (src/function.c, func_wordlist); NEWS does not list it.
    Case(
        "wordlist-non-numeric-error",
        makefile="""\
$(info [$(wordlist 1,z,a b c)])
all:;@:
""",
        stderr="Makefile:1: *** invalid second argument to 'wordlist' function: 'z'.  Stop.\n",
        status=2,
        gnu44="4.4 source, src/function.c: 'invalid second argument' message",
    ),
    Case(
        "wordlist-end-zero",
        makefile="""\
$(info [$(wordlist 1,0,a b c)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "words-count",
        makefile="""\
$(info [$(words  a  b   c )])
all:;@:
""",
        stdout="[3]\n",
    ),
    Case(
        "words-empty",
        makefile="""\
$(info [$(words )])
all:;@:
""",
        stdout="[0]\n",
    ),
    Case(
        "firstword-lastword",
        makefile="""\
$(info [$(firstword  x y z) $(lastword x y z )])
all:;@:
""",
        stdout="[x z]\n",
    ),
    Case(
        "firstword-empty",
        makefile="""\
$(info [$(firstword ) $(lastword )])
all:;@:
""",
        stdout="[ ]\n",
    ),
    # dir, notdir, suffix, basename, addsuffix, addprefix, join
    Case(
        "dir-words",
        makefile="""\
$(info [$(dir src/a.c b.c /abs/x ./y dir/)])
all:;@:
""",
        stdout="[src/ ./ /abs/ ./ dir/]\n",
    ),
    Case(
        "notdir-words",
        makefile="""\
$(info [$(notdir src/a.c b.c dir/ /x)])
all:;@:
""",
        stdout="[a.c b.c  x]\n",
    ),
    Case(
        "suffix-words",
        makefile="""\
$(info [$(suffix a.c b.tar.gz noext dir.d/file .hidden)])
all:;@:
""",
        stdout="[.c .gz .hidden]\n",
    ),
    Case(
        "basename-words",
        makefile="""\
$(info [$(basename a.c b.tar.gz noext dir.d/file .hidden)])
all:;@:
""",
        stdout="[a b.tar noext dir.d/file ]\n",
    ),
    Case(
        "addsuffix-words",
        makefile="""\
$(info [$(addsuffix .o,a b  c)])
all:;@:
""",
        stdout="[a.o b.o c.o]\n",
    ),
    Case(
        "addprefix-words",
        makefile="""\
$(info [$(addprefix src/,a b)])
all:;@:
""",
        stdout="[src/a src/b]\n",
    ),
    Case(
        "addprefix-empty-list",
        makefile="""\
$(info [$(addprefix src/,)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "join-equal-lengths",
        makefile="""\
$(info [$(join a b,.c .o)])
all:;@:
""",
        stdout="[a.c b.o]\n",
    ),
    Case(
        "join-unequal-lengths",
        makefile="""\
$(info [$(join a b c,1 2)])
all:;@:
""",
        stdout="[a1 b2 c]\n",
    ),
    Case(
        "join-second-longer",
        makefile="""\
$(info [$(join a,1 2 3)])
all:;@:
""",
        stdout="[a1 2 3]\n",
    ),
    # wildcard, realpath, abspath
    Case(
        "wildcard-sorted",
        makefile="""\
$(info [$(wildcard *.c)])
all:;@:
""",
        files={"b.c": "", "a.c": "", "c.h": ""},
        stdout="[a.c b.c]\n",
    ),
    Case(
        "wildcard-no-match",
        makefile="""\
$(info [$(wildcard *.none)])
all:;@:
""",
        stdout="[]\n",
    ),
    Case(
        "wildcard-several-patterns",
        makefile="""\
$(info [$(wildcard *.h *.c)])
all:;@:
""",
        files={"b.c": "", "a.h": ""},
        stdout="[a.h b.c]\n",
    ),
    Case(
        "wildcard-existing-plain-name",
        makefile="""\
$(info [$(wildcard a.c missing.c)])
all:;@:
""",
        files={"a.c": ""},
        stdout="[a.c]\n",
    ),
    Case(
        "wildcard-subdir",
        makefile="""\
$(info [$(wildcard sub/*.mk)])
all:;@:
""",
        files={"sub/x.mk": "", "sub/y.mk": ""},
        stdout="[sub/x.mk sub/y.mk]\n",
    ),
    Case(
        "wildcard-bracket-and-question",
        makefile="""\
$(info [$(wildcard [ab].? c?.c)])
all:;@:
""",
        files={"a.c": "", "b.h": "", "cc.c": "", "d.c": ""},
        stdout="[a.c b.h cc.c]\n",
    ),
    Case(
        "abspath-relative",
        makefile="""\
$(info [$(abspath a/../b ./c /x/./y/../z)])
all:;@:
""",
        stdout="[@TMP@/b @TMP@/c /x/z]\n",
    ),
    Case(
        "abspath-nonexistent-kept",
        makefile="""\
$(info [$(abspath missing/file)])
all:;@:
""",
        stdout="[@TMP@/missing/file]\n",
    ),
    Case(
        "realpath-existing",
        makefile="""\
$(info [$(realpath sub/../a.c)])
all:;@:
""",
        files={"a.c": "", "sub/x": ""},
        stdout="[@TMP@/a.c]\n",
    ),
    Case(
        "realpath-missing-dropped",
        makefile="""\
$(info [$(realpath missing a.c)])
all:;@:
""",
        files={"a.c": ""},
        stdout="[@TMP@/a.c]\n",
    ),
    Case(
        "realpath-symlink",
        makefile="""\
$(shell ln -s a.c link.c)
$(info [$(notdir $(realpath link.c))])
all:;@:
""",
        files={"a.c": ""},
        stdout="[a.c]\n",
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_text_function(tmp_path, case):
    check_case(tmp_path, case)
