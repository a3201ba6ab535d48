"""Measure mojibake repair on damage we make ourselves, kind by kind, with clean controls.

A seeded generator takes clean texts (the paragraphs of every gold.txt under ../shared/eval,
the Simplified and Traditional texts of ../shared/external that are clean prose; without
../shared, the samples' expected outputs), groups them into documents, and damages each
document in one of three scopes: the whole document, one line, or one clause of one line, with
every kind of wrong decode in :data:`LOSSLESS` and :data:`LOSSY`. Clean controls (the texts
themselves, Traditional text, rare characters alone, in lines and in documents, icon-font
characters, letters of other scripts in lines, lists of names and rare characters between
ASCII marks, random characters after digits, words of four to six rare characters in lines,
text about mojibake, symbols, mixed Latin, Japanese; see :func:`control_texts`) must come
through unchanged.

Per kind it reports documents, exact %, and fidelity as ``../shared/eval/score.py`` computes it
(lines NFKC-normalized without whitespace, joined; 1 - edits / characters of the target, summed
over the kind's documents). The targets (issue 4): lossless kinds >= 99% exact, lossy kinds
fidelity >= 0.99, controls 100% unchanged.

The damage functions live here only; tests/test_mojibake.py imports them.

Run:  .venv/bin/python scripts/measure_generated.py [--per-kind N] [--seed S] [-v] [--kind NAME]
      [--controls N] [--controls-only]   (controls at scale: --controls-only --controls 1500)
"""

from __future__ import annotations

import argparse
import html.entities
import random
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# --- decoders as the software that misread the bytes behaves ---------------------------------


def cp1252_browser(data: bytes) -> str:
    """Decode as cp1252 the way browsers do: the five undefined bytes become C1 controls."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def cp936(data: bytes) -> str:
    """GBK as Windows code page 936 reads it, strictly: 0x80 is the euro sign."""
    return data.decode("gb18030").replace("\x80", "€")


def windows_gbk(data: bytes, mark: str = "\ufffd") -> str:
    """GBK read leniently: a byte that starts no valid character (a lead byte before an ASCII
    byte, at the end of a line) becomes ``mark``; the ASCII byte after it survives."""
    try:
        return cp936(data)
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace").replace("\x80", "€").replace("\ufffd", mark)


def out_of_step(text: str, at: int = 0) -> str:
    """GBK decoded one byte out of step from character ``at`` on: the lead byte there is lost
    (shown as ?), every later pair is read shifted, and the last dangling byte is lost.
    Raises UnicodeError when the shifted bytes do not decode."""
    data = text.encode("gbk")
    cut = len(text[:at].encode("gbk"))
    if cut >= len(data) - 2 or data[cut] < 0x80:
        raise UnicodeError("no double-byte character to start from")
    return text[:at] + "?" + data[cut + 1 : -1].decode("gb18030")


# --- lossless kinds: str -> damaged str; UnicodeError when the bytes cannot go through -------

NAMED_ENTITY = {chr(code): f"&{name};" for code, name in html.entities.codepoint2name.items()
                if code > 0x7F or chr(code) in "&<>\""}


def named_entities(text: str) -> str:
    """Every character that has an HTML 4 name, written as the named reference."""
    damaged = "".join(NAMED_ENTITY.get(ch, ch) for ch in text)
    if damaged == text:
        raise UnicodeError("no character with a named reference")
    return damaged


def numeric_entities(text: str) -> str:
    """Every non-ASCII character as a numeric reference, decimal and hex in turn."""
    out = []
    for i, ch in enumerate(text):
        out.append(ch if ch < "\x80" else f"&#{ord(ch)};" if i % 2 else f"&#x{ord(ch):X};")
    return "".join(out)


LOSSLESS: dict[str, Callable[[str], str]] = {
    "utf8-as-gbk": lambda t: cp936(t.encode("utf-8")),
    "utf8-as-gb18030": lambda t: t.encode("utf-8").decode("gb18030"),
    "utf8-as-big5": lambda t: t.encode("utf-8").decode("big5hkscs"),
    "utf8-as-cp1252": lambda t: cp1252_browser(t.encode("utf-8")),
    "utf8-as-latin1": lambda t: t.encode("utf-8").decode("latin-1"),
    "utf8-twice": lambda t: cp1252_browser(cp1252_browser(t.encode("utf-8")).encode("utf-8")),
    "utf8-twice-latin1": lambda t: t.encode("utf-8").decode("latin-1").encode("utf-8").decode("latin-1"),
    "gbk-as-big5": lambda t: t.encode("gbk").decode("big5hkscs"),
    "big5-as-gbk": lambda t: t.encode("big5").decode("gbk"),  # on Traditional text
    # The same swaps through the other decoders of each pair: Windows' and Python's plain Big5
    # read C6A1-C8FE otherwise than Big5-HKSCS; GB18030 reads GBK's user-defined pairs (where
    # Big5 has its commonest characters) as private use characters.
    "gbk-as-big5-cp950": lambda t: t.encode("gbk").decode("cp950"),
    "gbk-as-big5-plain": lambda t: t.encode("gbk").decode("big5"),
    "big5-as-gb18030": lambda t: t.encode("big5").decode("gb18030"),  # on Traditional text
    "entities-numeric": numeric_entities,
    "entities-named": named_entities,
}

# --- lossy kinds: (str, random) -> (damaged, expected) ----------------------------------------

LOST_MARKS = ("?", "\ufffd", "\ue5e5")  # ?, the replacement character, a Windows private-use one


def _lost_byte(mark: str) -> Callable[[str, random.Random], tuple[str, str]]:
    def damage(text: str, rng: random.Random) -> tuple[str, str]:
        damaged = windows_gbk(text.encode("utf-8"), mark)
        if mark not in damaged:
            raise UnicodeError("no byte lost")
        return damaged, text
    return damage


def python_gbk_replace(text: str, rng: random.Random) -> tuple[str, str]:
    """UTF-8 read by Python's ``.decode("gbk", errors="replace")``: every byte that starts no
    GBK character (0x80, a lead byte before an invalid trail) becomes U+FFFD, the next byte
    is read afresh. Far more bytes are lost than by Windows' decoder (one every few characters)."""
    damaged = text.encode("utf-8").decode("gbk", errors="replace")
    if "\ufffd" not in damaged:
        raise UnicodeError("no byte lost")
    return damaged, text


