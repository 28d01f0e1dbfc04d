"""The linter: a path in, findings out. Reads, outlines, picks a profile, runs the rules."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from lint import checks, source
from lint.draft import Draft, assign_roles
from lint.findings import Finding, input_error
from lint.outline import Outline, parse
from lint.packs import Pack, Profile, Registry, Rule

GENERIC = "generic"
RULE_ERROR = "rule-error"


@dataclass
class Result:
    path: str
    findings: list[Finding] = field(default_factory=list)
    profile: Profile | None = None
    detected: bool = False  # profile chosen automatically from the draft's title and preamble
    failed: bool = False  # the file could not be read, or a rule could not run
    source: source.Source | None = None

    @property
    def source_lines(self) -> list[str]:
        return self.source.text.split("\n") if self.source else []


class Linter:
    def __init__(
        self,
        profile: str = "auto",
        extra_packs: list[Path] | None = None,
        select: set[str] | None = None,
        ignore: set[str] | None = None,
    ) -> None:
        self.registry = Registry(extra_packs)
        self.profile_name = profile
        self.select, self.ignore = select, ignore or set()
        self._resolved: dict[str, Profile] = {}
        for path in self.registry.extra:  # a broken pack stops the run before any draft
            self.registry.validate(path)
        if profile != "auto":
            self.profile_by_name(profile)  # fail early on an unknown name

    def profile_by_name(self, name: str) -> Profile:
        if name not in self._resolved:
            pack = self.registry.find(name)
            if pack is None or not pack.header.profile:
                known = "、".join(p.id for p in self.registry.profiles())
                raise KeyError(f"未知的规则集“{name}”（可用：{known}）")
            self._resolved[name] = self._with_extras(self.registry.resolve(pack))
        return self._resolved[name]

    def _with_extras(self, profile: Profile) -> Profile:
        """Rules of packs given with --rules that are not profiles apply on top of any profile."""
        for path in self.registry.extra:
            pack = self.registry.load(path)
            if not pack.header.profile:
                rules = {r.id: r for r in profile.rules}
                rules.update((r.id, r) for r in self.registry.resolve(pack).rules)
                profile.rules = list(rules.values())
        return profile

    def detect(self, outline: Outline) -> tuple[Profile, bool]:
        """The profile whose detect phrases best match the title and preamble."""
        best: tuple[int, Pack] | None = None
        for pack in self.registry.profiles():
            if not pack.header.detect:
                continue
            heading = outline.heading_text()
            for wrong, right in pack.header.substitutes.items():
                heading = heading.replace(wrong, right)
            score = sum(phrase in heading for phrase in pack.header.detect)
            if score and (best is None or score > best[0]):
                best = (score, pack)
        if best is None:
            return self.profile_by_name(GENERIC), False
        return self.profile_by_name(best[1].id), True

    def rules(self, profile: Profile) -> list[Rule]:
        return [
            r
            for r in profile.rules
            if (self.select is None or r.id in self.select) and r.id not in self.ignore
        ]

    def check_path(self, path: str) -> Result:
        try:
            src = source.read(path)
        except source.InputError as exc:
            return Result(path, [input_error(path, str(exc))], failed=True)
        return self.check_source(src)

    def check_source(self, src: source.Source) -> Result:
        outline = parse(src.text)
        if self.profile_name == "auto":
            profile, detected = self.detect(outline)
        else:
            profile, detected = self.profile_by_name(self.profile_name), False
        return lint(src, profile, self.rules(profile), outline, detected)


def lint(
    src: source.Source,
    profile: Profile,
    rules: list[Rule] | None = None,
    outline: Outline | None = None,
    detected: bool = False,
) -> Result:
    """Check one draft against a profile's rules."""
    outline = outline or parse(src.text)
    draft = Draft(src, outline, profile)
    result = Result(src.path, profile=profile, detected=detected, source=src)
    try:
        assign_roles(outline, profile.sections, draft.normalize)
    except checks.RuleError as exc:
        result.failed = True
        result.findings.append(replace(input_error(src.path, str(exc)), rule=RULE_ERROR))
        return result
    for rule in profile.rules if rules is None else rules:
        try:
            result.findings.extend(checks.run(draft, rule))
        except checks.RuleError as exc:
            result.failed = True
            result.findings.append(replace(input_error(src.path, str(exc)), rule=RULE_ERROR))
        except Exception as exc:  # a bug in a check must not stop the other files
            result.failed = True
            message = f"检查规则“{rule.id}”时发生内部错误：{type(exc).__name__}: {exc}"
            result.findings.append(replace(input_error(src.path, message), rule=RULE_ERROR))
    result.findings.sort(key=lambda f: f.sort_key)
    return result
