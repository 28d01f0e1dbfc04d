"""YAML files read safely and with positions, for packs, dictionaries and configuration.

Only plain YAML is accepted (maps, lists, strings, numbers, booleans): no tags that build
objects, no alias bombs, bounded size and depth. Every node remembers where it stands, so
that any mistake can be reported at its file, line and column.
"""

from __future__ import annotations

import functools
import typing
from pathlib import Path
from typing import Any

from lint.model import Loc, PackError

if typing.TYPE_CHECKING:
    import yaml

MAX_PACK_BYTES = 2_000_000
MAX_DEPTH = 30
MAX_NODES = 200_000  # counted with aliases expanded: a "billion laughs" pack is refused


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


def load_yaml(path: Path) -> Any:
    """Parse a YAML file safely (no object construction) keeping positions."""
    try:
        text = path.read_bytes()
    except FileNotFoundError as exc:
        raise PackError(path, 1, 1, "文件不存在") from exc
    except OSError as exc:
        raise PackError(path, 1, 1, f"无法读取：{exc.strerror or exc}") from exc
    if len(text) > MAX_PACK_BYTES:
        raise PackError(path, 1, 1, f"规则包过大（{len(text)} 字节，上限 {MAX_PACK_BYTES}）")
    import yaml  # here, for start-up time: packs usually come from the cache (packs/cache.py)

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
    import yaml  # for start-up time, as in load_yaml

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
    import yaml  # for start-up time, as in load_yaml

    return yaml.SafeLoader("")


# Plain YAML only: any other tag (!!python/object, !!binary, custom ones) is refused.
_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "merge", "timestamp")
}


def _construct(path: str, node: yaml.Node, depth: int) -> Any:
    import yaml  # for start-up time, as in load_yaml

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
        try:
            _scalars().flatten_mapping(node)  # resolve YAML merge keys (<<)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or node.start_mark
            where = Loc(path, mark.line + 1, mark.column + 1)
            raise where.error(f"合并键（<<）只能合并映射：{exc.problem or exc}") from None
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
    try:
        return _scalars().construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError) as exc:  # 2024-02-30, 5,000 digits …
        problem = getattr(exc, "problem", None) or " ".join(str(exc).split())[:120]
        raise _loc(path, node).error(f"无法读取的值 {node.value[:40]!r}：{problem}") from None
