import importlib

import pytest

from cleantext import strip
from cleantext.strip import explain_lines

strip_module = importlib.import_module("cleantext.strip")  # `strip` is the function

REMOVED = [
    ("首页>学习之窗", "breadcrumb"),
    ("首页 > 新闻中心 > 正文", "breadcrumb"),
    ("您的位置:首页 >> 党建动态 >> 动态", "breadcrumb"),
    ("当前位置：首页 > 通知公告", "breadcrumb"),
    ("来源:市委市级机关工委 发布时间:2023-08-25 阅读次数: 字体:[ ]", "source-date"),
    ("來(lái)源:北國(guó)網(wǎng)", "source-date"),
    ("发布时间：2024-01-01 10:00", "source-date"),
    ("版权所有:中共宝鸡市直属机关工作委员会  备案号:陕ICP备17009852号-1", "copyright"),
    ("Copyright © 2024 example.com All Rights Reserved", "copyright"),
    ("京ICP备12345678号", "icp"),
    ("您是本文第 154 个阅览者", "resolution"),
    ("| 回复线索：", "list-header"),
    ("Home | News | Events | Chinesische Schule | About us | Kontakt", "menu"),
]

KEPT = [
    "习近平总书记在中央和国家机关党的建设工作会议上提出，把党务干部培养成政治上的明白人。",
    "首页设计是网站建设中最重要的一环。",
    "这篇文章讨论了版权所有者的权利，以及转载时如何注明来源，这些问题越来越受到关注。",
    "市工信局机关党委专职副书记 郭佳佳",
]


@pytest.mark.parametrize("line,rule", REMOVED)
def test_removed_lines(line, rule):
    [(kept_line, decision, which)] = explain_lines(line)
    assert (decision, which) == ("removed", rule)
    assert strip(line) == ""


@pytest.mark.parametrize("line", KEPT)
def test_kept_lines(line):
    assert strip(line) == line


def test_strip_keeps_order_and_blank_lines():
    text = "首页 > 新闻\n标题\n\n正文。\n版权所有 © 2024"
    assert strip(text) == "标题\n\n正文。"


# Whole pages: chrome gathers at the head and the tail, the body is one region of prose.
PAGE = """华辰网首页 | 手机华辰 | 华辰客户端 登录 | 注册
新闻  财经  科技  体育  娱乐  汽车
华辰新闻 > 国内新闻 > 正文
江城开通首批夜间公交专线
2024年04月18日 09:12  华辰网
来源：江城晚报
字号：大 中 小
分享到：  微博  微信  QQ空间
本报讯（记者 周宁）4月17日晚10时，江城首批夜间公交专线正式投入运营，覆盖老城区和高新区。
相关阅读：
· 江城地铁5号线开通首日客流超12万人次
· 江城公布2024年城市更新项目清单

nightbus_0418_01.jpg
夜间公交专线首发车驶出江城火车站公交枢纽。周宁 摄
为保障夜间行车安全，所有夜间专线车辆均安装了驾驶员疲劳监测系统，每车配备一名安全员。
责任编辑：何晓
热门推荐
1 今年“五一”假期多地文旅消费创新高
我要评论
京ICP证000357号"""

PAGE_KEPT = [
    "江城开通首批夜间公交专线",
    "本报讯（记者 周宁）4月17日晚10时，江城首批夜间公交专线正式投入运营，覆盖老城区和高新区。",
    "夜间公交专线首发车驶出江城火车站公交枢纽。周宁 摄",
    "为保障夜间行车安全，所有夜间专线车辆均安装了驾驶员疲劳监测系统，每车配备一名安全员。",
]


def test_page_keeps_title_body_and_caption_only():
    assert [line for line in strip(PAGE).split("\n") if line] == PAGE_KEPT


def test_every_removal_names_its_rule():
    rows = explain_lines(PAGE)
    assert all(rule for line, decision, rule in rows if decision == "removed")
    rules = {line: rule for line, decision, rule in rows}
    assert rules["华辰新闻 > 国内新闻 > 正文"] == "breadcrumb"
    assert rules["· 江城地铁5号线开通首日客流超12万人次"] == "list-item"
    assert rules["nightbus_0418_01.jpg"] == "image-name"
    assert rules["1 今年“五一”假期多地文旅消费创新高"] == "tail"


