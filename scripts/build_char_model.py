"""Build cleantext/data/hanzi_model.tsv.gz: a compact character model of Chinese.

The repair step scores candidate readings of damaged text with it (which reversal of a wrong
decode reads as Chinese, which character a lost byte or a surviving pinyin annotation stands for).

Sources (build-time only, installed with ``pip install -e .[build]``):

- jieba's main dictionary ``jieba/dict.txt`` (jieba 0.42.1, MIT license, Copyright (c) 2013 Sun Junyi):
  349,046 words with corpus frequencies. Character unigram counts are the frequency-weighted
  character counts of the words; character bigram counts are the frequency-weighted adjacent
  pairs inside words; word-start and word-end counts model the pairs across word boundaries.
- pypinyin's ``pinyin_dict`` (pypinyin 0.55.0, MIT license, Copyright (c) 2016 mozillazg): the
  readings of each character, with tone marks.

Output format (UTF-8 text, gzip), one record per line, tab-separated:

    U <char> <q>       unigram, q = round(2 * log2(count)); the key NUMERAL stands for any numeral
    B <a><b> <q>       bigram inside words, same quantisation; only pairs counted at least MIN_BIGRAM
    S <char> <q>       word-start count;  E <char> <q>  word-end count
    P <syllable> <chars>   characters read so (tone-marked pinyin), most frequent first

Run: .venv/bin/python scripts/build_char_model.py   (rewrites the data file; commit it)
"""

from __future__ import annotations

import gzip
import math
import os
from collections import Counter
from pathlib import Path

import jieba
import pypinyin.pinyin_dict

OUT = Path(__file__).resolve().parent.parent / "cleantext" / "data" / "hanzi_model.tsv.gz"
MIN_BIGRAM = 40  # frequency-weighted count; drops the long tail of rare-word pairs
MIN_UNIGRAM = 3
# Arabic digits in running text (6月1日, 300平方米, 每份15元) sit where Chinese numerals sit in
# words (六月, 三百平方米, 十五元): every numeral of a dictionary word also counts for this class
# key, which the model uses as the context of a digit. 一 and 两 are left out: most of their
# words are not about numbers (一样, 一定, 两边).
NUMERAL = "0"
NUMERALS = frozenset("〇零二三四五六七八九十百千万")
# Only pairs that begin with the class are counted (6月, 15元: what follows a number): the words
# that end in a numeral (上千, 第三) say little about the character before a digit in running
# text (时间为3小时), and digits and Chinese numerals do not mix (no 3十).
ANY_NUMERAL = NUMERALS | frozenset("一两")


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


def q(count: float) -> int:
    return round(2 * math.log2(count))


def main() -> None:
    dict_path = Path(os.path.dirname(jieba.__file__)) / "dict.txt"
    uni: Counter[str] = Counter()
    big: Counter[str] = Counter()
    start: Counter[str] = Counter()
    end: Counter[str] = Counter()
    with open(dict_path, encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, freq = parts[0], int(parts[1])
            if not all(is_han(ch) for ch in word):
                continue
            _count(word, freq, uni, big, start, end)
            if NUMERALS.intersection(word):
                _count("".join(NUMERAL if ch in NUMERALS else ch for ch in word), freq, uni, big, start, end,
                       only=NUMERAL)
    readings: dict[str, list[str]] = {}
    for code, value in pypinyin.pinyin_dict.pinyin_dict.items():
        ch = chr(code)
        if uni[ch] >= MIN_UNIGRAM or _in_gb2312(ch):
            for syllable in value.split(","):
                readings.setdefault(syllable, []).append(ch)
    records = []
    records += [f"U\t{c}\t{q(n)}" for c, n in sorted(uni.items()) if n >= MIN_UNIGRAM]
    records += [f"S\t{c}\t{q(n)}" for c, n in sorted(start.items()) if n >= MIN_UNIGRAM]
    records += [f"E\t{c}\t{q(n)}" for c, n in sorted(end.items()) if n >= MIN_UNIGRAM]
    records += [f"B\t{p}\t{q(n)}" for p, n in sorted(big.items()) if n >= MIN_BIGRAM]
    for syllable in sorted(readings):
        chars = sorted(readings[syllable], key=lambda c: -uni[c])
        records.append(f"P\t{syllable}\t{''.join(chars)}")
    OUT.parent.mkdir(exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:
        out.write(("\n".join(records) + "\n").encode("utf-8"))
    print(f"{OUT}: {len(records)} records, {OUT.stat().st_size} bytes")


def _count(word: str, freq: int, uni: Counter[str], big: Counter[str], start: Counter[str], end: Counter[str],
           only: str | None = None) -> None:
    """Add a word's characters, in-word pairs, first and last character; with ``only`` (the
    numeral class), just its own counts and the pairs it begins."""
    for ch in word:
        if only is None or ch == only:
            uni[ch] += freq
    if only is None or word[0] == only:
        start[word[0]] += freq
    if only is None or word[-1] == only:
        end[word[-1]] += freq
    for a, b in zip(word, word[1:], strict=False):
        if only is None or (a == only and b not in ANY_NUMERAL):
            big[a + b] += freq


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


if __name__ == "__main__":
    main()
