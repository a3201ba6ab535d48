"""Characters lost to ``?`` whose pinyin annotation survived: ``?(fù)?(dān)`` is 负担.

Mirror sites that annotate converted characters with pinyin (``來(lái)源``) sometimes lose the
character itself to a codec that lacks it, leaving ``?`` (or U+FFFD) and the reading, often
without its opening bracket. The reading narrows the character down to a few candidates; the
character model picks the sequence that fits the neighbours. The annotation is kept, brackets
restored, for ``unannotate`` to remove.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import lazyre
from .hanzi_model import RIGHT_CHARS, TEXT_EDGE, context_before, is_han, model

TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
SYLLABLE = rf"[a-zü{TONE_VOWELS}]*[{TONE_VOWELS}][a-zü{TONE_VOWELS}]*"
# A neutral tone has no mark (我们 is wǒ men): a bare syllable (only after Chinese, see
# _restore_group).
NEUTRAL = r"[a-zü]{1,6}"
ONE = rf"[?\ufffd\ue000-\uf8ff][(（]?(?:({SYLLABLE})|({NEUTRAL}))[)）]"
UNMARKED = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ", "aaaaeeeeiiiioooouuuuüüüü")
# One or more lost characters in a row, each followed by its reading.
LOST_WITH_PINYIN = lazyre.compile(rf"(?:{ONE})+")
_ONE = lazyre.compile(ONE)


def restore_annotated(text: str) -> str:
    """Put back characters lost to ``?`` from their pinyin and their neighbours.

    >>> restore_annotated("勇挑重?fù)?dān)，")
    '勇挑重负(fù)担(dān)，'
    >>> restore_annotated("为什么?(注意)")
    '为什么?(注意)'
    >>> restore_annotated("我?(men)去")
    '我们(men)去'
    >>> restore_annotated("Really?(a) yes"), restore_annotated("我?men)去")
    ('Really?(a) yes', '我们(men)去')
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
        chars = [ch for ch in _chars_read(one.group(1) or one.group(2))[:60] if ch not in m.simplified]
        if not chars:
            return None
        lattice.append(chars[:40])
    return lattice


def _chars_read(syllable: str) -> str:
    """The characters read ``syllable``; a neutral tone (no mark) may be any tone weakened
    (个 is gè, 这个 zhè ge): those with the bare reading first, then the rest.

    >>> _chars_read("ge")[0], _chars_read("men")[0]
    ('个', '们')
    """
    chars = model().chars_read(syllable)
    if syllable.translate(UNMARKED) != syllable:
        return chars
    toned = {ch for marked in _tones_of(syllable) for ch in model().chars_read(marked) if ch not in chars}
    return chars + "".join(sorted(toned, key=lambda ch: (-model().prior(ch), ch)))


@lru_cache(maxsize=1)
def _toned_syllables() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for marked in model().readings:
        table.setdefault(marked.translate(UNMARKED), []).append(marked)
    return table


def _tones_of(bare: str) -> list[str]:
    return [s for s in _toned_syllables().get(bare, ()) if s != bare]


def _restore_group(match: re.Match[str]) -> str:
    m = model()
    text = match.string
    syllables = [one.group(1) or one.group(2) for one in _ONE.finditer(match.group(0))]
    if not any(one.group(1) for one in _ONE.finditer(match.group(0))) and not (
            match.start() and (is_han(text[match.start() - 1]) or text[match.start() - 1] in ")）")):
        # Only bare syllables: a question mark before a bracket in Latin text, unless the
        # group follows Chinese.
        return match.group(0)
    lattice = annotated_lattice(match.group(0))
    if not lattice:
        return match.group(0)
    left = context_before(text, match.start())
    right = text_after(text, match.end())
    chars = m.best(lattice, left, right, text)
    return "".join(f"{ch}({s})" for ch, s in zip(chars, syllables, strict=True))


SPACED_EXTRA = 8  # characters read beyond RIGHT_CHARS for the spaces that following() drops


def text_after(text: str, end: int) -> str:
    r"""The text after a group that the model reads: a few characters, with TEXT_EDGE where the
    text ends (spaces that spaced-out text holds do not count, see hanzi_model.following).

    >>> text_after("负(fù)担(dān)，我们", 11), text_after("ab", 2)
    ('，我们\n', '\n')
    """
    stop = end + RIGHT_CHARS + SPACED_EXTRA
    return text[end:stop] + TEXT_EDGE if stop >= len(text) else text[end:stop]
