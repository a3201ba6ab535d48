"""unannotate: remove pinyin annotations that mirror sites put after converted characters.

``來(lái)源`` becomes ``來源``; ordinary brackets such as ``(12月2日 新华社)`` stay.
"""

from __future__ import annotations

import re

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
ANNOTATION = re.compile(rf"(?<={HAN})[(（]{SYLLABLE}[)）]")


def unannotate(text: str) -> str:
    """Remove a pinyin syllable in brackets that follows a Han character.

    >>> unannotate("來(lái)源:北國(guó)網(wǎng) (12月2日 新华社)")
    '來源:北國網 (12月2日 新华社)'
    """
    return ANNOTATION.sub("", text)
