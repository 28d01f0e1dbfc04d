"""The character table both language engines share (lint/language/chars.py): readings,
shapes and confusion sets from maintained data, no hand-typed groups."""

from __future__ import annotations

import pytest

from lint.language import chars, formulation
from lint.language.chars import SHAPE, SOUND_NEAR, SOUND_TONE, CharTable
from lint.language.lexicon import load_chars


@pytest.fixture(scope="module")
def table() -> CharTable:
    return load_chars()


@pytest.mark.parametrize(
    ("a", "b", "channel"),
    [
        ("祖", "组", SOUND_TONE),  # zu: same syllable (pypinyin)
        ("纪", "记", SOUND_TONE),
        ("是", "四", SOUND_NEAR),  # shi / si: a regional merger
        ("己", "已", SHAPE),  # CJK decomposition: a modified form
        ("治", "冶", SHAPE),  # pycorrector's groups
        ("戊", "戌", SHAPE),  # pycorrector's groups, rare characters included
        ("牛", "马", None),
    ],
)
def test_channel_either_way_round(table, a, b, channel):
    assert table.channel(a, b) == channel
    assert table.channel(b, a) == channel


def test_same_character_is_same_sound(table):
    assert table.channel("党", "党") == chars.SOUND_SAME


def test_formulation_likeness_comes_from_the_table():
    assert formulation.likeness("识", "织") == 2  # same sound, tone aside
    assert formulation.likeness("是", "四") == 1  # near sound
    assert formulation.likeness("治", "冶") == 2  # alike in shape
    assert formulation.likeness("看", "坚") == 0
    assert not hasattr(formulation, "_SHAPE_GROUPS")


def test_confusion_sets_hold_common_characters_by_channel(table):
    same, tone, near, _shape = table.confusable("祖")
    assert "组" in same and "阻" in same
    assert not set(same) & set(tone) and not set(tone) & set(near)
    assert table.confusable("\u3000") == ("", "", "", "")


def test_the_typo_engine_uses_the_same_table():
    from lint.language.typo import TypoDetector

    assert TypoDetector.load().lex.table is load_chars()


def test_merged_syllables():
    assert chars.merged("shi") == chars.merged("si")
    assert chars.merged("ling") == chars.merged("nin")
    assert chars.merged("zhuang") == "zuan"
