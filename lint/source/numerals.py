"""Numerals in numbering: Chinese, Arabic and circled numbers read and written."""

from __future__ import annotations

from functools import lru_cache

CN_DIGITS = "零一二三四五六七八九十百"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
NUMERALS = "零一二三四五六七八九"
_DIGITS = {c: i for i, c in enumerate(NUMERALS)}


@lru_cache(maxsize=1024)  # the outline reads a few dozen numerals per draft, the same ones
def cn_number(text: str) -> int | None:
    """Value of a Chinese, Arabic or circled numeral (一 → 1, 十二 → 12, 12 → 12, ③ → 3)."""
    if text.isascii() and text.isdigit():
        return int(text)
    if len(text) == 1 and text in CIRCLED:
        return CIRCLED.index(text) + 1
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def cn_numeral(n: int, digits: str = NUMERALS, ten: str = "十", hundred: str = "百") -> str:
    """What ``cn_number`` reads back: 一, 十, 十一, 二十一, 一百零五, 一百一十二 (as digits from
    1000 on). Other digit sets (壹贰叁…, Word's legal style) keep the one before ten: 壹拾."""
    if not 0 < n < 1000:
        return str(n)
    h, t, u = n // 100, n // 10 % 10, n % 10
    out = digits[h] + hundred if h else ""
    if t:
        out += ("" if t == 1 and not h and digits is NUMERALS else digits[t]) + ten
    elif h and u:
        out += digits[0]
    if u:
        out += digits[u]
    return out
