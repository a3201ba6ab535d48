import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cleantext.cli import cli
from cleantext.pipeline import DEFAULT_CHAIN

from .conftest import SAMPLES, sample_pairs

TRAD = "　　來源：本站\r\n這是正文。"


@pytest.fixture
def runner():
    return CliRunner()


def invoke(runner, *args, input=None):
    return runner.invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize("command", [*DEFAULT_CHAIN, "clean", "explain"])
def test_every_command_has_help_with_an_example(runner, command):
    result = invoke(runner, command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "cleantext " in result.output


STDIN_CASES = [
    ("decode", TRAD.encode("big5"), "　　來源：本站\n這是正文。\n"),
    ("repair", "&ldquo;你好&rdquo;".encode(), "“你好”\n"),
    ("extract", b"<html><body><nav>menu</nav><p>a</p></body></html>", "a\n"),
    ("strip", "首页 > 新闻\n正文".encode(), "正文\n"),
    ("unannotate", "來(lái)源".encode(), "來源\n"),
    ("convert", "這是正文".encode(), "这是正文\n"),
    ("normalize", "　　正文  \r\n\r\n\r\n下一段".encode(), "正文\n\n下一段\n"),
    ("clean", TRAD.encode("utf-16"), "这是正文。\n"),
]


@pytest.mark.parametrize("command,data,expected", STDIN_CASES, ids=[c[0] for c in STDIN_CASES])
def test_stdin_to_stdout(runner, command, data, expected):
    result = invoke(runner, command, input=data)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == expected.encode("utf-8")
    assert b"\r" not in result.stdout_bytes


def test_dash_reads_stdin(runner):
    result = invoke(runner, "convert", "-", input="臺灣".encode())
    assert result.stdout == "台湾\n"


def test_files_and_output_file(runner, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("臺灣", encoding="utf-8")
    b.write_bytes("香港".encode("big5"))
    result = invoke(runner, "convert", str(a), str(b))
    assert result.stdout == "台湾\n香港\n"
    out = tmp_path / "out.txt"
    result = invoke(runner, "convert", str(a), str(b), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == "台湾\n香港\n"


def test_convert_config_option(runner):
    assert invoke(runner, "convert", "-c", "s2t", input="图书馆".encode()).stdout == "圖書館\n"
    assert invoke(runner, "convert", "--config", "tw2sp", input="軟體".encode()).stdout == "软件\n"


def test_in_place_rewrites_atomically_and_only_when_changed(runner, tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes("首页 > 新闻\r\n　　這是正文。".encode("gbk"))
    os.chmod(page, 0o640)
    result = invoke(runner, "clean", "--in-place", str(page))
    assert result.exit_code == 0 and result.stdout == ""
    assert page.read_text(encoding="utf-8") == "这是正文。\n"
    assert oct(page.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["page.txt"], "no temporary file left behind"
    before = page.stat().st_mtime_ns
    invoke(runner, "clean", "--in-place", str(page))
    assert page.stat().st_mtime_ns == before, "unchanged content is not rewritten"


def test_in_place_needs_files(runner):
    result = runner.invoke(cli, ["normalize", "--in-place"], input=b"x")
    assert result.exit_code == 2
    result = runner.invoke(cli, ["normalize", "--in-place", "-o", "x.txt", "y.txt"])
    assert result.exit_code == 2


def test_missing_file_is_one_line_exit_2(runner, tmp_path):
    missing = tmp_path / "nope.txt"
    result = runner.invoke(cli, ["clean", str(missing)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {missing}: no such file\n"
    assert result.stdout == ""


def test_undecodable_input_exit_2_and_file_untouched(runner, tmp_path):
    bad = tmp_path / "bad.txt"
    data = "中文".encode("gbk") + b"\xff\xff\xff\x80" * 4
    bad.write_bytes(data)
    result = runner.invoke(cli, ["clean", "--in-place", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}: not decodable (best guess ")
    assert "invalid byte 0x" in result.stderr and result.stderr.count("\n") == 1
    assert bad.read_bytes() == data
    assert "Traceback" not in result.output


def test_errors_replace_option(runner):
    result = runner.invoke(cli, ["decode", "--errors", "replace"], input="中文".encode("gbk") + b"\xff\xff\xff\x80" * 4)
    assert result.exit_code == 0


def test_one_bad_file_does_not_stop_the_others(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("臺灣", encoding="utf-8")
    result = runner.invoke(cli, ["convert", str(tmp_path / "missing.txt"), str(good)])
    assert result.exit_code == 2
    assert result.stdout == "台湾\n"


def test_bad_option_exit_2(runner):
    assert runner.invoke(cli, ["convert", "-c", "nope"], input=b"x").exit_code == 2
    assert runner.invoke(cli, ["clean", "--steps", "decode,nope"], input=b"x").exit_code == 2


def test_clean_steps_option(runner):
    result = invoke(runner, "clean", "--steps", "convert", input="　　臺灣".encode())
    assert result.stdout == "　　台湾\n"


def test_decode_verbose_goes_to_stderr(runner):
    result = invoke(runner, "decode", "-v", input="中文内容".encode("gbk"))
    assert result.stdout == "中文内容\n"
    assert "gb18030" in result.stderr


def test_decode_mixed_lines_and_cut_utf8(runner, tmp_path):
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes("标题：通知\n".encode("gbk") + "正文。\n".encode())
    result = invoke(runner, "decode", "-v", str(mixed))
    assert result.exit_code == 0 and result.stdout == "标题：通知\n正文。\n"
    assert "lines in different encodings" in result.stderr
    cut = tmp_path / "cut.txt"
    cut.write_bytes("南湖街道首家社区长者食堂开业".encode()[:-1])
    result = invoke(runner, "decode", str(cut))
    assert result.exit_code == 2 and result.stdout == ""
    assert "cut.txt: not decodable (best guess utf-8, invalid byte 0xe4 at offset 39)" in result.stderr
    assert invoke(runner, "decode", "--errors", "replace", str(cut)).stdout.startswith("南湖街道首家社区长者食堂")


def test_explain_lists_decisions(runner):
    result = invoke(runner, "explain", input="首页 > 新闻\n正文。".encode())
    assert result.stdout == "removed\tbreadcrumb\t首页 > 新闻\nkept\t-\t正文。\n"


@pytest.mark.parametrize("dirty,expected", sample_pairs(), ids=[p[0].name for p in sample_pairs()])
def test_cli_on_samples(runner, dirty, expected):
    assert invoke(runner, "clean", str(dirty)).stdout_bytes == expected.read_bytes()


def _run(args, **kwargs):
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""}
    return subprocess.run([sys.executable, "-m", "cleantext", *args], env=env, capture_output=True, **kwargs)


def test_shell_pipe_equals_clean_in_c_locale():
    page = SAMPLES / "news-page.input.html"
    whole = _run(["clean", str(page)]).stdout
    data = page.read_bytes()
    for step in DEFAULT_CHAIN:
        data = _run([step], input=data).stdout
    assert data == whole
    assert whole.decode("utf-8").startswith("春季植树活动圆满结束")


def test_broken_pipe_is_quiet(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("这是一行正文。\n" * 200_000, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "cleantext", "clean", str(big)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait()
    assert first == "这是一行正文。\n".encode()
    assert b"Traceback" not in err and b"BrokenPipe" not in err


def test_samples_have_expected_outputs():
    assert len(sample_pairs()) >= 4
    for _dirty, expected in sample_pairs():
        assert expected.exists(), expected
