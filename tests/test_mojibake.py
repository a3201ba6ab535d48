"""Mojibake repair on damage we make ourselves: one generator per kind, from clean paragraphs.

Lossless kinds must come back exactly; lossy kinds (a byte or a character lost) must come back
with at most a few wrong characters; clean controls must come through unchanged. The damage
functions are those of scripts/measure_generated.py, which runs them on many more texts.
"""

from __future__ import annotations

import codecs
import json
import random

import pytest
from rapidfuzz.distance import Levenshtein

from cleantext import mojibake
from cleantext.mojibake import MIN_STRONG_HAN, find_repairs, fix_mojibake
from cleantext.repair import explain, repair

from .conftest import load_script, shared_path

generator = load_script("measure_generated")

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


LOSSLESS = generator.LOSSLESS


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




_windows_gbk = generator.windows_gbk


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


# A 。 (E3 80 82) read as GBK before a line end loses both 80 and 82: two ? after 銆 or 濄,
# both part of the run. Between double-byte codecs the second ? is text (驚喜嗎??).
TWO_LOST_AT_LINE_END = ["事故共造成22人死亡。", "我们都很喜欢这个“新”。", "会议取得了圆满成功。\n大家都很高兴。"]


@pytest.mark.parametrize("text", TWO_LOST_AT_LINE_END)
def test_two_lost_bytes_at_a_line_end(text):
    damaged = _windows_gbk(text.encode("utf-8"), "?")
    assert "??" in damaged
    assert repair(damaged) == text


def test_double_question_mark_after_a_swap_is_text():
    assert repair('"佩尺盾??" 女生展露著興奮的笑容.') == '"驚喜嗎??" 女生展露著興奮的笑容.'


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
    try:
        return generator.out_of_step(text, at)
    except UnicodeError:
        return None


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


# GBK read out of step in one clause of a clean line: the shifted bytes end at a clause mark
# and the clean text after it stays. The last character, whose trail byte is lost, is a guess
# (西湖 may come out as 西汉): the rest must be exact.
OUT_OF_STEP_CLAUSES = [
    ("本届展会的主题是", "绿色低碳发展", "，吸引了三百多家企业参展。", True),
    ("我们在", "图书馆门口集合", "，然后一起步行去博物馆。", True),
    ("他说自己最喜欢", "秋天的西湖", "：湖水清澈，游人不多。", False),
    ("会议决定成立", "乡村振兴工作小组", "，由副县长担任组长。", False),
    ("", "老城区改造方案", "：先期建设的区域之一，产城融合创新城区。", False),
]


@pytest.mark.parametrize("before,clause,after,exact", OUT_OF_STEP_CLAUSES)
def test_out_of_step_clause_in_a_clean_line(before, clause, after, exact):
    damaged = generator.out_of_step(before + clause, len(before)) + after
    repaired = repair(damaged)
    if exact:
        assert repaired == before + clause + after
    assert repaired.endswith(after)
    assert Levenshtein.distance(repaired, before + clause + after) <= 1


# The last character of such a clause is a guess among the characters its lead byte begins; where
# the document writes the word elsewhere (another line says 西湖), the guess is that word.
OUT_OF_STEP_WORD_SAID_ELSEWHERE = [
    ("我们住在西湖边上。", "他说自己最喜欢", "秋天的西湖", "：湖水清澈，游人不多。"),
    ("小组成员都来自乡村。", "会议决定成立", "乡村振兴工作小组", "，由副县长担任组长。"),
]


@pytest.mark.parametrize("elsewhere,before,clause,after", OUT_OF_STEP_WORD_SAID_ELSEWHERE)
def test_out_of_step_guess_is_a_word_the_document_writes(elsewhere, before, clause, after):
    damaged = generator.out_of_step(before + clause, len(before)) + after
    assert repair(f"{elsewhere}\n{damaged}") == f"{elsewhere}\n{before}{clause}{after}"


# A question's ？ (EF BC 9F) read as GBK loses its last byte at the end of a line: 锛? may be any
# full-width mark. The dictionary's pairs are inside words and cannot tell; running text writes
# 吗？ and 呢？ (hanzi_model.running_pairs), not 吗：.
LOST_QUESTION_MARK = ["难道你们明天还要再来一次吗？", "这样做真的有用吗？", "他们为什么不早点说呢？",
                      "难道我们还要继续等下去吗？"]


@pytest.mark.parametrize("text", LOST_QUESTION_MARK)
def test_lost_question_mark_after_a_question_word(text):
    damaged = text.encode("utf-8").decode("gbk", "replace").replace("\ufffd", "?")
    assert damaged.endswith("锛?")
    assert repair(damaged) == text


# UTF-8 read as GBK makes clause marks of continuation bytes (A1 A3 is 。, the end of 档):
# the damage holds one, beside clean punctuation.
MARK_INSIDE_UTF8_AS_GBK = [
    ("会后，", "他们把所有文档交给档案馆", "。"),
    ("", "我们整理了全部旧文档", "："),
    ("他说，", "新的文档已经上传", "。"),
]


@pytest.mark.parametrize("before,clause,after", MARK_INSIDE_UTF8_AS_GBK)
def test_clause_mark_inside_utf8_as_gbk_damage(before, clause, after):
    damaged = generator.cp936(clause.encode("utf-8"))
    assert "。" in damaged
    assert repair(before + damaged + after) == before + clause + after


# A bullet standing alone in a line of UTF-8 read as GBK: · (C2 B7) reads as 路, a common
# character the model likes better on its own; the line's damage decides. A clean 路 stays.
LONE_SYMBOL_LINES = [
    "·\t社区公告--停水通知\t·\t便民服务--家电维修",
    "· 社区公告 · 便民服务 · 健康讲座",
    "·\t今日要闻--城市建设\t·\t体育赛事",
]


@pytest.mark.parametrize("text", LONE_SYMBOL_LINES)
def test_lone_symbol_in_a_utf8_as_gbk_line(text):
    damaged = generator.LOSSLESS["utf8-as-gbk"](text)
    assert damaged.startswith("路")
    assert repair(damaged) == text


