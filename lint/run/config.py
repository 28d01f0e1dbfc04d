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
import stat
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from lint.linter import Linter
from lint.model import (
    CONVERTED,
    COPY_RULE,
    INPUT_ERROR,
    PROFILE_UNCERTAIN,
    RULE_ERROR,
    SEVERITIES,
    UNUSED_SUPPRESSION,
    ConfigError,
    Loc,
    PackError,
)
from lint.packs.registry import Registry
from lint.packs.schema import build
from lint.reporters import printable
from lint.suppress import Accept, Policy
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
    """A configuration file's settings, as written."""

    profile: str | None = None  # auto or a profile id
    rules: list[str] = field(default_factory=list)  # extra packs, relative to the config
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    per_file: list[dict] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    accept: list[dict] = field(default_factory=list)  # {rule, text} or {rule, path}


class Config:
    """A configuration file read: its settings and per-file sections. (A plain class: a
    dataclass costs ≈ 1.5 M instructions to define at start-up.)"""

    def __init__(self, path: Path, file: ConfigFile, per_file: list[PerFile]) -> None:
        self.path, self.file, self.per_file = path, file, per_file
        self.accept: tuple[Accept, ...] = ()

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
    """The nearest config file in ``start`` or a folder above it, up to the repository root
    (the folder holding ``.git``) or the user's home folder, whichever comes first. A config
    that others could have put there or changed is skipped with a warning."""
    home = _home()
    for folder in (start, *start.parents):
        for candidate in (folder / YAML_NAME, folder / PYPROJECT):
            if not candidate.is_file():
                continue
            if candidate.name == PYPROJECT and not _has_tool_table(candidate):
                continue
            why = untrusted(candidate)
            if why is None:
                return candidate
            warn(f"draftlint: 跳过配置文件 {candidate}：{why}")
        if folder == home or (folder / ".git").exists():
            break
    return None


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        return None


def untrusted(path: Path) -> str | None:
    """Why a config file found by the upward search may have been written by someone else
    (None: it may be read): the file belongs to another user or is writable by all, or its
    folder is writable by all or belongs to another user, unless that folder is sticky (like
    /tmp: only the file's owner can replace it)."""
    try:
        st, folder = path.stat(), path.parent.stat()
    except OSError:
        return None  # reading it will say why
    trusted = (os.geteuid(), 0)
    if st.st_mode & stat.S_IWOTH:
        return "文件对所有用户可写"
    if st.st_uid not in trusted:
        return "文件属于其他用户"
    if not folder.st_mode & stat.S_ISVTX:
        if folder.st_mode & stat.S_IWOTH:
            return "所在目录对所有用户可写，任何人都可能放入此文件"
        if folder.st_uid not in trusted:
            return "所在目录属于其他用户"
    return None


def warn(message: str) -> None:
    """A warning on stderr (control characters shown, never obeyed)."""
    print(printable(message), file=sys.stderr)


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
    config.accept = _accept(data, str(config.root))
    return config


def _accept(data: Map, root: str) -> tuple[Accept, ...]:
    """The accept list: each entry a map of rule and text or path (rule ids are checked with
    the others by _check_references)."""
    value = data.get("accept")
    if not isinstance(value, Seq):
        return ()
    entries = []
    for item, loc in zip(value, value.locs, strict=True):
        if not isinstance(item, Map) or not isinstance(item.get("rule"), str):
            raise loc.error("accept 的每一项都应为映射，含 rule 和 text 或 path")
        unknown = set(item) - {"rule", "text", "path"}
        if unknown:
            raise item.key_locs[sorted(unknown)[0]].error(
                f"accept 中未知的键“{sorted(unknown)[0]}”（可用：rule、text、path）"
            )
        text, path = item.get("text"), item.get("path")
        if not any(isinstance(v, str) and v for v in (text, path)) or not all(
            v is None or (isinstance(v, str) and v) for v in (text, path)
        ):
            raise loc.error("accept 的每一项都要写 text（接受的文字）或 path（glob），且不能为空")
        entries.append(Accept(item["rule"], text, path, root))
    return tuple(entries)


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
        for key in ("select", "ignore", "severity", "accept"):
            value = where.get(key) or []
            if key == "accept":
                entries = [i for i in value if isinstance(i, Map) and "rule" in i]
                value = [i["rule"] for i in entries]
                locs = [i.at("rule") for i in entries]
            else:
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


class Settings(NamedTuple):
    """What one draft is checked with: the config merged with the command line. (A named
    tuple: cheaper to define than a frozen dataclass, at start-up.)"""

    profile: str = "auto"
    rules: tuple[Path, ...] = ()
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severity: tuple[tuple[str, str], ...] = ()
    accept: tuple[Accept, ...] = ()


class CommandLine:
    """Options given on the command line (None: not given)."""

    def __init__(
        self,
        profile: str | None = None,
        rules: tuple[Path, ...] = (),
        select: set[str] | None = None,
        ignore: set[str] | None = None,
    ) -> None:
        self.profile, self.rules, self.select, self.ignore = profile, rules, select, ignore


class Configs:
    """Finds and caches the config of each draft's folder."""

    def __init__(
        self, command_line: CommandLine, use_files: bool = True, explicit: Path | None = None
    ) -> None:
        self.command_line = command_line
        self.use_files = use_files
        self._by_folder: dict[Path, Config | None] = {}
        self._loaded: dict[Path, Config] = {}
        self.explicit = load_explicit(explicit) if explicit is not None and use_files else None

    def config_for(self, draft: str) -> Config | None:
        if not self.use_files:
            return None
        if self.explicit is not None:  # --config: this file for every draft
            return self.explicit
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
        accept: tuple[Accept, ...] = ()
        if config is not None:
            accept = config.accept
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
            accept,
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


def load_explicit(path: Path) -> Config:
    """The config named by ``--config`` (any name: YAML, or a pyproject.toml)."""
    if not path.is_file():
        raise ConfigError(f"--config 指定的配置文件不存在：{path}")
    return load(path)


def linters(
    drafts: list[str],
    command_line: CommandLine,
    use_files: bool = True,
    policy: Policy | None = None,
    explicit: Path | None = None,
) -> list:
    """(Linter, drafts) for each group of drafts that share settings; ``policy``: the
    baseline, --report-unused-suppressions and --min-severity, completed by each config's
    accept list; ``explicit``: the --config file for every draft.

    Raises PackError for a broken config or pack, ConfigError for an unknown profile or rule id
    on the command line.
    """
    policy = policy or Policy()
    result = [
        (
            Linter(
                s.profile,
                list(s.rules),
                s.select,
                s.ignore,
                dict(s.severity),
                replace(policy, accept=policy.accept + s.accept),
            ),
            group,
        )
        for s, group in Configs(command_line, use_files, explicit).plan(drafts)
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
    return rules | {
        COPY_RULE,
        INPUT_ERROR,
        RULE_ERROR,
        PROFILE_UNCERTAIN,
        UNUSED_SUPPRESSION,
        CONVERTED,
    }


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

# 接受的写法：rule 加 text（该处文字不再报告）或 path（这些文件不再报告该规则）。
accept: []
#  - {rule: typo, text: 某个专有名词}
#  - {rule: example-missing, path: "drafts/2021/*"}
"""