TRAPS = [
    # A poem of short lines under a breadcrumb, its title and author line.
    "当前位置：首页 > 唐诗\n渭川田家\n〔唐〕王维\n斜光照墟落，穷巷牛羊归。\n野老念牧童，倚杖候荆扉。\n"
    "这首诗描绘了初夏傍晚渭水边农村的景象，诗人从斜阳写起，笔调恬淡，意境悠远。",
    # A schedule of short lines inside the body.
    "为迎接世界读书日，营造全民阅读的良好氛围，本馆将举办系列活动，欢迎读者参加。\n4月20日（星期六）\n"
    "09:30-11:30\t图书交换集市\t一楼大厅\n4月21日（星期日）\n10:00-11:30\t名家讲座\t二楼报告厅\n"
    "活动期间，凭读者证借阅图书可获赠纪念书签，数量有限，先到先得。",
    # Prose that talks about copyright, sources and page views.
    "打开手机，我们常在文末看到“版权归原作者所有，如有侵权请联系删除”这样的声明，似乎一句话就能免责。\n"
    "事实并非如此。转载时注明来源、标明阅读量，都不能代替著作权人的许可，这是法律的基本要求。",
    # A byline with separators is content, not a menu.
    "一片茶叶的三十多道工序\n文｜苏晚晴　摄影｜何川\n凌晨四点，制茶师傅已经起床，他要趁着露水未干，查看前一天采下的鲜叶。",
    # A poem written with spaces is not a menu.
    "春眠不觉晓　处处闻啼鸟　夜来风雨声　花落知多少\n这首诗写春天的早晨，语言平易，却有无穷的韵味。",
]


@pytest.mark.parametrize("text", TRAPS, ids=["poem", "schedule", "copyright-talk", "byline", "spaced-poem"])
def test_content_that_looks_like_chrome_is_kept(text):
    kept = strip(text).split("\n")
    lines = text.split("\n")
    expected = lines[1:] if lines[0].startswith("当前位置") else lines
    assert kept == expected


def test_notice_signature_after_body_is_kept():
    text = ("各有关单位：\n现将有关事项通知如下，请认真贯彻落实，确保各项工作落到实处。\n特此通知。\n"
            "湖东省文化和旅游厅\n2024年6月10日\n【打印本页】【关闭窗口】\n地址：星城市芙蓉中路589号　邮编：410000")
    assert strip(text).split("\n") == text.split("\n")[:5]


def test_traditional_and_annotated_lines_match_the_same_rules():
    assert explain_lines("發(fā)布時間：2024-06-16 08:20")[0][1:] == ("removed", "source-date")
    assert explain_lines("上一篇：芒果季開跑")[0][1:] == ("removed", "prev-next")


def test_text_without_prose_is_judged_line_by_line():
    assert strip("渭川田家\n〔唐〕王维\n版权所有 © 诗词网") == "渭川田家\n〔唐〕王维"


# A text dump with a sidebar blurb above the article and a teaser under the related list: prose
# cut off from the article by chrome is not body (the densest region of prose wins).
DUMP = """   博客首页 | 注册 | 登录 | 博客论坛 | 博客搜索
   个人信息
   我是一个爱旅行的人，如果我们是知己，也许我们可以一起去海边走走，看看日落。
     o 最新文章一
     o 最新文章二
     o 最新文章三
     o 最新文章四
   博客首页 | 注册 | 登录 | 博客论坛 | 博客搜索
   昨天去金矿玩
   金矿小镇在城市西北约一百公里的地方，是当年淘金热时期建起来的，如今成了一个露天博物馆。
   镇上的人都穿着那个年代的衣服，街上有马车，也有铁匠铺和糖果店，孩子们玩得很开心。
   相关报道：
   · 淘金小镇迎来旅游旺季（2005-04-03）
   · 小镇博物馆免费开放一天（2005-04-01）
   · 金矿旧址将修复老街（2005-03-30）
   · 周末自驾游线路推荐（2005-03-28）
   [printer2.gif] 打印本文
   发表评论 | 返回顶部
   [头条] 某地发生一件大事
   一件和这篇文章无关的新闻的摘要，写得也像一句完整的话，有逗号，也有句号。"""


def test_prose_cut_off_by_chrome_is_not_body():
    assert [line.strip() for line in strip(DUMP).split("\n") if line.strip()] == [
        "昨天去金矿玩",
        "金矿小镇在城市西北约一百公里的地方，是当年淘金热时期建起来的，如今成了一个露天博物馆。",
        "镇上的人都穿着那个年代的衣服，街上有马车，也有铁匠铺和糖果店，孩子们玩得很开心。",
    ]


def test_a_post_that_mentions_screen_resolution_is_prose():
    text = ("游戏全屏问题\n我的电脑分辨率是2560*1440，登录游戏全屏显示有的地方我看不到了，我调了分辨率都没用。\n"
            "建议使用1024*768分辨率浏览本站")
    assert strip(text).split("\n") == text.split("\n")[:2]


def test_a_poem_inside_the_article_does_not_split_the_body():
    poem = "\n".join(["我在黄昏里等你", "风从河面吹过来", "灯一盏一盏亮了", "你还没有回来"] * 3)
    text = ("那年秋天，父亲第一次给我念了这首诗，他说这是写给母亲的，我一直记到今天。\n" + poem
            + "\n念完以后，他很久没有说话，只是看着窗外，那天的月亮很圆。")
    assert strip(text) == text


