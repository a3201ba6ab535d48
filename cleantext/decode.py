"""decode: bytes in any encoding to text.

Order of evidence: a byte-order mark; strict UTF-8; the NUL-byte pattern of BOM-less
UTF-16/32; then the Chinese legacy encodings (GB18030, Big5, Big5-HKSCS, EUC-TW, and a charset
the page declares), each of which must decode cleanly. chardet breaks ties. A declared
``<meta charset>`` is only believed when the bytes agree with it. BOM-less UTF-16 of Chinese
alone has no NUL byte to show it (中 is 2D 4E): it is taken where it reads as Chinese and
better than every legacy candidate.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from . import euc_tw, lazyre
from .errors import DecodeError
from .options import Option
from .readability import SAMPLE_CHARS, plain_share, readability

OPTIONS = (
    Option("encoding", "Force this encoding instead of detecting one.", flags=("-e", "--encoding")),
    Option(
        "errors",
        "strict: fail on undecodable bytes; replace: put U+FFFD in their place.",
        default="strict",
        choices=("strict", "replace"),
    ),
)

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels that name a subset of another codec we prefer: GB18030 decodes everything
# GB2312 and GBK do (and 喆, 镕 ... that a strict gb2312 decoder rejects).
SUPERSET = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "hz",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "x-euc-tw": euc_tw.NAME,  # CNS 11643, a different character set from Big5
    "euc-tw": euc_tw.NAME,
    "ascii": "utf-8",
    "us-ascii": "utf-8",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "windows-1252": "cp1252",
}

CHINESE_CANDIDATES = ("gb18030", "big5", "big5hkscs", euc_tw.NAME)

META_CHARSET = lazyre.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class Detection(NamedTuple):
    """The encoding chosen for some bytes and the reason, for ``decode -v``."""

    encoding: str
    reason: str
    bom_length: int = 0
    # A file of lines in different encodings (see _mixed_lines): each line's, and ``encoding``
    # is the one most of them are in.
    lines: tuple[str, ...] | None = None


def canonical(label: str) -> str:
    """Python codec name for an encoding label, widened to the superset we decode with.

    >>> canonical("GB2312")
    'gb18030'
    """
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        name = label.strip().lower()
    return SUPERSET.get(label.strip().lower(), SUPERSET.get(name, name))


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if any."""
    match = META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace").lower() if match else None


def forced(data: bytes, encoding: str) -> Detection:
    """The detection ``--encoding`` makes: that encoding, and its byte-order mark if ``data``
    begins with one."""
    name = canonical(encoding)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return Detection(name, "forced with --encoding")  # decoding says it is unknown
    for bom, bom_name in BOMS:
        if data.startswith(bom) and codecs.lookup(bom_name).name == codec:
            return Detection(name, "forced with --encoding", len(bom))
    return Detection(name, "forced with --encoding")


def not_decodable(encoding: str, byte: bytes, offset: int) -> DecodeError:
    """The error for a byte ``encoding`` cannot read, at ``offset`` in the file."""
    return DecodeError(f"not decodable (best guess {encoding}, invalid byte 0x{byte.hex()} at offset {offset})")


