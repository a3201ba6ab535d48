"""normalize: line ends, invisible characters, hard wraps, white space, width and punctuation.

The last step of ``clean``: it sees Simplified text whose lines are already chosen, and writes
it the way ``CASES.md`` specifies. Each rule is a small pure ``str -> str`` function registered
in :data:`RULES`, in the order they run; a rule tied to an option runs only when it is set.
NFC only, never NFKC: NFKC would flatten Chinese punctuation to ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from . import lazyre, unwrap
from .options import Option
from .punctuation import (
    HALF_WIDTH_SOURCES,
    PUNCTUATION_SOURCES,
    SYMBOLS_INSIDE_RUNS,
    chinese_punctuation,
    curly_quotes,
    half_width_letters,
    half_width_symbols,
)

OPTIONS: tuple[Option, ...] = (
    Option(
        "curly_quotes",
        'Turn a straight-quote pair around Chinese text ("你好") into “你好”.',
        default=False,
        kind="flag",
    ),
)

BLANKS = " \t\u3000\u00a0"  # what trim_lines and collapse_spaces act on
LINE_ENDS = lazyre.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
LINE_END_CHARS = "\r\u2028\u2029\x85\x0b\x0c"  # one of them starts every match of LINE_ENDS
# Zero-width characters, an inner BOM, soft hyphen, and C0/C1 controls other than \t and \n.
INVISIBLE = lazyre.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
INNER_SPACE = lazyre.compile(r"[ \t\u00a0\u3000]+")
BLANK_RUN = lazyre.compile(r"\n{3,}")


def unify_line_ends(text: str) -> str:
    """CRLF, CR and Unicode line separators become LF.

    >>> unify_line_ends("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    # `in` finds a character much faster than a regex can: most texts have none of them.
    if not any(ch in text for ch in LINE_END_CHARS):
        return text
    return LINE_ENDS.sub("\n", text)


def remove_invisible(text: str) -> str:
    """Remove zero-width and control characters (tab and newline stay).

    >>> remove_invisible("中\\u200b文\\x07")
    '中文'
    """
    return INVISIBLE.sub("", text)


def compose(text: str) -> str:
    """Unicode NFC (never NFKC, which would flatten Chinese punctuation).

    >>> compose("e\\u0301") == "\\u00e9"
    True
    """
    return unicodedata.normalize("NFC", text)


def trim_lines(text: str) -> str:
    """Remove leading and trailing blanks (space, tab, U+3000, NBSP) of every line.

    >>> trim_lines("\\u3000\\u3000正文  \\n  下一行")
    '正文\\n下一行'
    """
    # As re.sub(r"^[BLANKS]+|[BLANKS]+$", "", text, flags=re.M), ten times faster.
    return "\n".join(line.strip(BLANKS) for line in text.split("\n"))


# Glyphs that point at a photo from its caption ("▲ 下午四点…"); CASES.md drops them.
CAPTION_POINTERS = "▲▼△▽"
CAPTION_POINTER = lazyre.compile(f"^[ \t\u3000\u00a0]*(?:[{CAPTION_POINTERS}][ \t\u3000\u00a0]*)+", re.M)


def drop_caption_pointers(text: str) -> str:
    """A pointer glyph at the start of a line (a photo caption's ▲ or ▼) goes.

    >>> drop_caption_pointers("▲ 下午四点，志愿者在分拣物资。\\n▼周宁 摄")
    '下午四点，志愿者在分拣物资。\\n周宁 摄'
    """
    if not any(ch in text for ch in CAPTION_POINTERS):
        return text
    return CAPTION_POINTER.sub("", text)


def collapse_spaces(text: str) -> str:
    """A run of blanks inside a line (spaces, tabs, NBSP, U+3000) becomes one space.

    >>> collapse_spaces("序号\\t类别  项目\\u00a0\\u00a0名称")
    '序号 类别 项目 名称'
    """
    return INNER_SPACE.sub(" ", text)


def collapse_blank_lines(text: str) -> str:
    """At most one blank line in a row; none at the start; exactly one newline at the end.

    >>> collapse_blank_lines("\\n\\na\\n\\n\\n\\nb\\n\\n")
    'a\\n\\nb\\n'
    """
    if "\n\n\n" in text:
        text = BLANK_RUN.sub("\n\n", text)
    text = text.strip("\n")
    return text + "\n" if text else ""


def join_hard_wraps(text: str) -> str:
    """Join hard-wrapped paragraphs back into one line each (see :mod:`cleantext.unwrap`).

    >>> join_hard_wraps("床前明月光\\n疑是地上霜\\n举头望明月\\n低头思故乡")
    '床前明月光\\n疑是地上霜\\n举头望明月\\n低头思故乡'
    """
    return unwrap.join_hard_wraps(text, settled=settle_line)


@lru_cache(maxsize=4096)
def settle_line(line: str) -> str:
    """One line as the rules after hard-wrap joining leave it (options aside).

    >>> settle_line("\\u3000\\u3000共ＡＢ１２项,见下")
    '共AB12项，见下'
    """
    rules, acted_on = _settling_rules()
    # Trimming comes first (see _settling_rules), and most lines have blanks only at their
    # edges (indentation): with those gone, the other rules often have nothing to act on.
    line = line.strip(BLANKS)
    if acted_on is not None and not acted_on.search(line):
        return line  # none of the rules has anything to act on: each leaves the line as it is
    for rule in rules:
        line = rule.function(line)
    return line


@lru_cache(maxsize=1)
def _settling_rules() -> tuple[tuple[Rule, ...], re.Pattern[str] | None]:
    """The rules settle_line runs after trimming, and a pattern of the characters at least one
    of them needs (None when a rule does not say what it acts on)."""
    start = next(i for i, rule in enumerate(RULES) if rule.function is join_hard_wraps) + 1
    # The first of them trims; settle_line does that itself (on one line, trim_lines is
    # str.strip(BLANKS)) before it looks for anything the others act on.
    if RULES[start].function is not trim_lines:
        raise AssertionError("settle_line expects trimming to follow hard-wrap joining")
    rules = tuple(rule for rule in RULES[start + 1:] if rule.option is None and rule.name != "blank-lines")
    if not all(rule.acts_on for rule in rules):
        return rules, None
    chars = sorted(set("".join(rule.acts_on for rule in rules)))
    return rules, re.compile("[" + "".join(map(re.escape, chars)) + "]")


class Rule(NamedTuple):
    """One normalize rule; ``option`` names the flag that switches it on (None: always on)."""

    name: str
    function: Callable[[str], str]
    option: str | None = None
    # Characters the rule acts on: a text with none of them comes out unchanged ("": not said).
    acts_on: str = ""


# In order. Hard wraps are joined while the indentation and the original widths are still
# there; width and punctuation come after white space, so they see the final neighbours, and
# symbols after punctuation, which may have dropped a space between two Latin/number runs.
RULES: tuple[Rule, ...] = (
    Rule("line-ends", unify_line_ends),
    Rule("invisible", remove_invisible),
    Rule("nfc", compose),
    Rule("hard-wraps", join_hard_wraps),
    Rule("trim", trim_lines, acts_on=BLANKS),
    Rule("caption-pointers", drop_caption_pointers, acts_on=CAPTION_POINTERS),
    Rule("width", half_width_letters, acts_on=HALF_WIDTH_SOURCES),
    Rule("spaces", collapse_spaces, acts_on=BLANKS),
    Rule("punctuation", chinese_punctuation, acts_on=PUNCTUATION_SOURCES),
    Rule("symbols", half_width_symbols, acts_on=SYMBOLS_INSIDE_RUNS),
    Rule("quotes", curly_quotes, option="curly_quotes"),
    Rule("blank-lines", collapse_blank_lines),
)


def normalize(text: str, curly_quotes: bool = False) -> str:
    """Normalize line ends, invisible characters, hard wraps, white space, width and punctuation.

    >>> normalize("\\u3000\\u3000第一段,共ＡＢＣ１２３项:\\r\\n\\r\\n\\r\\n第二段  ")
    '第一段，共ABC123项：\\n\\n第二段\\n'
    """
    enabled = {"curly_quotes": curly_quotes}
    for rule in RULES:
        if rule.option is None or enabled[rule.option]:
            text = rule.function(text)
    return text
