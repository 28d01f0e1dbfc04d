"""Configuration: ``.draftlint.yaml`` or ``[tool.draftlint]`` in pyproject.toml.

The file nearest to a draft (walking up from the draft's folder) configures it: profile,
extra packs, select / ignore, severity per rule, per-file (glob) overrides and exclude globs.
Command-line options win: ``--profile`` and ``--select`` replace the file's, ``--ignore`` and
``--rules`` add to it. Mistakes are errors naming the file and line, like pack errors.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lint.linter import Linter
from lint.model import (
    COPY_RULE,
    INPUT_ERROR,
    PROFILE_UNCERTAIN,
    RULE_ERROR,
    SEVERITIES,
    ConfigError,
    Loc,
    PackError,
)
from lint.packs.registry import Registry
from lint.packs.schema import build
from lint.yamlpos import Map, Seq, load_yaml

YAML_NAME = ".draftlint.yaml"
PYPROJECT = "pyproject.toml"


@dataclass
class PerFile:
    """Settings for the drafts matching ``files`` (globs relative to the config's folder)."""

    files: list[str]
    profile: str | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)


@dataclass
class ConfigFile:
    profile: str | None = None  # auto or a profile id
    rules: list[str] = field(default_factory=list)  # extra packs, relative to the config
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    per_file: list[dict] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)


@dataclass
class Config:
    path: Path
    file: ConfigFile
    per_file: list[PerFile]

    @property
    def root(self) -> Path:
        return self.path.parent

    def relative(self, draft: str) -> str | None:
        """The draft's path relative to the config's folder, with "/" (None if outside)."""
        try:
            return Path(os.path.abspath(draft)).relative_to(self.root).as_posix()
        except ValueError:
            return None

    def excludes(self, draft: str) -> bool:
        rel = self.relative(draft)
        return rel is not None and any(matches(rel, p) for p in self.file.exclude)

    def overrides(self, draft: str) -> list[PerFile]:
        rel = self.relative(draft)
        if rel is None:
            return []
        return [o for o in self.per_file if any(matches(rel, p) for p in o.files)]


def matches(rel: str, pattern: str) -> bool:
    """Whether a relative path matches a glob: the whole path, a folder it is in, or, for a
    pattern without "/", any one part of the path (as .gitignore reads such patterns)."""
    pattern = pattern.strip("/") if pattern not in ("/", "") else pattern
    if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern + "/*"):
        return True
    return "/" not in pattern and any(fnmatch.fnmatch(part, pattern) for part in rel.split("/"))


# -- finding and reading ----------------------------------------------------------------------


