"""With the supplementary tables off, convert() equals opencc-python-reimplemented for every config."""

from functools import cache
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleantext.convert import _package_table, convert
from cleantext.opencc_engine import CharTable, Group, PhraseTable, reference_matches

from .conftest import shared_path

PACKAGE_CONFIGS = ("t2s", "tw2s", "hk2s", "tw2sp", "s2t", "s2tw", "s2twp", "s2hk", "t2tw", "t2hk")
DICTS = ("TSPhrases.txt", "STPhrases.txt", "TWPhrasesRev.txt", "TWVariantsRevPhrases.txt",
         "HKVariantsRevPhrases.txt", "TWPhrases.txt", "HKVariantsPhrases.txt")


@cache
def reference(config: str):
    return opencc.OpenCC(config)


@cache
def fragments() -> list[str]:
    """Dictionary keys and their pieces: random text built from them hits phrases and overlaps."""
    keys = sorted({k for name in DICTS for k in _package_table(name)})
    pieces = set(keys[::7])
    for key in keys[::13]:
        pieces.update({key[:1], key[1:], key[:-1], key[-1:]})
    return sorted(p for p in pieces if p)


PUNCTUATION = list("，。、；：？！…“”「」（）《》 \n-.,!?·")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(fragments()), st.sampled_from(PUNCTUATION),
                          st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)), max_size=40),
       st.sampled_from(PACKAGE_CONFIGS))
def test_equivalent_on_random_mixtures(parts, config):
    text = "".join(parts)
    assert convert(text, config=config, extras=False) == reference(config).convert(text)


@pytest.mark.parametrize("config", PACKAGE_CONFIGS)
def test_equivalent_on_shared_corpus(config):
    eval_dir = shared_path("eval")
    golds = sorted(eval_dir.glob("*/*/gold.txt"))
    simplified = "\n".join(p.read_text(encoding="utf-8") for p in golds[::4])[:200_000]
    text = reference("s2t").convert(simplified) if config[0] != "s" else simplified
    assert convert(text, config=config, extras=False) == reference(config).convert(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcd", max_size=14),
       st.dictionaries(st.text(alphabet="abcd", min_size=1, max_size=4), st.sampled_from("XYZ"), max_size=8))
def test_phrase_table_matches_the_reference_algorithm(text, mapping):
    table = PhraseTable(mapping)
    maxlen = max(map(len, mapping), default=0)
    assert table.find(text) == reference_matches(text, mapping, maxlen)


def test_large_table_path_matches_the_reference_algorithm():
    # STPhrases is big enough for the bigram path; compare it with the regex path on real text
    big = PhraseTable(_package_table("STPhrases.txt"))
    assert not big.uses_regex
    text = "一个人发展了头发，干部在干什么，后来的皇后在里面的面条里" * 3
    assert big.find(text) == reference_matches(text, big.mapping, big.maxlen)


def test_package_dir_exists():
    assert Path(opencc.__file__).with_name("dictionary").is_dir()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcde，x", max_size=30),
       st.lists(st.dictionaries(st.text(alphabet="abcde", min_size=1, max_size=3),
                                st.text(alphabet="abXYZ", min_size=1, max_size=3), max_size=6),
                min_size=1, max_size=3),
       st.dictionaries(st.sampled_from("abcde"), st.sampled_from("abcXY"), max_size=4))
def test_group_windows_change_nothing(text, phrase_maps, chars):
    # Group.convert converts only windows around ambiguous characters; _convert is the plain
    # algorithm on the whole text. They must agree for any tables.
    group = Group([PhraseTable(m) for m in phrase_maps] + ([CharTable(chars)] if chars else []))
    assert group.convert(text) == group._convert(text)
