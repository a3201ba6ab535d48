"""repair: undo damage that happened to text on its way: HTML entities, mojibake.

Each fix is a small pure ``str -> str`` function registered in :data:`FIXES`; ``repair``
runs them in order. A fix must leave clean text unchanged.
"""

from __future__ import annotations

import html
import re

from .options import Option

OPTIONS: tuple[Option, ...] = ()

# Only terminated references: ``&copy=2`` inside a URL query is not an entity.
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _unescape_one(match: re.Match[str]) -> str:
    ref = match.group(0)
    if ref[1] == "#":
        number = int(ref[3:-1], 16) if ref[2] in "xX" else int(ref[2:-1])
        # A reference to NUL, a surrogate or beyond Unicode is damage of its own: leave it visible.
        if number == 0 or 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
            return ref
    return html.unescape(ref)


def unescape_entities(text: str) -> str:
    """Replace HTML character references left in text, also double-escaped ones.

    >>> unescape_entities("&ldquo;你好&rdquo;&amp;amp;&#12290;")
    '“你好”&。'
    """
    if "&" not in text:
        return text
    # &amp;amp;lt; takes three rounds. Each round that changes something shortens the
    # text, so the loop ends, and the result is a fixed point: repair is idempotent.
    while True:
        new = ENTITY.sub(_unescape_one, text)
        if new == text:
            return text
        text = new


# name -> fix, in the order they run.
FIXES = {
    "entities": unescape_entities,
}


def repair(text: str) -> str:
    """Repair HTML entities and mojibake left in text.

    >>> repair("来源&#65306;新华社&nbsp;")
    '来源：新华社\\xa0'
    """
    for fix in FIXES.values():
        text = fix(text)
    return text
