"""Pack regexes: bounded when compiled, and run under time budgets.

The one place where a pack's pattern meets the ``regex`` engine, so that a pathological
pattern is caught the same way in every check kind and in section headings.

- Compiling: a pattern longer than ``MAX_PATTERN_CHARS``, or whose nested counted repeats
  multiply past ``MAX_REPEAT`` (``(a{1000}){1000}``), is refused before the engine sees it.
- Running: the linter opens a :func:`budget` per draft for the whole pack and one per rule
  inside it. Every call of a pack regex spends from both, so the limit holds for a rule over
  the whole draft (however many times it calls its regex) and for the pack over the draft.
  Outside any budget (a single call from a tool), one call gets ``time_limit`` seconds.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import time
from collections.abc import Iterator

import regex

from lint.model import OptionError, RuleError

REGEX_TIMEOUT = 2.0  # seconds for one rule's regexes over a draft of ordinary length
# Longer drafts get more time, so that a slow but linear pattern is not stopped on a big draft.
REGEX_CHARS_PER_SECOND = 50_000
PACK_BUDGET_RULES = 2  # all the pack's regexes together: this many rules' worth per draft
MAX_PATTERN_CHARS = 10_000
MAX_REPEAT = 10_000  # counted repeats ({m,n}) times the counts they are nested in, summed


def compile_regex(pattern: str, key: str, flags: int = 0) -> regex.Pattern:
    """Compile a pack's regex; a bad or too costly one is an OptionError naming the key."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise OptionError(
            key, f"正则表达式过长（{len(pattern)} 个字符，上限 {MAX_PATTERN_CHARS}）", pattern
        )
    cost = repeat_cost(pattern)
    if cost > MAX_REPEAT:
        raise OptionError(
            key,
            f"正则表达式“{pattern[:80]}”的计数重复（{{m,n}}）嵌套相乘后合计 {cost} 次，"
            f"超过上限 {MAX_REPEAT}：请改小重复次数",
            pattern,
        )
    if _deferred.get():
        return LazyPattern(pattern, flags | regex.VERSION1)  # type: ignore[return-value]
    try:
        return regex.compile(pattern, flags | regex.VERSION1)
    except (regex.error, OverflowError, RecursionError, MemoryError) as exc:
        raise OptionError(key, f"正则表达式“{pattern}”无法编译：{exc}", pattern) from exc


_deferred: contextvars.ContextVar[bool] = contextvars.ContextVar("deferred", default=False)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Within this block, ``compile_regex`` checks the bounds and compiles on first use: for
    patterns known to compile (a pack rebuilt from the pack cache), so that a run compiles only
    the patterns of the profile it uses."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