@pytest.mark.parametrize("text", ["人民 路 88号", "地址：中山 路 12号", "路\t人"])
def test_lone_han_character_in_a_clean_line_stays(text):
    assert repair(text) == text


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
    """The lossless cases reported in public issue trackers come back exactly; a run too short
    to decide alone (one character: 楛 is 繁 read as Big5, or a rare character) may stay."""
    wrong = [c["id"] for c in _external_cases("mojibake_repair") if c["category"] == "mojibake_repair"
             and fix_mojibake(c["input"]) != c["expected"]
             and not (len(c["input"]) < MIN_STRONG_HAN and fix_mojibake(c["input"]) == c["input"])]
    assert wrong == []


def test_reported_lossy_flag_cases_not_made_up():
    """锟斤拷 text is unrecoverable: it must not be turned into other Chinese."""
    for case in _external_cases("lossy_flag"):
        assert fix_mojibake(case["input"]) == case["input"]


def test_ftfy_negative_cases_unchanged():
    path = shared_path("external", "ftfy-testcases", "test-cases", "negative.json")
    changed = [c["label"] for c in json.loads(path.read_text(encoding="utf-8")) if repair(c["original"]) != c["original"]]
    assert changed == []


# --- failure classes found by scripts/measure_generated.py, one table each -------------------

# Where a CJK codec misread another, every character maps to one other character, so a short
# run of rare characters always has a "reading" in commoner ones (亠亠 reads 坡坡 as Big5). Alone,
# such runs are too short to decide: they stay.
SHORT_RARE_RUNS = ["亠亠", "丨丨", "丶丶", "冫冫", "丿丿", "卍卍", "宀宀", "亠亠亠", "肈幖", "楛",
                   "部首亠亠与丨丨", "“冫冫”"]


@pytest.mark.parametrize("length", [(1, 3), (4, 6)])
def test_words_of_rare_characters_in_own_lines_unchanged(length):
    """The rare-in-lines and rare-words-in-lines control families of measure_generated on this
    file's own lines: words of random characters of the basic block, read as nothing."""
    rng = random.Random(7)
    basic = [chr(c) for c in range(0x4E00, 0x9FA6)]
    lines = [*generator._rare_in_lines(rng, [TRADITIONAL], basic, 300, "「」", length),
             *generator._rare_in_lines(rng, [PARAGRAPHS], basic, 300, "“”", length)]
    assert [line for line in lines if repair(line) != line] == []


@pytest.mark.parametrize("text", SHORT_RARE_RUNS)
def test_short_runs_of_rare_characters_unchanged(text):
    assert repair(text) == text


# One clause damaged inside a clean line, glued to the clean text by Chinese punctuation.
GLUED_CLAUSES = [
    ("utf8-as-gbk", "他向记者反映，{}，下一步还要大力宣传。", "他们已经报警"),
    ("utf8-as-gb18030", "活动现场，{}，有的为老年人讲解医保政策。", "志愿者们帮助清理楼道"),
    ("utf8-as-cp1252", "据介绍，{}。", "联合会成立于去年"),
    ("utf8-as-latin1", "“{}”是今年的主题。", "绿色出行"),
    ("utf8-twice-latin1", "他说：{}！", "我们一定会回来"),
    ("gbk-as-big5", "（{}）本文档可以通过软件包获取。", "翻译版本可以通过"),
]


@pytest.mark.parametrize("kind,line,clause", GLUED_CLAUSES)
def test_damaged_clause_inside_a_clean_line(kind, line, clause):
    damaged = line.format(LOSSLESS[kind](clause))
    assert repair(damaged) == line.format(clause)


# Big5 read as GBK in one short clause of a clean Traditional line: too short to form words on
# its own, but made of characters Traditional text never uses (Simplified forms, kana, rare
# extension characters), and read as Traditional text that fits. Corner brackets end clauses.
TRADITIONAL_LINE_CLAUSES = [
    ("我們就開始整理昨天的遊記，{}，車子慢慢進入山區。", "寫著寫著"),
    ("老師對學生說：「{}，明天再來。」", "對不起"),
    # The clean runs of a line whose damage is repaired stay: Traditional text is no
    # Traditional-looking damage of Simplified text there (又稱中文 is not 衱想笢恅).
    ("漢語，又稱中文[1]、華語[2]，{}。", "屬漢藏語系"),
    ("他說 又稱中文 與 華語 的語言，{}。", "屬漢藏語系"),
    # A line too short to show its script follows the rest of the text.
    ("對於這件事，我們都很滿意。\n{}, 對不起", "老師"),
    # Letters alone (Cyrillic, kana, a pinyin letter: no Han character) in a Traditional line.
    ("昨天去買了新鞋子，又貴又不實在。\n{}，他卻很有風度的請我吃飯。", "我生日那天"),
    # A short run between ASCII with one rare character (粂), its joining mark not counted.
    ("他們說的是國語[1]、{}[2]，大家都聽得懂。", "華語"),
    # 群 and 峰 are what Taiwan writes (OpenCC's s2t makes them 羣, 峯): no Simplified form.
    ("{}，他卻很有風度的把我讓給一群好友，耶誕夜，怕我感冒不肯帶我出去夜遊。", "我生日那天"),
    # A letter beside a rare or Simplified character (び厩, 瞣も, ︱狢默ニ): the reading's pairs
    # need not be known to the model, only read better than random characters.
    ("古代有國子監、{}、書院等學校。", "太學"),
    ("導演：{} 主演：杜貝隆", "佛杭蘇瓦"),
    ("{}！大家一起反對開發山坡地。", "牽手"),
    ("{}，對不起！我沒有拍照。", "白魚蛋"),
    # A word the document writes elsewhere, though the model knows it too little (贛語).
    ("漢語有七大方言：官話、贛語、閩語。\n南方的方言有：{}、閩語、吳語。", "贛語"),
]


@pytest.mark.parametrize("text,script", [
    ("他卻很有風度的把我讓給一群好友", "traditional"),
    ("登上山峰，溫泉就在門户旁", "traditional"),
    ("对于汉语的分类", "simplified"),
])
def test_line_script_knows_regional_traditional_forms(text, script):
    assert mojibake._line_script(text) == script


