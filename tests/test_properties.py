"""Invariants that hold for any input, checked with hypothesis."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleantext import DecodeError, clean, decode, normalize

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PUNCT = st.sampled_from(list("，。、：；！？“”「」（）《》—…,.:;!?()&<> \u3000\u00a0\t\n\r#;"))
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
chinese_text = st.lists(st.one_of(HAN, PUNCT, ASCII), max_size=200).map("".join)
fast = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(chinese_text)
@example("亠亠")  # a rare pair that repair once read differently with and without a final newline
def test_clean_is_idempotent(text):
    once = clean(text)
    assert clean(once) == once


@fast
@given(st.text(max_size=200))
@example("\x80¡¡°Ñ")
@example("ï\x1f¬Â")  # normalize deletes the control character, joining two runs
@example("000000000000000000000000000000\x08©")
def test_clean_is_idempotent_on_any_text(text):
    once = clean(text)
    assert clean(once) == once


@fast
@given(st.binary(max_size=300))
def test_no_crash_on_any_bytes(data):
    try:
        out = clean(data)
    except DecodeError:
        out = clean(data, errors="replace")
    assert isinstance(out, str)
    assert isinstance(decode(data, errors="replace"), str)


@fast
@given(st.lists(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=20,
                        max_size=60), min_size=1, max_size=8))
def test_prose_is_never_dropped(paragraphs):
    """Long lines of plain prose are content: every Han character survives normalize and clean."""
    text = "\n".join(p + "。" for p in paragraphs)
    assert normalize(text).replace("\n", "") == text.replace("\n", "")
    han = lambda s: "".join(ch for ch in s if "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003134f")  # noqa: E731
    assert len(han(clean(text))) == len(han(text))


@fast
@given(chinese_text)
def test_output_is_lf_and_ends_with_one_newline(text):
    out = clean(text)
    assert "\r" not in out
    assert out == "" or (out.endswith("\n") and not out.endswith("\n\n"))
