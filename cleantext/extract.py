"""extract: an HTML page to its main text, one block per line.

Text that is not HTML passes through unchanged, so ``extract`` can sit in any chain.
"""

from __future__ import annotations

import re

from .options import Option

OPTIONS: tuple[Option, ...] = ()

# Elements whose content is never main text.
DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "nav", "header", "footer", "aside", "form", "button", "select", "textarea", "input",
    "head", "title", "meta", "link",
)

# Elements that start a new line.
BLOCK_TAGS = frozenset(
    """address article blockquote body center dd details dialog div dl dt fieldset figcaption
    figure h1 h2 h3 h4 h5 h6 hr html li main ol p pre section summary table tbody thead tfoot
    tr ul caption marquee""".split()
)
CELL_TAGS = frozenset(("td", "th"))

HTML_SIGNS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<meta\s|</(?:p|div|table|td|li|span|a)>", re.I
)
WS = re.compile(r"[ \t\r\n\f\v]+")
SPACES = re.compile(r"[ \t]{2,}")
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
# A line break in the source between two Han characters is not a space in the text.
HAN_BREAK = re.compile(rf"(?<=[{HAN}])[ \t]*\n\s*(?=[{HAN}])")


def looks_like_html(text: str) -> bool:
    """True when text is an HTML document or fragment rather than prose that mentions tags.

    >>> looks_like_html("<html><body><p>你好</p></body></html>")
    True
    >>> looks_like_html("用 <p> 标签分段")
    False
    """
    head = text[:5000]
    return len(HTML_SIGNS.findall(head)) >= 2 or bool(re.match(r"\s*<!doctype\s+html|\s*<html", head, re.I))


def _parser() -> str:
    try:
        import lxml  # noqa: F401
    except ImportError:
        return "html.parser"
    return "lxml"


def _render(node, out: list[str], pre: bool = False) -> None:
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    for child in node.children:
        if isinstance(child, PreformattedString):  # comments, doctype, CDATA, processing instructions
            continue
        if isinstance(child, NavigableString):
            text = str(child)
            if not pre:
                text = HAN_BREAK.sub("", text)
                text = WS.sub(" ", text)
            out.append(text)
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            out.append("\n")
        elif name in CELL_TAGS:
            out.append(" ")
            _render(child, out, pre)
            out.append(" ")
        elif name in BLOCK_TAGS:
            out.append("\n")
            _render(child, out, pre or name == "pre")
            out.append("\n")
        else:
            _render(child, out, pre)


def html_to_text(markup: str) -> str:
    """Text of an HTML document, without scripts and page chrome elements, a block per line.

    >>> html_to_text("<nav>首页</nav><p>第一段</p><p>第二<b>段</b></p>")
    '第一段\\n第二段'
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, _parser())
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    pieces: list[str] = []
    _render(soup, pieces)
    lines = (SPACES.sub(" ", line).strip() for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def extract(text: str) -> str:
    """HTML page to its main text, one block element per line; other text passes through.

    >>> extract("<html><body><header>网站</header><p>正文。</p></body></html>")
    '正文。'
    """
    if not looks_like_html(text):
        return text
    return html_to_text(text)
