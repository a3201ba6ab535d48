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
    # Ruby annotations (pinyin or zhuyin over characters) and their fallback brackets.
    "rt", "rp",
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


# Elements dropped only when they hold little text: whole ASP.NET pages sit in one <form>, and
# an article's <header> holds its title.
DROP_WHEN_SMALL = ("form", "header")
SMALL_TEXT = 200
# class / id words of page chrome (readability's negative list, plus Chinese sites' usual names).
CHROME_NAMES = re.compile(
    r"(?:^|[-_\s])(?:comments?|comment-list|share|sharing|social|footer|foot|sidebar|side|sidenav|nav|navbar|menu"
    r"|breadcrumbs?|crumbs?|bread|location|position|related|recommend|recommended|hot|hotnews|rank|ranking"
    r"|copyright|advert|ads|ad|banner|login|toolbar|pager|pagination|pages|tags?|widget|popup|modal"
    r"|top-?bar|gotop|backtop|qrcode|weixin-qr|subscribe|print|fontsize)(?:$|[-_\s\d])",
    re.I,
)
TEXT_PUNCT = re.compile(r"[，。；！？、：,.;!?]")
HAN_RE = re.compile(r"[\u3400-\u9fff]")
PARAGRAPH_TAGS = frozenset("p pre td th li dd dt blockquote h1 h2 h3 h4 h5 h6 figcaption".split())


def _soup(markup: str):
    from bs4 import BeautifulSoup, Comment

    soup = BeautifulSoup(markup, _parser())
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(DROP_WHEN_SMALL):
        if len(tag.get_text(strip=True)) < SMALL_TEXT and not tag.find(["h1", "h2"]):
            tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    return soup


def _names(tag) -> str:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([*classes, tag.get("id") or ""])


def _text_len(text: str) -> int:
    """Length that counts Han characters and words, not spaces."""
    return len(HAN_RE.findall(text)) + len(re.findall(r"[A-Za-z0-9]+", text))


def prose_score(text: str, link_text: str) -> float:
    """How much a block reads like article text: long, punctuated, few links.

    >>> prose_score("这是一段很长的正文，有标点，也有内容。", "") > prose_score("首页 新闻 体育", "首页 新闻 体育")
    True
    """
    length = _text_len(text)
    if not length:
        return 0.0
    density = _text_len(link_text) / length
    if density > 0.5:
        return 0.0
    punct = len(TEXT_PUNCT.findall(text))
    weight = 1.0 if punct and length >= 10 else 0.25
    return length * weight * (1 - density) + 3 * min(punct, length // 8)


def _own_blocks(root):
    """(element, its own text, its link text) for every block, text of nested blocks excluded."""
    from bs4 import NavigableString, Tag

    out = []

    def walk(node, owner, acc):
        for child in node.children:
            if isinstance(child, NavigableString):
                acc[0].append(str(child))
                if child.find_parent("a") is not None and child.find_parent("a") is not owner:
                    acc[1].append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            if child.name in BLOCK_TAGS or child.name in CELL_TAGS:
                inner = ([], [])
                walk(child, child, inner)
                out.append((child, "".join(inner[0]), "".join(inner[1])))
            else:
                walk(child, owner, acc)

    top = ([], [])
    walk(root, root, top)
    out.append((root, "".join(top[0]), "".join(top[1])))
    return out


def main_content(soup):
    """The element that holds the article: the deepest one that carries most of the page's prose.

    Every block scores by :func:`prose_score` (readability / CETD style: text density, link
    density, punctuation); scores add up the tree, and the smallest element with at least
    :data:`MAIN_SHARE` of the total wins, so a forum thread keeps all its posts while menus,
    sidebars and footers, which score little, fall away.
    """
    body = soup.body or soup
    scores: dict[int, float] = {}
    elements: dict[int, object] = {}
    total = 0.0
    for element, text, links in _own_blocks(body):
        if _chrome_named(element):
            continue
        score = prose_score(text, links)
        if not score:
            continue
        total += score
        node = element
        while node is not None and node is not body.parent:
            scores[id(node)] = scores.get(id(node), 0.0) + score
            elements[id(node)] = node
            node = node.parent
    if not total:
        return body
    best = body
    for key, score in scores.items():
        if score >= MAIN_SHARE * total:
            node = elements[key]
            if node.name in CONTAINER_TAGS and _depth(node) > _depth(best):
                best = node
    return best


MAIN_SHARE = 0.7
# Elements that can be the article's container (a paragraph never is: its siblings would be lost).
CONTAINER_TAGS = frozenset("div section article main td body center font span".split())


def _chrome_named(element) -> bool:
    node = element
    while node is not None and getattr(node, "name", None) not in (None, "body", "[document]"):
        if node.name not in ("html",) and CHROME_NAMES.search(_names(node)):
            return True
        node = node.parent
    return False


def _depth(node) -> int:
    depth = 0
    while node is not None:
        depth += 1
        node = node.parent
    return depth


def _title_before(main, soup):
    """The page's headline when it sits outside the main element (h1 above the article body)."""
    if main.find(["h1"]):
        return None
    for heading in main.find_all_previous(["h1", "h2"]):
        text = heading.get_text(" ", strip=True)
        if text and not _chrome_named(heading) and _text_len(text) >= 4:
            return heading
    return None


def _prune_link_lists(main) -> None:
    """Inside the article, drop lists and tables that are mostly links (related-article lists)."""
    for tag in main.find_all(["ul", "ol", "table", "div", "dl"]):
        if tag.decomposed if hasattr(tag, "decomposed") else False:
            continue
        text = tag.get_text("", strip=True)
        links = "".join(a.get_text("", strip=True) for a in tag.find_all("a"))
        if len(tag.find_all("a")) >= 3 and _text_len(text) and _text_len(links) / max(1, _text_len(text)) > 0.7:
            tag.decompose()


def html_to_text(markup: str) -> str:
    """Text of an HTML document, without scripts and page chrome elements, a block per line.

    >>> html_to_text("<nav>首页</nav><p>第一段</p><p>第二<b>段</b></p>")
    '第一段\\n第二段'
    """
    soup = _soup(markup)
    return _lines(soup)


def _lines(node) -> str:
    pieces: list[str] = []
    _render(node, pieces)
    lines = (SPACES.sub(" ", line).strip() for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def main_text(markup: str) -> str:
    """The main text of an HTML page: headline plus the article element, a block per line.

    >>> page = "<body><div class=nav><a>首页</a><a>新闻</a></div><h1>文章的标题</h1><div><p>第一段正文，有内容。</p></div></body>"
    >>> main_text(page)
    '文章的标题\\n第一段正文，有内容。'
    """
    soup = _soup(markup)
    main = main_content(soup)
    title = _title_before(main, soup)
    _prune_link_lists(main)
    text = _lines(main)
    if title is not None:
        text = title.get_text(" ", strip=True) + "\n" + text
    return text


def extract(text: str) -> str:
    """HTML page to its main text, one block element per line; other text passes through.

    >>> extract("<html><body><header>网站</header><p>正文。</p></body></html>")
    '正文。'
    """
    if not looks_like_html(text):
        return text
    return main_text(text)
