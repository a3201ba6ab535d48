"""Measure decode on files the detection sets do not have, made from every gold.txt of
../shared/eval: BOM-less UTF-16 (with and without the NUL bytes of ASCII), legacy pieces that
must not pass for UTF-16, files cut short or with a stray byte, files whose lines are in
different encodings, and short pieces of GB18030 and Big5 text beside chardet alone.

Run: .venv/bin/python scripts/measure_decode_cases.py      (needs ../shared; seeds are fixed)
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleantext.decode import decode, detect  # noqa: E402
from cleantext.errors import DecodeError  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
LENGTHS = (2, 3, 5, 10, 30, 200, 2000)


def gold_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("*/*/gold.txt"))]


def _piece(rng: random.Random, text: str, lengths: tuple[int, ...]) -> tuple[int, str]:
    """A length drawn from ``lengths`` and a piece of ``text`` that long (shorter at its end)."""
    length = rng.choice(lengths)
    at = rng.randrange(max(1, len(text) - length))
    return length, text[at : at + length]


def _legacy_bytes(piece: str, encoding: str) -> bytes | None:
    """``piece`` in ``encoding``; None where it cannot be, or is ASCII (no evidence either way)."""
    try:
        data = piece.encode(encoding)
    except UnicodeEncodeError:
        return None
    return None if data.isascii() else data


def legacy_never_utf16(texts: list[str]) -> tuple[int, int]:
    """(pieces, pieces taken for UTF-16): GB18030 and Big5 pieces of 1 to 200 characters."""
    rng = random.Random(1)
    pieces = wrong = 0
    for text in texts:
        for _ in range(20):
            _, piece = _piece(rng, text, (1, 2, 3, 4, 6, 10, 30, 200))
            for encoding in ("gb18030", "big5"):
                data = _legacy_bytes(piece, encoding)
                if data is None:
                    continue
                pieces += 1
                wrong += detect(data).encoding.startswith("utf-16")
    return pieces, wrong


def utf16_right(texts: list[str], without_ascii: bool) -> dict[int, float]:
    """Share of BOM-less UTF-16 (LE and BE) pieces decoded as what they are, by length."""
    rng = random.Random(2)
    counts: Counter[tuple[int, bool]] = Counter()
    for text in texts:
        if without_ascii:
            text = re.sub(r"[\x00-\x7f]", "", text)
        if len(text) < 10:
            continue
        for _ in range(10):
            length, piece = _piece(rng, text, LENGTHS)
            for encoding in ("utf-16-le", "utf-16-be"):
                counts[length, detect(piece.encode(encoding)).encoding == encoding] += 1
    return {n: counts[n, True] / max(1, counts[n, True] + counts[n, False]) for n in LENGTHS}


def damaged_guess(texts: list[str]) -> Counter[tuple[str, str, bool]]:
    """(encoding, damage, guessed right) counts: the first 3000 characters cut at a byte that
    breaks a character, or with a stray 0xFF."""
    rng = random.Random(3)
    same = {"utf-8": {"utf-8"}, "gb18030": {"gb18030"}, "big5": {"big5", "big5hkscs"}}
    counts: Counter[tuple[str, str, bool]] = Counter()
    for text in texts:
        for encoding in same:
            try:
                data = text[:3000].encode(encoding)
            except UnicodeEncodeError:
                continue
            if data.isascii() or len(data) < 50:
                continue
            for damage in ("cut", "stray"):
                if damage == "cut":
                    for _ in range(10):
                        damaged = data[: rng.randrange(len(data) // 2, len(data))]
                        try:
                            damaged.decode(encoding)
                        except UnicodeDecodeError:
                            break
                    else:
                        continue
                else:
                    at = rng.randrange(len(data))
                    damaged = data[:at] + b"\xff" + data[at:]
                counts[encoding, damage, detect(damaged).encoding in same[encoding]] += 1
    return counts


def mixed_lines(texts: list[str]) -> Counter[tuple[str, str]]:
    """(main encoding, outcome) counts: one random line of a text in the other encoding."""
    rng = random.Random(4)
    counts: Counter[tuple[str, str]] = Counter()
    for text in texts:
        lines = text.splitlines(keepends=True)
        if len(lines) < 3:
            continue
        for main, other in (("gbk", "utf-8"), ("utf-8", "gbk")):
            encodings = [main] * len(lines)
            encodings[rng.randrange(len(lines))] = other
            try:
                data = b"".join(line.encode(e) for line, e in zip(lines, encodings, strict=True))
            except UnicodeEncodeError:
                continue
            try:
                outcome = "exact" if decode(data) == text.lstrip("\ufeff") else "other text"
            except DecodeError:
                outcome = "error"
            counts[main, outcome] += 1
    return counts


SHORT_LENGTHS = (1, 2, 3, 4, 6, 10, 20)


def short_pieces() -> dict[tuple[str, int], list[tuple[bool, bool]]]:
    """(encoding, length) -> per piece (cleantext right, chardet alone right): pieces of the
    generator's clean lines, Simplified in GB18030 and Traditional in Big5 (the short input on
    which detectors confuse them: chardet#94, charset_normalizer#587)."""
    import chardet

    sys.path.insert(0, str(ROOT / "scripts"))
    import measure_generated as mg

    simplified, traditional = mg.clean_documents()
    rng = random.Random(5)
    out: dict[tuple[str, int], list[tuple[bool, bool]]] = {}
    for documents, encoding in ((simplified, "gb18030"), (traditional, "big5")):
        for _ in range(3000):
            length, piece = _piece(rng, rng.choice(rng.choice(documents)), SHORT_LENGTHS)
            data = _legacy_bytes(piece, encoding)
            if data is None:
                continue
            try:
                ours = decode(data) == piece
            except DecodeError:
                ours = False
            guess = chardet.detect(data).get("encoding")
            try:
                theirs = bool(guess) and data.decode(guess) == piece
            except (LookupError, UnicodeDecodeError):
                theirs = False
            out.setdefault((encoding, length), []).append((ours, theirs))
    return out


