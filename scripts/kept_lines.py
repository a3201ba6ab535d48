#!/usr/bin/env python3
"""Clean a case's input and keep only the output lines that the gold also keeps.

    score.py SET --cmd '.venv/bin/python scripts/kept_lines.py {}'

score.py's fidelity counts extra output lines (line selection, the strip step's job) as
edits. Filtering the output to the lines that match a gold line (score.py's own fuzzy
matching) leaves fidelity measuring only how those lines were written: conversion, repair,
punctuation and width. ``--strict`` also prints, to standard error, every difference that
score.py's NFKC keys cannot see (， against , and the like).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCORER = ROOT.parent / "shared" / "eval"

from cleantext import DecodeError, clean  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", type=Path)
    ap.add_argument("--strict", action="store_true", help="list character differences on stderr")
    args = ap.parse_args()
    sys.path.insert(0, str(SCORER))
    from rapidfuzz.distance import Levenshtein
    from score import align, gold_lines, key

    data = args.input.read_bytes()
    try:
        output = clean(data)
    except DecodeError:
        output = clean(data, errors="replace")
    gold_text = (args.input.parent / "gold.txt").read_text("utf-8")
    gold = gold_lines(gold_text)
    lines = [line for line in output.splitlines() if key(line)]
    pairs = align([key(line) for line in lines], gold)
    kept = [lines[i] for i, _ in pairs]
    sys.stdout.write("".join(line + "\n" for line in kept))
    if args.strict:
        raw_gold = [line.strip() for line in gold_text.splitlines() if key(line.strip())]
        raw_gold = [line[3:] if line.startswith("?? ") else line for line in raw_gold]
        for i, j in pairs:
            have, want = "".join(lines[i].split()), "".join(raw_gold[j].split())
            for op in Levenshtein.opcodes(have, want):
                if op.tag != "equal":
                    print(f"{args.input.parent.name} {op.tag}: {have[op.src_start:op.src_end]!r} -> "
                          f"{want[op.dest_start:op.dest_end]!r} near "
                          f"{want[max(0, op.dest_start - 6):op.dest_end + 6]!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
