#!/usr/bin/env python3
"""Clean a file with one normalize rule switched off, to measure what the rule is worth.

    score.py SET --cmd '.venv/bin/python scripts/clean_without_rule.py hard-wraps {}'
"""

from __future__ import annotations

import importlib
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
warnings.filterwarnings("ignore")

from cleantext import DecodeError, clean  # noqa: E402

rules = importlib.import_module("cleantext.normalize")  # the package re-exports the function


def main() -> int:
    name, path = sys.argv[1], Path(sys.argv[2])
    if name not in {rule.name for rule in rules.RULES}:
        sys.exit(f"no normalize rule {name!r}")
    rules.RULES = tuple(rule for rule in rules.RULES if rule.name != name)
    data = path.read_bytes()
    try:
        out = clean(data)
    except DecodeError:
        out = clean(data, errors="replace")
    sys.stdout.buffer.write(out.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