@pytest.mark.parametrize("line,clause", [
    # GBK read as Big5 in one short clause of a clean Simplified line, the other way round: the
    # run has Traditional forms (輪爛懂 of 近年来, common characters with no rarity to see).
    ("为了帮助农民增收，{}，县里建了很多蔬菜大棚。", "近年来"),
    # An opening quote read as ※ (A1 B0) starts the run: it reads back as the quote.
    ("记者问他是否同意，他回答说，{}！我们明天就签合同。”", "“是的"),
    ("他听完以后很生气，{}，就离开了会场。", "于是"),
    ("公司推出了网剧、{}、综艺等节目。", "演艺"),
    # A short line with one Simplified form (优) in a Simplified text: the text's script.
    ("我们都在这里等你们来，今天人很多。\n人太多，{}，我优化下", "容易崩"),
    # A short damaged clause beside a clean one with rare characters close together (姻的疫).
    ("这是我们这个月写的第一篇文章。\n{}，婚姻的疫苗要按时接种", "诱惑"),
    # A long run whose reading has a character the model does not know (丨): its pairs count
    # between it and the others.
    ("今天的头条新闻。\n{} 张明", "文丨政能特约评论员"),
    # A Simplified line that writes 於 (one Traditional form against many Simplified ones).
    ("至於这个问题，专家们的看法并不一样，{}，需要时间。", "他就未"),
    ("至於这个问题，专家们的看法并不一样，{}，需要时间。", "目前"),
    # Pieces between digits, one character each, read as a span: a date, a score.
    ("本店开业于{}，至今已经营了十年。", "2014年5月"),
    ("截至{}，全市共有", "2019年12月"),
    ("比赛结束时，{}，还有两个盖帽。", "他得到21分"),
])
def test_gbk_read_as_big5_in_a_simplified_line(line, clause):
    damaged = line.format(LOSSLESS["gbk-as-big5"](clause))
    assert repair(damaged) == line.format(clause)


# A unit damaged alone after a number, in a text that writes that unit after a number elsewhere;
# a character between two digits (1米3 is a height) and a unit the text never writes stay.
@pytest.mark.parametrize("text,clause", [
    ("这座桥1998年建成。\n{}，桥面又加宽了一倍。", "2005年"),
    ("公司成立于2006年。\n{} 柔性生产线实现批量交付", "2019年"),
])
def test_gbk_read_as_big5_unit_after_a_number(text, clause):
    assert repair(text.format(LOSSLESS["gbk-as-big5"](clause))) == text.format(clause)


@pytest.mark.parametrize("text", ["他身高1譙3，今年12岁。\n体重30米", "这座桥建成很久了。\n2005爛，桥面又加宽了一倍。"])
def test_characters_after_numbers_unchanged(text):
    assert repair(text) == text


def test_a_run_the_document_reads_inside_a_longer_one_reads_the_same():
    """杅弇等⑻ alone reads too weakly for the document's kind; the next line has it inside a run
    read strongly (cp950's reading of ⑻ as 曲, the page's decoder)."""
    text = "6.1\t数位单曲\n6.2\t合唱数位单曲"
    assert repair(text.encode("gbk").decode("cp950")) == text


# A list of short names between ASCII marks, damaged as a whole: no piece reads as words alone,
# the span from the first to the last does. Names written here, none of them from ../shared.
@pytest.mark.parametrize("names", ["朱红;姚远", "叶青 史小今 林一", "邓文;史小今", "吴金希 ; 曹亮 ; 高明",
                                   "江涛, 姚远, 叶青", "马丽/唐宁/吴金希", "作者：宋佳;徐静;高明"])
def test_gbk_read_as_big5_in_a_list_of_names(names):
    assert repair(LOSSLESS["gbk-as-big5"](names)) == names


# A short line of a chat damaged as a whole (Big5 read as GBK): a letter alone (и of 我) and a
# clause beside it, between ASCII, read as one span in the script of the text around.
@pytest.mark.parametrize("reply", ["是ㄚ", "沒ㄚ", "來ㄚ"])
def test_big5_read_as_gbk_short_chat_line(reply):
    text = f"媽媽: 你吃飯了嗎?\n我: {reply}!\n媽媽: 快點來吃吧"
    lines = text.split("\n")
    lines[1] = LOSSLESS["big5-as-gbk"](lines[1])
    assert repair("\n".join(lines)) == text


# Clean lists of names, the same name twice, and a name with a rare character among them: the
# same piece again is no more evidence, and a list is in the script of the text around it.
@pytest.mark.parametrize("text", ["陈玥 | 陈玥", "王喆; 李堃; 张珺", "林犇8陈玥70胡淼76", "作者：刘昳/钱垚/孙兟",
                                  "吳旻、鄭璟; 趙翀", "周昉/何焱/陈玥/何焱/筪", "请看第 3棦5 页和第 8 页的说明",
                                  "唉~Ω 今天好累~ 不想动了~",
                                  "怎样判断自己是否属于脱发呢？\n吴旻 儸荾蘇 马骉 朱镕基"])
def test_clean_lists_of_names_unchanged(text):
    assert repair(text) == text


# Where one clause of a line is damaged, a clean character beside it stays, however the swap
# reads it (唉 and 隻 are both B0 A6); where the whole line is damaged, a lone character is
# read into the script of the rest (爹 is 註, B5 F9), though the model likes it no better.
@pytest.mark.parametrize("before,clause,after", [
    ("今天去踢球… 唉~ ", "寫中文好煩呀", "~ 不寫了~ bye bye~"),
    ("二、", "銀行轉帳", ""),
    ("第 八 款 ", "國會有權", "："),
    ("", "他們稱它為「華語」等（由此衍生的定義問題）[註 1]。", ""),
    # A page's bullet at the start of a damaged line (◎ is A1 B7, 》 in GB18030): the model
    # knows bullets from web text, so the mark is read with the run, not left as a bracket.
    ("", "◎本週新書推薦", ""),
    ("", "★重要通知：明天停課", ""),
    ("", "■活動時間：週六下午", ""),
    # A mark alone in a damaged line is the other codec's mark (GB18030's … is Big5's ＃, A1 AD);
    # one glued to a clean clause's end stays.
    ("", "《刑警威利》 ＃23", ""),
    ("", "《天涯》 ＃5 完", ""),
    ("", "我們到底為什麼", "？』"),  # clean marks glued to the damaged clause
])
def test_clean_characters_beside_a_big5_as_gb18030_clause(before, clause, after):
    damaged = before + clause.encode("big5").decode("gb18030") + after
    assert repair(damaged) == before + clause + after


