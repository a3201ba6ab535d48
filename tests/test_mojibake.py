"""Mojibake repair on damage we make ourselves: one generator per kind, from clean paragraphs.

Lossless kinds must come back exactly; lossy kinds (a byte or a character lost) must come back
with at most a few wrong characters; clean controls must come through unchanged.
"""

from __future__ import annotations

import json

import pytest
from rapidfuzz.distance import Levenshtein

from cleantext.mojibake import find_repairs, fix_mojibake
from cleantext.repair import explain, repair

from .conftest import shared_path

PARAGRAPHS = [
    "市图书馆将于下周六举办儿童阅读推广活动，欢迎家长带孩子参加。",
    "今年春季雨水偏多，农业部门提醒农户及时做好排水和病虫害防治工作。",
    "这家老店的招牌菜是红烧肉，肥而不腻，入口即化，许多食客专程赶来品尝。",
    "研究人员发现，适量运动可以明显改善睡眠质量，并降低心血管疾病的风险。",
    "新建的地铁线路全长二十八公里，共设十九座车站，预计明年年底通车。",
    "学校组织学生参观了科技馆，同学们对机器人展区表现出浓厚的兴趣。",
]
TRADITIONAL = [
    "臺北市立圖書館舉辦兒童閱讀週，歡迎家長帶孩子參加。",
    "這家老店的招牌菜是紅燒肉，許多食客專程趕來品嚐。",
]
# Clean text that must never be touched: rare characters, symbols, talk about mojibake.
CONTROLS = [
    *PARAGRAPHS,
    *TRADITIONAL,
    "乱码常见的样子有“锟斤拷”和“烫烫烫”，前者来自替换字符的重复编码。",
    "锟斤拷",
    "烫烫烫烫烫",
    "王喆、朱镕基、李堃都是人名中的生僻字。",
    "蓦然回首，那人却在，灯火阑珊处。",
    "★重要通知★ ◎ ① ② ③ ──┬── ╯▽╰",
    "Café crème, naïve résumé, Müller, São Paulo.",
    "价格：€15，温度：25°C，尺寸 3×4 cm。",
    "Ｗｉｎｄｏｗｓ １０ 系统",
]


