import pytest

from cleantext import normalize

CASES = [
    ("\u3000\u3000第一段\r\n\r\n\r\n第二段  ", "第一段\n\n第二段\n"),
    ("  \u00a0缩进\n\t制表", "缩进\n制表\n"),
    ("中\u200b文\ufeff\x07", "中文\n"),
    ("a\rb", "a\nb\n"),
    ("\n\n\n", ""),
    ("", ""),
    ("末尾没有换行", "末尾没有换行\n"),
]


@pytest.mark.parametrize("dirty,expected", CASES)
def test_normalize_table(dirty, expected):
    assert normalize(dirty) == expected


@pytest.mark.parametrize("dirty,_", CASES)
def test_normalize_idempotent(dirty, _):
    assert normalize(normalize(dirty)) == normalize(dirty)
