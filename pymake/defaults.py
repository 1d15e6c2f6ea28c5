"""GNU make 4.4.1's built-in database on POSIX systems, as plain data.

These tables contain the suffixes, variables and rules that GNU make 4.4.1
defines before it reads any makefile, i.e. what ``make -p -f /dev/null``
prints for a Linux build.  The values come from the non-VMS branch of
``src/default.c`` in GNU make 4.4.1, configured as a typical GNU/Linux build.
That build has no ``GCC_IS_NATIVE`` and a case-sensitive file system, and its
compiler accepts ``-c -o``.  Its ``SCCS_GET`` is ``get`` without ``-G``
support, and configure found ``g++`` as ``MAKE_CXX``.

Recipe lines keep the exact text of default.c, including spaces next to its
embedded newlines (``"cat $< >$@ "``, ``" chmod a+x $@"``), so that
``make -p`` output can be reproduced byte for byte.  Leading blanks on a
recipe line are ignored when the line runs, as for any makefile recipe.

The module contains only literals and imports nothing.
"""

# The default .SUFFIXES list, in order.  make also stores it, space-separated,
# as the value of the SUFFIXES variable.
DEFAULT_SUFFIXES = (
    ".out", ".a", ".ln", ".o", ".c", ".cc", ".C", ".cpp", ".p", ".f", ".F",
    ".m", ".r", ".y", ".l", ".ym", ".yl", ".s", ".S", ".mod", ".sym", ".def",
    ".h", ".info", ".dvi", ".tex", ".texinfo", ".texi", ".txinfo", ".w",
    ".ch", ".web", ".sh", ".elc", ".el",
)

# (name, value) pairs, defined in this order with origin "default" and
# recursive flavor.  Differences from GNU make 4.3: ARFLAGS is "-rv" (was
# "rv"), PREPROCESS.S uses $(CPP) (was "$(CC) -E"), and CXX is the compiler
# configure found (4.3 hard-coded "g++").
DEFAULT_VARIABLES = (
    ("AR", "ar"),
    ("ARFLAGS", "-rv"),
    ("AS", "as"),
    ("CC", "cc"),
    ("OBJC", "cc"),
    # NOTE: 4.4.1 takes CXX from configure's C++ compiler probe, so a build
    # that found another compiler (e.g. a cross g++) shows a different value.
    ("CXX", "g++"),
    # Expands to "$(CO) $(COFLAGS) $< $@" only when the target is missing.
    ("CHECKOUT,v", "+$(if $(wildcard $@),,$(CO) $(COFLAGS) $< $@)"),
    ("CO", "co"),
    ("COFLAGS", ""),
    ("CPP", "$(CC) -E"),
    ("FC", "f77"),
    ("F77", "$(FC)"),
    ("F77FLAGS", "$(FFLAGS)"),
    ("GET", "get"),
    ("LD", "ld"),
    ("LEX", "lex"),
    ("LINT", "lint"),
    ("M2C", "m2c"),
    ("PC", "pc"),
    ("YACC", "yacc"),
    ("MAKEINFO", "makeinfo"),
    ("TEX", "tex"),
    ("TEXI2DVI", "texi2dvi"),
    ("WEAVE", "weave"),
    ("CWEAVE", "cweave"),
    ("TANGLE", "tangle"),
    ("CTANGLE", "ctangle"),
    ("RM", "rm -f"),
    ("LINK.o", "$(CC) $(LDFLAGS) $(TARGET_ARCH)"),
    ("COMPILE.c", "$(CC) $(CFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c"),
    ("LINK.c", "$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)"),
    ("COMPILE.m", "$(OBJC) $(OBJCFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c"),
    ("LINK.m", "$(OBJC) $(OBJCFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)"),
    ("COMPILE.cc", "$(CXX) $(CXXFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c"),
    ("COMPILE.C", "$(COMPILE.cc)"),
    ("COMPILE.cpp", "$(COMPILE.cc)"),
    ("LINK.cc", "$(CXX) $(CXXFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)"),
    ("LINK.C", "$(LINK.cc)"),
    ("LINK.cpp", "$(LINK.cc)"),
    ("YACC.y", "$(YACC) $(YFLAGS)"),
    ("LEX.l", "$(LEX) $(LFLAGS) -t"),
    ("YACC.m", "$(YACC) $(YFLAGS)"),
    ("LEX.m", "$(LEX) $(LFLAGS) -t"),
    ("COMPILE.f", "$(FC) $(FFLAGS) $(TARGET_ARCH) -c"),
    ("LINK.f", "$(FC) $(FFLAGS) $(LDFLAGS) $(TARGET_ARCH)"),
    ("COMPILE.F", "$(FC) $(FFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c"),
    ("LINK.F", "$(FC) $(FFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)"),
    ("COMPILE.r", "$(FC) $(FFLAGS) $(RFLAGS) $(TARGET_ARCH) -c"),
    ("LINK.r", "$(FC) $(FFLAGS) $(RFLAGS) $(LDFLAGS) $(TARGET_ARCH)"),
    ("COMPILE.def", "$(M2C) $(M2FLAGS) $(DEFFLAGS) $(TARGET_ARCH)"),
    ("COMPILE.mod", "$(M2C) $(M2FLAGS) $(MODFLAGS) $(TARGET_ARCH)"),
    ("COMPILE.p", "$(PC) $(PFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c"),
    ("LINK.p", "$(PC) $(PFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)"),
    ("LINK.s", "$(CC) $(ASFLAGS) $(LDFLAGS) $(TARGET_MACH)"),
    ("COMPILE.s", "$(AS) $(ASFLAGS) $(TARGET_MACH)"),
    ("LINK.S", "$(CC) $(ASFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_MACH)"),
    ("COMPILE.S", "$(CC) $(ASFLAGS) $(CPPFLAGS) $(TARGET_MACH) -c"),
    ("PREPROCESS.S", "$(CPP) $(CPPFLAGS)"),
    ("PREPROCESS.F", "$(FC) $(FFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -F"),
    ("PREPROCESS.r", "$(FC) $(FFLAGS) $(RFLAGS) $(TARGET_ARCH) -F"),
    ("LINT.c", "$(LINT) $(LINTFLAGS) $(CPPFLAGS) $(TARGET_ARCH)"),
    ("OUTPUT_OPTION", "-o $@"),
    (".LIBPATTERNS", "lib%.so lib%.a"),
    # Defined empty so that references do not warn as undefined.  After reading
    # the makefiles, make decodes GNUMAKEFLAGS and then redefines it as an
    # empty simple variable with origin "override", which `make -p` shows.
    ("GNUMAKEFLAGS", ""),
)

