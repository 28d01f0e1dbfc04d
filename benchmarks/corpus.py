"""A reproducible corpus of drafts for the benchmarks, generated from the project's samples.

Each draft takes the structure of a compliant sample (title, preamble, the five leads, causes,
measures) and varies it: items drawn from every sample and shuffled, phrases swapped, numbers,
dates and places changed, more items per lead until the draft reaches the target size, and
defects injected into about half of the drafts (placeholders, stand-ins, typos, punctuation,
a missing lead, an item without an example). About one draft in a hundred is a near copy of an
earlier one, so that copy detection has something to find.

Real-like drafts (``real_like=True``) look like the drafts reviewers receive: the items of a
lead mostly written inline in one long paragraph (1–2 kB) after the lead, leads sometimes in
Markdown bold copied from a web page, and about thirty findings each: half-width commas and
colons, placeholders, pinyin stand-ins, typos, doubled marks, items without an example.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BASE = SAMPLES / "good-team-2021.txt"

SWAPS = [
    ("不够", ["不够", "不足", "还不够"]),
    ("比如，", ["比如，", "例如，", "比如：", "例如："]),
    ("班子成员", ["班子成员", "班子同志", "领导班子成员"]),
    ("没有", ["没有", "未能", "没能"]),
    ("只", ["只", "仅"]),
    ("问题", ["问题", "情况"]),
    ("偏多", ["偏多", "较多", "过多"]),
    ("研究", ["研究", "研讨", "讨论"]),
    ("今年", ["今年", "本年度", "年内"]),
    ("去年", ["去年", "上一年度", "前一年"]),
]
PLACES = ["城东", "城南", "城西", "城北", "开发区", "高新区", "沿河", "东山", "西湖", "北岭"]
THINGS = ["农贸市场", "污水处理厂", "产业园区", "安置小区", "便民服务中心", "学校", "卫生院"]
UNITS = [
    "发展和改革局",
    "教育局",
    "财政局",
    "卫生健康委",
    "住房和城乡建设局",
    "市场监管局",
    "农业农村局",
    "人力资源和社会保障局",
    "交通运输局",
    "司法局",
]
COUNTIES = ["某县", "某区", "东山县", "西湖区", "北岭县", "南江区", "青石县", "白水区"]
# Problem items open with a claim; drafts draw their claims from these, so that a draft with
# many items does not repeat a sentence (which the duplicate-text rule would rightly report).
TOPICS = [
    "理论学习",
    "调查研究",
    "联系群众",
    "推动发展",
    "改革创新",
    "风险防范",
    "作风建设",
    "制度执行",
    "督促检查",
    "民生保障",
    "安全生产",
    "项目管理",
    "队伍建设",
    "廉政教育",
    "意识形态工作",
    "基层党建",
    "统筹协调",
    "担当作为",
    "服务企业",
    "舆情应对",
]
WEAKNESSES = [
    "不够深入",
    "不够系统",
    "还有差距",
    "不够扎实",
    "抓得不紧",
    "成效不明显",
    "办法不多",
    "跟踪问效不够",
    "标准不高",
    "主动性不强",
    "韧劲不足",
    "针对性不强",
]
CN_COUNT = re.compile(r"[两三四五六七八九十](?=[次项件人篇条])")
DIGITS = re.compile(r"\d+")
ITEM = re.compile(r"^(?:[一二三四五六七八九十]+是)")
INLINE_ITEM = re.compile(r"(?:^|(?<=。))\s*([一二三四五六七八九十]+是)")


@dataclass
class Draft:
    title: str
    preamble: str
    leads: list[tuple[str, list[str]]]
    causes: list[str]
    measures: list[str]
    defects: list[str] = field(default_factory=list)

    inline: bool = False  # a lead's items in one paragraph with the lead (real-like)
    bold: bool = False  # lead headings in Markdown bold (real-like)

    def render(self) -> str:
        out = [self.title, "", self.preamble, "", "一、存在的问题", ""]
        for heading, items in self.leads:
            shown = f"**{heading}**" if self.bold else heading
            numbered = [f"{_cn(i + 1)}是{item}" for i, item in enumerate(items)]
            if self.inline:
                out.append(shown + "。" + "".join(numbered))
            else:
                out.append(shown)
                out.extend(numbered)
            out.append("")
        out += ["二、原因剖析", ""]
        out += [f"（{_cn(i + 1)}）{c}" for i, c in enumerate(self.causes)]
        out += ["", "三、整改措施", ""]
        out += [f"（{_cn(i + 1)}）{m}" for i, m in enumerate(self.measures)]
        return "\n".join(out) + "\n"


def _cn(n: int) -> str:
    if n <= 10:
        return "零一二三四五六七八九十"[n]
    if n < 20:
        return "十" + "零一二三四五六七八九"[n - 10]
    return (
        "零一二三四五六七八九"[n // 10]
        + "十"
        + ("" if n % 10 == 0 else "零一二三四五六七八九"[n % 10])
    )


def _pools() -> tuple[str, str, list[str], list[str], list[str], list[str]]:
    """Title, preamble, lead headings, problem items, causes and measures of the samples."""
    lines = BASE.read_text(encoding="utf-8").split("\n")
    title, preamble = lines[0], lines[2]
    headings = [x for x in lines if x.startswith("（") and x.endswith("方面")]
    items, causes, measures = [], [], []
    part = None
    for line in lines:
        if line.startswith("二、"):
            part = "causes"
        elif line.startswith("三、"):
            part = "measures"
        elif ITEM.match(line) and part is None:
            items.append(ITEM.sub("", line))
        elif line.startswith("（") and part:
            (causes if part == "causes" else measures).append(re.sub(r"^（.+?）", "", line))
    for sample in sorted(SAMPLES.glob("good-*")):  # items written inline in other samples
        if sample == BASE:
            continue
        for line in sample.read_text(encoding="utf-8").split("\n"):
            if "方面" in line and "是" in line:
                body = line.split("方面", 1)[1].lstrip("。：:* ")
                parts = [p for p in INLINE_ITEM.split(body) if p and not ITEM.fullmatch(p)]
                items.extend(p.replace("*", "").strip() for p in parts if "。" in p)
    return title, preamble, headings, items, causes, measures


def _item(pool: list[str], rng: random.Random) -> str:
    """A problem item: a claim of its own, then a sample item's example, varied (the example
    names a date and a place, so it is the draft's own)."""
    body = _vary(rng.choice(pool), rng)
    example = re.search(r"(?:比如|例如)[，：]", body)
    claim = f"{rng.choice(PLACES)}片区{rng.choice(TOPICS)}工作{rng.choice(WEAKNESSES)}。"
    return claim + (body[example.start() :] if example else body)


