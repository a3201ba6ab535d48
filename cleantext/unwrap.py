"""Join hard-wrapped paragraphs back into one line.

Old text files and some copied pages wrap every paragraph at a fixed width, in the middle of
sentences. The evidence that a text is wrapped, all required:

- many lines end at (nearly) the same display width (a wide character counts two columns),
  and that width is wider than a line of verse;
- (almost) no line is wider than that;
- most of those full lines break in the middle of a sentence (no terminal punctuation), or the
  next line starts with a mark that may not begin a line (，。、」).

Only then is a full line joined with the next one, and never when the next line starts a new
paragraph (it is indented more than the text's continuation lines) or a list item. Poems and
lists have short or uneven lines and fail the evidence, so they stay as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from . import lazyre

# The narrowest wrap width taken for wrapping (columns; 15 Han characters). Verse lines
# (five or seven characters plus punctuation) and list items are narrower.
MIN_WRAP_COLUMNS = 30
# A line counts as full when the next line's first word would not have fitted after it,
# with this many columns of slack for kinsoku (a mark pulled back or pushed down).
SLACK_COLUMNS = 2
MIN_FULL_LINES = 3
# Wrapped text has (almost) no line wider than its wrap width; text with one paragraph per
# line has lines of every length, wider ones among them.
MAX_TOO_WIDE_SHARE = 0.1  # of the full lines
RAGGED_SHARE = 0.3  # of the full lines stopping short of the width: a word wrapper
MIN_MID_SENTENCE_SHARE = 0.5  # of the full lines

BLANKS = " \t\u3000\u00a0"  # indentation, and what a line's content is stripped of
# A line ending with one of these ends a sentence (closing quotes and brackets may follow).
SENTENCE_END = lazyre.compile(r"[。！？!?…．.；;][”’」』）)\]】》\"']*$")
# Marks that may not begin a line (Chinese line-breaking rules): a line that starts with one
# of them was broken by a wrapping tool, not by the writer.
NO_LINE_START = set("，。、；：？！）」』】》”’…,.;:!?)")
LIST_ITEM = lazyre.compile(
    r"^(?:[-*+•·●○■□◆◇▪►▶※]\s*"
    r"|\d{1,3}[.．、)）](?!\d)"
    r"|\d{1,3}\s"  # a numbered table row: 1 传统技艺 青溪竹编技艺
    r"|[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]"
    r"|[一二三四五六七八九十]{1,3}、"
    r"|[A-Za-z][.)](?=\s)"
    r"|第[一二三四五六七八九十百零〇\d]{1,4}[章节条款部分篇回卷]"
    r")"
)
LATIN_END = lazyre.compile(r"[A-Za-z0-9,.;:!?%)\]\"'’”-]$")
LATIN_START = lazyre.compile(r"^[A-Za-z0-9(\[\"'‘“]")
FIRST_WORD = lazyre.compile(r"^(?:[A-Za-z0-9_'’.-]+|.[，。、；：？！）」』】》”’…]*)")


def columns(text: str) -> int:
    """Display width: wide and full-width characters take two columns.

    >>> columns("\\u3000\\u3000中文ab")
    10
    """
    if text.isascii():
        return len(text)
    # Summing the lengths of runs of wide characters makes one object per run, not per character.
    return len(text) + sum(map(len, _wide_runs().findall(text)))


@cache
def _wide_runs() -> re.Pattern[str]:
    """Runs of wide and full-width characters (East Asian Width W or F)."""
    from . import diskcache

    # Scanning the Unicode database takes ~20 ms: the ranges are kept per Unicode version.
    key = f"wide v1 {unicodedata.unidata_version}".encode()
    return lazyre.compile_now(f"[{diskcache.load('wide_chars', key, _wide_ranges)}\U00020000-\U0003FFFD]+")


def _wide_ranges() -> str:
    ranges, start = [], None
    for cp in range(0x10000 + 1):
        wide = cp < 0x10000 and unicodedata.east_asian_width(chr(cp)) in "WF" and not 0xD800 <= cp < 0xE000
        if wide and start is None:
            start = cp
        elif not wide and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(cp - 1))}")
            start = None
    # Outside the BMP: the ideographic planes 2 and 3 (and the emoji of plane 1, which are
    # rare in wrapped text and do not matter for the widths compared here) are added by the caller.
    return "".join(ranges)


def _indent(line: str) -> int:
    # The width of the leading blanks (str.lstrip, not a regex match: most lines have none).
    if not line or line[0] not in BLANKS:
        return 0
    return columns(line[: len(line) - len(line.lstrip(BLANKS))])


def _content(line: str) -> str:
    return line.strip(BLANKS)


class Wrap(NamedTuple):
    """The wrap width of a text's content (indentation aside) and its continuation indent."""

    width: int
    base_indent: int
    # Word-wrapped (lines stop short where the next word did not fit) rather than cut at the
    # last column between any two characters: every Latin-Latin break was a space.
    ragged: bool = False