def _cp1252_browser(data: bytes) -> str:
    """Decode as cp1252 the way browsers do: undefined bytes become C1 controls."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def _cp936(data: bytes) -> str:
    return data.decode("gb18030").replace("\x80", "€")


LOSSLESS = {
    "utf8-as-gbk": lambda t: t.encode("utf-8").decode("gb18030", errors="strict"),
    "utf8-as-cp1252": lambda t: _cp1252_browser(t.encode("utf-8")),
    "utf8-as-latin1": lambda t: t.encode("utf-8").decode("latin-1"),
    "utf8-twice": lambda t: _cp1252_browser(_cp1252_browser(t.encode("utf-8")).encode("utf-8")),
    "gbk-as-big5": lambda t: t.encode("gbk").decode("big5hkscs"),
    "big5-as-gbk": lambda t: t.encode("big5").decode("gbk"),
    "entities": lambda t: "".join(f"&#{ord(c)};" if c in "，。" else c for c in t),
}


def _lossless_cases():
    for kind, damage in LOSSLESS.items():
        sources = TRADITIONAL if kind == "big5-as-gbk" else PARAGRAPHS
        for i, text in enumerate(sources):
            try:
                damaged = damage(text)
            except UnicodeError:
                continue  # these bytes cannot go through this wrong decode without loss
            yield pytest.param(kind, text, damaged, id=f"{kind}-{i}")


@pytest.mark.parametrize("kind,text,damaged", list(_lossless_cases()))
def test_lossless_damage_is_undone_exactly(kind, text, damaged):
    assert damaged != text
    assert repair(damaged) == text


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_damage_of_one_line_leaves_the_others(text):
    damaged_line = text.encode("utf-8").decode("gb18030", errors="replace")
    document = f"{PARAGRAPHS[0]}\n{damaged_line} 2024\n{PARAGRAPHS[1]}"
    repaired = repair(document).splitlines()
    assert repaired[0] == PARAGRAPHS[0] and repaired[2] == PARAGRAPHS[1]




def _windows_gbk(data: bytes) -> str:
    """GBK as Windows decodes it: a lead byte before an ASCII byte becomes U+FFFD alone."""
    return _cp936(data) if _decodes(data) else data.decode("gb18030", errors="replace").replace("\x80", "€")


def _decodes(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


LOSSY = {
    # Runs of odd byte length end in a lead byte that meets ASCII: that byte is lost.
    "utf8-as-gbk-lost-byte": lambda t: _windows_gbk((t + " 2024").encode("utf-8")),
    # A character the codec lacked became ? and its pinyin survived.
    "lost-char-pinyin": lambda t: t.replace("参加", "?(cān)?(jiā)").replace("防治", "?(fáng)?(zhì)")
    .replace("品尝", "?(pǐn)?(cháng)").replace("改善", "?(gǎi)?(shàn)").replace("通车", "?(tōng)?(chē)")
    .replace("兴趣", "?(xìng)?(qù)"),
}


@pytest.mark.parametrize("kind", list(LOSSY))
def test_lossy_damage_fidelity(kind):
    total = errors = 0
    for text in PARAGRAPHS:
        expected = text + " 2024" if kind == "utf8-as-gbk-lost-byte" else text
        damaged = LOSSY[kind](text)
        assert damaged != expected
        repaired = repair(damaged)
        if kind == "lost-char-pinyin":
            repaired = repaired.replace("(", "").translate(str.maketrans("", "", "abcdefghijklmnopqrstuvwxyzāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü)"))
        errors += Levenshtein.distance(repaired, expected)
        total += len(expected)
    assert 1 - errors / total >= 0.95


# A lost byte right before a digit: the digit is context as a numeral is (6月 reads like 六月),
# and the guess keeps to the script of the rest (每餐, not the Traditional 每餘).
LOST_BEFORE_DIGITS = [
    "会议定于6月1日在市民中心召开。",
    "午餐提供两荤两素的套餐，老人每餐3元。",
    "本次活动共有30名志愿者参加，服务时间为3小时。",
]


@pytest.mark.parametrize("text", LOST_BEFORE_DIGITS)
def test_lost_byte_before_digits(text):
    damaged = _windows_gbk(text.encode("utf-8"))
    assert "\ufffd" in damaged
    assert repair(damaged) == text


def _out_of_step(text: str, at: int) -> str | None:
    """GBK decoded one byte out of step from character ``at`` on: the lead byte there is lost
    (shown as ?), every later pair is read shifted, and the last dangling byte is lost."""
    data = text.encode("gbk")
    cut = len(text[:at].encode("gbk"))
    try:
        shifted = data[cut + 1 : -1].decode("gb18030")
    except UnicodeDecodeError:
        return None
    return text[:at] + "?" + shifted


def test_out_of_step_gbk_with_marked_lost_byte():
    total = errors = cases = 0
    for text in PARAGRAPHS:
        damaged = _out_of_step(text, 6)
        if damaged is None:
            continue
        cases += 1
        errors += Levenshtein.distance(repair(damaged), text)
        total += len(text)
    assert cases >= 3
    assert 1 - errors / total >= 0.95


@pytest.mark.parametrize("text", CONTROLS)
def test_clean_controls_unchanged(text):
    assert repair(text) == text
    assert find_repairs(text) == []


def test_explain_names_the_kind():
    damaged = "标题\n" + "中文乱码".encode().decode("gb18030") + "\n&amp;"
    kinds = [segment.kind for segment in explain(damaged)]
    assert kinds == ["entity", "utf8-as-gbk"]


def test_gold_texts_are_unchanged():
    """Every clean gold text of the shared evaluation comes through repair unchanged."""
    eval_dir = shared_path("eval")
    changed = []
    for gold in sorted(eval_dir.glob("*/*/gold.txt")):
        text = gold.read_text(encoding="utf-8")
        if repair(text) != text:
            changed.append(gold.parent.name)
    assert changed == []


def _external_cases(category_prefix):
    path = shared_path("external", "mojibake-issues-zh", "cases.jsonl")
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [c for c in cases if c["category"].startswith(category_prefix)]


def test_reported_mojibake_cases_exact():
    """The lossless cases reported in public issue trackers come back exactly."""
    wrong = [c["id"] for c in _external_cases("mojibake_repair") if c["category"] == "mojibake_repair"
             and fix_mojibake(c["input"]) != c["expected"]]
    assert wrong == []


def test_reported_lossy_flag_cases_not_made_up():
    """锟斤拷 text is unrecoverable: it must not be turned into other Chinese."""
    for case in _external_cases("lossy_flag"):
        assert fix_mojibake(case["input"]) == case["input"]


def test_ftfy_negative_cases_unchanged():
    path = shared_path("external", "ftfy-testcases", "test-cases", "negative.json")
    changed = [c["label"] for c in json.loads(path.read_text(encoding="utf-8")) if repair(c["original"]) != c["original"]]
    assert changed == []
