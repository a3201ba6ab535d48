#!/usr/bin/env python3
"""Make a case's gold text dirty the way old files and flattened pages are, and clean it again.

    dirty_gold.py CASE/input.txt [--run normalize|clean|none] [--style indent|blank|none]
    dirty_gold.py --check SET_DIR [--run ...] [--style ...]

The gold (CASE/gold.txt beside the input the scorer passes) is flattened with NFKC (，：（）
become ASCII), every paragraph is indented with two U+3000, Latin letters, digits and inner
spaces are made full-width, and each paragraph is hard-wrapped at a fixed width (40 to 80
columns, chosen per case) by a character wrapper, as old Big5/GBK text files were. Then the
chosen step runs and its output is printed, so that

    score.py SET --cmd '.venv/bin/python scripts/dirty_gold.py {} --run normalize'

measures how much of the gold normalize gives back. score.py compares NFKC keys, which cannot
see width or punctuation; ``--check`` compares character for character (white space aside)
and lists the differences.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleantext import clean, normalize  # noqa: E402
from cleantext.unwrap import columns  # noqa: E402

INDENT = "\u3000\u3000"
STYLES = ("indent", "blank", "none")


def gold_paragraphs(gold: str) -> list[str]:
    """The gold lines without the optional-line marker and without blank lines."""
    lines = [line.strip() for line in gold.splitlines()]
    return [line[3:] if line.startswith("?? ") else line for line in lines if line]


def full_width(text: str) -> str:
    """ASCII letters and digits become full-width, spaces U+3000 (punctuation stays)."""
    return "".join(
        chr(ord(ch) + 0xFEE0) if ch.isascii() and ch.isalnum() else "\u3000" if ch == " " else ch
        for ch in text
    )


def hard_wrap(line: str, width: int) -> list[str]:
    """Cut ``line`` into lines of at most ``width`` columns, between any two characters.

    A space that would begin a line stays at the end of the previous one, as wrappers do.
    """
    out, current = [], ""
    for ch in line:
        if columns(current + ch) > width and current and not ch.isspace():
            out.append(current)
            current = ""
        current += ch
    out.append(current)
    return out


def dirty(gold: str, seed: str, style: str = "indent") -> str:
    rng = random.Random(seed)
    width = rng.randrange(40, 81)
    out = []
    for paragraph in gold_paragraphs(gold):
        text = full_width(unicodedata.normalize("NFKC", paragraph))
        if style == "indent":
            text = INDENT + text
        out += hard_wrap(text, width)
        if style == "blank":
            out.append("")
    return "\r\n".join(out) + "\r\n"


def run(text: str, step: str) -> str:
    if step == "normalize":
        return normalize(text)
    if step == "clean":
        return clean(text)
    return text


def strict_report(case: Path, output: str) -> tuple[int, int, int, int, list[str]]:
    """Edits and length (no NFKC, white space removed), exact and all gold lines, differences."""
    from rapidfuzz.distance import Levenshtein

    gold = gold_paragraphs((case / "gold.txt").read_text("utf-8"))
    want = "".join("".join(line.split()) for line in gold)
    have = "".join("".join(line.split()) for line in output.splitlines())
    got_lines = {"".join(line.split()) for line in output.splitlines() if line.strip()}
    exact = sum("".join(line.split()) in got_lines for line in gold)
    diffs = []
    for op in Levenshtein.opcodes(have, want):
        if op.tag != "equal":
            diffs.append(f"{case.name} {op.tag}: {have[op.src_start:op.src_end]!r} -> "
                         f"{want[op.dest_start:op.dest_end]!r}  near {want[max(0, op.dest_start - 6):op.dest_end + 6]!r}")
    return Levenshtein.distance(have, want), len(want), exact, len(gold), diffs


def check(set_dir: Path, step: str, style: str) -> None:
    edits = chars = exact = lines = 0
    for case in sorted(p for p in set_dir.iterdir() if (p / "gold.txt").exists()):
        output = run(dirty((case / "gold.txt").read_text("utf-8"), case.name, style), step)
        e, n, x, m, diffs = strict_report(case, output)
        edits, chars, exact, lines = edits + e, chars + n, exact + x, lines + m
        for line in diffs:
            print(line)
    print(f"{set_dir.name} run={step} style={style}: strict fidelity {1 - edits / max(1, chars):.4f} "
          f"({edits} edits / {chars} chars); gold lines given back exactly {exact}/{lines}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", type=Path, help="a case's input file (its gold.txt is read), or a set with --check")
    ap.add_argument("--run", choices=("normalize", "clean", "none"), default="normalize")
    ap.add_argument("--style", choices=STYLES, default="indent")
    ap.add_argument("--check", action="store_true", help="compare every case of the set strictly")
    args = ap.parse_args()
    if args.check:
        check(args.path, args.run, args.style)
        return 0
    case = args.path.parent
    text = dirty((case / "gold.txt").read_text("utf-8"), case.name, args.style)
    sys.stdout.buffer.write(run(text, args.run).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
