"""A theme pack from a meeting notice: ``draftlint pack new --from-notice``.

The notice (or the part of it that lists the aspects) is read like a draft (lint.source), its
numbered paragraphs and inline enumerations come from lint.outline, and runs of clauses that
start with the same word (``带头……；带头……；``) are found here. The enumeration that best looks
like the list of aspects becomes the pack's leads; the year, the meeting kind and the theme's
names become its ``detect`` phrases. The pack is written as commented YAML, checked with
``rules validate`` and ``rules test`` before it is written.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pypinyin import lazy_pinyin

from lint import source
from lint.atomic import replace_file
from lint.detect import draft_year
from lint.model import ConfigError, InputError, PackError
from lint.outline import Node, Outline, parse
from lint.packs.registry import Registry
from lint.run.ruletests import Failure, check_packs
from lint.source.numerals import cn_number

KINDS = ("专题民主生活会", "民主生活会", "专题组织生活会", "组织生活会")
_CN_COUNT = "一二三四五六七八九十"
# A theme's name: 五个带头, 六个方面 …
_COUNT_NAME = re.compile(rf"([{_CN_COUNT}两]{{1,2}})个(带头|方面)")
_CAMPAIGN = re.compile(r"[\u4e00-\u9fff]{2,6}学习教育|主题教育")
_QUOTED = re.compile(r"[“\"]([\u4e00-\u9fff]{2,8})[”\"]")
# Formulations every draft quotes, whatever the theme: never a theme's name.
_UBIQUITOUS = {
    "两个确立",
    "两个维护",
    "四个意识",
    "四个自信",
    "国之大者",
    "一岗双责",
    "三会一课",
    "四风",
    "八项规定",
    "三严三实",
    "第一议题",
    "十五五",
    "十四五",
    "一把手",
    "关键少数",
}
_PIECE_END = re.compile(r"[；;。：:\n]")
# Words that open many aspects and name none of them.
_GENERIC_PREFIXES = (
    "带头",
    "进一步",
    "坚持",
    "更加",
    "切实",
    "全面",
    "深入",
    "深刻",
    "不断",
    "始终",
    "坚决",
    "自觉",
    "积极",
    "着力",
    "努力",
    "持续",
    "做到",
    "真正",
    "检视",
    "对照",
    "在",
)
_VERBS = (
    "强化",
    "提高",
    "增强",
    "加强",
    "提升",
    "树立",
    "践行",
    "落实",
    "推动",
    "推进",
    "筑牢",
    "坚定",
    "扛起",
    "履行",
    "发扬",
    "保持",
    "发挥",
    "锤炼",
)
_INTRO = re.compile(r"对照|检视|查摆|方面|带头|重点|围绕|聚焦")
_KEYWORD_SPLIT = re.compile(r"[、，,；;：:“”‘’\"'（）()《》\s]+")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


@dataclass
class Aspect:
    """One aspect of the notice, as a lead of the pack."""

    id: str
    name: str
    text: str
    keywords: list[str] = field(default_factory=list)


@dataclass
class Notice:
    """What the pack is built from."""

    path: Path
    title: str
    year: int | None
    kind: str | None
    aspects: list[Aspect]
    names: list[str]  # the theme's names: 四个带头, 主题教育 …
    daitou: bool  # the aspects start with 带头


def read_notice(path: Path) -> Notice:
    """Read a notice and find its aspects; InputError when it lists none."""
    src = source.read(str(path))
    text = src.text
    outline = parse(text, src.headings)
    title = outline.span_text(outline.title) if outline.title else _first_line(text)
    items = best_enumeration(text, outline)
    if not items:
        raise InputError(
            "未在通知中找到列举的方面（一是……二是……、（一）……（二）……、1. ……，"
            "或“带头……；带头……”）；可只保存通知中列出各方面的那一段再试"
        )
    first_lines = "\n".join(text.split("\n")[:5])
    year = draft_year(title, first_lines)
    kind = next((k for k in KINDS if k in title), None) or next(
        (k for k in KINDS if k in text), None
    )
    aspects = [Aspect("", _name(t), t) for t in items]
    _derive_keywords(aspects)
    for i, aspect in enumerate(aspects):
        aspect.id = _lead_id(aspect, i, {a.id for a in aspects[:i]})
    daitou = all(a.text.startswith("带头") for a in aspects)
    names = _theme_names(text, title, aspects, daitou)
    return Notice(path, title, year, kind, aspects, names, daitou)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


# --- the list of aspects -------------------------------------------------------------------


def _own_text(text: str, node: Node) -> str:
    """A node's text after its number, without its sub-items."""
    end = node.children[0].start if node.children else node.end
    return text[node.marker[1] : end].strip(" \t\u3000*\n")