# Short damaged clauses with one rare character each: too little for the scan of rare
# characters close together (每份12元 as GBK read as Big5 is 藩爺12啋, split by the digits).
@pytest.mark.parametrize("kind,before,words,after", [
    ("gbk-as-big5", "学校食堂的午饭，", ("每份", "12", "元"), "。还有汤。"),
    # One short clause between question marks, with one rare character (禥 of 貴族嗎).
    ("big5-as-gbk", "我很想知道在這邊讀書是甚麼感覺，", ("貴族嗎",), "？會騎馬嗎？學生會打球嗎？"),
])
def test_short_damaged_clauses_with_one_rare_character(kind, before, words, after):
    damaged = before + "".join(w if w.isdigit() else LOSSLESS[kind](w) for w in words) + after
    assert repair(damaged) == before + "".join(words) + after


# Rare characters in a Simplified line that GBK read as Big5 would make Traditional forms of (頸,
# 趕): a chance swap, since the line's own damage would read as Simplified text.
@pytest.mark.parametrize("text", ["软件的也（蟊貤砃）会有问题，这个例子说明", "青湖镇“阰猧”中心小学教导处",
                                  "也记录结果（例如“覂譫餛）以便以后查看"])
def test_rare_characters_read_into_the_other_script_stay(text):
    assert repair(text) == text


# GBK's iteration marks (ゝ is Big5's 妹) are no Japanese, and its squared abbreviations (㏑ is
# 命, ㎝ is 和) and block elements (▅ is 育) are letters of the damage.
@pytest.mark.parametrize("line,clause", [("這首歌很好聽，{}，要珍惜時間。", "生命太短"),
                                         ("我們家有三個人，{}，都很喜歡唱歌。", "媽媽和妹妹"),
                                         ("我們去了學校、{}、圖書館和公園。", "體育場")])
def test_big5_read_as_gbk_with_iteration_marks_and_squared_letters(line, clause):
    assert repair(line.format(LOSSLESS["big5-as-gbk"](clause))) == line.format(clause)


@pytest.mark.parametrize("line,clause", TRADITIONAL_LINE_CLAUSES)
def test_big5_read_as_gbk_in_a_traditional_line(line, clause):
    damaged = line.format(LOSSLESS["big5-as-gbk"](clause))
    assert repair(damaged) == line.format(clause)


# Rare characters put into Traditional lines read as common ones about as often as a short
# damaged run does: they must stay (the control family rare-in-traditional-lines). 不狟撝 read
# as GBK read as Big5 is ぃ下賈: kana come out of a swap between CJK codecs, not into a repair.
TRADITIONAL_WITH_RARE = ["這是一個測試（鍪禚）的句子，沒有任何問題。", "我們今天 夔 去了圖書館，借了幾本書。",
                         "他的名字叫做張堃，住在臺北市。", "她對這件事很有耐性 不狟撝 也不會生氣",
                         # Read as Big5 read as GBK, these are common characters (娑維, 等畔, 宸賞),
                         # but no likelier than the run as characters picked at random.
                         "他們把這種文體稱為（甈蝴）文言文，現在很少人寫。", "有空的話請打個電話給我 单痐）?",
                         "這本書的名字是（上「甪洁））",
                         # A letter beside one common character is clean text (a kaomoji's σ, a
                         # Greek letter), and a mark over and over (﹗﹗﹗) is one mark.
                         "轉變可算很大. 回σ(´∀`)看舊照, 總令人懷念", "唉Ω~ 又受傷了… 比佢吹脹~",
                         "離職原因是假的。不是嗎(＾ω＾)﹖假的﹗﹗﹗",
                         # Clean marks glued to rare characters are no evidence (」── is no ★岸岸).
                         "──道德亂飆的年代\u3000性權誓師出征（韩妹褆」──"]


@pytest.mark.parametrize("text", TRADITIONAL_WITH_RARE)
def test_rare_characters_in_traditional_lines_unchanged(text):
    assert repair(text) == text


# Lossy GBK decoders (Python's errors="replace", or "?") lose a byte every few dozen characters
# of UTF-8 mojibake (0x80, user-defined pairs) and the odd byte at each line end: a long line has
# more lost bytes than a short one, and the mark at the very end can stand for two bytes.
LOSSY_LINES = [
    "据以色列媒体5月19日报道，以战时内阁在18日晚开会，审查了一份重启与哈马斯进行人员交换谈判的提案。",
    "从超发电价的上涨，到上网电价的上涨，以及预期的销售电价的上涨，所有这些的承受者不是发电公司，"
    "更不会是电网公司，而是所有的终端电力消费者。",
    "活动现场，志愿者们有的帮助社区清理楼道杂物、修剪绿化带，有的为老年人讲解医保政策、测量血压。",
]


@pytest.mark.parametrize("mark", ["\ufffd", "?"])
@pytest.mark.parametrize("text", LOSSY_LINES)
def test_lost_bytes_in_long_lines(text, mark):
    damaged = generator.windows_gbk(text.encode("utf-8"), mark)
    assert mark in damaged
    repaired = repair(damaged)
    assert 1 - Levenshtein.distance(repaired, text) / len(text) >= 0.9


def test_python_gbk_replace_damage_is_read_back():
    """Python's decode("gbk", errors="replace") loses a byte every few characters (0x80, the
    user-defined pairs): each lost byte is one the decoder could not pair with the next byte,
    so few values remain and a run may lose many."""
    total = errors = 0
    for text in [*PARAGRAPHS, *LOSSY_LINES]:
        damaged = generator.python_gbk_replace(text, None)[0]
        assert damaged.count("\ufffd") >= 3
        repaired = repair(damaged)
        assert "\ufffd" not in repaired
        errors += Levenshtein.distance(repaired, text)
        total += len(text)
    assert 1 - errors / total >= 0.98


@pytest.mark.parametrize(("following", "fits", "does_not_fit"), [
    (0xE4, [0x80, 0xAD], [0x8D, 0xB8]),  # before a Han character's lead byte: 中 (AD) may end, 不 (8D) not
    (0x41, [0x80, 0xA1], [0x8D, 0xAD]),  # before an ASCII letter: A1-A7 40-A0 are user-defined
])
def test_lost_byte_values_the_decoder_could_not_pair(following, fits, does_not_fit):
    mark = mojibake._lost_before(("gbk",), following)
    allowed = [0x80 + k for k in range(64) if (mojibake.LOST_SOME - mark) >> k & 1]
    assert all(b in allowed for b in fits)
    assert not any(b in allowed for b in does_not_fit)