def main() -> int:
    if not SHARED.is_dir():
        print(f"no {SHARED}: nothing to measure", file=sys.stderr)
        return 0
    texts = gold_texts()
    pieces, wrong = legacy_never_utf16(texts)
    print(f"GB18030 and Big5 pieces of 1-200 characters taken for UTF-16: {wrong} of {pieces}")
    for without_ascii in (True, False):
        right = utf16_right(texts, without_ascii)
        label = "without ASCII (no NUL byte)" if without_ascii else "as written"
        print(f"BOM-less UTF-16, {label}, right by length: "
              + ", ".join(f"{n}: {share:.1%}" for n, share in right.items()))
    damaged = damaged_guess(texts)
    for encoding in ("utf-8", "gb18030", "big5"):
        for damage in ("cut", "stray"):
            ok, bad = damaged[encoding, damage, True], damaged[encoding, damage, False]
            print(f"{encoding} {'cut short' if damage == 'cut' else 'with a stray byte'}: guessed right {ok} of {ok + bad}")
    mixed = mixed_lines(texts)
    for main in ("utf-8", "gbk"):
        total = sum(n for (m, _), n in mixed.items() if m == main)
        print(f"{main} with one line in the other: "
              + ", ".join(f"{outcome} {mixed[main, outcome]}" for outcome in ("exact", "other text", "error"))
              + f" of {total}")
    short = short_pieces()
    for encoding in ("gb18030", "big5"):
        cells = []
        for n in SHORT_LENGTHS:
            results = short.get((encoding, n), [])
            ours = sum(r[0] for r in results) / max(1, len(results))
            theirs = sum(r[1] for r in results) / max(1, len(results))
            cells.append(f"{n}: {ours:.0%} / {theirs:.0%}")
        label = "Simplified in GB18030" if encoding == "gb18030" else "Traditional in Big5"
        print(f"{label}, short pieces decoded right (cleantext / chardet alone) by length: " + ", ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
