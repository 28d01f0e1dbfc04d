"""The closing line that human-readable formats share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from lint.model import GENERIC, SEVERITY_LABELS, Result
from lint.reporters import printable


def profile_line(result: Result) -> str:
    if result.profile is None:
        return ""
    if result.detected:
        how = result.profile_reason or "自动识别"
    elif result.profile.id == GENERIC:
        how = "未识别出会议主题，使用通用规则集"
    else:
        how = "指定"
    return printable(f"规则集：{result.profile.title}（{result.profile.id}，{how}）")


class Tally:
    """What summary() says of a batch, gathered one result at a time: a streamed report
    keeps these counts, not the results."""

    def __init__(self) -> None:
        self.files = 0
        self.counts: Counter[str] = Counter()
        self.profiles: Counter[str] = Counter()
        self.titles: dict[str, str] = {}
        self.fallback = 0  # drafts given the generic profile because no theme was recognised

    def add(self, result: Result) -> None:
        self.files += 1
        self.counts.update(f.severity for f in result.findings)
        if result.profile:
            self.profiles[result.profile.id] += 1
            self.titles[result.profile.id] = result.profile.title
            if result.profile.id == GENERIC and not result.detected:
                self.fallback += 1

    def line(self) -> str:
        counts, titles = self.counts, self.titles
        parts = [f"{SEVERITY_LABELS[s]} {counts[s]} 个" for s in SEVERITY_LABELS if counts[s]]
        used = "、".join(f"{titles[pid]}（{pid}）×{n}" for pid, n in sorted(self.profiles.items()))
        found = "，".join(parts) if parts else "未发现问题"
        fallback = self.fallback
        note = (
            f"其中 {fallback} 个文件未识别出会议主题，使用通用规则集 generic。" if fallback else ""
        )
        line = f"检查了 {self.files} 个文件：{found}。" + (f"规则集：{used}。" if used else "")
        return printable(line + note)  # pack ids: one line, nothing a terminal would obey


def summary(results: Iterable[Result]) -> str:
    tally = Tally()
    for result in results:
        tally.add(result)
    return tally.line()
