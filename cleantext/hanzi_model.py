"""A character model of Chinese: how plausible a string is as Chinese text.

Built by ``scripts/build_char_model.py`` from jieba's word frequencies (character unigrams and
in-word bigrams, with a class key for numerals that Arabic digits are scored through as context:
6月 reads like 六月) and pypinyin's readings; stored compactly in ``data/hanzi_model.tsv.gz``.
Traditional characters are scored through their Simplified form (OpenCC's character table),
so clean Traditional text reads as well as Simplified. Non-Han characters get class priors.

All scores are log2 probabilities: higher is more plausible.

>>> model().score("中文") > model().score("涓枃")
True
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

# log2 probability of one character of a class, for the characters jieba's words do not cover.
PUNCTUATION_PRIOR = {
    "，": -4.5, "。": -5.5, "、": -7.0, "“": -7.0, "”": -7.0, "：": -8.0, "；": -10.0, "！": -9.0,
    "？": -9.0, "（": -9.0, "）": -9.0, "《": -9.0, "》": -9.0, "…": -10.0, "—": -10.0, "·": -11.0,
    "「": -10.0, "」": -10.0, "『": -12.0, "』": -12.0, "【": -10.0, "】": -10.0, "‘": -11.0,
    "’": -11.0, "～": -12.0, "〔": -13.0, "〕": -13.0, "％": -13.0, "／": -13.0, "\u3000": -10.0,
    "\n": -6.0, "–": -12.0, "•": -13.0, "°": -13.0, "×": -14.0, "©": -14.0, "®": -15.0, "€": -16.0,
    "£": -16.0, "™": -16.0, "‰": -16.0,
}
# Punctuation after punctuation: a quote that follows a full stop closes; one that opens follows
# a colon. log2 adjustments to the prior of the second mark.
PUNCTUATION_PAIRS = {
    "。”": 4.0, "！”": 4.0, "？”": 4.0, "…”": 3.0, "。“": -4.0, "！“": -4.0, "？“": -4.0,
    "：“": 4.0, "：”": -4.0, "，“": 1.0, "，”": -2.0, "”“": 2.0, "““": -4.0, "””": -4.0,
    "。。": -6.0, "，，": -6.0, "。，": -6.0, "，。": -6.0,
}
ASCII_ALNUM = -8.0
ASCII_SPACE = -7.0
ASCII_OTHER = -9.5
FULLWIDTH_ALNUM = -12.0
RARE_HAN = -20.0  # a Han character jieba's words never use
OTHER = -22.0  # symbols, Latin-1 letters, kana, box drawing...
DAMAGE = -30.0  # U+FFFD, private use, C0/C1 controls: what wrong decodes leave behind
BIGRAM_WEIGHT = 0.9
# The start and the end of a text are scored like a line break, so a run reads the same
# whether or not the text ends with a newline (repair, and so clean, stays idempotent).
TEXT_EDGE = "\n"
AVERAGE_END_SHARE = 0.45  # a word ends after about this share of characters in running text
PAIR_CACHE_SIZE = 1 << 18  # remembered logp pairs (a few MB at most)
NUMERAL = "0"  # the model's key for the numeral class (see scripts/build_char_model.py)
# Paired marks. The text before a run tells which are open: a closer is likely where its
# opener is open, and a quote or title mark that opens inside a sentence (right after a Han
# character or another closer: 在服务“六稳”“六保”中) holds a short term, not a sentence.
OPENERS = {"“": "”", "‘": "’", "（": "）", "《": "》", "「": "」", "『": "』", "【": "】", "〔": "〕", "〈": "〉",
           "(": ")"}
CLOSERS = {close: opener for opener, close in OPENERS.items()}
MAX_OPEN = 3  # nesting depth remembered
# P(a term's closer | characters inside so far): quoted terms are short (index = characters inside).
TERM_CLOSE = (0.02, 0.15, 0.35, 0.35, 0.3, 0.25, 0.2, 0.15, 0.12, 0.1)
OPEN_CLOSE_BONUS = 1.0  # log2: any other open mark makes its closer likelier than on average
UNOPENED_CLOSE = -2.0  # log2: a closer whose opener is not on the line
# log2: a full stop one or two characters into a term is a sentence of one or two characters.
SHORT_TERM_SENTENCE_END = -10.0
SENTENCE_END = "。"
# Line context before a run that the model reads for open marks (a line's start is known
# when the context begins with TEXT_EDGE).
CONTEXT_CHARS = 200
DIGITS = "0123456789"  # ASCII only: a full-width digit next to an ASCII one is not text


# The marks open before a position: (is the line start known, ((opener, is a term, characters
# inside), ...)), innermost last.
Structure = tuple[bool, tuple[tuple[str, bool, int], ...]]
NO_STRUCTURE: Structure = (False, ())


def advance(state: Structure, prev: str | None, ch: str) -> Structure:
    """The open marks after ``ch`` (``prev`` is the character before it).

    >>> advance((True, ()), "务", "“")
    (True, (('“', True, 0),))
    >>> advance(advance((True, ()), "：", "“"), "“", "好")
    (True, (('“', False, 1),))
    """
    known, stack = state
    if ch == "\n":
        return (True, ())
    if ch in OPENERS:
        term = prev is not None and (is_han(prev) or prev in CLOSERS or prev == "、")
        return (known, (*stack, (ch, term, 0))[-MAX_OPEN:])
    if ch in CLOSERS:
        opener = CLOSERS[ch]
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == opener:
                return (known, stack[:i])
        return state
    if stack:
        opener, term, inside = stack[-1]
        if inside < len(TERM_CLOSE) - 1:
            return (known, (*stack[:-1], (opener, term, inside + 1)))
    return state


@lru_cache(maxsize=512)
def structure(before: str) -> Structure:
    r"""The open marks at the end of ``before`` (a line's start is known after a line break).

    >>> structure("\n在服务“六稳”“六")
    (True, (('“', True, 1),))
    """
    state = NO_STRUCTURE
    prev = None
    for ch in before:
        state = advance(state, prev, ch)
        prev = ch
    return state


def context_before(text: str, pos: int) -> str:
    r"""The left context the model reads for the text at ``pos``: its line so far, after
    TEXT_EDGE (which also stands for the start of the text), at most CONTEXT_CHARS characters.

    >>> context_before("标题\n他说“好", 7)
    '\n他说“好'
    """
    start = text.rfind("\n", 0, pos) + 1
    if pos - start > CONTEXT_CHARS:
        return text[pos - CONTEXT_CHARS : pos]
    return TEXT_EDGE + text[start:pos]


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


def is_damage(ch: str) -> bool:
    """Characters that a wrong or lossy decode leaves and clean text does not have."""
    code = ord(ch)
    return (
        ch == "\ufffd"
        or 0xE000 <= code <= 0xF8FF
        or (code < 0x20 and ch not in "\t\n\r")
        or 0x7F <= code <= 0x9F
    )


@dataclass
class CharModel:
    unigram: dict[str, int]  # quantised: round(2 * log2(count))
    bigram: dict[str, int]
    readings: dict[str, str]  # tone-marked syllable -> characters, most frequent first
    simplified: dict[str, str]
    starts: dict[str, int] = field(default_factory=dict)  # words beginning with the character
    ends: dict[str, int] = field(default_factory=dict)  # words ending with it
    log_total: float = 0.0
    log_starts: float = 0.0
    _cache: dict[str, float] = field(default_factory=dict, repr=False)
    _pair_cache: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.log_total = math.log2(sum(2 ** (q / 2) for q in self.unigram.values()))
        self.log_starts = math.log2(sum(2 ** (q / 2) for q in self.starts.values()) or 1)

    def end_share(self, ch: str) -> float:
        """How often a word ends at ``ch``: P(boundary after ch). Non-Han characters end words."""
        key = self._key(ch)
        if key not in self.unigram:
            return 1.0
        return min(1.0, 2 ** ((self.ends.get(key, 0) - self.unigram[key]) / 2)) if key in self.ends else 0.02

    def start_prob(self, ch: str) -> float:
        """P(the next word begins with ``ch``)."""
        key = self._key(ch)
        if key in self.starts:
            return 2 ** (self.starts[key] / 2 - self.log_starts)
        return 2 ** self.prior(ch)

    def _key(self, ch: str) -> str:
        """The model's key for ``ch``: Traditional through Simplified, a digit through the numerals."""
        if ch in DIGITS:
            return NUMERAL
        return self.simplified.get(ch, ch)

    def prior(self, ch: str) -> float:
        """log2 P(ch) with no context."""
        cached = self._cache.get(ch)
        if cached is not None:
            return cached
        key = self._key(ch)
        if is_damage(ch):
            value = DAMAGE
        elif ch < "\x80":
            value = ASCII_SPACE if ch in " \t\r" else ASCII_ALNUM if ch.isalnum() else ASCII_OTHER
        elif "\uff10" <= ch <= "\uff5a":
            value = FULLWIDTH_ALNUM
        elif key in self.unigram:
            value = self.unigram[key] / 2 - self.log_total
        elif ch in PUNCTUATION_PRIOR:
            value = PUNCTUATION_PRIOR[ch]
        elif is_han(ch):
            value = RARE_HAN
        else:
            value = OTHER
        self._cache[ch] = value
        return value

    def logp(self, prev: str | None, ch: str) -> float:
        """log2 P(ch | prev): the word goes on (in-word bigram) or a new one starts.

        Punctuation and other non-Han characters come at word ends, so their prior is scaled
        by how often a word ends at ``prev``; a Han character after a word end is scored by
        how often words start with it.
        """
        if prev is None:
            return self.prior(ch)
        # The same pairs come up again and again while candidates are scored: remember them.
        pair = (prev, ch)
        cached = self._pair_cache.get(pair)
        if cached is None:
            if len(self._pair_cache) >= PAIR_CACHE_SIZE:
                self._pair_cache.clear()
            cached = self._pair_cache[pair] = self._logp(prev, ch)
        return cached

    def _logp(self, prev: str, ch: str) -> float:
        base = self.prior(ch)
        a, b = self._key(prev), self._key(ch)
        if a not in self.unigram:
            return base + PUNCTUATION_PAIRS.get(prev + ch, 0.0)
        boundary = self.end_share(prev)
        if b not in self.unigram:
            return base + math.log2(max(boundary, 0.02) / AVERAGE_END_SHARE)
        pair = self.bigram.get(a + b)
        within = 2 ** ((pair - self.unigram[a]) / 2) if pair is not None else 0.0
        across = boundary * self.start_prob(ch)
        return math.log2(BIGRAM_WEIGHT * (within + across) + (1 - BIGRAM_WEIGHT) * 2**base)

    def structure_logp(self, state: Structure, prev: str | None, ch: str) -> float:
        """log2 P(ch | prev) with the open marks before ``prev`` in view (see OPENERS)."""
        value = self.logp(prev, ch)
        stack = state[1]
        if ch in CLOSERS:
            if stack and stack[-1][0] == CLOSERS[ch]:
                _, term, inside = stack[-1]
                if not term:
                    return value + OPEN_CLOSE_BONUS
                boundary = self.end_share(prev) if prev is not None else 1.0
                return math.log2(TERM_CLOSE[inside] * min(1.0, max(boundary, 0.02) / AVERAGE_END_SHARE))
            if state[0] or stack:
                return value + UNOPENED_CLOSE
            return value
        if ch == SENTENCE_END and stack and stack[-1][1] and stack[-1][2] <= 2:
            return value + SHORT_TERM_SENTENCE_END
        return value

    def _walk(self, state: Structure, prev: str | None, text: str) -> tuple[float, Structure, str | None]:
        total = 0.0
        for ch in text:
            total += self.structure_logp(state, prev, ch)
            state = advance(state, prev, ch)
            prev = ch
        return total, state, prev

    def _close(self, state: Structure, prev: str | None, right: str | None) -> float:
        """What the character after the text adds: log2 P(right | prev) / P(right)."""
        if right is None or prev is None:
            return 0.0
        return self.structure_logp(state, prev, right) - self.prior(right)

    def score(self, text: str, left: str | None = None, right: str | None = None) -> float:
        """log2 probability of ``text`` between ``left`` and the character ``right``.

        ``left`` is the character before, or more of the line before it (see context_before),
        which tells the marks that are open.
        """
        state, prev = (structure(left[:-1]), left[-1]) if left else (NO_STRUCTURE, None)
        total, state, last = self._walk(state, prev, text)
        return total + self._close(state, last, right)

    def best(self, lattice: Sequence[Sequence[str]], left: str | None = None, right: str | None = None) -> str:
        r"""The most plausible string taking one option from each position (Viterbi).

        >>> model().best([["中"], list("闻文问"), ["化"]])
        '中文化'
        >>> model().best([list("。保")], "\n在服务“六稳”“六", "”")
        '保'
        """
        if all(len(options) == 1 for options in lattice):
            # One path: the scores below could only ever pick it.
            return "".join(options[0] for options in lattice)
        start = (structure(left[:-1]), left[-1]) if left else (NO_STRUCTURE, None)
        # state: (open marks, last character) -> (score, string)
        states: dict[tuple[Structure, str | None], tuple[float, str]] = {start: (0.0, "")}
        for options in lattice:
            new: dict[tuple[Structure, str | None], tuple[float, str]] = {}
            for (marks, prev), (score, text) in states.items():
                for option in options:
                    gain, after, last = self._walk(marks, prev, option)
                    value = score + gain
                    key = (after, last)
                    if key not in new or value > new[key][0]:
                        new[key] = (value, text + option)
            states = new
        return max(states.items(), key=lambda kv: kv[1][0] + self._close(kv[0][0], kv[0][1], right))[1][1]

    def chars_read(self, syllable: str) -> str:
        """Characters with this tone-marked pinyin reading, most frequent first.

        >>> model().chars_read("dān")[:2]
        '单担'
        """
        return self.readings.get(syllable, "")


@lru_cache(maxsize=1)
def model() -> CharModel:
    """The model, loaded once from the package data (through a per-user cache, see below)."""
    tables = _load_cached(_model_data())
    return CharModel(tables["unigram"], tables["bigram"], tables["readings"], _simplified_chars(),
                     tables["starts"], tables["ends"])


def _model_data() -> bytes:
    # A plain file read: importlib.resources costs more to import than the read itself.
    with open(os.path.join(os.path.dirname(__file__), "data", "hanzi_model.tsv.gz"), "rb") as handle:
        return handle.read()


def _load_cached(data: bytes) -> dict[str, dict]:
    """The parsed tables. Parsing the text table takes ~0.1-0.3 s, a marshal copy ~20 ms, so
    the first run writes one into the user's cache folder (keyed by the data's hash) and later
    processes start from it. Any failure to read or write the cache falls back to parsing."""
    from . import diskcache

    return diskcache.load("hanzi_model", data, lambda: _parse(data))


class Priors(dict):
    """``CharModel.prior`` as a plain mapping, filled without loading the whole model.

    The characters the model's unigrams score (a few thousand, Traditional ones through their
    Simplified form) come from a small per-user cache; every other character is scored by its
    class, which needs no model. Looking up ``priors()[ch]`` is a dict access, so a sum over a
    run of text runs at C speed.

    >>> priors()["中"] == model().prior("中") and priors()["\ufffd"] == model().prior("\ufffd")
    True
    """

    def __missing__(self, ch: str) -> float:
        value = _class_prior(ch)
        self[ch] = value
        return value


def _class_prior(ch: str) -> float:
    """``CharModel.prior`` of a character whose key the unigrams do not hold (or that a class
    takes first: damage, ASCII, full-width letters and digits)."""
    if is_damage(ch):
        return DAMAGE
    if ch < "\x80":
        return ASCII_SPACE if ch in " \t\r" else ASCII_ALNUM if ch.isalnum() else ASCII_OTHER
    if "\uff10" <= ch <= "\uff5a":
        return FULLWIDTH_ALNUM
    if ch in PUNCTUATION_PRIOR:
        return PUNCTUATION_PRIOR[ch]
    return RARE_HAN if is_han(ch) else OTHER


# Bump when the way priors are computed changes: it is part of the cache key.
PRIORS_FORMAT = b"priors v2"


@lru_cache(maxsize=1)
def priors() -> Priors:
    """The prior of every character the unigrams score, from the per-user cache (built from the
    model the first time)."""
    from . import diskcache

    key = PRIORS_FORMAT + _model_data() + _simplified_source()
    table = Priors()
    for value, chars in diskcache.load("hanzi_priors", key, _unigram_priors):
        table.update(dict.fromkeys(chars, value))
    return table


def _unigram_priors() -> list[tuple[float, str]]:
    """(prior, the characters that have it): a compact form that loads in a millisecond."""
    m = model()
    groups: dict[float, list[str]] = {}
    for ch in sorted(set(m.unigram) | set(m.simplified)):
        if (len(ch) == 1 and not is_damage(ch) and ch >= "\x80" and not "\uff10" <= ch <= "\uff5a"
                and m._key(ch) in m.unigram):
            groups.setdefault(m.prior(ch), []).append(ch)
    return [(value, "".join(chars)) for value, chars in groups.items()]


def _parse(data: bytes) -> dict[str, dict]:
    unigram: dict[str, int] = {}
    bigram: dict[str, int] = {}
    readings: dict[str, str] = {}
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    import gzip

    for line in gzip.decompress(data).decode("utf-8").splitlines():
        kind, key, value = line.split("\t")
        if kind == "U":
            unigram[key] = int(value)
        elif kind == "B":
            bigram[key] = int(value)
        elif kind == "P":
            readings[key] = value
        elif kind == "S":
            starts[key] = int(value)
        elif kind == "E":
            ends[key] = int(value)
    return {"unigram": unigram, "bigram": bigram, "readings": readings, "starts": starts, "ends": ends}


def _simplified_path() -> str:
    from importlib.util import find_spec

    # Found, not imported: the package's import costs more than reading the table.
    spec = find_spec("opencc")
    origin = spec.origin if spec is not None and spec.origin else ""
    return os.path.join(os.path.dirname(origin), "dictionary", "TSCharacters.txt")


def _simplified_source() -> bytes:
    try:
        with open(_simplified_path(), "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def _simplified_chars() -> dict[str, str]:
    """Traditional -> Simplified single characters, from OpenCC's TSCharacters table."""
    table: dict[str, str] = {}
    try:
        with open(_simplified_path(), encoding="utf-8") as lines:
            for line in lines:
                parts = line.split()
                if len(parts) >= 2 and len(parts[0]) == 1 and parts[0] != parts[1][:1]:
                    table[parts[0]] = parts[1][:1]
    except OSError:
        pass
    return table
