"""The command line: commands.py (check, annotate and the command group), rules.py (rules,
profiles, init). Each command parses options and hands the work to lint.run."""

from lint.cli.commands import main

__all__ = ["main"]
