"""Measure mojibake repair against the issue's targets.

- ../shared/external/mojibake-issues-zh: exact matches per category (lossy ones also report the
  character error rate); lossy_flag cases must come back unchanged; detection cases are skipped.
- ../shared/external/ftfy-testcases/test-cases/negative.json: must come back unchanged.
- every gold.txt under ../shared/eval, run through repair: number changed (target 0).
- ftfy alone on mojibake-issues-zh, from benchmarks/.venvs/ftfy when it exists, side by side.

Run:  .venv/bin/python scripts/measure_mojibake.py [-v]
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FTFY = ROOT / "benchmarks" / ".venvs" / "ftfy" / "bin" / "python"
sys.path.insert(0, str(ROOT))


def _ftfy(texts: list[str]) -> list[str | None]:
    if not FTFY.exists():
        return [None] * len(texts)
    program = "import sys, json, ftfy\nprint(json.dumps([ftfy.fix_text(t) for t in json.load(sys.stdin)]))\n"
    out = subprocess.run([str(FTFY), "-c", program], input=json.dumps(texts), capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)




def main() -> int:
    verbose = "-v" in sys.argv
    if not SHARED.exists():
        print(f"skipped: {SHARED} not present")
        return 0
    from cleantext.repair import repair

    path = SHARED / "external" / "mojibake-issues-zh" / "cases.jsonl"
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    cases = [c for c in cases if c["category"] != "encoding_detection"]
    peer = _ftfy([c["input"] for c in cases])
    print(f"{'mojibake-issues-zh':28} {'n':>3} {'cleantext':>10} {'ftfy':>6}  (exact; CER for lossy)")
    for category in ("mojibake_repair", "mojibake_repair_lossy", "lossy_flag"):
        rows = [(c, p) for c, p in zip(cases, peer, strict=True) if c["category"] == category]
        ours_ok = peer_ok = errors = length = 0
        for case, theirs in rows:
            expected = case["expected"] if case["expected"] is not None else case["input"]
            got = repair(case["input"])
            ours_ok += got == expected
            peer_ok += theirs == expected
            errors += Levenshtein.distance(got, expected)
            length += len(expected)
            if verbose and got != expected:
                print(f"  {case['id']}: {case['input']!r} -> {got!r} (gold {expected!r})")
        extra = f"  CER {errors / max(1, length):.3f}" if category.endswith("lossy") else ""
        peer_text = f"{peer_ok:>3}/{len(rows)}" if FTFY.exists() else "   n/a"
        print(f"  {category:26} {len(rows):3} {ours_ok:>6}/{len(rows):<3} {peer_text}{extra}")
    negative = json.loads((SHARED / "external/ftfy-testcases/test-cases/negative.json").read_text(encoding="utf-8"))
    changed = [c["label"] for c in negative if repair(c["original"]) != c["original"]]
    print(f"ftfy negative cases unchanged: {len(negative) - len(changed)}/{len(negative)}")
    golds = sorted((SHARED / "eval").glob("*/*/gold.txt"))
    changed = [g for g in golds if repair(t := g.read_text(encoding="utf-8")) != t]
    print(f"gold.txt files changed by repair: {len(changed)} of {len(golds)}")
    for g in changed if verbose else ():
        print("  ", g.relative_to(SHARED))
    return 0


if __name__ == "__main__":
    sys.exit(main())
