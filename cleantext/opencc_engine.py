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

# The separators of opencc-python-reimplemented (from OpenCC's PhraseExtract.cpp): text is split on
# them before conversion, so no dictionary key containing one can ever match.
SEPARATORS = re.compile(
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


class PhraseTable:
    """One dictionary matched by phrases, with the reference semantics (see the module docstring).

    >>> PhraseTable({"ab": "X", "bcd": "Y"}).find("abcdab")
    [(1, 4, 'Y'), (4, 6, 'X')]
    """

    def __init__(self, mapping: Mapping[str, str], name: str = "", *, separator_keys: bool = False):
        self.name = name
        self.mapping = {k: v for k, v in mapping.items() if k and (separator_keys or not SEPARATORS.search(k))}
        self.maxlen = max(map(len, self.mapping), default=0)
        # A key is "risky" when a longer key can start inside it and run past its end; only
        # then can longest-first differ from leftmost-longest.
        prefixes = {key[:i] for key in self.mapping for i in range(1, len(key))}
        self.risky = {key for key in self.mapping if any(key[i:] in prefixes for i in range(1, len(key)))}
        self._regex = None
        self._prefilter_regex = None
        self._bigrams: dict[str, int] | None = None
        self.uses_regex = len(self.mapping) <= REGEX_MAX_KEYS or min(map(len, self.mapping), default=1) < 2

    # -- leftmost-longest primitives -------------------------------------------------------------
    def _compiled(self):
        if self._regex is None:
            self._regex = re.compile(_trie_pattern(self.mapping)) if self.mapping else re.compile("(?!)")
        return self._regex

    def _prefilter(self):
        """``[first chars](?=[second chars])`` when every key has two characters or more."""
        if self._prefilter_regex is None:
            if not self.mapping or min(map(len, self.mapping)) < 2:
                self._prefilter_regex = False
            else:
                firsts = "".join(sorted({re.escape(k[0]) for k in self.mapping}))
                seconds = "".join(sorted({re.escape(k[1]) for k in self.mapping}))
                self._prefilter_regex = re.compile(f"[{firsts}](?=[{seconds}])")
        return self._prefilter_regex or None

    def _bigram_maxlen(self) -> dict[str, int]:
        if self._bigrams is None:
            table: dict[str, int] = {}
            for key in self.mapping:
                head = key[:2]
                if table.get(head, 0) < len(key):
                    table[head] = len(key)
            self._bigrams = table
        return self._bigrams

    def _longest_at(self, text: str, pos: int) -> int:
        """End of the longest key starting at ``pos``, or ``pos`` when none does."""
        if self.uses_regex:
            m = self._compiled().match(text, pos)
            return m.end() if m else pos
        top = self._bigram_maxlen().get(text[pos : pos + 2], 0)
        mapping = self.mapping
        for length in range(min(top, len(text) - pos), 1, -1):
            if text[pos : pos + length] in mapping:
                return pos + length
        return pos

    def _leftmost_longest(self, text: str, start: int, candidates: list[int] | None):
        """(start, end) of leftmost-longest matches from ``start`` on, as a generator.

        ``candidates`` (large tables only) are the positions whose bigram starts some key.
        """
        if candidates is None:
            regex = self._compiled()
            prefilter = self._prefilter()
            if prefilter is None:
                for m in regex.finditer(text, start):
                    yield m.span()
                return
            # Scanning for "a first character followed by a second character" is several
            # times faster than running the trie at every first character; the trie then runs
            # only where a key can start.
            end = start
            match = regex.match
            for pos in map(_start, prefilter.finditer(text, start)):
                if pos >= end:
                    m = match(text, pos)
                    if m:
                        end = m.end()
                        yield pos, end
            return
        bigrams = self._bigram_maxlen()
        mapping = self.mapping
        n = len(text)
        end = start
        for pos in map(candidates.__getitem__, range(bisect_left(candidates, start), len(candidates))):
            if pos < end:
                continue
            for length in range(min(bigrams[text[pos : pos + 2]], n - pos), 1, -1):
                if text[pos : pos + length] in mapping:
                    end = pos + length
                    yield pos, end
                    break

    def _candidates(self, text: str) -> list[int] | None:
        if self.uses_regex:
            return None
        return list(compress(count(), map(self._bigram_maxlen().__contains__, map(add, text, text[1:]))))

    # -- the reference semantics --------------------------------------------------------------
    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Matches of this table in ``text`` as the reference implementation chooses them."""
        if not self.mapping or not text:
            return []
        mapping, risky = self.mapping, self.risky
        found = []
        start = 0
        candidates = self._candidates(text)
        while True:
            restart = None
            for p, e in self._leftmost_longest(text, start, candidates):
                key = text[p:e]
                if key in risky:
                    cluster_end = e
                    q = p + 1
                    while q < cluster_end:
                        cluster_end = max(cluster_end, self._longest_at(text, q))
                        q += 1
                    if cluster_end > e:
                        found.extend(reference_matches(text[p:cluster_end], mapping, self.maxlen, p))
                        restart = cluster_end
                        break
                found.append((p, e, mapping[key]))
            if restart is None:
                return found
            start = restart


class CharTable:
    """A one-character-to-one-character dictionary, applied with ``str.translate``.

    >>> CharTable({"書": "书", "乾": "乾 干"}).translate("書乾")
    '书乾'
    """

    def __init__(self, mapping: Mapping[str, str], name: str = ""):
        self.name = name
        self.mapping = dict(mapping)
        size = max((ord(k) for k in self.mapping), default=-1) + 1
        table = list(range(size))
        for key, value in self.mapping.items():
            table[ord(key)] = ord(first_choice(value))
        self._table = table

    @staticmethod
    def fits(mapping: Mapping[str, str]) -> bool:
        return all(len(k) == 1 and len(first_choice(v)) == 1 for k, v in mapping.items())

    def translate(self, text: str) -> str:
        # Code points past the end of the list raise IndexError, a LookupError: left unchanged.
        return text.translate(self._table)


class Group:
    """One step of a conversion chain: dictionaries tried in order on what earlier ones left."""

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

    def convert(self, text: str) -> str:
        spans: list[tuple[int, int, str]] = []
        masked = text
        for index, table in enumerate(self.phrases):
            found = table.find(masked)
            if not found:
                continue
            spans.extend(found)
            if index + 1 < len(self.phrases) or self.chars is not None:
                masked = _splice(masked, [(p, e, MASK * (e - p)) for p, e, _ in found])
        base = self.chars.translate(masked) if self.chars is not None else masked
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