def _decodes(data: bytes, encoding: str) -> bool:
    if encoding == euc_tw.NAME and not euc_tw.is_well_formed(data):
        return False  # the pure-Python decoder is slow: a regex rules out most non-EUC-TW bytes first
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _utf16_32_by_nuls(data: bytes) -> str | None:
    """BOM-less UTF-16/32: text in those encodings has NUL bytes in a fixed column. In UTF-32
    the top two bytes of every unit are NUL (Chinese is in the BMP); in UTF-16 one column
    has far more NULs than the other, the high byte of ASCII or the low byte of a Han
    character (开 is 5F 00), so which column says little about the byte order: the order
    whose text is more plain ASCII and readable Chinese wins (see readability.plain_share), the column
    only on a tie.

    >>> _utf16_32_by_nuls("开发者指定的版本号".encode("utf-16-le")), _utf16_32_by_nuls("version 2".encode("utf-16-le"))
    ('utf-16-le', 'utf-16-le')
    >>> _utf16_32_by_nuls("中文编码".encode("utf-32-be")), _utf16_32_by_nuls("中文".encode("gb18030"))
    ('utf-32-be', None)
    """
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    cols = [sample[i::4].count(0) / max(1, len(sample[i::4])) for i in range(4)]
    if len(data) % 4 == 0:
        if cols[2] > 0.9 and cols[3] > 0.9 and _decodes(data, "utf-32-le"):
            return "utf-32-le"
        if cols[0] > 0.9 and cols[1] > 0.9 and _decodes(data, "utf-32-be"):
            return "utf-32-be"
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if len(data) % 2 or not (odd > 0.05 and even < odd / 4 or even > 0.05 and odd < even / 4):
        return None
    by_column = "utf-16-le" if odd > even else "utf-16-be"
    scores = {name: plain_share(_leading_text(data, name)) for name in (by_column, _OTHER_ORDER[by_column])
              if _decodes(data, name)}
    if not scores:
        return None
    best = max(scores.values())
    return by_column if scores.get(by_column, -1.0) >= best - TIE else max(scores, key=scores.get)


_OTHER_ORDER = {"utf-16-le": "utf-16-be", "utf-16-be": "utf-16-le"}


# BOM-less UTF-16 with no NUL byte (Chinese without ASCII): the high byte of each unit is the
# block's: CJK (4E-9F), its punctuation and full-width forms (30, FF), or the general marks and
# symbols of GBK's first row (20-26: “”—…※). Legacy Chinese bytes
# read so are random code points (Hangul, Yi, private use, surrogates) in most units, so a
# sample must have WIDE_HIGH_SHARE of such high bytes before the text is decoded and scored, and
# the text must then read as Chinese (readability WIDE_MIN_READABILITY) and better than every
# legacy candidate (by more than a tie).
WIDE_HIGH_BYTES = frozenset([*range(0x4E, 0xA0), *range(0x20, 0x27), 0x30, 0xFF])
WIDE_HIGH_SHARE = 0.7
WIDE_MIN_READABILITY = 0.9
WIDE_MIN_BYTES = 4


def _utf16_without_nuls(data: bytes, legacy_best: float) -> tuple[str, float] | None:
    """BOM-less UTF-16 (little or big endian) of text with no ASCII, and how well it reads.

    >>> _utf16_without_nuls("中文编码测试，没有字节顺序标记。".encode("utf-16-be"), 0.0)
    ('utf-16-be', 1.0)
    >>> _utf16_without_nuls("中文编码测试".encode("gb18030"), 0.0) is None
    True
    """
    if len(data) % 2 or len(data) < WIDE_MIN_BYTES:
        return None
    sample = data[:4096]
    for name, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if sum(byte in WIDE_HIGH_BYTES for byte in high) < WIDE_HIGH_SHARE * len(high) or not _decodes(data, name):
            continue
        score = readability(_leading_text(data, name))
        if score >= WIDE_MIN_READABILITY and score > legacy_best + TIE:
            return name, score
    return None


def _leading_text(data: bytes, encoding: str) -> str:
    """The first SAMPLE_CHARS characters of ``data`` (which decodes cleanly) as ``encoding``
    reads it, decoding only as many bytes as that takes.

    A cut through a character can only garble the last few characters of the decoded prefix
    (a dropped lead byte, a trail byte read as ASCII), so the prefix is trusted only when it
    is longer than needed by a margin; otherwise the whole text is decoded.
    """
    limit = MAX_BYTES_PER_CHAR * (SAMPLE_CHARS + CUT_MARGIN)
    if len(data) > limit:
        text = data[:limit].decode(encoding, errors="ignore")
        if len(text) >= SAMPLE_CHARS + CUT_MARGIN:
            return text[:SAMPLE_CHARS]
    return data.decode(encoding)