def _fills(used: int, form: str, next_form: str, width: int) -> bool:
    """Whether a line of ``used`` columns ending like ``form`` is full: the next line's
    first word would not have fitted after it."""
    word = FIRST_WORD.match(next_form).group() if next_form else ""
    gap = 1 if LATIN_END.search(form) and LATIN_START.search(word) else 0
    return width - SLACK_COLUMNS < used + gap + columns(word)


def _breaks_mid_sentence(form: str, next_form: str) -> bool:
    return not SENTENCE_END.search(form) or next_form[:1] in NO_LINE_START


def _pairs(forms: list[str]) -> list[int]:
    """Indexes of lines followed by a non-blank line."""
    return [i for i in range(len(forms) - 1) if forms[i] and forms[i + 1]]


def _wrap_width(widths: list[int]) -> int:
    """The widest width that at least MIN_FULL_LINES lines reach within the slack."""
    widths = sorted(widths, reverse=True)
    # widths[k:] are at most w = widths[k], largest first: MIN_FULL_LINES of them are near w
    # when the MIN_FULL_LINES-th is.
    for k in range(len(widths) - MIN_FULL_LINES + 1):
        if widths[k + MIN_FULL_LINES - 1] >= widths[k] - SLACK_COLUMNS - 1:
            return widths[k]
    return 0


def _measure(lines: list[str], forms: list[str], indents: list[int] | None,
             known: tuple[list[str], list[int]] | None = None) -> tuple[list[str], list[int]]:
    """Each line's content and its width; with ``indents`` (each line's indentation), its
    indentation beyond the text's least indentation counts too (the first line of an indented
    paragraph fills the width). ``known``: contents and their widths measured before, taken
    again for the lines whose content is the same."""
    forms = [form.strip(BLANKS) for form in forms]  # _content, without a call per line
    if known is None:
        sizes = [columns(form) for form in forms]
    else:
        sizes = [size if form == known_form else columns(form)
                 for form, known_form, size in zip(forms, *known, strict=True)]
    if indents is None:
        return forms, sizes
    least = min((indent for line, indent in zip(lines, indents, strict=True) if line.strip()), default=0)
    widths = [size + (indent - least if form else 0) for indent, form, size in zip(indents, forms, sizes, strict=True)]
    return forms, widths


def _detect(indents: list[int], forms: list[str], widths: list[int]) -> Wrap | None:
    """The wrap seen in ``forms`` (each line's content) of ``widths`` columns, or None."""
    pairs = _pairs(forms)
    width = _wrap_width([widths[i] for i in pairs])
    if width < MIN_WRAP_COLUMNS:
        return None
    # A line before a list item is no evidence: list items start on their own line anyway.
    full = [i for i in pairs
            if widths[i] <= width + SLACK_COLUMNS and _fills(widths[i], forms[i], forms[i + 1], width)
            and not LIST_ITEM.match(forms[i + 1])]
    too_wide = [w for w in widths if w > width + SLACK_COLUMNS]
    if len(full) < MIN_FULL_LINES or len(too_wide) > MAX_TOO_WIDE_SHARE * len(full):
        return None
    mid = [i for i in full if _breaks_mid_sentence(forms[i], forms[i + 1])]
    if len(mid) < MIN_MID_SENTENCE_SHARE * len(full):
        return None
    base = min(indents[i + 1] for i in full)
    short = [i for i in full if widths[i] < width - SLACK_COLUMNS]
    return Wrap(width, base, ragged=len(short) >= RAGGED_SHARE * len(full))


def detect_wrap(text: str) -> Wrap | None:
    """The text's wrap, or None when the evidence for hard wrapping is not there.

    >>> detect_wrap("床前明月光\\n疑是地上霜\\n举头望明月\\n低头思故乡\\n") is None
    True
    """
    lines = text.split("\n")
    indents = [_indent(line) for line in lines]
    return _detect(indents, *_measure(lines, lines, indents))


def _joins(i: int, indents: list[int], forms: list[str], widths: list[int], wrap: Wrap,
           indents_paragraphs: bool) -> bool:
    form, next_form = forms[i], forms[i + 1]
    if not form or not next_form or widths[i] > wrap.width + SLACK_COLUMNS:
        return False
    if not _fills(widths[i], form, next_form, wrap.width):
        return False
    if indents[i + 1] > wrap.base_indent:
        return False  # a new paragraph starts
    if indents_paragraphs:
        return True  # paragraphs and list items are indented: this line continues one
    # Without indentation to mark paragraphs, a list item or a full line that ends a sentence
    # may start or end a paragraph: keep the break.
    return not LIST_ITEM.match(next_form) and _breaks_mid_sentence(form, next_form)


