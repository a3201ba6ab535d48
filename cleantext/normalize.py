"""normalize: line ends, white space, invisible characters; later punctuation width.

Each rule is a small pure ``str -> str`` function registered in :data:`RULES`.
"""

from __future__ import annotations

import re
import unicodedata

from .options import Option

OPTIONS: tuple[Option, ...] = ()

LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
# Zero-width characters, an inner BOM, soft hyphen, and C0/C1 controls other than \t and \n.
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
EDGE_SPACE = re.compile(r"^[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+$", re.M)
BLANK_RUN = re.compile(r"\n{3,}")


def unify_line_ends(text: str) -> str:
    """CRLF, CR and Unicode line separators become LF.

    >>> unify_line_ends("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
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
    return EDGE_SPACE.sub("", text)


def collapse_blank_lines(text: str) -> str:
    """At most one blank line in a row; none at the start; exactly one newline at the end.

    >>> collapse_blank_lines("\\n\\na\\n\\n\\n\\nb\\n\\n")
    'a\\n\\nb\\n'
    """
    text = BLANK_RUN.sub("\n\n", text).strip("\n")
    return text + "\n" if text else ""


RULES = {
    "line-ends": unify_line_ends,
    "invisible": remove_invisible,
    "nfc": compose,
    "trim": trim_lines,
    "blank-lines": collapse_blank_lines,
}


def normalize(text: str) -> str:
    """Normalize line ends, invisible characters, indentation and blank lines.

    >>> normalize("\\u3000\\u3000第一段\\r\\n\\r\\n\\r\\n第二段  ")
    '第一段\\n\\n第二段\\n'
    """
    for rule in RULES.values():
        text = rule(text)
    return text
