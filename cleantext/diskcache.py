"""A per-user cache of tables built from package data, so that later processes start fast.

Building a table (parsing a dictionary, scoring every character, scanning the Unicode database)
costs tens of milliseconds per process; reading a ``marshal`` copy costs one or two. A copy lives
in ``$XDG_CACHE_HOME/cleantext`` (default ``~/.cache/cleantext``), named by what it holds and a
hash of everything it was built from, so a change of the data (or of the code version the caller
puts in the key) makes a new file instead of a stale read. Any failure to read or write the cache
falls back to building the table: the cache can only make things faster, never different.

>>> load("doctest-example", b"source", lambda: {"a": 1}, enabled=False)
{'a': 1}
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any


def directory() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "cleantext")


def digest(data: bytes, size: int = 8) -> bytes:
    """A short hash of ``data``: a key made of big sources (the 1.1 MB model file) is hashed once,
    not by every cache that depends on it.

    >>> len(digest(b"model data")), digest(b"a") == digest(b"a"), digest(b"a") == digest(b"b")
    (8, True, False)
    """
    try:
        from _blake2 import blake2b  # what hashlib serves, without loading OpenSSL (2 ms at start)
    except ImportError:
        from hashlib import blake2b

    return blake2b(data, digest_size=size).digest()


def path_for(name: str, key: bytes) -> str:
    """The cache file for table ``name`` built from ``key`` (the bytes it depends on)."""
    return os.path.join(directory(), f"{name}-{digest(key).hex()}.marshal")


def read(path: str) -> Any:
    """The value stored at ``path``, or None when it is missing or unreadable."""
    import marshal

    try:
        with open(path, "rb") as handle:
            return marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write(path: str, value: Any) -> None:
    """Store ``value`` at ``path`` atomically (a temporary file renamed over it); failures are ignored."""
    import marshal

    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as handle:
            marshal.dump(value, handle)
        os.replace(tmp, path)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass


def load(name: str, key: bytes, build: Callable[[], Any], *, enabled: bool = True) -> Any:
    """The table ``build()`` returns, read from the cache when a copy built from ``key`` is there.

    ``build`` must return what ``marshal`` can store (dicts, lists, tuples, str, bytes, numbers,
    frozensets); a value it cannot store is returned and simply not cached.
    """
    path = path_for(name, key) if enabled else None
    if path is not None:
        value = read(path)
        if value is not None:
            return value
    value = build()
    if path is not None:
        write(path, value)
    return value