def _vary(text: str, rng: random.Random) -> str:
    for word, options in SWAPS:
        if word in text and rng.random() < 0.5:
            text = text.replace(word, rng.choice(options), 1)
    text = DIGITS.sub(lambda m: str(rng.randint(2, 60)), text)
    text = CN_COUNT.sub(lambda m: rng.choice("两三四五六七八九"), text)
    for place in PLACES:
        if place in text:
            text = text.replace(place, rng.choice(PLACES))
    for thing in THINGS:
        if thing in text:
            text = text.replace(thing, rng.choice(THINGS))
    # A concrete time and place make nearly every example sentence the draft's own.
    detail = (
        f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日在{rng.choice(PLACES)}{rng.choice(THINGS)}"
    )
    return re.sub(r"(比如|例如)([，：])", lambda m: f"{m[1]}{m[2]}{detail}，", text, count=1)


DEFECTS = {
    "placeholder": lambda d, rng: _edit_item(
        d, rng, lambda s: DIGITS.sub("XX", s, count=1) if DIGITS.search(s) else s + "涉及XX人次。"
    ),
    "pinyin": lambda d, rng: setattr(
        d,
        "preamble",
        d.preamble.replace("党史", "dangshi", 1)
        if "党史" in d.preamble
        else d.preamble + "dangshi学习",
    ),
    "typo": lambda d, rng: _edit_item(d, rng, lambda s: s + "没有理清厉害关系。"),
    "halfwidth": lambda d, rng: _edit_item(d, rng, lambda s: s.replace("，", ",", 1)),
    "duplicate": lambda d, rng: _edit_item(d, rng, lambda s: s.replace("。", "。。", 1)),
    "lead-missing": lambda d, rng: d.leads.pop(rng.randrange(len(d.leads))),
    "example-missing": lambda d, rng: _edit_item(
        d, rng, lambda s: re.split(r"(?:比如|例如)[，：]", s)[0]
    ),
}


