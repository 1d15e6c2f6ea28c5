"""Errors and the message forms GNU make prints them in."""

import sys

from pymake import output

# The program name used as the prefix of messages ("pymake: ...").  The
# command-line front end sets it from argv[0] and MAKELEVEL.
program = "pymake"
makelevel = 0


def prefix():
    """Return "pymake" or "pymake[N]" in a sub-make."""
    if makelevel:
        return f"{program}[{makelevel}]"
    return program


class Location:
    __slots__ = ("filename", "lineno")

    def __init__(self, filename, lineno):
        self.filename = filename
        self.lineno = lineno

    def __str__(self):
        return f"{self.filename}:{self.lineno}"


class MakeError(Exception):
    """A fatal error: printed as `LOC: *** MSG.  Stop.` and exit status 2."""

    def __init__(self, message, location=None, status=2):
        super().__init__(message)
        self.message = message
        self.location = location
        self.status = status

    def format(self):
        if self.location is not None and self.location.filename:
            return f"{self.location}: *** {self.message}.  Stop."
        return f"{prefix()}: *** {self.message}.  Stop."


def flush_stdout():
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass


def error(message, location=None):
    """Print a non-fatal error or warning in GNU make's form."""
    if location is not None and location.filename:
        output.write(True, f"{location}: {message}\n")
    else:
        output.write(True, f"{prefix()}: {message}\n")


def fatal_message(message):
    """Print `pymake: *** MSG.  Stop.` without raising."""
    output.write(True, f"{prefix()}: *** {message}.  Stop.\n")


def info(message):
    """Print a status message such as "Nothing to be done" on stdout."""
    output.write(False, f"{prefix()}: {message}\n")


def message(text):
    """Print one of make's messages, such as an echoed recipe line, on
    stdout, through the output of the current job under -O."""
    output.write(False, text + "\n")