def find(start: Path) -> Path | None:
    """The nearest config file in ``start`` or a folder above it."""
    for folder in (start, *start.parents):
        candidate = folder / YAML_NAME
        if candidate.is_file():
            return candidate
        candidate = folder / PYPROJECT
        if candidate.is_file() and _has_tool_table(candidate):
            return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^\s*\[+\s*tool\.draftlint\b", text, re.M) is not None


def load(path: Path) -> Config:
    """Read and validate a config file; raises PackError naming file and line."""
    data = _read_toml(path) if path.name == PYPROJECT else load_yaml(path)
    if not isinstance(data, Map):
        raise PackError(path, 1, 1, "配置文件的顶层必须是映射（profile、rules、ignore …）")
    file = build(ConfigFile, data)
    _check_severities(data)
    overrides = []
    for item, loc in _per_file(data):
        if not isinstance(item, Map):
            raise loc.error("per-file 的每一项都应为映射：files、profile、select、ignore、severity")
        overrides.append(build(PerFile, item, context="per-file 中"))
        _check_severities(item)
    config = Config(path.resolve(), file, overrides)
    _check_references(config, data)
    return config


def _per_file(data: Map) -> list[tuple[Any, Loc]]:
    value = data.get("per-file", data.get("per_file"))
    return list(zip(value, value.locs, strict=True)) if isinstance(value, Seq) else []


def _check_severities(data: Map) -> None:
    for rule_id, severity in (data.get("severity") or {}).items():
        if severity not in SEVERITIES:
            raise (
                data["severity"]
                .at(rule_id)
                .error(
                    f"severity 中“{rule_id}”的级别应为 {' / '.join(SEVERITIES)} 之一，"
                    f"而不是 {severity!r}"
                )
            )


def _check_references(config: Config, data: Map) -> None:
    """Packs must exist and load; profiles and rule ids must be known: a typo is an error."""
    packs = []
    rules_value = data.get("rules")
    for entry, loc in zip(config.file.rules, getattr(rules_value, "locs", []), strict=False):
        path = config.root / entry
        if not path.is_file():
            raise loc.error(f"rules 中的规则包“{entry}”不存在（相对于 {config.root}）")
        packs.append(path)
    registry = Registry(packs)
    for path in packs:
        registry.validate(path)
    profiles = {"auto"} | {p.id for p in registry.profiles()}
    rule_ids = known_rule_ids(registry)
    for where in [data, *(item for item, _ in _per_file(data))]:
        profile = where.get("profile")
        if profile is not None and profile not in profiles:
            known = "、".join(sorted(profiles))
            raise where.at("profile").error(f"未知的规则集“{profile}”（可用：{known}）")
        for key in ("select", "ignore", "severity"):
            value = where.get(key) or []
            locs = value.locs if isinstance(value, Seq) else [value.key_locs[k] for k in value]
            for rule_id, loc in zip(value, locs, strict=True):
                if rule_id not in rule_ids:
                    hint = "用 draftlint rules list 查看全部规则"
                    raise loc.error(f"{key} 中有未知的规则 id：{rule_id}（{hint}）")


def _read_toml(path: Path) -> Map:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = (int(where[1]), int(where[2])) if where else (1, 1)
        raise PackError(path, line, column, f"TOML 语法错误：{exc}") from exc
    table = data.get("tool", {}).get("draftlint")
    lines = text.splitlines()
    header = next(
        (i for i, s in enumerate(lines) if re.match(r"\s*\[\s*tool\.draftlint\s*\]", s)), 0
    )
    if not isinstance(table, dict):
        raise PackError(path, header + 1, 1, "[tool.draftlint] 应为表")
    return _toml_node(table, str(path), lines, header, "tool.draftlint")


def _toml_node(value: Any, path: str, lines: list[str], start: int, name: str) -> Any:
    """TOML values as Map / Seq with positions (TOML parsers keep none: found by key)."""
    if isinstance(value, dict):
        result = Map()
        result.loc, result.key_locs, result.value_locs = Loc(path, start + 1, 1), {}, {}
        for key, item in value.items():
            line, column = _key_position(lines, start, key)
            loc = Loc(path, line + 1, column)
            result[key] = _toml_node(item, path, lines, line, f"{name}.{key}")
            result.key_locs[key] = result.value_locs[key] = loc
        return result
    if isinstance(value, list):
        seq = Seq()
        seq.loc, seq.locs = Loc(path, start + 1, 1), []
        headers = [i for i, s in enumerate(lines) if s.strip() == f"[[{name}]]"]
        for index, item in enumerate(value):
            line = headers[index] if index < len(headers) else start
            seq.append(_toml_node(item, path, lines, line, name))
            seq.locs.append(Loc(path, line + 1, 1))
        return seq
    return value


def _key_position(lines: list[str], start: int, key: str) -> tuple[int, int]:
    pattern = re.compile(
        rf"""^(\s*)(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*="""
    )
    for i in range(start, len(lines)):
        m = pattern.match(lines[i])
        if m:
            return i, len(m.group(1)) + 1
    return start, 1


# -- settings for each draft ------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """What one draft is checked with: the config merged with the command line."""

    profile: str = "auto"
    rules: tuple[Path, ...] = ()
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severity: tuple[tuple[str, str], ...] = ()


@dataclass
class CommandLine:
    """Options given on the command line (None: not given)."""

    profile: str | None = None
    rules: tuple[Path, ...] = ()
    select: set[str] | None = None
    ignore: set[str] | None = None


class Configs:
    """Finds and caches the config of each draft's folder."""

    def __init__(self, command_line: CommandLine, use_files: bool = True) -> None:
        self.command_line = command_line
        self.use_files = use_files
        self._by_folder: dict[Path, Config | None] = {}
        self._loaded: dict[Path, Config] = {}

    def config_for(self, draft: str) -> Config | None:
        if not self.use_files:
            return None
        folder = Path(os.path.abspath(draft if draft != "-" else "x")).parent
        if folder not in self._by_folder:
            found = find(folder)
            if found is not None and found not in self._loaded:
                self._loaded[found] = load(found)
            self._by_folder[folder] = self._loaded[found] if found else None
        return self._by_folder[folder]

    def settings(self, draft: str) -> Settings | None:
        """The settings for a draft, or None when its config excludes it."""
        return self._merge(self.config_for(draft), draft)

    def _merge(self, config: Config | None, draft: str) -> Settings | None:
        cli = self.command_line
        profile, select, ignore, severity, rules = "auto", None, set(), {}, []
        if config is not None:
            if config.excludes(draft):
                return None
            file = config.file
            profile = file.profile or profile
            rules = [config.root / r for r in file.rules]
            select = set(file.select) if file.select is not None else None
            ignore, severity = set(file.ignore), dict(file.severity)
            for override in config.overrides(draft):
                profile = override.profile or profile
                if override.select is not None:
                    select = set(override.select)
                ignore |= set(override.ignore)
                severity.update(override.severity)
        if cli.profile is not None:
            profile = cli.profile
        if cli.select is not None:
            select, ignore = set(cli.select), ignore - cli.select
        ignore |= cli.ignore or set()
        return Settings(
            profile,
            tuple(dict.fromkeys([*rules, *cli.rules])),
            frozenset(select) if select is not None else None,
            frozenset(ignore),
            tuple(sorted(severity.items())),
        )

    def plan(self, drafts: list[str]) -> list[tuple[Settings, list[str]]]:
        """Drafts grouped by their settings (excluded drafts left out), in order; with no
        draft to check, the command line's settings alone, so that they are still checked."""
        groups: dict[Settings, list[str]] = {}
        for draft in drafts:
            settings = self.settings(draft)
            if settings is not None:
                groups.setdefault(settings, []).append(draft)
        return list(groups.items()) or [(self._merge(None, "-"), [])]


def linters(drafts: list[str], command_line: CommandLine, use_files: bool = True) -> list:
    """(Linter, drafts) for each group of drafts that share settings.

    Raises PackError for a broken config or pack, ConfigError for an unknown profile or rule id
    on the command line.
    """
    result = [
        (Linter(s.profile, list(s.rules), s.select, s.ignore, dict(s.severity)), group)
        for s, group in Configs(command_line, use_files).plan(drafts)
    ]
    named = (command_line.select or set()) | (command_line.ignore or set())
    unknown = named and named - set().union(*(known_rule_ids(ln.registry) for ln, _ in result))
    if unknown:
        raise ConfigError(
            f"未知的规则 id：{'、'.join(sorted(unknown))}（用 draftlint rules list 查看全部规则）"
        )
    return result


def known_rule_ids(registry: Registry) -> set[str]:
    """Ids that --select, --ignore and the config may name: every pack's rules and the
    findings that come from no pack (copies, unreadable input, broken rules)."""
    rules = {r.id for p in registry.all_packs() for r in p.rules}
    return rules | {COPY_RULE, INPUT_ERROR, RULE_ERROR, PROFILE_UNCERTAIN}


STARTER = """\
# draftlint 配置文件。draftlint 从被检查的文稿所在目录向上查找最近的 .draftlint.yaml
# （或 pyproject.toml 中的 [tool.draftlint]）。命令行选项优先：--profile、--select 取代这里的设置，
# --ignore、--rules 在这里的基础上追加。

# 规则集：auto 按文稿标题和前言自动识别；也可写规则集 id（draftlint profiles 查看全部）。
profile: auto

# 额外的规则包（相对于本文件），例如本单位补充的要求。
rules: []
#  - rules/our-requirements.yaml

# 只启用这些规则（draftlint rules list 查看全部规则 id）；不写则启用全部。
# select: [section-missing, lead-missing, placeholder]

# 不启用这些规则。
ignore: []

# 调整规则的级别：error（错误）、warning（警告）、info（提示）。
severity: {}
#  numbering-sequence: info

# 按文件（glob，相对于本文件）调整设置。
per-file: []
#  - files: ["个人/*.txt"]
#    profile: auto
#    ignore: [example-missing]
#    severity: {punct-halfwidth: error}

# 不检查的文件或目录（glob，相对于本文件）。
exclude: []
#  - 旧稿/
#  - "*-模板.txt"
"""
