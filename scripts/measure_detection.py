"""Measure encoding detection: cleantext.decode.detect, chardet alone, charset-normalizer alone.

A guess is right when decoding the bytes with it gives the same text as decoding with the label
(chardet's own rule), so gb18030 for a GB2312 file is right. Sets (from ../shared/external):

- chardet-tests, Chinese folders (Big5, GB2312, EUC-TW, UTF-16/32 with and without BOM, UTF-8)
- char-dataset-zh, uchardet-zh
- the original pages of cleaneval-zh and zh-web-content-extraction (labels: encoding_labels.tsv,
  the strict decoder column; pages that no codec decodes strictly are left out)

Files are given as they are (XML/HTML declarations included: the product sees them too);
``--strip-declarations`` removes ``encoding=``/``charset=`` declarations first.

charset-normalizer runs in its own venv (benchmarks/.venvs/charset-normalizer), never in .venv.

Run:  .venv/bin/python scripts/measure_detection.py [--strip-declarations] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "external"
NORMALIZER = ROOT / "benchmarks" / ".venvs" / "charset-normalizer" / "bin" / "python"
CHINESE_FOLDERS = ("Big5", "GB2312", "EUC-TW", "UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32", "UTF-32BE",
                   "UTF-32LE", "utf-8", "utf-8-sig")
DECLARATION = re.compile(rb"""(encoding|charset)\s*=\s*["']?[A-Za-z0-9_.:-]+["']?""", re.I)

sys.path.insert(0, str(ROOT))


def files() -> list[tuple[str, Path, str]]:
    """(set, path, label) for every file measured."""
    found = []
    for folder in CHINESE_FOLDERS:
        for path in sorted((SHARED / "chardet-tests" / folder).glob("*")):
            found.append(("chardet-tests/" + folder, path, folder))
    for path in sorted((SHARED / "char-dataset-zh").glob("*/*")):
        found.append(("char-dataset-zh", path, path.parent.name))
    for path in sorted((SHARED / "uchardet-zh" / "zh").glob("*.txt")):
        found.append(("uchardet-zh", path, path.stem))
    for name, folder in (("cleaneval-zh", "cleaneval-zh"), ("zhwce", "zh-web-content-extraction")):
        labels = (SHARED / folder / "encoding_labels.tsv").read_text(encoding="utf-8").splitlines()[1:]
        for row in labels:
            cells = row.split("\t")
            if cells[-1] != "none":
                found.append((name, SHARED / folder / "original" / cells[0], cells[-1]))
    return found


def _body(name: str, path: Path, strip: bool) -> bytes:
    data = path.read_bytes()
    if name == "cleaneval-zh":
        data = data.split(b"\n", 1)[1]  # the CleanEval header line is not part of the page
    return DECLARATION.sub(b"", data) if strip else data


def _text(data: bytes, codec: str | None) -> str | None:
    if not codec:
        return None
    from cleantext.decode import decode

    try:
        return decode(data, encoding=codec)
    except Exception:
        return None


def _label_text(data: bytes, label: str) -> str | None:
    label = {"EUC-TW": "euc-tw", "euc-tw": "euc-tw"}.get(label, label)
    return _text(data, label)


def ours(data: bytes) -> str:
    from cleantext.decode import detect

    return detect(data).encoding


def chardet_alone(data: bytes) -> str | None:
    import chardet

    return chardet.detect(data).get("encoding")


def normalizer_guesses(blobs: list[bytes]) -> list[str | None]:
    if not NORMALIZER.exists():
        return [None] * len(blobs)
    program = (
        "import sys, json, charset_normalizer\n"
        "out = []\n"
        "for path in json.load(sys.stdin):\n"
        "    best = charset_normalizer.from_bytes(open(path, 'rb').read()).best()\n"
        "    out.append(best.encoding if best else None)\n"
        "print(json.dumps(out))\n"
    )
    import tempfile

    paths = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, blob in enumerate(blobs):
            p = Path(tmp) / f"{i}.bin"
            p.write_bytes(blob)
            paths.append(str(p))
        result = subprocess.run([str(NORMALIZER), "-c", program], input=json.dumps(paths), capture_output=True,
                                text=True, check=True)
    return json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strip-declarations", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} not present")
        return 0
    cases = files()
    blobs = [_body(name, path, args.strip_declarations) for name, path, _ in cases]
    normalized = normalizer_guesses(blobs)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for (name, path, label), data, cn in zip(cases, blobs, normalized, strict=True):
        expected = _label_text(data, label)
        guesses = {"cleantext": ours(data), "chardet": chardet_alone(data), "charset-normalizer": cn}
        right = {k: expected is not None and _text(data, g) == expected for k, g in guesses.items()}
        key = name.split("/")[0] if not name.startswith("chardet-tests") else name
        row = tally[key]
        row[0] += 1
        for i, k in enumerate(("cleantext", "chardet", "charset-normalizer"), 1):
            row[i] += right[k]
        if args.verbose and not all(right.values()):
            print(f"  {path.relative_to(SHARED)} label={label} " +
                  " ".join(f"{k}={g}{'' if right[k] else '(wrong)'}" for k, g in guesses.items()))
    print(f"{'set':28} {'n':>4} {'cleantext':>10} {'chardet':>10} {'charset-n':>10}")
    totals = [0, 0, 0, 0]
    for key in sorted(tally):
        row = tally[key]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        print(f"{key:28} {row[0]:4} " + " ".join(f"{row[i] / row[0]:10.1%}" for i in (1, 2, 3)))
    print(f"{'ALL':28} {totals[0]:4} " + " ".join(f"{totals[i] / totals[0]:10.1%}" for i in (1, 2, 3)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
