"""Text from drafts and file names reaches terminals and files harmless: control characters
and bidi overrides shown, never obeyed; lone surrogates written as �."""

from __future__ import annotations

from lint.reporters import printable, valid_unicode

SHOWN = {
    0x1B: "␛",
    0x00: "␀",
    0x7F: "␡",
    0x85: "\ufffd",
    0x202E: "⁇",
    0x200F: "⁇",
    0xDC80: "\ufffd",
}


def test_printable_replaces_controls_bidi_overrides_and_surrogates_one_for_one():
    for code, shown in SHOWN.items():
        assert printable(f"第{chr(code)}条") == f"第{shown}条"
    assert printable("a\tb") == "a\tb"  # a tab is kept


def test_every_basic_plane_character_outside_the_table_is_left_as_it_is():
    changed = [c for c in range(0x10000) if printable(f"中{chr(c)}文") != f"中{chr(c)}文"]
    assert changed == sorted(
        {
            *range(0x20),
            0x7F,
            *range(0x80, 0xA0),
            *range(0x202A, 0x202F),
            *range(0x2066, 0x206A),
            0x200E,
            0x200F,
            0x061C,
            *range(0xD800, 0xE000),
        }
        - {0x09}
    )


def test_valid_unicode_replaces_only_lone_surrogates():
    assert valid_unicode("稿\udc80.txt\x1b") == "稿\ufffd.txt\x1b"
    assert valid_unicode("对照检查材料") == "对照检查材料"
