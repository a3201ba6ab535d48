#!/usr/bin/env python3
"""Run a peer main-text extractor on one file and print its text (for score.py --cmd).

    benchmarks/.venvs/trafilatura/bin/python benchmarks/peers/extract_peer.py trafilatura FILE
    benchmarks/.venvs/magic-html/bin/python benchmarks/peers/extract_peer.py magic-html FILE

Each peer runs in its own venv (see the brief's peer-venv protocol). Plain-text inputs are
printed unchanged: the peers only work on HTML. Bytes are decoded the way a careful caller
would (BOM, strict UTF-8, the page's declared charset, else GB18030), then handed over.
"""
from __future__ import annotations

import re
import sys

BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
          "section", "article", "blockquote", "pre", "figcaption", "dd", "dt")


def decode(raw: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec, "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    found = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", raw[:4000])
    codec = found.group(1).decode("ascii").lower() if found else "gb18030"
    if codec in ("gb2312", "gbk", "x-gbk"):
        codec = "gb18030"
    try:
        return raw.decode(codec, "replace")
    except LookupError:
        return raw.decode("gb18030", "replace")


def is_html(text: str) -> bool:
    return bool(re.search(r"<(html|head|body|div|p|table|meta)[\s>]", text, re.I))


def html_text(fragment: str) -> str:
    import lxml.html

    root = lxml.html.fromstring(fragment)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    return "\n".join(line.strip() for line in root.text_content().split("\n") if line.strip())


def run(tool: str, raw: bytes) -> str:
    text = decode(raw)
    if not is_html(text):
        return text
    if tool == "trafilatura":
        import trafilatura

        return trafilatura.extract(raw, include_comments=False, include_tables=True, favor_recall=False) or ""
    if tool == "magic-html":
        from magic_html import GeneralExtractor

        result = GeneralExtractor().extract(text, base_url="")
        return html_text(result.get("html") or "<div></div>")
    raise SystemExit(f"unknown peer {tool}")


if __name__ == "__main__":
    tool, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as handle:
        out = run(tool, handle.read())
    sys.stdout.buffer.write(out.encode("utf-8") + b"\n")
