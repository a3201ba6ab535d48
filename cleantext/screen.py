"""Screens: a cheap test a text must pass before a costly regular expression is searched in it.

Python's regex engine finds the places where a match may start quickly only when every
alternative of a pattern begins with a literal character (and, with IGNORECASE, a caseless
one). strip's rules are alternations of anchors, groups and case-insensitive words: searching
one of them in a long line of prose tries every alternative at every character.

A :class:`Screen` holds strings one of which every match of the pattern contains (其来源于网友
holds 来源于网友, 版权所有 holds 版权), worked out from the parsed pattern, and searches for them
instead: an alternation of literals is one of the fast searches. Finding none, the pattern
cannot match; finding one, the pattern is searched as before. A screen never changes an
answer, it only skips searches that would find nothing.

>>> COPYRIGHT = Screen(r"版权所有|Copyright|©", re.I)
>>> COPYRIGHT("这是正文。"), COPYRIGHT("COPYRIGHT 2024"), COPYRIGHT("本站版权所有")
(False, True, True)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property

from . import diskcache, lazyre

try:  # Python 3.11 and later
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

VERSION = b"screen v4"
MAX_STRINGS = 64  # strings a run of known items may match, at most (more: the run ends there)
MAX_SCREEN = 256  # a screen of more strings than this is not made (the pattern is searched)
_REPEATS = tuple(getattr(sre_constants, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(sre_constants, name))
# Every character that an ASCII letter matches under IGNORECASE (K is the Kelvin sign, ſ a long
# s, İ and ı the Turkish i's); tests/test_screen.py checks this over every code point.
LATIN_CASE = lazyre.compile("[A-Za-z\u0130\u0131\u017f\u212a]")


def _exact(op, av) -> set[str] | None:
    """The strings one parsed item matches, when they are few and known (else None)."""
    if op is sre_constants.LITERAL:
        return {chr(av)}
    if op is sre_constants.IN:
        if len(av) <= MAX_STRINGS and all(o is sre_constants.LITERAL for o, _ in av):
            return {chr(a) for _, a in av}
        return None
    if op is sre_constants.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _exact_sequence(sub)
    if op is sre_constants.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            strings = _exact_sequence(alternative)
            if strings is None:
                return None
            found |= strings
        return found if len(found) <= MAX_STRINGS else None
    return None


def _exact_sequence(sequence) -> set[str] | None:
    found = {""}
    for op, av in sequence:
        strings = _exact(op, av)
        if strings is None:
            return None
        found = {a + b for a in found for b in strings}
        if len(found) > MAX_STRINGS:
            return None
    return found


def required_strings(sequence) -> set[str] | None:
    """Strings one of which every match of a parsed pattern contains (None: none known).

    Runs of items that match a few known strings (literals, small classes, alternations of
    such) are joined into longer strings; of the runs and the groups, the one whose shortest
    string is longest is taken.

    >>> sorted(required_strings(sre_parse.parse(r"^(?:来源于|来自)(?:网友|网络)\\s*\\d")))
    ['来源于网友', '来源于网络', '来自网友', '来自网络']
    >>> required_strings(sre_parse.parse(r"\\d+\\s*$")) is None
    True
    """
    candidates: list[set[str]] = []
    run = {""}
    for op, av in sequence:
        strings = _exact(op, av)
        if strings is not None:
            joined = {a + b for a in run for b in strings}
            if len(joined) > MAX_STRINGS:
                candidates.append(run)
                joined = strings
            run = joined
            continue
        if run != {""}:
            candidates.append(run)
        run = {""}
        found = None
        if op is sre_constants.SUBPATTERN and not av[1] and not av[2]:
            found = required_strings(av[3])
        elif op is sre_constants.BRANCH:
            alternatives = [required_strings(alternative) for alternative in av[1]]
            if all(alternatives):
                found = set().union(*alternatives)
        elif op in _REPEATS and av[0] >= 1:
            found = required_strings(av[2])
        if found:
            candidates.append(found)
    if run != {""}:
        candidates.append(run)
    candidates = [c for c in candidates if "" not in c and len(c) <= MAX_SCREEN]
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


def _minimal(strings: set[str]) -> list[str]:
    """The strings that hold none of the others (a text holding 版权所有 holds 版权)."""
    return sorted((s for s in strings if not any(t != s and t in s for t in strings)), key=lambda s: (-len(s), s))


def _is_caseless(string: str) -> bool:
    return all(ch.lower() == ch == ch.upper() for ch in string)


def _caseless_literal(item, flags: int) -> bool:
    op, av = item
    return op is sre_constants.LITERAL and (not flags & re.IGNORECASE or _is_caseless(chr(av)))


def _starts_fast(sequence, flags: int) -> bool:
    """Whether the engine finds where a match may start by itself (see sre_compile's
    _compile_info): the pattern is anchored at the start of the text, or begins with a caseless
    literal, a class, or alternatives that each begin with a caseless literal."""
    if not len(sequence):
        return False
    op, av = sequence[0]
    if op is sre_constants.SUBPATTERN:
        return not av[1] and not av[2] and _starts_fast(av[3], flags)
    if op is sre_constants.AT:
        return av is sre_constants.AT_BEGINNING or av is sre_constants.AT_BEGINNING_STRING
    if op is sre_constants.IN:
        return not flags & re.IGNORECASE
    if op is sre_constants.BRANCH:
        return all(len(alternative) and _caseless_literal(alternative[0], flags) for alternative in av[1])
    return _caseless_literal(sequence[0], flags)


def _build(pattern: str, flags: int) -> tuple[list[str], list[str]] | None:
    """(caseless strings, cased strings) of a screen for ``pattern``, or None for no screen
    (none is needed, or none could be made)."""
    try:
        parsed = sre_parse.parse(pattern, flags)
        if _starts_fast(parsed, flags):
            return None
        strings = required_strings(parsed)
    except Exception:  # noqa: BLE001 - a pattern this module does not understand gets no screen
        return None
    if not strings:
        return None
    strings = _minimal(strings)
    if not flags & re.IGNORECASE:
        return strings, []
    return [s for s in strings if _is_caseless(s)], [s for s in strings if not _is_caseless(s)]


_registered: list[Screen] = []
_table: dict | None = None


def _strings_of(screen: Screen) -> tuple[list[str], list[str]] | None:
    """The strings of a screen; those of every screen made at import come from one cached table."""
    global _table
    if _table is None:
        sources = [(s.pattern, s.flags) for s in _registered]
        key = VERSION + repr(sources).encode()
        _table = dict(zip(sources, diskcache.load("screens", key, lambda: [_build(*src) for src in sources]),
                          strict=True))
    source = (screen.pattern, screen.flags)
    if source not in _table:
        _table[source] = _build(*source)
    return _table[source]


class Screen:
    """``Screen(pattern, flags)(text)`` is False when ``re.search(pattern, text, flags)`` finds
    nothing for sure; True when it may find something (or when no screen could be made)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, int(flags)
        _registered.append(self)

    def __call__(self, text: str) -> bool:
        test = self.test
        return test is None or test(text)

    @cached_property
    def test(self) -> Callable[[str], bool] | None:
        """The screen as a function of the text, or None when there is none (nothing to skip)."""
        strings = _strings_of(self)
        if strings is None:
            return None
        caseless, cased = strings
        if cased and not all(ch.isascii() or _is_caseless(ch) for s in cased for ch in s):
            return None
        plain = lazyre.compile("|".join(map(re.escape, caseless))) if caseless else None
        # Under IGNORECASE a case-insensitive search is slow (the engine cannot skip ahead), and
        # a string whose cased characters are all ASCII letters can only match a text holding
        # one of LATIN_CASE: most Chinese lines hold none.

        def test(text: str) -> bool:
            if plain is not None and plain.search(text):
                return True
            return bool(cased) and LATIN_CASE.search(text) is not None

        return test


class Screened:
    """A pattern compiled on first use (:func:`cleantext.lazyre.compile`) whose ``search`` and
    ``findall`` look at the screen first.

    >>> LABEL = Screened(r"(?:^|(?<=\\s))(?:来源|作者)[:：]")
    >>> LABEL.findall("这是正文。"), LABEL.findall("文 作者：王丽")
    ([], ['作者：'])
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.screen = Screen(pattern, flags)
        self.compiled = lazyre.compile(pattern, flags)

    def search(self, text: str):
        return self.compiled.search(text) if self.screen(text) else None

    def findall(self, text: str) -> list:
        return self.compiled.findall(text) if self.screen(text) else []