@pytest.mark.parametrize("decoder", ["big5hkscs", "cp950", "big5"])
def test_gbk_read_by_every_big5_decoder(decoder):
    """Python's big5 and cp950 read C6A1-C8FE as kana, circled numbers and Cyrillic where HKSCS
    has other characters: GBK text read by any of them comes back (害防治 is 阨ぇ嗣 in cp950)."""
    for text in [*PARAGRAPHS, *LOSSY_LINES]:
        try:
            damaged = text.encode("gbk").decode(decoder)
        except UnicodeDecodeError:
            continue
        assert repair(damaged) == text, decoder


BIG5_AS_GB18030 = [
    *TRADITIONAL,
    "為什麼一整天什麼屁都講不出來?",  # a half-width question mark the text had
    "我這個人，很喜歡回家的感覺。回到家，什麼的情緒低落也沒有了。",
]


@pytest.mark.parametrize("text", BIG5_AS_GB18030)
def test_big5_read_as_gb18030(text):
    """GB18030 (and Windows' GBK) read GBK's user-defined pairs, where Big5 has its commonest
    characters (為 is A4B0... read as E0CB), as private use characters: damage, not clean text."""
    damaged = text.encode("big5").decode("gb18030")
    assert any("\ue000" <= ch <= "\uf8ff" for ch in damaged)
    assert repair(damaged) == text


def test_big5_read_by_python_gbk_replace():
    """Python's GBK decoder with errors="replace" loses the lead of every Big5 pair GBK lacks
    (one character in three) and reads its trail alone, out of step until a trail is ASCII:
    the lost leads are few values each (see _lost_before), and the stray trails join the run."""
    total = errors = 0
    for text in BIG5_AS_GB18030:
        damaged = text.encode("big5").decode("gbk", errors="replace")
        assert "\ufffd" in damaged
        repaired = repair(damaged)
        assert "\ufffd" not in repaired
        errors += Levenshtein.distance(repaired, text)
        total += len(text)
    assert 1 - errors / total >= 0.9


@pytest.mark.parametrize("text", ["最早的是1900年出版的那一本小說。", "這本書是2008年買的，到現在還沒看完。",
                                  "我最喜歡的樂團是Beatles。"])
def test_big5_as_gbk_stray_trail_before_ascii_joins_the_run(text):
    """是 (AC 4F) after a lost lead reads 含O in Python's GBK: the O is 是's trail, glued to
    the 1900 or the word after it. It belongs to the run, or the run ends in half a pair and is
    not read."""
    damaged = text.encode("big5").decode("gbk", errors="replace")
    assert "\ufffd" in damaged
    repaired = repair(damaged)
    assert "\ufffd" not in repaired
    assert Levenshtein.distance(repaired, text) <= 1


@pytest.mark.parametrize("text", ["請把作業交出來。", "那本書已經出版了。"])
def test_lost_byte_in_traditional_text_may_be_a_character_both_scripts_write(text):
    """出 (A5 58) read by Python's GBK is a lost byte and X: of its candidates, 出 is the
    Simplified side of OpenCC's 齣 -> 出, but Traditional text writes it all the time (no 交—來)."""
    damaged = text.encode("big5").decode("gbk", errors="replace")
    assert "\ufffdX" in damaged
    assert repair(damaged) == text


@pytest.mark.parametrize("text", ["如果不是建築物的造型不同，我還以為回到了家鄉。", "歡迎大家下學期再來。"])
def test_lost_bytes_read_as_words_the_characters_after_them_go_on(text):
    """Paths through a run's lost bytes that reach the same character are kept apart by its
    word position (see CharModel.best): the one with the character inside a word may be behind
    there, yet only it goes on as words (的造型不同, 下學期; not 捏造但不同, 助學期)."""
    damaged = text.encode("big5").decode("gbk", errors="replace")
    assert Levenshtein.distance(repair(damaged), text) <= 1


def test_big5_as_gbk_run_with_an_unreadable_piece_is_read_in_step_pieces():
    """哈 (AB A2) read by Python's GBK is two lost bytes: 哈哈哈哈 leaves seven marks in a row
    that no reading may guess. The run is read in the pieces a byte after an ASCII letter
    begins (了 is a lost byte and F), and the rest of it comes back."""
    text = "這張照片被我剪壞了哈哈哈哈。"
    damaged = text.encode("big5").decode("gbk", errors="replace")
    assert "\ufffd" * 7 in damaged
    assert repair(damaged).startswith("這張照片被我剪壞了")


@pytest.mark.parametrize("text", ["今日天氣很好，適合出去走走。", "今天下午要開會嗎？"])
def test_big5_as_gbk_today_with_a_lost_byte_is_no_japanese(text):
    """今天 and 今日 read as GBK are hiragana in a row (さぱ, さら), as Japanese is; a lost
    byte in the run shows damage, which Japanese text has not."""
    damaged = text.encode("big5").decode("gbk", errors="replace")
    assert "\ufffd" in damaged
    assert Levenshtein.distance(repair(damaged), text) <= 1


# GBK read by Python's big5 decoder with errors="replace": a lead byte Big5 cannot pair with the
# next byte is lost (GBK's rows 81-A0; C8 of 仁 and 三, where plain Big5 has no pairs) and the
# next byte is read afresh. Each lost byte is one of the few values that pair fails for.
GBK_BY_PYTHON_BIG5 = [
    "三年前他离开家乡，到南方一座小城里开了一家书店。",
    "仁者见仁，智者见智，大家各有各的看法。",
]


@pytest.mark.parametrize("text", GBK_BY_PYTHON_BIG5)
def test_gbk_read_by_python_big5_replace(text):
    damaged = text.encode("gbk").decode("big5", errors="replace")
    assert "\ufffd" in damaged
    assert repair(damaged) == text


def test_clean_clauses_beside_a_big5_as_gbk_clause_stay():
    """A line shows Big5 read as GBK in one clause: its clean Traditional clauses are not read
    as GBK read as Big5 (很喜歡回家的感覺 is no 竭炰餙隙模腔覜紒)."""
    clean = "我這個人，很喜歡回家的感覺。回到家，就什麼累，什麼的情緒低落也沒有了。"
    damaged = clean.replace("就什麼累", "就什麼累".encode("big5").decode("gbk"))
    assert damaged != clean
    assert repair(damaged) == clean


# UTF-8 read as cp1252 by a decoder that drops the five bytes cp1252 has no character for
# (0x81, 0x8D, 0x8F, 0x90, 0x9D): the lost byte was one of them, so 、 (E3 80 81) may have lost
# it but 。 (E3 80 82, ‚ in cp1252) not.
CP1252_DROPPED_BYTE = ["我们去了北京、上海与广州。", "他喜欢读书、写字和画画。", "会议讨论了教育、医疗和住房问题。"]


