"""OpenCC's own test cases (../shared/external/opencc-testcases): accuracy floors per group.

The issue's targets are 97% (t2s, tw2s, hk2s) and 85% (tw2sp, hk2sp); these floors are what the
supplementary tables reach today (106/108 and 60/61 with OpenCC 1.4.2's dictionaries), so a change
that loses checks fails here. Two of the three checks left are the project's deliberate 著 -> 着.
"""

import importlib.util
from pathlib import Path

import pytest

from cleantext.convert import convert

from .conftest import shared_path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "measure_opencc_cases.py"
FLOORS = {("t2s", "tw2s", "hk2s"): 0.98, ("tw2sp", "hk2sp"): 0.98}


def _measure():
    spec = importlib.util.spec_from_file_location("measure_opencc_cases", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("configs,floor", FLOORS.items())
def test_opencc_cases_floor(configs, floor):
    path = shared_path("external", "opencc-testcases", "testcases", "testcases.strict.json")
    checks = [c for c in _measure().load_checks(path) if c[0] in configs]
    passed = sum(convert(text, config=cfg) == expected for cfg, text, expected in checks)
    assert passed / len(checks) >= floor, f"{passed}/{len(checks)}"


def test_extras_never_lose_a_check_the_package_passes():
    path = shared_path("external", "opencc-testcases", "testcases", "testcases.strict.json")
    for cfg, text, expected in _measure().load_checks(path):
        if cfg != "hk2sp" and convert(text, config=cfg, extras=False) == expected:
            assert convert(text, config=cfg) == expected, (cfg, text)
