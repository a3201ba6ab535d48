"""Reading inputs and writing outputs safely; no CLI dependencies.

An input file is only ever replaced atomically, after its new content is complete: the new
text goes to a temporary file in the same folder, is flushed to disk, and then renamed over
the original, keeping its permission bits.
"""

from __future__ import annotations

import contextlib
import os
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


def open_input(path: str | os.PathLike):
    """A file opened for reading bytes, with a short reason on failure."""
    try:
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
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


class AtomicWriter:
    """A file written in pieces that replaces ``path`` only on :meth:`commit`.

    The content goes to a temporary file in the same folder; ``commit`` flushes it to disk,
    gives it the permission bits of the file it replaces, and renames it over ``path``.
    ``abort`` (or leaving a ``with`` block by an exception) removes it, and the old file is
    untouched. ``durable=False`` skips the fsync: the rename still makes the replacement
    all-or-nothing, but a power cut may lose it (fine for new output files, not for an input
    rewritten in place).
    """

    def __init__(self, path: str | os.PathLike, durable: bool = True):
        self.path = Path(path)
        self.durable = durable
        try:
            self.mode: int | None = self.path.stat().st_mode & 0o7777
        except FileNotFoundError:
            self.mode = None
        except OSError as exc:
            raise InputError(_reason(exc)) from None
        import tempfile  # here, not at the top: it imports shutil, bz2 and lzma (2-3 ms a start)

        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                            dir=self.path.parent or ".")
        except OSError as exc:
            raise InputError(_reason(exc)) from None
        self.handle = os.fdopen(fd, "wb")

    @contextlib.contextmanager
    def _or_abort(self):
        """On an OS error, remove the temporary file and say why in a few words."""
        try:
            yield
        except OSError as exc:
            self.abort()
            raise InputError(_reason(exc)) from None

    def write(self, data: bytes) -> None:
        with self._or_abort():
            self.handle.write(data)

    def commit(self) -> None:
        with self._or_abort():
            self.handle.flush()
            if self.durable:
                os.fsync(self.handle.fileno())
            self.handle.close()
            if self.mode is not None:
                os.chmod(self.tmp, self.mode)
            os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self.handle.close()
            os.unlink(self.tmp)
        except OSError:
            pass

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


def write_atomic(path: str | os.PathLike, data: bytes, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically; the old content survives any failure."""
    with AtomicWriter(path, durable) as writer:
        writer.write(data)


class Prepended:
    """A binary stream that first gives back ``first`` and then reads ``rest``."""

    def __init__(self, first: bytes, rest):
        self.first, self.rest = first, rest

    def read(self, size: int = -1) -> bytes:
        if self.first:
            if size is None or size < 0:
                data, self.first = self.first + self.rest.read(), b""
                return data
            data, self.first = self.first[:size], self.first[size:]
            return data
        return self.rest.read(size)
