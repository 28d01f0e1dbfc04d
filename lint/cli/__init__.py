"""The command line: quick.py (the program: a plain check without click), commands.py
(check, annotate and the command group, with click), rules.py (rules, profiles, init). Each
command parses options and hands the work to lint.run."""

from __future__ import annotations

from typing import Any

__all__ = ["main"]


def __getattr__(name: str) -> Any:
    if name == "main":  # the click group, imported when asked for: start-up time
        from lint.cli.commands import main

        return main
    raise AttributeError(name)
