"""Reading inputs and writing outputs safely; no CLI dependencies.

An input file is only ever replaced atomically, after its new content is complete: the new
text goes to a temporary file in the same folder, is flushed to disk, and then renamed over
the original, keeping its permission bits.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import CleantextError


class InputError(CleantextError):
    """A file could not be read or written; the message says why in a few words."""


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


def read_bytes(path: str | os.PathLike) -> bytes:
    """All bytes of a file, with a short reason on failure."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(_reason(exc)) from None


def as_output(text: str) -> bytes:
    """The bytes written for a result: UTF-8, LF line ends, a final newline unless empty.

    >>> as_output("a\\r\\nb")
    b'a\\nb\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text and not text.endswith("\n"):
        text += "\n"
    return text.encode("utf-8", "replace")


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; the old content survives any failure."""
    path = Path(path)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(_reason(exc)) from None
        raise
