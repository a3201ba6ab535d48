import json

import pytest
from click.testing import CliRunner

from cleantext.batch import clean_jsonl, plan, run_batch
from cleantext.cli import cli

from .conftest import sample_pairs


@pytest.fixture
def tree(tmp_path):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / ".git").mkdir()
    (src / ".git" / "skip.txt").write_text("not mine")
    for dirty, _ in sample_pairs():
        (src / dirty.name).write_bytes(dirty.read_bytes())
    (src / "sub" / "big5.txt").write_bytes("來源：本站\n臺灣的圖書館。".encode("big5"))
    (src / "notes.md").write_text("not matched by the default patterns")
    return src


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_cleans_tree_into_output_and_never_touches_inputs(tree, tmp_path, jobs):
    before = snapshot(tree)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(tree), "-o", str(out), "-j", jobs])
    assert result.exit_code == 0, result.output
    assert snapshot(tree) == before
    for dirty, expected in sample_pairs():
        name = dirty.name.replace(".html", ".txt")
        assert (out / name).read_bytes() == expected.read_bytes(), name
    assert (out / "sub" / "big5.txt").read_text(encoding="utf-8") == "台湾的图书馆。\n"
    assert not (out / "notes.md").exists() and not (out / ".git").exists()
    assert "files" in result.stderr and result.stdout == ""


def test_batch_jsonl_records(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        '{"id": 1, "text": "首页 > 新闻\\n臺灣的圖書館。", "url": "http://a"}\n'
        '{"id": 2, "body": "no text field"}\n'
        "not json\n"
        '{"id": 3, "text": "　　第三條。"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(corpus), "-o", str(out)])
    assert result.exit_code == 2
    assert f"Error: {corpus}:2: no string field 'text'" in result.stderr
    assert f"Error: {corpus}:3: " in result.stderr
    records = [json.loads(line) for line in (out / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert records == [
        {"id": 1, "text": "台湾的图书馆。", "url": "http://a"},
        {"id": 3, "text": "第三条。"},
    ]


def test_jsonl_field_option():
    out, errors, count = clean_jsonl('{"body": "臺灣"}\n'.encode(), "convert", {}, "body", "x.jsonl")
    assert json.loads(out) == {"body": "台湾"} and errors == [] and count == 1


def test_batch_in_place(tmp_path):
    page = tmp_path / "a.txt"
    page.write_bytes("臺灣".encode("big5"))
    result = CliRunner().invoke(cli, ["batch", str(tmp_path), "--in-place"])
    assert result.exit_code == 0
    assert page.read_text(encoding="utf-8") == "台湾\n"


def test_batch_needs_output_or_in_place(tmp_path):
    assert CliRunner().invoke(cli, ["batch", str(tmp_path)]).exit_code == 2
    assert CliRunner().invoke(cli, ["batch", str(tmp_path / "missing"), "-o", str(tmp_path / "o")]).exit_code == 2


def test_bad_file_is_reported_and_others_go_on(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("臺灣", encoding="utf-8")
    (src / "bad.txt").write_bytes("中文".encode("gbk") + b"\xff\xff\xff\x80" * 4)
    results = run_batch(plan([src], tmp_path / "out"), workers=2)
    status = {r.source.name: r.status for r in results}
    assert status == {"good.txt": "changed", "bad.txt": "failed"}
    assert (tmp_path / "out" / "good.txt").exists() and not (tmp_path / "out" / "bad.txt").exists()


def test_output_clash_is_refused(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.html").write_text("<p>x</p>")
    (src / "a.txt").write_text("x")
    with pytest.raises(Exception, match="two inputs"):
        plan([src], tmp_path / "out")
