import json

from click.testing import CliRunner

from cleantext.cli import cli
from cleantext.metadata import page_metadata

TEXT = "首页 > 新闻 > 正文\n江城开通夜间公交\n来源：江城晚报　发布时间：2024-04-18 09:12\n" \
       "本报讯，江城首批夜间公交专线正式投入运营，覆盖老城区和高新区，市民出行更方便。\n版权所有 © 华辰网\n"


def test_explain_prints_every_line_with_decision_and_rule(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["explain", str(page)])
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert rows[0] == ["removed", "breadcrumb", "首页 > 新闻 > 正文"]
    assert rows[1] == ["kept", "-", "江城开通夜间公交"]
    assert rows[2][:2] == ["removed", "source-date"]
    assert rows[4][:2] == ["removed", "copyright"]
    assert len(rows) == 5  # one row a line: the newline that ends the file begins none


def test_meta_goes_to_stderr_and_leaves_the_text_alone(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")
    plain = CliRunner().invoke(cli, ["clean", str(page)])
    with_meta = CliRunner().invoke(cli, ["clean", "--meta", str(page)])
    assert with_meta.exit_code == 0
    assert with_meta.stdout == plain.output
    assert json.loads(with_meta.stderr) == {"title": "江城开通夜间公交", "date": "2024-04-18 09:12",
                                            "source": "江城晚报"}


def test_metadata_from_html_meta_tags():
    html = ("<html><head><title>标题_网站</title><meta name='author' content='周宁'>"
            "<meta property='article:published_time' content='2024-04-18'></head><body><h1>江城开通夜间公交</h1>"
            "<p>本报讯，江城首批夜间公交专线正式投入运营，覆盖老城区和高新区，市民出行更方便。</p></body></html>")
    assert page_metadata(html) == {"title": "江城开通夜间公交", "author": "周宁", "date": "2024-04-18"}


def test_explain_shows_encoding_and_repairs():
    from click.testing import CliRunner

    from cleantext.cli import cli

    damaged = "南湖街道举办了春节联欢活动。".encode().decode("gbk", errors="replace")
    data = f"首页 > 新闻\n{damaged}\n&ldquo;好&rdquo;\n".encode("gb18030")
    out = CliRunner().invoke(cli, ["explain"], input=data).stdout.splitlines()
    assert out[0].startswith("decoded\tgb18030\t")
    assert "repaired\tentity\t&ldquo; → “" in out
    assert f"repaired\tutf8-as-gbk\t{damaged} → 南湖街道举办了春节联欢活动。" in out
    assert out[-3:] == ["removed\tbreadcrumb\t首页 > 新闻", "kept\t-\t南湖街道举办了春节联欢活动。", "kept\t-\t“好”"]


def test_extract_meta_goes_to_stderr(tmp_path):
    import json

    from click.testing import CliRunner

    from cleantext.cli import cli

    from .conftest import SAMPLES

    page = SAMPLES / "news-page.input.html"
    plain = CliRunner().invoke(cli, ["extract", str(page)])
    result = CliRunner().invoke(cli, ["extract", "--meta", str(page)])
    assert result.exit_code == 0
    assert result.stdout == plain.stdout
    assert json.loads(result.stderr)["title"] == "春季植树活动圆满结束"
