"""Options kept in pyproject.toml under [tool.cleantext]: the library reader and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleantext import settings
from cleantext.cli import cli
from cleantext.errors import OptionError

# (table, expected settings); file names are relative to the folder of pyproject.toml.
TABLES = [
    ({"config": "tw2sp"}, {"config": "tw2sp"}),
    ({"curly-quotes": True}, {"curly_quotes": True}),
    ({"curly_quotes": False}, {"curly_quotes": False}),
    ({"extras": False}, {"extras": False}),
    ({"steps": "decode,convert"}, {"steps": "decode,convert"}),
    ({"dict": ["a.tsv", "b.tsv"]}, {"user_dicts": ("{dir}/a.tsv", "{dir}/b.tsv")}),
    ({"user_dicts": "a.tsv"}, {"user_dicts": ("{dir}/a.tsv",)}),
]

BAD_TABLES = [
    ({"bogus": 1}, "unknown option 'bogus'"),
    ({"config": "x2y"}, "is not one of"),
    ({"config": 3}, "expected str"),
    ({"curly-quotes": "yes"}, "expected bool"),
    ({"dict": ["missing.tsv"]}, "does not exist"),
]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.tsv").write_text("軟體\t软体X\n", encoding="utf-8")
    (tmp_path / "b.tsv").write_text("計程車\t的士Y\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("table", "expected"), TABLES)
def test_table_to_settings(folder, table, expected):
    expected = {k: tuple(p.format(dir=folder) for p in v) if isinstance(v, tuple) else v for k, v in expected.items()}
    assert settings.settings_from_table(table, folder, "pyproject.toml") == expected


@pytest.mark.parametrize(("table", "message"), BAD_TABLES)
def test_bad_table_names_the_file_and_key(folder, table, message):
    with pytest.raises(OptionError, match=message) as info:
        settings.settings_from_table(table, folder, "x/pyproject.toml")
    assert str(info.value).startswith("x/pyproject.toml: [tool.cleantext]")


def test_find_stops_at_the_repository_root(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cleantext]\nconfig = "tw2sp"\n', encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    assert settings.find(repo / "docs") is None
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert settings.find(repo / "docs") is None  # a pyproject.toml without the table
    (repo / "pyproject.toml").write_text('[tool.cleantext]\nconfig = "hk2s"\n', encoding="utf-8")
    assert settings.find(repo / "docs") == repo / "pyproject.toml"
    assert settings.load(repo / "pyproject.toml") == {"config": "hk2s"}


def _project(folder: Path, body: str) -> None:
    (folder / ".git").mkdir(exist_ok=True)
    (folder / "pyproject.toml").write_text(body, encoding="utf-8")


def test_cli_reads_options_and_several_dictionaries(folder, monkeypatch):
    _project(folder, '[tool.cleantext]\nconfig = "tw2sp"\ndict = ["a.tsv", "b.tsv"]\n')
    (folder / "sub").mkdir()
    monkeypatch.chdir(folder / "sub")
    runner = CliRunner()
    text = "軟體和計程車，滑鼠\n"
    assert runner.invoke(cli, ["convert"], input=text).output == "软体X和的士Y，鼠标\n"
    assert runner.invoke(cli, ["clean"], input=text).output == "软体X和的士Y，鼠标\n"
    # The command line wins over the file; --no-settings ignores it.
    assert runner.invoke(cli, ["convert", "-c", "t2s"], input=text).output == "软体X和的士Y，滑鼠\n"
    assert runner.invoke(cli, ["--no-settings", "convert"], input=text).output == "软体和计程车，滑鼠\n"


def test_cli_explicit_settings_file(folder, tmp_path_factory, monkeypatch):
    _project(folder, '[tool.cleantext]\nconfig = "tw2sp"\n')
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    result = CliRunner().invoke(cli, ["--settings", str(folder / "pyproject.toml"), "convert"], input="滑鼠\n")
    assert result.output == "鼠标\n"


def test_cli_bad_settings_is_one_line_and_exit_2(folder, monkeypatch):
    _project(folder, '[tool.cleantext]\nbogus = 1\n')
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli, ["clean"], input="x\n")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: {folder / 'pyproject.toml'}: [tool.cleantext]: unknown option 'bogus'"]


def test_cli_broken_toml(folder, monkeypatch):
    _project(folder, '[tool.cleantext\nconfig = \n')
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli, ["clean"], input="x\n")
    assert result.exit_code == 2 and "cannot read settings" in result.output


@pytest.mark.parametrize(("content", "found"), [
    ('[tool.cleantext]\nconfig = "tw2sp"\n', True),
    ('[tool . "cleantext"]\nconfig = "tw2sp"\n', True),
    ('[tool]\ncleantext = {config = "tw2sp"}\n', True),
    ('tool.cleantext.config = "tw2sp"\n', True),
    # Only a dependency or a script named cleantext: no table to read.
    ('[project]\ndependencies = ["cleantext>=0.1"]\n[project.scripts]\ncleantext = "cleantext.cli:main"\n', False),
])
def test_find_knows_every_spelling_of_the_table(tmp_path, content, found):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(content, encoding="utf-8")
    assert (settings.find(tmp_path) is not None) == found
