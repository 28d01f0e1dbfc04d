"""Rule packs: YAML files that encode a meeting's required structure and the text checks.

A pack is loaded with positions for every node, so that any mistake in it (unknown key,
wrong type, duplicate key, bad regex, missing or cyclic ``extends``) is an error naming the
file, line and column. Packs are resolved through ``extends`` into a :class:`Profile`.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

if typing.TYPE_CHECKING:
    import yaml

from lint.findings import SEVERITIES

SHIPPED = Path(__file__).resolve().parent / "rules"
if not SHIPPED.is_dir():  # a source checkout: the packs live beside the package
    SHIPPED = Path(__file__).resolve().parent.parent / "rules"

MAX_PACK_BYTES = 2_000_000
MAX_DEPTH = 30
MAX_NODES = 200_000  # counted with aliases expanded: a "billion laughs" pack is refused


class PackError(Exception):
    """A pack that cannot be used; ``str()`` gives ``file:line:col: message``."""

    def __init__(self, path: str | Path, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = str(path), line, column, message


class OptionError(ValueError):
    """Raised by a check's options; ``key`` names the offending option."""

    def __init__(self, key: str, message: str, pattern: str | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.pattern = pattern  # set when a regex failed to compile


# -- YAML with positions --------------------------------------------------------------


@dataclass(frozen=True)
class Loc:
    path: str
    line: int
    column: int

    def error(self, message: str) -> PackError:
        return PackError(self.path, self.line, self.column, message)


class Map(dict):
    """A YAML mapping that remembers where it and each of its keys and values stand."""

    loc: Loc
    key_locs: dict[str, Loc]
    value_locs: dict[str, Loc]

    def at(self, key: str) -> Loc:
        return self.value_locs.get(key, self.loc)


class Seq(list):
    loc: Loc
    locs: list[Loc]


def _loc(path: str, node: yaml.Node) -> Loc:
    return Loc(path, node.start_mark.line + 1, node.start_mark.column + 1)


# Every file load_yaml reads, in order: the pack cache (lint/cache.py) keys packs on them.
files_read: list[Path] = []


def load_yaml(path: Path) -> Any:
    """Parse a YAML file safely (no object construction) keeping positions."""
    files_read.append(path)
    try:
        text = path.read_bytes()
    except FileNotFoundError as exc:
        raise PackError(path, 1, 1, "文件不存在") from exc
    except OSError as exc:
        raise PackError(path, 1, 1, f"无法读取：{exc.strerror or exc}") from exc
    if len(text) > MAX_PACK_BYTES:
        raise PackError(path, 1, 1, f"规则包过大（{len(text)} 字节，上限 {MAX_PACK_BYTES}）")
    import yaml  # here, not at the top: packs usually come from the cache (lint/cache.py)

    try:
        node = yaml.compose(text.decode("utf-8-sig"), Loader=yaml.SafeLoader)
    except UnicodeDecodeError as exc:
        raise PackError(path, 1, 1, "规则包必须是 UTF-8 编码") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise PackError(path, line, col, f"YAML 语法错误：{exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise PackError(path, 1, 1, f"YAML 语法错误：{exc}") from exc
    except RecursionError as exc:  # the composer recurses once per level of nesting
        raise PackError(path, 1, 1, f"嵌套过深（超过 {MAX_DEPTH} 层）") from exc
    if node is None:
        raise PackError(path, 1, 1, "规则包是空的")
    _expanded_size(str(path), node, {})
    return _construct(str(path), node, 0)


def _expanded_size(path: str, node: yaml.Node, sizes: dict[int, int]) -> int:
    """Nodes in the document once aliases are expanded, counted without expanding them."""
    import yaml

    key = id(node)
    if key in sizes:
        return sizes[key]
    sizes[key] = 1  # an alias to an ancestor: construction stops it at MAX_DEPTH
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    size = 1 + sum(_expanded_size(path, child, sizes) for child in children)
    if size > MAX_NODES:
        raise _loc(path, node).error(f"规则包展开别名后过大（超过 {MAX_NODES} 个节点）")
    sizes[key] = size
    return size


@functools.cache
def _scalars() -> yaml.SafeLoader:
    import yaml

    return yaml.SafeLoader("")


# Plain YAML only: any other tag (!!python/object, !!binary, custom ones) is refused.
_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "merge", "timestamp")
}


