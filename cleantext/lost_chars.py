"""Characters lost to ``?`` whose pinyin annotation survived: ``?(fù)?(dān)`` is 负担.

Mirror sites that annotate converted characters with pinyin (``來(lái)源``) sometimes lose the
character itself to a codec that lacks it, leaving ``?`` (or U+FFFD) and the reading, often
without its opening bracket. The reading narrows the character down to a few candidates; the
character model picks the sequence that fits the neighbours. The annotation is kept, brackets
restored, for ``unannotate`` to remove.
"""

from __future__ import annotations

import re

from . import lazyre
from .hanzi_model import TEXT_EDGE, context_before, model

TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
SYLLABLE = rf"[a-zü{TONE_VOWELS}]*[{TONE_VOWELS}][a-zü{TONE_VOWELS}]*"
ONE = rf"[?\ufffd\ue000-\uf8ff][(（]?({SYLLABLE})[)）]"
# One or more lost characters in a row, each followed by its reading.
LOST_WITH_PINYIN = lazyre.compile(rf"(?:{ONE})+")
_ONE = lazyre.compile(ONE)


def restore_annotated(text: str) -> str:
    """Put back characters lost to ``?`` from their pinyin and their neighbours.

    >>> restore_annotated("勇挑重?fù)?dān)，")
    '勇挑重负(fù)担(dān)，'
    >>> restore_annotated("为什么?(注意)")
    '为什么?(注意)'
    """
    if "?" not in text and "\ufffd" not in text and not re.search("[\ue000-\uf8ff]", text):
        return text
    return LOST_WITH_PINYIN.sub(_restore_group, text)


def annotated_lattice(group: str) -> list[list[str]] | None:
    """Candidate characters for each lost character of a group, from its reading.

    Simplified forms only: the model scores a Traditional character through its Simplified
    form, and convert turns the rest of the text Simplified anyway.
    """
    m = model()
    lattice = []
    for one in _ONE.finditer(group):
        chars = [ch for ch in m.chars_read(one.group(1))[:60] if ch not in m.simplified]
        if not chars:
            return None
        lattice.append(chars[:40])
    return lattice


def _restore_group(match: re.Match[str]) -> str:
    m = model()
    text = match.string
    syllables = [one.group(1) for one in _ONE.finditer(match.group(0))]
    lattice = annotated_lattice(match.group(0))
    if not lattice:
        return match.group(0)
    left = context_before(text, match.start())
    right = text[match.end()] if match.end() < len(text) else TEXT_EDGE
    chars = m.best(lattice, left, right)
    return "".join(f"{ch}({s})" for ch, s in zip(chars, syllables, strict=True))
