from cleantext import strip
from cleantext.corpus import default_min_docs, repeated_lines
from cleantext.strip import explain_lines

FOOTER = "欢迎访问某某网 天天好心情"


def _site(tmp_path, documents=4):
    for i in range(documents):
        (tmp_path / f"a{i}.txt").write_text(
            f"某某网\n{FOOTER}\n第{i}篇文章的标题\n这是第{i}篇文章的正文，内容各不相同，编号{i}。\n"
            + "这一行很长很长，虽然每篇都有，但它足够长，长到像是真正的内容，所以不能只因为它在每一篇文章里都重复出现，就被当成网站的页面装饰删掉。\n",
            encoding="utf-8",
        )
    return tmp_path


def test_lines_found_in_many_documents_are_chrome(tmp_path):
    site = _site(tmp_path)
    text = (site / "a0.txt").read_text(encoding="utf-8")
    kept = strip(text, corpus=str(site)).split("\n")
    assert "某某网" not in kept and FOOTER not in kept
    assert "第0篇文章的标题" in kept
    assert dict((line, rule) for line, _, rule in explain_lines(text, corpus=str(site)))[FOOTER] == "repeated"


def test_long_lines_are_exempt_and_threshold_is_configurable(tmp_path):
    site = _site(tmp_path)
    text = (site / "a1.txt").read_text(encoding="utf-8")
    assert any(line.startswith("这一行很长") for line in strip(text, corpus=str(site)).split("\n"))
    assert FOOTER in strip(text, corpus=str(site), min_docs=5).split("\n")
    assert not repeated_lines(site, min_docs=5)


def test_default_threshold_is_half_the_documents_and_at_least_three():
    assert default_min_docs(2) == 3
    assert default_min_docs(10) == 5