def _construct(path: str, node: yaml.Node, depth: int) -> Any:
    import yaml

    if depth > MAX_DEPTH:
        raise _loc(path, node).error(f"嵌套过深（超过 {MAX_DEPTH} 层）")
    if node.tag not in _TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _loc(path, node).error(
            f"不允许的 YAML 标签“{tag}”：规则包只能使用映射、列表、字符串、数字和布尔值"
        )
    if isinstance(node, yaml.MappingNode):
        result = Map()
        result.loc, result.key_locs, result.value_locs = _loc(path, node), {}, {}
        _scalars().flatten_mapping(node)  # resolve YAML merge keys (<<)
        for key_node, value_node in node.value:
            key = _construct(path, key_node, depth + 1)
            if not isinstance(key, str):
                raise _loc(path, key_node).error(f"键必须是字符串，而不是 {key!r}")
            if key in result:
                first = result.key_locs[key]
                raise _loc(path, key_node).error(f"重复的键“{key}”（第 {first.line} 行已有）")
            result[key] = _construct(path, value_node, depth + 1)
            result.key_locs[key] = _loc(path, key_node)
            result.value_locs[key] = _loc(path, value_node)
        return result
    if isinstance(node, yaml.SequenceNode):
        seq = Seq(_construct(path, item, depth + 1) for item in node.value)
        seq.loc, seq.locs = _loc(path, node), [_loc(path, item) for item in node.value]
        return seq
    return _scalars().construct_object(node, deep=True)


# -- Schema ---------------------------------------------------------------------------


def _type_name(hint: Any) -> str:
    names = {str: "字符串", int: "整数", bool: "布尔值（true/false）", float: "数字"}
    origin = typing.get_origin(hint)
    if hint in names:
        return names[hint]
    if origin is list:
        return f"{_type_name(typing.get_args(hint)[0])}列表"
    if origin is dict:
        return "映射（键: 值）"
    if origin in (typing.Union, types.UnionType):
        return "或".join(_type_name(a) for a in typing.get_args(hint) if a is not type(None))
    return "值"


