"""The ``draftlint`` program: a plain ``draftlint [check] [options] PATHS`` is parsed here,
without importing click; anything else goes to the click commands (commands.py).

click and what it imports (inspect, ast, uuid, datetime, …) are about a third of the time of
checking one draft, which a pre-commit hook pays on every commit. Only the options whose
parsing is trivial are read here; an option this parser does not know (or a value it does not
accept: ``--format bogus``, ``--jobs 0``, ``--opt=value``), ``--help``, ``--version`` and the
other commands fall back to click, which gives the same result or its usual error message
(tests/cli/test_quick.py compares both parsers on the same command lines).
"""

from __future__ import annotations

import sys
from typing import Any

from lint.cli.errors import guarded
from lint.reporters import FORMATS

# option -> CheckRun / Selection field; flags take no value.
_VALUES = {
    "--profile": "profile",
    "--select": "select",
    "--ignore": "ignore",
    "--format": "fmt",
    "--jobs": "jobs",
    "-j": "jobs",
}
_FLAGS = {
    "--no-config": ("no_config", True),
    "--strict": ("strict", True),
    "--exit-zero": ("exit_zero", True),
    "--fix": ("fix", True),
    "--diff": ("diff", True),
    "--statistics": ("statistics", True),
    "--copies": ("copies", True),
    "--no-copies": ("copies", False),
}
_SELECTION = ("profile", "select", "ignore", "no_config")


def parse_check(argv: list[str]) -> dict[str, Any] | None:
    """The options of a plain ``check`` command line, or None when click must parse it."""
    if not argv:
        return None
    if argv[0] == "check":
        argv = argv[1:]
    elif argv[0].startswith("-") and argv[0] != "-":
        # ``draftlint --format json x.txt`` is a check too, but an unknown first option may be
        # the group's (--help, --version): those are for click.
        if argv[0] not in _VALUES and argv[0] not in _FLAGS:
            return None
    elif "/" not in argv[0] and "." not in argv[0]:
        return None  # a command name (rules, annotate …) or a bare name click must resolve
    values: dict[str, Any] = {"paths": []}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _FLAGS:
            name, value = _FLAGS[arg]
            values[name] = value
        elif arg in _VALUES:
            if i + 1 == len(argv):
                return None  # click says the option needs a value
            value = argv[i + 1]
            name = _VALUES[arg]
            if name == "fmt" and value not in FORMATS:
                return None
            if name == "jobs":
                if not (value.isascii() and value.isdigit() and int(value) >= 1):
                    return None
                value = int(value)
            values[name] = value
            i += 1
        elif arg == "-" or not arg.startswith("-"):
            values["paths"].append(arg)
        else:
            return None  # an option of click's (--rules, --output, --help, -o, --x=y, --)
        i += 1
    return values


def check_run(values: dict[str, Any]) -> Any:
    """The CheckRun of parsed options, as commands.check builds it."""
    from lint.run.check import CheckRun, Selection  # only when run: start-up time

    selection = Selection(
        values.get("profile"),
        (),
        values.get("select"),
        values.get("ignore"),
        values.get("no_config", False),
    )
    fields = {k: v for k, v in values.items() if k not in _SELECTION}
    fields["paths"] = tuple(fields["paths"])
    return CheckRun(selection=selection, **fields)


def main() -> None:
    """The ``draftlint`` program (and ``python -m lint``)."""
    values = parse_check(sys.argv[1:])
    if values is None:
        from lint.cli.commands import main as commands  # click: only when needed (start-up)

        commands()
        return
    from lint.run.check import run  # only when run: start-up time

    sys.exit(guarded(run, check_run(values)))