def _glue(joined: str, previous: str, line: str, wrap: Wrap) -> str:
    """Append wrapped ``line`` to ``joined`` (which ends with the original ``previous`` line).

    Chinese is wrapped between any two characters: no space. Between Latin words the break
    was a space when the wrapper left it at the line end, or when the text is word-wrapped;
    a character wrapper cuts words (and URLs) at the last column.
    """
    joined, line = joined.rstrip(), line.lstrip(" \t\u3000\u00a0")
    latin_pair = bool(LATIN_END.search(joined) and LATIN_START.search(line))
    spaced = previous != previous.rstrip() or wrap.ragged
    return joined + (" " if latin_pair and spaced else "") + line


# A wrap width of MIN_WRAP_COLUMNS needs MIN_FULL_LINES lines within this many columns of it.
_NEAR_WRAP_COLUMNS = MIN_WRAP_COLUMNS - SLACK_COLUMNS - 1


def may_be_wrapped(lines: list[str]) -> bool:
    """A cheap necessary condition for :func:`_detect` to find a wrap, in the lines as they are
    or as ``settled`` leaves them: MIN_FULL_LINES lines, each followed by a non-blank line, that
    could be near a wrap width of MIN_WRAP_COLUMNS. A line takes at most two columns a
    character, indentation included, and settling never makes a line longer or a blank line
    non-blank. Most texts fail it: paragraphs apart or short lines (menus, verse).

    >>> may_be_wrapped(["床前明月光", "疑是地上霜", "举头望明月", "低头思故乡"])
    False
    """
    found = 0
    for line, next_line in zip(lines, lines[1:], strict=False):
        if 2 * len(line) >= _NEAR_WRAP_COLUMNS and _content(next_line) and _content(line):
            found += 1
            if found >= MIN_FULL_LINES:
                return True
    return False


def join_hard_wraps(text: str, settled: Callable[[str], str] | None = None) -> str:
    """Join the lines of hard-wrapped paragraphs; poems, lists and normal text stay.

    The evidence is looked for in the lines as they are (indentation included), and (when
    ``settled`` is given) in the lines as the later normalize rules will leave them (never
    longer than the line), without indentation (ＡＢ and , change width there). Taking either
    keeps normalize idempotent: the next time, the lines as they are *are* the settled lines,
    so a text left unjoined shows no evidence then either. When a wrap is found, the paragraphs that remain are separated by a
    blank line (blank lines carry no meaning), so that nothing is left to join the next time.

    >>> wrapped = ("\\u3000\\u3000外婆家的厨房角落，总是放着几个大大小小的酱菜坛。\\n"
    ...            "坛子是陶土烧的，外面上了一层深褐色的釉，摸起来凉凉的\\n"
    ...            "、滑滑的。小时候我最喜欢趴在坛子边，闻那股咸咸酸酸的\\n"
    ...            "味道。\\n"
    ...            "\\u3000\\u3000每年冬天，外婆都会挑一个晴朗的日子晒菜。她把芥菜\\n"
    ...            "一棵棵洗净，挂在竹竿上晾晒，等叶子变软了，再一层菜、\\n"
    ...            "一层盐地铺进坛子里，用力压紧。最后压上一块洗得干干净\\n"
    ...            "净的石头。\\n")
    >>> print(join_hard_wraps(wrapped))
    　　外婆家的厨房角落，总是放着几个大大小小的酱菜坛。坛子是陶土烧的，外面上了一层深褐色的釉，摸起来凉凉的、滑滑的。小时候我最喜欢趴在坛子边，闻那股咸咸酸酸的味道。
    <BLANKLINE>
    　　每年冬天，外婆都会挑一个晴朗的日子晒菜。她把芥菜一棵棵洗净，挂在竹竿上晾晒，等叶子变软了，再一层菜、一层盐地铺进坛子里，用力压紧。最后压上一块洗得干干净净的石头。
    <BLANKLINE>
    """
    lines = text.split("\n")
    if not may_be_wrapped(lines):
        return text

    indents = [_indent(line) for line in lines]

    def measures():
        contents = _measure(lines, lines, None)  # most lines settle to their content
        yield _measure(lines, lines, indents, contents)
        if settled is not None:
            yield _measure(lines, [settled(line).strip() for line in lines], None, contents)

    for forms, widths in measures():
        wrap = _detect(indents, forms, widths)
        if wrap is not None:
            break
    else:
        return text
    indents_paragraphs = any(indent > wrap.base_indent for line, indent in zip(lines, indents, strict=True)
                             if line.strip())
    out = [lines[0]]
    for i in range(len(lines) - 1):
        if _joins(i, indents, forms, widths, wrap, indents_paragraphs):
            out[-1] = _glue(out[-1], lines[i], lines[i + 1], wrap)
        else:
            out.append(lines[i + 1])
    # One blank line between the paragraphs that remain.
    return "\n\n".join(line for line in out if line.strip()) + ("\n" if text.endswith("\n") else "")