# (target, recipe lines).  A target is either one suffix (".c", a rule that
# makes "foo" from "foo.c") or two (".c.o").  GNU make 4.4.1 enters these as
# file targets after reading the makefiles, skipping any target that already
# has a recipe, and then converts them to pattern rules.
DEFAULT_SUFFIX_RULES = (
    (".o", ("$(LINK.o) $^ $(LOADLIBES) $(LDLIBS) -o $@",)),
    (".s", ("$(LINK.s) $^ $(LOADLIBES) $(LDLIBS) -o $@",)),
    (".S", ("$(LINK.S) $^ $(LOADLIBES) $(LDLIBS) -o $@",)),
    (".c", ("$(LINK.c) $^ $(LOADLIBES) $(LDLIBS) -o $@",)),
    (".cc", ("$(LINK.cc) $^ $(LOADLIBES) $(LDLIBS) -o $@",)),
    (".C", ("$(LINK.C) $^ $(LOADLIBES) $(LDLIBS) -o $@",)),
    (".cpp", ("$(LINK.cpp) $^ $(LOADLIBES) $(LDLIBS) -o $@",)),
    (".f", ("$(LINK.f) $^ $(LOADLIBES) $(LDLIBS) -o $@",)),
    (".m", ("$(LINK.m) $^ $(LOADLIBES) $(LDLIBS) -o $@",)),
    (".p", ("$(LINK.p) $^ $(LOADLIBES) $(LDLIBS) -o $@",)),
    (".F", ("$(LINK.F) $^ $(LOADLIBES) $(LDLIBS) -o $@",)),
    (".r", ("$(LINK.r) $^ $(LOADLIBES) $(LDLIBS) -o $@",)),
    (".mod", ("$(COMPILE.mod) -o $@ -e $@ $^",)),
    (".def.sym", ("$(COMPILE.def) -o $@ $<",)),
    (".sh", ("cat $< >$@ ", " chmod a+x $@")),
    (".s.o", ("$(COMPILE.s) -o $@ $<",)),
    (".S.o", ("$(COMPILE.S) -o $@ $<",)),
    (".c.o", ("$(COMPILE.c) $(OUTPUT_OPTION) $<",)),
    (".cc.o", ("$(COMPILE.cc) $(OUTPUT_OPTION) $<",)),
    (".C.o", ("$(COMPILE.C) $(OUTPUT_OPTION) $<",)),
    (".cpp.o", ("$(COMPILE.cpp) $(OUTPUT_OPTION) $<",)),
    (".f.o", ("$(COMPILE.f) $(OUTPUT_OPTION) $<",)),
    (".m.o", ("$(COMPILE.m) $(OUTPUT_OPTION) $<",)),
    (".p.o", ("$(COMPILE.p) $(OUTPUT_OPTION) $<",)),
    (".F.o", ("$(COMPILE.F) $(OUTPUT_OPTION) $<",)),
    (".r.o", ("$(COMPILE.r) $(OUTPUT_OPTION) $<",)),
    (".mod.o", ("$(COMPILE.mod) -o $@ $<",)),
    (".c.ln", ("$(LINT.c) -C$* $<",)),
    (".y.ln", (
        "$(YACC.y) $< ",
        " $(LINT.c) -C$* y.tab.c ",
        " $(RM) y.tab.c",
    )),
    (".l.ln", (
        "@$(RM) $*.c",
        " $(LEX.l) $< > $*.c",
        "$(LINT.c) -i $*.c -o $@",
        " $(RM) $*.c",
    )),
    (".y.c", ("$(YACC.y) $< ", " mv -f y.tab.c $@")),
    (".l.c", ("@$(RM) $@ ", " $(LEX.l) $< > $@")),
    (".ym.m", ("$(YACC.m) $< ", " mv -f y.tab.c $@")),
    # ".lm" is not in DEFAULT_SUFFIXES, so this target never acts as a
    # suffix rule unless a makefile adds ".lm" to .SUFFIXES.
    (".lm.m", ("@$(RM) $@ ", " $(LEX.m) $< > $@")),
    (".F.f", ("$(PREPROCESS.F) $(OUTPUT_OPTION) $<",)),
    (".r.f", ("$(PREPROCESS.r) $(OUTPUT_OPTION) $<",)),
    (".l.r", ("$(LEX.l) $< > $@ ", " mv -f lex.yy.r $@")),
    (".S.s", ("$(PREPROCESS.S) $< > $@",)),
    (".texinfo.info", ("$(MAKEINFO) $(MAKEINFO_FLAGS) $< -o $@",)),
    (".texi.info", ("$(MAKEINFO) $(MAKEINFO_FLAGS) $< -o $@",)),
    (".txinfo.info", ("$(MAKEINFO) $(MAKEINFO_FLAGS) $< -o $@",)),
    (".tex.dvi", ("$(TEX) $<",)),
    (".texinfo.dvi", ("$(TEXI2DVI) $(TEXI2DVI_FLAGS) $<",)),
    (".texi.dvi", ("$(TEXI2DVI) $(TEXI2DVI_FLAGS) $<",)),
    (".txinfo.dvi", ("$(TEXI2DVI) $(TEXI2DVI_FLAGS) $<",)),
    # In the CWEB rules the "-" argument means "no .ch change file".
    (".w.c", ("$(CTANGLE) $< - $@",)),
    (".web.p", ("$(TANGLE) $<",)),
    (".w.tex", ("$(CWEAVE) $< - $@",)),
    (".web.tex", ("$(WEAVE) $<",)),
)

