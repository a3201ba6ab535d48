"""extract: an HTML page to its main text, one block per line.

Text that is not HTML passes through unchanged, so ``extract`` can sit in any chain.
"""

from __future__ import annotations

import re

from . import lazyre, pagetree
from .options import Option
from .pagetree import RENDERED_KINDS, Element, Text, same

OPTIONS: tuple[Option, ...] = ()

# Elements whose content is never main text.
DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "nav", "footer", "aside", "button", "select", "textarea", "input",
    "head", "title", "meta", "link",
    # Ruby annotations (pinyin or zhuyin over characters) and their fallback brackets.
    "rt", "rp",
)
DROP_TAG_SET = frozenset(DROP_TAGS)

# Elements that start a new line.
BLOCK_TAGS = frozenset(
    """address article blockquote body center dd details dialog div dl dt fieldset figcaption
    figure h1 h2 h3 h4 h5 h6 hr html li main ol p pre section summary table tbody thead tfoot
    tr ul caption marquee""".split()
)
CELL_TAGS = frozenset(("td", "th"))

HTML_SIGNS = lazyre.compile(
    r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<meta\s|</(?:p|div|table|td|li|span|a)>", re.I
)
WS = lazyre.compile(r"[ \t\r\n\f\v]+")
SPACES = lazyre.compile(r"[ \t]{2,}")
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
# A line break in the source between two Han characters is not a space in the text.
HAN_BREAK = lazyre.compile(rf"(?<=[{HAN}])[ \t]*\n\s*(?=[{HAN}])")


HTML_START = lazyre.compile(r"\s*(?:<!doctype\s+html|<html|<head[\s>]|<meta\s|<\?xml[^>]*>\s*<html)", re.I)


def looks_like_html(text: str) -> bool:
    """True when text is an HTML document or fragment rather than prose that mentions tags.

    >>> looks_like_html("<html><body><p>你好</p></body></html>")
    True
    >>> looks_like_html("用 <p> 标签分段")
    False
    """
    if HTML_START.match(text):
        return True
    return len(HTML_SIGNS.findall(text[:50000])) >= 2


def _parser() -> str:
    try:
        import lxml  # noqa: F401
    except ImportError:
        return "html.parser"
    return "lxml"


def _render(node, out: list[str], pre: bool = False) -> None:
    for child in node.children:
        if child.__class__ is Text:
            if child.kind not in RENDERED_KINDS:  # comments, doctype, CDATA, processing instructions
                continue
            text = child.text
            if not pre:
                if "\n" in text:  # HAN_BREAK needs one; looking is much cheaper than the pattern
                    text = HAN_BREAK.sub("", text)
                text = WS.sub(" ", text)
            out.append(text)
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
CHROME_NAMES = lazyre.compile(
    r"(?:^|[-_\s])(?:comments?|comment-list|share|sharing|social|footer|foot|sidebar|sidenav|nav|navbar|menu"
    r"|breadcrumbs?|crumbs?|bread|location|position|related|recommend|recommended|hotnews|rank|ranking"
    r"|copyright|advert|advertisement|banner|login|toolbar|pager|pagination|tags?|widget|popup|modal"
    r"|top-?bar|gotop|backtop|qrcode|weixin-qr|subscribe|print|fontsize)(?:$|[-_\s\d])",
    re.I,
)
TEXT_PUNCT = lazyre.compile(r"[，。；！？、：,.;!?]")
HAN_RUN = lazyre.compile(r"[\u3400-\u9fff]+")  # counted by runs: far fewer matches than characters
# Han runs (the group) and words in one pass: a word's match leaves the group empty.
HAN_RUN_OR_WORD = lazyre.compile(r"([\u3400-\u9fff]+)|[A-Za-z0-9]+")
SENTENCE_END_MARK = lazyre.compile(r"[。！？]")
PARAGRAPH_TAGS = frozenset("p pre td th li dd dt blockquote h1 h2 h3 h4 h5 h6 figcaption".split())


# class / id names of blocks that are never main text, whatever they hold: an encyclopedia's
# reference list, navigation boxes, edit links, category bar and infobox (MediaWiki and Baike
# name them so), and a reference item of any site ("referenceItem_x1", "ref-list").
DROP_NAMES = lazyre.compile(
    r"^(?:references?|reflist|refbegin|references-small|navbox|navbox-inner|vertical-navbox|mw-editsection"
    r"|catlinks|mw-normal-catlinks|printfooter|mw-jump-link|infobox|sistersitebox|reference-?item|ref-?list"
    r"|reference-?list)(?:$|_)",
    re.I,
)


