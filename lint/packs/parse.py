"""Rule packs: YAML files that encode a meeting's required structure and the text checks.

A pack is loaded with positions for every node, so that any mistake in it (unknown key,
wrong type, duplicate key, bad regex) is an error naming the file, line and column.
Resolution through ``extends`` is in resolve.py.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lint.checks import KINDS, options_class
from lint.model import (
    SEVERITIES,
    Example,
    Examples,
    LeadSpec,
    Loc,
    OptionError,
    Pack,
    PackError,
    PackHeader,
    Rule,
    SectionSpec,
)
from lint.packs.schema import build, option_error
from lint.regexes import compile_regex
from lint.yamlpos import Map, Seq, load_yaml

_RULE_KEYS = ("id", "kind", "severity", "message", "description", "examples")
PACK_KEYS = (*(f.name for f in dataclasses.fields(PackHeader)), "sections", "leads", "rules")

PACK_ID = re.compile(r"[a-z0-9._-]{1,100}")


def section_pattern(spec: SectionSpec) -> Any:
    """A section's ``match`` regexes compiled into one."""
    if not spec.match:
        raise OptionError("match", "match 不能为空：至少给出一个识别标题的正则表达式")
    return compile_regex("|".join(f"(?:{m})" for m in spec.match), "match")


def parse_pack(path: Path, read: Callable[[Path], Any] | None = None) -> Pack:
    """Read and validate one pack file (and the files its rules read, such as dictionaries).
    ``read`` gives a file's YAML tree (``load_yaml``, or the pack cache's copy of it)."""
    read = read or load_yaml
    files = [path]

    def load(other: Path) -> Any:  # for options that read files beside the pack
        files.append(other)
        return read(other)

    data = read(path)
    if not isinstance(data, Map):
        raise PackError(path, 1, 1, "规则包的顶层必须是映射（id、title、rules …）")
    fields = Map(data)
    fields.loc, fields.key_locs, fields.value_locs = data.loc, data.key_locs, data.value_locs
    if isinstance(fields.get("extends"), str):
        fields["extends"] = [fields["extends"]]
    header = build(PackHeader, fields, ignore=("sections", "leads", "rules"))
    if not PACK_ID.fullmatch(header.id):  # shown in reports, paths and CI commands: plain
        raise data.at("id").error(
            f"规则包 id“{header.id[:40]}”只能使用小写字母、数字和 . _ -（如 liugedaitou-2022）"
        )
    for key in ("detect", "detect_also", "detect_not"):
        if getattr(header, key) and not header.profile:
            raise data.key_locs[key].error(
                f"{key} 只对规则集（profile: true）有效：这个规则包不会被自动识别，请删去 {key}"
            )
    if header.detect_also and not header.detect:
        raise data.key_locs["detect_also"].error("detect_also 要与 detect 一起使用：请先写 detect")
    if "rules" in data and not data["rules"]:
        raise data.at("rules").error(
            "rules 是空列表：至少写一条规则，或删去 rules 只用 extends 继承"
        )
    sections = _build_list(data, "sections", SectionSpec)
    leads = _build_list(data, "leads", LeadSpec)
    rules = [_build_rule(item, loc, header.id, path, load) for item, loc in _items(data, "rules")]
    seen: dict[str, Loc] = {}
    for rule in rules:
        if rule.id in seen:
            raise rule.at("id").error(f"规则 id“{rule.id}”重复（第 {seen[rule.id].line} 行已有）")
        seen[rule.id] = rule.at("id")
    if not rules and not header.extends:
        raise data.loc.error("规则包没有任何规则：请写 rules，或用 extends 继承其他规则包")
    return Pack(header, path, sections, leads, rules, data, files)


def _items(data: Map, key: str) -> list[tuple[Map, Loc]]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, Seq):
        raise data.at(key).error(f"“{key}”应为列表")
    for item, loc in zip(value, value.locs, strict=True):
        if not isinstance(item, Map):
            raise loc.error(f"“{key}”的每一项都应为映射")
    return list(zip(value, value.locs, strict=True))


def _build_list(data: Map, key: str, cls: type) -> list | None:
    if key not in data:
        return None
    items = []
    seen: dict[str, Loc] = {}
    for item, loc in _items(data, key):
        spec = build(cls, item, context=f"{key} 中")
        spec.loc = loc
        if cls is SectionSpec:
            try:
                spec.pattern = section_pattern(spec)
            except OptionError as exc:
                raise option_error(item, exc) from exc
        if spec.id in seen:
            raise item.at("id").error(
                f"{key} 中的 id“{spec.id}”重复（第 {seen[spec.id].line} 行已有）"
            )
        seen[spec.id] = loc
        items.append(spec)
    return items


def _build_examples(data: Any, loc: Loc) -> Examples:
    if not isinstance(data, Map):
        raise loc.error("examples 应为映射：bad: [...]、good: [...]")
    unknown = set(data) - {"bad", "good"}
    if unknown:
        key = sorted(unknown)[0]
        raise data.key_locs[key].error(f"examples 中未知的键“{key}”（可用：bad、good）")
    examples = Examples()
    for which in ("bad", "good"):
        items = data.get(which)
        if items is None:
            continue
        if not isinstance(items, Seq):
            raise data.at(which).error(f"examples.{which} 应为列表")
        for item, item_loc in zip(items, items.locs, strict=True):
            if isinstance(item, str):
                example = Example(item) if item.strip() else None
                if example is None:
                    raise item_loc.error("示例文本不能为空")
            elif isinstance(item, Map):
                example = build(Example, item, context=f"examples.{which} 中")
                if which == "good" and example.line is not None:
                    raise item.key_locs["line"].error("good 示例不报告问题，不能指定 line")
            else:
                raise item_loc.error(
                    f"examples.{which} 的每一项应为字符串，或 {{text: ..., line: 行号}}"
                )
            example.loc = item_loc
            getattr(examples, which).append(example)
    return examples


def _build_rule(data: Map, loc: Loc, pack_id: str, path: Path, load: Callable[[Path], Any]) -> Rule:
    for key in ("id", "kind"):
        if not isinstance(data.get(key), str):
            raise (data.at(key) if key in data else data.loc).error(f"规则缺少“{key}”（字符串）")
    kind = data["kind"]
    if kind not in KINDS:
        raise data.at("kind").error(f"未知的检查类型“{kind}”（可用：{'、'.join(KINDS)}）")
    severity = data.get("severity", "warning")
    if severity not in SEVERITIES:
        raise data.at("severity").error(
            f"severity 应为 {' / '.join(SEVERITIES)} 之一，而不是 {severity!r}"
        )
    if not isinstance(data.get("message"), str) or not data["message"].strip():
        where = data.at("message") if "message" in data else data.loc
        raise where.error(f"规则“{data['id']}”缺少 message（给用户看的中文提示）")
    description = data.get("description", "")
    if not isinstance(description, str | None):
        raise data.at("description").error("description 应为字符串")
    examples = data.get("examples")
    rule_context = f"规则“{data['id']}”中"
    options = build(options_class(kind), data, ignore=_RULE_KEYS, context=rule_context)
    if hasattr(options, "prepare"):  # options that read files beside the pack
        try:
            options.prepare(path.parent, load)
        except OptionError as exc:
            raise option_error(data, exc) from exc
    return Rule(
        id=data["id"],
        kind=kind,
        severity=severity,
        message=data["message"],
        options=options,
        description=description or "",
        examples=Examples() if examples is None else _build_examples(examples, data.at("examples")),
        pack=pack_id,
        loc=loc,
        data=data,
    )
