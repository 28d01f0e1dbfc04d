"""Coverage-guided fuzzing of the source → outline → checks → reporters path (atheris).

    pip install -e '.[fuzz]'
    python tests/fuzz_lint.py --seconds 600 [--corpus DIR] [LIBFUZZER_FLAGS …]

Each input is read as the bytes of a draft file (encoding detection included) and, so that
inputs the reader rejects still reach the outline and the checks, also as UTF-8 text. Any
exception other than a clean ``InputError``, a finding pointing outside the text, or a check
that fails is a crash: atheris stops and writes the input to ``--artifacts``. Turn each crash
into a regression test. ``one_input`` needs no atheris, so tests/test_fuzz_harness.py runs it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [ROOT / "samples", *(d / "shared" / "corpus" for d in ROOT.parents[:2])]

# Tokens the mutator splices in: numbering markers, heading and example words, marks.
_WORDS = """一、 （一） (一) 1. 1、 1． （1） ① ⑳ 一是 二是 三要 二有 第一， 第二、 # ## ### **
方面 方面： 比如， 例如 存在的问题 原因剖析 整改措施 五个带头 党史学习教育 民主生活会
XX ×× dangshi mzshh ##paidbegin## 。 ， ； ： ！ ？ “ ” ‘ ’ 《 》 【 】 「 」 . , ; : ? ! ( ) " '"""
TOKENS = [*_WORDS.split(), "\n", "\r\n", "\t", "\u3000", "\ufeff"]


def dictionary_entry(token: str) -> str:
    """A libFuzzer dictionary line: printable ASCII as is, every other byte as \\xNN."""
    body = "".join(
        chr(b) if 0x20 <= b < 0x7F and b not in b'"\\' else f"\\x{b:02x}" for b in token.encode()
    )
    return f'"{body}"\n'


_linters: list = []


def _setup() -> list:
    """A linter per shipped profile plus one that detects the profile (built once)."""
    if not _linters:
        from lint.linter import Linter

        auto = Linter()
        _linters.append(auto)
        _linters.extend(Linter(p.id) for p in auto.registry.profiles())
    return _linters


def check_findings(src, findings) -> None:
    """Every finding lies inside the text, and its line/column round-trip to an offset."""
    size = len(src.text)
    for f in findings:
        for line, column in ((f.line, f.column), (f.end_line, f.end_column)):
            assert 1 <= line <= len(src.line_starts), (f, line)
            offset = src.offset(line, column)
            assert 0 <= offset <= size, (f, offset, size)
            assert src.position(offset) == (line, column), (f, offset)
        assert (f.line, f.column) <= (f.end_line, f.end_column), f
        assert "\n" not in f.message, f


def lint_source(src) -> None:
    """Parse, check against every profile (checks run directly: a bug raises) and render."""
    from lint import checks
    from lint.checks.draft import Draft, assign_roles
    from lint.linter import lint
    from lint.model import RuleError
    from lint.outline import parse
    from lint.reporters import FORMATS, renderer

    outline = parse(src.text)
    for linter in _setup():
        profile = linter.choose(src, outline).profile
        draft = Draft(src, outline, profile)
        assign_roles(outline, profile.sections, draft.normalize)
        for rule in profile.rules:
            try:
                findings = list(checks.run(draft, rule))
            except RuleError:
                continue  # a regex time limit: reported to the user, not a crash
            check_findings(src, findings)
    result = lint(src, _setup()[0].choose(src, outline).profile, outline=outline)
    for fmt in FORMATS:
        renderer(fmt)([result], color=fmt == "pretty")


def one_input(data: bytes) -> None:
    """The fuzz target: must return normally for any bytes."""
    from lint.model import InputError, Source
    from lint.source.text import from_bytes

    try:
        src = from_bytes(data, "fuzz.txt")
    except InputError as exc:
        message = str(exc)
        assert message and "\n" not in message, repr(message)
    else:
        lint_source(src)
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    lint_source(Source("fuzz.txt", text))


def seed_files() -> list[Path]:
    return [p for d in SEEDS if d.is_dir() for p in sorted(d.glob("*.txt"))]


def main(argv: list[str] | None = None) -> None:
    import atheris

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz")
    parser.add_argument("--corpus", type=Path, default=ROOT / ".fuzz" / "corpus")
    parser.add_argument("--artifacts", type=Path, default=ROOT / ".fuzz" / "crashes")
    args, libfuzzer = parser.parse_known_args(argv)
    args.corpus.mkdir(parents=True, exist_ok=True)
    args.artifacts.mkdir(parents=True, exist_ok=True)
    for seed in seed_files():  # samples and the shared corpus start the search
        target = args.corpus / f"seed-{seed.name}"
        if not target.exists():
            target.write_bytes(seed.read_bytes()[:16384])

    with atheris.instrument_imports():
        import lint.linter
        import lint.reporters
        from lint import checks

        for module in [
            *(f"checks.{k}" for k in checks.KINDS),
            *(f"reporters.{f}" for f in lint.reporters.FORMATS),
        ]:
            importlib.import_module(f"lint.{module}")
    _setup()
    dictionary = args.corpus.parent / "draft.dict"
    dictionary.write_text("".join(map(dictionary_entry, TOKENS)))
    flags = [
        f"-max_total_time={args.seconds}",
        "-timeout=20",  # one input taking longer than this is a hang
        "-rss_limit_mb=2048",
        "-max_len=16384",
        f"-dict={dictionary}",
        f"-artifact_prefix={args.artifacts}/",
        *libfuzzer,
        str(args.corpus),
    ]
    atheris.Setup([sys.argv[0], *flags], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
