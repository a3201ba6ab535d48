"""Regular expressions compiled on first use, not at import.

Compiling a pattern is pure-Python work in the ``re`` module, and a character class with a
wide range (``[\\u4e00-\\u9fff]``) costs a millisecond or more: over a hundred patterns at
import made up a good part of the command's start-up. A :class:`LazyPattern` stands where the
compiled pattern stood and compiles on the first attribute looked up; after that its methods
are plain attributes of the object, as cheap to reach as the pattern's own.

>>> WORD = compile(r"[a-z]+")
>>> WORD.findall("ab cd")
['ab', 'cd']
>>> WORD.pattern
'[a-z]+'
"""

from __future__ import annotations

import re

_ATTRIBUTES = ("search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer",
               "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    """``re.compile(pattern, flags)``, done the first time the pattern is used."""

    def __init__(self, pattern, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        # Only reached while the pattern is not compiled yet (or for a rare attribute).
        compiled = re.compile(*self._source)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r})"


def compile(pattern, flags: int = 0) -> LazyPattern:  # noqa: A001 - mirrors re.compile
    """A pattern compiled when first used."""
    return LazyPattern(pattern, flags)
