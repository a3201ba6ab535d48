"""A small document tree of an HTML page, for :mod:`cleantext.extract`.

BeautifulSoup builds a rich tree (attribute dicts, sibling and document-order links, string
subclasses), and building it was most of extract's time. Extraction needs much less: tag
names, the ``class`` and ``id`` words, the children in order, the parent, and the text. So the
page is parsed into :class:`Element` and :class:`Text` nodes that hold just that:

* with lxml (the ``fast`` extra), straight from the parse events that bs4's own lxml builder
  receives (lxml's HTML parser in target mode), so the tree has the same shape as bs4's;
* without lxml, from BeautifulSoup's ``html.parser`` tree, converted node by node.

The methods follow bs4's (``get_text``, ``find_all``, ``decompose``, ...) where extract used
them, with bs4's meaning: text is that of plain strings (not comments, doctypes or processing
instructions), a string between two tags is one node, ``decompose`` removes a subtree.

>>> root = parse('<div class="a  b" id="x"><p>一<b>二</b></p><!-- 注 --><p>三</p></div>')
>>> div = root.find_first(("div",))
>>> div.names, div.get_text(""), div.get_text("|", strip=True)
('a b x', '一二三', '一|二|三')
>>> [t.name for t in div.find_all(("p", "b"))]
['p', 'b', 'p']
"""

from __future__ import annotations

from . import lazyre

# Kinds of text node, after bs4's string classes.
TEXT = 0  # NavigableString: text of the page
CDATA = 1  # CData: counts as text, but is not rendered
MARKUP = 2  # Doctype, processing instruction, declaration: neither text nor rendered
COMMENT = 3  # Comment
CONTAINED = 4  # a string of script, style, template, rt or rp: rendered, but not its ancestors' text
# (only the bs4 path tells CONTAINED strings apart; the lxml target marks them TEXT, which is
# the same to extract: it leaves those elements out, so no such string is ever read.)

TEXT_KINDS = frozenset((TEXT, CDATA))  # what get_text joins (bs4's default string types)
RENDERED_KINDS = frozenset((TEXT, CONTAINED))  # what is not a bs4 PreformattedString

NONSPACE = lazyre.compile(r"\S+")
ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
NO_ATTRIBUTES: dict = {}  # shared by every element without attributes; never changed


