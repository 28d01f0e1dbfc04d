"""The linter: a path in, findings out. Reads, outlines, picks a profile, runs the rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from itertools import islice
from pathlib import Path

from lint import checks, detect, regexes, source, suppress
from lint.checks.draft import Draft, assign_roles
from lint.model import (
    CONVERTED,
    GENERIC,
    INTERNAL_ERROR,
    PROFILE_UNCERTAIN,
    RULE_ERROR,
    ConfigError,
    Finding,
    InputError,
    Pack,
    PackError,
    Profile,
    Result,
    Rule,
    RuleError,
    Source,
    input_error,
)
from lint.outline import Outline, parse
from lint.packs.registry import Registry

# Check kinds whose findings depend on the theme's leads being the right ones.
LEAD_KINDS = ("leads", "pairing")
# Per rule and file: a hostile draft must not fill memory (and the report) with findings.
MAX_FINDINGS = 1000


class Linter:
    def __init__(
        self,
        profile: str = "auto",
        extra_packs: list[Path] | None = None,
        select: set[str] | None = None,
        ignore: set[str] | None = None,
        severity: dict[str, str] | None = None,
        policy: suppress.Policy | None = None,
    ) -> None:
        self.registry = Registry(extra_packs)
        self.profile_name = profile
        self.select, self.ignore = select, ignore or set()
        self.max_findings: int | None = MAX_FINDINGS  # per rule and file; None: all
        self.severity = severity or {}  # rule id -> severity, from the config
        self.policy = policy or suppress.Policy()  # accept list, baseline, --min-severity
        self._resolved: dict[str, Profile] = {}
        self._detectable: list[tuple[Pack, Profile]] | None = None
        for path in self.registry.extra:  # a broken pack stops the run before any draft
            self.registry.validate(path)
        if profile != "auto":
            self.profile_by_name(profile)  # fail early on an unknown name

    def profile_by_name(self, name: str) -> Profile:
        if name not in self._resolved:
            pack = self.registry.find(name)
            if pack is None or not pack.header.profile:
                known = "、".join(p.id for p in self.registry.profiles())
                raise ConfigError(f"未知的规则集“{name}”（可用：{known}）")
            self._resolved[name] = self._with_extras(self.registry.resolve(pack))
        return self._resolved[name]

    def _with_extras(self, profile: Profile) -> Profile:
        """Packs given with --rules that are not profiles apply on top of any profile."""
        for path in self.registry.extra:
            pack = self.registry.load(path)
            if not pack.header.profile:
                profile = self.registry.overlay(profile, pack)
        return profile

    def choose(self, src: Source, outline: Outline) -> detect.Choice:
        """The profile to check a draft against: the one named, or the best-fitting one."""
        if self.profile_name != "auto":
            return detect.Choice(self.profile_by_name(self.profile_name), False, "指定")
        if self._detectable is None:  # found once: listing packs reads the file system
            self._detectable = [
                (p, self.profile_by_name(p.id)) for p in self.registry.profiles() if p.header.detect
            ]
        return detect.choose(self._detectable, self.profile_by_name(GENERIC), src, outline)

    def enabled(self, rule_id: str) -> bool:
        """Whether --select / --ignore let a rule run."""
        return (self.select is None or rule_id in self.select) and rule_id not in self.ignore

    def rules(self, profile: Profile) -> list[Rule]:
        return [
            replace(r, severity=self.severity[r.id]) if r.id in self.severity else r
            for r in profile.rules
            if self.enabled(r.id)
        ]

    def check_path(self, path: str) -> Result:
        try:
            src = source.read(path)
        except InputError as exc:
            return Result(path, [input_error(path, str(exc))], failed=True)
        except Exception as exc:  # a bug must not stop the other files
            return internal_error(path, "读取", exc)
        try:
            return self.check_source(src)
        except PackError:
            raise  # a broken pack stops the run: it is reported once, not per file
        except Exception as exc:
            return internal_error(path, "检查", exc)

    def check_source(self, src: Source) -> Result:
        outline = parse(src.text, src.headings)
        choice = self.choose(src, outline)
        rules = self.rules(choice.profile)
        if not choice.supported:  # lead findings against an unsure theme would all be false
            rules = [r for r in rules if r.kind not in LEAD_KINDS]
        result = lint(src, choice.profile, rules, outline, choice.detected, self.max_findings)
        result.profile_reason = choice.reason
        if not choice.supported and self.enabled(PROFILE_UNCERTAIN):
            result.findings.append(uncertain(src, outline, choice))
            result.findings.sort(key=lambda f: f.sort_key)
        return suppress.apply(result, src, self.policy)  # for every surface: one place


def uncertain(src: Source, outline: Outline, choice: detect.Choice) -> Finding:
    """The one note that replaces lead findings when the theme is not well supported."""
    section = outline.section("problems")
    start, end = section.title if section is not None else (0, 0)
    line, column = src.position(start)
    end_line, end_column = src.position(end)
    message = detect.uncertain_message(choice)
    return Finding(
        PROFILE_UNCERTAIN, "warning", message, src.path, line, column, end_line, end_column
    )


def lint(
    src: Source,
    profile: Profile,
    rules: list[Rule] | None = None,
    outline: Outline | None = None,
    detected: bool = False,
    max_findings: int | None = MAX_FINDINGS,
) -> Result:
    """Check one draft against a profile's rules."""
    outline = outline or parse(src.text, src.headings)
    rules = profile.rules if rules is None else rules
    draft = Draft(src, outline, profile, rules=rules)
    result = Result(src.path, profile=profile, detected=detected, source=src)
    result.rules = tuple(r.id for r in rules)
    if src.converted_from:  # say so: the positions are those of LibreOffice's text
        result.findings.append(converted_note(src))
    # Regex time: a budget per rule over the whole draft, and one for the whole pack.
    limit = regexes.time_limit(len(src.text))
    with regexes.budget(limit * regexes.PACK_BUDGET_RULES, f"规则集“{profile.id}”的") as pack:
        try:
            with regexes.budget(limit):
                assign_roles(outline, profile.sections, draft.normalize)
        except RuleError as exc:
            result.failed = True
            result.findings.append(input_error(src.path, str(exc), RULE_ERROR))
            return result
        for index, rule in enumerate(rules):
            if pack.spent() is not None:  # the pack's regex time is used up: say what did not run
                skipped = "、".join(r.id for r in rules[index:])
                message = f"规则集“{profile.id}”的正则表达式用时已达上限，以下规则未检查：{skipped}"
                result.findings.append(input_error(src.path, message, RULE_ERROR))
                break
            try:
                with regexes.budget(limit):
                    result.findings.extend(_capped(checks.run(draft, rule), rule, max_findings))
            except RuleError as exc:
                result.failed = True
                result.findings.append(input_error(src.path, str(exc), RULE_ERROR))
            except Exception as exc:  # a bug in a check must not stop the other files
                result.failed = True
                message = f"检查规则“{rule.id}”时发生内部错误：{_describe(exc)}"
                result.findings.append(input_error(src.path, message, RULE_ERROR))
    result.findings.sort(key=lambda f: f.sort_key)
    return result


def converted_note(src: Source) -> Finding:
    message = (
        f"{src.converted_from} 文件经 LibreOffice 转换为 .docx 后检查，"
        "行号、列号指转换后的文字（第 N 段）"
    )
    return Finding(CONVERTED, "info", message, src.path, 1, 1, 1, 1)


def _capped(findings: Iterable[Finding], rule: Rule, limit: int | None) -> list[Finding]:
    """At most ``limit`` of a rule's findings, then one note that the rest were left out."""
    if limit is None:
        return list(findings)
    kept = list(islice(findings, limit + 1))
    if len(kept) > limit:
        message = f"规则“{rule.id}”在本文件中的问题超过 {limit} 个，其余未列出"
        kept[limit] = replace(kept[limit], severity="info", message=message, fix=None)
    return kept


def _describe(exc: Exception) -> str:
    """An exception on one short line, for a message."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def internal_error(path: str, doing: str, exc: Exception) -> Result:
    """The result for a file on which draftlint itself failed: reported, and the run goes on."""
    message = f"{doing}时发生内部错误：{_describe(exc)}（请向 draftlint 报告此问题）"
    return Result(path, [input_error(path, message, INTERNAL_ERROR)], failed=True)