def _edit_item(draft: Draft, rng: random.Random, edit) -> None:
    _, items = rng.choice(draft.leads)
    i = rng.randrange(len(items))
    items[i] = edit(items[i])


# Real-like defects: (name, how many per draft), about thirty findings in all.
REAL_DEFECTS = [
    ("halfwidth", (4, 12)),
    ("placeholder", (1, 5)),
    ("pinyin-item", (2, 6)),
    ("typo", (0, 3)),
    ("duplicate", (0, 2)),
    ("example-missing", (1, 4)),
]
PINYIN = [("党史", "dangshi"), ("党员", "dangyuan"), ("党建", "dangjian"), ("廉政", "lianzheng")]
TYPOS = ["没有理清厉害关系。", "工作再接再励。", "存在按步就班的现象。"]


def _halfwidth_run(text: str, rng: random.Random) -> str:
    """A few of an item's full-width commas and colons typed half-width, as in pasted text."""
    marks = [m.start() for m in re.finditer("[，：]", text)]
    chosen = set(rng.sample(marks, min(len(marks), rng.randint(1, 3))))
    return "".join(("," if c == "，" else ":") if i in chosen else c for i, c in enumerate(text))


def _pinyin_item(text: str, rng: random.Random) -> str:
    word, stand_in = rng.choice(PINYIN)
    if word in text:
        return text.replace(word, stand_in, 1)
    cut = text.find("，")
    return text[: cut + 1] + f"组织{stand_in}" + text[cut + 1 :] if cut > 0 else text


REAL_EDITS = {
    "halfwidth": _halfwidth_run,
    "placeholder": lambda s, rng: (
        DIGITS.sub("XX", s, count=1) if DIGITS.search(s) else s + "涉及XX人次。"
    ),
    "pinyin-item": _pinyin_item,
    "typo": lambda s, rng: s + rng.choice(TYPOS),
    "duplicate": lambda s, rng: s.replace("。", "。。", 1),
    "example-missing": lambda s, rng: re.split(r"(?:比如|例如)[，：]", s)[0],
}


def _real_like(draft: Draft, rng: random.Random) -> None:
    draft.inline = rng.random() < 0.8
    draft.bold = rng.random() < 0.4
    for name, (low, high) in REAL_DEFECTS:
        for _ in range(rng.randint(low, high)):
            _edit_item(draft, rng, lambda s, name=name: REAL_EDITS[name](s, rng))


def generate(
    count: int, target_bytes: int = 13_800, seed: int = 2021, real_like: bool = False
) -> list[str]:
    """``count`` drafts of about ``target_bytes`` bytes each (UTF-8); ``real_like``: long
    paragraphs and about thirty findings each (see the module's docstring)."""
    rng = random.Random(seed)
    title, preamble, headings, items, causes, measures = _pools()
    drafts: list[Draft] = []
    texts = []
    for _ in range(count):
        if drafts and rng.random() < 0.01:  # a near copy of an earlier draft
            source = rng.choice(drafts)
            leads = [
                (h, [it if rng.random() < 0.85 else _vary(rng.choice(items), rng) for it in its])
                for h, its in source.leads
            ]
            draft = Draft(
                source.title, source.preamble, leads, list(source.causes), list(source.measures)
            )
        else:
            unit = rng.choice(COUNTIES) + rng.choice(UNITS)
            draft = Draft(
                title.replace("某县发展和改革局", unit),
                _vary(preamble, rng),
                [(h, []) for h in headings],
                [_vary(c, rng) for c in rng.sample(causes, len(causes))],
                [_vary(m, rng) for m in rng.sample(measures, len(measures))],
            )
            size = len(draft.render().encode())
            while size < target_bytes:
                _, lead_items = rng.choice(draft.leads)
                lead_items.append(_item(items, rng))
                size += len(lead_items[-1].encode()) + 8
            for _, lead_items in draft.leads:
                if not lead_items:
                    lead_items.append(_item(items, rng))
        drafts.append(draft)
        if real_like:
            _real_like(draft, rng)
        elif rng.random() < 0.5:
            for name in rng.sample(sorted(DEFECTS), rng.randint(1, 3)):
                DEFECTS[name](draft, rng)
        texts.append(draft.render())
    return texts


def write(folder: Path, count: int, seed: int = 2021, real_like: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, text in enumerate(generate(count, seed=seed, real_like=real_like)):
        path = folder / f"draft-{n:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
