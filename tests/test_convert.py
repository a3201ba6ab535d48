from pathlib import Path

import pytest

from cleantext import OptionError, convert
from cleantext.convert import CONFIGS
from cleantext.errors import DictionaryError

CASES = [
    ("t2s", "來源：北國網", "来源：北国网"),
    ("t2s", "臺北市立圖書館", "台北市立图书馆"),
    ("t2s", "简体字保持不变", "简体字保持不变"),
    ("s2t", "图书馆", "圖書館"),
    ("tw2s", "臺灣的軟體", "台湾的软体"),
    ("tw2sp", "軟體", "软件"),
    ("tw2sp", "滑鼠和硬碟", "鼠标和硬盘"),
    ("hk2sp", "滑鼠和硬碟", "鼠标和硬盘"),
    ("s2tw", "软件", "軟件"),
    ("t2tw", "着", "著"),
]

# CASES.md conventions and the known character errors (supplementary tables, extras on).
MAINLAND_FORMS = [
    ("他看著我，沿著河走", "他看着我，沿着河走"),
    ("著力於著手", "着力于着手"),
    ("他的著作很著名，成績顯著", "他的著作很著名，成绩显著"),
    ("他的著作很著名，成绩显著", "他的著作很著名，成绩显著"),  # already Simplified: unchanged
    ("衞生", "卫生"),
    ("乾隆年間的乾清宮，乾安縣", "乾隆年间的乾清宫，乾安县"),
    ("乾杯，餅乾", "干杯，饼干"),
    ("什麼，這麼", "什么，这么"),
    ("頭髮，發展", "头发，发展"),
    ("手錶，表格", "手表，表格"),
    ("瞭解，明瞭，瞭望", "了解，明了，瞭望"),
    ("擡頭", "抬头"),
    ("沈默的沈先生", "沉默的沈先生"),
    ("慰藉", "慰藉"),
    ("昇華", "升华"),
    ("「書香」『伴我』", "「书香」『伴我』"),
]


@pytest.mark.parametrize("config,text,expected", CASES)
def test_convert_table(config, text, expected):
    assert convert(text, config=config) == expected


@pytest.mark.parametrize("text,expected", MAINLAND_FORMS)
def test_mainland_forms(text, expected):
    assert convert(text) == expected


def test_no_extras_is_the_package_tables():
    # the package leaves 衞 and 著 alone in t2s
    assert convert("衞生，沿著", extras=False) == "衞生，沿著"


def test_unknown_config():
    with pytest.raises(OptionError, match="unknown conversion config"):
        convert("字", config="nope")


@pytest.mark.parametrize("config", CONFIGS)
def test_every_config_handles_empty_and_plain_text(config):
    assert convert("", config=config) == ""
    assert convert("abc 123\n", config=config) == "abc 123\n"


def test_user_dictionary_wins(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("軟體\t软件\n# a note\n\n臺北\t台北市\n", encoding="utf-8")
    assert convert("臺北的軟體", user_dicts=[str(path)]) == "台北市的软件"
    # the rest of the chain still runs around user entries
    assert convert("圖書館裡的軟體", user_dicts=[str(path)]) == "图书馆里的软件"


def test_several_user_dictionaries_later_wins(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("軟體\t软件\n", encoding="utf-8")
    b.write_text("軟體\t软体件\n", encoding="utf-8")
    assert convert("軟體", user_dicts=[str(a), str(b)]) == "软体件"


@pytest.mark.parametrize("content", ["軟體 软件\n", "軟體\t软件\textra\n", "\t软件\n"])
def test_malformed_user_dictionary(tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_text("好\t好\n" + content, encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"bad\.txt: line 2"):
        convert("字", user_dicts=[str(path)])


@pytest.mark.parametrize(("text", "expected"), [
    ("乾清宮", "乾清宫"), ("蕭乾回憶", "萧乾回忆"), ("芸薹", "芸薹"), ("變徵之聲", "变徵之声"),
    ("用於单独的个人", "用于单独的个人"),
])
def test_t2s_is_idempotent_on_names_the_character_table_would_pull_apart(text, expected):
    """A target protects itself (乾清宫 stayed 乾清宫, not 干清宫, when converted again), but 於
    stands for 于 in Simplified text too: 於單 is a name, 用於单独 is 用于单独."""
    assert convert(text) == expected
    assert convert(expected) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("他把杯子打坏了", "他把杯子打坏了"), ("拉坏", "拉坏"), ("打壞", "打坏"), ("毛坏", "毛坯"),
    ("手机一坏就换新的", "手机一坏就换新的"), ("東西一壞就扔", "东西一坏就扔"),
])
def test_simplified_verb_phrases_with_huai_stay(text, expected):
    assert convert(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A spelling the character table turns into another phrase's key converts in one pass.
    ("他瀋默了很久", "他沉默了很久"), ("藉著這個機會", "借着这个机会"), ("破釜瀋舟", "破釜沉舟"),
    ("闇沈瀋的天", "暗沉沉的天"), ("摺戟沈沙", "折戟沉沙"),
])
def test_t2s_converts_in_one_pass(text, expected):
    assert convert(text) == expected
    assert convert(expected) == expected


def test_fixed_point_phrases_are_current():
    """The generated table is what its script makes of the current tables."""
    import subprocess
    import sys

    script = Path(__file__).resolve().parent.parent / "scripts" / "build_fixed_point_phrases.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
