"""Shared test helpers. ../shared (beside the checkout) is optional: tests that need it skip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests draw the same examples on every run, so a landing is never decided
# by a lucky draw; developers' runs stay random and keep finding new counterexamples (which
# are then pinned with @example).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when that folder is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (../shared is only beside the developers' checkout)")
    return path


def load_script(name: str):
    """A script of scripts/ as a module (the generator of damaged text, the punctuation counts)."""
    import importlib.util
    import sys

    path = ROOT / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def sample_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for dirty in sorted(SAMPLES.glob("*.input.*")):
        expected = dirty.with_name(dirty.name.split(".input.")[0] + ".expected.txt")
        pairs.append((dirty, expected))
    return pairs
