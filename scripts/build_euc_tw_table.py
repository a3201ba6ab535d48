"""Build cleantext/data/cns11643.txt.gz: the CNS 11643 -> Unicode table the EUC-TW codec uses.

Python has no EUC-TW codec; :mod:`cleantext.euc_tw` decodes it with this table.

Sources (build time only):

- Han characters: Unihan's ``kIRG_TSource`` field (Unihan_IRGSources.txt, Unicode 15.0), the
  CNS 11643 position the IRG records for each unified ideograph: ``T1-4421`` is plane 1, row 0x44,
  cell 0x21; T1..T7 are planes 1-7 and TA..TF planes 10-15 (T12, T13 and TU name other TCA
  sources, not planes, and are skipped).
  Read from Debian's ``unicode-data`` package (``apt-get install unicode-data``: the files are
  under /usr/share/unicode/), which ships the Unicode Character Database unchanged. License: the
  Unicode License (Unicode, Inc. terms of use, https://www.unicode.org/copyright.html), which
  allows copying and redistribution of the data files and derived works with the notice.
- The non-Han part of plane 1 (punctuation, symbols, bopomofo, digits, Latin and Greek letters,
  rows 0x21-0x43), which Unihan does not cover: the EUC-TW converter of the GNU C library
  (``iconv -f EUC-TW``, glibc's iconvdata/cns11643l1.c, LGPL-2.1-or-later), asked one code at a
  time. The script also counts where glibc and Unihan disagree on Han characters (it reports the
  number; Unihan wins).

Output (UTF-8 text, gzip): one line per plane, ``<plane>\\t<8836 characters>``, the characters of
rows 0x21-0x7E, cells 0x21-0x7E in order, U+FFFD where the plane has no character.

Run: .venv/bin/python scripts/build_euc_tw_table.py [UNIHAN_DIR]   (rewrites the data file; commit it)
"""

from __future__ import annotations

import bz2
import gzip
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "cleantext" / "data" / "cns11643.txt.gz"
UNIHAN = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode")
HOLE = "\ufffd"
CELLS = 94 * 94
PLANES = {f"T{d:X}": d for d in (1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15)}


def unihan_planes() -> dict[int, list[str]]:
    planes: dict[int, list[str]] = {}
    with bz2.open(UNIHAN / "Unihan_IRGSources.txt.bz2", "rt", encoding="utf-8") as lines:
        for line in lines:
            if "\tkIRG_TSource\t" not in line:
                continue
            code, _, source = line.rstrip("\n").split("\t")
            prefix, _, position = source.partition("-")
            plane = PLANES.get(prefix)  # T12, T13 (other TCA sources) and TU are not planes
            if plane is None:
                continue
            row, cell = int(position[:2], 16), int(position[2:], 16)
            table = planes.setdefault(plane, [HOLE] * CELLS)
            table[(row - 0x21) * 94 + cell - 0x21] = chr(int(code[2:], 16))
    return planes


def glibc_plane1() -> list[str]:
    """Plane 1 as glibc decodes it, one code per line (an unknown code gives an empty line)."""
    codes = b"".join(bytes([0xA1 + i // 94, 0xA1 + i % 94]) + b"\n" for i in range(CELLS))
    out = subprocess.run(["iconv", "-c", "-f", "EUC-TW", "-t", "UTF-8"], input=codes, capture_output=True,
                         check=False).stdout.decode("utf-8").split("\n")
    assert len(out) == CELLS + 1, len(out)
    return [ch if len(ch) == 1 else HOLE for ch in out[:CELLS]]


def main() -> None:
    planes = unihan_planes()
    glibc = glibc_plane1()
    added = disagree = 0
    for i, ch in enumerate(glibc):
        if ch == HOLE:
            continue
        ours = planes[1][i]
        if ours == HOLE:
            planes[1][i] = ch
            added += 1
        elif ours != ch:
            disagree += 1
    lines = [f"{plane}\t{''.join(planes[plane])}" for plane in sorted(planes)]
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    mapped = sum(CELLS - "".join(t).count(HOLE) for t in planes.values())
    print(f"{OUT}: {len(planes)} planes, {mapped} characters ({added} non-Han of plane 1 from glibc; "
          f"glibc disagrees with Unihan on {disagree}), {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
