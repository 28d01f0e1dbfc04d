"""The closing line that human-readable formats share."""

from __future__ import annotations

from collections import Counter

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


def summary(results: list[Result]) -> str:
    counts = Counter(f.severity for r in results for f in r.findings)
    profiles = Counter(r.profile.id for r in results if r.profile)
    titles = {r.profile.id: r.profile.title for r in results if r.profile}
    parts = [f"{SEVERITY_LABELS[s]} {counts[s]} 个" for s in SEVERITY_LABELS if counts[s]]
    used = "、".join(f"{titles[pid]}（{pid}）×{n}" for pid, n in sorted(profiles.items()))
    found = "，".join(parts) if parts else "未发现问题"
    fallback = sum(1 for r in results if r.profile and r.profile.id == GENERIC and not r.detected)
    note = f"其中 {fallback} 个文件未识别出会议主题，使用通用规则集 generic。" if fallback else ""
    line = f"检查了 {len(results)} 个文件：{found}。" + (f"规则集：{used}。" if used else "") + note
    return printable(line)  # pack ids: one line, nothing a terminal or GitHub would obey