class LazyPattern:
    """A pattern compiled when first used; otherwise it behaves as the compiled one."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int) -> None:
        self._source, self._flags, self._compiled = source, flags, None

    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            self._compiled = regex.compile(self._source, self._flags)
        return self._compiled

    def __getattr__(self, name: str):
        if name.startswith("__") or name in LazyPattern.__slots__:
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __reduce__(self) -> tuple:
        return (LazyPattern, (self._source, self._flags))


def identity(pattern: regex.Pattern | LazyPattern) -> tuple[str, int]:
    """What tells two patterns apart (source and flags), for memo keys: a lazy pattern is
    not compiled for it, nor reached through ``__getattr__``."""
    if type(pattern) is LazyPattern:
        return pattern._source, pattern._flags
    return pattern.pattern, pattern.flags


_COUNT = re.compile(r"\{(\d*)(?:,(\d*))?\}")


def repeat_cost(pattern: str) -> int:
    """What counted repeats ask of the compiler: the sum, over every ``{m,n}``, of the product
    of its count and the counts it is nested in (``(a{10}){20}`` → 10 + 200)."""
    groups = [1]  # per open group: the largest weight inside it
    last = 0  # weight of the item a quantifier would apply to (0: nothing to repeat)
    total = 0
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            try:
                i = _escape_end(pattern, i)
            except _Opaque:  # an unclosed \p{…}: the compiler will say so
                i = n
            last = 1
            continue
        if char == "[":
            i, last = _class_end(pattern, i), 1
            continue
        if char == "(":
            groups.append(1)
            i, last = i + 1, 0
            continue
        if char == ")":
            inner = groups.pop() if len(groups) > 1 else 1
            groups[-1] = max(groups[-1], inner)
            i, last = i + 1, inner
            continue
        if char == "{":
            m = _COUNT.match(pattern, i)
            if m and (m[1] or m[2]) and last:
                count = max(int(m[1] or 0), int(m[2] or 0), 1)
                last *= count
                total += last
                groups[-1] = max(groups[-1], last)
                i = m.end()
                continue
        last = 0 if char == "|" else 1
        i += 1
    return total


def _class_end(pattern: str, start: int) -> int:
    """The index after a character class (nested sets of VERSION1 included)."""
    i = start + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    depth = 1
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


# -- literals every match contains ------------------------------------------------------------
# A pack pattern that needs a literal the draft does not contain cannot match it: its scan over
# the whole text is skipped, and a lazy pattern is not even compiled (most entries of a words
# dictionary name a word or a year the draft does not have). The analysis is conservative:
# anything it does not fully understand gives no literal, so the scan runs as before.

# Constructs not analysed: \Q…\E, inline flags, conditionals, comments, branch resets, atomic
# groups, recursion, group references and verbs.
_OPAQUE = re.compile(r"\\Q|\(\?[(#|>&R0-9+\-'^]|\(\*|\(\?P[>=]|\(\?[a-zA-Z](?<!\(\?P)")
# {m,n} and the fuzzy constraints of ``regex`` ({e<=1}, {i<=1,d<=1} …).
_QUANTIFIER = re.compile(r"\{(?:\d*(?:,\d*)?|[^{}()|\[\]\\]*[<=>][^{}()|\[\]\\]*)\}")
_HEX = re.compile(r"[0-9A-Fa-f]*")
# Flags under which a literal might match other text (or whitespace mean nothing).
_NOT_LITERAL = regex.IGNORECASE | regex.VERBOSE | regex.BESTMATCH | regex.ENHANCEMATCH
_REQUIRED: dict[tuple[str, int], tuple[str, ...]] = {}


class _Opaque(Exception):
    """A construct the literal analysis does not follow."""


def required_literals(pattern: str, flags: int) -> tuple[str, ...]:
    """Strings that every match of ``pattern`` contains (longest first), as far as a simple
    reading can tell: literal characters outside any class, alternation, optional or
    repeated part, negative lookaround or unknown construct (positive lookarounds included:
    what they look at must be in the text). Empty when nothing is certain."""
    if not flags & regex.VERSION1 or flags & _NOT_LITERAL or _OPAQUE.search(pattern):
        return ()  # VERSION0 reads nested sets differently
    try:
        runs, end, alternation = _sequence(pattern, 0)
    except (_Opaque, IndexError):
        return ()
    if end != len(pattern) or alternation:
        return ()
    return tuple(sorted(set(runs), key=lambda run: (-len(run), run)))


def _sequence(pattern: str, i: int) -> tuple[list[str], int, bool]:
    """The literal runs a sequence requires, where it ends (at its ``)`` or the end) and
    whether it has an alternation of its own (then its runs are not required)."""
    runs: list[str] = []
    run: list[str] = []
    alternation = False
    n = len(pattern)
    while i < n:
        char = pattern[i]
        if char == ")":
            break
        if char in "(\\[.^$|?*+{":
            if char in "?*{" and run:
                run.pop()  # the character before an optional or counted repeat
            if run:
                runs.append("".join(run))
                run = []
        if char == "|":
            alternation, i = True, i + 1
        elif char == "\\":
            i = _quantified(pattern, _escape_end(pattern, i))
        elif char == "[":
            i = _quantified(pattern, _class_end(pattern, i))
        elif char in ".^$?*+{":
            i = _quantified(pattern, i + (char in ".^$"))
        elif char == "(":
            if pattern.startswith(("(?:", "(?="), i):
                start, kept = i + 3, True
            elif pattern.startswith("(?<=", i):
                start, kept = i + 4, True
            elif pattern.startswith("(?!", i):
                start, kept = i + 3, False
            elif pattern.startswith("(?<!", i):
                start, kept = i + 4, False
            elif pattern.startswith(("(?P<", "(?<"), i):
                start, kept = pattern.index(">", i) + 1, True
            elif pattern.startswith("(?", i):
                raise _Opaque(i)
            else:
                start, kept = i + 1, True
            inner, end, inner_alternation = _sequence(pattern, start)
            if pattern[end : end + 1] != ")":
                raise _Opaque(end)
            i = end + 1
            optional = pattern[i : i + 1] in ("?", "*", "{")
            i = _quantified(pattern, i)
            if kept and not optional and not inner_alternation:
                runs.extend(inner)
        elif char in "]}":
            raise _Opaque(i)
        else:
            run.append(char)
            i += 1
    if run:
        runs.append("".join(run))
    return runs, i, alternation


def _escape_end(pattern: str, i: int) -> int:
    """The index after an escape; it may swallow literal characters after it (safe: they are
    then not required), never leave part of it behind."""
    kind = pattern[i + 1 : i + 2]
    end = i + 2
    if (
        kind in ("p", "P", "N", "X", "g", "k", "L", "x", "u", "U")
        and pattern[end : end + 1] in ("{", "<")  # a tuple: "" is in any string
    ):
        close = pattern.find("}" if pattern[end] == "{" else ">", end)
        if close == -1:
            raise _Opaque(i)
        return close + 1
    if kind in ("x", "u", "U") or kind.isdigit():
        return _HEX.match(pattern, end).end()
    return end


def _quantified(pattern: str, i: int) -> int:
    """The index after the quantifier at ``i`` (and its lazy or possessive mark), if any."""
    char = pattern[i : i + 1]
    if char in ("?", "*", "+"):
        i += 1
    elif char == "{":
        m = _QUANTIFIER.match(pattern, i)
        if m is None:
            raise _Opaque(i)
        i = m.end()
    else:
        return i
    return i + 1 if pattern[i : i + 1] in ("?", "+") else i


def may_match(pattern: regex.Pattern | LazyPattern, text: str) -> bool:
    """False when the pattern needs a literal that ``text`` does not contain."""
    key = identity(pattern)
    literals = _REQUIRED.get(key)
    if literals is None:
        literals = _REQUIRED[key] = required_literals(*key)
    return all(literal in text for literal in literals)


def time_limit(length: int) -> float:
    """Seconds one rule's regexes may run over ``length`` characters."""
    return REGEX_TIMEOUT + length / REGEX_CHARS_PER_SECOND


