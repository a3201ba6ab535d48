"""Character width and punctuation in Chinese context.

Chinese text wants full-width ，：；！？（） where the punctuation touches Chinese, and half-width
Latin letters and digits everywhere. NFKC (and ftfy's width fix) flattens both directions to
ASCII, which is wrong for Chinese; these rules decide per character from its neighbours.

The tables are data: :data:`TO_FULL_WIDTH` says which ASCII marks have a Chinese form,
:data:`SYMBOLS_INSIDE_RUNS` which full-width symbols go back to ASCII inside a Latin/number
run, :data:`PROTECTED` which spans (URLs, e-mails, paths, entities) are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import lazyre

# ASCII marks that become their full-width Chinese form next to Chinese text.
TO_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
PARENS = {"(": "（", ")": "）"}

# Full-width symbols that are ASCII in disguise when they sit inside a Latin/number run
# (３．５, １０：３０, ａ＠ｂ, ｖ２．１, ＡＢ－Ｃ). Chinese marks that a Chinese writer uses between
# digits on purpose (，；！？（）～ and the quotes) are not listed: they stay.
SYMBOLS_INSIDE_RUNS = "＃＄％＆＊＋－．／：＜＝＞＠［＼］＾＿｀｛｜｝"
# Full-width symbols that belong to the number before them (５０％ → 50%, １．最讲 → 1.最讲).
SYMBOLS_AFTER_DIGIT = "％．"

# Characters that make the context Chinese: Han ideographs (BMP, extension A, compatibility,
# the supplementary planes), kana, and the CJK punctuation and full-width forms used in
# Chinese text. Curly quotes are left out on purpose: English uses them too.
CJK = (
    "\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\ufe30-\ufe4f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f\uff5e\U00020000-\U0003134f\u2026"
)
CJK_CHAR = lazyre.compile(f"[{CJK}]")
HAN = lazyre.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Looked through when deciding the context: spaces and the quotes that English uses too
# ("三件事”:" is Chinese context because of 事, not because of ”).
QUOTES = set("\"'“”‘’")
SEE_THROUGH = QUOTES | {" ", "\t"}

# Spans where ASCII punctuation is part of a token and never changes.
PROTECTED = lazyre.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|mailto:)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*[A-Za-z0-9/#=&_%~-]"  # URL
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"  # e-mail
    r"|\b[A-Za-z]:\\[^\s\u3000-\u9fff]*[^\s\u3000-\u9fff.,:;!?)]"  # Windows path
    r"|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);"  # HTML entity
)
# Every protected span holds one of these (URL, e-mail, Windows path, entity): a text with
# none of them has no span, and the pattern is not even compiled.
PROTECTED_MARKERS = ("://", "www.", "mailto:", "@", ":\\", "&")


def _placeholder(text: str) -> str:
    """A private-use character that does not occur in ``text``."""
    return next(chr(cp) for cp in range(0xE000, 0xF900) if chr(cp) not in text)


def protecting(rule: Callable[[str], str]) -> Callable[[str], str]:
    """Run ``rule`` with each URL, e-mail, path and entity replaced by one placeholder character,
    then put them back in order (``rule`` may drop spaces but never drops a placeholder)."""

    def masked(text: str) -> str:
        if not any(marker in text for marker in PROTECTED_MARKERS):
            return rule(text)
        spans = PROTECTED.findall(text)
        if not spans:
            return rule(text)
        mark = _placeholder(text)
        pieces = rule(PROTECTED.sub(mark, text)).split(mark)
        restored = [pieces[0]]
        for original, piece in zip(spans, pieces[1:], strict=False):
            restored += [original, piece]
        return "".join(restored)

    masked.__doc__ = rule.__doc__
    masked.__name__ = rule.__name__
    return masked


def _context(line: str, index: int, step: int, through_spaces: bool = True) -> str:
    """The nearest character from ``index`` in direction ``step`` that is not a quote (or space)."""
    see_through = SEE_THROUGH if through_spaces else QUOTES
    i = index + step
    while 0 <= i < len(line) and line[i] in see_through:
        i += step
    return line[i] if 0 <= i < len(line) else ""


def is_chinese(ch: str) -> bool:
    """Whether ``ch`` makes its neighbourhood Chinese.

    >>> is_chinese("中"), is_chinese("，"), is_chinese("a"), is_chinese("”")
    (True, True, False, False)
    """
    return bool(ch) and bool(CJK_CHAR.match(ch))


def _is_ascii_alnum(ch: str) -> bool:
    return bool(ch) and ch.isascii() and ch.isalnum()


def half_width_letters(text: str) -> str:
    """Full-width Latin letters and digits become ASCII; U+3000 inside a line becomes a space.

    Leading U+3000 (indentation) is left for the trim rule. Full-width punctuation stays.

    >>> half_width_letters("ＡＢＣ１２３，共\u3000计")
    'ABC123，共 计'
    """
    if not _TO_HALF_WIDTH.search(text):
        return text
    out = []
    for line in text.split("\n"):
        body = line.lstrip(" \t\u3000\u00a0")
        # str.translate looks up every character; a search skips lines it would leave alone.
        if _TO_HALF_WIDTH.search(body):
            line = line[: len(line) - len(body)] + body.translate(_HALF_WIDTH)
        out.append(line)
    return "\n".join(out)


_HALF_WIDTH = {
    **{cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)},
    **{cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)},
    **{cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)},
    0x3000: 0x20,
}
HALF_WIDTH_SOURCES = "".join(map(chr, _HALF_WIDTH))  # what half_width_letters acts on
_TO_HALF_WIDTH = lazyre.compile(f"[{HALF_WIDTH_SOURCES}]")


def half_width_symbols(text: str) -> str:
    """Full-width symbols inside a Latin/number run (or a percent after a digit) become ASCII.

    >>> half_width_symbols("版本v2．1，增长50％，时间10：30，图／文")
    '版本v2.1，增长50%，时间10:30，图／文'
    """
    # Decided on the original neighbours (a changed symbol is never a neighbour that counts:
    # it is not alphanumeric), and spliced in, rather than copying the text into a list.
    pieces, last = [], 0
    for m in _SYMBOL_INSIDE_RUNS.finditer(text):
        i = m.start()
        ch = text[i]
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        inside_run = _is_ascii_alnum(before) and _is_ascii_alnum(after)
        after_digit = ch in SYMBOLS_AFTER_DIGIT and before.isascii() and before.isdigit()
        if inside_run or after_digit:
            pieces += (text[last:i], chr(ord(ch) - 0xFEE0))
            last = i + 1
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


_SYMBOL_INSIDE_RUNS = lazyre.compile(f"[{re.escape(SYMBOLS_INSIDE_RUNS)}]")
_ASCII_MARK = lazyre.compile(f"[{re.escape(''.join(TO_FULL_WIDTH))}]")


def _chinese_marks_once(line: str) -> str:
    # Only the positions of ASCII marks matter; most characters of a line are not one.
    found = [m.start() for m in _ASCII_MARK.finditer(line)]
    if not found:
        return line
    chars = list(line)
    for i in found:
        ch = line[i]
        # Chinese before the mark, or Chinese after it: "50%,大专" and "10:30, 占比" are Chinese;
        # after a Latin word only Chinese glued to the mark counts ("ok? 四" ends an English
        # question).
        before = _context(line, i, -1)
        after = _context(line, i, 1, through_spaces=not before.isascii() or not before.isalpha())
        if ch in TO_FULL_WIDTH and (is_chinese(before) or is_chinese(after)):
            chars[i] = TO_FULL_WIDTH[ch]
    return "".join(chars)


def _paren_pairs(line: str) -> list[tuple[int, int]]:
    """Index pairs of matching round brackets, ASCII or full-width, on one line."""
    stack, pairs = [], []
    for m in _PAREN.finditer(line):
        i, ch = m.start(), m.group()
        if ch in "(（":
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
    return pairs


_PAREN = lazyre.compile("[(（)）]")


def _chinese_parens_once(line: str) -> str:
    if "(" not in line and ")" not in line:
        return line  # only a pair with an ASCII bracket changes
    chars = list(line)
    for start, end in _paren_pairs(line):
        if line[start] == "（" and line[end] == "）":
            continue
        content = line[start + 1:end]
        before, after = _context(line, start, -1), _context(line, end, 1)
        glued_before = line[start - 1] if start else ""
        if content[:1] in ("'", '"', "`"):
            continue  # a string literal in code: f("中文")
        mixed = line[start] == "（" or line[end] == "）"
        chinese_inside = any(is_chinese(c) for c in content)
        chinese_around = is_chinese(before) or (is_chinese(after) and not _is_ascii_alnum(glued_before))
        if mixed or chinese_inside or chinese_around:
            chars[start], chars[end] = "（", "）"
    return "".join(chars)


# Spaces that an ASCII writing habit left around marks that carry their own spacing.
# A full-width mark carries its own spacing: "RFC 2616 （HTTP）" is written "RFC 2616（HTTP）".
SPACE_AFTER_MARK = lazyre.compile(f"(?<=[，、；：？！])[ \t]+(?=[{CJK}“‘「『《]|[A-Za-z0-9])|(?<=）)[ \t]+(?=[{CJK}])")
SPACE_BEFORE_MARK = lazyre.compile(f"(?<=[{CJK}”’」』》A-Za-z0-9])[ \t]+(?=[，。、；：？！（])")


def _drop_spaces_at_marks(line: str) -> str:
    if " " not in line and "\t" not in line:
        return line  # both patterns drop a run of spaces or tabs
    return SPACE_BEFORE_MARK.sub("", SPACE_AFTER_MARK.sub("", line))


def _until_stable(rule: Callable[[str], str], line: str) -> str:
    # A mark turned Chinese can make its neighbour's context Chinese: repeat to a fixed point.
    # Every round only turns ASCII into full-width or removes spaces, so this ends.
    for _ in range(len(line) + 1):
        changed = rule(line)
        if changed == line:
            return line
        line = changed
    return line


def _chinese_punctuation_line(line: str) -> str:
    return _drop_spaces_at_marks(_chinese_parens_once(_chinese_marks_once(line)))


@protecting
def chinese_punctuation(text: str) -> str:
    """ASCII , : ; ! ? ( ) in Chinese context become ，：；！？（）; inside Latin/number runs,
    URLs, e-mails, paths, times and decimals they stay ASCII.

    >>> chinese_punctuation("来源:市委 时间:10:30, 占比50%,见http://a.cn/x?y=1,谢谢 (注)")
    '来源：市委 时间：10:30，占比50%，见http://a.cn/x?y=1，谢谢（注）'
    >>> chinese_punctuation("f(x) = 1, 2; ok? 四(2)班")
    'f(x) = 1, 2; ok? 四（2）班'
    """
    return "\n".join(_until_stable(_chinese_punctuation_line, line) if _MAY_PUNCTUATE.search(line) else line
                     for line in text.split("\n"))


# A line with none of these is left as it is by every part of _chinese_punctuation_line: ASCII
# marks to turn, an ASCII bracket of a pair to turn, or a blank to drop.
PUNCTUATION_SOURCES = " \t,:;!?()"  # what chinese_punctuation acts on
_MAY_PUNCTUATE = lazyre.compile(f"[{re.escape(PUNCTUATION_SOURCES)}]")


STRAIGHT_QUOTED = lazyre.compile(r'"([^"\n]*)"')


def curly_quotes(text: str) -> str:
    """A straight-quote pair around Chinese text becomes “”.

    >>> curly_quotes('他说"你好",然后说"OK"')
    '他说“你好”,然后说"OK"'
    """

    def curl(m: re.Match[str]) -> str:
        return f"“{m.group(1)}”" if HAN.search(m.group(1)) else m.group()

    return "\n".join(STRAIGHT_QUOTED.sub(curl, line) for line in text.split("\n"))
