import pytest
from click.testing import CliRunner

from cleantext.cli import cli
from cleantext.report import Report


@pytest.fixture
def files(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("这是干净的文本。\n", encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_bytes("　　臺灣的圖書館。  \r\n".encode())
    return clean, dirty


def test_check_mode_lists_and_exits_1_without_writing(files):
    clean, dirty = files
    before = dirty.read_bytes()
    result = CliRunner().invoke(cli, ["check", str(clean), str(dirty)])
    assert result.exit_code == 1
    assert f"would clean {dirty}" in result.stderr and str(clean) not in result.stderr.split("\n")[0]
    assert dirty.read_bytes() == before
    assert result.stdout == ""


def test_diff_mode_prints_unified_diff_on_stdout(files):
    _, dirty = files
    result = CliRunner().invoke(cli, ["check", "--diff", str(dirty)])
    assert result.exit_code == 1
    assert "-\u3000\u3000臺灣的圖書館。" in result.stdout and "+台湾的图书馆。" in result.stdout


def test_write_mode_fixes_and_exits_1_then_0(files):
    clean, dirty = files
    result = CliRunner().invoke(cli, ["check", "--write", str(clean), str(dirty)])
    assert result.exit_code == 1
    assert dirty.read_text(encoding="utf-8") == "台湾的图书馆。\n"
    again = CliRunner().invoke(cli, ["check", "--write", str(clean), str(dirty)])
    assert again.exit_code == 0
    assert "2 files unchanged." in again.stderr


def test_check_never_drops_lines_by_default(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("首页 > 新闻\n正文。\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["check", str(page)]).exit_code == 0


def test_bad_input_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / 'missing.txt'}: no such file")


@pytest.mark.parametrize("changed,unchanged,failed,code", [(0, 2, 0, 0), (1, 1, 0, 1), (1, 0, 1, 2), (0, 0, 0, 0)])
def test_report_exit_codes(changed, unchanged, failed, code):
    report = Report("check")
    for i in range(changed):
        report.record_changed(f"c{i}")
    for i in range(unchanged):
        report.record_unchanged(f"u{i}")
    for i in range(failed):
        report.record_failed(f"f{i}", "bad")
    assert report.exit_code == code