# Whole documents so: a character may lose both continuation bytes (十 is E5 8D 81), and where
# the text shows such a decoder, a line's last character one byte short lost it so too (响 of
# 影响 is E5 93 8D, ！ is EF BC 81).
CP1252_DROPPED_DOCUMENTS = [
    "几十集的电视剧，他一集不落地看完了。\n我们研究了下岗职工对再就业的影响",
    "欢迎大家踊跃参与！\n他说十分感谢各位的支持！",
]


def test_damaged_clause_of_common_looking_characters():
    # 命令 read as GBK is 鍛戒护: no character rare enough for the rarity scans (鍛 is 15.3
    # bits), but its GBK bytes are two Han characters of valid UTF-8.
    text = "命令。这会显示发行版的名称（在 Distributor ID 字段）。"
    damaged = text.replace("命令", "命令".encode().decode("gbk"))
    assert damaged.startswith("鍛戒护") and repair(damaged) == text


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_rare_name_read_from_utf8_damage(codec):
    # 郝戎 is rarer than a reading may be (MAX_CHAR_COST), but three GBK characters of valid
    # UTF-8 read as two, gaining 23 bits, are no chance.
    text = "于冬、郝戎、尹鸿、孙立军将讲述他们的成长故事。"
    damaged = text.replace("郝戎", "郝戎".encode().decode(codec))
    assert repair(damaged) == text


# UTF-8 read by Python's .decode("gbk", errors="ignore"), common in scrapers: the bytes that
# errors="replace" would mark go without a trace (0x80, a lead GBK cannot pair), so every 。
# before a line end loses both its last bytes, and 月 of 6月1日 the byte before the digit.
GBK_IGNORE_DROPPED = [
    "我们研究了下岗职工的社会资本对再就业的影响。",
    "本届展会的主题是绿色低碳发展，吸引了三百多家企业参展。",
    "会议于6月1日在北京召开，来自全国的代表参加了会议。\n代表们讨论了教育、医疗和住房问题。",
    # The text's own half-width ? (this decoder never writes one): where a character begins
    # (够吗? is 澶熷悧?), and after a character that lost a byte to it (呢? is 鍛?: A2 has
    # no pair in ?), with bytes dropped elsewhere in the run.
    "两个人要在一起生活，互相喜欢互相了解够吗?那两个人每天躺在家里，这日子能过吗?没错，要出去赚钱。",
    "这样一个丧失了合法性的统治并没有随之垮台，它依然立在那里。这又是怎么一回事呢?",
]


@pytest.mark.parametrize(("decoder", "text"), [("cp1252", text) for text in CP1252_DROPPED_BYTE + CP1252_DROPPED_DOCUMENTS]
                         + [("gbk", text) for text in GBK_IGNORE_DROPPED])
def test_utf8_read_by_a_decoder_that_drops_bytes(decoder, text):
    damaged = text.encode("utf-8").decode(decoder, "ignore")
    assert "\ufffd" not in damaged and len(damaged.encode(decoder)) < len(text.encode("utf-8"))
    assert repair(damaged) == text


@pytest.mark.parametrize("text", ["欢迎大家踊跃参与！", "老师说：「明天考试」"])
def test_utf8_read_as_cp1252_with_errors_replace_at_the_end(text):
    # The mark at the end stands for a byte cp1252 cannot read alone: ！ (EF BC 81), not ： (9A).
    damaged = text.encode("utf-8").decode("cp1252", "replace")
    assert damaged.endswith("\ufffd")
    assert repair(damaged) == text


def test_text_cut_short_is_no_dropped_byte():
    # A title cut inside its last character (元素 is E5 85 83 E7 B4 A0) keeps the piece left.
    cut = "Python 删除列表中的元素".encode()[:-1].decode("cp1252", "ignore")
    assert repair(cut) == "Python 删除列表中的元ç´"


# A question mark the text had all along, inside cp1252 mojibake: where no UTF-8 character can
# be going on, "?" is the question mark, not a lost byte.
LITERAL_QUESTION_MARKS = ["她会怎么做?她要挑了解自己的", "为什么?因为我们相信", "真的吗?真的。"]


@pytest.mark.parametrize("text", LITERAL_QUESTION_MARKS)
def test_literal_question_mark_inside_mojibake(text):
    assert repair(LOSSLESS["utf8-as-cp1252"](text)) == text


# A damaged clause inside a long clean line: the mean cost of the whole run stays low, so the
# line must be looked at clause by clause to be found at all.
DAMAGED_CLAUSE_IN_LONG_LINE = [
    ("utf8-as-gbk", "这天早上，钟敲到第五下，{}。", "忽然停了"),
    ("utf8-as-gbk", "对于未来，于欢说，目前他想先适应社会，{}。", "等春节后再做打算"),
    ("utf8-as-gb18030", "{}，满脸的疲惫和激愤。富有诗人气质的黄对我说，他们准备上北京。", "他们刚从广场示威回来"),
]


@pytest.mark.parametrize("kind,line,clause", DAMAGED_CLAUSE_IN_LONG_LINE)
def test_damaged_clause_in_a_long_clean_line(kind, line, clause):
    damaged = line.format(LOSSLESS[kind](clause))
    assert repair(damaged) == line.format(clause)


# UTF-8 read as cp1252 (or latin-1) two times: two layers of valid UTF-8 are evidence enough for
# one character between digits (2024年5月) and for a reading of rare characters (a name).
TWICE_DAMAGED = [
    ("utf8-twice", "2005年~2006年\t5月23日至4月9日"),
    ("utf8-twice", "主  席：郭晓川"),
    ("utf8-twice", "惊爆日企SONY MUSIC操控华人女星黑幕(转载)"),
    ("utf8-twice-latin1", "北京商报讯（记者 岳品瑜 董晗萱）5月20日"),
    ("utf8-twice-latin1", "〔注〕\u3000滟滪(yàn\u3000yù)：即滟滪滩。"),
    ("utf8-as-latin1", "记者 董晗萱"),
]


@pytest.mark.parametrize("kind,text", TWICE_DAMAGED)
def test_twice_damaged_short_runs_and_names(kind, text):
    assert repair(LOSSLESS[kind](text)) == text


