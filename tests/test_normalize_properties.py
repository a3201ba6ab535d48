"""normalize's invariants, checked with hypothesis: idempotence, Han characters untouched,
URLs, e-mail addresses and numbers byte for byte."""

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleantext import normalize

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
RARE_HAN = st.sampled_from(["\u3400", "\u4dbf", "\U00020000", "\U0002a6d6", "\U00030000"])
CHINESE_PUNCT = st.sampled_from(list("，。、：；！？“”‘’「」『』（）《》【】…—～"))
ASCII_PUNCT = st.sampled_from(list(",.:;!?()\"'-/%&@#"))
BLANKS = st.sampled_from([" ", "  ", "\t", "\u3000", "\u00a0", "\n", "\r\n", "\r", "\n\n\n"])
INVISIBLE = st.sampled_from(["\u200b", "\ufeff", "\u00ad", "\x07", "\x85", "\u2028"])
FULL_WIDTH = st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E)
ASCII_ALNUM = st.sampled_from(list("abcXYZ0123456789"))

dirty_chinese = st.lists(
    st.one_of(HAN, HAN, HAN, RARE_HAN, CHINESE_PUNCT, ASCII_PUNCT, BLANKS, INVISIBLE, FULL_WIDTH, ASCII_ALNUM),
    max_size=300,
).map("".join)

# Long paragraphs cut at a fixed width: the input the hard-wrap rule acts on.
paragraph = st.lists(st.one_of(HAN, HAN, HAN, CHINESE_PUNCT, ASCII_PUNCT), min_size=30, max_size=200).map("".join)


@st.composite
def wrapped_text(draw):
    width = draw(st.integers(min_value=12, max_value=40))
    indent = draw(st.sampled_from(["", "\u3000\u3000", "    "]))
    lines = []
    for p in draw(st.lists(paragraph, min_size=1, max_size=6)):
        p = indent + p
        lines += [p[i:i + width] for i in range(0, len(p), width)]
    return "\n".join(lines)


many = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def han(text: str) -> str:
    """The Han characters of ``text``, in order. Taken after NFC: NFC maps the compatibility
    ideographs (U+F900-FAFF, U+2F800-2FA1F) onto their unified twins, by design."""
    text = unicodedata.normalize("NFC", text)
    return "".join(re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]", text))


@many
@given(st.one_of(dirty_chinese, wrapped_text()))
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@many
@given(st.one_of(dirty_chinese, wrapped_text()))
def test_han_characters_and_their_order_never_change(text):
    assert han(normalize(text)) == han(text)


@many
@given(st.text(max_size=200))
def test_idempotent_and_han_safe_on_any_text(text):
    once = normalize(text)
    assert normalize(once) == once
    assert han(once) == han(text)


@many
@given(wrapped_text())
def test_output_lines_are_trimmed_and_end_with_one_newline(text):
    out = normalize(text)
    assert out == "" or (out.endswith("\n") and not out.endswith("\n\n"))
    for line in out.splitlines():
        assert line == line.strip(" \t\u3000\u00a0")
        assert "  " not in line


LABEL = st.lists(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789"), min_size=1, max_size=8).map("".join)
URL = st.builds(
    lambda scheme, host, tld, path, query: f"{scheme}://{host}.{tld}{path}{query}",
    st.sampled_from(["http", "https", "ftp"]),
    LABEL,
    st.sampled_from(["com", "cn", "org", "com.cn"]),
    st.lists(LABEL, max_size=3).map(lambda parts: "".join("/" + p for p in parts)),
    st.one_of(st.just(""), st.builds(lambda k, v: f"?{k}={v}&x=1,2;y:3", LABEL, LABEL)),
)
EMAIL = st.builds(lambda user, host, tld: f"{user}.x_y+z@{host}.{tld}", LABEL, LABEL, st.sampled_from(["com", "cn"]))
NUMBER = st.one_of(
    st.integers(min_value=0, max_value=10**9).map(str),
    st.builds(lambda a, b: f"{a}.{b}", st.integers(0, 999), st.integers(0, 99)),  # decimal
    st.builds(lambda h, m: f"{h}:{m:02d}", st.integers(0, 23), st.integers(0, 59)),  # time
    st.builds(lambda a, b: f"{a},{b:03d}", st.integers(1, 999), st.integers(0, 999)),  # thousands
    st.builds(lambda a, b: f"v{a}.{b}", st.integers(0, 20), st.integers(0, 20)),  # version
    st.builds(lambda a: f"{a}%", st.integers(0, 100)),
)
TOKEN = st.one_of(URL, EMAIL, NUMBER)
CHINESE_RUN = st.lists(st.one_of(HAN, CHINESE_PUNCT, st.sampled_from(list(",:;!?( )"))), min_size=1, max_size=20).map(
    "".join)


@many
@given(CHINESE_RUN, TOKEN, CHINESE_RUN, st.sampled_from(["", " ", ",", ":", "(", ")", "\u3000"]))
def test_urls_emails_and_numbers_survive_byte_for_byte(before, token, after, glue):
    # the token touches Chinese text (or ASCII marks about to become Chinese) on both sides
    if before[-1:].isascii() and before[-1:].isalnum():
        before += "中"
    after = after if not (after[:1].isascii() and after[:1].isalnum()) else "中" + after
    text = before + glue + token + glue + after
    assert token in normalize(text)
