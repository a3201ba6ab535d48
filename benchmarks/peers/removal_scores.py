#!/usr/bin/env python3
"""Precision and recall of strip's *removed* lines against the gold of a case set.

    .venv/bin/python benchmarks/peers/removal_scores.py ../shared/eval/devset [-v] [--case d001]

Every line that reaches strip (after decode, repair and extract) is labelled from the gold:
"keep" when it aligns with a required gold line, "opt" with an optional one, "drop" otherwise
(alignment as in score.py: NFKC, no white space, similarity >= 0.8, order kept). Then strip's
decision for that line is compared with the label. Optional lines never count.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from cleantext.pipeline import resolve, run
from cleantext.strip import explain_lines


def _scorer(cases: Path):
    spec = importlib.util.spec_from_file_location("score", cases.parent / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def label_case(case: Path, score) -> list[tuple[str, str, str, str]]:
    """(line, label, decision, rule) for every non-blank line strip sees."""
    raw = sorted(case.glob("input.*"))[0].read_bytes()
    text = run(raw, resolve("repair,extract"), {})
    rows = [r for r in explain_lines(text) if r[0].strip()]
    finish = resolve("unannotate,convert,normalize")
    keys = [score.key(run(line, finish, {})) or "\x00" for line, _, _ in rows]
    gold = score.gold_lines((case / "gold.txt").read_text("utf-8"))
    pairs = dict(score.align(keys, gold))
    out = []
    for i, (line, decision, rule) in enumerate(rows):
        label = "drop" if i not in pairs else ("opt" if gold[pairs[i]][1] else "keep")
        out.append((line, label, decision, rule))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases", type=Path)
    ap.add_argument("--case", help="only this case, and print every line")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the wrong lines of every case")
    args = ap.parse_args()
    score = _scorer(args.cases)
    tp = fp = fn = 0
    for case in sorted(p for p in args.cases.iterdir() if (p / "gold.txt").exists()):
        if args.case and case.name != args.case:
            continue
        rows = label_case(case, score)
        for line, label, decision, rule in rows:
            removed = decision == "removed"
            if label == "opt":
                pass
            elif removed and label == "drop":
                tp += 1
            elif removed:
                fp += 1
            elif label == "drop":
                fn += 1
            wrong = label != "opt" and removed != (label == "drop")
            if args.case or (args.verbose and wrong):
                mark = "!!" if wrong else "  "
                print(f"{mark} {case.name} {label:4} {decision:7} {rule or '-':16} {line.strip()[:90]}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    print(f"removed lines: precision {p:.3f} recall {r:.3f} (tp {tp}, wrongly removed {fp}, missed {fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
