"""Measure how well repair recovers lost bytes and lost characters on many clean lines.

Clean lines come from every gold.txt under ../shared/eval (sampled with a fixed seed). Each
line is damaged by one lossy kind, repaired, and compared with the clean line:

- utf8-as-gbk-lost-byte: the UTF-8 bytes read by Windows GBK (a lead byte that meets an ASCII
  byte or the line end is lost as U+FFFD), as in devset d024;
- gbk-out-of-step: GBK read one byte out of step from a random character to the next ASCII
  character (the lead byte there is lost as ?, and the dangling byte at the end too), as in s004;
- lost-char-pinyin: one or two characters of a word lost to ? with their pinyin kept, as in s004
  (needs pypinyin and jieba, the ``build`` extra).

Reports per kind: lines, fidelity (1 - edit distance / length), lines exact, seconds.

Run:  .venv/bin/python scripts/measure_lossy_repair.py [-n LINES] [-v]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))

HAN = re.compile("[\u4e00-\u9fff]")


def clean_lines(limit: int, seed: int) -> list[str]:
    lines = set()
    for gold in sorted(SHARED.glob("*/*/gold.txt")):
        for line in gold.read_text(encoding="utf-8").splitlines():
            line = line[3:] if line.startswith("?? ") else line
            line = line.strip()
            if 12 <= len(line) <= 160 and len(HAN.findall(line)) >= 0.6 * len(line):
                lines.add(line)
    ordered = sorted(lines)
    random.Random(seed).shuffle(ordered)
    return ordered[:limit]


def _windows_gbk(data: bytes) -> str:
    """GBK as Windows (and WHATWG) decode it: 0x80 is €; a lead byte that meets an ASCII byte
    or the end is lost as U+FFFD and the ASCII byte is read again."""
    out = []
    i = 0
    while i < len(data):
        byte = data[i]
        if byte < 0x80:
            out.append(chr(byte))
            i += 1
        elif byte == 0x80:
            out.append("€")
            i += 1
        elif byte == 0xFF or i + 1 >= len(data) or data[i + 1] < 0x40 and not 0x30 <= data[i + 1] <= 0x39:
            out.append("\ufffd")
            i += 1
        else:
            size = 4 if 0x30 <= data[i + 1] <= 0x39 else 2
            try:
                out.append(data[i : i + size].decode("gb18030"))
                i += size
            except UnicodeDecodeError:
                out.append("\ufffd")
                i += 1 if data[i + 1] < 0x80 else 2
    return "".join(out)


def utf8_as_gbk_lost_byte(line: str, rng: random.Random) -> tuple[str, str] | None:
    damaged = _windows_gbk((line + "\n").encode("utf-8"))[:-1]
    if "\ufffd" not in damaged:
        return None
    return damaged, line


def gbk_out_of_step(line: str, rng: random.Random) -> tuple[str, str] | None:
    try:
        line.encode("gbk")
    except UnicodeEncodeError:
        return None
    starts = [i for i in range(1, len(line) - 4) if not line[i].isascii() and not line[i - 1].isascii()]
    if not starts:
        return None
    at = rng.choice(starts)
    end = at
    while end < len(line) and not line[end].isascii():
        end += 1
    if end - at < 4:
        return None
    data = line[at:end].encode("gbk")
    try:
        shifted = data[1:-1].decode("gb18030")
    except UnicodeDecodeError:
        return None
    return line[:at] + "?" + shifted + line[end:], line


def lost_char_pinyin(line: str, rng: random.Random) -> tuple[str, str] | None:
    import jieba
    from pypinyin import Style, pinyin

    words = [w for w in jieba.lcut(line) if 2 <= len(w) <= 3 and all(HAN.match(c) for c in w)]
    if not words:
        return None
    word = rng.choice(words)
    at = line.index(word)
    readings = [r[0] for r in pinyin(word, style=Style.TONE, heteronym=False)]
    lost = "".join(f"?({r})" for r in readings)
    kept = "".join(f"{c}({r})" for c, r in zip(word, readings, strict=True))
    return line[:at] + lost + line[at + len(word):], line[:at] + kept + line[at + len(word):]


KINDS = {
    "utf8-as-gbk-lost-byte": utf8_as_gbk_lost_byte,
    "gbk-out-of-step": gbk_out_of_step,
    "lost-char-pinyin": lost_char_pinyin,
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=400, help="clean lines sampled per kind")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("-v", action="store_true", help="print each line that differs")
    parser.add_argument("--kind", action="append", help="only these kinds")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} not present")
        return 0
    from cleantext.repair import repair

    lines = clean_lines(args.n, args.seed)
    print(f"{'kind':24} {'lines':>5} {'fidelity':>8} {'exact':>6} {'wrong':>6} {'seconds':>7}")
    for name, damage in KINDS.items():
        if args.kind and name not in args.kind:
            continue
        rng = random.Random(args.seed)
        lines_done = exact = errors = length = 0
        started = time.perf_counter()
        for line in lines:
            made = damage(line, rng)
            if made is None:
                continue
            damaged, expected = made
            got = repair(damaged)
            distance = Levenshtein.distance(got, expected)
            lines_done += 1
            exact += distance == 0
            errors += distance
            length += len(expected)
            if args.v and distance:
                print(f"  {name}: {got}\n  {'':{len(name)}}  {expected}")
        seconds = time.perf_counter() - started
        fidelity = 1 - errors / length if length else 1.0
        print(f"{name:24} {lines_done:5d} {fidelity:8.4f} {exact / max(lines_done, 1):6.3f} {errors:6d} {seconds:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
