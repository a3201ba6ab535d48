"""strip: remove web boilerplate lines (page chrome) from text.

The rules are data: :data:`RULES` maps a rule name to a pattern that a whole line must
match. ``explain_lines`` gives, for every line, whether it was kept and which rule decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .options import Option

OPTIONS: tuple[Option, ...] = ()

KEEP = "kept"
REMOVE = "removed"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    why: str


def _rule(name: str, pattern: str, why: str) -> Rule:
    return Rule(name, re.compile(pattern), why)


# Patterns are matched against the line with its outer white space removed.
RULES: tuple[Rule, ...] = (
    _rule(
        "breadcrumb",
        r"^(?:(?:您的|你的|当前)?位置\s*[:：]\s*)?(?:首\s*页|主页|网站首页)\s*(?:>|>>|»|›|/|→|＞)+.*$"
        r"|^(?:您的|你的)?当前位置\s*[:：].*$|^您的位置\s*[:：].*$",
        "breadcrumb trail (首页 > ...)",
    ),
    _rule(
        "source-date",
        r"^.{0,12}(?:来源|發布時間|发布时间|发布日期|发稿时间|更新时间|时间)\s*[:：].{0,80}$",
        "source / publish-time line",
    ),
    _rule(
        "copyright",
        r"^.{0,30}(?:版权所有|Copyright|©|\(c\)\s*\d{4}|版權所有).{0,120}$",
        "copyright footer",
    ),
    _rule(
        "icp",
        r"^.{0,60}(?:ICP\s*[备證证]|ICP备|公网安备|京公网安备|备案号|备案序号).{0,120}$",
        "ICP / public-security registration footer",
    ),
)


def match_key(line: str) -> str:
    """The form of a line the rules see: Simplified script without pinyin annotations, so one
    rule covers both scripts and mirror pages (strip runs before unannotate and convert).

    >>> match_key("來(lái)源：本站")
    '来源：本站'
    """
    from .convert import convert
    from .normalize import remove_invisible
    from .unannotate import unannotate

    return convert(unannotate(remove_invisible(line)), config="t2s").strip()


SENTENCE_END = re.compile(r"[。！？!?…][”」』）)]?$")


def looks_like_prose(line: str) -> bool:
    """A long line that ends a sentence is body text, whatever words it contains.

    >>> looks_like_prose("这篇文章讨论了版权所有者的权利，以及转载时如何注明来源，这些问题越来越受到关注。")
    True
    """
    return len(line) >= 30 and bool(SENTENCE_END.search(line))


def decide(line: str) -> tuple[str, str]:
    """(decision, rule) for one line taken on its own.

    >>> decide("首页 > 新闻中心 > 正文")
    ('removed', 'breadcrumb')
    >>> decide("今天天气很好。")
    ('kept', '')
    """
    stripped = line.strip()
    if not stripped:
        return KEEP, ""
    key = match_key(stripped)
    if looks_like_prose(key):
        return KEEP, "prose"
    for rule in RULES:
        if rule.pattern.match(key):
            return REMOVE, rule.name
    return KEEP, ""


def explain_lines(text: str) -> list[tuple[str, str, str]]:
    """Every line of ``text`` as (line, decision, rule).

    >>> explain_lines("首页>学习之窗\\n正文")
    [('首页>学习之窗', 'removed', 'breadcrumb'), ('正文', 'kept', '')]
    """
    return [(line, *decide(line)) for line in text.split("\n")]


def strip(text: str) -> str:
    """Remove boilerplate lines: breadcrumbs, source/date lines, copyright and ICP footers.

    >>> strip("首页 > 新闻\\n正文。\\n版权所有 © 2024 某某网")
    '正文。'
    """
    return "\n".join(line for line, decision, _ in explain_lines(text) if decision == KEEP)