def _drop_named(tag) -> bool:
    """True for an element whose class or id names it as reference list, navbox or infobox.

    >>> _drop_named(pagetree.parse('<ol class="references"></ol>').find_first(("ol",)))
    True
    >>> _drop_named(pagetree.parse('<div class="article-references-note"></div>').find_first(("div",)))
    False
    """
    return _drop_named_words(tag.names)


def _drop_named_words(names: str) -> bool:
    return any(DROP_NAMES.search(name) for name in names.split())



TEASER_HEADLINE = 6  # Han characters or words in an item's linked headline
TEASER_ITEM_MAX = 300  # an item longer than this is an article or a post, not a teaser
ITEM_TAGS = frozenset("li div article section dd".split())


def _is_teaser(item) -> bool:
    """A teaser of another page: a short block with a linked headline (a heading that is a link)
    and at most a short summary. A forum post leads with a linked user name, but not in a heading."""
    if item.name not in ITEM_TAGS or _text_len(item.get_text("")) > TEASER_ITEM_MAX:
        return False
    for heading in item.find_all(HEADINGS):
        link = heading.find_first(("a",)) or heading.find_parent("a")
        if link is not None and _text_len(link.get_text("")) >= TEASER_HEADLINE:
            return True
    return False


def _is_teaser_list(tag) -> bool:
    """A feed of teasers (其他人也在看, 相关推荐 with summaries): three or more children, most of
    them teasers. Link-density pruning misses it because the summaries are not links.

    >>> item = '<li><h4><a href="/a">别处的一篇新闻的标题</a></h4><p>这是那篇新闻的摘要，有几句话。</p></li>'
    >>> _is_teaser_list(pagetree.parse("<ul>" + item * 3 + "</ul>").find_first(("ul",)))
    True
    >>> _is_teaser_list(pagetree.parse("<div>" + "<p>正文段落，有<a>一个链接在这里</a>。</p>" * 3 + "</div>").find_first(("div",)))
    False
    """
    if tag.name not in ("ul", "ol", "div", "section"):
        return False
    children = [c for c in tag.children if c.__class__ is Element and c.strings(strip=True)]
    if len(children) < 3:
        return False
    teasers = sum(_is_teaser(c) for c in children)
    return teasers >= 3 and teasers * 5 >= len(children) * 3


def parse_page(markup: str):
    """A BeautifulSoup tree of a page (for :mod:`cleantext.metadata`; extract uses :mod:`cleantext.pagetree`). XHTML pages (<?xml ...?> first) are parsed as HTML on
    purpose, so bs4's warning that suggests an XML parser is silenced: it is noise on stderr."""
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(markup, _parser())


HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))  # the headings _is_teaser looks for
LINK_LIST_TAGS = frozenset(("ul", "ol", "table", "div", "dl"))
TEASER_LIST_TAGS = frozenset(("ul", "ol", "div", "section"))


def _with_heading_below(tags) -> set[int]:
    """ids of the tags that hold an h2..h6 somewhere below them: only such a child can be a
    teaser, so a list with fewer than three of them is no teaser list (a cheap test first)."""
    marked: set[int] = set()
    for tag in tags:
        if tag.name in HEADINGS:
            parent = tag.parent
            while parent is not None and id(parent) not in marked:
                marked.add(id(parent))
                parent = parent.parent
    return marked


def _parse(markup: str) -> Element:
    """The page's tree: lxml's parser when lxml is installed, else bs4's html.parser, without
    the elements that are never main text and without comments."""
    return pagetree.parse(markup, _parser(), skip_tags=DROP_TAG_SET, skip_named=_drop_named_words, comments=False)


def _soup(markup: str) -> Element:
    """The parsed page without the elements that are never main text.

    The parse leaves out the elements that are never main text (DROP_TAG_SET, DROP_NAMES) and
    the comments (nothing before their removal looked at them). One walk lists the tags; each
    pass then looks at them in document order and skips what an earlier decision already
    removed (a tag's tests look only at the tag and what is below it, so deciding an outer tag
    first gives what deciding all of them first did).
    """
    root = _parse(markup)
    tags = root.tags()
    with_heading = _with_heading_below(tags)
    for tag in tags:
        if (
            tag.name in TEASER_LIST_TAGS and not tag.removed
            and sum(id(c) in with_heading for c in tag.children) >= 3
            and _is_teaser_list(tag)
        ):
            tag.decompose()
    for tag in tags:
        if (
            tag.name in DROP_WHEN_SMALL and not tag.removed
            and len(tag.get_text(strip=True)) < SMALL_TEXT and not tag.find_first(("h1", "h2"))
        ):
            tag.decompose()
    return root


