"""Clean large plain-text inputs piece by piece, in memory that does not grow with the input.

A whole-document ``clean`` holds several copies of the text at once (Python strings, line
lists, rule decisions), about thirty times the size of the file. A large text file is not one
web page but many pages or a book, so it can be cleaned in pieces of about a megabyte: the bytes
are decoded incrementally with the encoding detected on the first block, and the text is cut at
line breaks that lie between two lines of prose (long lines that end a sentence). Such a cut
never separates chrome from the page it belongs to, and neither side of it is the head or tail
of a page, so each piece is cleaned as its neighbourhood would be in the whole file.

HTML is never cut (a page is one tree); the CLI cleans HTML and small inputs whole.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from . import lazyre
from .decode import BOMS, LINE_CANDIDATES, Detection, decode_lines, detect, forced, not_decodable
from .errors import DecodeError
from .extract import looks_like_html
from .pipeline import resolve, run

BLOCK_BYTES = 1 << 20  # bytes read at a time
STREAM_ABOVE_BYTES = 2 << 20  # inputs larger than this are cleaned in pieces
PIECE_CHARS = 1 << 18  # target size of a piece, in characters (about 0.75 MB of UTF-8 Chinese)

HAN = lazyre.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SENTENCE_END = lazyre.compile(r"[。！？!?…；][”」』）)]?\s*$")
PROSE_HAN = 15


def is_prose(line: str) -> bool:
    """A long line that ends a sentence: body text, never page chrome.

    >>> is_prose("这是一段足够长的正文，它以句号结尾，所以是正文的一部分。")
    True
    >>> is_prose("首页 > 新闻中心")
    False
    """
    return bool(SENTENCE_END.search(line)) and len(HAN.findall(line)) >= PROSE_HAN


def _detection_sample(head: bytes) -> bytes:
    """The first block cut at its last line break, so a multi-byte character is not split
    (0x0A is never part of a GBK, Big5 or UTF-8 multi-byte character)."""
    cut = head.rfind(b"\n")
    return head[: cut + 1] if cut > 0 else head


def detect_head(head: bytes, encoding: str | None = None) -> Detection:
    """The encoding of a stream, judged on its first block."""
    if encoding:
        return forced(head, encoding)
    if any(head.startswith(bom) for bom, _ in BOMS) or b"\x00" in head[:4096]:
        even = head[: len(head) - len(head) % 4]
        return detect(even)
    return detect(_detection_sample(head))


def decode_stream(head: bytes, rest: BinaryIO | None, *, encoding: str | None = None,
                  errors: str = "strict", block: int = BLOCK_BYTES) -> Iterator[str]:
    """Text of ``head`` followed by the rest of ``rest``, decoded incrementally.

    >>> import io
    >>> data = "第一行。\\n第二行。\\n".encode("gb18030")
    >>> "".join(decode_stream(data[:5], io.BytesIO(data[5:]), block=3))
    '第一行。\\n第二行。\\n'
    """
    found = detect_head(head, encoding)
    if not encoding and found.encoding in LINE_CANDIDATES:
        yield from _decode_by_lines(found, head, rest, errors, block)
        return
    try:
        decoder = codecs.getincrementaldecoder(found.encoding)(errors)
    except LookupError:
        raise DecodeError(f"unknown encoding {encoding or found.encoding!r}") from None
    offset = found.bom_length
    data, final = head[found.bom_length :], rest is None
    while True:
        try:
            text = decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            pending = len(exc.object) - len(data)  # bytes the decoder held back from the last call
            raise not_decodable(found.encoding, exc.object[exc.start : exc.start + 1],
                                offset - pending + exc.start) from None
        if text:
            yield text
        if final:
            return
        offset += len(data)
        data = rest.read(block)
        final = not data


def _decode_by_lines(found: Detection, head: bytes, rest: BinaryIO | None, errors: str, block: int) -> Iterator[str]:
    """decode_stream for UTF-8 and the legacy encodings, a block of whole lines at a time, each
    line in its own encoding where it is not in the one detected (see decode.line_encoding): a
    large file is often files joined together. A line break is never part of a multi-byte
    character in these encodings, so no character is cut."""
    offset = found.bom_length
    pending, final = head[found.bom_length :], rest is None
    while True:
        if not final:
            more = rest.read(block)
            final = not more
            pending += more
        cut = len(pending) if final else pending.rfind(b"\n") + 1
        if not cut and len(pending) > LONG_LINE_BYTES:
            cut = _safe_cut(pending, found.encoding)  # a line too long to hold: memory stays flat
        if cut:
            text = decode_lines(pending[:cut], found.encoding, errors, offset)
            offset += cut
            pending = pending[cut:]
            if text:
                yield text
        if final:
            return


LONG_LINE_BYTES = 4 * BLOCK_BYTES
SAFE_CUT_BYTES = range(0x30)  # in no multi-byte character of these encodings
SAFE_CUT_WINDOW = 1 << 16


def _safe_cut(data: bytes, encoding: str) -> int:
    """Where a long line may be cut without cutting a character (0: nowhere found): in UTF-8
    before the last lead byte; else after the last byte below 0x30 (space, most ASCII marks) in
    the last SAFE_CUT_WINDOW bytes, which no GBK, GB18030, Big5 or EUC-TW character holds
    (GB18030's four-byte characters hold digits, GBK's and Big5's pairs ASCII letters).

    >>> _safe_cut("中文".encode(), "utf-8"), _safe_cut("中文 中文".encode("gb18030"), "gb18030")
    (3, 5)
    """
    if encoding == "utf-8":
        at = len(data) - 1
        while at > 0 and 0x80 <= data[at] < 0xC0:
            at -= 1
        return at
    start = max(0, len(data) - SAFE_CUT_WINDOW)
    return max(data.rfind(bytes([byte]), start) for byte in SAFE_CUT_BYTES) + 1


def pieces(texts: Iterable[str], size: int | None = None) -> Iterator[str]:
    """Regroup text into pieces of about ``size`` characters, each ending at a line break that
    lies between two prose lines (or, in text with no prose, at any line break).

    >>> para = "这是一段足够长的正文，它以句号结尾，所以是正文的一部分。\\n"
    >>> parts = list(pieces([para * 10], size=100))
    >>> "".join(parts) == para * 10, all(p.endswith("\\n") for p in parts), len(parts) > 1
    (True, True, True)
    """
    size = size or PIECE_CHARS
    buffer = ""
    for text in texts:
        buffer += text
        while len(buffer) > size:
            cut = _cut_point(buffer, size)
            if cut is None:
                break
            yield buffer[:cut]
            buffer = buffer[cut:]
    if buffer:
        yield buffer


def _cut_point(buffer: str, size: int) -> int | None:
    """Index just after a line break past ``size`` that separates two prose lines; past twice
    the size, any line break will do. None: wait for more text."""
    start = buffer.rfind("\n", 0, size) + 1
    pos = start
    while True:
        end = buffer.find("\n", pos)
        if end < 0:
            return None
        after_end = buffer.find("\n", end + 1)
        if after_end < 0:
            return None
        if is_prose(buffer[pos:end]) and is_prose(buffer[end + 1 : after_end]):
            return end + 1
        if end + 1 - start > size:
            return end + 1
        pos = end + 1


def clean_stream(head: bytes, rest: BinaryIO | None, steps: str | Iterable[str] | None = None,
                 piece_chars: int | None = None, **options) -> Iterator[str]:
    """Clean a large plain-text input piece by piece; yields the cleaned pieces in order.

    ``head`` is the first block already read, ``rest`` the stream with the remainder.

    >>> import io
    >>> para = "臺北市立圖書館舉辦兒童閱讀週，各分館將舉辦說故事與親子手作等活動。\\n"
    >>> data = ("首頁 > 新聞\\n" + para * 3).encode("big5")
    >>> print("".join(clean_stream(data[:20], io.BytesIO(data[20:]))), end="")
    台北市立图书馆举办儿童阅读周，各分馆将举办说故事与亲子手作等活动。
    台北市立图书馆举办儿童阅读周，各分馆将举办说故事与亲子手作等活动。
    台北市立图书馆举办儿童阅读周，各分馆将举办说故事与亲子手作等活动。
    """
    chain = [step for step in resolve(steps) if not step.takes_bytes]
    decode_options = {k: options[k] for k in ("encoding", "errors") if k in options}
    texts = decode_stream(head, rest, **decode_options)
    for piece in pieces(texts, piece_chars or PIECE_CHARS):
        yield run(piece, chain, options)


def should_stream(head: bytes, more: bool) -> bool:
    """Whether an input whose first ``STREAM_ABOVE_BYTES`` are ``head`` is cleaned in pieces:
    only large inputs (``more``: bytes remain after ``head``) that are not HTML."""
    if not more:
        return False
    sample = _detection_sample(head[:65536]).decode("utf-8", "ignore")
    return not looks_like_html(sample)
