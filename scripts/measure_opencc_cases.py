"""Score cleantext's conversion on OpenCC's own test cases (../shared/external/opencc-testcases).

For every check whose config ends in Simplified (t2s, tw2s, hk2s, tw2sp, hk2sp) it prints exact-match
accuracy per config for cleantext with its supplementary tables (extras on), without them (extras off,
which equals opencc-python-reimplemented), and, with --opencc-cpp PYTHON, OpenCC C++ run by that
interpreter (a venv that has the `opencc` pip package).

    .venv/bin/python scripts/measure_opencc_cases.py --opencc-cpp benchmarks/.venvs/opencc/bin/python
    .venv/bin/python scripts/measure_opencc_cases.py -v      # also list the failures
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT.parent / "shared" / "external" / "opencc-testcases" / "testcases" / "testcases.strict.json"
TO_SIMPLIFIED = ("t2s", "tw2s", "hk2s", "tw2sp", "hk2sp")

CPP_DRIVER = """
import json, sys, opencc
checks = json.load(sys.stdin)
out = [opencc.OpenCC(cfg + ".json").convert(text) for cfg, text in checks]
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def load_checks(path: Path = CASES) -> list[tuple[str, str, str]]:
    """(config, input, expected) for every to-Simplified check."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(cfg, case["input"], expected)
            for case in data["cases"] for cfg, expected in case["expected"].items() if cfg in TO_SIMPLIFIED]


def score(outputs: list[str], checks) -> dict[str, tuple[int, int]]:
    result: dict[str, list[int]] = {}
    for out, (cfg, _, expected) in zip(outputs, checks, strict=True):
        row = result.setdefault(cfg, [0, 0])
        row[0] += out == expected
        row[1] += 1
    return {cfg: (ok, total) for cfg, (ok, total) in result.items()}


def run_cpp(python: str, checks) -> list[str]:
    payload = json.dumps([(cfg, text) for cfg, text, _ in checks], ensure_ascii=False)
    done = subprocess.run([python, "-c", CPP_DRIVER], input=payload, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--opencc-cpp", metavar="PYTHON", help="interpreter of a venv with OpenCC C++ (pip opencc)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the checks cleantext (extras on) fails")
    args = parser.parse_args()
    if not CASES.exists():
        sys.exit(f"{CASES} not found (../shared is only beside the developers' checkout)")
    sys.path.insert(0, str(ROOT))
    from cleantext.convert import convert

    checks = load_checks()
    columns = {
        "cleantext": [convert(text, config=cfg) for cfg, text, _ in checks],
        "cleantext --no-extras": [convert(text, config=cfg, extras=False) for cfg, text, _ in checks],
    }
    if args.opencc_cpp:
        columns["OpenCC C++"] = run_cpp(args.opencc_cpp, checks)
    scores = {name: score(outs, checks) for name, outs in columns.items()}
    groups = {"to-Simplified (t2s, tw2s, hk2s)": ("t2s", "tw2s", "hk2s"), "phrases (tw2sp, hk2sp)": ("tw2sp", "hk2sp")}
    print("| config | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for cfg in (*TO_SIMPLIFIED, *groups):
        cells = []
        for name in columns:
            cfgs = groups.get(cfg, (cfg,))
            ok = sum(scores[name].get(c, (0, 0))[0] for c in cfgs)
            total = sum(scores[name].get(c, (0, 0))[1] for c in cfgs)
            cells.append(f"{ok}/{total} ({100 * ok / total:.1f}%)" if total else "-")
        print(f"| {cfg} | " + " | ".join(cells) + " |")
    if args.verbose:
        for out, (cfg, text, expected) in zip(columns["cleantext"], checks, strict=True):
            if out != expected:
                print(f"\n{cfg}: {text}\n  want {expected}\n  got  {out}")


if __name__ == "__main__":
    main()
