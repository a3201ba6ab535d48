"""How much text reads as Chinese: the measure decode ranks its candidate encodings by.

A wrong decode yields rare and private-use characters, Hangul and Yi; plain Chinese text is
made of common Han characters, CJK punctuation and the marks of GBK's first row.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import lazyre


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """The 3755 level-1 characters of GB2312 (the common ones) and their Traditional forms."""
    from .convert import traditional_forms

    level1 = "".join(
        bytes((lead, trail)).decode("gb2312", "ignore") for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF)
    )
    return frozenset(level1) | frozenset(traditional_forms(level1))


def _punctuation_row() -> str:
    """GBK's first row (A1A1-A1FE), the marks Chinese text writes (“”—…※), but for its
    Latin-1 letters and signs (°, ×), which mojibake is made of too."""
    row = bytes(b for trail in range(0xA1, 0xFF) for b in (0xA1, trail)).decode("gbk")
    return "".join(ch for ch in row if not "\x80" <= ch <= "\xff")


@lru_cache(maxsize=1)
def _readable_runs() -> re.Pattern[str]:
    """Runs of what readability counts as good: common Han characters, the marks of GBK's first
    row (see _punctuation_row), CJK punctuation (U+3000 to U+303F) and full-width forms (U+FF00
    to U+FFEF). A regex counts them ten times faster than a set lookup per character."""
    codes = sorted({*map(ord, _common_han()), *map(ord, _punctuation_row()), *range(0x3000, 0x3040),
                    *range(0xFF00, 0xFFF0)})
    ranges, start = [], 0
    for i in range(1, len(codes) + 1):
        if i == len(codes) or codes[i] != codes[i - 1] + 1:
            first, last = re.escape(chr(codes[start])), re.escape(chr(codes[i - 1]))
            ranges.append(first if start == i - 1 else f"{first}-{last}")
            start = i
    return re.compile(f"[{''.join(ranges)}]+")


# readability looks at this many characters of a text, and at most SAMPLE_NON_ASCII of them.
SAMPLE_CHARS = 60000
SAMPLE_NON_ASCII = 20000
NON_ASCII_RUN = lazyre.compile(r"[^\x00-\x7f]+")


def readability(text: str) -> float:
    """Share of the characters that plain Chinese text is made of: ASCII, CJK punctuation,
    and common Han characters. A wrong decode scores low: it yields rare and private-use
    characters.

    >>> readability("香港") > readability("香港".encode("big5").decode("gb18030"))
    True
    """
    # Only the non-ASCII characters count: every candidate reads ASCII the same, and a page
    # of markup with a few Chinese words would otherwise tie.
    sample = "".join(NON_ASCII_RUN.findall(text, 0, SAMPLE_CHARS))[:SAMPLE_NON_ASCII]
    if not sample:
        return 1.0
    good = sum(map(len, _readable_runs().findall(sample)))
    return good / len(sample)


PLAIN_ASCII = lazyre.compile(r"[\t\n\r\x20-\x7e]+")


def plain_share(text: str) -> float:
    """Share of the first SAMPLE_CHARS characters of ``text`` that are printable ASCII or what
    readability counts as good. Unlike readability it counts ASCII: the byte order of UTF-16
    is told by text that is mostly ASCII too, which the other order reads as Han characters
    (a is 61 00; U+6100 is 愀).

    >>> plain_share("<p>中文</p>"), plain_share("<p>中文</p>".encode("utf-16-le").decode("utf-16-be")) < 0.5
    (1.0, True)
    """
    sample = text[:SAMPLE_CHARS]
    if not sample:
        return 1.0
    plain = sum(map(len, PLAIN_ASCII.findall(sample))) + sum(map(len, _readable_runs().findall(sample)))
    return plain / len(sample)