class Budget:
    """Seconds of regex work left; spending from a budget spends from its outer ones."""

    def __init__(self, seconds: float, name: str | None, outer: Budget | None) -> None:
        self.seconds, self.left, self.name, self.outer = seconds, seconds, name, outer
        # This budget and its outer ones, innermost first: walked on every regex call.
        self.budgets: tuple[Budget, ...] = (self,) + (outer.budgets if outer else ())

    def chain(self) -> Iterator[Budget]:
        return iter(self.budgets)

    def remaining(self) -> float:
        left = self.left  # a loop, not min() over a generator: called on every regex call
        for budget in self.budgets:
            if budget.left < left:
                left = budget.left
        return left

    def spend(self, seconds: float) -> None:
        for budget in self.budgets:
            budget.left -= seconds

    def spent(self) -> Budget | None:
        """The innermost budget that is used up, if any."""
        for budget in self.budgets:
            if budget.left <= 0:
                return budget
        return None


_current: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


@contextlib.contextmanager
def budget(seconds: float, name: str | None = None) -> Iterator[Budget]:
    """Pack regexes run within this block share ``seconds`` (and any outer budget's).
    ``name`` (e.g. 规则集“generic”的) is said when this budget is the one used up."""
    current = Budget(seconds, name, _current.get())
    token = _current.set(current)
    try:
        yield current
    finally:
        _current.reset(token)


def finditer(
    pattern: regex.Pattern, text: str, owner: str, pos: int = 0, endpos: int | None = None
) -> Iterator[regex.Match]:
    """Matches of a pack regex, stopped by the time budget: a pathological pattern never
    hangs. ``owner`` says whose pattern it is in the error (规则“…”的)."""
    endpos = len(text) if endpos is None else endpos
    current = _current.get()
    if not may_match(pattern, text):  # no match possible: not compiled, not run
        if current is not None:
            _left(current, owner)  # as the scan would: a budget used up is said all the same
        return
    if type(pattern) is LazyPattern:
        pattern = pattern.compiled()
    if current is None:
        limit = time_limit(endpos - pos)
        try:
            yield from pattern.finditer(text, pos, endpos, timeout=limit)
        except TimeoutError as exc:
            raise timed_out(owner, limit) from exc
        return
    matches = pattern.finditer(text, pos, endpos, timeout=_left(current, owner))
    clock = time.perf_counter
    while True:
        started = clock()
        try:
            match = next(matches, None)
        except TimeoutError as exc:
            current.spend(clock() - started)
            raise _used_up(current, owner) from exc
        current.spend(clock() - started)
        if current.spent() is not None:
            raise _used_up(current, owner)
        if match is None:
            return
        yield match


def search(
    pattern: regex.Pattern, text: str, owner: str, pos: int = 0, endpos: int | None = None
) -> regex.Match | None:
    """The first match of a pack regex, under the same budget as ``finditer``."""
    endpos = len(text) if endpos is None else endpos
    if type(pattern) is LazyPattern:
        pattern = pattern.compiled()
    current = _current.get()
    if current is None:
        limit = time_limit(endpos - pos)
        try:
            return pattern.search(text, pos, endpos, timeout=limit)
        except TimeoutError as exc:
            raise timed_out(owner, limit) from exc
    started = time.perf_counter()
    try:
        match = pattern.search(text, pos, endpos, timeout=_left(current, owner))
    except TimeoutError as exc:
        current.spend(time.perf_counter() - started)
        raise _used_up(current, owner) from exc
    current.spend(time.perf_counter() - started)
    if current.spent() is not None:
        raise _used_up(current, owner)
    return match


def _left(current: Budget, owner: str) -> float:
    left = current.remaining()
    if left <= 0:
        raise _used_up(current, owner)
    return left


def _used_up(current: Budget, owner: str) -> RuleError:
    spent = current.spent() or current
    if spent.name:
        return RuleError(
            f"{spent.name}正则表达式在本文稿上累计运行超过 {spent.seconds:.3g} 秒，已停止"
            f"（用尽于{owner}正则表达式）；请检查是否存在灾难性回溯"
        )
    return RuleError(
        f"{owner}正则表达式在本文稿上累计运行超过 {spent.seconds:.3g} 秒，已停止；"
        "请检查是否存在灾难性回溯"
    )


def timed_out(owner: str, limit: float) -> RuleError:
    return RuleError(f"{owner}正则表达式运行超过 {limit:.3g} 秒，已停止；请检查是否存在灾难性回溯")
