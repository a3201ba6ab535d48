import pytest

from cleantext import DecodeError, decode
from cleantext.decode import canonical, declared_charset, detect

TEXT = "关于冬季供暖调试的通知：请各位业主在家中留人。"
TRAD = "臺北市立圖書館舉辦兒童閱讀週，歡迎參加。"

CASES = [
    ("utf-8", TEXT.encode("utf-8"), TEXT),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT),
    ("utf-16-le BOM", b"\xff\xfe" + TEXT.encode("utf-16-le"), TEXT),
    ("utf-16-be BOM", b"\xfe\xff" + TEXT.encode("utf-16-be"), TEXT),
    ("utf-32-le BOM", b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"), TEXT),
    ("utf-16-le no BOM", ("Notice 通知\n" + TEXT).encode("utf-16-le"), "Notice 通知\n" + TEXT),
    ("gbk", TEXT.encode("gbk"), TEXT),
    ("gb18030 beyond gbk", "王喆说：€ 𠀀".encode("gb18030"), "王喆说：€ 𠀀"),
    ("big5", TRAD.encode("big5"), TRAD),
    # EUC-TW: plane 1 in two bytes; 乂 is plane 2, 0x2121, in the four-byte form 8E A2 A1 A1.
    ("euc-tw", TRAD.encode("euc-tw"), TRAD),
    ("euc-tw four-byte form", b"\x8e\xa2\xa1\xa1" + TRAD.encode("euc-tw"), "乂" + TRAD),
    ("utf-16-le no BOM, ASCII only", "plain ascii text\n".encode("utf-16-le"), "plain ascii text\n"),
    # Chinese alone has no NUL byte in UTF-16 (中 is 2D 4E), and where it has one it is the low
    # byte of a Han character (开 is 5F 00), in the column where ASCII text has none.
    ("utf-16-le no BOM, Chinese only", TEXT.encode("utf-16-le"), TEXT),
    ("utf-16-be no BOM, Chinese only", TEXT.encode("utf-16-be"), TEXT),
    ("utf-16-be no BOM, quotes and dashes", "他说：“开会了。”——好".encode("utf-16-be"), "他说：“开会了。”——好"),
    ("utf-16-le no BOM, NUL low bytes", "开发者指定的版本号".encode("utf-16-le"), "开发者指定的版本号"),
    ("utf-16-be no BOM, NUL low bytes", "开发者指定的版本号".encode("utf-16-be"), "开发者指定的版本号"),
    ("utf-32-le no BOM, Chinese", TEXT.encode("utf-32-le"), TEXT),
    ("utf-32-be no BOM, Chinese", TRAD.encode("utf-32-be"), TRAD),
    ("utf-32-be no BOM, ASCII only", "plain ascii text\n".encode("utf-32-be"), "plain ascii text\n"),
    ("ascii", b"plain ascii", "plain ascii"),
    ("empty", b"", ""),
]


@pytest.mark.parametrize("label,data,expected", CASES, ids=[c[0] for c in CASES])
def test_decode_table(label, data, expected):
    assert decode(data) == expected


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_legacy_bytes_are_never_read_as_utf16(encoding):
    # Legacy double bytes read as UTF-16 are random code points (Hangul, Yi, private use), so
    # every prefix of a text, down to one character, stays in its own encoding.
    text = TEXT if encoding == "gb18030" else TRAD
    for end in range(1, len(text) + 1):
        assert not detect(text[:end].encode(encoding)).encoding.startswith("utf-16"), text[:end]


# A few bad bytes in a file: it is still in its encoding, the one that reads best with them
# replaced (a UTF-8 page cut short mid-character is no GB18030 page).
DAMAGED = [
    ("utf-8 cut short", (TEXT * 2).encode("utf-8")[:-1], "utf-8"),
    ("utf-8 stray byte", TEXT.encode("utf-8")[:10] + b"\xff" + TEXT.encode("utf-8")[10:], "utf-8"),
    ("gbk stray byte", TEXT.encode("gbk")[:10] + b"\xff" + TEXT.encode("gbk")[10:], "gb18030"),
    ("big5 cut short", (TRAD * 2).encode("big5")[:-1], "big5"),
]


@pytest.mark.parametrize("label,data,encoding", DAMAGED, ids=[c[0] for c in DAMAGED])
def test_bad_bytes_keep_the_encoding_that_reads_best(label, data, encoding):
    assert detect(data).encoding in (encoding, "big5hkscs" if encoding == "big5" else encoding)
    with pytest.raises(DecodeError, match=f"best guess {detect(data).encoding}, invalid byte"):
        decode(data)
    replaced = decode(data, errors="replace")
    # One U+FFFD a bad byte, and for each byte of a character it cut (Python's replace).
    assert replaced.count("\ufffd") <= 4 and sum(ch in replaced for ch in TEXT + TRAD) >= 10