# (target pattern, prerequisite patterns, recipe lines) for the built-in
# non-terminal pattern rules.  make installs them after reading makefiles.
DEFAULT_PATTERN_RULES = (
    # Archive member rule: "lib.a(foo.o)" is made from "foo.o".
    ("(%)", ("%",), ("$(AR) $(ARFLAGS) $@ $<",)),
    ("%.out", ("%",), ("@rm -f $@ ", " cp $< $@")),
    # CWEB with a change file: "ctangle foo.w foo.ch foo.c".
    ("%.c", ("%.w", "%.ch"), ("$(CTANGLE) $^ $@",)),
    ("%.tex", ("%.w", "%.ch"), ("$(CWEAVE) $^ $@",)),
)

# Terminal ("%::") built-in rules that check files out of RCS and SCCS.
DEFAULT_TERMINAL_RULES = (
    ("%", ("%,v",), ("$(CHECKOUT,v)",)),
    ("%", ("RCS/%,v",), ("$(CHECKOUT,v)",)),
    ("%", ("RCS/%",), ("$(CHECKOUT,v)",)),
    ("%", ("s.%",), ("$(GET) $(GFLAGS) $(SCCS_OUTPUT_OPTION) $<",)),
    ("%", ("SCCS/s.%",), ("$(GET) $(GFLAGS) $(SCCS_OUTPUT_OPTION) $<",)),
)
