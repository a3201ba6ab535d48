import pytest

from cleantext import repair

CASES = [
    ("&ldquo;你好&rdquo;", "“你好”"),
    ("来源&#65306;新华社", "来源：新华社"),
    ("&#x4E2D;&#x6587;", "中文"),
    ("A&amp;B", "A&B"),
    ("&amp;ldquo;双重转义&amp;rdquo;", "“双重转义”"),
    ("&amp;amp;lt;", "<"),
    ("http://a.cn/?x=1&copy=2&not=3", "http://a.cn/?x=1&copy=2&not=3"),
    ("&unknownentity; 不是实体", "&unknownentity; 不是实体"),
    ("没有实体的干净文本。", "没有实体的干净文本。"),
    ("&#0;&#xD800;", "&#0;&#xD800;"),
]


@pytest.mark.parametrize("dirty,expected", CASES)
def test_repair_table(dirty, expected):
    assert repair(dirty) == expected


@pytest.mark.parametrize("dirty,_", CASES)
def test_repair_idempotent(dirty, _):
    assert repair(repair(dirty)) == repair(dirty)


def test_explain_names_each_double_escaped_reference_in_a_page():
    from cleantext.repair import explain

    page = "<html><body><p>&amp;amp;ldquo;你好&amp;rdquo; &lt;b&gt;</p><div>x</div></body></html>"
    assert [(s.original, s.repaired, s.kind) for s in explain(page)] == [
        ("&amp;amp;ldquo;", "&ldquo;", "double-escaped-entity"),
        ("&amp;rdquo;", "&rdquo;", "double-escaped-entity"),
    ]