def _lossy_leading_text(data: bytes, encoding: str) -> str:
    """The first SAMPLE_CHARS characters of ``data`` as ``encoding`` reads it with bad bytes
    replaced (U+FFFD); nothing for a codec Python does not know.

    >>> _lossy_leading_text(b"\\xe4\\xb8\\xad\\xe6\\x96", "utf-8")
    '中\\ufffd'
    """
    if encoding == euc_tw.NAME and not euc_tw.is_well_formed(data[: MAX_BYTES_PER_CHAR * SAMPLE_CHARS]):
        return "\ufffd"  # the pure-Python decoder is slow: bytes that are not EUC-TW read as damage
    try:
        return data[: MAX_BYTES_PER_CHAR * SAMPLE_CHARS].decode(encoding, errors="replace")[:SAMPLE_CHARS]
    except LookupError:
        return "\ufffd"


MAX_BYTES_PER_CHAR = 4  # GB18030, EUC-TW, UTF-32; an escape-heavy codec falls back to a whole decode
CUT_MARGIN = 16
TIE = 0.02  # readability within this of the best is a tie


def _chardet_guess(data: bytes) -> tuple[str | None, float]:
    import chardet

    guess = chardet.detect(data[:65536])
    label = guess.get("encoding")
    return (canonical(label) if label else None), float(guess.get("confidence") or 0.0)


LINE_CANDIDATES = ("utf-8", *CHINESE_CANDIDATES)
LINE_ORDER = {name: -i for i, name in enumerate(LINE_CANDIDATES)}  # the earlier, the likelier on a tie


def line_encoding(line: bytes, main: str, decodes: set[str] | None = None) -> str | None:
    """The encoding of one line of a file mostly in ``main``: ``main`` where it decodes the
    line, unless the line is valid UTF-8 that reads better (GB18030 reads UTF-8 bytes without an
    error, as mojibake, and Chinese in GBK or Big5 is seldom valid UTF-8); else the candidate
    that reads it best as Chinese; None where none decodes it. ``decodes``: the candidates
    known to decode the line.

    >>> line_encoding("你好".encode(), "gb18030"), line_encoding("你好".encode("gbk"), "utf-8")
    ('utf-8', 'gb18030')
    """
    if line.isascii():
        return main
    if decodes is None:  # the main encoding first: most lines are in it, and then only UTF-8 is asked
        decodes = _main_decodes(line, main) if _decodes(line, main) else \
            {name for name in LINE_CANDIDATES if _decodes(line, name)}
    if main in decodes:
        # Other legacy encodings read GBK bytes as common Traditional characters too often to
        # take a line from the main one by reading better; valid UTF-8 is strong evidence.
        if main != "utf-8" and "utf-8" in decodes and readability(line.decode("utf-8")) > readability(line.decode(main)):
            return "utf-8"
        return main
    if not decodes:
        return None
    # On a tie, the earlier of LINE_CANDIDATES; a declared charset (see _mixed_lines) after them.
    return max(sorted(decodes), key=lambda name: (readability(line.decode(name)), LINE_ORDER.get(name, -len(LINE_ORDER))))


def _main_decodes(line: bytes, main: str) -> set[str]:
    """The candidates that decode ``line``, known to be in ``main``: it, and UTF-8 if that too."""
    return {main, "utf-8"} if _decodes(line, "utf-8") else {main}


def decode_lines(data: bytes, main: str, errors: str = "strict", offset: int = 0) -> str:
    """Whole lines of a file mostly in ``main``, each decoded in its :func:`line_encoding`. A line
    no candidate decodes is an error naming its byte (``offset``: where ``data`` starts in the
    file), or with ``errors="replace"`` decoded in ``main`` with U+FFFD.

    >>> decode_lines("标题\\n".encode("gbk") + "正文\\n".encode(), "gb18030")
    '标题\\n正文\\n'
    """
    try:
        text = data.decode(main)
    except UnicodeDecodeError:
        whole = False
    else:
        if main == "utf-8" or data.isascii():
            return text
        whole = True
    out = []
    at = offset
    for line in data.splitlines(keepends=True):
        name = line_encoding(line, main, _main_decodes(line, main) if whole else None)
        if name is None:
            try:
                out.append(line.decode(main, errors))
            except UnicodeDecodeError as exc:
                raise not_decodable(main, line[exc.start : exc.start + 1], at + exc.start) from None
        else:
            out.append(line.decode(name))
        at += len(line)
    return "".join(out)