class Text:
    """A string between tags (or a comment, doctype, ...): ``text``, ``kind``, ``parent``."""

    __slots__ = ("text", "kind", "parent")

    def __init__(self, text: str, kind: int, parent: Element | None):
        self.text = text
        self.kind = kind
        self.parent = parent

    def __repr__(self) -> str:
        return f"Text({self.text!r})"

    def parents(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class Element:
    """A tag: ``name``, ``names`` (its class words and id, space-separated, as extract matches
    them), ``attrs`` (only compared, by :func:`same`), ``children`` (Elements and Texts in order), ``parent``; ``removed`` once decomposed.
    The document itself is an Element named ``[document]`` without parent."""

    __slots__ = ("name", "names", "attrs", "children", "parent", "removed")

    def __init__(self, name: str, names: str, parent: Element | None, attrs=None):
        self.name = name
        self.names = names
        self.attrs = attrs if attrs is not None else NO_ATTRIBUTES
        self.children: list = []
        self.parent = parent
        self.removed = False

    def __repr__(self) -> str:
        return f"<{self.name} {self.names!r}>"

    # ------------------------------------------------------------ walking

    def descendants(self):
        """Every node below this one, in document order (a list)."""
        out = []
        stack = [iter(self.children)]
        while stack:
            for child in stack[-1]:
                out.append(child)
                if child.__class__ is Element and child.children:
                    stack.append(iter(child.children))
                    break
            else:
                stack.pop()
        return out

    def tags(self) -> list[Element]:
        """Every element below this one, in document order."""
        return [node for node in self.descendants() if node.__class__ is Element]

    def parents(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def find_all(self, names) -> list[Element]:
        """Elements below this one whose name is in ``names``, in document order."""
        return [node for node in self.descendants() if node.__class__ is Element and node.name in names]

    def find_first(self, names) -> Element | None:
        """The first element below this one whose name is in ``names``."""
        stack = [iter(self.children)]
        while stack:
            for child in stack[-1]:
                if child.__class__ is Element:
                    if child.name in names:
                        return child
                    if child.children:
                        stack.append(iter(child.children))
                        break
            else:
                stack.pop()
        return None

    def find_parent(self, name: str) -> Element | None:
        node = self.parent
        while node is not None:
            if node.name == name:
                return node
            node = node.parent
        return None

    def previous(self):
        """The nodes before this one in document order, nearest first (bs4's
        ``previous_elements``: earlier siblings' subtrees, last node first, then the parent)."""
        node = self
        parent = node.parent
        while parent is not None:
            siblings = parent.children
            index = next(i for i, child in enumerate(siblings) if child is node)
            for sibling in reversed(siblings[:index]):
                if sibling.__class__ is Element:
                    nodes = sibling.descendants()
                    nodes.reverse()
                    yield from nodes
                yield sibling
            if parent.parent is not None:  # the document itself is not in bs4's chain
                yield parent
            node, parent = parent, parent.parent

    # ------------------------------------------------------------ text

    def strings(self, strip: bool = False) -> list[str]:
        """The text strings below this element (bs4's ``_all_strings``)."""
        texts = [node.text for node in self.descendants()
                 if node.__class__ is Text and node.kind in TEXT_KINDS]
        if strip:
            return [s for s in (t.strip() for t in texts) if s]
        return texts

    def get_text(self, separator: str = "", strip: bool = False) -> str:
        return separator.join(self.strings(strip))

    # ------------------------------------------------------------ changing

    def decompose(self) -> None:
        """Remove this element and everything below it from the tree."""
        parent = self.parent
        if parent is not None:
            siblings = parent.children
            for i, child in enumerate(siblings):
                if child is self:
                    del siblings[i]
                    break
        self.parent = None
        self.removed = True
        for node in self.descendants():
            if node.__class__ is Element:
                node.removed = True


def same(a, b) -> bool:
    """Whether two nodes are equal as bs4 compares them (``in``, ``==``): the same node, or
    elements with the same name, attributes and children, or strings with the same text.

    >>> root = parse("<p><b>一</b></p><p><b>一</b></p><p><b>二</b></p>")
    >>> first, second, third = root.find_all(("p",))
    >>> same(first, second), same(first, third)
    (True, False)
    """
    if a is b:
        return True
    if a.__class__ is not b.__class__:
        return False
    if a.__class__ is Text:
        return a.text == b.text
    if a.name != b.name or len(a.children) != len(b.children):
        return False
    if a.attrs != b.attrs and (a.attrs.keys() != b.attrs.keys() or _bs4_attrs(a) != _bs4_attrs(b)):
        return False
    return all(same(x, y) for x, y in zip(a.children, b.children, strict=True))


# Attributes bs4 holds as lists of words (bs4's HTMLTreeBuilder.DEFAULT_CDATA_LIST_ATTRIBUTES).
MULTI_VALUED = {
    "*": frozenset(("class", "accesskey", "dropzone")), "a": frozenset(("rel", "rev")),
    "link": frozenset(("rel", "rev")), "td": frozenset(("headers",)), "th": frozenset(("headers",)),
    "form": frozenset(("accept-charset",)), "object": frozenset(("archive",)), "area": frozenset(("rel",)),
    "icon": frozenset(("sizes",)), "iframe": frozenset(("sandbox",)), "output": frozenset(("for",)),
}


def _bs4_attrs(element: Element) -> dict:
    """The attributes as bs4 holds them: multi-valued ones (class, rel, ...) split on whitespace."""
    multi = MULTI_VALUED["*"] | MULTI_VALUED.get(element.name, frozenset())
    return {key: NONSPACE.findall(value) if key in multi and isinstance(value, str) else value
            for key, value in element.attrs.items()}


def class_names(classes, element_id) -> str:
    """What extract matches for a tag: class words, then the id, space-separated (bs4 splits
    ``class`` on whitespace).

    >>> class_names(" nav  main ", "top")
    'nav main top'
    >>> class_names(None, None)
    ''
    """
    words = NONSPACE.findall(classes) if isinstance(classes, str) else list(classes or [])
    return " ".join([*words, element_id or ""])


def _doctype_string(name, pubid, system) -> str:
    # bs4's Doctype._string_for_name_and_ids
    value = name or ""
    if pubid is not None:
        value += f' PUBLIC "{pubid}"'
        if system is not None:
            value += f' "{system}"'
    elif system is not None:
        value += f' SYSTEM "{system}"'
    return value


PRESERVE_SPACE = frozenset(("pre", "textarea"))  # bs4 keeps whitespace-only strings in these


def _lxml_target(root: Element, skip_tags=frozenset(), skip_named=None, comments: bool = True):
    """lxml parser target that builds the tree under ``root`` as bs4's BeautifulSoup does from
    the same events: consecutive data becomes one string, closed at the next tag, comment or
    end; a string of ASCII whitespace only becomes one space or newline, except inside pre and
    textarea. An element named in ``skip_tags``, or whose class and id words ``skip_named(names)``
    accepts, is left out with all it holds, as if decomposed: the strings before and after it
    stay two; so are comments when ``comments`` is false. Closures, not methods: the callbacks
    run once per tag and string of the page (calling flush() costs nothing measurable there:
    extract of the 227 pages of ../shared/eval is within 2% either way)."""
    from types import SimpleNamespace

    stack = [root]
    pending: list[str] = []  # data since the last tag; while skipping, data to throw away
    current = root
    keep_space = 0  # open pre / textarea elements
    skipping = 0  # depth inside a skipped element

    def flush(kind: int = TEXT) -> None:
        text = "".join(pending)
        pending.clear()
        if not keep_space and not text.strip(ASCII_SPACES):
            text = "\n" if "\n" in text else " "
        current.children.append(Text(text, kind, current))

    def start(tag, attrib, nsmap=None) -> None:
        nonlocal current, keep_space, skipping
        if skipping:
            skipping += 1
            return
        if pending:
            flush()
        if tag in skip_tags:
            skipping = 1
            return
        names = ""
        if attrib:  # an empty one is lxml's immutable mapping, slow to look up
            classes = attrib.get("class")
            element_id = attrib.get("id")
            if classes is not None or element_id is not None:
                names = class_names(classes, element_id)
                if skip_named is not None and skip_named(names):
                    skipping = 1
                    return
        element = Element(tag, names, current, attrib or None)
        current.children.append(element)
        stack.append(element)
        current = element
        if tag in PRESERVE_SPACE:
            keep_space += 1

    def end(tag) -> None:
        nonlocal current, keep_space, skipping
        if skipping:
            skipping -= 1
            if not skipping:
                pending.clear()
            return
        if pending:
            flush()
        if current.name == tag and current is not root:  # the usual case: the innermost closes
            stack.pop()
            if tag in PRESERVE_SPACE:
                keep_space -= 1
            current = stack[-1]
            return
        # bs4 pops up to the most recent open tag of that name (lxml's events are balanced).
        for depth in range(len(stack) - 1, 0, -1):
            if stack[depth].name == tag:
                for closed in stack[depth:]:
                    if closed.name in PRESERVE_SPACE:
                        keep_space -= 1
                del stack[depth:]
                current = stack[-1]
                return

    def marked(text: str, kind: int) -> None:
        if skipping:
            return
        if pending:
            flush()
        pending.append(text)
        flush(kind)

    def close() -> Element:
        if pending:
            flush()
        return root

    def comment(text) -> None:
        if comments:
            marked(text, COMMENT)
        elif pending and not skipping:  # the comment still ends the string before it
            flush()

    return SimpleNamespace(
        start=start, end=end, data=pending.append, close=close, comment=comment,
        doctype=lambda name, pubid, system: marked(_doctype_string(name, pubid, system), MARKUP),
        pi=lambda target, data: marked(target + " " + (data or ""), MARKUP),
    )


def _from_lxml(markup: str, skip_tags=frozenset(), skip_named=None, comments: bool = True) -> Element:
    from lxml import etree

    if markup[:1] == "\ufeff":  # as bs4 does before handing lxml a str
        markup = markup[1:]
    root = Element("[document]", "", None)
    parser = etree.HTMLParser(target=_lxml_target(root, skip_tags, skip_named, comments), recover=True, huge_tree=False, encoding=None)
    parser.feed(markup)
    return parser.close()


def _kind(string) -> int:
    from bs4 import CData, Comment, NavigableString
    from bs4.element import PreformattedString

    kind = type(string)
    if kind is NavigableString:
        return TEXT
    if kind is CData:
        return CDATA
    if isinstance(string, Comment):
        return COMMENT
    if isinstance(string, PreformattedString):
        return MARKUP
    return CONTAINED


def from_soup(soup, skip_tags=frozenset(), skip_named=None, comments: bool = True) -> Element:
    """The tree of a BeautifulSoup document (any parser), without the elements named in
    ``skip_tags`` or whose class and id words ``skip_named`` accepts, and without comments
    unless ``comments``: as if decomposed and extracted (bs4's strings around them are two)."""
    from bs4 import Tag

    root = Element("[document]", "", None)
    stack = [(soup, root)]
    while stack:
        source, target = stack.pop()
        for child in source.contents:
            if isinstance(child, Tag):
                names = class_names(child.get("class"), child.get("id"))
                if child.name in skip_tags or (names and skip_named is not None and skip_named(names)):
                    continue
                element = Element(child.name, names, target, child.attrs)
                target.children.append(element)
                stack.append((child, element))
            else:
                kind = _kind(child)
                if kind != COMMENT or comments:
                    target.children.append(Text(str(child), kind, target))
    return root


def parse(markup: str, parser: str = "lxml", skip_tags=frozenset(), skip_named=None,
          comments: bool = True) -> Element:
    """The tree of a page: parsed by lxml when ``parser`` is "lxml", else by BeautifulSoup with
    that parser. Should lxml reject the text, bs4's own fallbacks decide (through bs4).
    Elements named in ``skip_tags`` or whose class and id words ``skip_named(names)`` accepts
    are left out with what they hold, and comments unless ``comments``: the tree is what
    decomposing them (extracting the comments) would leave, without building them first.

    >>> page = '<div><nav><p>a</p></nav><p class="ad">b</p><p>c</p></div>'
    >>> [t.name for t in parse(page, skip_tags={"nav"}, skip_named=lambda names: names == "ad ").tags()]
    ['html', 'body', 'div', 'p']
    """
    if parser == "lxml":
        try:
            return _from_lxml(markup, skip_tags, skip_named, comments)
        except Exception:  # noqa: BLE001 - bs4 retries such markup in other forms; let it
            pass
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return from_soup(BeautifulSoup(markup, parser), skip_tags, skip_named, comments)
