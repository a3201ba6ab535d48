"""Lines that recur across the documents of one folder: a site's chrome, whatever it says.

``strip --corpus DIR`` counts, for every normalized line, how many documents of DIR hold it.
A line found in at least ``min_docs`` documents is chrome, unless it is long enough to be real
content (:data:`LONG_LINE`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

# Lines this long (characters, white space aside) are content even when repeated.
LONG_LINE = 50
SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".shtml")


def line_key(line: str) -> str:
    """The form under which lines are counted: Simplified, unannotated, no white space.

    >>> line_key("  版權所有　©2024 ")
    '版权所有©2024'
    """
    from .strip import match_key

    return re.sub(r"\s+", "", match_key(line))


def document_lines(path: Path) -> set[str]:
    """The distinct line keys of one document, after decode, repair and extract."""
    from .pipeline import resolve, run

    text = run(path.read_bytes(), resolve("repair,extract"), {"errors": "replace"})
    return {key for key in map(line_key, text.splitlines()) if key}


@lru_cache(maxsize=8)
def _counts(directory: str) -> tuple[Counter, int]:
    counts: Counter = Counter()
    files = [p for p in sorted(Path(directory).rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES]
    for path in files:
        counts.update(document_lines(path))
    return counts, len(files)


def default_min_docs(documents: int) -> int:
    """Half the documents, and never fewer than three.

    >>> default_min_docs(4), default_min_docs(40)
    (3, 20)
    """
    return max(3, (documents + 1) // 2)


def repeated_lines(directory: str | Path, min_docs: int | None = None) -> frozenset[str]:
    """Keys of the short lines that appear in at least ``min_docs`` documents of ``directory``."""
    counts, documents = _counts(str(Path(directory).resolve()))
    threshold = min_docs if min_docs is not None else default_min_docs(documents)
    return frozenset(key for key, n in counts.items() if n >= threshold and len(key) < LONG_LINE)