def _mixed_lines(data: bytes, candidates: list[str]) -> Detection | None:
    """Lines in different encodings (a GBK page with a UTF-8 snippet pasted in, files joined
    together), where no one encoding decodes the whole: each line in its :func:`line_encoding`,
    the main one being the one that decodes most lines with non-ASCII bytes. None unless every
    line decodes so.

    >>> found = _mixed_lines("标题\\n".encode("gbk") + "正文\\n".encode("utf-8") + "结尾".encode("gbk"), ["gb18030"])
    >>> found.encoding, found.lines
    ('gb18030', ('gb18030', 'utf-8', 'gb18030'))
    """
    lines = data.splitlines(keepends=True)  # ends at LF, CR, CRLF: none is part of a multi-byte character
    if len(lines) < 2:
        return None
    names = ["utf-8", *candidates]
    decodes = [{name for name in names if _decodes(line, name)} if not line.isascii() else None for line in lines]
    if any(found == set() for found in decodes):
        return None
    counts = {name: sum(name in found for found in decodes if found) for name in names}
    main = max(names, key=counts.get)
    chosen = [line_encoding(line, main, found) for line, found in zip(lines, decodes, strict=True)]
    others = sorted(set(chosen) - {main}, key=names.index)
    if not others:
        return None
    share = ", ".join(f"{chosen.count(name)} in {name}" for name in [main, *others])
    return Detection(main, f"lines in different encodings: {share}", 0, tuple(chosen))


def detect(data: bytes, *, for_text: bool = False) -> Detection:
    """Choose the encoding of ``data`` and say why.

    ``for_text``: only the decoded text matters, not which of equally good encodings is named;
    when the tied candidates read the bytes as the same text, chardet is not asked to choose.

    >>> detect("中文".encode("gb18030")).encoding
    'gb18030'
    """
    for bom, name in BOMS:
        if data.startswith(bom):
            if name == "utf-8" and not _decodes(data[len(bom) :], name):
                # A UTF-8 file with lines pasted in from a GBK one (an editor kept the mark).
                mixed = _mixed_lines(data[len(bom) :], list(CHINESE_CANDIDATES))
                if mixed and mixed.encoding == name:
                    return mixed._replace(reason=f"byte-order mark {bom.hex(' ')}; {mixed.reason}", bom_length=len(bom))
            return Detection(name, f"byte-order mark {bom.hex(' ')}", len(bom))
    # NUL bytes are valid UTF-8 but not text: BOM-less UTF-16/32 of ASCII text is valid UTF-8
    # too, so their NUL pattern is looked at first (only when there are NULs: the fast path).
    wide = _utf16_32_by_nuls(data) if b"\x00" in data[:4096] else None
    if wide:
        return Detection(wide, "NUL-byte pattern of BOM-less " + wide.upper())
    if _decodes(data, "utf-8"):
        return Detection("utf-8", "valid UTF-8")
    declared = declared_charset(data)
    candidates = list(CHINESE_CANDIDATES)
    if declared:
        declared = canonical(declared)
        if declared not in candidates:
            candidates.insert(0, declared)
    clean = [c for c in candidates if _decodes(data, c)]
    # Scored on a bounded sample (readability reads no further), and chardet is asked only
    # when it has a tie to break.
    scores = {c: readability(_leading_text(data, c)) for c in clean}
    wide = _utf16_without_nuls(data, max(scores.values(), default=0.0))
    if wide:
        return Detection(wide[0], f"reads as Chinese as BOM-less {wide[0].upper()} ({wide[1]:.2f}), "
                                  "better than every legacy encoding")
    if not clean:
        mixed = _mixed_lines(data, candidates)
        if mixed:
            return mixed
        guess, confidence = _chardet_guess(data)
        if guess and confidence >= 0.5 and _decodes(data, guess):
            return Detection(guess, f"no Chinese encoding fits; chardet's guess {guess} ({confidence:.2f})")
        # A file with a few bad bytes (a UTF-8 page cut short mid-character, one stray byte) is
        # still in its encoding: the one whose text, bad bytes replaced, reads best as Chinese
        # (U+FFFD counts against it). How far each decodes strictly says little: GB18030 reads
        # UTF-8 for a while.
        lossy = {c: readability(_lossy_leading_text(data, c)) for c in ("utf-8", *candidates)}
        best_read = max(lossy, key=lossy.get)
        return Detection(best_read, "no candidate decodes cleanly; this one reads best as Chinese "
                                    f"with its bad bytes replaced ({lossy[best_read]:.2f})")
    return _with_utf8_lines(data, _best_clean(data, scores, declared, for_text))