# Lines in different encodings, where no one encoding reads the whole: each line in its own.
LINES = ["南湖街道首家社区长者食堂开业\n", "老人就餐可享补贴，每份15元。\n", "辖区内老人凭身份证登记。\n"]
MIXED = [
    ("gbk with a utf-8 line", ["gbk", "utf-8", "gbk"], b""),
    ("utf-8 with a gbk line", ["utf-8", "gbk", "utf-8"], b""),
    ("utf-8 with its mark and a gbk line", ["utf-8", "utf-8", "gbk"], b"\xef\xbb\xbf"),
]


@pytest.mark.parametrize("label,encodings,bom", MIXED, ids=[c[0] for c in MIXED])
def test_lines_in_different_encodings_decode_line_by_line(label, encodings, bom):
    data = bom + b"".join(line.encode(name) for line, name in zip(LINES, encodings, strict=True))
    assert decode(data) == "".join(LINES)
    assert "lines in different encodings" in detect(data).reason


def test_utf8_line_that_gb18030_also_reads_is_utf8():
    data = "标题：通知\n".encode("gbk") + "你好\n".encode() + "结尾。".encode("gbk")
    data.decode("gb18030")  # the whole reads cleanly as GB18030, the middle line as 浣犲ソ
    assert decode(data) == "标题：通知\n你好\n结尾。"
    assert "1 of 3 lines read better as UTF-8" in detect(data).reason


def test_mixed_lines_beside_a_declared_charset():
    # The page declares shift_jis, which becomes a line's candidate too (it failed here once).
    data = b'<meta charset="shift_jis">\n' + "标题\n".encode("gbk") + "正文。\n".encode() + b"\xb1\n"
    assert decode(data, errors="replace").startswith('<meta charset="shift_jis">\n标题\n正文。\n')


def test_a_line_no_encoding_reads_still_fails():
    data = "老人就餐\n".encode("gbk") + "可享补贴\n".encode() + b"\xff\xfe\xfd\n"
    with pytest.raises(DecodeError, match="not decodable"):
        decode(data)


def test_str_passes_through():
    assert decode(TEXT) == TEXT


def test_forced_encoding():
    assert decode(TEXT.encode("gbk"), encoding="gbk") == TEXT


def test_meta_charset_trusted_only_when_bytes_agree():
    page = '<html><head><meta charset="utf-8"></head><body>喆</body></html>'.encode("gb18030")
    assert "喆" in decode(page)
    assert declared_charset(page) == "utf-8"


def test_undecodable_strict_names_best_guess_and_offset():
    data = TEXT.encode("gbk")[:10] + b"\xff\xff\xff" + TEXT.encode("gbk")[10:]
    with pytest.raises(DecodeError, match=r"not decodable \(best guess \S+, invalid byte 0x\w\w at offset \d+\)"):
        decode(data)


def test_undecodable_replace():
    data = b"\xff\xfe\xfd\x81"
    assert isinstance(decode(data, errors="replace"), str)


@pytest.mark.parametrize("label,codec", [("GB2312", "gb18030"), ("gbk", "gb18030"), ("Big5", "big5hkscs"),
                                         ("utf8", "utf-8"), ("x-euc-tw", "euc_tw"), ("EUC-TW", "euc_tw")])
def test_canonical(label, codec):
    assert canonical(label) == codec


def test_detect_reports_reason():
    found = detect(b"\xef\xbb\xbfabc")
    assert found.encoding == "utf-8" and "byte-order mark" in found.reason


def test_euc_tw_codec_follows_the_error_handler():
    assert b"\xea\xd7\xa4\x40".decode("euc-tw", errors="replace") == "臺\ufffd@"
    with pytest.raises(UnicodeDecodeError):
        b"\xea\xd7\xa4\x40".decode("euc-tw")


@pytest.mark.parametrize("encoding,text", [("gb18030", TEXT), ("big5", TRAD), ("gb18030", "简体中文"),
                                           ("big5", "繁體中文")])
def test_euc_tw_does_not_take_gb_or_big5(encoding, text):
    assert detect(text.encode(encoding)).encoding != "euc_tw"


def test_shared_euc_tw_files_detected():
    from .conftest import shared_path

    folder = shared_path("external")
    for path in (folder / "chardet-tests" / "EUC-TW" / "_ude_euc-tw1.txt", folder / "uchardet-zh" / "zh" / "euc-tw.txt"):
        data = path.read_bytes()
        assert detect(data).encoding == "euc_tw"
        assert "維基" in decode(data) or "台灣" in decode(data)