def _text_len(text: str) -> int:
    """Length that counts Han characters and words, not spaces.

    >>> _text_len("中文 abc 12，字")
    5
    """
    runs = HAN_RUN_OR_WORD.findall(text)
    return sum(map(len, runs)) + runs.count("")


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
    out = []

    # ``link`` is the nearest <a> at or above ``node`` (what find_parent("a") gives its strings),
    # carried down the walk instead of searched for again from every string.
    def walk(node, owner, acc, link):
        for child in node.children:
            if child.__class__ is Text:
                acc[0].append(child.text)
                if link is not None and link is not owner:
                    acc[1].append(child.text)
                continue
            child_link = child if child.name == "a" else link
            if child.name in BLOCK_TAGS or child.name in CELL_TAGS:
                inner = ([], [])
                walk(child, child, inner, child_link)
                out.append((child, "".join(inner[0]), "".join(inner[1])))
            else:
                walk(child, owner, acc, child_link)

    top = ([], [])
    walk(root, root, top, root if root.name == "a" else root.find_parent("a"))
    out.append((root, "".join(top[0]), "".join(top[1])))
    return out


def main_content(soup):
    """The element that holds the article: the deepest one that carries most of the page's prose.

    Every block scores by :func:`prose_score` (readability / CETD style: text density, link
    density, punctuation); scores add up the tree, and the smallest element with at least
    :data:`MAIN_SHARE` of the total wins, so a forum thread keeps all its posts while menus,
    sidebars and footers, which score little, fall away.
    """
    body = soup.find_first(("body",)) or soup
    scores: dict[int, float] = {}
    elements: dict[int, object] = {}
    total = 0.0
    chrome: dict[int, bool] = {}
    for element, text, links in _own_blocks(body):
        score = prose_score(text, links)
        if score and _chrome_named(element, chrome):
            score *= CHROME_NAMED_WEIGHT
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
# Prose inside an element named like chrome (class="comment", id="footer") counts for little.
CHROME_NAMED_WEIGHT = 0.2
# Elements that can be the article's container (a paragraph never is: its siblings would be lost).
CONTAINER_TAGS = frozenset("div section article main td body center font span".split())


def _chrome_named(element, known: dict[int, bool] | None = None) -> bool:
    """Whether the element or an ancestor below body is named like chrome. ``known`` keeps the
    answers by element id, for the elements walked through (blocks share their ancestors)."""
    node = element
    walked = []
    found = False
    while node is not None and node.name not in ("body", "[document]"):
        if known is not None and id(node) in known:
            found = known[id(node)]
            break
        walked.append(node)
        if node.names and node.name != "html" and CHROME_NAMES.search(node.names):
            found = True
            break
        node = node.parent
    if known is not None:
        for node in walked:
            known[id(node)] = found
    return found


def _depth(node) -> int:
    depth = 0
    while node is not None:
        depth += 1
        node = node.parent
    return depth


def _with_headline(main):
    """Widen ``main`` to the ancestor that also holds the article's h1, when that adds little
    else (the header with title, subtitle and byline above the article body)."""
    node = main
    size = _text_len(main.get_text(""))
    for _ in range(3):
        if node.find_first(("h1",)) is not None or node.parent is None or node.parent.name in (None, "[document]", "html"):
            break
        parent = node.parent
        if parent.find_first(("h1",)) is None:
            node = parent
            continue
        if _text_len(parent.get_text("")) <= size * 1.3 + 120:
            _drop_chrome_beside(parent, main)
            return parent
        break
    return main


def _drop_chrome_beside(wide, main) -> None:
    """Drop the chrome-named blocks (comments, share bar, related list) that widening ``main``
    to ``wide`` brought in; the headline and ``main`` itself stay."""
    for tag in [t for t in wide.tags() if CHROME_NAMES.search(t.names) is not None]:
        # bs4 compares tags by value (``in``), hence pagetree.same and not ``is``.
        if tag.removed or tag is main or any(same(p, main) for p in tag.parents()):
            continue
        if tag.name in ("h1",) or tag.find_first(("h1",)) is not None or any(same(tag, p) for p in main.parents()):
            continue
        tag.decompose()


