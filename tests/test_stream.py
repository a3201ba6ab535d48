"""Large plain-text inputs are cleaned piece by piece with the same result as whole."""

import io

import pytest
from click.testing import CliRunner

from cleantext import clean
from cleantext.cli import cli
from cleantext.stream import clean_stream, decode_stream, is_prose, pieces, should_stream

PROSE = [
    "臺北市立圖書館今年的兒童閱讀週以書香伴我成長為主題，各分館將舉辦說故事與親子手作等活動。",
    "館方表示，歡迎家長和孩子一起參加，活動全部免費，現場不需要報名，額滿為止。",
    "城西社区从本月起每周三下午开设智能手机课堂，内容包括视频通话、扫码乘车和网上挂号。",
]
SHORT = ["一、活动安排", "首页 > 新闻中心 > 本地新闻", "第3章", "上一篇：春季植树活动圆满结束"]


def book(paragraphs: int) -> str:
    """A long text: chrome at the head and tail, prose with short headings in between."""
    lines = ["首页 > 新闻中心 > 正文", "来源：本站  发布时间：2024-03-12"]
    for i in range(paragraphs):
        lines.append(PROSE[i % len(PROSE)])
        if i % 7 == 3:
            lines.append(SHORT[0])
    lines += ["上一篇：春季植树活动圆满结束", "版权所有 © 2024 某某网  京ICP备12345678号"]
    return "\n".join(lines) + "\n"


def test_pieces_cut_only_between_prose_lines():
    text = book(400)
    parts = list(pieces([text[i : i + 997] for i in range(0, len(text), 997)], size=2000))
    assert "".join(parts) == text and len(parts) > 5
    for left, right in zip(parts, parts[1:], strict=False):
        assert is_prose(left.rstrip("\n").rsplit("\n", 1)[-1]) and is_prose(right.split("\n", 1)[0])


def test_text_without_prose_is_still_cut():
    text = "\n".join(SHORT * 500) + "\n"
    parts = list(pieces([text], size=1000))
    assert "".join(parts) == text and max(map(len, parts)) <= 2 * 1000 + 40


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5", "utf-16"])
def test_clean_stream_equals_clean(encoding):
    text = book(300) if encoding != "gb18030" else book(300).replace("臺北", "台北")
    data = text.encode(encoding, errors="ignore")
    whole = clean(data)
    streamed = "".join(clean_stream(data[:4096], io.BytesIO(data[4096:]), piece_chars=3000))
    assert streamed == whole
    assert "首页" not in streamed and "版权所有" not in streamed


def test_decode_stream_error_names_the_offset():
    data = ("第一行。\n" * 2000).encode("gb18030")
    bad = data[:9000] + b"\xff" + data[9000:]
    with pytest.raises(Exception, match=r"invalid byte 0xff at offset 9000\)"):
        "".join(decode_stream(bad[:4096], io.BytesIO(bad[4096:]), block=1000))


@pytest.mark.parametrize("main,other", [("gbk", "utf-8"), ("utf-8", "gbk"), ("big5", "utf-8")])
def test_decode_stream_reads_files_joined_in_other_encodings(main, other):
    # cat a.txt b.txt > all.txt, one of them in another encoding, far past the first block.
    text = book(300) if main != "gbk" else book(300).replace("臺北", "台北")
    lines = text.splitlines(keepends=True)
    first, second = "".join(lines[: len(lines) // 2]), "".join(lines[len(lines) // 2 :])
    head, tail = first.encode(main, errors="ignore"), second.encode(other, errors="ignore")
    assert len(head) > 4096 + 1000  # the other encoding begins past the head and a block
    expected = head.decode(main) + tail.decode(other)
    joined = head + tail
    assert "".join(decode_stream(joined[:4096], io.BytesIO(joined[4096:]), block=1000)) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5"])
def test_decode_stream_cuts_a_line_too_long_to_hold(encoding, monkeypatch):
    import cleantext.stream as stream

    monkeypatch.setattr(stream, "LONG_LINE_BYTES", 500)
    text = "臺北市立圖書館舉辦兒童閱讀週，歡迎參加 2024 年的活動。" * 200  # one line, no newline
    text = text if encoding != "gb18030" else text.replace("臺", "台")
    data = text.encode(encoding)
    pieces_seen = list(decode_stream(data[:300], io.BytesIO(data[300:]), block=100))
    assert "".join(pieces_seen) == text and len(pieces_seen) > 10


def test_html_and_small_inputs_are_not_streamed():
    assert not should_stream(b"x" * 100, more=False)
    assert not should_stream(b"<!DOCTYPE html><html><body>" + b"<p>x</p>" * 1000, more=True)
    assert should_stream("正文。\n".encode() * 1000, more=True)


@pytest.fixture
def big(tmp_path, monkeypatch):
    """A file above the streaming threshold, with the threshold and piece size made small
    so that the test is quick and still cuts the file into many pieces."""
    import cleantext.stream

    monkeypatch.setattr(cleantext.stream, "STREAM_ABOVE_BYTES", 20_000)
    monkeypatch.setattr(cleantext.stream, "PIECE_CHARS", 4_000)
    path = tmp_path / "big.txt"
    path.write_bytes(book(1200).encode("big5", errors="ignore"))
    assert path.stat().st_size > 3 * 20_000
    return path


def test_cli_streams_large_files_with_the_same_result(big, tmp_path):
    expected = clean(big.read_bytes()).encode()
    assert CliRunner().invoke(cli, ["clean", str(big)]).stdout_bytes == expected
    out = tmp_path / "out.txt"
    assert CliRunner().invoke(cli, ["clean", str(big), "-o", str(out)]).exit_code == 0
    assert out.read_bytes() == expected
    piped = CliRunner().invoke(cli, ["convert"], input=big.read_bytes()).stdout_bytes
    assert piped == clean(big.read_bytes(), steps="convert").encode()


def test_in_place_large_file_untouched_on_error(big):
    data = big.read_bytes()
    damaged = data[: len(data) - 100] + b"\xff\xff" + data[len(data) - 100 :]
    big.write_bytes(damaged)
    result = CliRunner().invoke(cli, ["clean", "--in-place", str(big)])
    assert result.exit_code == 2 and "not decodable" in result.stderr
    assert big.read_bytes() == damaged
    assert [p.name for p in big.parent.iterdir()] == ["big.txt"]


def test_batch_streams_large_files(big, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(big), "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert (out / "big.txt").read_bytes() == clean(big.read_bytes()).encode()
