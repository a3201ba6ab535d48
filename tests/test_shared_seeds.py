"""The real seed pages in ../shared/eval/seeds: clean runs on every one without error.

Skipped on a user's clone, where ../shared does not exist.
"""

import pytest

from cleantext import clean

from .conftest import shared_path


def _cases():
    from .conftest import SHARED

    folder = SHARED / "eval" / "seeds"
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.exists() else []


@pytest.mark.parametrize("case", _cases() or [None], ids=lambda p: p.name if p else "no-shared")
def test_clean_runs_on_seed(case):
    if case is None:
        shared_path("eval", "seeds")
    [source] = [p for p in case.iterdir() if p.name.startswith("input.")]
    out = clean(source.read_bytes())
    assert out.strip(), f"{case.name}: empty output"
    assert "\r" not in out and out.endswith("\n")
