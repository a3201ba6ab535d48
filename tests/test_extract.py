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
