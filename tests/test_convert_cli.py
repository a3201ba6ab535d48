from click.testing import CliRunner

from cleantext.cli import cli


def test_convert_extras_switch():
    runner = CliRunner()
    on = runner.invoke(cli, ["convert"], input="衞生\n")
    off = runner.invoke(cli, ["convert", "--no-extras"], input="衞生\n")
    assert on.exit_code == 0 and on.output == "卫生\n"
    assert off.exit_code == 0 and off.output == "衞生\n"


def test_convert_every_config_flag():
    result = CliRunner().invoke(cli, ["convert", "-c", "tw2sp"], input="軟體\n")
    assert result.exit_code == 0 and result.output == "软件\n"


def test_convert_user_dict(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("軟體\t软件\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", "--dict", str(path)], input="軟體\n")
    assert result.exit_code == 0 and result.output == "软件\n"


def test_malformed_user_dict_exits_2(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("軟體 软件\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", "--dict", str(path)], input="軟體\n")
    assert result.exit_code == 2
    assert "Error: <stdin>:" in result.output and "bad.txt: line 1" in result.output


def test_clean_takes_convert_options():
    result = CliRunner().invoke(cli, ["clean", "--steps", "convert", "--no-extras"], input="衞生\n")
    assert result.exit_code == 0 and result.output == "衞生\n"
