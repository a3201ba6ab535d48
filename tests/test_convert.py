import pytest

from cleantext import OptionError, convert

CASES = [
    ("t2s", "來源：北國網", "来源：北国网"),
    ("t2s", "臺北市立圖書館", "台北市立图书馆"),
    ("t2s", "简体字保持不变", "简体字保持不变"),
    ("s2t", "图书馆", "圖書館"),
    ("tw2s", "臺灣的軟體", "台湾的软体"),
    ("tw2sp", "軟體", "软件"),
]


@pytest.mark.parametrize("config,text,expected", CASES)
def test_convert_table(config, text, expected):
    assert convert(text, config=config) == expected


def test_unknown_config():
    with pytest.raises(OptionError, match="unknown conversion config"):
        convert("字", config="nope")


def test_quotes_stay_as_written():
    assert convert("「書香」『伴我』") == "「书香」『伴我』"
