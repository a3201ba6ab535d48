import pytest

from cleantext import strip
from cleantext.strip import explain_lines

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
