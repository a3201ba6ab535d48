"""Regular expressions compiled on first use, not at import, and compiled once per machine.

Compiling a pattern is pure-Python work in the ``re`` module, and a character class with a
wide range (``[\\u4e00-\\u9fff]``) costs a millisecond or more: the hundred patterns a short
``cleantext clean`` uses took a third of the command's run. Two things keep that off the start:

* a :class:`LazyPattern` stands where the compiled pattern stood and compiles on the first
  attribute looked up; after that its methods are plain attributes of the object, as cheap to
  reach as the pattern's own;
* what the compiler makes of each pattern (the engine's code, a list of numbers) is kept in a
  per-user cache (:mod:`cleantext.diskcache`'s folder, one file per Python build), and the next
  process hands it straight to the engine, which checks it before use. Any failure to read,
  use or write the cache falls back to compiling: the result is the same pattern.

>>> WORD = compile(r"[a-z]+")
>>> WORD.findall("ab cd")
['ab', 'cd']
>>> WORD.pattern
'[a-z]+'
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

_ATTRIBUTES = ("search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer",
               "pattern", "flags", "groups", "groupindex")

# Entries kept in the cache file at most: the package's own patterns are about two hundred.
MAX_CACHED = 1000


class LazyPattern:
    """``re.compile(pattern, flags)``, done the first time the pattern is used."""

    def __init__(self, pattern, flags: int = 0, cached: bool = True):
        self._source = (pattern, flags)
        self._cached = cached

    def __getattr__(self, name: str):
        # Only reached while the pattern is not compiled yet (or for a rare attribute).
        compiled = compile_now(*self._source) if self._cached else re.compile(*self._source)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r})"


def compile(pattern, flags: int = 0, *, cached: bool = True) -> LazyPattern:  # noqa: A001 - mirrors re.compile
    """A pattern compiled when first used; ``cached=False`` for patterns made from data (they
    can be large, and vary), which would only bloat the cache every process reads."""
    return LazyPattern(pattern, flags, cached)


_codes: dict | None = None  # (pattern, flags) -> arguments of _sre.compile, from the cache file
_new: dict = {}  # what this process compiled and the file lacks


def compile_now(pattern, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, through the per-user cache of compiled code."""
    key = (pattern, int(flags))  # a RegexFlag is an int subclass marshal cannot store
    compiled = _from_stored(pattern, _cached().get(key))
    if compiled is not None:
        return compiled
    try:
        args = _stored(_compiler_output(pattern, flags))
        compiled = _from_stored(pattern, args)
    except Exception:  # noqa: BLE001 - an interpreter whose re internals differ
        compiled = None
    if compiled is None:
        return re.compile(pattern, flags)
    if not _new:
        import atexit

        atexit.register(_save)
    _new[key] = args
    return compiled


def compile_data(name: str, key: bytes, make: Callable[[], str], flags: int = 0) -> re.Pattern:
    """The pattern ``make()`` returns, compiled, for a pattern made from data: kept in a cache
    file of its own (:mod:`cleantext.diskcache`, named ``name`` and keyed by ``key``, the bytes
    the data comes from), so a later process needs neither the data nor the compiler.

    >>> compile_data("doctest-pattern", b"v1", lambda: "[ab]+").findall("xaby")
    ['ab']
    """
    import _sre

    from . import diskcache

    def build() -> tuple:
        pattern = make()
        try:
            return (pattern, _stored(_compiler_output(pattern, flags)))
        except Exception:  # noqa: BLE001 - an interpreter whose re internals differ
            return (pattern, None)

    stored = diskcache.load(name, b"|".join([key, str(flags).encode(), sys.version.encode(),
                                            str(_sre.MAGIC).encode(), str(_sre.CODESIZE).encode()]), build)
    try:
        pattern, args = stored
    except (TypeError, ValueError):  # not what build() returns: a damaged file
        pattern, args = build()
    return _from_stored(pattern, args) or re.compile(pattern, flags)


def _stored(args: tuple) -> tuple:
    """_compiler_output as the cache keeps it: the code as bytes, which ``marshal`` reads at
    once (a list of ints costs it a step per number: 8 ms for the package's patterns)."""
    from array import array

    flags, code, groups, groupindex, indexgroup = args
    return (flags, array(_CODE_TYPE, code).tobytes(), groups, groupindex, indexgroup)


def _from_stored(pattern, args: tuple | None) -> re.Pattern | None:
    """The pattern the engine makes of stored compiler output; None when there is none or the
    engine rejects it (a stale or damaged entry)."""
    if args is None:
        return None
    try:
        import _sre
        from array import array

        flags, code, groups, groupindex, indexgroup = args
        return _sre.compile(pattern, flags, array(_CODE_TYPE, code).tolist(), groups, groupindex, indexgroup)
    except Exception:  # noqa: BLE001
        return None


_CODE_TYPE = "I"  # the engine's code units: _sre.CODESIZE (4) bytes, unsigned


def _compiler_output(pattern, flags: int) -> tuple:
    """What ``re.compile`` hands to ``_sre.compile`` after the pattern (the same steps)."""
    try:
        from re import _compiler, _parser
    except ImportError:  # Python 3.10
        import sre_compile as _compiler  # noqa: N813
        import sre_parse as _parser  # noqa: N813
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # Plain ints: the code holds the compiler's named constants (an int subclass), which
    # marshal cannot store.
    return (int(flags | parsed.state.flags), list(map(int, code)), parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def _path() -> str:
    import _sre

    from . import diskcache

    return diskcache.path_for("regex", f"v2|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}".encode())


def _read() -> dict:
    from . import diskcache

    data = diskcache.read(_path())
    return data if isinstance(data, dict) else {}


def _cached() -> dict:
    global _codes
    if _codes is None:
        _codes = _read()
    return _codes


def _save() -> None:
    """Add what this process compiled to the cache file (at exit; atomically)."""
    from . import diskcache

    if not _new:
        return
    merged = {**_read(), **_new}
    if len(merged) > MAX_CACHED:  # keep the newest entries
        merged = dict(list(merged.items())[-MAX_CACHED:])
    diskcache.write(_path(), merged)
    _new.clear()
