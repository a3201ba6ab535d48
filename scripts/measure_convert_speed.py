"""Conversion throughput of cleantext against OpenCC C++ and opencc-python-reimplemented, in one run.

Builds (once, reproducibly; benchmarks/corpus.py conversion_pair, also used by `make bench`) a
Traditional file of at least 12 MB under benchmarks/.corpus/: the
Simplified gold texts of ../shared/eval (or the repository's samples/ when ../shared is missing),
shuffled by line with a fixed seed and repeated, then converted with s2t. Each config runs on the
same file: t2s-direction configs on the Traditional file, s2t on its Simplified source.

    .venv/bin/python scripts/measure_convert_speed.py                     # all three sides
    .venv/bin/python scripts/measure_convert_speed.py --configs t2s,s2t --reimpl-mb 2

OpenCC C++ runs in benchmarks/.venvs/opencc (pip `opencc`; its module name clashes with
opencc-python-reimplemented). opencc-python-reimplemented is timed on the first --reimpl-mb MB only
(it runs at about 1 MB/s). Cold start is the first conversion in a fresh process.

Throughput is measured in CPU time of the converting process (time.process_time), best of --repeat,
on all sides: on a machine shared with other work, wall-clock ratios between runs taken a few
seconds apart swing by 2x. Cold start stays wall-clock time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
CORPUS = ROOT / "benchmarks" / ".corpus"
OPENCC_CPP = ROOT / "benchmarks" / ".venvs" / "opencc" / "bin" / "python"
TARGET_BYTES = 12_000_000
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus  # noqa: E402

CPP_DRIVER = """
import json, sys, time, opencc
path, configs, repeat = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3])
texts = {k: open(p, encoding="utf-8").read() for k, p in json.loads(path).items()}
out = {}
for cfg in configs:
    text = texts["simplified" if cfg.startswith("s2") else "traditional"]
    conv = opencc.OpenCC(cfg + ".json")
    conv.convert(text[:1000])
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        conv.convert(text)
        times.append(time.process_time() - t0)
    out[cfg] = len(text.encode()) / min(times) / 1e6
print(json.dumps(out))
"""

COLD = """
import time
t0 = time.perf_counter()
from cleantext.convert import convert
t1 = time.perf_counter()
convert("這是一個測試，來源：北國網")
t2 = time.perf_counter()
print((t2 - t1) * 1000, (t2 - t0) * 1000)
"""


def build_corpus() -> dict[str, Path]:
    traditional, simplified = corpus.conversion_pair(TARGET_BYTES / 1e6)
    return {"simplified": simplified, "traditional": traditional}


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--configs", default="t2s,tw2s,hk2s,tw2sp,s2t")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reimpl-mb", type=float, default=1.0)
    args = parser.parse_args()
    configs = args.configs.split(",")
    files = build_corpus()
    texts = {k: p.read_text(encoding="utf-8") for k, p in files.items()}
    print(f"corpus: {files['traditional']} ({len(texts['traditional'].encode()) / 1e6:.1f} MB Traditional), "
          f"{files['simplified']} ({len(texts['simplified'].encode()) / 1e6:.1f} MB Simplified)")

    from cleantext.convert import convert

    ours, reimpl = {}, {}
    import opencc as reimplemented

    for cfg in configs:
        text = texts["simplified" if cfg.startswith("s2") else "traditional"]
        convert(text[:1000], config=cfg)
        ours[cfg] = len(text.encode()) / best_of(lambda t=text, c=cfg: convert(t, config=c), args.repeat) / 1e6
        if cfg != "hk2sp":
            piece = text.encode()[: int(args.reimpl_mb * 1e6)].decode("utf-8", "ignore")
            conv = reimplemented.OpenCC(cfg)
            reimpl[cfg] = len(piece.encode()) / best_of(lambda p=piece, c=conv: c.convert(p), 1) / 1e6
    cpp = {}
    if OPENCC_CPP.exists():
        done = subprocess.run([str(OPENCC_CPP), "-c", CPP_DRIVER, json.dumps({k: str(p) for k, p in files.items()}),
                               ",".join(c for c in configs if c != "hk2sp"), str(args.repeat)],
                              capture_output=True, text=True, check=True)
        cpp = json.loads(done.stdout)
    colds = []
    for _ in range(5):
        done = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True, cwd=ROOT)
        colds.append([float(x) for x in done.stdout.split()])
    print("\n| config | cleantext MB/s | OpenCC C++ MB/s | reimplemented MB/s | vs C++ | vs reimplemented |")
    print("|---|---|---|---|---|---|")
    for cfg in configs:
        c, r = cpp.get(cfg), reimpl.get(cfg)
        print(f"| {cfg} | {ours[cfg]:.1f} | {c or float('nan'):.1f} | {r or float('nan'):.2f} | "
              f"{ours[cfg] / c if c else float('nan'):.2f}x | {ours[cfg] / r if r else float('nan'):.1f}x |")
    first = sorted(c[0] for c in colds)[len(colds) // 2]
    total = sorted(c[1] for c in colds)[len(colds) // 2]
    print(f"\ncold start (median of 5 fresh processes): first convert() {first:.1f} ms; "
          f"with `import cleantext.convert` {total:.1f} ms")


if __name__ == "__main__":
    main()
