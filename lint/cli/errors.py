"""How every command ends on a user error: one line on stderr and exit status 2 (no click:
the quick path of a plain check uses it too)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from lint.model import ConfigError, InputError, PackError


def guarded(work: Callable[..., int], *args: Any) -> int:
    """Run a command's work; a user error is one line on stderr and exit status 2, and so is
    any other failure outside a check (never a traceback, never 1, which means findings)."""
    try:
        return work(*args)
    except (ConfigError, InputError) as exc:
        return fail(str(exc))
    except PackError as exc:
        return fail(f"规则包有误：{exc}")
    except MemoryError:
        return fail("内存不足，未能完成（文件过大或过多？可分批检查）")
    except RecursionError:
        return fail("内部错误：嵌套过深，未能完成（请向 draftlint 报告此问题）")
    except Exception as exc:  # a bug: one line, exit 2
        text = " ".join(str(exc).split())[:200]
        return fail(f"内部错误：{type(exc).__name__}: {text}（请向 draftlint 报告此问题）")


def fail(message: str) -> int:
    from lint.reporters import printable  # only on failure: start-up time

    sys.stderr.write(printable(f"draftlint: {message}") + "\n")
    sys.stderr.flush()
    return 2
