"""repair: undo damage that happened to text on its way: HTML entities, mojibake, lost characters.

Each fix is a small pure ``str -> str`` function registered in :data:`FIXES`; ``repair``
runs them in order. A fix must leave clean text unchanged. :func:`explain` lists what each
fix changed, for ``cleantext explain``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from . import lazyre, mojibake
from .extract import looks_like_html
from .lost_chars import LOST_WITH_PINYIN, restore_annotated
from .normalize import remove_invisible
from .options import Option

OPTIONS: tuple[Option, ...] = ()

# Only terminated references: ``&copy=2`` inside a URL query is not an entity.
ENTITY = lazyre.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _unescape_one(match: re.Match[str]) -> str:
    ref = match.group(0)
    if ref[1] == "#":
        number = int(ref[3:-1], 16) if ref[2] in "xX" else int(ref[2:-1])
        # A reference to NUL, a surrogate or beyond Unicode is damage of its own: leave it visible.
        if number == 0 or 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
            return ref
    import html  # only when there is an entity to decode

    return html.unescape(ref)


def _to_fixed_point(pattern, replacement, text: str) -> str:
    """Substitute until nothing changes. Each round that changes something shortens the
    text, so the loop ends, and the result is a fixed point: repair is idempotent."""
    while True:
        new = pattern.sub(replacement, text)
        if new == text:
            return text
        text = new


def unescape_entities(text: str) -> str:
    """Replace HTML character references left in text, also double-escaped ones.

    >>> unescape_entities("&ldquo;你好&rdquo;&amp;amp;&#12290;")
    '“你好”&。'
    """
    if "&" not in text:
        return text
    return _to_fixed_point(ENTITY, _unescape_one, text)  # &amp;amp;lt; takes three rounds


def fix_mojibake(text: str) -> str:
    """Reverse wrong decodes (UTF-8 read as GBK, Big5 or cp1252, GBK read as Big5...), run by run.

    >>> fix_mojibake("鍗楁箹琛楅亾 2024")
    '南湖街道 2024'
    """
    return mojibake.fix_mojibake(text)


DOUBLE_ESCAPED = lazyre.compile(rf"&amp;(?=(?:{ENTITY.pattern[1:]}))")


def unescape_double_escaped(text: str) -> str:
    """In HTML, undo only the extra escaping of ``&amp;ldquo;``: the parser decodes the rest.

    >>> unescape_double_escaped("&amp;amp;ldquo;你好&amp;rdquo; &lt;b&gt; A&amp;B")
    '&ldquo;你好&rdquo; &lt;b&gt; A&amp;B'
    """
    if "&amp;" not in text:
        return text
    return _to_fixed_point(DOUBLE_ESCAPED, "&", text)


# name -> fix, in the order they run.
FIXES = {
    "entities": unescape_entities,
    "mojibake": fix_mojibake,
    "lost-chars": restore_annotated,
}

# The same fixes for the text between the tags of an HTML page. Markup itself is never
# touched: unescaping &lt; there would make tags, and the parser decodes entities anyway.
MARKUP_FIXES = {
    "double-escaped": unescape_double_escaped,
    "mojibake": fix_mojibake,
    "lost-chars": restore_annotated,
}

# What is not text in a page: comments, scripts and styles with their content, and tags.
MARKUP = lazyre.compile(
    r"<!--.*?(?:-->|$)|<(script|style|textarea)\b[^>]*>.*?(?:</\1\s*>|$)|<[!?/A-Za-z][^>]*>?", re.S | re.I
)


def _text_pieces(page: str) -> list[tuple[bool, str]]:
    """(is_text, piece) for a page, in order; markup pieces are never changed."""
    pieces, pos = [], 0
    for match in MARKUP.finditer(page):
        if match.start() > pos:
            pieces.append((True, page[pos : match.start()]))
        pieces.append((False, match.group(0)))
        pos = match.end()
    if pos < len(page):
        pieces.append((True, page[pos:]))
    return pieces


def _needs_work(piece: str) -> bool:
    return "&amp;" in piece or not piece.isascii()


def _run_fixes(text: str, fixes: dict[str, Callable[[str], str]]) -> str:
    for fix in fixes.values():
        text = fix(text)
    return text


def _apply(text: str, fixes: dict[str, Callable[[str], str]]) -> str:
    fixed = _run_fixes(text, fixes)
    # normalize deletes control and zero-width characters later; a deleted one can join two
    # runs into one that reads as mojibake. Judge the text as it will be, so that repair, and
    # clean, give the same result the second time. When that changes nothing but the deletion,
    # the characters stay for normalize to remove.
    # normalize also turns a no-break space into a space (or trims it), which splits a run.
    bare = remove_invisible(fixed).replace("\xa0", " ") if "\xa0" in fixed else remove_invisible(fixed)
    if bare == fixed:
        return fixed
    again = _run_fixes(bare, fixes)
    return again if again != bare else fixed


def _repair_page(page: str) -> str:
    out = []
    for is_text, piece in _text_pieces(page):
        if is_text and _needs_work(piece):
            piece = _apply(piece, MARKUP_FIXES)
        out.append(piece)
    return "".join(out)


class Segment(NamedTuple):
    """A piece of text a fix changed: what it was, what it became, and the kind of damage."""

    original: str
    repaired: str
    kind: str


ENTITY_RUN = lazyre.compile(rf"(?:{ENTITY.pattern})+")
DOUBLE_ESCAPED_RUN = lazyre.compile(rf"&amp;(?:amp;)*(?:{ENTITY.pattern[1:]})")


def _changed_runs(pattern, fix: Callable[[str], str], kind: str, text: str) -> list[Segment]:
    segments = []
    for match in pattern.finditer(text):
        repaired = fix(match.group(0))
        if repaired != match.group(0):
            segments.append(Segment(match.group(0), repaired, kind))
    return segments


def _entity_segments(text: str) -> list[Segment]:
    return _changed_runs(ENTITY_RUN, unescape_entities, "entity", text)


def _double_escaped_segments(text: str) -> list[Segment]:
    return _changed_runs(DOUBLE_ESCAPED_RUN, unescape_double_escaped, "double-escaped-entity", text)


def _mojibake_segments(text: str) -> list[Segment]:
    segments = []
    for _ in range(3):
        repairs = mojibake.find_repairs(text)
        if not repairs:
            break
        segments += [Segment(r.original, r.repaired, r.kind) for r in repairs]
        text = mojibake.apply(text, repairs)
    return segments


def _lost_char_segments(text: str) -> list[Segment]:
    return _changed_runs(LOST_WITH_PINYIN, restore_annotated, "lost-char-pinyin", text)


# name of a fix -> what it changed in a text, for explain().
EXPLAINERS: dict[str, Callable[[str], list[Segment]]] = {
    "entities": _entity_segments,
    "double-escaped": _double_escaped_segments,
    "mojibake": _mojibake_segments,
    "lost-chars": _lost_char_segments,
}


def explain(text: str) -> list[Segment]:
    """Every segment the fixes change, in the order they run, with its kind of damage.

    >>> explain("ChatGPT 璁㈤槄 &amp;")
    [Segment(original='&amp;', repaired='&', kind='entity'), Segment(original='璁㈤槄', repaired='订阅', kind='utf8-as-gbk')]
    """
    if looks_like_html(text):
        segments = []
        for is_text, piece in _text_pieces(text):
            if is_text and _needs_work(piece):
                segments += _explain_with(piece, MARKUP_FIXES)
        return segments
    return _explain_with(text, FIXES)


def _explain_with(text: str, fixes: dict[str, Callable[[str], str]]) -> list[Segment]:
    segments = []
    for name, fix in fixes.items():
        segments += EXPLAINERS[name](text)
        text = fix(text)
    return segments


def repair(text: str) -> str:
    """Repair HTML entities and mojibake left in text; in an HTML page, only the text between tags.

    >>> repair("来源&#65306;新华社&nbsp;")
    '来源：新华社\\xa0'
    >>> repair("<html><body><p>&lt;b&gt; 鍗楁箹琛楅亾</p></body></html>")
    '<html><body><p>&lt;b&gt; 南湖街道</p></body></html>'
    """
    if looks_like_html(text):
        return _repair_page(text)
    return _apply(text, FIXES)
