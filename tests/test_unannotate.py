import pytest

from cleantext import unannotate

CASES = [
    ("來(lái)源", "來源"),
    ("機(jī)關(guān)黨建", "機關黨建"),
    ("機（jī）關", "機關"),
    ("来(lai2)源", "来源"),
    ("(12月2日 中国组织人事报)", "(12月2日 中国组织人事报)"),
    ("(陈厚蓉)", "(陈厚蓉)"),
    ("他说(hello)你好", "他说(hello)你好"),
    ("苹果(Apple)公司", "苹果(Apple)公司"),
    ("版本(v2)", "版本(v2)"),
]


@pytest.mark.parametrize("dirty,expected", CASES)
def test_unannotate_table(dirty, expected):
    assert unannotate(dirty) == expected