def check_type(value: Any, hint: Any) -> bool:
    """Whether a YAML value fits a type hint (str, int, bool, list[...], dict[...], unions)."""
    if hint is Any:
        return True
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(check_type(value, arg) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(check_type(v, item) for v in value)
    if origin is dict:
        key, item = typing.get_args(hint)
        return isinstance(value, dict) and all(
            check_type(k, key) and check_type(v, item) for k, v in value.items()
        )
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def build(cls: type, data: Map, ignore: tuple[str, ...] = (), context: str = "") -> Any:
    """Instantiate a dataclass from a YAML mapping: unknown keys and wrong types are errors."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    kwargs = {}
    for key, value in data.items():
        if key in ignore:
            continue
        name = key.replace("-", "_")
        if name not in fields:
            known = "、".join(sorted(set(fields) | set(ignore)))
            raise data.key_locs[key].error(f"{context}未知的键“{key}”（可用：{known}）")
        if not check_type(value, hints[name]):
            raise data.at(key).error(f"“{key}”应为{_type_name(hints[name])}，而不是 {value!r}")
        kwargs[name] = value
    required = (
        name
        for name, f in fields.items()
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    for name in required:
        if name not in kwargs and name not in ignore:
            raise data.loc.error(f"{context}缺少必需的键“{name}”")
    try:
        return cls(**kwargs)
    except OptionError as exc:
        raise option_error(data, exc) from exc


def option_error(data: Map, exc: OptionError) -> PackError:
    """An option's error at its YAML node; for a list of regexes, at the one that is wrong."""
    key = next((k for k in data if k.replace("-", "_") == exc.key), None)
    if key is None:
        return data.loc.error(str(exc))
    value = data[key]
    if isinstance(value, Seq) and exc.pattern is not None:
        for item, loc in zip(value, value.locs, strict=True):
            try:
                compile_regex(item, key) if isinstance(item, str) else None
            except OptionError as item_exc:
                return loc.error(str(item_exc))
    return data.at(key).error(str(exc))


def compile_regex(pattern: str, key: str, flags: int = 0) -> regex.Pattern:
    """Compile a pack's regex; a bad one is an OptionError naming the key."""
    try:
        return regex.compile(pattern, flags | regex.VERSION1)
    except regex.error as exc:
        raise OptionError(key, f"正则表达式“{pattern}”无法编译：{exc}", pattern) from exc


# -- Packs ----------------------------------------------------------------------------


@dataclass
class SectionSpec:
    """A top-level part of a draft, recognised by its heading."""

    id: str
    title: str
    match: list[str]
    pattern: regex.Pattern = field(init=False, repr=False)
    loc: Loc | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.match:
            raise OptionError("match", "match 不能为空：至少给出一个识别标题的正则表达式")
        self.pattern = compile_regex("|".join(f"(?:{m})" for m in self.match), "match")


@dataclass
class LeadSpec:
    """A lead / aspect the meeting notice requires under a section."""

    id: str
    name: str
    text: str = ""
    keywords: list[str] = field(default_factory=list)
    section: str = "problems"
    measure_keywords: list[str] = field(default_factory=list)  # a measure answering the lead
    loc: Loc | None = field(init=False, default=None, repr=False)


@dataclass
class Example:
    """A text a rule must (bad) or must not (good) report; ``line``: where it must report."""

    text: str
    line: int | None = None
    loc: Loc | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise OptionError("text", "示例文本不能为空")
        if self.line is not None and not 1 <= self.line <= self.text.count("\n") + 1:
            raise OptionError("line", f"line 应在 1 到 {self.text.count(chr(10)) + 1} 之间")


@dataclass
class Examples:
    bad: list[Example] = field(default_factory=list)
    good: list[Example] = field(default_factory=list)


@dataclass
class Rule:
    id: str
    kind: str
    severity: str
    message: str
    options: Any
    description: str = ""
    examples: Examples = field(default_factory=Examples)
    pack: str = ""
    loc: Loc | None = None
    data: Map | None = field(default=None, repr=False)  # the rule as written, for errors

    def at(self, key: str) -> Loc | None:
        """Where one of the rule's keys stands (the rule itself if the key is not written)."""
        if self.data is not None and key in self.data:
            return self.data.at(key)
        return self.loc


_RULE_KEYS = ("id", "kind", "severity", "message", "description", "examples")


@dataclass
class PackHeader:
    id: str
    title: str
    description: str = ""
    source: str = ""
    profile: bool = False
    year: int | None = None
    extends: list[str] = field(default_factory=list)
    detect: list[str] = field(default_factory=list)
    detect_also: list[str] = field(default_factory=list)  # one of these must appear as well
    substitutes: dict[str, str] = field(default_factory=dict)


PACK_KEYS = (*(f.name for f in dataclasses.fields(PackHeader)), "sections", "leads", "rules")


@dataclass
class Pack:
    header: PackHeader
    path: Path
    sections: list[SectionSpec] | None
    leads: list[LeadSpec] | None
    rules: list[Rule]
    data: Map = field(default_factory=Map, repr=False)  # the pack as written, for errors

    @property
    def id(self) -> str:
        return self.header.id

    def extends_locs(self) -> list[Loc]:
        """Where each ``extends`` entry stands."""
        value = self.data.get("extends")
        if isinstance(value, Seq):
            return value.locs
        return [self.data.at("extends")] * len(self.header.extends)


def parse_pack(path: Path) -> Pack:
    data = load_yaml(path)
    if not isinstance(data, Map):
        raise PackError(path, 1, 1, "规则包的顶层必须是映射（id、title、rules …）")
    fields = Map(data)
    fields.loc, fields.key_locs, fields.value_locs = data.loc, data.key_locs, data.value_locs
    if isinstance(fields.get("extends"), str):
        fields["extends"] = [fields["extends"]]
    header = build(PackHeader, fields, ignore=("sections", "leads", "rules"))
    for key in ("detect", "detect_also"):
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
    rules = [_build_rule(item, loc, header.id, path) for item, loc in _items(data, "rules")]
    seen: dict[str, Loc] = {}
    for rule in rules:
        if rule.id in seen:
            raise rule.at("id").error(f"规则 id“{rule.id}”重复（第 {seen[rule.id].line} 行已有）")
        seen[rule.id] = rule.at("id")
    if not rules and not header.extends:
        raise data.loc.error("规则包没有任何规则：请写 rules，或用 extends 继承其他规则包")
    return Pack(header, path, sections, leads, rules, data)


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


def _build_rule(data: Map, loc: Loc, pack_id: str, path: Path) -> Rule:
    from lint.checks import KINDS, options_class

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
            options.prepare(path.parent)
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


# -- Resolution -----------------------------------------------------------------------


@dataclass
class Profile:
    """A pack resolved through ``extends``: everything a draft is checked against."""

    id: str
    title: str
    description: str
    source: str
    year: int | None
    detect: list[str]
    substitutes: dict[str, str]
    sections: list[SectionSpec]
    leads: list[LeadSpec]
    rules: list[Rule]
    path: Path


GENERIC = "generic"


class Registry:
    """Finds packs by id: in the directories of packs given by the user, then shipped ones."""

    def __init__(self, extra: list[Path] | None = None) -> None:
        self.dirs = [p.parent for p in extra or []] + [SHIPPED]
        self.extra = list(extra or [])
        self._cache: dict[Path, Pack] = {}

    def pack_file(self, pack_id: str) -> Path | None:
        for d in self.dirs:
            candidate = d / f"{pack_id}.yaml"
            if candidate.is_file():
                return candidate
        return None

    def load(self, path: Path) -> Pack:
        """The one entry point that reads a pack file."""
        path = path.resolve()
        if path not in self._cache:
            from lint.cache import load_pack

            self._cache[path] = load_pack(path, parse_pack)
        return self._cache[path]

    def all_packs(self) -> list[Pack]:
        """Shipped packs and the user's; a user pack replaces a shipped one of the same id."""
        packs = {p.id: p for p in (self.load(f) for f in sorted(SHIPPED.glob("*.yaml")))}
        packs.update((p.id, p) for p in (self.load(f) for f in self.extra))
        return list(packs.values())

    def profiles(self) -> list[Pack]:
        return [p for p in self.all_packs() if p.header.profile]

    def find(self, pack_id: str) -> Pack | None:
        for pack in [self.load(p) for p in self.extra]:
            if pack.id == pack_id:
                return pack
        path = self.pack_file(pack_id)
        if path is None:
            return None
        pack = self.load(path)
        if pack.id != pack_id:
            raise pack.data.at("id").error(
                f"id“{pack.id}”与文件名“{path.name}”不一致：按 id 引用的规则包必须存为“id.yaml”"
            )
        return pack

    def known_ids(self) -> str:
        return "、".join(sorted(p.stem for d in self.dirs for p in d.glob("*.yaml")))

    def resolve(self, pack: Pack) -> Profile:
        """The pack merged with everything it extends; errors point at the offending node."""
        profile = self._resolve(pack, ())
        profile.sections = profile.sections or []
        profile.leads = profile.leads or []
        if pack.header.profile:
            check_references(profile, pack)
        return profile

    def _resolve(self, pack: Pack, chain: tuple[str, ...]) -> Profile:
        """Like resolve, but sections and leads no pack in the chain declares stay None, so
        that a later parent that declares none does not empty an earlier parent's."""
        chain = (*chain, pack.id)
        profile = Profile(
            pack.id, pack.header.title, pack.header.description, pack.header.source,
            None, [], {}, None, None, [], pack.path,
        )  # fmt: skip
        rules: dict[str, Rule] = {}
        for parent_id, loc in zip(pack.header.extends, pack.extends_locs(), strict=True):
            if parent_id in chain:
                raise loc.error(f"extends 出现循环：{' → '.join((*chain, parent_id))}")
            parent = self.find(parent_id)
            if parent is None:
                raise loc.error(
                    f"extends 引用的规则包“{parent_id}”不存在（可用：{self.known_ids()}）"
                )
            _merge(profile, self._resolve(parent, chain), rules)
        own = Profile(
            pack.id, pack.header.title, pack.header.description, pack.header.source,
            pack.header.year, pack.header.detect, pack.header.substitutes,
            pack.sections, pack.leads, pack.rules, pack.path,
        )  # fmt: skip
        _merge(profile, own, rules)
        profile.rules = list(rules.values())
        profile.detect = pack.header.detect
        return profile

    def overlay(self, profile: Profile, pack: Pack) -> Profile:
        """A plain pack laid over a profile, as if the profile extended it last: its rules,
        stand-ins and any sections or leads it declares. Its rules must fit the result."""
        top = self._resolve(pack, ())
        merged = dataclasses.replace(profile, rules=[])
        rules = {r.id: r for r in profile.rules}
        _merge(merged, top, rules)
        merged.rules = list(rules.values())
        check_references(merged, pack)
        return merged

    def context(self, pack: Pack) -> Profile:
        """The profile a pack's rules run in: the pack itself if it is a profile; otherwise
        the generic profile's sections and leads with the pack's rules and stand-ins."""
        profile = self.resolve(pack)
        if pack.header.profile:
            return profile
        generic = self.find(GENERIC)
        if generic is not None and not profile.sections:
            base = self.resolve(generic)
            profile.sections, profile.leads = base.sections, base.leads
            profile.substitutes = {**base.substitutes, **profile.substitutes}
        check_references(profile, pack)
        return profile

    def validate(self, path: Path) -> Profile:
        """Load and resolve a pack file: raises PackError on anything wrong with it."""
        return self.context(self.load(path))


def _merge(into: Profile, other: Profile, rules: dict[str, Rule]) -> None:
    """Lay ``other`` over ``into``: lists it declares replace, rules replace by id."""
    into.year = other.year or into.year
    into.substitutes = {**into.substitutes, **other.substitutes}
    if other.sections is not None:
        into.sections = other.sections
    if other.leads is not None:
        into.leads = other.leads
    for rule in other.rules:
        rules[rule.id] = rule


def check_references(profile: Profile, pack: Pack) -> None:
    """Section ids named by leads and rules must be declared; a leads rule needs leads."""
    if not profile.rules:
        raise pack.data.loc.error("规则包没有任何规则（本身没有 rules，extends 也没有继承到）")
    known = {s.id for s in profile.sections}
    declared = f"（已声明：{'、'.join(sorted(known)) or '无'}）"
    for lead in profile.leads:
        if lead.section not in known:
            loc = lead.loc or pack.data.loc
            raise loc.error(f"lead“{lead.id}”引用了未声明的部分“{lead.section}”{declared}")
    for rule in profile.rules:
        for key in SECTION_OPTIONS:
            named = getattr(rule.options, key, None)
            for section_id in [named] if isinstance(named, str) else named or []:
                if section_id not in known:
                    raise rule.at(key).error(
                        f"规则“{rule.id}”引用了未声明的部分“{section_id}”{declared}"
                    )
        if rule.kind in ("leads", "pairing"):
            _check_leads_exist(profile, rule)


# Options of any check kind that name sections of the profile.
SECTION_OPTIONS = ("section", "sections", "answers")


def _check_leads_exist(profile: Profile, rule: Rule) -> None:
    """A rule about a section's leads can never fire when the profile declares none there
    (or, for pairing, none that says what answers it)."""
    leads = [lead for lead in profile.leads if lead.section == rule.options.section]
    if rule.kind == "pairing":
        leads = [lead for lead in leads if lead.measure_keywords]
    if not leads:
        what = "带 measure_keywords 的 lead" if rule.kind == "pairing" else "lead"
        raise rule.at("section").error(
            f"规则“{rule.id}”检查“{rule.options.section}”部分的 leads，"
            f"但规则集没有为这个部分声明任何 {what}：这条规则永远不会触发"
        )
