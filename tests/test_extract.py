import pytest

from cleantext import extract
from cleantext.extract import looks_like_html

PAGE = """<!DOCTYPE html><html><head><title>标题_网站</title><style>p{}</style>
<script>var a = "脚本里的中文";</script></head><body>
<header>网站标题</header><nav><a href="/">首页</a></nav>
<h1>文章标题</h1><p>第一段，<b>加粗</b>的字。</p><p>第二段
换行。</p><ul><li>列表一</li><li>列表二</li></ul>
<table><tr><td>姓名</td><td>年龄</td></tr><tr><td>张三</td><td>30</td></tr></table>
<p>上一行<br>下一行</p>
<aside>热点新闻</aside><footer>版权所有</footer><!-- 注释 --></body></html>"""

CASES = [
    ("drops chrome elements", PAGE, "文章标题\n第一段，加粗的字。\n第二段换行。\n列表一\n列表二\n姓名 年龄\n张三 30\n上一行\n下一行"),
    ("plain text passes", "这不是网页。\n第二行", "这不是网页。\n第二行"),
    ("mention of a tag is not html", "用 <p> 标签分段", "用 <p> 标签分段"),
]


@pytest.mark.parametrize("label,page,expected", CASES, ids=[c[0] for c in CASES])
def test_extract_table(label, page, expected):
    assert extract(page) == expected


@pytest.mark.parametrize("text,is_html", [
    ("<html><body>x</body></html>", True),
    ("<!doctype html><p>x</p>", True),
    ("<div>a</div><p>b</p>", True),
    ("a < b > c", False),
])
def test_looks_like_html(text, is_html):
    assert looks_like_html(text) is is_html


ARTICLE_PAGE = """<html><head><title>江城开通夜间公交_华辰网</title></head><body>
<div class="top"><a href="/">首页</a> <a>新闻</a> <a>财经</a> <a>科技</a> <a>体育</a></div>
<table><tr><td class="side"><ul><li><a>热点一</a></li><li><a>热点二</a></li><li><a>热点三</a></li></ul>
<p>本站推荐：好书大家读</p></td>
<td><font size="4"><b>江城开通夜间公交</b></font><div id="sina_keyword_ad_area2">
<p>本报讯，江城首批夜间公交专线正式投入运营，覆盖老城区、高新区和滨江新区，市民出行更加方便。</p>
<p>公交集团负责人介绍，夜间专线的走向是在大数据分析的基础上确定的，兼顾了医院和商圈。</p>
<ul><li><a>相关一</a></li><li><a>相关二</a></li><li><a>相关三</a></li></ul>
</div></td></tr></table>
<div class="footer">版权所有 华辰网</div></body></html>"""


def test_main_content_and_headline_of_a_table_layout_page():
    assert extract(ARTICLE_PAGE) == (
        "江城开通夜间公交\n"
        "本报讯，江城首批夜间公交专线正式投入运营，覆盖老城区、高新区和滨江新区，市民出行更加方便。\n"
        "公交集团负责人介绍，夜间专线的走向是在大数据分析的基础上确定的，兼顾了医院和商圈。"
    )


def test_whole_page_form_is_not_dropped():
    page = "<html><body><form id='aspnetForm'><h1>标题在表单里</h1><p>" + "正文，很长的一段话。" * 30 + "</p></form></body></html>"
    assert extract(page).startswith("标题在表单里\n正文")


def test_html_with_a_long_head_is_still_html():
    page = "<head><script>" + "var a=1;" * 2000 + "</script></head><body><p>正文。</p></body>"
    assert extract(page) == "正文。"


FEED_PAGE = """<html><body><div class="wrap">
<h1>本地新闻标题在这里</h1>
<div class="story"><p>第一段正文，记者今天在现场看到，市民排起了长队，秩序井然。</p>
<p>第二段正文，负责人介绍，今年的安排比往年更早，也更细。</p></div>
<ul class="stream">""" + """<li><div>某某社·2 天前</div><h4><a href="/x">别处一篇新闻的标题文字</a></h4>
<p>这是别处那篇新闻的摘要，有好几句话，写得很长，比正文还要长一些，读者一眼就能看到它。</p></li>""" * 6 + """</ul>
</div></body></html>"""


def test_feed_of_teasers_is_not_main_text():
    assert extract(FEED_PAGE) == (
        "本地新闻标题在这里\n"
        "第一段正文，记者今天在现场看到，市民排起了长队，秩序井然。\n"
        "第二段正文，负责人介绍，今年的安排比往年更早，也更细。"
    )