def _best_clean(data: bytes, scores: dict[str, float], declared: str | None, for_text: bool) -> Detection:
    """Of the candidates that decode ``data`` cleanly (with their readability), the one to take."""
    best = max(scores.values())
    tied = [c for c in scores if scores[c] >= best - TIE]
    if declared in tied:
        return Detection(declared, f"declared charset {declared}; the bytes agree (reads as Chinese: {best:.2f})")
    if len(tied) > 1 and for_text and len({data.decode(c) for c in tied}) == 1:
        # Big5 text is also clean Big5-HKSCS and reads alike: any of them gives this text.
        return Detection(tied[0], f"equally readable candidates {', '.join(tied)} read the same")
    if len(tied) > 1:
        guess, _ = _chardet_guess(data)
        if guess in tied:
            return Detection(guess, f"chardet's guess {guess} among equally readable candidates {', '.join(tied)}")
    choice = tied[0]
    return Detection(choice, f"decodes cleanly and reads best as Chinese ({scores[choice]:.2f})")


def _with_utf8_lines(data: bytes, detection: Detection) -> Detection:
    """``detection`` of a legacy encoding that decodes the whole of ``data``, with the lines that
    are valid UTF-8 and read better so decoded as UTF-8: GB18030 reads UTF-8 bytes without an
    error, as mojibake (a UTF-8 line pasted into a GBK page), and Chinese in GBK or Big5 is
    seldom valid UTF-8 (none of the lines of 1 MB of the eval set's text in GB18030).

    >>> data = "标题：通知\\n".encode("gbk") + "你好\\n".encode()  # GB18030 reads 浣犲ソ
    >>> _with_utf8_lines(data, Detection("gb18030", "decodes cleanly")).lines
    ('gb18030', 'utf-8')
    """
    lines = data.splitlines(keepends=True)
    chosen = [line_encoding(line, detection.encoding, _main_decodes(line, detection.encoding)) for line in lines]
    switched = chosen.count("utf-8")
    if not switched:
        return detection
    return detection._replace(reason=f"{detection.reason}; {switched} of {len(lines)} lines read better as UTF-8",
                              lines=tuple(chosen))


def decode(data: bytes, *, encoding: str | None = None, errors: str = "strict",
           detection: Detection | None = None) -> str:
    """Decode bytes in any encoding to text: BOMs, UTF-8, UTF-16/32, GB18030, Big5; a file of
    lines in different encodings line by line. ``detection``: what :func:`detect` found for
    these bytes already.

    >>> decode(b"\\xef\\xbb\\xbf\\xe4\\xb8\\xad\\xe6\\x96\\x87")
    '中文'
    >>> decode("中文".encode("gbk"))
    '中文'
    """
    if isinstance(data, str):
        return data
    if detection is None:
        detection = forced(data, encoding) if encoding else detect(data, for_text=True)
    if detection.lines:
        lines = data[detection.bom_length :].splitlines(keepends=True)
        return "".join(line.decode(name, errors=errors) for line, name in zip(lines, detection.lines, strict=True))
    body = data[detection.bom_length :]
    try:
        return body.decode(detection.encoding, errors=errors)
    except LookupError:
        raise DecodeError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise not_decodable(detection.encoding, body[exc.start : exc.start + 1], exc.start + detection.bom_length) from None
