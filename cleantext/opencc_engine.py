"""A fast pure-Python engine for OpenCC conversion chains, with opencc-python-reimplemented's semantics.

opencc-python-reimplemented converts each piece of text between its separators (white space and
punctuation) like this: for every step of a config's conversion chain, and for every dictionary of
that step's group in order, it repeatedly takes the *longest* key found anywhere in the piece (the
leftmost one among equally long keys), replaces it, and goes on with the text to its left and right;
a later dictionary of the group sees only the text no earlier dictionary matched. This module gives
the same output without a Python loop per character:

* single-character tables run through ``str.translate`` with a list indexed by code point (a list
  lookup is much cheaper than a dict lookup that misses);
* phrase tables find their leftmost-longest matches with a trie-shaped regular expression (small
  tables) or a bigram filter plus dict lookups (large tables such as STPhrases); where a longer key
  could start inside a match and cross its end (the only case in which "longest first" differs from
  "leftmost longest"), that stretch of text is resolved with the reference algorithm;
* text already matched by an earlier dictionary of a group is masked with a character no key
  contains, so a later dictionary cannot match across it; all replacements are spliced in at the end.

Keys that contain a separator can never match in the reference implementation, so they are dropped;
as no key contains a separator, the whole text can be converted at once instead of piece by piece.
OpenCC C++ does not split at separators: a table built with ``separator_keys=True`` keeps such keys
(里姆斯基-科萨科夫), which then match across the separator as they do there.

>>> chain = Chain([Group([PhraseTable({"乾隆": "乾隆"}), CharTable({"乾": "干", "隆": "隆"})])])
>>> chain.convert("乾隆乾杯")
'乾隆干杯'
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from itertools import compress, count
from operator import add

from . import lazyre

# The separators of opencc-python-reimplemented (from OpenCC's PhraseExtract.cpp): text is split on
# them before conversion, so no dictionary key containing one can ever match.
SEPARATORS = lazyre.compile(
    r"(\s+|-|,|\.|\?|!|\*|　|，|。|、|；|：|？|！|…|“|”|‘|’|『|』|「|」|﹁|﹂|—|－|（|）|《|》|〈|〉|～|．|／|＼"
    r"|︒|︑|︔|︓|︿|﹀|︹|︺|︙|︐|［|﹇|］|﹈|︕|︖|︰|︳|︴|︽|︾|︵|︶|｛|︷|｝|︸|﹃|﹄|【|︻|】|︼)"
)

# Masks text an earlier dictionary of a group already matched; a noncharacter, in no key.
MASK = "\uffff"
# Stand-ins for spans a user dictionary fixed: noncharacters, never in a key or a value.
SENTINELS = tuple(chr(c) for c in range(0xFDD0, 0xFDF0))

# Above this many keys, finding matches with a regular expression gets slow (Python's regex engine
# tries the alternatives of a branch one by one), so a bigram filter with dict lookups is used.
REGEX_MAX_KEYS = 3000


def first_choice(value: str) -> str:
    """OpenCC dictionaries list alternatives separated by spaces; the first one is used.

    >>> first_choice("乾 干")
    '乾'
    """
    return value.split(" ")[0]


def reference_matches(text: str, mapping: Mapping[str, str], maxlen: int, offset: int = 0):
    """The reference algorithm: longest keys first, leftmost first, never overlapping.

    Returns ``(start, end, value)`` triples, positions shifted by ``offset``.

    >>> reference_matches("abcd", {"ab": "X", "bcd": "Y"}, 3)
    [(1, 4, 'Y')]
    """
    n = len(text)
    taken = [False] * n
    found = []
    for length in range(min(maxlen, n), 0, -1):
        i = 0
        while i + length <= n:
            key = text[i : i + length]
            if key in mapping and not any(taken[i : i + length]):
                found.append((offset + i, offset + i + length, mapping[key]))
                taken[i : i + length] = [True] * length
                i += length
            else:
                i += 1
    found.sort()
    return found


def _trie_pattern(keys: Iterable[str]) -> str:
    """A regular expression matching the longest of ``keys`` at a position (a trie, greedy).

    >>> re.match(_trie_pattern(["ab", "abcd", "b"]), "abcde").group()
    'abcd'
    """
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        children = [(ch, sub) for ch, sub in node.items() if ch]
        leaves = sorted(ch for ch, sub in children if sub == {"": True})
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(children) if sub != {"": True}]
        if leaves:
            branches.append(re.escape(leaves[0]) if len(leaves) == 1 else
                            "[" + "".join(re.escape(c) for c in leaves) + "]")
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _char_class(chars: Iterable[str]) -> str:
    """A regular expression character class holding ``chars``.

    Characters beyond the BMP are let in all together, as one range: sre checks the BMP part of a
    class with a bitmap but the rest item by item, which is slow for hundreds of them. The class
    may thus hold more than ``chars``; callers only use it to find where to look.

    >>> _char_class("baa")
    '[ab]'
    >>> _char_class("a\U00020000")
    '[a\U00010000-\U0010ffff]'
    """
    chars = set(chars)
    bmp = "".join(re.escape(c) for c in sorted(c for c in chars if ord(c) <= 0xFFFF))
    astral = "\U00010000-\U0010ffff" if any(ord(c) > 0xFFFF for c in chars) else ""
    return f"[{bmp}{astral}]"


class PhraseTable:
    """One dictionary matched by phrases, with the reference semantics (see the module docstring).

    >>> PhraseTable({"ab": "X", "bcd": "Y", "d": "Z"}).find("abcdabd")
    [(1, 4, 'Y'), (4, 6, 'X'), (6, 7, 'Z')]
    """

    def __init__(self, mapping: Mapping[str, str], name: str = "", *, separator_keys: bool = False):
        self.name = name
        self.mapping = {k: v for k, v in mapping.items() if k and (separator_keys or not SEPARATORS.search(k))}
        self.maxlen = max(map(len, self.mapping), default=0)
        # One-character keys are matched last by the reference (longest first), on whatever the
        # longer keys left: they are found apart, with a character class, so that the phrase
        # matcher below only ever deals with keys of two characters or more.
        self.multi = {k: v for k, v in self.mapping.items() if len(k) > 1}
        self.singles = {k: v for k, v in self.mapping.items() if len(k) == 1}
        self._singles_regex = lazyre.compile(_char_class(self.singles), cached=False) if self.singles else None
        # A key is "risky" when a longer key can start inside it and run past its end; only
        # then can longest-first differ from leftmost-longest. For each, the offsets where such
        # a key can start (its rest is the beginning of a longer key).
        prefixes = {key[:i] for key in self.multi for i in range(1, len(key))}
        self.risky: dict[str, tuple[int, ...]] = {}
        for key in self.multi:
            offsets = tuple(i for i in range(1, len(key)) if key[i:] in prefixes)
            if offsets:
                self.risky[key] = offsets
        self._regex = None
        self._prefilter_regex = None
        self._lengths: dict[str, tuple[int, ...]] | None = None
        self.uses_regex = len(self.multi) <= REGEX_MAX_KEYS

    # -- leftmost-longest primitives -------------------------------------------------------------
    def _compiled(self):
        if self._regex is None:
            self._regex = re.compile(_trie_pattern(self.multi)) if self.multi else re.compile("(?!)")
        return self._regex

    def _prefilter(self):
        """``[first chars](?=[second chars])``: where a key of two characters or more can start."""
        if self._prefilter_regex is None:
            firsts = _char_class(k[0] for k in self.multi)
            seconds = _char_class(k[1] for k in self.multi)
            self._prefilter_regex = re.compile(f"{firsts}(?={seconds})")
        return self._prefilter_regex

    def _bigram_lengths(self) -> dict[str, tuple[int, ...]]:
        """For each first two characters of a key, the lengths of the keys starting so, longest first."""
        if self._lengths is None:
            table: dict[str, set[int]] = {}
            for key in self.multi:
                table.setdefault(key[:2], set()).add(len(key))
            self._lengths = {head: tuple(sorted(lengths, reverse=True)) for head, lengths in table.items()}
        return self._lengths

    def _longest_at(self, text: str, pos: int) -> int:
        """End of the longest key starting at ``pos``, or ``pos`` when none does."""
        if self.uses_regex:
            m = self._compiled().match(text, pos)
            return m.end() if m else pos
        multi = self.multi
        for length in self._bigram_lengths().get(text[pos : pos + 2], ()):
            if text[pos : pos + length] in multi:
                return pos + length
        return pos

    def _leftmost_longest(self, text: str, start: int, candidates: list[int] | None):
        """(start, end) of leftmost-longest matches from ``start`` on, as a generator.

        ``candidates`` (large tables only) are the positions whose bigram starts some key.
        """
        if candidates is None:
            # Scanning for "a first character followed by a second character" is several
            # times faster than running the trie at every first character; the trie then runs
            # only where a key can start.
            end = start
            match = self._compiled().match
            for pos in map(_start, self._prefilter().finditer(text, start)):
                if pos >= end:
                    m = match(text, pos)
                    if m:
                        end = m.end()
                        yield pos, end
            return
        lengths = self._bigram_lengths()
        multi = self.multi
        end = start
        for pos in map(candidates.__getitem__, range(bisect_left(candidates, start), len(candidates))):
            if pos < end:
                continue
            for length in lengths[text[pos : pos + 2]]:
                if text[pos : pos + length] in multi:
                    end = pos + length
                    yield pos, end
                    break

    def _candidates(self, text: str) -> list[int] | None:
        if self.uses_regex:
            return None
        return list(compress(count(), map(self._bigram_lengths().__contains__, map(add, text, text[1:]))))

    # -- the reference semantics --------------------------------------------------------------
    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Matches of this table in ``text`` as the reference implementation chooses them."""
        if not self.mapping or not text:
            return []
        found = self._find_multi(text) if self.multi else []
        if self._singles_regex is not None:
            found = self._add_singles(text, found)
        return found

    def _find_multi(self, text: str) -> list[tuple[int, int, str]]:
        multi, risky = self.multi, self.risky
        found = []
        start = 0
        candidates = self._candidates(text)
        while True:
            restart = None
            for p, e in self._leftmost_longest(text, start, candidates):
                key = text[p:e]
                offsets = risky.get(key)
                if offsets and any(self._longest_at(text, p + i) > e for i in offsets):
                    cluster_end = e
                    q = p + 1
                    while q < cluster_end:
                        cluster_end = max(cluster_end, self._longest_at(text, q))
                        q += 1
                    if cluster_end > e:
                        found.extend(reference_matches(text[p:cluster_end], multi, self.maxlen, p))
                        restart = cluster_end
                        break
                found.append((p, e, multi[key]))
            if restart is None:
                return found
            start = restart

    def _add_singles(self, text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """``found`` (sorted) with the one-character keys at every position it leaves free."""
        singles = self.singles
        spans = iter(found)
        out: list[tuple[int, int, str]] = []
        span = next(spans, None)
        for pos in map(_start, self._singles_regex.finditer(text)):
            while span is not None and span[1] <= pos:
                out.append(span)
                span = next(spans, None)
            if (span is None or pos < span[0]) and text[pos] in singles:
                out.append((pos, pos + 1, singles[text[pos]]))
        if span is not None:
            out.append(span)
            out.extend(spans)
        return out


class CharTable:
    """A one-character-to-one-character dictionary, applied with ``str.translate``.

    >>> CharTable({"書": "书", "乾": "乾 干"}).translate("書乾")
    '书乾'
    """

    def __init__(self, mapping: Mapping[str, str], name: str = ""):
        self.name = name
        self.mapping = dict(mapping)
        # Built on first use: a chain merges several tables into one, and only that one runs.
        self._codes: dict[int, int] | None = None
        self._fast: tuple[list[int], re.Pattern[str] | None] | None = None
        self._direct_chars = 0

    @staticmethod
    def fits(mapping: Mapping[str, str]) -> bool:
        # Values are mostly one character already (the tables are read with first_choice).
        return all(len(k) == 1 and (len(v) == 1 or len(first_choice(v)) == 1) for k, v in mapping.items())

    def codes(self) -> dict[int, int]:
        """Code point -> code point of every key (what ``str.translate`` takes)."""
        if self._codes is None:
            self._codes = {ord(key): ord(value if len(value) == 1 else first_choice(value))
                           for key, value in self.mapping.items()}
        return self._codes

    def _build_fast(self) -> tuple[list[int], re.Pattern[str] | None]:
        """The table as a list indexed by code point (a list lookup is much cheaper than a dict
        lookup that misses) and a scan for the characters that change.

        str.translate costs about as much per character as the scan costs per ten: text with
        none of them (Simplified text through t2s) is returned as is.
        """
        codes = self.codes()
        table = list(range(max(codes, default=-1) + 1))
        for code, target in codes.items():
            table[code] = target
        changing = [chr(code) for code, target in codes.items() if target != code]
        return table, re.compile(_char_class(changing)) if changing else None

    def translate(self, text: str) -> str:
        if self._fast is None:
            # Building the list and compiling the scan take several milliseconds (thousands of
            # characters, tables up to the supplementary planes): until enough text has come to
            # pay for them, translate with the dict, which gives the same result.
            self._direct_chars += len(text)
            if self._direct_chars < BUILD_AFTER_CHARS:
                return text.translate(self.codes())
            self._fast = self._build_fast()
        table, scan = self._fast
        if scan is None:
            return text
        search, pos = scan.search, 0
        while (m := search(text, pos)) is not None:
            code = ord(m.group())
            if code < len(table) and table[code] != code:
                # Code points past the end of the list raise IndexError, a LookupError: unchanged.
                return text.translate(table)
            pos = m.end()  # a character beyond the BMP that the table leaves alone
        return text


# A CharTable builds its fast form once it has translated this many characters (see translate).
BUILD_AFTER_CHARS = 1 << 16


# Above this many characters, one branch per character makes the scan slower than the windows it
# saves: the engine tries an alternation's branches one after the other.
MAX_PAIR_BRANCHES = 400


def _pair_pattern(follow: Mapping[str, set[str]], precede: Mapping[str, set[str]], singles: set[str]) -> str:
    """Each character of ``follow`` / ``precede`` where one of its neighbours stands beside it,
    and each of ``singles`` anywhere.

    >>> _pair_pattern({"发": {"展"}}, {"发": {"头"}}, set())
    '发(?:(?=[展])|(?<=[头]发))'
    """
    branches = [re.escape(ch) for ch in sorted(singles)]

    # The engine tries the branches in order: characters found beside many others in keys (the
    # common ones: 发, 干, 后) come first.
    def neighbours(ch: str) -> int:
        return len(follow.get(ch, ())) + len(precede.get(ch, ()))

    for ch in sorted((follow.keys() | precede.keys()) - singles, key=lambda c: (-neighbours(c), c)):
        tests = []
        if ch in follow:
            tests.append(f"(?={_char_class(follow[ch])})")
        if ch in precede:
            tests.append(f"(?<={_char_class(precede[ch])}{re.escape(ch)})")
        branches.append(re.escape(ch) + (tests[0] if len(tests) == 1 else f"(?:{'|'.join(tests)})"))
    return "|".join(branches)


class Group:
    """One step of a conversion chain: dictionaries tried in order on what earlier ones left.

    Only text where a key that converts differently from the character table can match (发 beside
    the neighbour it has in 头发 or 发展, in s2t) needs the phrase tables: other text comes out of
    the character table alike, whatever the phrases match. Around each such place the window runs out to the nearest boundary that no key can cross, one whose two characters
    are not adjacent in any key. A window converts alike wherever it stands, and windows are short
    (a word or two) and repeat as words do: each distinct one is converted once per call, all of
    them joined (by a character in no key) in one go.

    >>> Group([PhraseTable({"头发": "頭髮"}), CharTable({"头": "頭", "发": "發"})]).convert("头发，发展。")
    '頭髮，發展。'
    """

    def __init__(self, tables: list[PhraseTable | CharTable], *, separator_keys: bool = False):
        *phrases, last = tables or [CharTable({})]
        self.phrases: list[PhraseTable] = [
            t if isinstance(t, PhraseTable) else PhraseTable(t.mapping, t.name, separator_keys=separator_keys)
            for t in phrases
        ]
        self.chars: CharTable | None = None
        if isinstance(last, CharTable):
            self.chars = last
        else:
            self.phrases.append(last)
        self._ambiguous = None
        self._differing_chars: re.Pattern[str] | None = None
        self._inner_bigrams: set[str] = set()
        self._singles: set[str] = set()

    def _translate(self, text: str) -> str:
        return self.chars.translate(text) if self.chars is not None else text

    def _ambiguous_regex(self):
        """Where a key that converts differently from the character table can match (None: nowhere).

        A key "differs" at a position where its value is not what the character table makes of
        that character (at every position when the lengths differ). Such a key can only match
        where its differing character stands beside the neighbour it has in the key, so the scan
        looks for exactly those pairs: per differing character, the class of characters that
        follow it and the class that precede it in some differing key. Most characters that some
        key converts differently (么, 个, 系...) stand, in running text, beside neighbours of keys
        that convert alike (什么, 一个): those need no phrase lookup at all.
        """
        if self._ambiguous is None:
            codes = self.chars.codes() if self.chars is not None else {}
            follow: dict[str, set[str]] = {}
            precede: dict[str, set[str]] = {}
            singles = set()
            for phrases in self.phrases:
                for key, value in phrases.mapping.items():
                    self._inner_bigrams.update(key[i : i + 2] for i in range(len(key) - 1))
                    if len(key) != len(value):
                        differing = range(len(key))
                    else:
                        differing = [i for i, (k, v) in enumerate(zip(key, value, strict=True))
                                     if codes.get(ord(k), ord(k)) != ord(v)]
                    if len(key) == 1:
                        singles.update(key[i] for i in differing)
                        continue
                    for i in differing:
                        if i + 1 < len(key):
                            follow.setdefault(key[i], set()).add(key[i + 1])
                        if i:
                            precede.setdefault(key[i], set()).add(key[i - 1])
            self._singles = singles
            chars = (follow.keys() | precede.keys()) - singles
            # The full scan takes milliseconds to compile; text holding none of the characters
            # (a short Simplified page through t2s) never needs it.
            self._differing_chars = re.compile(_char_class(chars | singles)) if chars or singles else None
            if not chars and not singles:
                self._ambiguous = False
            elif len(chars) <= MAX_PAIR_BRANCHES:
                self._ambiguous = lazyre.compile(_pair_pattern(follow, precede, singles), cached=False)
            else:
                # Too many characters for one branch each (see MAX_PAIR_BRANCHES): one branch
                # for all of them, with the classes of all their neighbours.
                pattern = (f"{_char_class(chars)}(?:(?={_char_class(set().union(*follow.values()))})"
                           f"|(?<={_char_class(set().union(*precede.values()))}.))")
                self._ambiguous = lazyre.compile(f"(?:{pattern}|{_char_class(singles)})" if singles else pattern,
                                                 cached=False)
        return self._ambiguous or None

    def _windows(self, text: str) -> list[tuple[int, int]]:
        ambiguous = self._ambiguous_regex()
        if ambiguous is None or not self._differing_chars.search(text):
            return []
        inner, singles = self._inner_bigrams, self._singles
        n = len(text)
        windows = []
        last = 0
        for pos in map(_start, ambiguous.finditer(text)):
            if pos < last:
                continue
            start, end = pos, pos + 1
            while start > last and text[start - 1 : start + 1] in inner:
                start -= 1
            while end < n and text[end - 1 : end + 1] in inner:
                end += 1
            # A lone character needs the phrases only as a one-character key.
            if end - start > 1 or text[start] in singles:
                windows.append((start, end))
            last = end
        return windows

    def convert(self, text: str) -> str:
        if not self.phrases:
            return self._translate(text)
        windows = self._windows(text)
        base = self._translate(text)
        if not windows:
            return base
        pieces = [text[s:e] for s, e in windows]
        distinct = dict.fromkeys(pieces)
        distinct = dict(zip(distinct, self._convert(MASK.join(distinct)).split(MASK), strict=True))
        converted = map(distinct.__getitem__, pieces)
        out = []
        last = 0
        for (start, end), piece in zip(windows, converted, strict=True):
            out.append(base[last:start])
            out.append(piece)
            last = end
        out.append(base[last:])
        return "".join(out)

    def _convert(self, text: str) -> str:
        spans: list[tuple[int, int, str]] = []
        masked = text
        for index, table in enumerate(self.phrases):
            found = table.find(masked)
            if not found:
                continue
            spans.extend(found)
            # Later tables must not match inside these spans. The character table may: it works
            # character by character, and the spans replace what it made of them.
            if index + 1 < len(self.phrases):
                masked = _splice(masked, [(p, e, MASK * (e - p)) for p, e, _ in found])
        base = self._translate(masked)
        if not spans:
            return base
        spans.sort()
        return _splice(base, spans)


_start = operator.methodcaller("start")


def _splice(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` with each sorted, non-overlapping ``(start, end, value)`` span replaced.

    >>> _splice("abcdef", [(1, 3, "X"), (4, 5, "YZ")])
    'aXdYZf'
    """
    parts = []
    last = 0
    for start, end, value in spans:
        parts.append(text[last:start])
        parts.append(value)
        last = end
    parts.append(text[last:])
    return "".join(parts)


class Chain:
    """A conversion chain: each group converts the output of the one before.

    ``user`` is a phrase table whose matches, chosen on the input first, are final: the chain
    never touches them.
    """

    def __init__(self, groups: list[Group], user: PhraseTable | None = None):
        self.groups = groups
        self.user = user

    def _run(self, text: str) -> str:
        for group in self.groups:
            text = group.convert(text)
        return text

    def convert(self, text: str) -> str:
        if self.user is None or not self.user.mapping:
            return self._run(text)
        spans = self.user.find(text)
        if not spans:
            return self._run(text)
        sentinel = next((s for s in SENTINELS if s not in text), None)
        if sentinel is None:  # absurd input that holds every sentinel: convert piece by piece
            pieces, last = [], 0
            for start, end, value in spans:
                pieces += [self._run(text[last:start]), value]
                last = end
            return "".join(pieces) + self._run(text[last:])
        converted = self._run(_splice(text, [(p, e, sentinel) for p, e, _ in spans])).split(sentinel)
        out = [converted[0]]
        for (_, _, value), rest in zip(spans, converted[1:], strict=True):
            out += [value, rest]
        return "".join(out)
