"""Find and reverse wrong decodes, one run of text at a time.

Text that went through a wrong decode keeps its bytes in another costume: ``璁㈤槄`` is the
UTF-8 of 订阅 read as GBK. For each run of non-ASCII text (ASCII is the same in every codec
here, so the damage cannot cross it) and each kind in :data:`KINDS`, we put the costume back on
(encode with the codec that misread it) and read the bytes right. A run is replaced only when
the result decodes cleanly and reads as Chinese far better than the run did, by the character
model in :mod:`cleantext.hanzi_model`; clean text, rare characters and text that talks about
mojibake (锟斤拷) stay as they are.

Lossy damage: a byte lost where a wrong decoder met an invalid pair (U+FFFD, or ``?``) becomes
an unknown; every byte value that completes a valid character is a candidate and the model picks
the reading that fits the context.

>>> fix_mojibake("璁㈤槄 and ä¸­æ–‡")
'订阅 and 中文'
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, combinations, islice
from typing import NamedTuple

from . import lazyre
from .hanzi_model import (
    DIGITS,
    FULL_WIDTH_MARKS,
    RARE_HAN,
    TEXT_EDGE,
    context_before,
    document_pair_counts,
    is_damage,
    is_han,
    model,
    pair_counts,
    priors,
    priors_key,
)
from .lost_chars import LOST_WITH_PINYIN, annotated_lattice

UNKNOWN = -1  # a byte that a lossy decode replaced
# A lost byte that only some values fit: LOST_SOME - mask, bit k set when 0x80 + k fits (see
# _lost_before and _fitting). Every such mark is below QUESTION and LOST_SOME.
LOST_SOME = -4
# A byte shown as "?": lost like UNKNOWN, or a question mark the text had all along. Where a
# UTF-8 character cannot be going on, it is read as the question mark.
QUESTION = -2
# Runs of the characters hanzi_model.is_han accepts (counted with a regex, not per character).
HAN_RUN = lazyre.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
LOST = "\ufffd?"  # what a lost byte turns into

# Characters a run of damaged text is made of: anything but ASCII, plus the ? that a
# lossy decoder writes for an invalid byte when it is glued to non-ASCII text (two of them
# after it: 。 at a line end may lose both 80 and 82, 人。 read as GBK is 浜恒??), plus an
# ASCII letter or mark right after U+FFFD: a GBK decoder that meets a pair it lacks loses the
# lead byte and reads the trail alone (Big5's 叫, A5 73, read as GBK is U+FFFD and s).
RUN = lazyre.compile(r"(?:[^\x00-\x7f]|\?(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\??\?|(?<=\ufffd)[\x40-\x7e])+")
# In a line with a lost byte, one ASCII letter or mark right after a non-ASCII character belongs
# to the run too: after a lost lead byte, a GBK decoder reads Big5 out of step, pairing each
# trail byte with the next lead, until a trail that is ASCII on its own (頭, C0 59, ends 的源頭
# read as GBK as 悍嚼Y; 是, AC 4F, before a number or a word reads 含O1900, 维OBeatles: without
# its O the run ends in half a pair and is not read at all). Where the letter is text, the
# reading keeps it. Elsewhere such a letter is text (A股, yàn).
LOSSY_RUN = lazyre.compile(r"(?:[^\x00-\x7f]|\?(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\??\?|(?<=\ufffd)[\x40-\x7e]"
                           r"|(?<=[^\x00-\x7f])[\x40-\x7e])+")


def _run_pattern(text: str, start: int = 0, end: int | None = None) -> re.Pattern[str]:
    """LOSSY_RUN where ``text`` (from ``start`` to ``end``) has a lost byte, else RUN."""
    return LOSSY_RUN if text.find("\ufffd", start, len(text) if end is None else end) >= 0 else RUN

MIN_GAIN = 12.0  # log2: the repaired run must be at least 4096 times as likely as the damaged one
MIN_GAIN_PER_CHAR = 2.0
# ... and a run of one piece (no ASCII between) a swap between CJK codecs reads: words of five
# random characters in a line read as common ones with 2.8 bits a character (埽襏譟庈絡 as
# 缘鹪姆市蹈); of 3,384 strong readings of long swapped runs in generated damage (seeds 4, 7,
# 11), the 3 that gain less and are no span of runs are wrong readings (眀璶贾ネ竭 as 帳要樂生賠).
SWAP_GAIN_PER_CHAR = 3.0
MAX_CHAR_COST = 15.5  # the repair must read as Chinese: mean -log2 P per character at most this
# ... unless the reading is UTF-8 read as GBK in more characters than it has (a rare name, 郝戎 as
# 閮濇垘) and gains this much a character: its damage is valid UTF-8 three bytes a character,
# which random characters seldom are. 7 and 10 gave the same on seeds 4/7/11 and the controls
# at 3000 a family over seeds 1-12 (none changes for it).
RARE_UTF8_GAIN_PER_CHAR = 10.0
MAX_UNKNOWNS = 3
# A long run may lose more bytes: Python's lenient GBK decoder loses about one in every 25 to
# 30 characters of UTF-8 mojibake (0x80 and the user-defined pairs), beside the end of each line.
CHARS_PER_UNKNOWN = 6
# Python's GBK decoder (errors="replace") loses far more: 0x80 and the
# user-defined pairs, one byte in every 4 to 10 characters of UTF-8, the lead of one Big5
# character in three; its Big5 decoders lose the lead of GBK's rows 81-A0 and of pairs plain
# Big5 lacks. Where each lost byte leaves only a few common characters (FEW_OPTIONS at most,
# see _open_to_many), a run may have one in every 2 characters.
CHARS_PER_FEW_UNKNOWN = 2
FEW_OPTIONS = 16
# Where a CJK codec misread another, every character maps to one character (亠亠 reads 坡坡 as
# Big5), so a reading that only swaps rare characters for common ones proves nothing. Alone, a
# run must have this many Han characters, and its reading must form words (its character pairs
# this much (log2) likelier than its characters one by one) unless the run is long enough that
# chance swaps are out of the question.
MIN_STRONG_HAN = 3
MIN_CONTEXT_GAIN = 3.0
LONG_RUN = 5
# Weak runs that vote together must each read much better (log2 per character): 堎 -> 月 gains 20.
WEAK_GAIN_PER_CHAR = 8.0
RARE_READING_COST = 15.0  # -log2 prior: 鰅 is 20, 酪 18, 笛 15.6, 坡 13.6, 下 8.1
SUSPICIOUS_COST = 12.5
# A clause of a run is short, and clean short clauses are more often rare (a name): a higher bar.
SUSPICIOUS_CLAUSE_COST = 13.0
# A damaged clause has two characters at least this rare (-log2 prior) close together: only
# clauses with such a pair are summed (clean text's common words, 诈骗 or 扫码, fall below).
RARE_NEAR_COST = 14.0
SHORT_RUN = 4
# A pair of characters unknown to the model that reads as a common pair (see
# _two_unknown_to_common) must form a word this much more (log2) than longer runs must.
PAIR_EXTRA_CONTEXT_GAIN = 1.0
# A long run whose reading holds a character unknown to the model: its pairs must add this
# (log2). About 0.3% of real long GBK-as-Big5 runs (names) fall below; no random run passes.
LONG_RUN_UNKNOWN_CONTEXT_GAIN = 1.0
# log2: a long swapped run of one piece must read this much better than random characters (see
# forms_words): words of five random characters put into lines read as common ones 1.4-3.1 bits
# over random (梮婤笫預邥 as 斩咱肿箇拴, 佌蛻罾甂湜 as 私咐磴庵贏).
LONG_RUN_GAIN_OVER_RANDOM = 4.0
SHORT_RUN_GAIN_OVER_RANDOM = 0.0
COMMON_PRIOR = -13.0  # log2 prior: 理 -9, 審 -11.6; 壜 and 曏 fall below


class Repair(NamedTuple):
    """One repaired run: where it was, what it was, what it is now, and the kind of damage."""

    start: int
    end: int
    original: str
    repaired: str
    kind: str


# --- codecs that misread bytes: character -> the byte(s) it was read from -----------------


@lru_cache(maxsize=4096)
def _gbk_bytes(ch: str) -> bytes | None:
    """The bytes a Windows GBK (cp936) decoder read as ``ch``; € is the single byte 0x80."""
    if ch == "€":
        return b"\x80"
    for codec in ("gbk", "gb18030"):
        try:
            data = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(data) <= 2:
            return data
    return None


@lru_cache(maxsize=4096)
def _big5_bytes(ch: str) -> bytes | None:
    """The bytes a Big5 decoder read as ``ch``, as Big5-HKSCS has them (see _cp950_bytes)."""
    for codec in BIG5_DECODERS:
        try:
            return ch.encode(codec)
        except UnicodeEncodeError:
            continue
    return None


# The Big5 decoders: Python's big5hkscs, cp950 (Windows) and big5 (ETEN's plain Big5). Where
# HKSCS has characters of its own, cp950 and big5 have the ETEN extensions: C6A1-C8FE are
# circled numbers, kana and Cyrillic there (C6AB is ぇ), and 243 pairs read otherwise.
BIG5_DECODERS = ("big5hkscs", "cp950", "big5")


@lru_cache(maxsize=4096)
def _cp950_bytes(ch: str) -> bytes | None:
    """The bytes Windows' or plain Big5 decoder read as ``ch`` (ぇ is C6AB there, C6ED in HKSCS).

    >>> _cp950_bytes("ぇ"), _big5_bytes("ぇ"), _cp950_bytes("中")
    (b'\\xc6\\xab', b'\\xc6\\xed', b'\\xa4\\xa4')
    """
    for codec in ("cp950", "big5", "big5hkscs"):
        try:
            return ch.encode(codec)
        except UnicodeEncodeError:
            continue
    return None


def _big5_variant_chars() -> str:
    """The characters whose bytes differ between the Big5 decoders (see _cp950_bytes)."""
    found = set()
    for lead in range(0x81, 0xFF):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            for codec in ("cp950", "big5"):
                try:
                    ch = bytes([lead, trail]).decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(ch) == 1 and _big5_bytes(ch) not in (None, _cp950_bytes(ch)):
                    found.add(ch)
    return "".join(sorted(found))


@lru_cache(maxsize=1)
def _big5_variants() -> re.Pattern[str]:
    from . import diskcache

    chars = diskcache.load("big5_variants", f"v1 {sys.version}".encode(), _big5_variant_chars)
    return re.compile("[" + re.escape(chars) + "]")


@lru_cache(maxsize=1024)
def _cp1252_bytes(ch: str) -> bytes | None:
    """cp1252 as browsers decode it: the five undefined bytes come through as C1 controls."""
    code = ord(ch)
    if 0x80 <= code <= 0xFF:
        return bytes([code])
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        return None


@lru_cache(maxsize=1024)
def _cp1250_bytes(ch: str) -> bytes | None:
    """Central European Windows code page: GBK text read on a Polish or Czech system."""
    try:
        return ch.encode("cp1250")
    except UnicodeEncodeError:
        return None


def _encode(run: str, to_bytes: Callable[[str], bytes | None]) -> list[int] | None:
    """The bytes of ``run`` under a misreading codec; a lost-byte mark becomes UNKNOWN."""
    encoded = _encode_with_offsets(run, to_bytes)
    return encoded[0] if encoded else None


def _encode_with_offsets(run: str, to_bytes: Callable[[str], bytes | None],
                         forms: dict[int, bytes] | None = None) -> tuple[list[int], list[int]] | None:
    """The bytes of ``run`` and the byte offset where each character starts; ``forms`` gives
    other bytes for some characters (by index), where the codec reads more than one form."""
    if not run:
        return [], []
    # The characters' bytes joined, without a Python step per byte. A lost-byte mark is read
    # as "?" (one byte in every codec here) and its byte then becomes UNKNOWN.
    probe = run.replace("\ufffd", "?")
    if None in map(to_bytes, probe):  # stops at the first character the codec lacks
        return None
    pieces = list(map(to_bytes, probe))
    for i, form in (forms or {}).items():
        pieces[i] = form
    lost = [m.start() for m in LOST_CHAR.finditer(run)]
    offsets = list(accumulate(map(len, pieces[:-1]), initial=0))
    data = list(b"".join(pieces))
    for i in lost:
        data[offsets[i]] = QUESTION if run[i] == "?" else UNKNOWN
    return data, offsets


LOST_CHAR = lazyre.compile("[?\ufffd]")  # a character of LOST

# Characters a misreading codec reads from more than one byte sequence: GB18030 and WHATWG's
# GBK read the single byte 0x80 (cp936's euro) and the pair A2 E3 both as €. In UTF-8 read as
# GBK, A2 E3 is the last byte of one character and the lead byte of the next (院《 reads 闄€€).
OTHER_FORMS: dict[Callable[[str], bytes | None], dict[str, bytes]] = {_gbk_bytes: {"€": b"\xa2\xe3"}}
MAX_OPEN_FORMS = 3  # characters whose form nothing decides (a lost byte follows), tried both ways


def _byte_forms(run: str, to_bytes: Callable[[str], bytes | None]) -> list[dict[int, bytes]]:
    """The choices of other byte forms (by index) for the characters of ``run`` that have
    them, the codec's usual forms first.

    Read as UTF-8, the bytes around decide: the other form of € (A2 E3) ends the character
    it is in and begins the next, so it fits only where one continuation byte is due and
    continuation bytes follow. Next to a lost byte both are tried. A double-byte codec may need
    the other form throughout (Big5 has no 0x80).

    >>> _byte_forms("闄€€婂", _gbk_bytes)
    [{}, {1: b'\\xa2\\xe3'}, {1: b'\\xa2\\xe3', 2: b'\\xa2\\xe3'}]
    >>> _byte_forms("涓枃", _gbk_bytes)
    [{}]
    """
    other = OTHER_FORMS.get(to_bytes)
    if not other or not any(ch in other for ch in run):
        return [{}]
    decided: dict[int, bytes] = {}
    open_ = []
    due = 0  # continuation bytes due in the UTF-8 character being read
    for i, ch in enumerate(run):
        if ch in LOST:
            due = max(0, due - 1)
            continue
        data = to_bytes(ch) or b"?"
        if ch in other:
            following = to_bytes(run[i + 1]) if i + 1 < len(run) and run[i + 1] not in LOST else None
            if (i and run[i - 1] in LOST) or (i + 1 < len(run) and run[i + 1] in LOST):
                open_.append(i)
            elif due == 1 and following and 0x80 <= following[0] < 0xC0:
                decided[i] = data = other[ch]
        for byte in data:
            due = (0 if byte < 0xC0 else 1 if byte < 0xE0 else 2 if byte < 0xF0 else 3) if not 0x80 <= byte < 0xC0 \
                else max(0, due - 1)
    choices = [{}, decided] if decided else [{}]
    if len(open_) <= MAX_OPEN_FORMS:
        for i in open_:
            choices += [{**choice, i: other[run[i]]} for choice in choices]
    everywhere = {i: other[ch] for i, ch in enumerate(run) if ch in other}
    if everywhere not in choices:
        choices.append(everywhere)
    return choices
# What UTF-8 read as cp1252 is made of: a lead byte (Â..ï) and a continuation byte (C1 or
# cp1252's specials, or Latin-1 0xA0..0xBF).
LATIN1_MOJIBAKE = lazyre.compile("[\xc2-\xef][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


# --- reading bytes right, with unknowns -----------------------------------------------------


class Dropping(NamedTuple):
    """How a decoder that drops the bytes it cannot read (see _utf8_lattice) shows in its text."""

    # The bytes a run must have for dropped bytes to be read into it, unless the text shows the
    # damage: cp1252 mojibake is Latin letters no clean Chinese is made of, but GBK's is Han
    # characters, and a short run of clean ones reads as UTF-8 short of bytes too easily (骞骞骞
    # as three characters one byte short).
    min_bytes: int
    # A character short of bytes at the end of a run lost them, with no other sign: Python's GBK
    # decoder drops the 80 and 82 of every 。 before a line end; cp1252 text cut short (元ç´ of
    # a title) is commoner than a dropped last byte.
    at_end: bool
    # The decoder's text writes ? for the bytes it loses too (Windows' conversions to GBK), so
    # a run with ? dropped none; cp1252 mojibake has ? only as text (为什么?).
    question_marks: bool


DROPPING = {"cp1252": Dropping(0, False, False), "gbk": Dropping(12, True, True)}


def _utf8_lattice(data: list[int], dropped_by: tuple[str, ...] = (), shown: bool = False
                  ) -> tuple[list[list[str]], int] | None:
    """Read ``data`` as UTF-8: one list of candidate characters per position, and how many
    bytes were read (an incomplete character at the very end is left unread).

    With ``dropped_by`` (decoders), a character short of continuation bytes lost them to one of
    those decoders, which drops a byte it cannot pair with the next one without a trace (cp1252
    drops 0x81, 0x8D, 0x8F, 0x90 and 0x9D; Python's GBK decoder with errors="ignore" drops what
    errors="replace" marks), at any place after the lead byte: 、 (E3 80 81) may lose its last
    byte to cp1252 so, 。 (E3 80 82, a ‚ there) may not. How each decoder shows is DROPPING's;
    ``shown`` says the text shows the damage for sure (cp1252: see dropped_shown; GBK: the line's
    damage), so that a short run may have dropped bytes too (6鏈1 is 6月1, 月 one byte short
    before the digit) and a character short of bytes at the end of the run lost them.

    >>> options = _utf8_lattice([0xE3, 0x80, 0xE8], dropped_by=("cp1252",))[0][0]
    >>> "、" in options, "」" in options, "。" in options, len(options)
    (True, True, False, 10)
    """
    lattice: list[list[str]] = []
    unknowns = sum(1 for b in data if b < 0)
    # A decoder that marks the bytes it loses (U+FFFD, or ? where it writes that) drops none. A
    # ? where a character begins may be the text's own (够吗?那 read as GBK is 澶熷悧?閭):
    # only one inside a character, where a byte is missing, may show such a decoder (below).
    decoders = [DROPPING[codec] for codec in dropped_by]
    if any(b < 0 and b != QUESTION for b in data):
        dropped_by, decoders = (), []
    marks_questions = any(d.question_marks for d in decoders)
    whole = data
    dropped = 0
    i = 0
    while i < len(data):
        lead = data[i]
        if lead == QUESTION:
            lattice.append(["?"])
            i += 1
            continue
        if lead < 0:  # a lost byte where a character must begin: not UTF-8
            return None
        if lead < 0x80:
            lattice.append([chr(lead)])
            i += 1
            continue
        size = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
        if not size:
            return None
        tail = data[i + 1 : i + size]
        if len(tail) < size - 1 and all(b < 0 or 0x80 <= b < 0xC0 for b in tail):
            # A decoder that drops bytes, shown in the text or in this run before (a title cut
            # short shows none), dropped those of the last character too.
            if not any(b < 0 for b in tail) and not (decoders and (shown or dropped or any(d.at_end for d in decoders))):
                return lattice, i  # truncated at the end of the run (a title cut short: 元ç´)
            if any(b < 0 for b in tail):
                # A mark at the end of a text can stand for all the bytes the decoder had left.
                tail = [*tail, *[UNKNOWN] * (size - 1 - len(tail))]
                data = [*data[: i + 1], *tail]
        present = 0
        while present < len(tail) and (tail[present] < 0 or 0x80 <= tail[present] < 0xC0):
            present += 1
        if marks_questions and QUESTION in tail[:present]:
            # A ? for a lost byte: that decoder drops none. Unless the run reads only with dropped
            # bytes elsewhere: then the ? is the text's, after a character that lost a byte to
            # it (呢? read as GBK and dropped is 鍛?: A2 has no pair in ?).
            return _utf8_lattice(whole, shown=shown) or \
                _utf8_lattice([0x3F if b == QUESTION else b for b in whole], dropped_by, shown)
        if present < size - 1:
            missing = size - 1 - present
            unknowns += missing
            dropped += missing
            # A dropped byte was one of a few: a long run may have dropped many, a character
            # both its continuation bytes (十 is E5 8D 81: å alone in cp1252).
            if not decoders or missing > 2 or not shown and len(data) < max(d.min_bytes for d in decoders) \
                    or unknowns > max(MAX_UNKNOWNS, len(data) // CHARS_PER_FEW_UNKNOWN):
                return None
            after = data[i + 1 + present] if i + 1 + present < len(data) else None
            chars = _dropped_options(lead, tuple(tail[:present]), missing, after, dropped_by)
        else:
            chars = _utf8_options(lead, tuple(tail))
        if not chars:
            return None
        lattice.append(list(chars))
        i += 1 + present
    return lattice, i


@lru_cache(maxsize=4096)
def _dropped_options(lead: int, present: tuple[int, ...], missing: int, after: int | None,
                     dropped_by: tuple[str, ...]) -> tuple[str, ...]:
    """The characters UTF-8 reads from ``lead``, the continuation bytes ``present`` and
    ``missing`` more that a decoder of ``dropped_by`` dropped, wherever they stood after the lead
    (吃 is E5 90 83, seen as å ƒ in cp1252): each a byte the decoder could not pair with the byte
    after it (see _lost_before; ``after`` is the byte after the character, None at the end).

    >>> "吃" in _dropped_options(0xE5, (0x83,), 1, None, ("cp1252",)), "十" in _dropped_options(0xE5, (), 2, None, ("cp1252",))
    (True, True)
    """
    size = len(present) + missing
    found: dict[str, None] = {}
    for places in combinations(range(size), missing):
        known = iter(present)
        tail = [None if k in places else next(known) for k in range(size)]
        for k in places:
            following = next((b for b in (*tail[k + 1 :], after) if b is not None), None)
            tail[k] = UNKNOWN if following is not None and following < 0 else _lost_before(dropped_by, following)
        found.update(dict.fromkeys(_utf8_options(lead, tuple(tail)) or ()))
    return tuple(found)



@lru_cache(maxsize=8192)
def _utf8_options(lead: int, tail: tuple[int, ...]) -> tuple[str, ...] | None:
    """The characters UTF-8 reads from ``lead`` and ``tail`` (continuation bytes, UNKNOWN for a
    lost one), likeliest first; None when none. The same few patterns come up again and again."""
    options = [b""]
    for byte in tail:
        choices = [byte] if byte >= 0 else _fitting(byte, 0x80, 0xC0)
        options = [prefix + bytes([b]) for prefix in options for b in choices]
    chars = []
    for option in options:
        try:
            ch = (bytes([lead]) + option).decode("utf-8")
        except UnicodeDecodeError:
            continue
        # A guessed byte must not make damage; a known one may (text damaged twice).
        if len(options) == 1 or not is_damage(ch):
            chars.append(ch)
    if not chars:
        return None
    if len(chars) > 1:
        chars = _plausible(chars)
    return tuple(chars)


@lru_cache(maxsize=512)
def _lost_before(codecs: tuple[str, ...], following: int | None) -> int:
    """The mark of a byte that a decoder of ``codecs`` lost just before the byte
    ``following`` (None: at the end of its input, where it loses a byte it cannot read alone:
    cp1252 its five undefined bytes, GBK 0x80 and any lead byte): a decoder drops a byte only
    where that byte and the next make no character,
    and then reads on from the next byte. So UTF-8 read as GBK loses 0x80, or AA-AF before a
    byte from A1 up (user-defined pairs), never 8D (8D E4 is a GBK character): of 64 values a
    few remain. UNKNOWN when all fit.

    >>> list(_fitting(_lost_before(("gbk",), 0xE4), 0x80, 0xC0))
    [128, 162, 170, 171, 172, 173, 174, 175]

    Big5 read as GBK loses the lead byte of a pair GBK does not have (A4-A7 before 40-A0,
    AA-AF and F8-F9 before A1 up are GBK's user-defined pairs) and reads the trail afresh:

    >>> list(_fitting(_lost_before(("gbk",), 0x5F), 0xA1, 0xFA))
    [161, 162, 163, 164, 165, 166, 167, 169]

    GBK read as Big5 by Python's big5, cp950 or big5hkscs: whichever decoder it was lost the
    byte, so a value fits where one of them has no pair for it (an HKSCS pair is lost by big5):

    >>> len(_fitting(_lost_before(BIG5_DECODERS, 0xC4), 0x81, 0xFF)) < 64
    True
    >>> list(_fitting(_lost_before(("cp1252",), None), 0x80, 0xC0)), _lost_before(("gbk",), None) == UNKNOWN
    ([129, 141, 143, 144, 157], True)
    """
    mask = 0
    for k in range(128):
        for codec in codecs:
            try:
                bytes([0x80 + k] if following is None else [0x80 + k, following]).decode(codec)
            except UnicodeDecodeError:
                mask |= 1 << k
                break
    return UNKNOWN if mask == (1 << 128) - 1 else LOST_SOME - mask


def _fitting(byte: int, low: int, high: int) -> range | list[int]:
    """The values from ``low`` up to ``high`` (exclusive) that a lost ``byte`` may have had."""
    if byte > LOST_SOME:
        return range(low, high)
    mask = LOST_SOME - byte
    return [value for value in range(max(low, 0x80), high) if mask >> (value - 0x80) & 1]


def _plausible(chars: list[str], keep: int = 64) -> list[str]:
    """The likeliest candidates for a lost byte, by prior (keeps the search small)."""
    prior = model().prior
    return sorted(chars, key=prior, reverse=True)[:keep]


def _double_byte_lattice(data: list[int], codec: str) -> tuple[list[list[str]], int] | None:
    """Read ``data`` in a double-byte codec (GBK or Big5) strictly; unknown bytes become candidates."""
    lattice: list[list[str]] = []
    i = 0
    while i < len(data):
        lead = data[i]
        if 0 <= lead < 0x80:
            lattice.append([chr(lead)])
            i += 1
            continue
        if i + 1 >= len(data):
            return None
        chars = _double_byte_options(lead, data[i + 1], codec)
        if chars is None:
            return None
        lattice.append(list(chars))
        i += 2
    return lattice, i


@lru_cache(maxsize=65536)
def _double_byte_options(lead: int, trail: int, codec: str) -> tuple[str, ...] | None:
    """The characters ``codec`` reads from a pair of bytes (UNKNOWN for a lost one), likeliest
    first; None when none."""
    leads = _fitting(lead, 0x81, 0xFF) if lead < 0 else [lead]
    trails = _fitting(trail, 0x40, 0xFF) if trail < 0 else [trail]
    chars = []
    for a in leads:
        for b in trails:
            try:
                ch = bytes([a, b]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and not is_damage(ch):
                chars.append(ch)
    if not chars:
        return None
    return tuple(_plausible(chars)) if len(chars) > 1 else tuple(chars)


@lru_cache(maxsize=1)
def _simplified_side() -> frozenset[str]:
    """The Simplified side of OpenCC's character table: forms only Simplified text uses, and
    forms both scripts use that stand for another character in Traditional (出 for 齣)."""
    table = model().simplified
    return frozenset(table.values()) - frozenset(table)


def same_script(lattice: list[list[str]], context: str = "") -> list[list[str]]:
    """Guessed characters keep to the script of the known ones: a lost byte in Simplified text
    is not a Traditional character (每餐, not 每餘, which the model scores as 每余), and the
    other way round. Unchanged when the known characters show no script or both. (Text with a
    character of the Simplified side, _simplified_side, and no Traditional form is Simplified.)

    >>> same_script([["每"], ["餘", "餐"]])
    [['每'], ['餘', '餐']]
    >>> same_script([["这"], ["餘", "餐"]])
    [['这'], ['餐']]

    Traditional text loses only the forms it never uses (see _simplified_forms), not every
    Simplified side of OpenCC's table: 出, 合, 只 and 台 stand for 齣, 閤, 隻 and 臺 there, but
    Traditional text writes them all the time (選出, not 選—).

    >>> same_script([["選"], ["出", "—", "这"]])
    [['選'], ['出', '—']]
    """
    known = "".join(options[0] for options in lattice if len(options) == 1) + context
    traditional = model().simplified
    has_traditional = any(ch in traditional for ch in known)
    if has_traditional and not any(ch in _simplified_forms() for ch in known):
        other = _simplified_forms()
    elif not has_traditional and any(ch in _simplified_side() for ch in known):
        other = traditional  # 么 and 题 are Simplified enough to keep 願 out of 跑题
    else:
        return lattice
    out = []
    for options in lattice:
        kept = [ch for ch in options if ch not in other] if len(options) > 1 else options
        out.append(kept or options)
    return out


# --- the kinds of damage ----------------------------------------------------------------------


class Kind(NamedTuple):
    """A wrong decode: how to get the bytes back from the text, and how to read them right."""

    name: str
    to_bytes: Callable[[str], bytes | None]
    read: Callable[[list[int]], tuple[list[list[str]], int] | None]
    han_run: bool = False  # the damage reads as Han characters (a CJK codec misread another)
    min_run: int = 1  # shorter runs are too easily clean text (two accented letters, créé)
    # The damage cannot be clean Chinese (Latin letters that are valid UTF-8 of Han characters),
    # so a reading may be all rare characters (a name such as 董晗萱).
    rare_reading_ok: bool = False
    utf8: bool = False  # read is _utf8_lattice
    # log2 odds against this reading, before the model's: a decoder variant's (see VARIANT_KINDS)
    cost: float = 0.0
    # The decoder that misread the bytes, where the bytes it lost (LOST) are known to be only
    # those it could not pair with the byte after them (see _lost_before).
    lost_by: tuple[str, ...] = ()
    # How to read where the line or document shows this damage for sure, if not as ``read``.
    read_shown: Callable[[list[int]], tuple[list[list[str]], int] | None] | None = None

    def lattices(self, run: str, supported: bool = False) -> list[list[list[str]]]:
        """The lattices of every way to put the costume back on that reads (one, unless a
        character of ``run`` has several byte forms: see OTHER_FORMS): candidates per position,
        an unreadable incomplete tail left as it was.

        ``supported``: the line or document around is damaged this way, so a run of symbols
        may be read too (﹝ is 。 and ㄛ is ， in GBK read as Big5).

        >>> [["".join(options) for options in lattice] for lattice in KINDS[0].lattices("闄€€婂叧")][0]
        ['院', '《', '关']
        """
        if supported and self.read_shown is not None:
            return self._replace(read=self.read_shown, read_shown=None).lattices(run, supported)
        if not self.utf8 and run.endswith("??"):
            # Only UTF-8 loses two bytes in a row at the end (。 its 80 and 82): between double-byte
            # codecs the second ? is text (驚喜嗎?? read as GBK is 佩尺盾??).
            return [[*lattice, ["?"]] for lattice in self.lattices(run[:-1], supported)]
        if len(run) < self.min_run:
            return []
        if self.han_run and not supported and (_script_evidence(run) * 2 < _damage_length(run) or _japanese(run)):
            return []  # symbols and box drawing between codecs are not damage, nor is Japanese
        usual = self._read(run, {})
        if usual is not None and not LOST_CHAR.search(run):
            return [usual]  # read in full as it is: other forms could only read by chance
        found = [] if usual is None else [usual]
        for forms in _byte_forms(run, self.to_bytes)[1:]:
            lattice = self._read(run, forms)
            if lattice is not None:
                found.append(lattice)
        if not found and not self.utf8 and "?" in run:
            found = self._with_question_marks(run)
        return found

    def _with_question_marks(self, run: str) -> list[list[list[str]]]:
        """A double-byte run read with its question marks as the marks the text had all along
        (為什麼...?): a lost byte there would leave the pairs after it out of step, and the run
        does not read that way.

        >>> ["".join(o[0] for o in lattice) for lattice in KINDS[4]._with_question_marks("ぐ或?")]
        ['什麼?']
        """
        lattice: list[list[str]] = []
        for i, piece in enumerate(run.split("?")):
            if i:
                lattice.append(["?"])
            if piece:
                read = self._read(piece, {})
                if read is None:
                    return []
                lattice.extend(read)
        return [lattice]

    def _read(self, run: str, forms: dict[int, bytes]) -> list[list[str]] | None:
        # Each lost-byte mark is one unknown byte of the encoding (see _encode_with_offsets):
        # counted on the run, before encoding it.
        if run.count("?") + run.count("\ufffd") > (max_lost_marks(run) if self.lost_by else max_unknowns(run)):
            return None
        if self.utf8 and not _may_begin_utf8(run[0], forms.get(0) or self.to_bytes(run[0])):
            return None  # what _utf8_lattice would find at its first byte
        encoded = _encode_with_offsets(run, self.to_bytes, forms) if forms else _encode_usual(run, self.to_bytes)
        if encoded is None:
            return None
        data, offsets = encoded
        if self.lost_by and UNKNOWN in data:
            # (At the end of the run, what the decoder cannot read alone: cp1252's five bytes.)
            data = [_lost_before(self.lost_by, data[i + 1] if i + 1 < len(data) else None)
                    if byte == UNKNOWN and (i + 1 == len(data) or data[i + 1] >= 0) else byte
                    for i, byte in enumerate(data)]
            if any(byte == LOST_SOME for byte in data):
                return None
        read = self.read(data)
        if read is None:
            return None
        lattice, used = read
        if used < len(data):
            if used not in offsets or not lattice:
                return None
            lattice.append([run[offsets.index(used) :]])
        open_ = sum(len(options) > 1 for options in lattice)
        if self.lost_by:  # many lost bytes, so long as few of them are open to many values
            if open_ > max_lost_marks(run) or sum(map(_open_to_many, lattice)) > max_unknowns(run):
                return None
        elif open_ > max_unknowns(run):
            return None
        return lattice


def _open_to_many(options: list[str]) -> bool:
    """Does a lost byte leave more than FEW_OPTIONS common characters (prior COMMON_PRIOR and
    up) to choose from? The rare ones fit a context only by chance: where GBK read as Big5 lost
    a lead byte, the values left are mostly GBK's extension rows (仁, C8 CA, is lost by Python's
    big5 as 34 candidates, one of them common).

    >>> _open_to_many(["仁", "準", "喪"] * 10), _open_to_many(list("的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对"))
    (False, True)
    """
    if len(options) <= FEW_OPTIONS:
        return False
    prior = model().prior
    return sum(prior(ch) >= COMMON_PRIOR for ch in options) > FEW_OPTIONS


@lru_cache(maxsize=256)
def _encode_usual(run: str, to_bytes: Callable[[str], bytes | None]) -> tuple[list[int], list[int]] | None:
    """_encode_with_offsets with the usual byte forms, remembered: two kinds of damage share
    each misreading codec. Shared lists: callers must not change them."""
    return _encode_with_offsets(run, to_bytes)


def _may_begin_utf8(ch: str, data: bytes | None) -> bool:
    """Can the bytes of ``ch``, the first character of a run, begin UTF-8 as _utf8_lattice
    reads it: ASCII, a question mark, or a lead byte (a lost byte, U+FFFD, cannot)?

    >>> _may_begin_utf8("涓", _gbk_bytes("涓")), _may_begin_utf8("·", _gbk_bytes("·"))
    (True, False)
    """
    if ch == "?":
        return True
    if ch == "\ufffd" or not data:
        return False
    return data[0] < 0x80 or 0xC2 <= data[0] <= 0xF4


def max_unknowns(run: str) -> int:
    """How many lost bytes a run may have and still be read: a few, more in a long run.

    >>> max_unknowns("涓枃"), max_unknowns("鏂" * 60)
    (3, 10)
    """
    return max(MAX_UNKNOWNS, len(run) // CHARS_PER_UNKNOWN)


def max_lost_marks(run: str) -> int:
    """How many lost bytes a run may have where the decoder's losses narrow each one down to a
    few values (see _lost_before): Python's GBK decoder loses a byte every few characters.

    >>> max_lost_marks("涓枃"), max_lost_marks("鏂" * 60)
    (3, 30)
    """
    return max(MAX_UNKNOWNS, len(run) // CHARS_PER_FEW_UNKNOWN)


KINDS: tuple[Kind, ...] = (
    Kind("utf8-as-gbk", _gbk_bytes, lambda data: _utf8_lattice(data, dropped_by=("gbk",)), utf8=True,
         lost_by=("gbk",), read_shown=lambda data: _utf8_lattice(data, dropped_by=("gbk",), shown=True)),
    Kind("utf8-as-cp1252", _cp1252_bytes, lambda data: _utf8_lattice(data, dropped_by=("cp1252",)), rare_reading_ok=True,
         utf8=True, lost_by=("cp1252",)),
    Kind("utf8-as-big5", _big5_bytes, _utf8_lattice, utf8=True),
    Kind("gbk-as-big5", _big5_bytes, lambda data: _double_byte_lattice(data, "gbk"), han_run=True,
         lost_by=BIG5_DECODERS),
    Kind("big5-as-gbk", _gbk_bytes, lambda data: _double_byte_lattice(data, "big5hkscs"), han_run=True,
         lost_by=("gbk",)),
    Kind("gbk-as-cp1252", _cp1252_bytes, lambda data: _double_byte_lattice(data, "gbk"), min_run=6),
    Kind("gbk-as-cp1250", _cp1250_bytes, lambda data: _double_byte_lattice(data, "gbk"), min_run=6),
)


UTF8_AS_CP1252 = next(kind for kind in KINDS if kind.name == "utf8-as-cp1252")
# The same, where the text shows a decoder that drops cp1252's undefined bytes (dropped_shown):
# a character one byte short at the end of a run lost its last byte so (影å“ is 影响, ï¼ is ！).
CP1252_DROPPING = UTF8_AS_CP1252._replace(read=lambda data: _utf8_lattice(data, dropped_by=("cp1252",), shown=True))
# How UTF-8 continuation bytes (80-BF) look in cp1252, the five it has no character for left out.
CP1252_CONTINUATION = ("[\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
                       "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178\xa0-\xbf]")
# A three-byte lead with one continuation before the next lead: a byte dropped inside the text.
CP1252_DROP = lazyre.compile(f"[\xe0-\xef]{CP1252_CONTINUATION}(?=[\xe0-\xef])")


@lru_cache(maxsize=4)
def dropped_shown(text: str) -> bool:
    """Does ``text`` show UTF-8 read by a cp1252 decoder that drops the bytes it has no
    character for (a character one byte short inside a run: 误 is è¯¯, 、 is ã€ before the
    next character)?

    >>> dropped_shown("æœ‰åºæŠ–åŠ¨ã€è¯¯å·®"), dropped_shown("Python åˆ\xa0é™¤åˆ—è¡¨ä¸\xadçš„å…ƒç´")
    (True, False)
    """
    return CP1252_DROP.search(text) is not None


# The same damage by Windows' or plain Big5 decoders (cp950, big5), which read 243 pairs as
# other characters than Big5-HKSCS does: tried where a run has such characters. A page went
# through one decoder, so its runs vote (see _variant_shown): HKSCS's bytes win unless the
# variant's read this much (log2) better in all. 害防治 read as ぇ by cp950 is 17 bits likelier
# with cp950's bytes; 雨水偏多 read as ⑴ by HKSCS is 雨水求多 with cp950's, 0.9 bits likelier.
# On generated GBK-as-Big5 pages (seed 4) the sums were -0.1 and below for HKSCS, mostly 2.3
# and above for cp950 and big5.
VARIANT_COST = 2.0
VARIANT_KINDS: tuple[Kind, ...] = (
    Kind("utf8-as-big5", _cp950_bytes, _utf8_lattice, utf8=True, cost=VARIANT_COST),
    Kind("gbk-as-big5", _cp950_bytes, lambda data: _double_byte_lattice(data, "gbk"), han_run=True,
         cost=VARIANT_COST, lost_by=BIG5_DECODERS),
)


def _out_of_step_lattice(run: str) -> list[list[str]] | None:
    """GBK read one byte out of step: the run's bytes, paired again from a lost byte before them.

    The lost lead byte before the run (shown as ``?`` or U+FFFD, or silently dropped) and the
    trail byte after it are unknowns.
    """
    body = run.lstrip(LOST)
    # Only where a lost byte is marked: without the mark, shifted pairs of clean text can
    # read plausibly too, and real pages have unmarked, unrecoverable damage of this kind.
    if body == run or len(body) < 3 or not any(is_han(ch) for ch in body):
        return None
    data = _encode(_full_width(body), _gbk_bytes)
    if data is None or any(b < 0x80 for b in data):
        return None
    read = _double_byte_lattice([UNKNOWN, *data, UNKNOWN], "gb18030")
    return read[0] if read else None


def _full_width(text: str) -> str:
    """ASCII punctuation back to full width: half-width conversion often follows the damage."""
    return text.translate(_FULL_WIDTH)


_FULL_WIDTH = str.maketrans(FULL_WIDTH_MARKS)


@lru_cache(maxsize=2048)
def _candidates(run: str, supported: str | None = None, dropping: bool = False
                ) -> tuple[tuple[Kind, list[list[list[str]]]], ...]:
    """The kinds of damage that read ``run`` and their lattices (with ``dropping``, the text
    shows a cp1252 decoder that drops bytes: see dropped_shown). Remembered: the same short runs
    (·, │, 〓) come up again and again in a page, each in another context. The lattices are
    shared: callers must not change them."""
    found = []
    kinds = (*KINDS, *VARIANT_KINDS) if _big5_variants().search(run) else KINDS
    if dropping:
        kinds = tuple(CP1252_DROPPING if kind is UTF8_AS_CP1252 else kind for kind in kinds)
    for kind in kinds:
        lattices = kind.lattices(run, kind.name == supported)
        if lattices:
            found.append((kind, lattices))
    return tuple(found)


# A lost-byte mark and the double-byte text after it (half-width punctuation included, since
# a half-width conversion often follows): where GBK read one byte out of step shows.
OUT_OF_STEP_RUN = lazyre.compile(r"[?\ufffd](?:[^\x00-\x7f]|[!,:;](?=[^\x00-\x7f])){3,}")


# What a Chinese repair reads as: Han characters, CJK or general punctuation, full-width forms
# (not braille or other symbols: â¡Â is no ⡀Â).
CJK_OR_PUNCTUATION = lazyre.compile("[\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
                                    "\U00020000-\U0003134f]")


class Reading(NamedTuple):
    """One way to read a run: the text, the kind of damage it undoes, and how much better it reads."""

    text: str
    kind: str
    gain: float
    strong: bool  # good enough on its own, without support from the rest of the line
    variant: bool = False  # read with a decoder variant's bytes (see VARIANT_KINDS)


def readings(run: str, left: str | None = None, right: str | None = None, depth: int = 0,
             supported: str | None = None, document: str | None = None) -> list[Reading]:
    """Every reversal of a wrong decode that reads better than ``run``, best first.

    ``supported`` names a kind of damage the line or document around shows for sure: runs of
    symbols are read that way too. ``document`` is the text the run stands in, whose pairs of
    characters pick among a lost byte's characters (see hanzi_model.document_pairs).
    """
    m = model()
    before = None  # scored when a candidate needs it: most suspicious runs have none
    found = []
    dropping = document is not None and dropped_shown(document)
    for codec_kind, lattices in _candidates(run, supported, dropping):
        kind = codec_kind.name
        edges = (left or "")[-1:] + (right or "")
        texts = [m.best(same_script(lattice, edges), left, right, document) for lattice in lattices]
        text = max(texts, key=lambda t: m.score(t, left, right)) if len(texts) > 1 else texts[0]
        if not text or text == run:
            continue
        if not depth and kind == "utf8-as-cp1252" and LATIN1_MOJIBAKE.search(text):
            # UTF-8 read as cp1252 two times: the first reading is UTF-8 read as cp1252 again.
            # Two layers of valid UTF-8 are evidence enough for a reading as short as one
            # character (Ã¥Â¹Â´ -> å¹´ -> 年).
            twice = next((r for r in readings(text, left, right, depth + 1, document=document) if r.kind == kind), None)
            if twice is not None:
                text, kind = twice.text, "utf8-twice"
        if any(unicodedata.category(ch) == "Cn" for ch in text):
            continue  # no text has characters Unicode has not assigned (鸾帎 is no U+3D390)
        if any(is_damage(ch) for ch in text):
            # Damaged twice some other way: the first reading still holds the undefined bytes;
            # it is right only if it repairs in turn.
            if depth:
                continue
            inner = [r for r in readings(text, left, right, depth + 1, document=document) if r.strong]
            if not inner:
                continue
            text, kind = inner[0].text, kind
        han = [m.logp(None, ch) for ch in text if is_han(ch)]
        # Rare characters are fine in a reading of several (a name) where the damage cannot be
        # clean text; one rare character from three Latin letters (ã¡Â is no 㡀Â) is chance.
        # Where the line shows this swap between CJK codecs for sure, every character maps to
        # one character and a rare word (滟滪) reads as it is.
        swap_shown = codec_kind.han_run and kind == supported
        too_rare = bool(han) and -sum(han) / len(han) > MAX_CHAR_COST \
            and not (codec_kind.rare_reading_ok and len(han) > 1) and not swap_shown
        # UTF-8 read as GBK in more characters than it has (郝戎 is 閮濇垘) may read as a rare
        # name, where it gains far more than random characters' valid UTF-8 does (below).
        if too_rare and not (codec_kind.utf8 and len(han) > 1 and len(run) > len(text)):
            continue
        after = m.score(text, left, right)  # after the checks that need no context: it costs most
        if before is None:
            before = m.score(run, left, right)
        gain = after - before
        if too_rare and gain < RARE_UTF8_GAIN_PER_CHAR * len(han):
            continue
        # Where the line shows UTF-8 damage for sure, one character standing alone is read as
        # the symbol it encodes (路 is ·, C2 B7), though the model likes the Han character.
        symbol_shown = codec_kind.utf8 and kind == supported and _lone_symbol(run, text, left, right)
        # Where the line shows the swap, a reading the model likes no better may still be right
        # (yàn, 麼 read as 或), but not one it likes far less (很喜歡 is no 竭炰餙).
        if gain <= 0 and not symbol_shown and not (
                swap_shown and gain > -MIN_GAIN
                and (_joins_latin_word(text, left, right) or _to_script(kind, run, text)
                     or gain > -INTO_SCRIPT_LOSS and _into_script(kind, run, text)
                     or codec_kind.han_run and _marks_only(run) and _marks_only(text))):
            continue
        chars = sum(1 for ch in text if not ch.isspace()) or 1
        # A reading with no CJK (or general punctuation) is Latin, Greek, Cyrillic... that is
        # ftfy's business: only the support of a Chinese repair on the same line allows it.
        strong = gain >= max(MIN_GAIN, MIN_GAIN_PER_CHAR * chars) and bool(CJK_OR_PUNCTUATION.search(text))
        if strong and codec_kind.han_run and gain < SWAP_GAIN_PER_CHAR * _damage_length(run) and _one_piece(run):
            strong = False  # random rare characters read as common ones gain about this much
        if strong and codec_kind.han_run:
            # Kana and letters come out of a swap between CJK codecs (不 in Big5 is ぃ in GBK), not
            # into a repair: a reading with more of them than the run is clean text read the wrong
            # way (random characters 囡梀琩舳霘勻 as 善涨讪譚铢っ, 緑鳃掄簃奂沛 as 髮œ响榦蛩驛).
            strong = forms_words(run, text, left, right) and \
                len(SWAP_LETTER.findall(text)) <= len(SWAP_LETTER.findall(run))
        if not strong and codec_kind.han_run and gain >= MIN_GAIN and _reads_damage_away(run, text) \
                and gain > DAMAGE_EXCESS * len(PRIVATE_USE.findall(run)) and not _before_pinyin(run, right) \
                and not LOST_CHAR.search(run) and not (left and left[-1] in LOST) \
                and _over_random(after, len(text)) >= PRIVATE_USE_GAIN_OVER_RANDOM:  # GBK out of step
            # Private use characters are GBK's user-defined pairs, where Big5 has its commonest
            # characters: a reading that leaves none is no chance swap (礜\ue22e阶栏 is 煮茶論戲,
            # a name too short to form words), if it gains more than the damage cost beyond
            # an ordinary character (an icon font's \ue679 before 跨界 is no 叫輻賜) and reads
            # as well as characters picked at random (\ue058③夕 is no 門Ｍ浀).
            strong = True
        if strong and len(CJK_OR_PUNCTUATION.findall(text)) == 1 and _han_to_ascii(run, text):
            strong = False
        found.append((gain - codec_kind.cost, Reading(text, kind, gain, strong, codec_kind in VARIANT_KINDS)))
    return [reading for _, reading in sorted(found, key=lambda pair: pair[0], reverse=True)]


def _marks_only(text: str) -> bool:
    """Is ``text`` a mark or two, punctuation or symbols? Where a line shows a swap between CJK
    codecs for sure, a mark of one codec's symbol rows is another of the other's (Big5's ＃ is
    GB18030's …, both A1 AD), whatever the model likes: only a line with no clean clause beside
    takes such a reading (see _line_repairs).

    >>> _marks_only("…"), _marks_only("＃"), _marks_only("…a"), _marks_only("中")
    (True, True, False, False)
    """
    return 0 < len(text) <= 2 and all(unicodedata.category(ch)[0] in "PS" for ch in text)


def _glued(text: str, match: re.Match[str]) -> bool:
    """Does the run touch other non-ASCII text? A mark alone between spaces or digits (…23) is
    a run of its own; one beside a clause (？』) belongs to it, clean or damaged with it.

    >>> text = "《刑警》 …23 為什麼？』"
    >>> _glued(text, re.compile("…").search(text)), _glued(text, re.compile("』").search(text))
    (False, True)
    """
    before = text[match.start() - 1] if match.start() else "\n"
    after = text[match.end()] if match.end() < len(text) else "\n"
    return not (before.isascii() and after.isascii())


def _before_pinyin(run: str, right: str | None) -> bool:
    """Does the run end in a mark of damage that a pinyin annotation follows: a character lost
    with its reading kept (\ue5e5(pǐn)), which lost_chars reads, not a swap between codecs?

    >>> _before_pinyin("品\ue5e5", "("), _before_pinyin("\ue5e5", "p"), _before_pinyin("礜\ue22e阶栏", "]")
    (True, True, False)
    """
    return bool(run) and is_damage(run[-1]) and bool(right) and (right[0] == "(" or right[0].isascii() and right[0].isalpha())


def _reads_damage_away(run: str, text: str) -> bool:
    """Does ``run`` have private use characters, and ``text`` no damage, nor kana? (Not a lost
    byte, U+FFFD: a lossy reading has its own thresholds, and a lost character with pinyin after
    it is lost_chars' to read.)

    >>> _reads_damage_away("礜\ue22e阶栏", "煮茶論戲"), _reads_damage_away("煮茶", "礜阶"), _reads_damage_away("华\ufffd", "华南")
    (True, False, False)
    """
    return PRIVATE_USE.search(run) is not None and DAMAGE_MARK.search(text) is None \
        and not KANA.search(text) and all(not is_damage(ch) for ch in text)


LATIN_LETTERS = lazyre.compile("[A-Za-z\u00c0-\u024f]+")


def _joins_latin_word(text: str, left: str | None, right: str | None) -> bool:
    """Is ``text`` Latin letters glued to an ASCII letter: a pinyin letter with a tone mark
    (GBK row A8: yàn) that the model, which scores Chinese, cannot prefer to a Han character?

    >>> _joins_latin_word("à", "(y", "n"), _joins_latin_word("à", "，", "。")
    (True, False)
    """
    if not LATIN_LETTERS.fullmatch(text):
        return False
    return bool(left and left[-1].isascii() and left[-1].isalpha()) or bool(right and right.isascii() and right.isalpha())


def _lone_symbol(run: str, text: str, left: str | None, right: str | None) -> bool:
    """Is ``run`` one character, read as one Latin-1 punctuation mark or symbol (· ° § ¥ ...),
    with no Han character or letter on either side? Other symbols are no bullets: 顺 is CB B3,
    the UTF-8 of ˳.

    >>> _lone_symbol("路", "·", TEXT_EDGE, "\t"), _lone_symbol("路", "·", "马", " "), _lone_symbol("顺", "˳", "-", "“")
    (True, False, False)
    """
    if len(run) != 1 or len(text) != 1 or not "\xa1" <= text <= "\xbf" or unicodedata.category(text)[0] not in "PS":
        return False
    return not any(ch.isalnum() for ch in ((left or "")[-1:] + (right or "")[:1]))


def _to_script(kind: str, run: str, text: str) -> bool:
    """Does a run with a character of the other script read as text of the script the kind's
    repair is in (SWAP_SCRIPT)? Where the line shows GBK read as Big5 for sure, its Simplified
    text came out as Traditional-looking characters: 麼 is 或 (both bytes BB F2), though the
    model, which scores 麼 as 么, likes 或 no better. Big5 read as GBK the other way round: its
    Traditional text came out with Simplified forms (偿 is 野).

    >>> _to_script("gbk-as-big5", "麼", "或"), _to_script("gbk-as-big5", "或", "麼"), _to_script("gbk-as-big5", "中", "或")
    (True, False, False)
    >>> _to_script("big5-as-gbk", "偿", "野"), _to_script("big5-as-gbk", "稱中", "想笢")
    (True, False)
    """
    script = SWAP_SCRIPT.get(kind)
    if script is None:
        return False
    return any(map(_other_script_form(script), run)) and not any(map(_other_script_form(script), text))


def _into_script(kind: str, run: str, text: str) -> bool:
    """Does a run with no character of either script read as text with forms of the script the
    kind's repair is in? Where the line shows Big5 read as GB18030 for sure, 爹 is 註 (both
    B5 F9), though the model, which scores 註 as 注, likes it no better. Only a line with no
    clean clause beside takes such a reading (see _line_repairs).

    >>> _into_script("big5-as-gbk", "爹", "註"), _into_script("big5-as-gbk", "爹", "注"), _into_script("gbk-as-big5", "註", "爹")
    (True, False, False)
    """
    script = SWAP_SCRIPT.get(kind)
    if script is None:
        return False
    other = "simplified" if script == "traditional" else "traditional"
    return not any(_other_script_form(script)(ch) or _other_script_form(other)(ch) for ch in run) \
        and any(map(_other_script_form(other), text))


def _other_script_form(script: str) -> Callable[[str], bool]:
    """Is a character a form only the script other than ``script`` uses?"""
    other = _simplified_forms() if script == "traditional" else model().simplified
    return other.__contains__


def _han_to_ascii(run: str, text: str) -> bool:
    """Did Han characters of ``run`` (or a clean mark beside one) turn into ASCII in ``text``?
    A reading of one Chinese character from two Han characters, with a letter or a mark left
    over (墓M from 澧揗, 遗^ from 閬梌, 裡B from 鋆、), is what a random pair of rare characters
    reads as: alone it is no repair.

    >>> _han_to_ascii("澧揗", "墓M"), _han_to_ascii("鋆、", "裡B"), _han_to_ascii("涓枃", "中文")
    (True, True, False)
    """
    return sum(is_han(ch) or ch in CLEAN_MARKS for ch in run) >= 2 and \
        sum(ch.isascii() for ch in text) > sum(ch.isascii() for ch in run)


def forms_words(run: str, text: str, left: str | None = None, right: str | None = None) -> bool:
    """Does ``text``, a character-for-character reading of ``run``, read better for its
    character pairs, not only for commoner characters? (See MIN_STRONG_HAN.)

    >>> forms_words("滲杅汒隴", "函数声明"), forms_words("亠亠亠", "坡坡坡"), forms_words("冫冫", "婆婆")
    (True, False, False)
    >>> forms_words("瓣穦Τ舦：", "國會有權ㄩ")  # common characters: pairs add little, but five of them
    True
    >>> forms_words("抶抶抶", "谈谈谈"), forms_words("狟萃鑀", "下笛鰅")
    (False, False)
    """
    if _two_unknown_to_common(run, text):
        return _context_gain(run, text, left, right) >= _needed_context_gain(text) + PAIR_EXTRA_CONTEXT_GAIN
    if not _may_form_words(run):
        return False
    if _changes(run) >= LONG_RUN:
        # Chance swaps are out of the question, unless the reading has a character the model
        # does not know (愼笆盢眍苀 is no 䫑動將膼矚): then its pairs must add something, counted
        # between the characters it does not know (文丨政能亮特约评论员: 丨 has no pairs). A run
        # of one piece may be random characters: its reading must read better than random
        # characters do (糉蹿鯣簑縤 is no 厲款衊滴磨). A span of runs (a list of names) is judged
        # by its own rules (see _span_readings).
        m = model()
        if _one_piece(run) and _over_random(m.score(text, left, right), len(run)) < LONG_RUN_GAIN_OVER_RANDOM:
            return False
        return all(m.prior(ch) > RARE_HAN for ch in text if is_han(ch)) \
            or _known_context_gain(run, text, left, right) >= LONG_RUN_UNKNOWN_CONTEXT_GAIN
    # A short reading whose pairs fit must still read better than random characters (綠欽楛 is
    # no 厚窜繁: its pairs add 4.2 bits, but it reads 2.3 bits worse than random characters).
    if _one_piece(run) and _over_random(model().score(text, left, right), len(run)) < SHORT_RUN_GAIN_OVER_RANDOM:
        return False
    return _context_gain(run, text, left, right) >= _needed_context_gain(text)


def _changes(run: str) -> int:
    """The characters of ``run`` that differ from the one before, but for clean text's own
    marks. A mark written over and over (﹗﹗﹗, a Big5 text's own small forms) is one piece of
    evidence, not three, and a clean mark glued to the run (」, which a swap reads as ★) none.
    The marks a swap makes (ㄛ ※ § of ，“” as GBK read as Big5) count; the ASCII marks, spaces
    and digits between the runs of a span (see _separators) do not.

    >>> _changes("﹖假的﹗﹗﹗"), _changes("滲杅汒隴"), _changes("韩妹褆」──"), _changes("蚐ㄛ※漆")
    (4, 4, 4, 4)
    >>> _changes("陈玥 | 陈玥"), _changes("\ufffd]\ufffd堙N")
    (4, 5)
    """
    separators = _separators(run)
    return sum(1 for i, ch in enumerate(run)
               if (not i or ch != run[i - 1]) and ch not in CLEAN_MARKS and ch not in separators)


def _separators(run: str) -> str:
    """The characters of ``run`` that may be the ASCII between the runs of a span (see
    _joined_runs): ASCII_SEPARATORS, but none where a byte was lost, since there ASCII is a
    trail byte read alone (也 is \ufffd] in Big5 read as GBK)."""
    return "" if LOST_CHAR.search(run) else ASCII_SEPARATORS


def _one_piece(run: str) -> bool:
    """Is ``run`` one run, no span of runs with ASCII between (see _separators)?"""
    separators = _separators(run)
    return not any(ch in separators for ch in run)


def _over_random(score: float, characters: int) -> float:
    """How much likelier (log2) a reading that the model scores ``score`` is than ``characters``
    Han characters picked at random (RANDOM_HAN_COST each)."""
    return score + RANDOM_HAN_COST * characters


def _damage_length(run: str) -> int:
    """The characters of ``run`` but the ASCII between the runs of a span (see _separators).

    >>> _damage_length("и: 癸＋"), _damage_length("\ufffd]\ufffd堙")
    (3, 4)
    """
    separators = _separators(run)
    return sum(ch not in separators for ch in run)


CLEAN_MARKS = "，。、；：！？“”（）《》「」『』【】…—～·\u3000"  # CLAUSE_MARKS and more
# What may stand between two runs of one damaged span (see _joined_runs): ASCII but letters (a
# word of its own: gum of 有野買gum點算) and the question mark (a lost byte to a lossy reading).
ASCII_SEPARATORS = "".join(chr(c) for c in (*range(0x20, 0x3F), 0x40, *range(0x5B, 0x61), *range(0x7B, 0x7F)))


def _two_unknown_to_common(run: str, text: str) -> bool:
    """A run of two Han characters that jieba's words never use, read as two common ones:
    alone, such a pair reads as a word by chance about once in 25,000 random pairs at the
    bar of PAIR_EXTRA_CONTEXT_GAIN (翋枙 is 主题, 糵瞶 is 審理; 塣猔 would be 备注).

    >>> _two_unknown_to_common("翋枙", "主题"), _two_unknown_to_common("亠亠", "坡坡"), _two_unknown_to_common("中文", "中文")
    (True, False, False)
    """
    if len(run) != 2 or len(text) != 2 or run[0] == run[1] or not all(map(is_han, run + text)):
        return False
    m = model()
    return all(m.prior(ch) <= RARE_HAN for ch in run) and all(m.prior(ch) >= COMMON_PRIOR for ch in text)


def _may_form_words(run: str) -> bool:
    """Enough characters of the damage, and not one character over and over (which reads as
    one character over and over)."""
    return _script_evidence(run) >= MIN_STRONG_HAN and len(set(run)) > 1


def _needed_context_gain(text: str) -> float:
    """How much a short reading's character pairs must add: more for each rare character in it,
    since swapping rare characters for others finds a rare word by chance more often.

    >>> _needed_context_gain("我的"), _needed_context_gain("下笛鰅") > 8  # 笛 and 鰅 are rare
    (3.0, True)
    """
    m = model()
    return MIN_CONTEXT_GAIN + sum(max(0.0, -m.prior(ch) - RARE_READING_COST) for ch in text if is_han(ch))


def _known_context_gain(before: str, after: str, left: str | None = None, right: str | None = None) -> float:
    """_context_gain summed over the pieces of ``after`` between the Han characters the model
    does not know (prior RARE_HAN or less), each against the same piece of ``before`` (a
    reading character for character; else the whole of it).

    >>> round(_context_gain("恅堶掛惆杻埮丿蹦埜", "文丨本报特约评论员")), round(_known_context_gain("恅堶掛惆杻埮丿蹦埜", "文丨本报特约评论员"))
    (13, 16)
    """
    if len(before) != len(after):
        return _context_gain(before, after, left, right)
    m = model()
    total = 0.0
    start = 0
    for i in range(len(after) + 1):
        if i < len(after) and not (is_han(after[i]) and m.prior(after[i]) <= RARE_HAN):
            continue
        if i - start >= 2:
            total += _context_gain(before[start:i], after[start:i], left if not start else None,
                                   right if i == len(after) else None)
        start = i + 1
    return total


def _context_gain(before: str, after: str, left: str | None = None, right: str | None = None) -> float:
    """How much likelier (log2) ``after`` is than ``before`` for its character pairs alone,
    beyond its characters one by one."""
    m = model()
    return (m.score(after, left, right) - sum(map(m.prior, after))) - (
        m.score(before, left, right) - sum(map(m.prior, before)))


# Letters of other scripts that GBK and Big5 keep in their double-byte symbol rows: Greek,
# Cyrillic, bopomofo, box drawing, vertical and small forms; and kana. Big5 text read as GBK is
# full of them (對所有 reads 癸┮Τ), between the Han characters of the damage. So are the
# block elements of GBK's A878-A87E and the squared abbreviations of its A94A-A954, where Big5
# has common characters (▅ is 育, ㎡ is 呢). The ranges, for the classes made of them:
GREEK_CYRILLIC = "\u0391-\u03c9\u0401-\u0451"
BOX_DRAWING = "\u2500-\u257f"
BLOCKS_AND_SQUARES = "\u2581-\u2587\u338e\u338f\u339c-\u339e\u33a1\u33c4\u33ce\u33d1\u33d2\u33d5"
BOPOMOFO_LETTERS = "\u3105-\u3129"
SMALL_FORMS = "\ufe30-\ufe6b"  # small and vertical forms
KANA_LETTERS = "\u3041-\u30ff"
LATIN_EXTENDED = "\u00c0-\u024f"  # Latin-1 letters and Latin Extended
FOREIGN_SCRIPT = lazyre.compile(f"[{GREEK_CYRILLIC}{BOX_DRAWING}{BLOCKS_AND_SQUARES}{BOPOMOFO_LETTERS}{SMALL_FORMS}]")
KANA = lazyre.compile(f"[{KANA_LETTERS}]")
# Letters a swap's damage shows and its repair does not: kana, Latin-1 and Latin Extended, Greek,
# Cyrillic, box drawing (not bopomofo, which Taiwanese text writes, nor the small and vertical
# forms, Big5's own punctuation).
SWAP_LETTER = lazyre.compile(f"[{LATIN_EXTENDED}{GREEK_CYRILLIC}{BOX_DRAWING}{KANA_LETTERS}]")
PRIVATE_USE = lazyre.compile("[\ue000-\uf8ff]")
DAMAGE_EXCESS = 20.0  # log2: what hanzi_model.DAMAGE (-30) costs beyond a common Han character (-10)
DAMAGE_MARK = lazyre.compile("[\ue000-\uf8ff\ufffd]")  # private use, and a lost byte


def _script_evidence(run: str) -> int:
    """How many characters of ``run`` may be damage between CJK codecs: Han characters, and
    letters of other scripts where the run has Han characters too. Kana with Han is Japanese:
    it counts only where a letter of a third script shows the run is no Japanese.

    >>> _script_evidence("癸┮Τㄆ兜"), _script_evidence("樓ミ竡Τ"), _script_evidence("ミタ"), _script_evidence("亠亠")
    (5, 4, 0, 2)
    >>> _script_evidence("池端の昇天")
    4
    """
    han = sum(map(len, HAN_RUN.findall(run)))
    if not han:
        return 0
    # Private use characters are GBK's user-defined pairs as GB18030 and Windows read them,
    # where Big5 has its commonest characters (A4A1-AFFE: 為 is E0CB read as GB18030); other
    # GBK decoders lose a byte there (U+FFFD).
    foreign = len(FOREIGN_SCRIPT.findall(run)) + len(DAMAGE_MARK.findall(run))
    return han + foreign + (len(KANA.findall(run)) if foreign else 0)


def _japanese(run: str) -> bool:
    """Hiragana letters in a row (particles and endings: さんは, きて; the iteration marks ゝゝ are
    Big5's 妹妹 in GBK, and Japanese writes them after a letter) and no letter of a third script
    nor damage: Japanese, which a CJK codec swap reads as Chinese characters as readily as it
    reads damage (池端さんは -> 喀傷今氏反). Damage between CJK codecs has its kana one by one,
    but for 今天 and 今日 (A4B5 A4D1, A4E9 in Big5: さぱ, さら in GBK); a lost byte (U+FFFD) or
    a private use character beside them is no Japanese.

    >>> _japanese("池端さんは毎朝"), _japanese("扂橇腕淏腔ロ部"), _japanese("攫ミタ竡Τ"), _japanese("中文")
    (True, False, False, False)
    >>> _japanese("さらぱ\ufffd皤堞n")  # 今日天氣很 read by Python's GBK
    False
    """
    return bool(HIRAGANA_PAIR.search(run)) and not FOREIGN_SCRIPT.search(run) and not DAMAGE_MARK.search(run)


HIRAGANA_PAIR = lazyre.compile("[\u3041-\u3096]{2}")  # letters: no iteration (ゝゞ) or sound marks


def repair_run(run: str, left: str | None = None, right: str | None = None) -> tuple[str, str] | None:
    """The repaired text and kind of damage of one run, or None when it reads best as it is.

    >>> repair_run("滲杅汒隴")
    ('函数声明', 'gbk-as-big5')
    >>> repair_run("锟斤拷") is None
    True
    """
    strong = [r for r in readings(run, left, right) if r.strong]
    return (strong[0].text, strong[0].kind) if strong else None


def find_repairs(text: str) -> list[Repair]:
    """Every run of ``text`` that a reversed wrong decode reads better, left to right.

    Damage usually covers a whole line or more, so a line's other runs vote: a run whose
    reading is weak on its own (one short word) is repaired when the line's strongest kind
    of damage reads it better too. A line with only weak runs follows the document: the kind
    of damage its other lines show for sure, or the kind that its weak runs read better
    together.
    """
    # A line gets a vote only from a suspicious run or an out-of-step run (which needs a
    # lost-byte mark): one scan of the whole text finds them, and only their lines are looked
    # at. Neither kind of run crosses a line end, so they are the runs found line by line.
    found = [m.start() for m in _run_pattern(text).finditer(text)
             if _suspicious_run(m.group(0)) or _mixed_script(m.group(0)) or _foreign_unit(text, m)
             or _reads_as_utf8(m.group(0))]
    if "?" in text or "\ufffd" in text:
        found = sorted(found + [m.start() for m in OUT_OF_STEP_RUN.finditer(text)])
    lines = []
    done = -1  # the end of the last line looked at
    for position in found:
        if position < done:
            continue
        # Only LF ends a line: str.splitlines would also split at U+0085, a byte of latin-1 mojibake.
        start = text.rfind("\n", 0, position) + 1
        newline = text.find("\n", position)
        done = len(text) if newline < 0 else newline + 1
        lines.append(_line_readings(text, start, done))
    document: dict[str, float] = {}
    for line in lines:
        for kind, gain in line.votes.items():
            document[kind] = document.get(kind, 0.0) + gain
    leading = max(document, key=document.get) if document else None
    variant = _variant_shown(lines)
    decided = {match.group(0): reading.text for line in lines for match, found in line.runs
               for reading in _one_decoder(found or [], variant)[:1] if reading.strong and reading.kind == leading}
    repairs = []
    for line in lines:
        repairs.extend(_line_repairs(text, line, leading, variant, decided))
    return repairs


def _variant_shown(lines: list[_Line]) -> bool:
    """Does the document read better with a decoder variant's bytes (see VARIANT_KINDS)?

    A page went through one decoder: its runs that read both ways vote with the difference in
    gain, and the variant must win by VARIANT_COST in all.
    """
    evidence = 0.0
    for line in lines:
        for _, found in line.runs:
            if found and any(r.variant for r in found):
                for kind in {r.kind for r in found if r.variant}:
                    usual = max((r.gain for r in found if r.kind == kind and not r.variant), default=0.0)
                    other = max(r.gain for r in found if r.kind == kind and r.variant)
                    evidence += other - usual
    return evidence >= VARIANT_COST


def _one_decoder(found: list[Reading], variant: bool) -> list[Reading]:
    """``found`` without the readings of the other decoder of a kind where both read."""
    both = {r.kind for r in found if r.variant} & {r.kind for r in found if not r.variant}
    return [r for r in found if r.kind not in both or r.variant == variant]


@dataclass
class _Line:
    """The runs of one line with their readings (None: not suspicious, not read yet), and the
    gain of the strong readings per kind of damage."""

    start: int
    end: int
    runs: list[tuple[re.Match[str], list[Reading] | None]]
    votes: dict[str, float]
    joined: set[tuple[int, int]] = field(default_factory=set)  # spans of runs (see _joined_runs)


def _line_readings(text: str, start: int, end: int) -> _Line:
    runs = []
    votes: dict[str, float] = {}
    joined: set[tuple[int, int]] = set()
    for match, swap_only in _line_pieces(text, start, end):
        run = match.group(0)
        suspicious = _suspicious(run) or (_traditional_near().search(run) is not None
                                          and _script_around(text, start, end, match) == "simplified")
        found = _readings_at(text, match) if suspicious else None
        if found is not None:
            if swap_only:
                found = [r for r in found if r.kind in SWAP_SCRIPT]
            found = _out_of_script_strong(text, start, end, match, found)
            found = _against_the_line(text, start, end, match, found)
        runs.append((match, found))
        _vote(votes, found or ())
    strong = {m.span() for m, f in runs if f and any(r.strong for r in f)}
    for run in _run_pattern(text, start, end).finditer(text, start, end):
        if run.span() in strong:
            continue
        for match in _in_step_pieces(text, run, {m.span() for m, _ in runs}):
            found = _readings_at(text, match) if _suspicious(match.group(0)) else None
            runs.append((match, found))
            _vote(votes, found or ())
        if not CLAUSE_MARK.search(run.group(0)):
            continue
        for match in _joined_clauses(text, run):
            found = _against_the_line(text, start, end, match, _readings_at(text, match))
            runs.append((match, found))
            _vote(votes, found)
    for match, found in _span_readings(text, start, end, list(runs)):
        runs.append((match, found))
        joined.add(match.span())
        _vote(votes, found)
    for match in _out_of_step_runs(text, start, end):
        # Only a strong reading of another kind keeps a run from being read out of step: a run
        # of GBK read as Big5 may read weakly with its ? as a question mark.
        if not any(m.start() < match.end() and match.start() < m.end() and f and any(r.strong for r in f)
                   for m, f in runs):
            found = _out_of_step_readings(text, match)
            runs.append((match, found))
            _vote(votes, found, strong_only=False)
    runs.sort(key=lambda item: item[0].start())
    return _Line(start, end, runs, votes, joined)


def _span_readings(text: str, start: int, end: int, runs: list[tuple[re.Match[str], list[Reading] | None]]
                   ) -> Iterator[tuple[re.Match[str], list[Reading]]]:
    """The spans of runs of the line ``start``..``end`` (see _joined_runs) with their readings
    as a swap between CJK codecs, given the line's ``runs`` and what they read as alone."""
    # Runs that read on their own are read so: a clean character beside them (唉 of 唉~
    # 糶いゅ沸) is no part of a span. A lone character read as a unit (啋 of 藩聊5啋, see
    # _after_number) may be.
    strong = [m.span() for m, f in runs if f and any(r.strong for r in f)]
    looked = {m.span(): {r.kind for r in f} for m, f in runs if f is not None}
    for match in _joined_runs(text, start, end, looked):
        if any(match.start() <= a and b <= match.end() and b - a > 1 for a, b in strong) or LOST_CHAR.search(match.group(0)):
            continue
        # Nor is a piece that reads worse the span's way (何焱 of 陈玥/何焱/筪 as Big5 read as GBK;
        # a letter alone, и of и: 癸＋, is read no way).
        pieces = [(span, kinds) for span, kinds in looked.items() if match.start() <= span[0] and span[1] <= match.end()]
        # And each end of the span shows the swap: a clean word (第 of 第 1笭6 和) is no part of it.
        # (Checked before reading the span, which costs most, as is that a piece reads as a swap.)
        ends = [p.group(0) for p in _run_pattern(match.group(0)).finditer(match.group(0))]
        scripts = {script for script in SWAP_SCRIPT.values()
                   if all(any(_foreign_to(script, ch) for ch in end) for end in (ends[0], ends[-1]))
                   } if any(not kinds.isdisjoint(SWAP_SCRIPT) for _, kinds in pieces) else set()
        # A list is in one script: a reading with forms of both (盛炽癱 ; 寀躺) is chance.
        found = [_strong_span(text, match, r) for r in (_readings_at(text, match) if scripts else ())
                 if SWAP_SCRIPT.get(r.kind) in scripts and 0 in _script_counts(r.text)
                 and not any(r.kind not in kinds and _read_as(text[a:b], r.kind) for (a, b), kinds in pieces)]
        if not found and HAN_RUN.search(match.group(0)):
            yield match, found  # nothing to judge: only letters alone may read by the line's script
            continue
        yield match, _against_the_line(text, start, end, match, _out_of_script_strong(text, start, end, match, found),
                                       joined=True)


def _vote(votes: dict[str, float], found: Iterable[Reading], strong_only: bool = True) -> None:
    """Add the gain of each strong reading (each reading: ``strong_only`` False) to its kind's votes."""
    for reading in found:
        if reading.strong or not strong_only:
            votes[reading.kind] = votes.get(reading.kind, 0.0) + reading.gain


# A swap between CJK codecs turns text of one script into characters its script never uses:
# Big5 read as GBK makes GB2312's Simplified forms (场, 贾), kana and Cyrillic (и) and GBK's
# rare extension characters (粂) of Traditional text; GBK read as Big5 makes Traditional forms
# (爛懂 of 年来) and bopomofo of Simplified text. In a line that is plainly in the script of
# the repair, one such run shows the swap even when it is too short to form words.
SWAP_SCRIPT = {"big5-as-gbk": "traditional", "gbk-as-big5": "simplified"}
# A reading into the script (see _into_script) the model may like a little less, no more: a
# common neutral character (二, 第) beside the damage is no rare Traditional one (媼, 菴).
INTO_SCRIPT_LOSS = 3.0
CLEAN_CLAUSE_HAN = 2  # Han characters of a run that the swap cannot read: a clean clause beside
SCRIPT_SHOWN = 2  # characters only this script uses, and none of the other: the line's script
SCRIPT_DOMINANCE = 5  # ... or as many times as many as the other's (see _script_of)
# A Han character this rare (log2 prior) is no more the line's script than a kana is: GBK's
# extension characters (粂 -19.8) that Big5 text read as GBK is full of, or jieba never uses.
FOREIGN_PRIOR = -17.0
OUT_OF_SCRIPT_GAIN_PER_CHAR = 2.0
# ... and its character pairs must add something: random rare characters put into a line read
# as common ones about as often as a short damaged run does, but not as a word that fits.
OUT_OF_SCRIPT_CONTEXT_GAIN = 0.0
# ... and it must read better than the run as characters picked at random (a rare word or name
# the model does not know): -log2 of one basic-block Han character in 20,902, each.
RANDOM_HAN_COST = 14.35
OUT_OF_SCRIPT_GAIN_OVER_RANDOM = 6.0
PRIVATE_USE_GAIN_OVER_RANDOM = 0.0
# A reading whose pairs the document writes elsewhere (see _seen_in_document) need not read as a
# word the model knows, nor much better than random characters (贛語, a name said again).
SEEN_CONTEXT_GAIN = -4.0
SEEN_GAIN_OVER_RANDOM = -4.0
# A reading far likelier than random characters may have pairs that add a little less: 婓峈 as
# 在为 (GBK read as Big5) reads 14.4 bits over random with pairs of -0.1. Random characters put
# into lines came as close as 12.5 with -1.5 (屾楹 as 少翻, one control text in 36,000).
LIKELY_CONTEXT_GAIN = -1.0
LIKELY_GAIN_OVER_RANDOM = 13.0
# A letter of another script next to a Han character in a Chinese line (瞣も, フ辰矹, び厩) is no
# rare word put in by chance: rare characters the random controls are, but letters of the
# symbol rows come only from the swap (or Japanese, which _japanese keeps out). The reading
# must still read as Chinese, but its pairs need not be ones the model knows (牽手, 太學).
# The run must hold this many different characters foreign to the line, the letter among them:
# one common character beside letters (回σ of a kaomoji, 唉Ω, ━━唉) is clean text, which a
# swap reads as anything that beats the letters (隙考, 隻次, 岩岩隻).
LETTERS_FOREIGN = 2
LETTERS_CONTEXT_GAIN = -4.0
LETTERS_GAIN_OVER_RANDOM = 0.0
# A run of RARE_WORD characters or more, all rarer than FOREIGN_PRIOR (see _rare_word), reads
# into the line's script with pairs that add this much, or more.
RARE_WORD = 4
RARE_WORD_CONTEXT_GAIN = -8.0
# FOREIGN_SCRIPT's letters and kana; no bopomofo, block elements or squared abbreviations.
_LETTER = f"[{GREEK_CYRILLIC}{BOX_DRAWING}{SMALL_FORMS}{KANA_LETTERS}]"
_HAN = "[\u3400-\u9fff]"
LETTER_BESIDE_HAN = lazyre.compile(f"{_LETTER}(?={_HAN})|(?<={_HAN}){_LETTER}")


def _letters_among_han(run: str) -> bool:
    """Does a letter of the symbol rows (Greek, Cyrillic, box drawing, small and vertical
    forms, kana; bopomofo is Taiwanese writing) touch a Han character in ``run``?

    >>> _letters_among_han("瞣も"), _letters_among_han("艬粂"), _letters_among_han("иネらêぱ")
    (True, False, False)
    """
    return LETTER_BESIDE_HAN.search(run) is not None


# OpenCC's Traditional is the old print standard (羣, 峯, 衆); Taiwan and Hong Kong write 群, 峰,
# 温 and 户, which s2t changes but Traditional text uses all the time. These tables say so.
REGIONAL_VARIANT_TABLES = ("TWVariants.txt", "HKVariants.txt")


@lru_cache(maxsize=1)
def _simplified_forms() -> frozenset[str]:
    """Characters Traditional text never uses: OpenCC's s2t character table changes them
    whatever they mean (场 is always 場; 后 and 家 may stay, so they are not here), and no
    regional standard writes them (群 is 羣 in OpenCC's Traditional, but 群 in Taiwan's)."""
    from .convert import package_entries

    forms = {key for key, choices in package_entries("STCharacters.txt") if len(key) == 1 and key not in choices}
    regional = {ch for table in REGIONAL_VARIANT_TABLES for _, choices in package_entries(table)
                for choice in choices for ch in choice}
    return frozenset(forms - regional)


def _line_script(text: str) -> str | None:
    """"traditional" or "simplified" where ``text`` shows SCRIPT_SHOWN characters only that
    script uses and none of the other; else None.

    >>> _line_script("對於漢語的分類"), _line_script("对于汉语的分类"), _line_script("的分类")
    ('traditional', 'simplified', None)
    """
    return _script_of(*_script_counts(text))


def _script_counts(text: str) -> tuple[int, int]:
    """How many characters of ``text`` only Traditional text uses, and only Simplified."""
    return len(_traditional_form().findall(text)), len(_simplified_form().findall(text))


def _bmp_class(chars: Iterable[str]) -> str:
    """A regex class of the characters of the Basic Multilingual Plane among ``chars``: re
    searches a class with others entry by entry (a hundred times slower); these are the
    forms that tell a script."""
    return "[" + "".join(sorted(ch for ch in chars if ch <= "\uffff")) + "]"


@lru_cache(maxsize=1)
def _traditional_form() -> re.Pattern[str]:
    return lazyre.compile_data("traditional_form", b"v1|" + priors_key(), lambda: _bmp_class(model().simplified))


@lru_cache(maxsize=1)
def _simplified_form() -> re.Pattern[str]:
    import os

    from .convert import package_table_path

    # Keyed by the tables' files (path, size, time): reading them costs 5 ms a start.
    key = b"v2"
    for name in ("STCharacters.txt", *REGIONAL_VARIANT_TABLES):
        table = str(package_table_path(name))
        try:
            stat = os.stat(table)
            key += f"|{table}|{stat.st_size}|{stat.st_mtime_ns}".encode()
        except OSError:
            key += b"|missing"
    return lazyre.compile_data("simplified_form", key, lambda: _bmp_class(_simplified_forms()))


def _script_of(trad: int, simp: int) -> str | None:
    """The script that SCRIPT_SHOWN forms show and the other's forms do not gainsay: none, or
    one for every SCRIPT_DOMINANCE of them (Simplified text writes 於 and 著 now and then).

    >>> _script_of(2, 0), _script_of(1, 6), _script_of(2, 6), _script_of(1, 1)
    ('traditional', 'simplified', None, None)
    """
    if trad >= SCRIPT_SHOWN and simp * SCRIPT_DOMINANCE <= trad:
        return "traditional"
    if simp >= SCRIPT_SHOWN and trad * SCRIPT_DOMINANCE <= simp:
        return "simplified"
    return None


@lru_cache(maxsize=4)
def _text_script_counts(text: str) -> tuple[int, int]:
    return _script_counts(text)


def _script_around(text: str, start: int, end: int, match: re.Match[str]) -> str | None:
    r"""The script of the line around a run; where the line shows too little of either (a
    short line), that of the line and the rest of the text together: a line with one form of
    a script (优 of 我优化下) is in it where the text is. Kana around make it no Traditional
    Chinese.

    >>> text = "對於漢語的分類\n好唷 ρ畍 你好"
    >>> _script_around(text, 8, len(text), re.compile("ρ畍").search(text))
    'traditional'
    >>> text = "我们都在这里等你们来\n人太多，⺍眢推，我优化下"
    >>> _script_around(text, 11, len(text), re.compile("⺍眢推").search(text))
    'simplified'
    """
    outside = text[start : match.start()] + text[match.end() : end]
    trad, simp = _script_counts(outside)
    script = _script_of(trad, simp)
    if script is None and len(text) > end - start:
        text_trad, text_simp = _text_script_counts(text)
        line_trad, line_simp = _script_counts(text[start:end])
        script = _script_of(trad + text_trad - line_trad, simp + text_simp - line_simp)
    if script == "traditional" and KANA.search(outside):
        return None
    return script


def _foreign_to(script: str, ch: str) -> bool:
    """Is ``ch`` a character text in ``script`` does not use: the other script's forms, kana,
    Greek, Cyrillic or box drawing, or a Han character rarer than FOREIGN_PRIOR?"""
    if FOREIGN_SCRIPT.match(ch) and not (script == "traditional" and BOPOMOFO.match(ch)) or KANA.match(ch):
        return True
    if is_han(ch):
        return _other_script_form(script)(ch) or model().prior(ch) <= FOREIGN_PRIOR
    return False


BOPOMOFO = lazyre.compile(f"[{BOPOMOFO_LETTERS}]")  # Taiwanese text writes it (對ㄚ): no sign of damage


def _plain_letter(ch: str) -> bool:
    """A Han character or bopomofo: what a short repair in running text reads as (③院 is no word)."""
    return is_han(ch) or BOPOMOFO.match(ch) is not None


def _out_of_script_strong(text: str, start: int, end: int, match: re.Match[str],
                          found: list[Reading]) -> list[Reading]:
    """The readings of a run (``match`` in the line ``start``..``end`` of ``text``) with those of
    a swap between CJK codecs made strong where the line around is plainly in the script the
    swap's repair is in (see :func:`_script_around`), the run has characters foreign to it, and
    the reading has none, reads better by OUT_OF_SCRIPT_GAIN_PER_CHAR a character, its pairs
    add OUT_OF_SCRIPT_CONTEXT_GAIN, and it beats the run as random characters by
    OUT_OF_SCRIPT_GAIN_OVER_RANDOM. A run of letters alone (иネらêぱ, no Han character) is read
    only so.

    >>> def strong(text):
    ...     run = re.compile("糶帝糶帝").search(text)
    ...     return [(r.text, r.strong) for r in _out_of_script_strong(text, 0, len(text), run, _readings_at(text, run))]
    >>> strong("就開始紀錄昨天的遊記，糶帝糶帝，車子"), strong("就开始记录昨天的游记，糶帝糶帝，车子")
    ([('寫著寫著', True)], [('寫著寫著', False)])
    """
    run = match.group(0)
    unit = len(run) == 1 and _after_number(text, match.start(), match.end())
    if len(run) < 2 and not unit or not any(_foreign_to(script, ch) for ch in run for script in SWAP_SCRIPT.values()):
        return found
    script = _script_around(text, start, end, match)
    kinds = [kind for kind, its in SWAP_SCRIPT.items() if its == script]
    if not kinds:
        return found
    out = list(found)
    for kind in kinds:
        if not HAN_RUN.search(run) and not any(r.kind == kind for r in out):  # letters alone (иネらêぱ)
            out += [r for r in _readings_at(text, match, kind) if r.kind == kind]
    left = right = None
    for i, reading in enumerate(out):
        if reading.kind not in kinds or reading.strong or not _out_of_script(script, run, reading):
            continue
        if unit and not _seen_after_number(reading.text, text, match):
            continue
        if left is None:
            left = context_before(text, match.start())
            right = text[match.end()] if match.end() < len(text) else TEXT_EDGE
        context = _context_gain(run, reading.text, left, right)
        over_random = _over_random(model().score(reading.text, left, right), len(run))
        if any(context >= needed_context and over_random >= needed_over_random
               for shows, needed_context, needed_over_random in OUT_OF_SCRIPT_BARS
               if shows(script, run, reading.text, text, match)):
            out[i] = Reading(reading.text, reading.kind, reading.gain, True)
    return sorted(out, key=lambda r: r.gain, reverse=True)


def _letters_shown(script: str, run: str, reading: str, text: str, match: re.Match[str]) -> bool:
    """Does ``run`` have LETTERS_FOREIGN letters of other scripts, one beside a Han character?"""
    return _letters_among_han(run) and len({ch for ch in run if _foreign_to(script, ch)}) >= LETTERS_FOREIGN


def _rare_word(script: str, run: str, reading: str, text: str, match: re.Match[str]) -> bool:
    """Is ``run`` RARE_WORD Han characters or more, every one rarer than FOREIGN_PRIOR? Words of
    four to six random characters put into lines never read into the script of the line (none
    of 6,000 control lines), Big5 read as GBK often does (羘禜琈臫 is 聲象映響)."""
    m = model()
    return len(run) >= RARE_WORD and all(is_han(ch) and m.prior(ch) <= FOREIGN_PRIOR for ch in run)


# What a reading into the script of the line (see _out_of_script_strong) must show to be strong:
# for each piece of evidence the run or reading may have, the pairs' gain (_context_gain) and
# the gain over random characters it must reach; any one bar it passes will do.
OUT_OF_SCRIPT_BARS: tuple[tuple[Callable[[str, str, str, str, re.Match[str]], bool], float, float], ...] = (
    (lambda *_: True, OUT_OF_SCRIPT_CONTEXT_GAIN, OUT_OF_SCRIPT_GAIN_OVER_RANDOM),
    (lambda *_: True, LIKELY_CONTEXT_GAIN, LIKELY_GAIN_OVER_RANDOM),
    (_letters_shown, LETTERS_CONTEXT_GAIN, LETTERS_GAIN_OVER_RANDOM),
    (lambda script, run, reading, text, match: _seen_in_document(reading, text, match),
     SEEN_CONTEXT_GAIN, SEEN_GAIN_OVER_RANDOM),
    (_rare_word, RARE_WORD_CONTEXT_GAIN, OUT_OF_SCRIPT_GAIN_OVER_RANDOM),
)


def _foreign_unit(text: str, run: re.Match[str]) -> bool:
    """Does ``run`` begin with a clause of one character, after a digit (see _after_number),
    that is a Traditional form or rarer than FOREIGN_PRIOR: a unit damaged alone (2005爛， is
    2005年， as GBK read as Big5), which no other scan sees?"""
    start = run.start()
    if not _after_number(text, start, start + 1) or start + 1 < run.end() and text[start + 1] not in CLEAN_MARKS:
        return False
    ch = text[start]
    return _traditional_form().match(ch) is not None or priors().get(ch, FOREIGN_PRIOR) <= FOREIGN_PRIOR


def _after_number(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` stand where a unit does (年, 元, 月): after a digit, and not
    before another (1米3 is a height, where any character between digits reads as a unit)?"""
    return start > 0 and text[start - 1] in DIGITS and (end == len(text) or text[end] not in DIGITS)


def _seen_after_number(reading: str, text: str, match: re.Match[str]) -> bool:
    r"""Is ``reading``, one character read for a run after a digit, written after a number
    elsewhere in ``text``? A document that dates or counts in one place does so in others
    (2005爛 is 2005年 in a text with 1998年), and a random character after a digit reads
    as a unit the text uses by chance only.

    >>> text = "1998年建成。\n2005爛，扩建"
    >>> _seen_after_number("年", text, re.compile("爛").search(text)), _seen_after_number("月", text, re.compile("爛").search(text))
    (True, False)
    """
    pattern = re.compile(f"[{DIGITS}]{re.escape(reading)}")
    return pattern.search(text, 0, match.start()) is not None or pattern.search(text, match.end()) is not None


def _seen_in_document(reading: str, text: str, match: re.Match[str]) -> bool:
    r"""Is every pair of Han characters of ``reading`` written elsewhere in ``text``? Documents say
    their names and terms again (贛語 in a list of dialects that names it before), and random
    rare characters read as a pair the document has by chance once in thousands.

    >>> text = "七大方言：贛語、閩語。\n其中艬粂最少"
    >>> _seen_in_document("贛語", text, re.compile("艬粂").search(text)), _seen_in_document("湘語", text, re.compile("艬粂").search(text))
    (True, False)
    """
    pairs = [reading[i : i + 2] for i in range(len(reading) - 1)]
    if not pairs or not all(map(is_han, reading)):
        return False
    written, inside = document_pair_counts(text), pair_counts(match.group(0))
    return all(written[pair] > inside[pair] for pair in pairs)


def _plain_reading(run: str, text: str) -> bool:
    """Is ``text`` Han characters or bopomofo, with Chinese punctuation only where ``run`` has
    a mark that is none (※岆腔 as “是的, not 岆腔 as 是，), and the ASCII between the runs of
    a span as it was (see _separators)?

    >>> _plain_reading("※岆腔", "“是的"), _plain_reading("岆腔", "是，"), _plain_reading("岆腔", "是的")
    (True, False, True)
    >>> _plain_reading("и: 癸", "我: 對")
    True
    """
    if len(text) != len(run):
        return all(map(_plain_letter, text))
    separators = _separators(run)
    return all(_plain_letter(ch) or ch in CLEAN_MARKS and not _plain_letter(was) and was not in CLEAN_MARKS
               or ch == was and ch in separators for ch, was in zip(text, run, strict=True))


def _against_the_line(text: str, start: int, end: int, match: re.Match[str],
                      found: list[Reading], joined: bool = False) -> list[Reading]:
    """``found`` with the strong readings of a short run that put forms of the other script
    into a line plainly in the script of the swap's repair made weak: GBK read as Big5 in a
    Simplified line is Simplified text, so a reading with 頸 or 趕 (蟊貤砃 as 頸俞向, 阰猧 as
    谁趕) is a chance swap of rare characters. A long run decides on its own, but not a span
    of runs joined over ASCII (``joined``: see _joined_runs), whose pieces are short; and the
    reading of a span must be in the script of the line around (a list of names is).

    >>> text = "软件的也（蟊貤砃）会有问题，这个例子说明"
    >>> run = re.compile("蟊貤砃").search(text)
    >>> [(r.text, r.strong) for r in _against_the_line(text, 0, len(text), run, _readings_at(text, run))]
    [('頸俞向', False)]
    """
    if not any(r.strong and r.kind in SWAP_SCRIPT for r in found) or not joined and _changes(match.group(0)) >= LONG_RUN:
        return found
    script = _script_around(text, start, end, match)
    if script is None:
        return found
    other_form = _other_script_form(script)

    def against(reading: Reading) -> bool:
        if SWAP_SCRIPT.get(reading.kind) == script:
            return any(map(other_form, reading.text))
        return joined

    return [Reading(r.text, r.kind, r.gain, False, r.variant) if r.strong and against(r) else r for r in found]


def _out_of_script(script: str, run: str, reading: Reading) -> bool:
    """The checks of :func:`_out_of_script_strong` on the run and its reading alone."""
    if reading.gain < OUT_OF_SCRIPT_GAIN_PER_CHAR * len(reading.text):
        return False
    # Chinese punctuation in the run (「) is clean text glued to the damage: the reading would
    # change it. Other marks (﹛, ※) are no clean text's punctuation: they come of the swap, and
    # may be read as Chinese punctuation (※ is “ in GBK read as Big5: ※岆腔 is “是的).
    if any(ch in CLEAN_MARKS for ch in run):
        return False
    if not any(_foreign_to(script, ch) for ch in run) or not _plain_reading(run, reading.text):
        return False
    return not any(_foreign_to(script, ch) for ch in reading.text)


MAX_OUT_OF_STEP_CLAUSES = 4
# An out-of-step reading must read better than random characters, as a swapped run must (see
# LONG_RUN_GAIN_OVER_RANDOM): on generated pages (seeds 4, 7, 11) the 339 readings of damage
# were 9.4 bits over random and more; random rare characters after a question mark were -1.2
# (?夼藐涺 as 无琶隂鬚, one control text in 36,000).
OUT_OF_STEP_GAIN_OVER_RANDOM = 4.0


def _out_of_step_runs(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The out-of-step runs of a line, and their first clauses: the shifted bytes end where
    clean text takes over, often at a clause mark, and a reading of the clean text after it
    read out of step is nonsense (?鄱\ue083\ue0e2：先期建设 is 雄东片区：先期建设). Overlapping
    readings are settled by gain in :func:`_line_repairs`.

    >>> [m.group(0) for m in _out_of_step_runs("?鄱片区：先期建设，产城", 0, 12)]
    ['?鄱片区：先期建设，产城', '?鄱片区', '?鄱片区：先期建设']
    """
    for match in OUT_OF_STEP_RUN.finditer(text, start, end):
        yield match
        marks = CLAUSE_MARK.finditer(text, match.start(), match.end())
        for mark in islice(marks, MAX_OUT_OF_STEP_CLAUSES):
            clause = OUT_OF_STEP_RUN.match(text, match.start(), mark.start())
            if clause is not None:
                yield clause


ASCII_BETWEEN = lazyre.compile(f"[{re.escape(ASCII_SEPARATORS)}]{{1,6}}")  # a few of them
MAX_JOINED_RUNS = 5


def _joined_runs(text: str, start: int, end: int, looked: Container[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """For a swap between CJK codecs (see SWAP_SCRIPT): the spans of the line ``start``..``end``
    from one run to the next ones, over the ASCII marks, spaces and digits between them (see
    ASCII_BETWEEN), where a piece of the span was looked at (its span is in ``looked``). A
    list of names (卼膘弊;隸窀桏 is 王建国;刘晓燕, GBK read as Big5) or of figures (藩聊5啋 is
    每册5元) is damaged as a whole, and its pieces, too short to read as words one by one, read
    as a whole. A run with clause marks takes part with its clause next to the ASCII only.

    >>> text = "卼膘弊;隸窀桏 ok，藩聊5啋，另加"
    >>> [m.group(0) for m in _joined_runs(text, 0, len(text), {(0, 3), (11, 13)})]
    ['卼膘弊;隸窀桏', '藩聊5啋']
    """
    runs = list(_run_pattern(text, start, end).finditer(text, start, end))
    for i, first in enumerate(runs):
        marks = [m.start() for m in CLAUSE_MARK.finditer(text, first.start(), first.end())]
        begin = marks[-1] + 1 if marks else first.start()
        if begin == first.end():
            continue
        seen = (begin, first.end()) in looked
        pieces = {text[begin : first.end()]}
        last = first
        for after in runs[i + 1 : i + MAX_JOINED_RUNS]:
            mark = CLAUSE_MARK.search(text, after.start(), after.end())
            stop = mark.start() if mark else after.end()
            # The same piece again (陈玥 | 陈玥) is no more evidence of damage than once.
            if ASCII_BETWEEN.fullmatch(text, last.end(), after.start()) is None or stop == after.start() \
                    or text[after.start() : stop] in pieces:
                break
            pieces.add(text[after.start() : stop])
            seen = seen or (after.start(), stop) in looked
            if seen:
                yield SPAN.match(text, begin, stop)
            if mark:
                break
            last = after


def _read_as(run: str, kind: str) -> bool:
    """Can the wrong decode ``kind`` be undone on ``run`` at all (however it reads then)?"""
    return any(candidate.name == kind for candidate, _ in _candidates(run))


def _strong_span(text: str, match: re.Match[str], reading: Reading) -> Reading:
    """``reading`` of a span of runs (see _joined_runs) made strong where every Han character
    of the span gains WEAK_GAIN_PER_CHAR and its pairs add what a short reading's must, though
    the span has too few Han characters to form words: the pieces of a date (爛5堎 is 年5月,
    GBK read as Big5) are one character each, but each reads far better beside the digits.

    >>> text = "本店开业于2014爛5堎，至今"
    >>> _strong_span(text, re.compile("爛5堎").search(text), Reading("年5月", "gbk-as-big5", 35.0, False)).strong
    True
    """
    if reading.strong:
        return reading
    run = match.group(0)
    han = sum(map(is_han, run))
    if reading.gain < max(MIN_GAIN, WEAK_GAIN_PER_CHAR * han):
        return reading
    left = context_before(text, match.start())
    right = text[match.end()] if match.end() < len(text) else TEXT_EDGE
    if _context_gain(run, reading.text, left, right) < _needed_context_gain(reading.text):
        return reading
    return Reading(reading.text, reading.kind, reading.gain, True, reading.variant)


def _weak_together(text: str, line: _Line) -> str | None:
    """The kind of damage that two or more weak runs of a line read better together, when
    together they are strong: 12堎12゜狟敁 is 12月12日下午 (GBK read as Big5), though no run
    of it decides alone."""
    by_kind: dict[str, list[tuple[re.Match[str], Reading]]] = {}
    for match, found in line.runs:
        for reading in found or ():
            if reading.gain < WEAK_GAIN_PER_CHAR * len(reading.text):
                continue  # 唉 read as 隻 is no evidence of anything
            pairs = by_kind.setdefault(reading.kind, [])
            # A clause of a run is the same damage as the run: count each piece of text once.
            if all(match.start() >= m.end() or m.start() >= match.end() for m, _ in pairs):
                pairs.append((match, reading))
    for kind, pairs in sorted(by_kind.items(), key=lambda item: -sum(r.gain for _, r in item[1])):
        if len(pairs) < 2:
            continue
        gain = sum(r.gain for _, r in pairs)
        run = "".join(m.group(0) for m, _ in pairs)
        reading = "".join(r.text for _, r in pairs)
        if gain < max(MIN_GAIN, MIN_GAIN_PER_CHAR * len(reading)) or not _may_form_words(run):
            continue
        # The pairs that tell are those of the line as it would read (月 and 日 after digits).
        pairs.sort(key=lambda item: item[0].start())
        line_text = text[line.start : line.end]
        repaired = apply(line_text, [Repair(m.start() - line.start, m.end() - line.start, m.group(0), r.text, kind)
                                     for m, r in pairs])
        if len(run) >= LONG_RUN or _context_gain(line_text, repaired) >= _needed_context_gain(reading):
            return kind
    return None


def _line_repairs(text: str, line: _Line, document: str | None, variant: bool = False,
                  decided: dict[str, str] | None = None) -> list[Repair]:
    """The repairs of one line: its strongest kind of damage, or else the document's.

    Only the line's own damage lets runs of symbols be read as symbols (ㄛ is ， in GBK read as
    Big5); the document's lets only runs be read that read much better (堎 is 月, not 徐睿翔
    畗和稻), symbols only as Han characters (゜ is 日, ★ is no 」), or runs the document reads
    so inside a run it reads strongly (``decided``: run -> reading; 杅弇等⑻ alone as 数位单曲 in
    a text that has 磁釭杅弇等⑻, 合唱数位单曲, in another line).
    """
    leading = max(line.votes, key=line.votes.get) if line.votes else _weak_together(text, line)
    from_document = leading is None
    if from_document:
        leading = document
    if leading is None:
        return []
    supported = leading if any((k.han_run or k.utf8) and k.name == leading for k in KINDS) else None
    chosen = []
    read = []
    for match, found in line.runs:
        if match.span() in line.joined and leading not in SWAP_SCRIPT:
            continue  # only a swap between CJK codecs reads a span of runs
        if found is None:
            found = _readings_at(text, match, supported)
        elif supported and not any(r.kind == leading for r in found):
            found = _readings_at(text, match, supported) or found
        read.append((match, _one_decoder(found, variant)))
    # A swap that damaged one clause leaves the line's other clauses clean: there, a run with
    # nothing foreign to the script of the repair is clean text too (唉 by a damaged clause is
    # no 隻, though both are B0 A6), however the kind reads it.
    script = SWAP_SCRIPT.get(leading)
    clean_beside = script is not None and not from_document and any(
        sum(map(is_han, match.group(0))) >= CLEAN_CLAUSE_HAN and not any(r.kind == leading for r in found)
        for match, found in read)
    for match, found in read:
        choice = next((r for r in found if r.kind == leading), None)
        if choice is not None and from_document and (
                choice.gain < WEAK_GAIN_PER_CHAR * len(choice.text)
                or not (_script_evidence(match.group(0)) or HAN_RUN.search(choice.text))) \
                and not _decided_inside(match.group(0), choice.text, decided or {}):
            choice = None
        if choice is not None and clean_beside and not choice.strong and not any(
                DAMAGE_MARK.match(ch) or _foreign_to(script, ch) for ch in match.group(0)):
            choice = None
        if choice is not None and not choice.strong and _marks_only(match.group(0)) and _glued(text, match):
            choice = None  # a clause's own mark beside the damage (？』 after 為什麼) is clean
        if choice is None and line.votes:
            choice = next((r for r in found if r.strong), None)
        if choice is not None:
            chosen.append((choice.gain, match, choice))
    # Overlapping runs (an out-of-step run crosses ordinary ones): the larger gain wins.
    kept: list[tuple[re.Match[str], Reading]] = []
    for _, match, choice in sorted(chosen, key=lambda item: -item[0]):
        if all(match.end() <= m.start() or m.end() <= match.start() for m, _ in kept):
            kept.append((match, choice))
    kept.sort(key=lambda item: item[0].start())
    return [Repair(m.start(), m.end(), m.group(0), c.text, c.kind) for m, c in kept]


def _decided_inside(run: str, reading: str, decided: dict[str, str]) -> bool:
    """Is ``run``, read as ``reading``, part of a run the document reads strongly, read the same
    way there (``decided``: run -> reading, character for character)? The same bytes damaged
    the same way say the same thing.

    >>> _decided_inside("杅弇等", "数位单", {"磁釭杅弇等⑻": "合唱数位单曲"}), _decided_inside("杅弇", "杅弇", {})
    (True, False)
    """
    if len(run) < 2 or len(run) != len(reading):
        return False
    for whole, read in decided.items():
        at = whole.find(run)
        if at >= 0 and len(whole) == len(read) and read[at : at + len(run)] == reading:
            return True
    return False


# Punctuation of clean Chinese text that no wrong decode here makes out of UTF-8 damage: a run
# damaged in a clean line is glued to its clean neighbours across these.
CLAUSE_MARK = lazyre.compile("[，。、；：！？“”（）《》]")
# Quotes too, or not: cp1252 reads the UTF-8 continuation bytes 0x93 and 0x94 as “ and ”.
CLAUSES = (lazyre.compile("[^，。、；：！？“”（）《》]+"), lazyre.compile("[^，。、；：！？（）《》]+"))
# Traditional text quotes with corner brackets: 「癸ぃ癬，...」 holds the damaged 對不起. Only a swap
# between CJK codecs reads such a piece: UTF-8 damage makes corner brackets of its own bytes.
CORNER_BRACKET = lazyre.compile("[「」『』]")
BRACKETED_CLAUSE = lazyre.compile("[^，。、；：！？“”（）《》「」『』]+")
CLAUSE_TOKEN = lazyre.compile("[^，。、；：！？“”（）《》]+|[，。、；：！？“”（）《》]")
SPAN = lazyre.compile(".+", re.S)


def _runs(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The runs of a line, and the clauses of a run that holds clean punctuation (only one of
    them may be damaged). Overlapping repairs are settled by gain in :func:`_line_repairs`.

    >>> [m.group(0) for m in _runs("声称，浠栦滑宸查煭 ok", 0, 14)]
    ['声称，浠栦滑宸查煭', '声称', '浠栦滑宸查煭']
    """
    for match in _run_pattern(text, start, end).finditer(text, start, end):
        yield match
        if CLAUSE_MARK.search(match.group(0)):
            seen = {(match.start(), match.end())}
            for clause in CLAUSES:
                for piece in clause.finditer(text, match.start(), match.end()):
                    if piece.span() not in seen:
                        seen.add(piece.span())
                        yield piece


def _in_step_pieces(text: str, run: re.Match[str], seen: set[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """The pieces of a run with a lost byte that a double-byte text read by a lossy decoder is
    in step at both ends of: the byte after an ASCII letter or mark begins a character (the
    letter was a trail byte read alone, or ASCII). A run that reads no way as a whole is read in
    these pieces, so that one piece that cannot be read (哈哈 is four lost bytes in Big5 read
    as GBK) does not keep the rest from being read. Pieces in ``seen`` are left out.

    >>> text = "砆и掉奔\ufffdF\ufffd\ufffd\ufffd\ufffd。"
    >>> [m.group(0) for m in _in_step_pieces(text, LOSSY_RUN.search(text), set())]
    ['砆и掉奔\ufffdF', '\ufffd\ufffd\ufffd\ufffd。']
    """
    if "\ufffd" not in run.group(0):
        return
    pieces = list(IN_STEP_PIECE.finditer(text, run.start(), run.end()))
    if len(pieces) > 1:
        yield from (piece for piece in pieces if piece.span() not in seen)


IN_STEP_PIECE = lazyre.compile(r"[^\x40-\x7e]+(?:[\x40-\x7e]|$)")


def _line_pieces(text: str, start: int, end: int) -> Iterator[tuple[re.Match[str], bool]]:
    """The runs and clauses of a line (:func:`_runs`), then the pieces between corner brackets,
    each with whether only a swap between CJK codecs may read it.

    >>> [(m.group(0), swap_only) for m, swap_only in _line_pieces("說：「癸ぃ癬，明天」", 0, 10)]
    [('說：「癸ぃ癬，明天」', False), ('說', False), ('「癸ぃ癬', False), ('明天」', False), ('癸ぃ癬', True), ('明天', True)]
    """
    seen = set()
    for match in _runs(text, start, end):
        seen.add(match.span())
        yield match, False
    for run in RUN.finditer(text, start, end):
        if CORNER_BRACKET.search(run.group(0)):
            for piece in BRACKETED_CLAUSE.finditer(text, run.start(), run.end()):
                if piece.span() not in seen:
                    seen.add(piece.span())
                    yield piece, True


def _joined_clauses(text: str, match: re.Match[str]) -> Iterator[re.Match[str]]:
    """A GBK pair of UTF-8 continuation bytes can be a clause mark (A1 A3 is 。): the damage
    may hold one, and end at the clean mark after it. The clauses of a run that look damaged,
    joined to the marks on either side, and two such clauses joined across one mark.

    >>> [m.group(0) for m in _joined_clauses("声称，浠栦滑宸。查煭：", RUN.search("声称，浠栦滑宸。查煭："))]
    ['，浠栦滑宸', '浠栦滑宸。', '。查煭', '查煭：', '浠栦滑宸。查煭']
    """
    tokens = [t.span() for t in CLAUSE_TOKEN.finditer(text, match.start(), match.end())]
    is_mark = [CLAUSE_MARK.fullmatch(text, a, b) is not None for a, b in tokens]
    damaged = [not mark and _suspicious(text[a:b]) for (a, b), mark in zip(tokens, is_mark, strict=True)]
    for size in (2, 3):
        for i in range(len(tokens) - size + 1):
            pieces = [damaged[j] for j in range(i, i + size) if not is_mark[j]]
            if pieces and all(pieces) and (size == 2 or is_mark[i + 1]):
                yield SPAN.match(text, tokens[i][0], tokens[i + size - 1][1])


def _out_of_step_readings(text: str, match: re.Match[str]) -> list[Reading]:
    lattice = _out_of_step_lattice(match.group(0))
    if lattice is None:
        return []
    m = model()
    left = context_before(text, match.start())
    right = text[match.end()] if match.end() < len(text) else TEXT_EDGE
    # Characters lost right after the run with their pinyin surviving are decoded jointly.
    following = LOST_WITH_PINYIN.match(text, match.end())
    extra = annotated_lattice(following.group(0)) if following else None
    lattice = same_script(lattice, (left or "")[-1:] + (right or ""))
    if extra:
        after = text[following.end()] if following.end() < len(text) else TEXT_EDGE
        repaired = m.best(lattice + extra, left, after, text)[: len(lattice)]
    else:
        repaired = m.best(lattice, left, right, text)
    score = m.score(repaired, left, right)
    gain = score - m.score(match.group(0), left, right)
    chars = len(repaired)
    if gain < max(MIN_GAIN, MIN_GAIN_PER_CHAR * chars) or _over_random(score, chars) < OUT_OF_STEP_GAIN_OVER_RANDOM:
        return []
    return [Reading(repaired, "gbk-out-of-step", gain, True)]


def _readings_at(text: str, match: re.Match[str], supported: str | None = None) -> list[Reading]:
    left = context_before(text, match.start())
    right = text[match.end()] if match.end() < len(text) else TEXT_EDGE
    return readings(match.group(0), left, right, supported=supported, document=text)


def _suspicious(run: str) -> bool:
    """Cheap filter: does the run look like a wrong decode at all?

    Mojibake is made of rare characters (a mean cost far above clean text's 9 to 10 bits),
    Latin-1 letters, or the marks of lost bytes.
    """
    if SUSPECT_CHAR.search(run):
        return True
    # The same sum as over model().prior, but without loading the model for clean text.
    return -sum(map(priors().__getitem__, run)) / len(run) > SUSPICIOUS_COST


def _suspicious_run(run: str) -> bool:
    """Is the run, or one clause of it, suspicious? A damaged clause in a long clean line
    does not raise the mean cost of the whole run enough to be seen.

    >>> _suspicious_run("这天早上，钟敲到第五下，蹇界劧鍋滀簡。"), _suspicious_run("这天早上，钟敲到第五下。")
    (True, False)
    """
    if SUSPECT_CHAR.search(run):
        return True
    cost = priors().__getitem__
    # Damage has rare characters close together; most clean runs have none, and then only a
    # short run can be rare on the whole (the regex runs at C speed, a sum per character not).
    near = _rare_near().search(run)
    if near is None:
        # A short run between ASCII (唐話[4]、地粂[5]) is counted without the marks that join it.
        core = run.strip(CLAUSE_MARKS) or run
        if len(core) <= SHORT_RUN:
            return -sum(map(cost, core)) / len(core) > SUSPICIOUS_COST
    else:
        if -sum(map(cost, run)) / len(run) > SUSPICIOUS_COST:
            return True
        marks = [m.start() for m in CLAUSE_MARK.finditer(run)]
        while near:
            i = bisect_left(marks, near.start())
            a = marks[i - 1] + 1 if i else 0
            b = marks[i] if i < len(marks) else len(run)
            if -sum(map(cost, run[a:b])) / (b - a) > SUSPICIOUS_CLAUSE_COST:
                return True
            near = _rare_near().search(run, b)
    # One short clause with one rare character, wherever the rare pairs are (袀鼻 of
    # 袀鼻，婚姻的疫苗接种, whose 姻的疫 is a clean clause's).
    return any(-sum(map(cost, clause)) / len(clause) > SUSPICIOUS_CLAUSE_COST for clause in _short_rare_clauses(run))


CLAUSE_MARKS = "，。、；：！？“”（）《》"


def _mixed_script(run: str) -> bool:
    """Two Traditional characters close together in a run with Simplified forms: where GBK
    was read as Big5, common Traditional characters (輪爛懂 is 近年来) show no rarity to see;
    where Big5 was read as GBK, Simplified forms in Traditional text (洛励 is 醫療).

    >>> _mixed_script("助力农业生产。輪爛懂，河北省"), _mixed_script("近年来，河北省"), _mixed_script("近年來，河北省")
    (True, False, False)
    """
    return _traditional_near().search(run) is not None and _simplified_form().search(run) is not None


@lru_cache(maxsize=1)
def _traditional_near() -> re.Pattern[str]:
    """Two characters only Traditional text uses, at most one character apart in a clause."""
    def make() -> str:
        forms = _bmp_class(model().simplified)
        return f"{forms}[^{CLAUSE_MARKS}]?{forms}"

    # Compiled once per machine (see _rare_near): making it loads the whole model (30 ms).
    return lazyre.compile_data("traditional_near", f"v1|{CLAUSE_MARKS}|".encode() + priors_key(), make)


def _rare_class(cost: float = RARE_NEAR_COST) -> str:
    """A regex class of the rare characters (rarer than ``cost``, or unknown to the model):
    the common Han characters, ASCII, punctuation and full-width forms are cut out."""
    common = "".join(ch for ch, value in priors().items() if -value <= cost and is_han(ch))
    return f"[^\\x00-\\x7f\\u2000-\\u206f\\u3000-\\u303f\\uff00-\\uffef{common}{CLAUSE_MARKS}]"


@lru_cache(maxsize=1)
def _rare_near() -> re.Pattern[str]:
    """Two rare characters (see _rare_class) at most one character apart in one clause."""
    def make() -> str:
        rare = _rare_class()
        return f"{rare}[^{CLAUSE_MARKS}]?{rare}"

    # Made from the priors and compiled once per machine: both cost milliseconds at every start.
    return lazyre.compile_data("rare_near", f"v1|{RARE_NEAR_COST}|{CLAUSE_MARKS}|".encode() + priors_key(), make)


@lru_cache(maxsize=1)
def _rare_foreign() -> re.Pattern[str]:
    """One character rarer than FOREIGN_PRIOR, or unknown to the model (see _rare_class)."""
    return lazyre.compile_data("rare_foreign", f"v1|{FOREIGN_PRIOR}|{CLAUSE_MARKS}|".encode() + priors_key(),
                               lambda: _rare_class(-FOREIGN_PRIOR))


# GBK's characters whose lead byte is one of UTF-8's leads of common Han characters (E4-E9):
# UTF-8 read as GBK begins each of its runs with one (命令 is E5 91 BD E4 BB A4, 鍛戒护), and
# clean text has few (about 300 a MB of the eval set's text, most of them in its own mojibake).
UTF8_LEAD_ROWS = range(0xE4, 0xEA)
MIN_UTF8_CHARS = 2  # two Han characters of valid UTF-8 in a row: none in 1 MB of clean GBK text


@lru_cache(maxsize=1)
def _utf8_lead_chars() -> re.Pattern[str]:
    def make() -> str:
        chars = []
        for lead in UTF8_LEAD_ROWS:
            for trail in (*range(0x40, 0x7F), *range(0x80, 0xFF)):
                try:
                    chars.append(bytes((lead, trail)).decode("gbk"))
                except UnicodeDecodeError:
                    pass
        return f"[{''.join(chars)}]"

    # Made from the codec's table and compiled once per machine: 1.4 ms at every start otherwise.
    return lazyre.compile_data("utf8_lead_chars", f"v1|{UTF8_LEAD_ROWS}".encode(), make)


def _reads_as_utf8(run: str) -> bool:
    """Does UTF-8 read as GBK begin somewhere in ``run``: a character of a UTF-8 lead row whose
    bytes and the next ones are MIN_UTF8_CHARS Han characters of valid UTF-8? A clause too
    common to look damaged (鍛戒护。 for 命令。, 鍛 15.3 bits) is seen so, at the cost of a class
    scan at C speed.

    >>> _reads_as_utf8("鍛戒护。这会显示发行版"), _reads_as_utf8("这会显示发行版"), _reads_as_utf8("琪琪")
    (True, False, False)
    """
    for match in _utf8_lead_chars().finditer(run):
        data = _gbk_prefix(run, match.start(), 3 * MIN_UTF8_CHARS)
        if data is None:
            continue
        text = data.decode("utf-8", "replace")[:MIN_UTF8_CHARS]
        if len(text) == MIN_UTF8_CHARS and all(map(is_han, text)):
            return True
    return False


def _gbk_prefix(run: str, start: int, size: int) -> bytes | None:
    """The first ``size`` bytes of ``run[start:]`` in GBK, None if fewer (or not GBK)."""
    try:
        data = run[start : start + size].encode("gbk")
    except UnicodeEncodeError:
        return None
    return data[:size] if len(data) >= size else None


def _short_rare_clauses(run: str) -> Iterator[str]:
    """The clauses of at most SHORT_RUN characters with one rarer than FOREIGN_PRIOR, between
    clause marks or the run's edges (ASCII beside: digits, a space): 啋 of ，藩爺15啋。
    (每份15元 as GBK read as Big5) and 禥壁盾 of ，禥壁盾？ (貴族嗎 as Big5 read as GBK) have one
    rare character each, too few for _rare_near. Characters only rarer than RARE_NEAR_COST
    would bring in a clean line in four (names: ，姚洋，). The rare character is searched first
    (a class scan at C speed): in clean text there are few.

    >>> list(_short_rare_clauses("藩爺")), list(_short_rare_clauses("，禥壁盾？會騎馬嗎")), list(_short_rare_clauses("他叫禥壁盾先生"))
    ([], ['禥壁盾'], [])
    """
    for match in _rare_foreign().finditer(run):
        start = end = match.start()
        while start and run[start - 1] not in CLAUSE_MARKS and end - start < SHORT_RUN:
            start -= 1
        end += 1
        while end < len(run) and run[end] not in CLAUSE_MARKS and end - start <= SHORT_RUN:
            end += 1
        if end - start <= SHORT_RUN and (not start or run[start - 1] in CLAUSE_MARKS) \
                and (end == len(run) or run[end] in CLAUSE_MARKS):
            yield run[start:end]


# A lost-byte mark, damage (hanzi_model.is_damage) or a Latin-1/Latin Extended letter: one is
# enough for a run to be looked at.
SUSPECT_CHAR = lazyre.compile("[?\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\u024f\ue000-\uf8ff]")


def apply(text: str, repairs: list[Repair]) -> str:
    parts, pos = [], 0
    for r in repairs:
        parts.append(text[pos : r.start])
        parts.append(r.repaired)
        pos = r.end
    parts.append(text[pos:])
    return "".join(parts)


def fix_mojibake(text: str) -> str:
    """Reverse wrong decodes run by run; twice-damaged text takes more rounds.

    >>> fix_mojibake("Ã¤Â¸Â\\xadÃ¦â€“â€¡")
    '中文'
    """
    for _ in range(3):
        repairs = find_repairs(text)
        if not repairs:
            break
        text = apply(text, repairs)
    return text
