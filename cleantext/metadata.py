"""The article's metadata: title, author, publish date and source.

Found in the page's markup (``<meta>`` tags, ``<title>``, the headline) and in the metadata
lines that :func:`cleantext.strip.strip` removes (来源：…, 作者：…, 发布时间：…). The text output of
``clean`` never changes; ``cleantext clean --meta`` prints this dict as JSON on standard error.
"""

from __future__ import annotations

import re

from . import lazyre

FIELDS = ("title", "author", "date", "source")

# <meta> names and properties, most specific first.
META_TAGS = {
    "title": ("og:title", "twitter:title", "title", "headline"),
    "author": ("author", "article:author", "dc.creator", "byl"),
    "date": ("article:published_time", "pubdate", "publishdate", "publish_date", "og:release_date",
             "dc.date", "date", "ptime"),
    "source": ("source", "og:site_name", "article:publisher", "mediaid"),
}
DATE = r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
VALUE = r"\s*[:：]\s*([^\s|｜　]{1,40})"
LINE_FIELDS = (
    ("source", lazyre.compile(r"(?:^|[\s|｜　])(?:信息来源|文章来源|稿件来源|新闻来源|本文来源|来源|出处|source)" + VALUE, re.I)),
    ("author", lazyre.compile(r"(?:^|[\s|｜　])(?:作者|发稿作者|文|记者)" + VALUE)),
    ("date", lazyre.compile(r"(" + DATE + r")")),
)


def _from_markup(markup: str) -> dict[str, str]:
    from .extract import parse_page

    found: dict[str, str] = {}
    soup = parse_page(markup)
    tags = {}
    for tag in soup.find_all("meta"):
        name = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        content = (tag.get("content") or "").strip()
        if name and content:
            tags.setdefault(name, content)
    for field, names in META_TAGS.items():
        for name in names:
            if tags.get(name):
                found[field] = tags[name]
                break
    return found


def _from_lines(rows) -> dict[str, str]:
    """Fields read from the metadata lines strip removed, and the title from the first kept line."""
    from .strip import match_key

    found: dict[str, str] = {}
    for line, decision, rule in rows:
        if decision != "removed" or rule not in ("source-date", "timestamp", "weekday-date", "date-label"):
            continue
        key = match_key(line)
        for field, pattern in LINE_FIELDS:
            hit = pattern.search(key)
            if hit and field not in found:
                found[field] = hit.group(1).strip()
    title = next((line.strip() for line, decision, _ in rows if decision == "kept" and line.strip()), "")
    if title and len(title) <= 80:
        found["title"] = title
    return found


def page_metadata(text: str) -> dict[str, str]:
    """Title, author, date and source of a page (HTML or copied text), as far as found.

    >>> page_metadata("首页 > 新闻\\n江城开通夜间公交\\n来源：江城晚报　作者：周宁　发布时间：2024-04-18 09:12\\n正文。")
    {'title': '江城开通夜间公交', 'author': '周宁', 'date': '2024-04-18 09:12', 'source': '江城晚报'}
    """
    from .extract import extract, looks_like_html
    from .strip import explain_lines

    markup = _from_markup(text) if looks_like_html(text) else {}
    # Markup wins for author, date and source; the headline kept by strip wins over <title>,
    # which carries the site's name, unless the page declares og:title.
    merged = {**_from_lines(explain_lines(extract(text))), **markup}
    return {field: merged[field] for field in FIELDS if merged.get(field)}