# GBK read as Big5, or Big5 as GBK, on short runs: runs that no one decides alone are read when
# the line's damage is sure (symbols: ﹝ is 。 and ㄛ is ，), when they are sure together (8月11日),
# or when the document's other lines are damaged the same way.
CJK_SWAP_SUPPORTED = [
    ("gbk-as-big5", "8月11日至8月25日、"),
    ("gbk-as-big5", "12月12日下午"),
    ("gbk-as-big5", "我的心______你。”（诗143:8）"),
    ("gbk-as-big5", "1.请参阅以下文档：\n8月11日"),
    ("big5-as-gbk", "對所有事項均行使專有立法權"),
    # One character between Latin words: 或 comes out as 麼, which the model scores as 么.
    ("gbk-as-big5", "可以选择 Debian 或 Ubuntu 系统作为服务器的操作系统，两者都提供长期支持版本。"),
    ("gbk-as-big5", "数据可以保存为 CSV 或 JSON 格式，也可以直接导出为表格。"),
]


@pytest.mark.parametrize("kind,text", CJK_SWAP_SUPPORTED)
def test_cjk_swap_on_short_runs_with_support(kind, text):
    assert repair(LOSSLESS[kind](text)) == text


# ... and what must stay: Japanese (kana with Han reads as Chinese after a swap as readily as
# damage does), one character over and over, a short run whose reading holds rare characters,
# a characters' reading with no unassigned code points, a clean name in a damaged document.
CJK_SWAP_CONTROLS = [
    "池端さんは毎朝六時に起きて、駅まで歩いて行きます。",
    "かぐや姫の昇天は、竹取物語の最後の場面です。",
    "蛤蛤蛤", "抶抶抶", "甊甊甊",
    "据推测，恐怕只有他的往返交通费（狟萃鑀）用以及食宿费用的发票还在自己的口袋里。",
    "鸾帎",
    "天呀！为何这样残忍？唉！真好痛心呀！耻！耻！耻！",
    "这是“麼”字在繁体中的写法，简体写作“么”。", "他说 麼 是繁体字",
    # An icon font's private use character before a circled number: \ue058③夕 is no 門Ｍ浀,
    # which reads worse than characters picked at random.
    "\ue058③夕：太阳落山的时候。", "\ue679跨界合作的新模式",
]


@pytest.mark.parametrize("text", CJK_SWAP_CONTROLS)
def test_cjk_swap_controls_unchanged(text):
    assert repair(text) == text


def test_clean_line_of_a_damaged_document_unchanged():
    clean = "整合 新华日报·交汇点记者 徐睿翔\n·\t★07男人--补肾新药（图）"
    damaged = LOSSLESS["gbk-as-big5"]("那么如何使用这个软件包的自动升级功能")
    assert repair(f"{damaged}\n{clean}") == f"那么如何使用这个软件包的自动升级功能\n{clean}"


# Mojibake that normalize would change by turning a no-break space into a space: repair judges
# the text as it will be, so that clean gives the same result the second time; a reading of a
# few Latin letters as braille or one rare character is no repair.
@pytest.mark.parametrize("text", ["â¡Â\xa0õ", "ã¡Â\xa0õ", "¡¡°¡°¹\xa0"])
def test_no_break_space_beside_latin_mojibake_is_stable(text):
    once = repair(text).replace("\xa0", " ").strip()
    assert repair(once) == once


def _euro_for_0x80(error: UnicodeDecodeError) -> tuple[str, int]:
    if error.object[error.start] == 0x80:
        return "€", error.start + 1
    raise error


codecs.register_error("test-euro-0x80", _euro_for_0x80)


def _whatwg_gbk(text: str) -> str:
    """UTF-8 read as GBK by a WHATWG decoder: the pair A2 E3 reads € as the byte 0x80 does."""
    return text.encode("utf-8").decode("gb18030", errors="test-euro-0x80")


# Lines whose UTF-8 holds the pair A2 E3 in step (a character ending in A2 before one of
# U+3000..U+3FFF: 院《, 面。) next to the byte 0x80.
EURO_AS_A2E3 = [
    "伴随着国务院《关于投资体制改革的决定》出台，确立了民间资本的地位",
    "月亮人再也没有来过地面。但他的脸上带着兔子丢的泥巴",
]


@pytest.mark.parametrize("text", EURO_AS_A2E3)
def test_euro_read_from_the_pair_a2_e3(text):
    damaged = _whatwg_gbk(text)
    assert damaged.count("€") >= 2 and "€€" in damaged
    assert repair(damaged) == text


# Pinyin letters with tone marks sit in GBK's row A8, which Big5 reads as Han characters;
# in a line surely damaged so they are read back even though the model prefers Han characters.
PINYIN_IN_CJK_SWAP = ["〔注〕\u3000滟滪(yàn\u3000yù)：即滟滪滩，在重庆奉节县东五公里瞿塘峡口，旧时是长江三峡的著名险滩。"]


@pytest.mark.parametrize("text", PINYIN_IN_CJK_SWAP)
def test_pinyin_letters_and_rare_words_in_a_gbk_as_big5_line(text):
    assert repair(text.encode("gbk").decode("big5hkscs")) == text


# Two characters the model does not know, read as a common word (GBK<->Big5), alone in a line.
TWO_UNKNOWN_AS_WORD = [
    ("主题： 你知道导游为什么那么热衷于让你去各种各样的商场购物吗？", "gbk", "big5hkscs", 0, 2),
    ("但被定有罪者仍應負有刑責而得依法被起訴、審理、判決和懲罰。", "big5", "gbk", 20, 22),
]


@pytest.mark.parametrize("line,encoding,misread,a,b", TWO_UNKNOWN_AS_WORD)
def test_isolated_pair_of_unknown_characters_read_as_a_word(line, encoding, misread, a, b):
    damaged = line[:a] + line[a:b].encode(encoding).decode(misread) + line[b:]
    assert damaged != line
    assert repair(damaged) == line


# Clean text that random rare characters make: long runs whose swap reads characters the
# model does not know, two Han characters that read as one and an ASCII leftover.
RARE_RUNS_THAT_STAY = ["愼笆盢眍苀", "添臚悼丶傖", "瑗琂", "閬梌", "“澧揗”利益集团左右电改电价"]


@pytest.mark.parametrize("text", RARE_RUNS_THAT_STAY)
def test_rare_runs_that_read_as_chance_stay(text):
    assert repair(text) == text


