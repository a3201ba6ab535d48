import pytest

import cleantext
from cleantext import OptionError, clean
from cleantext.pipeline import DEFAULT_CHAIN, STEPS, resolve

from .conftest import sample_pairs


def test_table_order_is_the_pipeline():
    assert DEFAULT_CHAIN == ("decode", "repair", "extract", "strip", "unannotate", "convert", "normalize")


@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
def test_every_step_is_documented_and_importable(step):
    assert step.description and not step.description.endswith(":")
    assert ">>>" in step.function.__doc__, "every step has a docstring example"
    assert getattr(cleantext, step.name) is step.function


def test_library_never_imports_cli_libraries():
    import subprocess
    import sys

    code = (
        "import sys, cleantext; cleantext.clean('來源：本站\\n正文'); "
        "print(','.join(m for m in ('click', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


@pytest.mark.parametrize("dirty,expected", sample_pairs(), ids=[p[0].name for p in sample_pairs()])
def test_samples(dirty, expected):
    assert clean(dirty.read_bytes()) == expected.read_text(encoding="utf-8")


def test_clean_accepts_text_and_bytes_alike():
    text = "首页 > 新闻\n　　這是正文。"
    assert clean(text) == clean(text.encode("utf-8")) == clean(text.encode("gb18030")) == "这是正文。\n"


def test_steps_choose_and_order():
    assert clean("　　臺灣", steps="convert") == "　　台湾"
    assert clean("　　臺灣", steps=["normalize"]) == "臺灣\n"
    assert [s.name for s in resolve("normalize,convert")] == ["normalize", "convert"]


def test_options_reach_their_step():
    assert clean("軟體", config="tw2sp") == "软件\n"
    assert clean("軟體") == "软体\n"


def test_unknown_step_and_option():
    with pytest.raises(OptionError, match="unknown step"):
        clean("x", steps="decode,bogus")
    with pytest.raises(OptionError, match="unknown option"):
        clean("x", colour="red")


def test_pipe_of_steps_equals_clean():
    for dirty, _ in sample_pairs():
        data = dirty.read_bytes()
        piped = data
        for step in STEPS:
            piped = clean(piped, steps=[step.name]).encode("utf-8")
        assert piped.decode("utf-8") == clean(data), dirty.name
