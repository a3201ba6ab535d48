"""unannotate: remove pinyin and zhuyin annotations that follow the characters they spell.

``來(lái)源`` becomes ``來源``; ordinary brackets such as ``(12月2日 新华社)`` stay. Ruby markup
(``<ruby>來<rt>lái</rt></ruby>``) is handled earlier: extract drops ``rt`` and ``rp`` elements.
An annotation after ``?`` or U+FFFD is left alone: repair may still need it to restore the lost
character.
"""

from __future__ import annotations

from . import lazyre
from .options import Option

OPTIONS: tuple[Option, ...] = ()

HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêê̄ếê̌ềḿńňǹ"
# One pinyin syllable: tone marks or a tone digit 1-5, never plain English.
INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
SYLLABLE = (
    rf"(?:[a-zü{TONE_VOWELS}]*[{TONE_VOWELS}][a-zü{TONE_VOWELS}]*"
    rf"|(?:{INITIAL}?[aeiouü][a-zü]{{0,4}}|[ln][vü][a-zü]{{0,3}})[1-5])"
)
# Zhuyin (bopomofo): letters U+3105-U+312F and U+31A0-U+31BF, tones ˊ ˇ ˋ and the neutral ˙.
BOPOMOFO_LETTER = r"[\u3105-\u312f\u31a0-\u31bf]"
ZHUYIN = rf"(?:˙?{BOPOMOFO_LETTER}{{1,4}}[ˊˇˋ˙]?)"
OPEN, CLOSE = r"[(（]", r"[)）]"
SEP = r"[ \u3000'’]?"

# Bracketed pinyin or zhuyin, one to four syllables, right after a Han character.
BRACKETED = lazyre.compile(
    rf"(?<={HAN}){OPEN}\s*(?:{SYLLABLE}(?:{SEP}{SYLLABLE}){{0,3}}|{ZHUYIN}(?:{SEP}{ZHUYIN}){{0,3}})\s*{CLOSE}"
)
# Bare zhuyin right after a Han character, as copied from ruby text without brackets. Only a
# syllable with a tone mark counts, so that text about the letters themselves (ㄅㄆㄇ) stays.
BARE_ZHUYIN = lazyre.compile(rf"(?<={HAN})(?:˙{BOPOMOFO_LETTER}{{1,4}}|{BOPOMOFO_LETTER}{{1,4}}[ˊˇˋ])")


def unannotate(text: str) -> str:
    """Remove pinyin or zhuyin that follows the Han characters it spells.

    >>> unannotate("來(lái)源:北國(guó)網(wǎng) (12月2日 新华社)")
    '來源:北國網 (12月2日 新华社)'
    >>> unannotate("來（ㄌㄞˊ）源，中国(zhōng guó)")
    '來源，中国'
    """
    # Each pattern needs a bracket or a zhuyin letter; most text has neither, and then
    # neither pattern has to be compiled.
    if "(" in text or "（" in text:
        text = BRACKETED.sub("", text)
    if _BOPOMOFO.search(text):
        text = BARE_ZHUYIN.sub("", text)
    return text


_BOPOMOFO = lazyre.compile(BOPOMOFO_LETTER)