# Rare characters after a question mark read one byte out of step (the ? a lost byte) as rare
# characters again (?夼藐涺 as 无琶隂鬚): no likelier than random ones, so no repair.
RARE_AFTER_QUESTION_MARK = ["有空的話請回電給我?夼藐涺", "你們什麼時候到?夼藐涺", "要不要一起去?夼藐涺"]


@pytest.mark.parametrize("text", RARE_AFTER_QUESTION_MARK)
def test_rare_characters_after_a_question_mark_stay(text):
    assert repair(text) == text


# --- the fast paths of the search give what the plain ones give --------------------------------


def _plain_best(m, lattice, left=None, right=None, seen=None):
    """CharModel.best as first written: every path through _walk, strings joined as they go,
    with the probability the pairs of running text and of the document add to a pair."""
    import math

    from cleantext.hanzi_model import BEAM, BEAM_BITS, CACHE_ODDS, RUNNING_ODDS, running_pairs

    if all(len(options) == 1 for options in lattice):
        return "".join(options[0] for options in lattice)
    marks, prev, position = m._start(left)
    states = {(marks, prev): (0.0, position, "")}
    for options in lattice:
        new = {}
        for (marks, prev), (score, position, text) in states.items():
            for option in options:
                gain, after, last, at = m._walk(marks, prev, position, option)
                if len(option) == 1 and prev is not None and gain > -math.inf:
                    # The running text's part is scaled as the open marks scale the pair.
                    at_first, at_inner = position
                    ff, fi, if_, ii = m.transitions(prev, option)
                    sff, sfi, sif, sii = m.structure_transitions(marks, prev, option)
                    scale = (at_first * (sff + sfi) + at_inner * (sif + sii)) / (at_first * (ff + fi) + at_inner * (if_ + ii))
                    extra = RUNNING_ODDS * running_pairs().get(m._key(prev) + m._key(option), 0.0) * scale \
                        + CACHE_ODDS * (seen or {}).get(prev + option, 0.0)
                    gain = math.log2(2**gain + extra)
                value = score + gain
                if (after, last) not in new or value > new[after, last][0]:
                    new[after, last] = (value, at, text + option)
        if len(new) > 1:
            floor = max(v[0] for v in new.values()) - BEAM_BITS
            kept = sorted((kv for kv in new.items() if kv[1][0] > floor), key=lambda kv: kv[1][0], reverse=True)
            new = dict(kept[:BEAM])
        states = new
    return max(states.items(), key=lambda kv: kv[1][0] + m._close(kv[0][0], kv[0][1], kv[1][1], right))[1][2]


FAST_PATH_RUNS = ["浠栦滑宸查煭", "鏂?闂伙細", "闄€€婂叧", "瓣穦Τ舦：", "12堎12゜狟敁", "�鍙戝竷鏃堕棿", "æ–°é—»",
                  "“鍚嶅瓧”（涓€", "·", "│〓←", "涓€？鏂囷細", "?鍒嗛挓", "拷?鍦板尯"]


def _lossy_runs() -> list[str]:
    """Runs with lost bytes (lattices with many options at some positions), made as the
    generator makes them."""
    import random

    rng = random.Random(7)
    runs = []
    for kind in ("utf8-as-gbk-lost-fffd", "utf8-as-gbk-lost-question", "utf8-as-gbk-python-replace", "utf8-as-big5-lost"):
        for text in ("发布时间：2024年", "“新闻”（中心）。", "他说：“我们的工作”", PARAGRAPHS[0][:12]):
            try:
                runs.append(generator.LOSSY[kind](text, rng)[0])
            except UnicodeError:  # no byte of this text could be lost this way
                continue
    return runs


@pytest.mark.parametrize("run", FAST_PATH_RUNS + _lossy_runs())
def test_lattice_search_is_the_plain_viterbi(run):
    """best steps one character inline, remembers transitions and numbers the open marks: the
    same string as the plain search, for every lattice of every kind, in several contexts."""
    from cleantext.hanzi_model import document_pairs, model
    from cleantext.mojibake import KINDS

    m = model()
    for kind in KINDS:
        for lattice in kind.lattices(run, supported=True):
            for left, right in ((None, None), ("\n时间", "。"), ("他说：“", "”"), ("\n（", "）")):
                assert m.best(lattice, left, right) == _plain_best(m, lattice, left, right), (kind.name, left)
            document = "发布时间：新闻中心说，我们的工作"
            assert m.best(lattice, "\n时间", "。", document) == \
                _plain_best(m, lattice, "\n时间", "。", document_pairs(document)), kind.name


def _plain_read(kind, run):
    """Kind._read as first written: the whole run encoded, then read."""
    from cleantext.mojibake import (
        FEW_OPTIONS,
        LOST_SOME,
        UNKNOWN,
        _encode_with_offsets,
        _lost_before,
        max_lost_marks,
        max_unknowns,
    )

    encoded = _encode_with_offsets(run, kind.to_bytes, {})
    limit = max_lost_marks(run) if kind.lost_by else max_unknowns(run)
    if encoded is None or sum(1 for b in encoded[0] if b < 0) > limit:
        return None
    data, offsets = encoded
    if kind.lost_by:
        data = list(data)
        for i in range(len(data) - 1):
            if data[i] == UNKNOWN and data[i + 1] >= 0:
                data[i] = _lost_before(kind.lost_by, data[i + 1])
                if data[i] == LOST_SOME:
                    return None
    read = kind.read(data)
    if read is None:
        return None
    lattice, used = read
    if used < len(data):
        if used not in offsets or not lattice:
            return None
        lattice.append([run[offsets.index(used) :]])
    open_ = sum(len(options) > 1 for options in lattice)
    if kind.lost_by:
        if open_ > max_lost_marks(run) or sum(len(options) > FEW_OPTIONS for options in lattice) > max_unknowns(run):
            return None
    elif open_ > max_unknowns(run):
        return None
    return lattice


@pytest.mark.parametrize("run", [*FAST_PATH_RUNS, *_lossy_runs(), "?" * 5 + "涓枃", "€涓", "Â·"])
def test_early_rejections_are_what_the_full_read_finds(run):
    """_read rejects a run before encoding it (too many lost bytes, a first byte no UTF-8
    character begins with) only where reading the whole encoding rejects it too, and the
    remembered encodings and byte patterns read as they did."""
    from cleantext.mojibake import KINDS

    for kind in KINDS:
        assert kind._read(run, {}) == _plain_read(kind, run), kind.name
