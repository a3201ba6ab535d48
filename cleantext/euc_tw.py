"""An EUC-TW codec (CNS 11643), which Python lacks, registered with :mod:`codecs` as ``euc_tw``.

EUC-TW is ASCII plus two forms for CNS 11643 characters: two bytes 0xA1-0xFE for plane 1, and
four bytes ``0x8E 0xA1+p-1 row cell`` for plane ``p`` (1 to 16). The table
(``data/cns11643.txt.gz``) is built by ``scripts/build_euc_tw_table.py`` from Unihan's
kIRG_TSource field.

>>> "臺灣".encode("euc-tw")
b'\\xea\\xd7\\xfd\\xa4'
>>> b"\\xea\\xd7\\xfd\\xa4".decode("euc-tw")
'臺灣'
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from . import lazyre

NAME = "euc_tw"
ALIASES = frozenset({"euc_tw", "euctw", "x_euc_tw", "cns11643", "cns_11643", "euc_cns"})
HOLE = "\ufffd"
CELLS = 94 * 94

# One token: a run of ASCII, a plane-1 pair, a four-byte form, or any other byte (invalid).
TOKEN = lazyre.compile(rb"[\x00-\x7f]+|[\xa1-\xfe][\xa1-\xfe]|\x8e[\xa1-\xb0][\xa1-\xfe][\xa1-\xfe]|[\x80-\xff]", re.S)
# Bytes that are EUC-TW in form: a cheap test before decoding.
WELL_FORMED = lazyre.compile(rb"(?:[\x00-\x7f]|[\xa1-\xfe][\xa1-\xfe]|\x8e[\xa1-\xb0][\xa1-\xfe][\xa1-\xfe])*")


@lru_cache(maxsize=1)
def _planes() -> dict[int, str]:
    """Plane number -> its 8836 characters (rows and cells 0x21-0x7E in order)."""
    import gzip  # imported here: only EUC-TW candidates need the table
    from importlib import resources

    data = resources.files(__package__).joinpath("data", "cns11643.txt.gz").read_bytes()
    planes = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        plane, chars = line.split("\t")
        planes[int(plane)] = chars
    return planes


@lru_cache(maxsize=1)
def _encoder_table() -> dict[str, bytes]:
    table: dict[str, bytes] = {}
    for plane, chars in sorted(_planes().items(), reverse=True):  # plane 1 wins a duplicate
        for i, ch in enumerate(chars):
            if ch != HOLE:
                row, cell = 0xA1 + i // 94, 0xA1 + i % 94
                table[ch] = bytes((row, cell)) if plane == 1 else bytes((0x8E, 0xA0 + plane, row, cell))
    return table


def is_well_formed(data: bytes) -> bool:
    """Whether ``data`` has EUC-TW's byte structure (not yet whether every code is assigned).

    >>> is_well_formed(b"ok \\xc6\\xe3"), is_well_formed(b"\\xa4\\x40")
    (True, False)
    """
    return WELL_FORMED.fullmatch(data) is not None


def _char(token: bytes) -> str:
    """The character of a two- or four-byte form, or HOLE."""
    if len(token) == 2:
        plane, row, cell = 1, token[0], token[1]
    else:
        plane, row, cell = token[1] - 0xA0, token[2], token[3]
    chars = _planes().get(plane)
    return chars[(row - 0xA1) * 94 + cell - 0xA1] if chars else HOLE


def decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    """Decode EUC-TW bytes; undefined codes go to the ``errors`` handler like any codec's."""
    data = bytes(data)
    out: list[str] = []
    pos = 0
    while pos < len(data):
        match = TOKEN.match(data, pos)
        assert match is not None  # the last alternative matches any byte
        token = match.group(0)
        if token[0] < 0x80:
            out.append(token.decode("ascii"))
            pos = match.end()
            continue
        ch = _char(token) if len(token) > 1 else HOLE
        if ch != HOLE:
            out.append(ch)
            pos = match.end()
            continue
        reason = "undefined CNS 11643 code" if len(token) > 1 else "invalid EUC-TW byte"
        error = UnicodeDecodeError(NAME, data, pos, match.end(), reason)
        if errors == "strict":
            raise error
        replacement, pos = codecs.lookup_error(errors)(error)
        out.append(replacement)
    return "".join(out), len(data)


def encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    table = _encoder_table()
    out = bytearray()
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if ch < "\x80":
            out.append(ord(ch))
            pos += 1
            continue
        code = table.get(ch)
        if code is not None:
            out += code
            pos += 1
            continue
        error = UnicodeEncodeError(NAME, text, pos, pos + 1, "character not in CNS 11643")
        if errors == "strict":
            raise error
        replacement, pos = codecs.lookup_error(errors)(error)
        out += replacement.encode("ascii") if isinstance(replacement, str) else replacement
    return bytes(out), len(text)


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("-", "_") not in ALIASES:
        return None
    return codecs.CodecInfo(encode, decode, name=NAME)


codecs.register(_search)