def _runs(nodes: list[Node]) -> list[list[Node]]:
    """Runs of siblings of one style numbered 1, 2, 3 …"""
    runs: list[list[Node]] = []
    for node in nodes:
        if node.number == 1:
            runs.append([node])
        elif runs and runs[-1][-1].style == node.style and runs[-1][-1].number == node.number - 1:
            runs[-1].append(node)
    return [r for r in runs if len(r) >= 2]


def _numbered(text: str, outline: Outline) -> list[tuple[str, list[str]]]:
    """(the text just before, item texts) of every numbered enumeration."""
    found = []
    for parent in [outline.root, *outline.root.walk()]:
        for run in _runs(parent.children):
            before = text[max(0, run[0].start - 80) : run[0].start]
            found.append((before, [_own_text(text, n) for n in run]))
    return found


def _same_word(text: str) -> list[tuple[str, list[str]]]:
    """Runs of clauses that start with the same word: 带头……；带头……；带头……。"""
    pieces = []  # (start, text)
    pos = 0
    for m in _PIECE_END.finditer(text + "\n"):
        piece = text[pos : m.start()].strip(" \t\u3000*")
        if piece:
            pieces.append((pos, piece))
        pos = m.end()
    found = []
    i = 0
    while i < len(pieces):
        head = pieces[i][1][:2]
        j = i + 1
        if re.fullmatch(r"[\u4e00-\u9fff]{2}", head):
            while j < len(pieces) and pieces[j][1][:2] == head:
                j += 1
        if j - i >= 2:
            start = pieces[i][0]
            found.append((text[max(0, start - 80) : start], [p for _, p in pieces[i:j]]))
        i = j
    return found


def _score(text: str, before: str, items: list[str]) -> float:
    counts = {cn_number(m.group(1)) for m in _COUNT_NAME.finditer(text)}
    score = 0.0
    if len(items) in counts:
        score += 4
    score += 2 * sum(item.startswith(("带头", "在")) for item in items) / len(items)
    score += sum("方面" in item for item in items) / len(items)
    if _INTRO.search(before):
        score += 1
    longest = max(len(item) for item in items)
    if longest > 200 or len(items) > 10:
        score -= 3
    if min(len(item) for item in items) < 4:
        score -= 3
    return score


def best_enumeration(text: str, outline: Outline) -> list[str]:
    """The item texts of the enumeration that most looks like the list of aspects."""
    groups = _numbered(text, outline) + _same_word(text)
    if not groups:
        return []
    scored = [(_score(text, before, items), -i, items) for i, (before, items) in enumerate(groups)]
    best = max(scored)
    if best[0] <= -3:
        return []
    items = [_tidy(item) for item in best[2]]
    if not any("。" in item for item in items[:-1]):
        items[-1] = _tidy(items[-1].split("。", 1)[0])  # the list ends, the paragraph goes on
    return items


def _tidy(item: str) -> str:
    item = re.sub(r"\s+", "", item)
    item = re.sub(r"^\*+|\*+$", "", item)
    return item.rstrip("；;。，,、")


# --- names, keywords, ids ------------------------------------------------------------------


