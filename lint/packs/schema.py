"""The schema of packs and configuration: dataclasses built from YAML maps, with unknown
keys and wrong types reported at their node."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from lint.model import OptionError, PackError
from lint.regexes import compile_regex
from lint.yamlpos import Map, Seq


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


_SCHEMAS: dict[type, tuple[dict[str, Any], dict[str, dataclasses.Field]]] = {}


def _schema(cls: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field]]:
    """The type hints and init fields of a dataclass, found once per class: evaluating the
    hints compiles every annotation, and a run builds a hundred options and specs."""
    schema = _SCHEMAS.get(cls)
    if schema is None:
        hints = typing.get_type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
        schema = _SCHEMAS[cls] = (hints, fields)
    return schema


def build(cls: type, data: Map, ignore: tuple[str, ...] = (), context: str = "") -> Any:
    """Instantiate a dataclass from a YAML mapping: unknown keys and wrong types are errors."""
    hints, fields = _schema(cls)
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