def _title_before(main, page_title: str) -> str | None:
    """The page's headline when it sits outside the main element: the nearest h1/h2 above it,
    or the nearest text above it that the page's <title> repeats."""
    if main.find_first(("h1",)):
        return None
    # The page title usually repeats the headline beside the site and section names: the
    # longest text above the article that the title contains is the headline, unless the
    # nearest emphasized text (bold, heading, class="title") above the article is longer.
    repeated = [s.text.strip() for s in _previous_strings(main, 80)
                if page_title and _text_len(s.text) >= 4 and s.text.strip() in page_title]
    emphasized = next((s.text.strip() for s in _previous_strings(main, 30)
                       if 6 <= _text_len(s.text) <= 60 and sum(map(len, HAN_RUN.findall(s.text))) >= 4 and not SENTENCE_END_MARK.search(s.text)
                       and _looks_emphasized(s)), None)
    if repeated:
        best = max(repeated, key=len)
        return emphasized if emphasized and len(emphasized) > len(best) else best
    for heading in _previous_tags(main, "h1", 3):
        text = heading.get_text(" ", strip=True)
        if text and not _chrome_named(heading) and _text_len(text) >= 4:
            return text
    if emphasized:
        return emphasized
    for heading in _previous_tags(main, "h2", 2):
        text = heading.get_text(" ", strip=True)
        if text and not _chrome_named(heading) and _text_len(text) >= 4:
            return text
    return None


def _previous_strings(node, limit: int) -> list[Text]:
    """The ``limit`` strings nearest before ``node`` (bs4's find_all_previous(string=True)):
    any kind of string, comments and doctype too."""
    found = []
    for earlier in node.previous():
        if earlier.__class__ is Text:
            found.append(earlier)
            if len(found) == limit:
                break
    return found


def _previous_tags(node, name: str, limit: int) -> list[Element]:
    found = []
    for earlier in node.previous():
        if earlier.__class__ is Element and earlier.name == name:
            found.append(earlier)
            if len(found) == limit:
                break
    return found


def _prune_link_lists(main) -> None:
    """Inside the article, drop lists and tables that are mostly links (related-article lists)."""
    for tag in main.find_all(LINK_LIST_TAGS):
        if tag.removed:
            continue
        anchors = tag.find_all(("a",))
        if len(anchors) < 3:
            continue
        text = tag.get_text("", strip=True)
        links = "".join(a.get_text("", strip=True) for a in anchors)
        if _text_len(text) and _text_len(links) / max(1, _text_len(text)) > 0.7:
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

    >>> page = "<body><nav><a>首页</a><a>新闻</a></nav><h1>文章的标题</h1><div><p>第一段正文，有内容。</p></div></body>"
    >>> main_text(page)
    '文章的标题\\n第一段正文，有内容。'
    """
    page_title = page_title_of(markup)
    soup = _soup(markup)
    main = _with_headline(main_content(soup))
    title = _title_before(main, page_title)
    _prune_link_lists(main)
    text = _lines(main)
    if title is not None:
        text = title + "\n" + text
    return text


TITLE_NAMES = lazyre.compile(r"title|biaoti|headline|(?:^|[-_])bt(?:$|[-_])", re.I)


def _looks_emphasized(string) -> bool:
    """Text set as a headline: in a heading, bold, or an element named like a title."""
    for parent in list(string.parents())[:4]:
        if parent.name in ("h1", "h2", "h3", "h4", "b", "strong") or TITLE_NAMES.search(parent.names):
            return True
    return False


TITLE_ELEMENT = lazyre.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def page_title_of(markup: str) -> str:
    """Text of the page's <title> element.

    >>> page_title_of("<html><head><title> 标题_网站 </title></head></html>")
    '标题_网站'
    """
    found = TITLE_ELEMENT.search(markup)
    if not found:
        return ""
    import html

    return WS.sub(" ", html.unescape(found.group(1))).strip()


def extract(text: str) -> str:
    """HTML page to its main text, one block element per line; other text passes through.

    >>> extract("<html><body><header>网站</header><p>正文。</p></body></html>")
    '正文。'
    """
    if not looks_like_html(text):
        return text
    return main_text(text)
