"""How every command ends on a user error: one line on stderr and exit status 2 (no click:
the quick path of a plain check uses it too)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from lint.model import ConfigError, InputError, PackError


def guarded(work: Callable[..., int], *args: Any) -> int:
    """Run a command's work; a user error is one line on stderr and exit status 2."""
    try:
        return work(*args)
    except (ConfigError, InputError) as exc:
        return fail(str(exc))
    except PackError as exc:
        return fail(f"规则包有误：{exc}")


def fail(message: str) -> int:
    sys.stderr.write(f"draftlint: {message}\n")
    sys.stderr.flush()
    return 2