def _name(text: str) -> str:
    """The aspect's heading as drafts abbreviate it: its first clause, without 在……方面."""
    name = re.split(r"[，,；;。：:]", text, maxsplit=1)[0]
    if len(name) > 16 and "、" in name:
        name = name.split("、", 1)[0]
    name = re.sub(r"^在", "", name)
    name = re.sub(r"(?:方面|上)$", "", name) or name
    return name[:30]


def _strip_generic(piece: str) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in _GENERIC_PREFIXES:
            if piece.startswith(prefix) and len(piece) - len(prefix) >= 2:
                piece = piece[len(prefix) :]
                changed = True
    piece = re.sub(r"(?:方面|情况|等)$", "", piece)
    if len(piece) > 6 and "的" in piece:
        piece = piece.rsplit("的", 1)[1]  # 学习贯彻党的创新理论: 创新理论
    if len(piece) > 4:
        for verb in _VERBS:
            if piece.startswith(verb) and len(piece) - len(verb) >= 4:
                return piece[len(verb) :]
    return piece


def _derive_keywords(aspects: list[Aspect]) -> None:
    """The distinctive 3–6 character phrases of each aspect's heading: none that another
    aspect's heading contains (it would match the wrong aspect)."""
    for aspect in aspects:
        others = [a.name for a in aspects if a is not aspect]
        keywords: list[str] = []
        for piece in _KEYWORD_SPLIT.split(aspect.name):
            word = _strip_generic(piece)
            if not re.fullmatch(r"[\u4e00-\u9fff]{3,6}", word) or word in _UBIQUITOUS:
                continue
            if word not in keywords and not any(word in other for other in others):
                keywords.append(word)
        aspect.keywords = keywords[:4]


def _lead_id(aspect: Aspect, index: int, taken: set[str]) -> str:
    word = aspect.keywords[0] if aspect.keywords else ""
    lead_id = "".join(lazy_pinyin(word[:4])) if word else ""
    if not lead_id or not _ID.fullmatch(lead_id) or lead_id in taken:
        lead_id = f"lead-{index + 1}"
    return lead_id


def _theme_names(text: str, title: str, aspects: list[Aspect], daitou: bool) -> list[str]:
    names: list[str] = []
    for m in _COUNT_NAME.finditer(text):
        if cn_number(m.group(1)) == len(aspects) and m.group(0) not in names:
            names.append(m.group(0))
    names += [m.group(0) for m in _CAMPAIGN.finditer(title) if m.group(0) not in names]
    inside = "".join(a.text for a in aspects)
    for m in _QUOTED.finditer(text):
        name = m.group(1)
        if name not in _UBIQUITOUS and name not in inside and name not in names:
            names.append(name)
    return names


