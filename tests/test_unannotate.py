import pytest

from cleantext import clean, unannotate
from cleantext.extract import extract

CASES = [
    ("來(lái)源", "來源"),
    ("機(jī)關(guān)黨建", "機關黨建"),
    ("機（jī）關", "機關"),
    ("機（jī)關", "機關"),
    ("来(lai2)源", "来源"),
    ("绿(lv4)色", "绿色"),
    ("中国(zhōng guó)人", "中国人"),
    ("中国(zhōngguó)人", "中国人"),
    ("來(ㄌㄞˊ)源", "來源"),
    ("來（ㄌㄞˊ）源（ㄩㄢˊ）", "來源"),
    ("的(˙ㄉㄜ)", "的"),
    ("來ㄌㄞˊ源ㄩㄢˊ", "來源"),
    # ordinary brackets stay
    ("(12月2日 中国组织人事报)", "(12月2日 中国组织人事报)"),
    ("（12月2日 新华社）", "（12月2日 新华社）"),
    ("（记者 张三）", "（记者 张三）"),
    ("(陈厚蓉)", "(陈厚蓉)"),
    ("他说(hello)你好", "他说(hello)你好"),
    ("苹果(Apple)公司", "苹果(Apple)公司"),
    ("版本(v2)", "版本(v2)"),
    ("华为(Huawei)和小米(Xiaomi)", "华为(Huawei)和小米(Xiaomi)"),
    ("注音符号ㄅㄆㄇㄈ", "注音符号ㄅㄆㄇㄈ"),
    ("第(1)条", "第(1)条"),
    # a lost character keeps its pinyin for repair
    ("?(fù)兴", "?(fù)兴"),
    ("\ufffd(fù)兴", "\ufffd(fù)兴"),
]


@pytest.mark.parametrize("dirty,expected", CASES)
def test_unannotate_table(dirty, expected):
    assert unannotate(dirty) == expected


def test_ruby_markup_loses_its_annotation_in_extract():
    html = ("<html><body><p><ruby>來<rp>(</rp><rt>lái</rt><rp>)</rp></ruby>"
            "<ruby>源<rt>ㄩㄢˊ</rt></ruby>是正文。</p></body></html>")
    assert extract(html).strip() == "來源是正文。"


def test_clean_runs_unannotate_before_convert():
    text = "這篇文章(wén zhāng)講的是機(jī)關(guān)裡的故事，我們讀了很多遍。"
    assert clean(text) == "这篇文章讲的是机关里的故事，我们读了很多遍。\n"