def _replaced(source: str, decoder: str) -> Callable[[str, random.Random], tuple[str, str]]:
    """Text in ``source`` read by Python's ``decoder`` with errors="replace": each byte that
    starts no character it has becomes U+FFFD and the next byte is read afresh."""
    def damage(text: str, rng: random.Random) -> tuple[str, str]:
        damaged = text.encode(source).decode(decoder, errors="replace")
        if "\ufffd" not in damaged:
            raise UnicodeError("no byte lost")
        return damaged, text
    return damage


def big5_lost(text: str, rng: random.Random) -> tuple[str, str]:
    """UTF-8 read as Big5 leniently (cp950): bytes Big5 has no character for are lost."""
    damaged = text.encode("utf-8").decode("cp950", errors="replace")
    if "\ufffd" not in damaged:
        raise UnicodeError("no byte lost")
    return damaged, text


def python_gbk_ignore(text: str, rng: random.Random) -> tuple[str, str]:
    """UTF-8 read by Python's ``.decode("gbk", errors="ignore")``, common in scrapers: the bytes
    that ``errors="replace"`` marks with U+FFFD are dropped without a trace."""
    damaged = text.encode("utf-8").decode("gbk", errors="ignore")
    if damaged == text.encode("utf-8").decode("gbk", errors="replace"):
        raise UnicodeError("no byte lost")
    return damaged, text


def cp1252_dropped(text: str, rng: random.Random) -> tuple[str, str]:
    """UTF-8 read by a cp1252 decoder that drops the five bytes cp1252 has no character for
    (Python's errors="ignore"; 0x81, 0x8D, 0x8F, 0x90, 0x9D), as some tools and pages do."""
    damaged = text.encode("utf-8").decode("cp1252", errors="ignore")
    if len(damaged.encode("cp1252", errors="replace")) == len(text.encode("utf-8")):
        raise UnicodeError("no byte lost")
    return damaged, text


