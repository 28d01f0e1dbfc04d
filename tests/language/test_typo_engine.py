"""The typo engine (lint/language): typos it has no list of, and silence on correct text."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lint.language import lexicon
from lint.language.typo import TypoDetector, TypoHit


@pytest.fixture(scope="module")
def detector() -> TypoDetector:
    return TypoDetector.load()


def only_hit(detector: TypoDetector, text: str) -> TypoHit:
    hits = detector.find(text)
    assert len(hits) == 1, hits
    return hits[0]


def test_idiom_with_one_character_off(detector):
    text = "有的制度制定以后被束之高搁，没有真正落实。"
    hit = only_hit(detector, text)
    assert (hit.start, hit.end) == (text.index("束之高搁"), text.index("束之高搁") + 4)
    assert hit.wrong == "束之高搁"
    assert hit.suggestions[0] == "束之高阁"
    assert hit.certain
    assert "束之高阁" in hit.reason


def test_another_idiom_by_sound(detector):
    text = "遇到群众反映的难题时一愁莫展，办法不多。"
    hit = only_hit(detector, text)
    assert text[hit.start : hit.end] == hit.wrong == "一愁莫展"
    assert hit.suggestions == ("一筹莫展",)
    assert hit.certain


def test_word_broken_by_a_same_sound_character(detector):
    text = "组长由机关党祖成员担任。"
    hit = only_hit(detector, text)
    assert hit.start <= text.index("祖") < hit.end
    assert "组" in hit.suggestions[0]
    assert hit.wrong == text[hit.start : hit.end]


def test_offsets_count_characters_of_the_whole_text(detector):
    first = "一、思想认识方面\n"
    text = first + "遇到难题时一愁莫展。"
    hit = only_hit(detector, text)
    assert text[hit.start : hit.end] == "一愁莫展"
    assert hit.start == len(first) + 5


@pytest.mark.parametrize(
    "sentence",
    [
        "张家港市委书记王建华同志于2023年3月15日主持召开会议，研究部署第二季度重点工作。",
        "呼伦贝尔市海拉尔区健康街道党工委组织开展主题党日活动，共有126名党员参加。",
        "班子成员深入基层调研47次，帮助群众解决实际困难和问题83件，整改率达到100%。",
        "坚持以人民为中心的发展思想，统筹兼顾、实事求是，做到与时俱进。",
        "对照党章党规，查摆出形式主义、官僚主义方面的问题，逐项制定整改措施。",
    ],
)
def test_correct_official_sentences_give_no_hit(detector, sentence):
    assert detector.find(sentence) == []


@pytest.mark.parametrize(
    "text",
    [
        "参加会议的有李建国、王惠敏、张晓峰。",  # alone, 王惠敏 reads as 王惠民
        "参加人员：周国富、冯波、孙文友。",  # alone, 冯波 reads as 风波
    ],
)
def test_names_in_a_list_of_names_are_not_words(detector, text):
    assert detector.find(text) == []


def test_a_list_of_words_is_still_read(detector):
    hit = only_hit(detector, "遇到难题时一愁莫展、束手无策。")
    assert hit.suggestions[0] == "一筹莫展"


def test_allowed_words_are_never_flagged(detector):
    text = "遇到难题时一愁莫展。"
    assert detector.find(text)
    assert detector.with_allow(["一愁莫展"]).find(text) == []
    assert TypoDetector(detector.lex, allow=["愁"]).find(text) == []


def test_empty_and_non_chinese_text(detector):
    assert detector.find("") == []
    assert detector.find("2024 年 ABC，123。") == []


@pytest.mark.skip(reason="偏大 has jieba's floor frequency (3): the engine cannot prefer it yet")
def test_bian_da(detector):
    hit = only_hit(detector, "干部队伍年龄相对编大。")
    assert hit.suggestions[0] == "偏大"


def test_lexicon_is_cached_as_plain_data(tmp_path, monkeypatch):
    monkeypatch.delenv("DRAFTLINT_NO_CACHE", raising=False)
    first = lexicon.load(tmp_path)
    files = list(tmp_path.glob("typo-lexicon-*.bin"))
    assert len(files) == 1
    data = files[0].read_bytes()  # plain data: a header, marshal of dicts, offsets, bytes
    magic, fmt, _, total, nsmall, size = lexicon._HEADER.unpack_from(data)
    assert (magic, fmt, total, size) == (lexicon.MAGIC, lexicon.FORMAT, first.total, len(data))
    small = marshal.loads(data[lexicon._HEADER.size : lexicon._HEADER.size + nsmall])
    assert small == (first.chars, first.inside, first.surnames, first.function_chars)
    (chars,) = tmp_path.glob("typo-chars-*.bin")
    assert lexicon._HEADER.unpack_from(chars.read_bytes())[:2] == (lexicon.MAGIC, lexicon.FORMAT)
    again = lexicon.load(tmp_path)
    assert again.to_plain() == first.to_plain()
    assert again.table.to_plain() == first.table.to_plain()
    assert again.freq("一筹莫展") == first.freq("一筹莫展") > 0


def test_corrupt_cache_is_rebuilt(tmp_path):
    lexicon.load(tmp_path)
    (path,) = tmp_path.glob("typo-lexicon-*.bin")
    whole = path.read_bytes()
    for broken in (b"\x00garbage", b"", whole[:-4]):  # foreign, empty, cut short
        path.write_bytes(broken)
        lex = lexicon.load(tmp_path)
        assert lex.freq("一筹莫展") > 0 and lex.is_idiom("一筹莫展")
        assert path.read_bytes() == whole  # rebuilt


def test_corrupt_character_table_is_rebuilt(tmp_path):
    lexicon.load(tmp_path)
    (path,) = tmp_path.glob("typo-chars-*.bin")
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    lexicon._TABLES.clear()  # not the one this process already holds
    lex = lexicon.load(tmp_path)
    assert "阁" in lex.table.confusable("搁")[0]
    assert path.read_bytes() == whole


def test_cache_files_of_other_versions_unused_for_a_month_are_removed(tmp_path, monkeypatch):
    monkeypatch.delenv("DRAFTLINT_NO_CACHE", raising=False)
    month = time.time() - (lexicon.UNUSED_DAYS + 1) * 86_400
    planted = {
        "typo-lexicon-old.marshal": month,  # another format, unused for a month: removed
        "typo-chars-old.marshal": month,
        "typo-lexicon-other.bin": time.time(),  # another version in use: kept
        "result-old.json": month,  # not the typo cache's: kept
    }
    for name, mtime in planted.items():
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (mtime, mtime))
    lexicon.load(tmp_path)
    names = {p.name for p in tmp_path.iterdir()}
    (built,) = (
        p for p in tmp_path.glob("typo-lexicon-*.bin") if p.name != "typo-lexicon-other.bin"
    )
    assert "typo-lexicon-old.marshal" not in names and "typo-chars-old.marshal" not in names
    assert {"typo-lexicon-other.bin", "result-old.json", built.name} <= names
    # a file in use has its time refreshed once a day, so that it is never taken for unused
    os.utime(built, (month, month))
    lexicon.load(tmp_path)
    assert built.stat().st_mtime > month + 86_400


def test_input_digests_of_several_installs_are_remembered(tmp_path, monkeypatch):
    # A venv and pre-commit's environment share the cache folder: neither re-hashes the
    # other's 11 MB of inputs on every run.
    monkeypatch.delenv("DRAFTLINT_NO_CACHE", raising=False)
    hashed = []
    monkeypatch.setattr(lexicon, "_digest", lambda paths: hashed.append(paths) or str(len(hashed)))
    installs = []
    for i in range(lexicon.STAMPS + 1):
        data = tmp_path / f"install{i}.txt"
        data.write_text(str(i), "utf-8")
        installs.append([data])
    first, second = installs[0], installs[1]
    assert lexicon._cached_digest(first, tmp_path) == "1"
    assert lexicon._cached_digest(second, tmp_path) == "2"
    assert lexicon._cached_digest(first, tmp_path) == "1"  # remembered, not hashed again
    assert len(hashed) == 2
    for paths in installs[2:]:  # the oldest is forgotten past STAMPS
        lexicon._cached_digest(paths, tmp_path)
    assert lexicon._cached_digest(second, tmp_path) == "2"
    assert lexicon._cached_digest(first, tmp_path) == str(len(hashed)) != "1"


def test_no_cache_env_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTLINT_NO_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert lexicon.cache_dir() is None
    lexicon.load()
    assert not list(tmp_path.rglob("typo-*"))


def test_confusion_sets_come_from_readings_and_shapes(detector):
    same = detector.lex.table.confusable("搁")[0]
    assert "阁" in same  # gē / gé: same syllable
    same, _tone, near, _shape = detector.lex.table.confusable("祖")
    assert "组" in same
    assert "阻" in same
    # regional mergers: zh/z
    assert "主" in near


def test_import_loads_no_data():
    """Importing the engine reads no data and imports neither jieba nor pypinyin: its own
    modules take 2-3 ms on a quiet machine (a loose bound here, for a busy CI); loading the
    lexicon takes over 100 ms."""
    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys, lint.language.typo as t; "
        "assert not any(m.split('.')[0] in ('jieba', 'pypinyin', 'wordfreq') for m in sys.modules)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for _ in range(2):  # the first run may compile the modules
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            capture_output=True,
            text=True,
            cwd=root,
            env=env,
        )
    assert out.returncode == 0, out.stderr[-500:]
    own = [line for line in out.stderr.splitlines() if "lint.language" in line]
    self_us = sum(int(line.split("|")[0].split(":")[1]) for line in own)
    assert len(own) == 4 and self_us < 100_000, own  # lint.language, chars, lexicon, typo


def test_changed_builder_code_names_a_new_cache_file(tmp_path, monkeypatch):
    # The cache is keyed by the code that builds it too: an upgrade that changes lexicon.py
    # or chars.py never reads tables the old code built, whether or not FORMAT was bumped.
    monkeypatch.delenv("DRAFTLINT_NO_CACHE", raising=False)
    code = tmp_path / "chars.py"
    code.write_text("# the builder, first version\n", "utf-8")
    monkeypatch.setattr(lexicon, "builders", lambda: [code])
    cache = tmp_path / "cache"
    cache.mkdir()
    _, first, _ = lexicon._paths(cache)
    code.write_text("# the builder, second version\n", "utf-8")
    _, second, _ = lexicon._paths(cache)
    assert first.name.startswith("typo-lexicon-") and first != second


def test_builders_are_the_modules_that_build_the_tables():
    assert [p.name for p in lexicon.builders()] == ["lexicon.py", "chars.py"]
    assert all(p.is_file() for p in lexicon.builders())


def test_suspects_passed_over_by_their_bound_could_not_be_reported():
    """find passes over a suspect whose seven characters allow no score reaching the
    threshold (TypoDetector._bound): the bound is never below a candidate's score, and the
    hits are those of a detector that scores every suspect."""
    samples = Path(__file__).resolve().parent.parent.parent / "samples"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(samples.glob("defect-*.txt")))
    text += "有的制度制定以后被束之高搁，没有真正落实。请大家须要注意，坚持不懈地抓好落食。"
    bounded = TypoDetector.load()
    scoring = TypoDetector.load()
    scoring._floor = lambda: None  # type: ignore[method-assign]  # no bound: score them all
    assert bounded.find(text) == scoring.find(text)
    assert bounded.find(text)  # the defect samples have typos
    checked = 0
    for m in re.finditer(r"[\u4e00-\u9fff]{2,}", text):
        run = m.group()
        for cand in bounded.candidates(run):
            near = bounded._near(run, cand.pos)
            w = bounded.weights
            z = w[0] + sum(a * b for a, b in zip(w[1:], cand.features, strict=True))
            assert z <= bounded._bound(run, cand.pos, near[0]) + 1e-9, (run, cand)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("认真查找自己的的不足，制定整改措施。", "的的"),
        ("报国务院和和全国人大常委会备案。", "和和"),
        ("不能只在在会议上讲，要落到行动上。", "在在"),
    ],
)
def test_function_character_written_twice(detector, text, wrong):
    hit = only_hit(detector, text)
    assert (hit.start, hit.end, hit.wrong) == (text.index(wrong), text.index(wrong) + 2, wrong)
    assert hit.suggestions == (wrong[0],) and hit.certain
    assert hit.reason == f"“{wrong}”多了一个“{wrong[0]}”"


@pytest.mark.parametrize(
    "text",
    [
        "这是我们工作的目的的一部分。",  # 目的 + 的
        "他的的确确付出了努力。",  # 的的确确
        "我问他他怎么看这个问题。",  # a pronoun twice: 问他 + 他怎么 (pronouns are not checked)
        "有的问题最后不了了之。",  # an idiom holds both
        "严格把把关口前移。",  # 把 + 把关
        "开展党建业务对对碰活动。",  # a rare word holds both copies
    ],
)
def test_characters_twice_for_a_reason_are_not_reported(detector, text):
    assert [h for h in detector.find(text) if "多了一个" in h.reason] == []


def test_doubled_hits_keep_text_order(detector):
    text = "遇到难题时一愁莫展，查找自己的的不足。"
    assert [h.wrong for h in detector.find(text)] == ["一愁莫展", "的的"]


def test_doubled_character_inside_an_allowed_term_is_not_reported(detector):
    text = "推广“和和”调解工作法，查找自己的的不足。"  # (a local method's name)
    assert [h.wrong for h in detector.find(text)] == ["和和", "的的"]
    allowing = detector.with_allow(["和和"])
    assert [h.wrong for h in allowing.find(text)] == ["的的"]