def test_reference_list_and_comments_beside_the_headline_are_dropped():
    page = """<html><body><div class="post"><h1>条目的标题文字</h1><div class="body">
<p>条目的正文，第一段，讲清楚了事情的来龙去脉。<sup class="reference">[1]</sup></p>
<p>条目的正文，第二段，补充了一些细节和数字。</p>
<ol class="references"><li>^ 一条参考资料的题目. 某某网. 2020-01-01.</li></ol></div>
<div class="comment-list"><p>网友甲：说得好。</p></div></div></body></html>"""
    assert extract(page) == (
        "条目的标题文字\n条目的正文，第一段，讲清楚了事情的来龙去脉。\n条目的正文，第二段，补充了一些细节和数字。"
    )


def test_xhtml_page_parses_without_a_warning_on_stderr():
    import warnings

    page = '<?xml version="1.0" encoding="utf-8"?><html><body><p>正文内容在这里。</p></body></html>'
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert extract(page) == "正文内容在这里。"


# The page tree: lxml's parse events give the tree bs4's lxml builder gives, node for node
# (pre keeps its spaces, a whitespace-only string is one space or newline, comments, doctype
# and processing instructions are nodes of their own); without lxml, bs4's html.parser tree.
TREE_PAGES = [
    PAGE, ARTICLE_PAGE, FEED_PAGE,
    '<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x.dtd"><html><body>'
    '<pre>  两个 \n 空格 </pre>\n\n<p class=" a  b " id="c">一<!-- 注 -->二<?php echo 1; ?>三</p>'
    '<div><p>没有关闭<div>嵌套<span>未闭合</div></body></html>',
    "\ufeff<p>a</p>  <p>b</p>",
]


def _shape(node):
    from cleantext import pagetree

    out = []
    for child in node.children:
        if child.__class__ is pagetree.Element:
            out.append((child.name, child.names, _shape(child)))
        else:  # strings of dropped containers (script, style) are plain text in the lxml tree
            out.append((pagetree.TEXT if child.kind == pagetree.CONTAINED else child.kind, child.text))
    return out


@pytest.mark.parametrize("page", TREE_PAGES)
def test_page_tree_from_lxml_events_is_the_bs4_lxml_tree(page):
    pytest.importorskip("lxml")
    from bs4 import BeautifulSoup

    from cleantext import pagetree

    assert _shape(pagetree.parse(page, "lxml")) == _shape(pagetree.from_soup(BeautifulSoup(page, "lxml")))


def test_extract_without_lxml_uses_html_parser(monkeypatch):
    import importlib

    module = importlib.import_module("cleantext.extract")
    monkeypatch.setattr(module, "_parser", lambda: "html.parser")
    for label, page, expected in CASES:
        assert extract(page) == expected, label
    assert extract(ARTICLE_PAGE).startswith("江城开通夜间公交\n本报讯")


def test_chrome_inside_a_copy_of_the_article_stays_as_bs4_compares_by_value():
    # Widening to the headline drops chrome-named blocks beside the article, not inside it;
    # bs4 tests "inside" with ``in``, by value, so chrome inside a copy of the article stays.
    copy = '<div class="c"><p>短短的正文，说了一件事。</p><span class="print">打印</span></div>'
    page = f'<html><body><div id="w"><div class="share"><h1>文章的标题</h1>{copy}</div>{copy}</div></body></html>'
    assert extract(page) == "文章的标题\n短短的正文，说了一件事。\n打印\n短短的正文，说了一件事。\n打印"


@pytest.mark.parametrize("page", TREE_PAGES + ['<p>前<nav>菜单<nav>里</nav></nav>后</p><div class="reflist">一</div>尾'])
def test_leaving_out_while_parsing_is_decomposing_after(page):
    # chrome elements and comments left out by the parse: the strings around them stay apart
    pytest.importorskip("lxml")
    import importlib

    from cleantext import pagetree

    module = importlib.import_module("cleantext.extract")
    full = pagetree.parse(page, "lxml")
    for tag in full.tags():
        if not tag.removed and (tag.name in module.DROP_TAG_SET or module._drop_named_words(tag.names)):
            tag.decompose()
    for node in full.descendants():
        if node.__class__ is pagetree.Text and node.kind == pagetree.COMMENT:
            node.parent.children.remove(node)
    assert _shape(module._parse(page)) == _shape(full)