def out_of_step_damage(text: str, rng: random.Random) -> tuple[str, str]:
    starts = [i for i, ch in enumerate(text) if ch >= "\u3400"]
    if not starts:
        raise UnicodeError("no Han character")
    return out_of_step(text, rng.choice(starts[: max(1, len(starts) // 2)])), text


def _reading(ch: str) -> str | None:
    """The tone-marked pinyin of a character: pypinyin when it is installed, else the
    character model's readings."""
    try:
        from pypinyin import Style, pinyin
    except ImportError:
        return _model_readings().get(ch)
    syllable = pinyin(ch, style=Style.TONE, heteronym=False, errors="ignore")
    return syllable[0][0] if syllable and syllable[0] else None


_READINGS: dict[str, str] = {}


def _model_readings() -> dict[str, str]:
    """Character -> the reading it ranks highest in (the model lists characters by frequency)."""
    if not _READINGS:
        from cleantext.hanzi_model import model

        best: dict[str, tuple[int, str]] = {}
        for syllable, chars in model().readings.items():
            for rank, ch in enumerate(chars):
                if ch not in best or rank < best[ch][0]:
                    best[ch] = (rank, syllable)
        _READINGS.update({ch: syllable for ch, (_, syllable) in best.items()})
    return _READINGS


def _lost_with_pinyin(bracket: bool) -> Callable[[str, random.Random], tuple[str, str]]:
    """One or two neighbouring characters lost to a mark, their pinyin annotation kept (with or
    without its opening bracket); the expected text keeps the annotation, brackets restored."""

    def damage(text: str, rng: random.Random) -> tuple[str, str]:
        spots = [i for i in range(len(text) - 1) if "\u4e00" <= text[i] <= "\u9fff" and "\u4e00" <= text[i + 1] <= "\u9fff"]
        if not spots:
            raise UnicodeError("no two Han characters in a row")
        i = rng.choice(spots)
        n = rng.choice((1, 2))
        mark = rng.choice(LOST_MARKS)
        syllables = [_reading(ch) for ch in text[i : i + n]]
        if None in syllables:
            raise UnicodeError("no reading")
        clean = "".join(f"{ch}({s})" for ch, s in zip(text[i : i + n], syllables, strict=True))
        lost = "".join(f"{mark}{'(' if bracket else ''}{s})" for s in syllables)
        return text[:i] + lost + text[i + n :], text[:i] + clean + text[i + n :]

    return damage


LOSSY: dict[str, Callable[[str, random.Random], tuple[str, str]]] = {
    "utf8-as-gbk-lost-fffd": _lost_byte("\ufffd"),
    "utf8-as-gbk-lost-question": _lost_byte("?"),
    "utf8-as-gbk-python-replace": python_gbk_replace,
    "utf8-as-cp1252-dropped": cp1252_dropped,
    "utf8-as-gbk-python-ignore": python_gbk_ignore,
    "utf8-as-big5-lost": big5_lost,
    "gbk-as-big5-python-replace": _replaced("gbk", "big5"),
    "big5-as-gbk-python-replace": _replaced("big5", "gbk"),  # on Traditional text
    "gbk-out-of-step": out_of_step_damage,
    "lost-char-pinyin": _lost_with_pinyin(bracket=True),
    "lost-char-pinyin-no-bracket": _lost_with_pinyin(bracket=False),
    # Kinds added later go last: the generator draws documents kind by kind, so one added in
    # between would change the documents of every kind after it.
    "utf8-as-cp1252-python-replace": _replaced("utf-8", "cp1252"),
}
TRADITIONAL_KINDS = {"big5-as-gbk", "big5-as-gb18030", "big5-as-gbk-python-replace"}
# Kinds outside the targets, and why: the bytes do not allow them.
NOT_RECOVERABLE = {
    "utf8-as-big5": "UTF-8 goes through a strict Big5 decode only by chance (a few documents); each one counts",
    "utf8-as-big5-lost": "Big5 has no character for most UTF-8 byte pairs: about one byte in two is lost, "
                         "each with 64 candidates, so most characters are guesses",
}


# --- clean texts ------------------------------------------------------------------------------


def _lines(path: Path) -> list[str]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("?? "):
            line = line[3:]
        if line:
            out.append(line)
    return out


def _han_share(line: str) -> float:
    han = sum(1 for ch in line if "\u3400" <= ch <= "\u9fff")
    return han / max(1, sum(1 for ch in line if not ch.isspace()))


# A tag in a line (a page about HTML quotes <li>): text with markup is read as a page, whose
# entities the HTML parser decodes and repair leaves alone, so it is no plain text to start from.
MARKUP_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def _has_damage(line: str) -> bool:
    """Does the line hold a character only damage leaves (C1 controls, private use, U+FFFD), or
    letters of other scripts glued to Han characters as a wrong decode leaves them (炯醚г旱诙,
    cleaneval's GBK read out of step)? Some sources have them; such a line is no clean text to
    start from, and its expected output would be the damage."""
    from cleantext.hanzi_model import is_damage
    from cleantext.mojibake import LETTER_BESIDE_HAN

    return any(map(is_damage, line)) or LETTER_BESIDE_HAN.search(line) is not None


# Real Traditional text, decoded with the label of its folder or name: Big5 blog feeds and
# samples, and EUC-TW samples (cleantext.euc_tw registers the codec). Markup is stripped.
TRADITIONAL_SOURCES = (
    ("external/chardet-tests/Big5/*", "big5"),
    ("external/char-dataset-zh/big5/*", "big5"),
    ("external/chardet-tests/EUC-TW/*", "euc-tw"),
    ("external/uchardet-zh/zh/euc-tw.txt", "euc-tw"),
)
# The US constitution, converted from Simplified by OpenCC: a second, converted source.
CONVERTED_TRADITIONAL = tuple(f"external/opencc-testcases/golden/output/us_constitution_zhs.{cfg}.txt"
                              for cfg in ("s2t", "s2tw", "s2hk"))
# Where markup ends a line of text: feeds carry their posts as (often escaped) HTML.
BLOCK_MARKUP = re.compile(r"(?i)<br\s*/?>|</?(?:p|div|li|h\d|tr|td|blockquote|title|tagline|content|summary|"
                          r"description|entry|item)\b[^>]*>")
# A question mark between two Han characters stands for a character lost before the text was
# stored (以CNS 11643字表?基?): no clean text. One after a sentence (嗎? 沒事) is kept.
LOST_IN_SOURCE = re.compile("[\u3400-\u9fff]\\?[\u3400-\u9fff]")


def _markup_lines(text: str) -> list[str]:
    """The lines of text in a feed or page: block tags end lines; escaped markup is parsed again."""
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
    for _ in range(3):  # a feed's escaped post holds markup once more
        text = BeautifulSoup(BLOCK_MARKUP.sub("\n", text), "html.parser").get_text()
        if "<" not in text:
            break
    # Escaped twice, some characters are still references (&#038; is &): text, not damage.
    return html.unescape(text).splitlines()


def _clean_lines(lines: list[str], seen: set[str]) -> list[str]:
    """The lines that are clean, mostly Chinese prose, each once (feeds repeat titles)."""
    out = []
    for raw in lines:
        line = raw.strip()
        if line.startswith("?? "):
            line = line[3:]
        if not 6 <= len(line) <= 400 or _han_share(line) < 0.4 or _has_damage(line) or line in seen \
                or LOST_IN_SOURCE.search(line):
            continue
        seen.add(line)
        out.append(line)
    return out


def traditional_documents(shared: Path = SHARED) -> list[list[str]]:
    """Traditional documents: the real text of TRADITIONAL_SOURCES, then the converted
    CONVERTED_TRADITIONAL; without ../shared, the Traditional sample's input."""
    import cleantext.euc_tw  # noqa: F401  (registers the euc-tw codec)

    seen: set[str] = set()
    documents = []
    if not shared.exists():
        paths = [(path, "utf-8") for path in sorted((ROOT / "samples").glob("traditional*.input.txt"))]
    else:
        paths = [(path, codec) for pattern, codec in TRADITIONAL_SOURCES for path in sorted(shared.glob(pattern))]
        paths += [(shared / name, "utf-8") for name in CONVERTED_TRADITIONAL]
    for path, codec in paths:
        if not path.is_file():
            continue
        text = path.read_bytes().decode(codec)
        lines = _markup_lines(text) if path.suffix in (".xml", ".html") else text.splitlines()
        kept = _clean_lines(lines, seen)
        if kept:
            documents.append(kept)
    return documents


def clean_documents(shared: Path = SHARED) -> tuple[list[list[str]], list[list[str]]]:
    """(Simplified documents, Traditional documents): lists of clean, mostly Chinese lines."""
    simplified: list[list[str]] = []
    if shared.exists():
        sources = sorted(shared.glob("eval/*/*/gold.txt"))
        sources += sorted(shared.glob("external/zh-web-content-extraction/cleaned/*.txt"))
        sources += sorted(shared.glob("external/newspaper4k-zh/txt/*.txt"))
        sources += sorted(shared.glob("external/opencc-testcases/golden/input/*.txt"))
    else:
        sources = sorted((ROOT / "samples").glob("*.expected.txt"))  # all Simplified (clean's output)
    for path in sources:
        lines = [line for line in _lines(path)
                 if 6 <= len(line) <= 400 and _han_share(line) >= 0.4 and not _has_damage(line)
                 and not MARKUP_TAG.search(line)]
        if lines:
            simplified.append(lines)
    return simplified, traditional_documents(shared)


def _pick_document(rng: random.Random, sources: list[list[str]]) -> list[str]:
    lines = rng.choice(sources)
    size = rng.randint(1, 6)
    start = rng.randrange(max(1, len(lines) - size + 1))
    return lines[start : start + size]


CLAUSE_END = "，。；：！？、 ,.;:!?"


def _clause(line: str, rng: random.Random) -> tuple[int, int]:
    """A clause of ``line``: between two punctuation marks, at least two characters."""
    cuts = [0] + [i + 1 for i, ch in enumerate(line) if ch in CLAUSE_END] + [len(line)]
    spans = [(a, b - 1 if line[b - 1] in CLAUSE_END else b) for a, b in zip(cuts, cuts[1:], strict=False)]
    spans = [(a, b) for a, b in spans if b - a >= 2 and any(ch >= "\u3400" for ch in line[a:b])]
    if not spans:
        raise UnicodeError("no clause")
    return rng.choice(spans)


@dataclass
class Case:
    kind: str
    scope: str  # doc, line or run
    damaged: str
    expected: str


def damage_document(lines: list[str], kind: str, scope: str, rng: random.Random) -> Case:
    """Damage a document with one kind in one scope; UnicodeError when it cannot be done."""
    lossy = kind in LOSSY

    def damage(text: str) -> tuple[str, str]:
        return LOSSY[kind](text, rng) if lossy else (LOSSLESS[kind](text), text)

    if scope == "doc":
        damaged, expected = damage("\n".join(lines))
        if damaged == expected:
            raise UnicodeError("nothing changed")
        return Case(kind, scope, damaged, expected)
    i = rng.randrange(len(lines))
    line = lines[i]
    if scope == "line":
        new, clean = damage(line)
    else:
        a, b = _clause(line, rng)
        run, clean_run = damage(line[a:b])
        new, clean = line[:a] + run + line[b:], line[:a] + clean_run + line[b:]
    if new == clean:
        raise UnicodeError("nothing changed")
    return Case(kind, scope, "\n".join([*lines[:i], new, *lines[i + 1 :]]),
                "\n".join([*lines[:i], clean, *lines[i + 1 :]]))


def generate(per_kind: int, seed: int, shared: Path = SHARED, kinds: list[str] | None = None) -> list[Case]:
    """``per_kind`` documents for every kind and scope (fewer where the damage is rarely possible)."""
    rng = random.Random(seed)
    simplified, traditional = clean_documents(shared)
    cases = []
    for kind in kinds or [*LOSSLESS, *LOSSY]:
        sources = traditional if kind in TRADITIONAL_KINDS else simplified
        if not sources:
            continue
        for scope in ("doc", "line", "run"):
            made = 0
            for _ in range(per_kind * 20):  # lossless damage is not always possible: try others
                try:
                    cases.append(damage_document(_pick_document(rng, sources), kind, scope, rng))
                except UnicodeError:
                    continue
                made += 1
                if made == per_kind:
                    break
    return cases


# --- clean controls ---------------------------------------------------------------------------

TALK_ABOUT_MOJIBAKE = [
    "乱码常见的样子有“锟斤拷”和“烫烫烫”，前者来自替换字符的重复编码。",
    "锟斤拷", "烫烫烫烫烫", "屯屯屯屯", "手持两把锟斤拷，口中疾呼烫烫烫。",
    "VC 调试时未初始化的栈内存显示为“烫”，堆内存显示为“屯”。",
]
SYMBOLS = [
    "★重要通知★ ◎ ① ② ③ ──┬── ╯▽╰", "※ 注意事项 ※", "■□▲△◆◇○●", "→ ← ↑ ↓ ⇒ ∞ ≈ ≠ ≤ ≥",
    "価格は１０００円です。ありがとうございます。", "Ｗｉｎｄｏｗｓ １０ 系统", "价格：€15，温度：25°C，尺寸 3×4 cm。",
    "α β γ δ — 希腊字母", "Москва 莫斯科", "㊣ ㈱ ㎡ ℃ ℉ № ™", "面积120㎡的房子，重5㎏，排量1600㏄，长3㎝。", "进度：▁▂▃▄▅▆▇ 完成", "信号▂▄▆ 很好",
]
# Japanese mixes kana with Han characters as Big5 read as GBK does (對所有 reads 癸┮Τ).
JAPANESE = [
    "池端さんは毎朝六時に起きて、駅まで歩いて行きます。", "かぐや姫の昇天は、竹取物語の最後の場面です。",
    "東京都の人口は約千四百万人で、日本で最も多い。", "この本は図書館で借りることができます。",
    "彼女はピアノを弾きながら歌を歌った。", "来週の会議は水曜日の午後三時から始まります。",
    "日本語を勉強している学生が増えています。", "山田先生の研究室はこの建物の三階にあります。",
]
MIXED_LATIN = [
    "Café crème, naïve résumé, Müller, São Paulo.", "他在 Zürich 读书，导师是 François Müller。",
    "Ça va? Très bien. 很好。", "Straße 与 façade 都是外来词。", "Ångström 单位 Å，Œuvre 作品。",
]
RARE_NAMES = ["王喆", "朱镕基", "李堃", "张珺", "刘昳", "陈玥", "赵翀", "周昉", "吴旻", "郑璟", "孙兟", "钱垚",
              "马骉", "胡淼", "林犇", "何焱", "高鑫", "罗芃", "梁翯", "宋彧"]
# Letters of other scripts that clean Chinese web text writes beside Han characters: の for 的
# in Taiwanese blogs, Greek letters of science (α粒子), kaomoji, box drawing of text art.
LETTERS_IN_TEXT = ["の", "α", "β", "γ", "δ", "Ω", "μ", "π", "Σ", "λ", "σ(´∀`)", "(´・ω・`)", "ヽ(✿ﾟ▽ﾟ)ノ",
                   "(＾ω＾)", "〆", "ヾ", "ノ", "─", "│", "━━", "ε=ε=", "д", "Ф", "ω", "ㄟ", "〒", "ゞ"]
LIST_SEPARATORS = [";", " ; ", " ", ", ", "/", " | ", "、", "digits"]
SHORT_RARE = ["亠亠", "丨丨", "丶丶", "乂乂", "亻亻", "冫冫", "氵氵", "犭犭", "灬灬", "彳亍", "丿丿", "亅亅",
              "兀兀", "卍卍", "囗囗", "夂夂", "宀宀", "廾廾", "弋弋", "彡彡"]


def _rare_in_lines(rng: random.Random, documents: list[list[str]], pool: list[str], count: int,
                   quotes: str, length: tuple[int, int] = (1, 3)) -> list[str]:
    """``count`` lines of ``documents``, each with a word of ``length`` (fewest, most)
    characters of ``pool`` put in, alone or in brackets, quotes (the script's own) or spaces."""
    lines = []
    for _ in range(count):
        line = rng.choice(rng.choice(documents))
        word = "".join(rng.choice(pool) for _ in range(rng.randint(*length)))
        at = rng.randrange(len(line) + 1)
        lines.append(line[:at] + rng.choice(("（", " ", quotes[0], "")) + word + rng.choice(("）", " ", quotes[1], ""))
                     + line[at:])
    return lines


def control_texts(seed: int, count: int, shared: Path = SHARED) -> dict[str, list[str]]:
    """Clean text by family: every one must come through repair unchanged."""
    rng = random.Random(seed)
    simplified, traditional = clean_documents(shared)
    out: dict[str, list[str]] = {}
    out["clean"] = ["\n".join(_pick_document(rng, simplified)) for _ in range(count)] if simplified else []
    out["traditional"] = ["\n".join(_pick_document(rng, traditional)) for _ in range(count)] if traditional else []
    # Unihan Extension A and B characters (and the basic block's rarest), alone and in lines.
    ext_a = [chr(c) for c in range(0x3400, 0x4DC0)]
    ext_b = [chr(c) for c in range(0x20000, 0x2A6E0)]
    basic = [chr(c) for c in range(0x4E00, 0x9FA6)]
    rare = []
    for _ in range(count):
        pool = rng.choice((ext_a, ext_b, basic, ext_a + basic))
        rare.append("".join(rng.choice(pool) for _ in range(rng.randint(1, 12))))
    out["rare-chars"] = rare
    short = []
    for _ in range(count):
        ch = rng.choice(basic + ext_a)
        short.append(ch * rng.randint(2, 3) if rng.random() < 0.5 else ch + rng.choice(basic))
    out["short-rare-runs"] = SHORT_RARE + short
    names = [f"{rng.choice(RARE_NAMES)}同志今年{rng.randint(20, 70)}岁，在{rng.choice(RARE_NAMES)}的帮助下完成了工作。"
             for _ in range(count)]
    out["rare-names"] = names
    if simplified:  # rare characters inside real lines, separated by spaces and punctuation
        out["rare-in-lines"] = _rare_in_lines(rng, simplified, basic, count, "“”")
    if traditional:  # the same in Traditional lines, where damage shows by the other script's forms
        out["rare-in-traditional-lines"] = _rare_in_lines(rng, traditional, basic, count, "「」")
    if simplified:  # icon fonts put private use characters into page text (\ue600 首页)
        icons = [*range(0xE000, 0xE766), *range(0xF000, 0xF8FF)]
        pages = []
        for _ in range(count):
            line = rng.choice(rng.choice(simplified))
            at = rng.choice((0, rng.randrange(len(line) + 1), len(line)))
            icon = chr(rng.choice(icons))
            pages.append(line[:at] + icon + rng.choice(("", " ")) + line[at:])
        out["icon-font-chars"] = pages
    if traditional and simplified:  # letters of other scripts beside Han characters, either script
        lettered = []
        for _ in range(count):
            line = rng.choice(rng.choice(rng.choice((traditional, simplified))))
            at = rng.randrange(len(line) + 1)
            lettered.append(line[:at] + rng.choice(LETTERS_IN_TEXT) + line[at:])
        out["letters-in-lines"] = lettered
    if traditional and simplified:  # the same in one line of a whole document: a short line's
        documents = []           # script is the rest of the document's
        for _ in range(count):
            lines = list(rng.choice(rng.choice((traditional, simplified))))
            i = rng.randrange(len(lines))
            lines[i] = _rare_in_lines(rng, [[lines[i]]], basic, 1, "“”")[0]
            documents.append("\n".join(lines))
        out["rare-in-documents"] = documents
    if traditional and simplified:  # lists of names between ASCII marks, spaces and digits,
        lists = []                  # one of them maybe random characters, after a line of either script
        for _ in range(count):
            items = [rng.choice(RARE_NAMES) for _ in range(rng.randint(2, 5))]
            if rng.random() < 0.5:
                items[rng.randrange(len(items))] = "".join(rng.choice(basic) for _ in range(rng.randint(1, 3)))
            separator = rng.choice(LIST_SEPARATORS)
            joined = separator.join(items) if separator != "digits" else \
                "".join(f"{item}{rng.randint(0, 99)}" for item in items)
            line = rng.choice(rng.choice(rng.choice((traditional, simplified))))
            lists.append(rng.choice((line + "\n", "", line[: rng.randrange(len(line) + 1)] + "：")) + joined)
        out["rare-lists"] = lists
    if simplified:  # a random character right after a digit, in a whole document that writes
        numbered = [d for d in simplified if any(re.search("[0-9]", line) for line in d)]  # numbers
        after_digits = []
        for _ in range(count if numbered else 0):
            lines = list(rng.choice(numbered))
            i = rng.choice([k for k, line in enumerate(lines) if re.search("[0-9]", line)])
            at = rng.choice([m.end() for m in re.finditer("[0-9]", lines[i])])
            lines[i] = lines[i][:at] + rng.choice(basic) + lines[i][at:]
            after_digits.append("\n".join(lines))
        out["chars-after-digits"] = after_digits
    if traditional and simplified:  # longer words of rare characters, four to six, in lines of either script
        out["rare-words-in-lines"] = [*_rare_in_lines(rng, traditional, basic, count // 2, "「」", (4, 6)),
                                      *_rare_in_lines(rng, simplified, basic, count - count // 2, "“”", (4, 6))]
    out["about-mojibake"] = TALK_ABOUT_MOJIBAKE
    out["symbols"] = SYMBOLS
    out["mixed-latin"] = MIXED_LATIN
    out["japanese"] = JAPANESE
    return out


# --- scoring as ../shared/eval/score.py does --------------------------------------------------


def line_key(line: str) -> str:
    return "".join(unicodedata.normalize("NFKC", line).split())


def text_key(text: str) -> str:
    return "".join(line_key(line) for line in text.splitlines())


def fidelity_parts(output: str, expected: str) -> tuple[int, int]:
    """(edits, characters of the target), as score.py counts them for one document."""
    from rapidfuzz.distance import Levenshtein

    target = text_key(expected)
    return Levenshtein.distance(text_key(output), target), len(target)


# --- the report -------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-kind", type=int, default=40, help="documents per kind and scope")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--kind", action="append", help="only these kinds (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every failure")
    parser.add_argument("--controls", type=int, help="clean control texts per family (default 3 x --per-kind)")
    parser.add_argument("--controls-only", action="store_true", help="measure the clean controls only")
    args = parser.parse_args()
    from cleantext.repair import repair

    source = "../shared" if SHARED.exists() else "samples/*.expected.txt"
    print(f"generated set: seed {args.seed}, {args.per_kind} documents per kind and scope, texts from {source}")
    started = time.time()
    cases = [] if args.controls_only else generate(args.per_kind, args.seed, kinds=args.kind)
    print(f"{'kind':30} {'docs':>5} {'exact':>7} {'fidelity':>9}   by scope (exact doc/line/run)")
    for group, names in (("lossless", LOSSLESS), ("lossy", LOSSY)):
        for kind in names:
            rows = [c for c in cases if c.kind == kind]
            if not rows:
                continue
            exact = edits = chars = 0
            by_scope: dict[str, list[int]] = {}
            for case in rows:
                got = repair(case.damaged)
                ok = got == case.expected
                exact += ok
                e, n = fidelity_parts(got, case.expected)
                edits += e
                chars += n
                by_scope.setdefault(case.scope, []).append(ok)
                if args.verbose and not ok:
                    _show(case, got)
            scopes = " ".join(f"{sum(v)}/{len(v)}" for v in by_scope.values())
            fidelity = max(0.0, 1 - edits / max(1, chars))
            met = (100 * exact / len(rows) >= 99) if group == "lossless" else fidelity >= 0.99
            verdict = "(no target)" if kind in NOT_RECOVERABLE else "meets target" if met else "MISS"
            print(f"{group[:5]} {kind:24} {len(rows):5} {100 * exact / len(rows):6.1f}% "
                  f"{fidelity:9.4f}   {scopes:20} {verdict}")
    for kind, reason in NOT_RECOVERABLE.items():
        print(f"  no target for {kind}: {reason}")
    controls = control_texts(args.seed, args.controls or args.per_kind * 3)
    print(f"{'controls':30} {'texts':>5} {'unchanged':>9}")
    for family, texts in controls.items():
        changed = [t for t in texts if repair(t) != t]
        print(f"      {family:24} {len(texts):5} {100 * (1 - len(changed) / max(1, len(texts))):8.1f}%")
        for text in changed if args.verbose else ():
            print(f"    CHANGED {text[:80]!r} -> {repair(text)[:80]!r}")
    print(f"({time.time() - started:.1f} s)")
    return 0


def _show(case: Case, got: str) -> None:
    """The damaged, repaired and expected text of each line that differs, from a little before
    the first difference (lines split at LF only: latin-1 mojibake holds U+0085)."""
    for d, g, e in zip(case.damaged.split("\n"), got.split("\n"), case.expected.split("\n"), strict=False):
        if g != e:
            at = next((i for i, (a, b) in enumerate(zip(g, e, strict=False)) if a != b), min(len(g), len(e)))
            cut = max(0, at - 20)
            print(f"  [{case.kind}/{case.scope}] at {at}\n    damaged  {d[:120]!r}\n    got      {g[cut:cut + 100]!r}\n"
                  f"    expected {e[cut:cut + 100]!r}")
    if got.count("\n") != case.expected.count("\n"):
        print(f"  [{case.kind}/{case.scope}] line count {got.count(chr(10))} != {case.expected.count(chr(10))}")


if __name__ == "__main__":
    sys.exit(main())