def _count_word(n: int) -> str:
    if n <= 10:
        return _CN_COUNT[n - 1]
    return ("十" if n < 20 else _CN_COUNT[n // 10 - 1] + "十") + (
        _CN_COUNT[n % 10 - 1] if n % 10 else ""
    )


def pack_id(notice: Notice) -> str:
    """wugedaitou-2026: the count word in pinyin, daitou or fangmian, the year."""
    stem = "".join(lazy_pinyin(_count_word(len(notice.aspects)) + "个")) + (
        "daitou" if notice.daitou else "fangmian"
    )
    if notice.kind and "组织生活会" in notice.kind:
        stem = f"zuzhishenghuohui-{stem}"
    return f"{stem}-{notice.year}" if notice.year else stem


# --- the pack ------------------------------------------------------------------------------


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's too)."""
    return json.dumps(value, ensure_ascii=False)


def _flow(values: list[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def _heading(aspect: Aspect) -> str:
    return f"在{aspect.name}方面"


def _draft(headings: list[str]) -> str:
    numbers = [f"（{_count_word(i + 1)}）" for i in range(len(headings))]
    return "\n".join(["一、存在的问题", *(n + h for n, h in zip(numbers, headings, strict=True))])


def render(notice: Notice, pack_id: str) -> str:
    """The commented YAML pack."""
    aspects = notice.aspects
    n = len(aspects)
    theme = notice.names[0] if notice.names else f"{_count_word(n)}个方面"
    kind = notice.kind or "民主生活会"
    year = f"{notice.year}年度" if notice.year else ""
    title = f"{year}{kind}（“{theme}”）"
    detect: list[str] = []
    if notice.year:
        detect.append(f"{notice.year}年度{kind}")
        if kind == "民主生活会":
            detect.append(f"{notice.year}年度专题民主生活会")
    detect += [name for name in notice.names if name not in detect]
    detect_not = ["组织生活会"] if "民主生活会" in kind else ["民主生活会"]
    lines = [
        f"# 由 draftlint pack new 根据会议通知“{notice.path.name}”生成。",
        "# 请逐项核对：各方面的表述（name、text）应与通知原文一致；keywords 是从各方面的表述中",
        "# 自动摘出的词语，请删去过于笼统的、补上文稿常用的简称；measure_keywords 需要您补充。",
        "# 改完后运行：draftlint rules validate 本文件 && draftlint rules test 本文件",
        f"id: {pack_id}",
        f"title: {_q(title)}",
        "description: "
        + _q(f"按会议通知列出的{_count_word(n)}个方面逐项查摆问题，再剖析原因、提出整改措施。"),
        "# 请补充通知的文号或网址，便于日后核对。",
        "source: "
        + _q(
            f"各方面的表述取自会议通知“{notice.path.name}”（{notice.title}）。"
            "文号或网址：（请补充）。使用前请与通知原文逐字核对。"
        ),
        "profile: true",
    ]
    if notice.year:
        lines.append(f"year: {notice.year}")
    else:
        lines.append("# 未在通知标题中找到年度：请补充，例如 year: 2026")
    lines += [
        "extends: [generic]",
        "# 自动识别：文稿标题或前言含下列任一词语时考虑本规则集（再按年度和各方面标题确定）。",
        "# 请删去所有文稿都会出现的词语。",
        f"detect: {_flow(detect)}",
        "# 含下列词语的文稿不是本次会议的材料。",
        f"detect_not: {_flow(detect_not)}",
        "leads:",
    ]
    for i, aspect in enumerate(aspects, 1):
        lines += [
            f"  # 第{_count_word(i)}个方面",
            f"  - id: {aspect.id}",
            f"    name: {_q(aspect.name)}",
            f"    text: {_q(aspect.text)}",
        ]
        if aspect.keywords:
            lines.append("    # 文稿的方面标题含其中任一词语即视为写了这一方面；请核对、补充简称。")
            lines.append(f"    keywords: {_flow(aspect.keywords)}")
        else:
            lines.append("    # 未能自动摘出关键词（按与 text 的相似度匹配）；")
            lines.append("    # 请补充文稿标题中常见的词语。")
            lines.append("    keywords: []")
        lines += [
            "    # 请补充：整改措施中回应这一方面的词语",
            "    measure_keywords: []",
        ]
    lines += _rules(aspects)
    return "\n".join(lines) + "\n"


def _rules(aspects: list[Aspect]) -> list[str]:
    n = len(aspects)
    full = [_heading(a) for a in aspects]
    missing = 1 if n >= 2 else 0
    bad_missing = full[:missing] + full[missing + 1 :]
    # The finding is on the heading that follows the gap, or on the section's heading.
    missing_line = missing + 2 if missing + 1 < n else 1
    short = [f"{a.keywords[0]}方面" if a.keywords else _heading(a) for a in aspects]
    good_missing = [_draft(full)]
    if short != full:
        good_missing.append(_draft(short))
    swapped = [full[1], full[0]]
    measure = "\n".join(
        [
            "一、存在的问题",
            f"（一）{full[0]}",
            "一是调查研究不够深入，比如全年只到基层调研2次。",
            "二、原因剖析",
            "一是宗旨意识有所淡化。",
            "三、整改措施",
        ]
    )
    lines = [
        "rules:",
        "  - id: lead-missing",
        "    kind: leads",
        "    section: problems",
        "    severity: error",
        "    message: “存在的问题”部分缺少“{lead}”方面",
        f"    description: 会议通知要求逐项对照这{_count_word(n)}个方面查摆问题，"
        "每个方面都应有一个（一）级标题。",
        "    examples:",
        "      bad:",
        f"        - {{text: {_q(_draft(bad_missing))}, line: {missing_line}}}",
        "      good:",
        *(f"        - {_q(text)}" for text in good_missing),
        "",
    ]
    if n >= 2:
        lines += [
            "  - id: lead-order",
            "    kind: leads",
            "    section: problems",
            "    check: order",
            "    severity: warning",
            "    message: “{lead}”方面应排在“{after}”方面之前，请按会议通知的顺序排列",
            "    description: 各方面应按会议通知列出的顺序排列，便于对照审阅。",
            "    examples:",
            "      bad:",
            f"        - {{text: {_q(_draft(swapped))}, line: 3}}",
            "      good:",
            f"        - {_q(_draft(full[:2]))}",
            "",
        ]
    lines += [
        "  # 问题和措施一一对应。各方面的 measure_keywords 为空时这条规则不起作用（不知道什么样的",
        "  # 措施算是回应）：补充 measure_keywords 后，删去下面各行开头的“# ”即可启用，",
        "  # 并把示例中的措施改成含这些词语的句子（good）和不含的句子（bad）。",
        "  # - id: measure-uncovered",
        "  #   kind: pairing",
        "  #   section: problems",
        "  #   answers: measures",
        "  #   severity: warning",
        "  #   message: “{lead}”方面查摆了问题，但“{section}”中没有与之对应的措施，"
        "请补充针对性的整改措施",
        "  #   description: 每个查摆了问题的方面，整改措施部分都应有回应它的措施"
        "（按各方面的 measure_keywords 判断）。",
        "  #   examples:",
        "  #     bad:",
        f"  #       - {_q(measure + chr(10) + '（一）规范公文办理，6月底前完成。')}",
        "  #     good:",
        f"  #       - {_q(measure + chr(10) + '（一）深入基层调查研究，每季度调研不少于2次。')}",
    ]
    return lines


# --- writing -------------------------------------------------------------------------------


@dataclass
class Written:
    path: Path
    notice: Notice
    pack_id: str
    failures: list[Failure]


def self_check(text: str, pack_id: str) -> list[Failure]:
    """Validate the pack and run its examples; PackError if it is not valid."""
    with tempfile.TemporaryDirectory(prefix="draftlint-pack-") as folder:
        path = Path(folder) / f"{pack_id}.yaml"
        replace_file(str(path), lambda out: out.write(text.encode("utf-8")))
        Registry([path]).validate(path)
        return list(check_packs([path]).failures or [])


def new_pack(
    notice_path: Path, output: Path | None = None, pack_id_: str | None = None, force=False
) -> Written:
    """Build a pack from a notice and write it; InputError / ConfigError on bad input."""
    if pack_id_ is not None and not _ID.fullmatch(pack_id_):
        raise ConfigError(f"--id“{pack_id_}”无效：只能由字母、数字、- 和 _ 组成")
    notice = read_notice(notice_path)
    chosen = pack_id_ or pack_id(notice)
    output = output or Path(f"{chosen}.yaml")
    if output.exists() and output.resolve() == notice_path.resolve():
        raise ConfigError(f"输出文件 {output} 就是通知本身，不能覆盖；请用 -o 另选文件名")
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise ConfigError(f"输出文件 {output} 应以 .yaml 结尾")
    if output.exists() and not force:
        raise ConfigError(f"{output} 已存在；如需覆盖请加 --force")
    text = render(notice, chosen)
    try:
        failures = self_check(text, chosen)
    except PackError as exc:  # a bug of the generator, not of the notice
        raise RuntimeError(f"generated pack does not validate: {exc}") from exc
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        replace_file(str(output), lambda out: out.write(text.encode("utf-8")))
    except OSError as exc:
        raise ConfigError(f"无法写入 {output}：{exc.strerror or exc}") from exc
    return Written(output, notice, chosen, failures)
