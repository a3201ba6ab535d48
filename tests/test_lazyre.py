"""Lazily compiled patterns and the per-user cache of compiled code."""

from __future__ import annotations

import re

import pytest

from cleantext import lazyre

PATTERNS = [
    (r"[\u4e00-\u9fff]+", 0, "ab中文cd", ["中文"]),
    (r"(?P<year>\d{4})年", 0, "2024年", ["2024"]),
    (r"source", re.IGNORECASE, "SOURCE: x", ["SOURCE"]),
    (r"(?<=[，。])\s+", 0, "好， 的", [" "]),
]


@pytest.fixture()
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(lazyre, "_codes", None)
    monkeypatch.setattr(lazyre, "_new", {})
    return tmp_path


@pytest.mark.parametrize(("pattern", "flags", "text", "found"), PATTERNS)
def test_cached_code_gives_the_same_pattern(fresh_cache, pattern, flags, text, found):
    first = lazyre.compile_now(pattern, flags)
    assert first.findall(text) == found
    lazyre._save()
    assert list(fresh_cache.glob("cleantext/regex-*.marshal"))
    lazyre._codes = None  # as a new process would start
    second = lazyre.compile_now(pattern, flags)
    assert (pattern, int(flags)) in lazyre._cached()  # read from the file
    assert second.findall(text) == found
    assert (second.pattern, second.flags, second.groupindex) == (first.pattern, first.flags, first.groupindex)


def test_damaged_entry_falls_back_to_compiling(fresh_cache):
    lazyre._codes = {("[ab]+", 0): (32, bytes(12), 0, {}, (None,))}  # code the engine rejects
    assert lazyre.compile_now("[ab]+").findall("xaby") == ["ab"]


def test_unreadable_cache_file_is_ignored(fresh_cache):
    folder = fresh_cache / "cleantext"
    folder.mkdir()
    path = lazyre._path()
    with open(path, "wb") as handle:
        handle.write(b"not marshal data")
    assert lazyre.compile_now("x+").findall("axxb") == ["xx"]


def test_lazy_pattern_compiles_on_first_use_only():
    pattern = lazyre.compile(r"\d+", cached=False)
    assert "search" not in vars(pattern)
    assert pattern.findall("a1b22") == ["1", "22"]
    assert "search" in vars(pattern)


def test_data_pattern_is_made_once_per_key(fresh_cache):
    made = []

    def make():
        made.append(1)
        return "[甲乙]+"

    first = lazyre.compile_data("test-pattern", b"data v1", make)
    second = lazyre.compile_data("test-pattern", b"data v1", make)  # read from the file
    assert first.findall("丙甲乙丁") == second.findall("丙甲乙丁") == ["甲乙"]
    assert len(made) == 1
    lazyre.compile_data("test-pattern", b"data v2", make)  # other data: made again
    assert len(made) == 2


def test_damaged_data_pattern_file_is_rebuilt(fresh_cache):
    from cleantext import diskcache

    lazyre.compile_data("test-pattern", b"k", lambda: "x+")
    for path in (fresh_cache / "cleantext").glob("test-pattern-*.marshal"):
        diskcache.write(str(path), "not a pair")
    assert lazyre.compile_data("test-pattern", b"k", lambda: "x+").findall("axxb") == ["xx"]
