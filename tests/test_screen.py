"""screen: a screen never rejects a text its pattern matches in."""

import importlib
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleantext.screen import LATIN_CASE, Screen, Screened, required_strings, sre_parse

from .conftest import SAMPLES, shared_path

strip = importlib.import_module("cleantext.strip")  # the package re-exports the function


def _screened_patterns() -> list[tuple[str, str, int]]:
    """(name, pattern, flags) of every pattern strip screens."""
    found = [(rule.name, rule.test.regex, rule.test.flags) for rule in strip.RULES
             if isinstance(rule.test, strip.PatternTest)]
    for name, value in vars(strip).items():
        if isinstance(value, Screened):
            found.append((name, value.screen.pattern, value.screen.flags))
    return found


PATTERNS = _screened_patterns()


def test_latin_case_holds_what_an_ascii_letter_matches_ignoring_case():
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)
    letters = re.compile("[A-Za-z]", re.IGNORECASE)
    assert set(letters.findall(every)) == set(LATIN_CASE.findall(every))


def test_strip_screens_most_of_its_slow_patterns():
    screened = [name for name, pattern, flags in PATTERNS if Screen(pattern, flags).test is not None]
    assert {"copyright", "disclaimer", "url-line", "ANY_LABEL"} <= set(screened)


def _lines() -> list[str]:
    lines = [line for path in sorted(SAMPLES.glob("*.input.*")) for line in
             path.read_bytes().decode("utf-8", "replace").splitlines()]
    return lines + strip.match_keys(lines)


@pytest.mark.parametrize("name, pattern, flags", PATTERNS, ids=[p[0] for p in PATTERNS])
def test_screen_passes_every_sample_line_the_pattern_matches(name, pattern, flags):
    screen, compiled = Screen(pattern, flags), re.compile(pattern, flags)
    for line in _lines():
        if compiled.search(line):
            assert screen(line), line


def test_screens_pass_every_shared_line_their_pattern_matches():
    eval_dir = shared_path("eval")
    texts = [path.read_bytes().decode("utf-8", "replace") for path in sorted(eval_dir.glob("*/*/input.txt"))]
    lines = [line for text in texts for line in text.splitlines()]
    lines += strip.match_keys(lines)
    for name, pattern, flags in PATTERNS:
        screen, compiled = Screen(pattern, flags), re.compile(pattern, flags)
        missed = [line for line in lines if compiled.search(line) and not screen(line)]
        assert not missed, (name, missed[:3])


def _matching_text(pattern: str, flags: int):
    # hypothesis makes strings that match the pattern (lookbehinds and flags it cannot, skipped)
    try:
        return st.from_regex(re.compile(pattern, flags))
    except Exception:  # noqa: BLE001
        return None


@pytest.mark.parametrize("name, pattern, flags", PATTERNS, ids=[p[0] for p in PATTERNS])
def test_screen_passes_generated_matches(name, pattern, flags):
    screen, compiled = Screen(pattern, flags), re.compile(pattern, flags)
    if screen.test is None:
        pytest.skip("not screened")
    strategy = _matching_text(pattern, flags)
    if strategy is None:
        pytest.skip("hypothesis cannot generate matches of this pattern")

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy, st.text(max_size=5), st.text(max_size=5))
    def check(text, before, after):
        for candidate in (text, before + text + after):
            if compiled.search(candidate):
                assert screen(candidate)

    check()


REQUIRED = [
    (r"版权所有|Copyright|©", {"版权所有", "Copyright", "©"}),
    (r"^(?:来源于|来自)(?:网友|网络)", {"来源于网友", "来源于网络", "来自网友", "来自网络"}),
    (r"不代表.{0,16}(?:观点|立场)", {"不代表"}),
    (r"\d+[年月]\s*$", {"年", "月"}),
    (r"\d+\s*$", None),  # nothing literal is required
    (r"(?:ab)?c", {"c"}),  # an optional part is not required
    (r"x(?:a|)y", {"xay", "xy"}),
]


@pytest.mark.parametrize("pattern, expected", REQUIRED)
def test_required_strings(pattern, expected):
    assert required_strings(sre_parse.parse(pattern)) == expected


def test_screened_search_and_findall_agree_with_the_pattern():
    pattern = r"(?:^|(?<=\s))(?:来源|作者)[:：]"
    screened, compiled = Screened(pattern), re.compile(pattern)
    for text in ("来源：本站", "这是正文。", "文 作者：王丽 来源：网", ""):
        assert screened.findall(text) == compiled.findall(text)
        assert bool(screened.search(text)) == bool(compiled.search(text))