def test_site_notice_after_a_page_of_link_lines_is_not_body():
    links = "\n".join(f"   {w}" for w in ["开冰淇淋店赚得疯狂", "中国一千个赚钱好项目", "首家名牌时装折扣店",
                                           "网络城市快车直达财富顶峰", "关注健康就是关爱您的生活"] * 8)
    text = ("   昨天去金矿玩\n   金矿小镇在城市西北约一百公里的地方，是当年淘金热时期建起来的，如今成了一个露天博物馆。\n"
            "   镇上的人都穿着那个年代的衣服，街上有马车，也有铁匠铺和糖果店，孩子们玩得很开心。\n"
            "   [printer2.gif] 打印本文\n" + links + "\n   某某网传输内容声明\n"
            "   某某网在网上传输的所有内容均由内容合作方提供，某某网不对其真实性、准确性和合法性负责。")
    assert [line.strip() for line in strip(text).split("\n") if line.strip()] == [
        "昨天去金矿玩",
        "金矿小镇在城市西北约一百公里的地方，是当年淘金热时期建起来的，如今成了一个露天博物馆。",
        "镇上的人都穿着那个年代的衣服，街上有马车，也有铁匠铺和糖果店，孩子们玩得很开心。",
    ]


def test_a_blurb_that_chrome_cuts_off_from_the_article_goes_with_the_head():
    sidebar = "\n".join(f"     o 最新文章之{n}" for n in "一二三四五六七八")
    text = ("博客首页 | 注册 | 登录\n欢迎来到我的小屋。\n" + sidebar + "\n博客首页 | 注册 | 登录\n昨天去金矿玩\n"
            "金矿小镇在城市西北约一百公里的地方，是当年淘金热时期建起来的，如今成了一个露天博物馆。")
    assert strip(text).split("\n") == text.split("\n")[-2:]


def test_a_poem_above_a_widget_row_is_kept():
    text = ("首页 | 唐诗 | 宋词 | 元曲 | 古文\n渭川田家\n〔唐〕王维\n斜光照墟落，穷巷牛羊归。\n野老念牧童，倚杖候荆扉。\n"
            "雉雊麦苗秀，蚕眠桑叶稀。\n收藏　复制　朗读　纠错　分享\n"
            "这首诗描绘了初夏傍晚渭水边农村的景象，诗人从斜阳写起，笔调恬淡，意境悠远。")
    lines = text.split("\n")
    assert strip(text).split("\n") == lines[1:6] + lines[7:]


# The pager and markup-residue patterns as they were: nested repeats that backtrack
# exponentially on a line that almost matches (28 digits and a letter took 16 s).
BACKTRACKING = {
    "pager": r"^(?:\d+\s*){2,}(?:下一页|尾页|末页|>>|›|»)?\s*$",
    "markup-residue": r"^(?:\[[^\]]{0,40}\]\s*[-|]?\s*)+$",
}


@pytest.mark.parametrize("name", sorted(BACKTRACKING))
def test_rewritten_patterns_match_the_same_lines(name):
    import random
    import re

    old = re.compile(BACKTRACKING[name], re.I)
    test = next(rule.test for rule in strip_module.RULES if rule.name == name)
    alphabet = ["1", "2", " ", "  ", "\u3000", "[", "]", "a", "-", "|", "下一页", "»", "x", "[a]", "[a] - "]
    rng = random.Random(3)
    for _ in range(20000):
        key = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7)))
        assert test(strip_module.Line(key, key)) == bool(old.search(key)), key


def test_lines_that_almost_match_a_pattern_are_judged():
    # These took minutes or more with the backtracking patterns.
    assert strip_module.decide("1" * 60 + "x") == ("kept", "")
    assert strip_module.decide("[a]    " * 40 + "x")[1] != "markup-residue"  # a row of short items


def _rule_hits_trying_every_rule(line):
    if not line.key:
        return None, None
    edge_hit = None
    for rule in strip_module.RULES_FOR[line.strong, strip_module.is_byline(line), 0]:
        if rule.edge:
            if edge_hit is None and rule.test(line):
                edge_hit = rule
        elif rule.test(line):
            return edge_hit or rule, rule
    return edge_hit, None


def test_rules_a_line_is_too_long_for_are_not_missed():
    from .conftest import SAMPLES

    lines = [line for path in sorted(SAMPLES.glob("*.input.*"))
             for line in path.read_bytes().decode("utf-8", "replace").splitlines()]
    lines += [prefix + "x" * n for prefix in ("分享到", "扫码关注", "2024-06-20 10:30 ", "字号 大 中 小", "欢迎投稿")
              for n in range(0, 90, 3)]
    for key, raw in zip(strip_module.match_keys(lines), lines, strict=True):
        line = strip_module.Line(raw, key)
        assert strip_module.rule_hits(line) == _rule_hits_trying_every_rule(line), key
