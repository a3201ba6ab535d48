"""The benchmark corpus generator (benchmarks/corpus.py): deterministic and sized right.

Tiny sizes only; speed itself is measured by `make bench`, never here.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def corpus():
    spec = importlib.util.spec_from_file_location("bench_corpus", BENCHMARKS / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


SIZE = 30_000
LARGEST_DOCUMENT = 60_000  # a body of at most 40 KB plus its chrome


@pytest.mark.parametrize("kind", ["text", "html", "damaged"])
@pytest.mark.parametrize("script", ["simp", "trad"])
def test_same_seed_same_documents(corpus, kind, script):
    assert corpus.generate(kind, script, SIZE) == corpus.generate(kind, script, SIZE)


def test_other_seed_other_documents(corpus):
    assert corpus.generate("text", "simp", SIZE, seed=1) != corpus.generate("text", "simp", SIZE, seed=2)


@pytest.mark.parametrize("kind", ["text", "html"])
def test_size_reaches_the_target_by_at_most_one_document(corpus, kind):
    docs = corpus.generate(kind, "simp", SIZE)
    total = sum(len(d.encode("utf-8")) for d in docs)
    assert SIZE <= total < SIZE + LARGEST_DOCUMENT
    assert total - len(docs[-1].encode("utf-8")) < SIZE


def test_small_corpus_is_a_prefix_of_a_larger_one(corpus):
    small = corpus.generate("text", "trad", SIZE)
    large = corpus.generate("text", "trad", 3 * SIZE)
    assert large[: len(small)] == small and len(large) > len(small)


def test_scripts_differ(corpus):
    simp = "".join(corpus.generate("text", "simp", SIZE))
    trad = "".join(corpus.generate("text", "trad", SIZE))
    traditional_only = set(corpus.sample_pairs().values())  # 臺, 圖, 書 ...: never in Simplified text
    assert len(traditional_only) > 10
    assert not traditional_only & set(simp)
    assert len(traditional_only & set(trad)) > 10


def test_kinds_look_like_what_they_are(corpus):
    assert all(d.startswith("<!DOCTYPE html>") and "</html>" in d for d in corpus.generate("html", "simp", SIZE))
    text = "".join(corpus.generate("text", "simp", SIZE))
    assert "<" not in text and "版权所有" in text
    damaged = "".join(corpus.generate("damaged", "simp", SIZE))
    assert "&ldquo;" in damaged or "&#12290;" in damaged
    assert "ï¼Œ" in damaged  # "，" as UTF-8 read as cp1252


def test_cached_files_equal_the_generated_documents(corpus, tmp_path):
    files = corpus.corpus("text", "simp", SIZE / corpus.MB, root=tmp_path)
    assert [f.read_bytes().decode("utf-8") for f in files] == corpus.generate("text", "simp", SIZE)
    assert corpus.corpus("text", "simp", SIZE / corpus.MB, root=tmp_path) == files  # from the cache
    joined = corpus.joined("text", "simp", SIZE / corpus.MB, root=tmp_path)
    assert joined.read_bytes() == b"".join(f.read_bytes() for f in files)


def test_cache_folder_changes_with_the_character_table(corpus, tmp_path, monkeypatch):
    before = corpus.cache_folder(tmp_path)
    assert corpus.cache_folder(tmp_path) == before
    changed = dataclasses.replace(corpus.pools(), to_traditional={"台": "臺"})
    monkeypatch.setattr(corpus, "pools", lambda: changed)
    assert corpus.cache_folder(tmp_path) != before


def test_legacy_encodings_round_trip(corpus, tmp_path):
    gb = corpus.corpus("text", "simp", SIZE / corpus.MB, "gb18030", root=tmp_path)
    assert [f.read_bytes().decode("gb18030") for f in gb] == corpus.generate("text", "simp", SIZE)
    for path in corpus.corpus("html", "trad", SIZE / corpus.MB, "big5", root=tmp_path):
        assert 'charset="big5"' in path.read_bytes().decode("big5")  # strict: valid Big5 throughout


@pytest.mark.parametrize("use_shared", [False, True])
def test_conversion_pair_is_one_text_in_two_scripts(corpus, tmp_path, use_shared):
    from cleantext.convert import convert

    traditional, simplified = corpus.conversion_pair(0.05, use_shared, root=tmp_path)
    simp = simplified.read_text(encoding="utf-8")
    trad = traditional.read_text(encoding="utf-8")
    assert len(simp.encode("utf-8")) >= 50_000
    assert trad == convert(simp, config="s2t", extras=False) != simp
    assert simp.count("\n") == trad.count("\n")
    again = corpus.conversion_pair(0.05, use_shared, root=tmp_path / "again")
    assert again[1].read_bytes() == simplified.read_bytes()  # seeded: the same bytes every time
