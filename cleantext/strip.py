"""strip: remove web boilerplate lines (page chrome) from text.

Two things decide, and ``explain_lines`` reports which one did for every line:

1. :data:`RULES`, one table of named rules. Each is a pattern or a small predicate over the
   Simplified, unannotated form of a line, with a *kind* (``nav`` menus and breadcrumbs, ``meta``
   source/time/counter lines, ``footer`` copyright, widgets and disclaimers, ``list`` headers of
   related-article lists, ``soft`` image names and decoration) and a scope.
2. The structure of the page. Lines of prose (long, with Chinese clause punctuation) are the
   *body*, one contiguous region. Chrome gathers at the head and the tail: everything above the
   last navigation line of the head goes (``head``), and everything from the first chrome line
   below the body on goes (``tail``). Inside the body a line of prose is always kept, so articles
   that talk about 版权, 来源 or 阅读量 survive; some rules (``edge`` rules) act only outside it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from . import boilerplate as words
from . import lazyre
from .convert import convert
from .normalize import join_hard_wraps, remove_invisible
from .options import Option
from .screen import Screen, Screened
from .unannotate import unannotate

OPTIONS: tuple[Option, ...] = (
    Option("corpus", "A folder of documents from the same site: lines that recur in many of them are chrome.",
           kind="dir"),
    Option("min_docs", "With --corpus: a line found in this many documents is chrome "
           "(default: half of them, at least 3).", kind="int"),
)

KEEP = "kept"
REMOVE = "removed"

HAN_CHAR = lazyre.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HAN_RUN = lazyre.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
CLAUSE_PUNCT = lazyre.compile(r"[，。；！？、]")
SENTENCE_PUNCT = lazyre.compile(r"[。！？!?]")
QUOTED = lazyre.compile(r"“[^”]*”|「[^」]*」|『[^』]*』|‘[^’]*’|\"[^\"]*\"")
TOKEN_SPLIT = lazyre.compile(r"[\s|｜•·‧/／【】\[\]]+")
# Item separators of a one-line menu: |, bullets, two or more spaces, an ideographic space, " - ".
# Image placeholders of text dumps ([news_8.gif]) separate menu items too.
ITEM_SPLIT = lazyre.compile(r"\s*[|｜•·‧]\s*|\s{2,}|\u3000+|\s+[-/»]\s*|\s*\[[^\]]{1,40}\.(?:gif|jpe?g|png)\]\s*", re.I)
CRUMB_SPLIT = lazyre.compile(r"\s*(?:>>|>|»|›|→|＞|-&gt;)\s*")
LATIN_LETTER = lazyre.compile(r"[A-Za-z]")
LATIN_WORD = lazyre.compile(r"[A-Za-z][A-Za-z'’.-]*")


def item_size(item: str) -> int:
    """How long a menu item reads: a Latin word counts as one character does.

    >>> item_size("联系我们"), item_size("Chinesische Schule")
    (4, 3)
    """
    return len(LATIN_WORD.sub("a", item)) if LATIN_LETTER.search(item) else len(item)


class _computed_once:  # noqa: N801 - used as a decorator, like functools.cached_property
    """functools.cached_property without the lock Python 3.11 takes at every first use (a few
    line features are computed once for each of thousands of lines)."""

    def __init__(self, function: Callable) -> None:
        self.function, self.name = function, function.__name__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


@dataclass
class Line:
    """A line and the features the rules look at."""

    raw: str
    key: str  # Simplified, without annotations and outer white space
    compact: str = field(init=False)  # key without any white space
    han: int = field(init=False)
    strong: bool = field(init=False)  # prose: long enough and punctuated like a sentence
    sentence: bool = field(init=False)  # contains a sentence end

    def __post_init__(self) -> None:
        # str.split() splits at what \s matches (str.isspace), faster than re.sub(r"\s+", "", key);
        # counting Han characters by runs makes one string per run, not one per character.
        self.compact = "".join(self.key.split())
        self.han = sum(map(len, HAN_RUN.findall(self.key)))
        self.sentence = bool(SENTENCE_PUNCT.search(self.key))
        self.strong = self.han >= 15 and (self.sentence or len(CLAUSE_PUNCT.findall(self.key)) >= 2)

    # Several rules look at these; each is worked out once per line.
    @_computed_once
    def unquoted(self) -> str:
        return QUOTED.sub("", self.key)

    @_computed_once
    def tokens(self) -> list[str]:
        return [t for t in TOKEN_SPLIT.split(self.key) if t]

    @_computed_once
    def items(self) -> list[str]:
        return [t.strip() for t in ITEM_SPLIT.split(self.key) if t.strip()]


class Rule(NamedTuple):
    """A named test for one kind of chrome line.

    ``kind`` says what the line is (nav, meta, footer, list, soft); ``edge`` rules act only
    outside the body; ``beats_prose`` rules remove even a prose-like line outside the body.
    """

    name: str
    test: Callable[[Line], bool]
    why: str
    kind: str
    edge: bool = False
    beats_prose: bool = False


@dataclass(frozen=True)
class PatternTest:
    """A rule's test by one regular expression, searched in one form of the line (``on``: key,
    unquoted or compact), and only in lines of at most ``max_len`` characters when given.

    >>> PatternTest(r"^来源", max_len=10)(Line("", "来源：本站"))
    True
    """

    regex: str
    on: str = "key"
    flags: int = 0
    max_len: int | None = None
    # Searched first: most lines hold none of the strings a match needs (see cleantext.screen).
    screen: Screen = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "screen", Screen(self.regex, self.flags))

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return lazyre.compile(self.regex, self.flags)

    def __call__(self, line: Line) -> bool:
        if self.max_len is not None and len(line.compact) > self.max_len:
            return False
        text = getattr(line, self.on)
        screen = self.screen.test
        if screen is not None and not screen(text):
            return False
        return bool(self.compiled.search(text))


def _pattern(regex: str, on: str = "key", flags: int = 0, max_len: int | None = None) -> Callable[[Line], bool]:
    return PatternTest(regex, on, flags, max_len)


def _alternation(labels) -> str:
    return "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))


LABEL_OPEN = r"^[\[【（(〔]?\s*"
COLON = r"\s*[:：]"
META_LABEL = lazyre.compile(LABEL_OPEN + rf"(?:{_alternation(words.META_LABELS)}){COLON}")
ANY_LABEL = Screened(rf"(?:^|(?<=[\s|｜,，;；]))(?:{_alternation((*words.META_LABELS, *words.EDITOR_LABELS, '作者', '时间', '日期'))}){COLON}")
TABLE_LABEL = lazyre.compile(rf"(?:{_alternation((*words.META_LABELS, '标题', '名称'))}){COLON}")
FOOTER_LABEL = lazyre.compile(rf"(?:{_alternation(words.FOOTER_LABELS)}){COLON}")
DATE = r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
CLOCK = r"\d{1,2}\s*[:：时]\s*\d{2}"
COUNTER = lazyre.compile(
    rf"(?:{_alternation(words.COUNTER_WORDS)})\s*[:：]?\s*[(（]?\s*\d[\d,.]*\s*[万千kKwW]?\s*[)）]?\s*(?:次|人|条)?"
    r"|\d[\d,.]*\s*[万千]?\s*(?:人参与|条评论|次阅读|次浏览|人阅读|人看过|次播放|Comments?)"
    r"|已有\s*\d+\s*条评论|共\s*\d+\s*人参与"
)


def is_menu(line: Line) -> bool:
    """Several short items, mostly navigation words (首页 | 新闻 | 联系我们).

    >>> is_menu(Line("", "首页 | 唐诗 | 宋词 | 元曲"))
    True
    >>> is_menu(Line("", "提质量 强队伍 促发展"))
    False
    >>> is_menu(Line("", "Home | News | Events | Chinesische Schule | About us | Kontakt"))
    True
    """
    items = line.items
    if len(items) < 2 or any(item_size(t) > 12 for t in items):
        return False
    known = sum(t in words.NAV_WORDS for t in items)
    return (known >= 1 and len(items) >= 3) or known * 5 >= len(items) * 3


def _poem_like(items: list[str]) -> bool:
    lengths = {len(HAN_CHAR.findall(t)) for t in items}
    return len(lengths) == 1 and lengths.pop() in (4, 5, 7)


def is_short_items(line: Line) -> bool:
    """Four or more short items in a row, a menu of any words (not a poem with spaces).

    >>> is_short_items(Line("", "新闻  财经  科技  体育  娱乐"))
    True
    >>> is_short_items(Line("", "春眠不觉晓　处处闻啼鸟　夜来风雨声　花落知多少"))
    False
    """
    items = line.items
    return (
        len(items) >= 4 and all(len(t) <= 8 for t in items) and not _poem_like(items)
        and "\t" not in line.key and not line.sentence
    )


def is_breadcrumb(line: Line) -> bool:
    """A trail of short sections joined by > (首页 > 新闻 > 正文).

    >>> is_breadcrumb(Line("", "启明新闻 > 社会新闻 > 正文"))
    True
    >>> is_breadcrumb(Line("", "收入 > 支出"))
    False
    """
    parts = CRUMB_SPLIT.split(line.key)
    if len(parts) < 2 or any(not p or len(p) > 20 or "=" in p for p in parts) or line.sentence:
        return False
    if not all(HAN_CHAR.search(p) or LATIN_LETTER.search(p) for p in parts):
        return False
    ends = parts[-1] in ("正文", "详情", "内容", "详细内容", "正文内容", "列表", "文章", "展览详情")
    return len(parts) >= 3 or ends or parts[0] in words.NAV_WORDS


IMAGE_TOKEN = lazyre.compile(r"^[^\s]{1,60}\.(?:gif|jpe?g|png|bmp)$", re.I)


def all_tokens_in(vocabulary: frozenset[str]) -> Callable[[Line], bool]:
    """Every token of the line is in ``vocabulary``; image placeholders of a text dump
    ([printer.gif] 打印本文) do not count.

    >>> all_tokens_in(words.WIDGET_WORDS)(Line("", "[printer2.gif] 打印本文"))
    True
    """

    def test(line: Line) -> bool:
        tokens = [t for t in line.tokens if not IMAGE_TOKEN.match(t)]
        return bool(tokens) and (all(t in vocabulary for t in tokens) or line.compact in vocabulary)

    return test


DIGIT = lazyre.compile(r"\d")  # every branch of COUNTER needs one: a cheap test first
DATE_RE = lazyre.compile(DATE)


def is_counter_line(line: Line) -> bool:
    """Only counters: 跟贴 1,208 参与 3.5万 / 已读(186) 未读(42) 回执.

    >>> is_counter_line(Line("", "跟贴 1,208  参与 3.5万"))
    True
    """
    if line.strong or not DIGIT.search(line.key) or not COUNTER.search(line.key):
        return False
    rest = [t for t in TOKEN_SPLIT.split(DATE_RE.sub(" ", COUNTER.sub(" ", line.key))) if t.strip("，,:：")]
    return all(t in words.WIDGET_WORDS for t in rest)


def is_meta_line(line: Line) -> bool:
    """A source / time / counter line: starts with a meta label, or holds two labels, or a label
    and a date.

    >>> is_meta_line(Line("", "来源：江城晚报"))
    True
    >>> is_meta_line(Line("", "作者：周启明（北江大学法学院副教授）"))
    False
    >>> is_meta_line(Line("", "来源：机械工程学院　作者：王丽　发布时间：2024-06-20"))
    True
    """
    if ":" not in line.key and "：" not in line.key:
        return False  # every label pattern ends with a colon
    if META_LABEL.search(line.key) or META_LABEL.search(line.compact):
        return True
    if "\t" in line.raw and TABLE_LABEL.search(line.compact):
        return True  # a row of the 索引号 / 发文机关 / 标题 metadata table of a government page
    labels = ANY_LABEL.findall(line.key)
    return len(labels) >= 2 or (len(labels) == 1 and bool(DATE_RE.search(line.key)) and line.han < 30)


COLON_CHAR = lazyre.compile(r"[:：]")
COLON_THEN_TEXT = lazyre.compile(r"[:：].+")
LEADING_DECORATION = lazyre.compile(r"^[^\w\u4e00-\u9fff]+")


def is_list_header(line: Line) -> bool:
    """相关阅读 / 热门推荐 / 延伸阅读：... with optional decoration.

    >>> is_list_header(Line("", "▍延伸阅读：短视频“二创”的边界在哪里"))
    True
    """
    head = COLON_CHAR.split(LEADING_DECORATION.sub("", line.compact), maxsplit=1)[0]
    return head.rstrip(">》»") in words.LIST_HEADERS


def opens_list(line: Line) -> bool:
    """A list header with nothing after it: the lines that follow are its items."""
    return is_list_header(line) and not COLON_THEN_TEXT.search(line.compact)


WORD_CHAR = lazyre.compile(r"[\w\u4e00-\u9fff]")
RULE_MARK = lazyre.compile(r"[-=*#_~─━═+<>:]")


def is_decoration(line: Line) -> bool:
    """Rules of ===, ---, ***, box drawing, possibly around a short label.

    >>> is_decoration(Line("", "------章节内容开始-------"))
    True
    >>> is_decoration(Line("", "——对加强机关党的建设工作的几点思考"))
    False
    """
    if not WORD_CHAR.search(line.key):
        return bool(line.key)
    marks = len(RULE_MARK.findall(line.key))
    return marks >= 6 and len(line.compact) - marks <= 10


SITE_NAME_END = lazyre.compile(r"(网|网站|日报|晚报|时报|新闻)$")


def is_site_banner(line: Line) -> bool:
    """A site name followed by a section or slogan (秋水文学网　散文精选　第三十二期).

    >>> is_site_banner(Line("", "政府新闻网　　新闻公报"))
    True
    """
    items = line.items
    return (
        len(items) >= 2 and len(line.compact) <= 24 and not line.sentence
        and bool(SITE_NAME_END.search(items[0]))
    )


def has_two_footer_labels(line: Line) -> bool:
    """Contact block of a footer: 地址：… 邮编：… 电话：….

    >>> has_two_footer_labels(Line("", "地址：青石县人民路88号　邮编：435000"))
    True
    """
    return len(FOOTER_LABEL.findall(line.key)) >= 2


DISCLAIMER = (
    r"不代表.{0,16}(?:观点|立场)|不表明.{0,12}立场|仅代表.{0,6}个人观点|如有侵权|若有侵权|侵删|如涉及版权"
    r"|转载请|转载须|请勿转载|禁止转载|不得转载|谢绝转载|欢迎转载|转载时请"
    r"|未经.{0,10}(?:授权|许可|同意).{0,12}(?:不得|禁止|严禁|任何)|非经授权"
    r"|仅供.{0,8}(?:试阅|学习|交流|研究|参考).{0,30}删除|(?:来源于|来自)(?:网友|网络)(?:上传|投稿|整理)?"
    r"|^(?:版权声明|免责声明|特别声明|郑重声明|法律声明|本站声明|网站声明)\s*[:：]|只代表.{0,8}观点|立场无关"
    r"|^本站(?:内容|所有|信息|文章|资料|部分)"
)

LOCATION_LABEL = lazyre.compile(r"^(?:您的|你的|您现在的|你现在的|您当前的)?(?:当前)?(?:所在)?位置\s*[:：]")

# The rules, tried in order; the first that matches names the decision.
RULES: tuple[Rule, ...] = (
    Rule("decoration", is_decoration, "a rule of ---, ===, *** or box drawing", "soft"),
    Rule("breadcrumb",
         lambda ln: bool(LOCATION_LABEL.search(ln.key))
         or is_breadcrumb(ln),
         "breadcrumb trail (您的位置：首页 > ...)", "nav"),
    Rule("menu", is_menu, "navigation menu, login bar or language switch", "nav"),
    Rule("nav-words", all_tokens_in(words.NAV_WORDS), "navigation words only", "nav"),
    Rule("widgets", all_tokens_in(words.WIDGET_WORDS), "buttons: print, close, share, font size, back to top",
         "footer"),
    Rule("copyright", _pattern(r"版权所有(?![者人权])|Copyright|©|\(c\)\s*\d{4}|All Rights Reserved"
                               r"|版权(?:归|属).{0,10}所有|保留所有权利", on="unquoted", flags=re.I),
         "copyright footer", "footer", beats_prose=True),
    Rule("icp", _pattern(r"ICP\s*[备证]|公网安备|公安备案|网安备|网站标识码|备案号|备案序号|许可证|不良信息举报"
                         r"|违法和不良", on="unquoted"),
         "ICP / public-security registration footer", "footer", beats_prose=True),
    Rule("disclaimer", _pattern(DISCLAIMER, on="unquoted"), "site disclaimer or reposting notice", "footer",
         beats_prose=True),
    Rule("operator", _pattern(LABEL_OPEN + rf"(?:{_alternation(words.OPERATOR_LABELS)}){COLON}|主办单位[:：]"),
         "主办单位 / 技术支持 footer", "footer"),
    Rule("contact", has_two_footer_labels, "address / phone / postcode footer", "footer"),
    Rule("editor", _pattern(LABEL_OPEN + rf"(?:{_alternation(words.EDITOR_LABELS)}){COLON}"),
         "editor line (责任编辑)", "meta"),
    Rule("source-date", is_meta_line, "source / publish-time / view-count line", "meta"),
    Rule("timestamp", _pattern(rf"{DATE}\s*[\sT]\s*{CLOCK}|^{DATE}\s*[(（]?\s*(?:星期|周)[一二三四五六日天]",
                               max_len=60),
         "publish date and time", "meta"),
    Rule("clock", _pattern(rf"^\S{{0,4}}时间\s*{CLOCK}分?$"), "publish time", "meta"),
    Rule("weekday-date", _pattern(rf"{DATE}\s*[(（]?\s*(?:星期|周)[一二三四五六日天][)）]?", max_len=40),
         "page date with weekday", "meta"),
    Rule("font-size", _pattern(r"^(?:字号|字体|字级|字体大小|字级设定|文字大小|字体设置)", max_len=30),
         "font-size switch (字号 大 中 小)", "meta"),
    Rule("share", _pattern(r"^(?:分享到|分享|转发到|一键分享|share this|share)\b|^(?:分享到|分享)", flags=re.I,
                           max_len=50),
         "share bar", "meta"),
    Rule("counters", is_counter_line, "view, comment and like counters", "meta"),
    Rule("prev-next", _pattern(r"^(?:<<|«)?\s*(?:上一篇|下一篇|上一条|下一条|上一页|下一页|前一篇|后一篇|上篇|下篇"
                               r"|上一章|下一章|上一则|下一则|上一个|下一个|Previous|Next)(?:文章|新闻|信息)?(?:\s|[:：]|$)",
                               flags=re.I),
         "上一篇 / 下一篇 links", "footer"),
    Rule("list-header", is_list_header, "related-article, hot-list or comment section header", "list"),
    Rule("image-name", _pattern(r"^\[?[^\s\[\]]{0,60}\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?)\]?$|^\[(?:IMG|image|图片)\]$",
                                on="compact", flags=re.I),
         "image file name", "soft"),
    Rule("markup-residue", _pattern(r"^(?:\[[^\]]{0,40}\]\s*(?:[-|]\s*)?)+$|^(?:IFRAME|EMBED|FRAME)\s*:", on="key",
                                         flags=re.I),
         "image, button or frame placeholder of a text dump ([logo.gif], [BUTTON])", "soft"),
    Rule("bullet-link", _pattern(r"^[*+o#]\s+\S.{0,28}$"), "link of a bulleted menu in a text dump (* 首页)", "nav",
         edge=True),
    Rule("attachment", _pattern(r"\.(?:docx?|xlsx?|pdf|pptx?|zip|rar|7z|wps|et|ofd)(?:\W.{0,30})?$", flags=re.I,
                                max_len=80),
         "download file name", "footer"),
    Rule("app-prompt", _pattern(r"扫一扫|扫码|扫描二维码|二维码|长按识别|关注.{0,12}(?:公众号|微信|微博|我们|官方)"
                                r"|(?:下载|打开|安装).{0,12}(?:APP|客户端)|客户端|加入.{0,16}(?:好友|会员)"
                                r"|手机(?:阅读|访问|浏览)|收藏本站|设为首页|加入收藏|不漏接|随时睇"
                                r"|查看更多|更多精彩|点击(?:进入|查看|阅读|这里|此处|抢购)|阅读原文|展开全文|立即(?:购买|抢购)",
                                flags=re.I, max_len=40),
         "QR code, app or follow-us prompt", "footer", beats_prose=True),
    Rule("ad", _pattern(r"^[【\[（(]\s*(?:广告|推广|赞助|AD)\s*[】\]）)]|^(?:广告|Advertisement|推广)$|^广告\s*[:：|]"),
         "advertisement",
         "footer"),
    Rule("comments", _pattern(r"文明上网|理性发言|评论服务协议|登录后.{0,4}评论|请先登录|Leave a Reply"
                              r"|email address will not be published|Required fields are marked|^Like this"
                              r"|Loading\.\.\.$|没有任何评论|暂无评论|发表评论|我要评论", flags=re.I, max_len=60),
         "comment box", "footer", beats_prose=True),
    Rule("posted-on", _pattern(r"^(?:Posted on|Posted by|Published on|Filed under|Category:|Tags:)", flags=re.I),
         "blog post metadata", "meta"),
    Rule("resolution", _pattern(r"分辨率|解析度|浏览器.{0,10}(?:浏览|访问)|无障碍检测|建议使用.{0,10}(?:IE|浏览器|Chrome)"
                                r"|您是本(?:站|文|页|帖)的?第\s*\d*|位访问者|个(?:阅览|访问|浏览)者|访问人次", max_len=45),
         "browser advice or visitor counter footer", "footer", beats_prose=True),
    Rule("pager", _pattern(r"^\d\s*\d[\d\s]*(?:下一页|尾页|末页|>>|›|»)?\s*$|^(?:首页|上一页)\s*(?:\d+\s*)+"
                           r"|^共\s*\d+\s*页|^第\s*\d+\s*页\s*/\s*共\s*\d+\s*页"), "page splitter (1 2 3 下一页)", "footer"),
    Rule("attachment-none", _pattern(r"^附件\s*[:：]\s*[(（]?无[)）]?$"), "empty attachment line", "footer"),
    Rule("url-line", _pattern(r"https?://|www\.|\b[\w-]+\.(?:com|cn|net|org|gov|edu|tw|hk)\b", flags=re.I, max_len=60),
         "a site address on its own", "footer", edge=True),
    Rule("site-banner", is_site_banner, "site name with its section or slogan", "nav", edge=True),
    Rule("short-items", is_short_items, "a row of short items (menu, tags, widget row)", "nav", edge=True),
    Rule("date-label", _pattern(rf"^(?:时间|日期){COLON}\s*{DATE}"), "publish date", "meta", edge=True),
    Rule("call-to-action", _pattern(r"欢迎(?:留言|投稿|来稿|提供线索|爆料|关注|转发)|征集线索|投稿邮箱|爆料热线",
                                    max_len=60),
         "invitation to comment, submit or follow", "footer", edge=True, beats_prose=True),
    Rule("edge-list-header", _pattern(r"^(?:开放时间|参考资料|参考文献)\s*[:：]?"), "sidebar or reference header",
         "list", edge=True),
)

ANCHOR_KINDS = ("nav",)  # head chrome ends at the last of these above the body
SOFT_KIND = "soft"  # removed, but no sign that the page has ended


def match_key(line: str) -> str:
    """The form of a line the rules see: Simplified script without pinyin annotations, so one
    rule covers both scripts and mirror pages (strip runs before unannotate and convert).

    >>> match_key("來(lái)源：本站")
    '来源：本站'
    """
    return convert(unannotate(remove_invisible(line)), config="t2s").strip()


def match_keys(lines: list[str]) -> list[str]:
    """:func:`match_key` of every line (none holding a line break), with one conversion call for
    all of them: removing invisible characters and converting are line-local (no dictionary key
    holds a line break: dictionaries are files of one entry a line), unannotating is not (its
    look-behind would see the end of the line before), so it runs per line.

    >>> match_keys(["來(lái)源：本站", " 網站首頁 "])
    ['来源：本站', '网站首页']
    """
    unannotated = "\n".join(map(unannotate, remove_invisible("\n".join(lines)).split("\n")))
    keys = convert(unannotated, config="t2s").split("\n")
    if len(keys) != len(lines):  # a conversion that made or took a line break: never expected
        return [match_key(line) for line in lines]
    return [key.strip() for key in keys]


# The line ends normalize knows, so that strip sees the lines the rest of the pipeline sees.
LINE_BREAK = lazyre.compile(r"\r\n?|[\n\u2028\u2029\x85\x0b\x0c]")
OTHER_LINE_BREAKS = "\r\u2028\u2029\x85\x0b\x0c"


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` at every line end normalize knows (LINE_BREAK).

    >>> split_lines("a\\r\\nb\\u2028c\\nd")
    ['a', 'b', 'c', 'd']
    """
    # `in` finds a character much faster than a regex can, and most texts only have \n.
    if any(ch in text for ch in OTHER_LINE_BREAKS):
        return LINE_BREAK.split(text)
    return text.split("\n")


SENTENCE_END = lazyre.compile(r"[。！？!?…][”」』）)]?$")


def looks_like_prose(line: str) -> bool:
    """A long line that ends a sentence is body text, whatever words it contains.

    >>> looks_like_prose("这篇文章讨论了版权所有者的权利，以及转载时如何注明来源，这些问题越来越受到关注。")
    True
    """
    return len(line) >= 30 and bool(SENTENCE_END.search(line))


BYLINE = lazyre.compile(r"^[(（]?\s*(?:文|图|文字|撰文|摄影|摄|记者|本报记者|通讯员|作者|编译|口述|整理|翻译)\s*[｜|/／:：\s]")


def is_byline(line: Line) -> bool:
    """The article's own byline (文｜苏晚晴　摄影｜何川), which is content and never a menu.

    >>> is_byline(Line("", "文｜苏晚晴　摄影｜何川"))
    True
    """
    return bool(BYLINE.search(line.key)) and len(line.compact) <= 40


def _max_len(rule: Rule) -> int | None:
    return rule.test.max_len if isinstance(rule.test, PatternTest) else None


# The max_len limits of the rules, in order: a line longer than some of them is not tried on those.
MAX_LENS = sorted({_max_len(rule) for rule in RULES} - {None})


def _rules_for(strong: bool, byline: bool, longer_than: int = 0) -> tuple[Rule, ...]:
    """The rules that may judge a line: not navigation for a byline, and for prose only the
    rules that beat prose and the meta rules; for a line longer than the first ``longer_than``
    limits of MAX_LENS, not the rules limited to those lengths (they never match it)."""
    too_short = set(MAX_LENS[:longer_than])
    return tuple(
        rule for rule in RULES
        if not (byline and rule.kind == "nav") and not (strong and not rule.beats_prose and rule.kind != "meta")
        and _max_len(rule) not in too_short
    )


RULES_FOR = {
    (strong, byline, longer_than): _rules_for(strong, byline, longer_than)
    for strong in (False, True) for byline in (False, True) for longer_than in range(len(MAX_LENS) + 1)
}


def rule_hits(line: Line) -> tuple[Rule | None, Rule | None]:
    """(first rule that matches ``line`` at the edge of a page, first non-edge rule that matches
    it), found in one pass over :data:`RULES`: the edge answer is the body answer unless an edge
    rule matches before it.

    >>> [r and r.name for r in rule_hits(Line("", "www.example.com"))]
    ['url-line', None]
    """
    if not line.key:
        return None, None
    edge_hit = None
    for rule in RULES_FOR[line.strong, is_byline(line), bisect_left(MAX_LENS, len(line.compact))]:
        if rule.edge:
            if edge_hit is None and rule.test(line):
                edge_hit = rule
        elif rule.test(line):
            return edge_hit or rule, rule
    return edge_hit, None


def first_rule(line: Line, edge: bool) -> Rule | None:
    """The first rule of :data:`RULES` that matches ``line`` (edge rules only when ``edge``)."""
    return rule_hits(line)[0 if edge else 1]


def decide(line: str) -> tuple[str, str]:
    """(decision, rule) for one line taken on its own, as if it stood at the edge of a page.

    >>> decide("首页 > 新闻中心 > 正文")
    ('removed', 'breadcrumb')
    >>> decide("今天天气很好。")
    ('kept', '')
    """
    features = Line(line, match_key(line))
    if looks_like_prose(features.key) and not any(
        r.beats_prose and r.test(features) for r in RULES
    ):
        return KEEP, "prose"
    rule = first_rule(features, edge=True)
    return (REMOVE, rule.name) if rule else (KEEP, "")


BULLET = lazyre.compile(r"^[·•‧▸▪◆◇■□●○▶►\-*]\s*|^\d{1,2}[.、\s]\s*")


def _is_list_item(line: Line) -> bool:
    """An entry of a related-article list: a short headline, often after a bullet."""
    if not 0 < len(line.key) <= 40:
        return False
    return bool(BULLET.match(line.key)) or not (line.strong or line.sentence)


# What a chrome line costs a body region, in Han characters of prose (see densest_region): menus,
# footers and list headers much, source/time lines little (they sit between a blog's or a forum's
# posts), image names and the bulleted items of a text dump a little.
# A bare line (words without any punctuation: a headline, a link, an ad) costs least of all: a
# heading inside the article is paid for by its paragraphs, a page of link lines is not.
DIGIT_OR_PUNCT = lazyre.compile(r"[\d，。：:！？、]")
CHROME_COST = {"nav": 10, "footer": 10, "list": 10, "meta": 2, "soft": 1, "bullet": 3, "bare": 1, "other": 10}
PUNCTUATED = lazyre.compile(r"[，。；！？、：,;:!?]")
# A bulleted line this short is an item of a list (a headline with its section), never body prose.
BULLET_ITEM_MAX = 40
# A bulleted item: of a text dump (lynx marks list levels with * + o # @), or of a related list.
LIST_BULLET = lazyre.compile(r"^\s*(?:[*+o#@]\s+|[·•▪]\s*)\S")


def densest_region(weights: list[int]) -> tuple[int, int]:
    """Bounds (inclusive) of the run of lines with the largest total weight: prose adds, chrome
    costs, so a blurb cut off from the article by a related list or a sidebar falls outside
    (Finn's Body Text Extraction, on lines).

    >>> densest_region([5, -10, -10, 40, 0, 30, -10, -10, -10, 20])
    (3, 5)
    """
    best, best_lo, best_hi = 0, 0, len(weights) - 1
    total, lo = 0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, lo = 0, i
        total += w
        if total > best:
            best, best_lo, best_hi = total, lo, i
    return best_lo, best_hi


class _Page:
    """The lines of one text with their rule matches and the body region."""

    def __init__(self, text: str) -> None:
        self.raw = split_lines(text)
        # A line that recurs (blank lines, a site's chrome) is one Line: its features are the same.
        made: dict[tuple[str, str], Line] = {}
        self.lines = [made.get(pair) or made.setdefault(pair, Line(*pair))
                      for pair in zip(self.raw, match_keys(self.raw), strict=True)]
        # A line's hits depend on its key and on whether it holds a tab (see is_meta_line): a line
        # that recurs (a site's chrome) is judged once.
        known: dict[tuple[str, bool], tuple[Rule | None, Rule | None]] = {}
        hits = []
        for ln in self.lines:
            signature = (ln.key, "\t" in ln.raw)
            found = known.get(signature)
            if found is None:
                found = known[signature] = rule_hits(ln)
            hits.append(found)
        self.edge_hits = [edge for edge, _ in hits]
        self.body_hits = [body for _, body in hits]
        anchors = [
            i for i, ln in enumerate(self.lines)
            if ln.strong and not (self.edge_hits[i] and self.edge_hits[i].beats_prose)
            and not (self.edge_hits[i] and self.edge_hits[i].kind != "meta" and not looks_like_prose(ln.key))
            and not (LIST_BULLET.match(ln.raw) and len(ln.compact) <= BULLET_ITEM_MAX)
        ]
        self.start = anchors[0] if anchors else 0
        self.end = anchors[-1] if anchors else len(self.lines) - 1
        self.has_body = bool(anchors)
        anchor_set = set(anchors)
        self.weights = [self._weight(i, i in anchor_set) for i in range(len(self.lines))]
        if anchors:
            lo, hi = densest_region(self.weights)
            inside = [i for i in anchors if lo <= i <= hi]
            if inside:
                self.start, self.end = inside[0], inside[-1]
        # Prose outside the body region (a sidebar's blurb, a teaser under the related list)
        # does not stop the head from being cut.
        self.outside = anchor_set - set(range(self.start, self.end + 1))
        # reach[i] (for i above the body): the Han characters of the text lines from line i down to
        # the body, less what the chrome lines between them cost. Text that chrome outweighs (a
        # sidebar blurb) is not part of the article; a poem above a widget row is.
        self.reach = [0] * len(self.lines)
        total = 0
        for i in range(self.start - 1, -1, -1):
            total += self.lines[i].han if self._reads_like_text(i) else min(0, self.weights[i])
            self.reach[i] = total

    def _weight(self, i: int, anchor: bool) -> int:
        """What line ``i`` adds to a body region: its Han characters when it is prose, a cost
        when a rule takes it for chrome (see :data:`CHROME_COST`), nothing otherwise."""
        ln = self.lines[i]
        if anchor:
            return ln.han
        cost = CHROME_COST["bullet"] if LIST_BULLET.match(ln.raw) else 0
        if ln.han and not PUNCTUATED.search(ln.key):
            cost = max(cost, CHROME_COST["bare"])  # a headline or link without a sentence around it
        hit = self.edge_hits[i]
        if hit is not None:
            cost = max(cost, CHROME_COST.get(hit.kind, CHROME_COST["other"]))
        return -cost

    def _reads_like_text(self, i: int) -> bool:
        ln = self.lines[i]
        return self.edge_hits[i] is None and (ln.sentence or ln.strong or ln.han >= 30)

    def _blocks(self, i: int) -> bool:
        """An unmatched line above which head chrome cannot reach: it reads like text, and it is
        not cut off from the body by more chrome than there is text (see ``reach``)."""
        return self._reads_like_text(i) and i not in self.outside and self.reach[i] > 0

    def head_cut(self) -> int:
        """Index of the last navigation line of the head with only chrome-like lines above it."""
        cut = -1
        for i in range(self.start):
            if self._blocks(i):
                break
            hit = self.edge_hits[i]
            if hit and hit.kind in ANCHOR_KINDS:
                cut = i
        return cut

    def tail_cut(self) -> int:
        """Index of the first chrome line below the body that is not soft."""
        for i in range(self.end + 1, len(self.lines)):
            hit = self.edge_hits[i]
            if hit and hit.kind != SOFT_KIND:
                return i
        return len(self.lines)

    def short_runs(self, lo: int, hi: int) -> set[int]:
        """Runs of four or more very short lines without punctuation (one-item-per-line menus)."""
        found: set[int] = set()
        run: list[int] = []
        for i in range(lo, hi + 1):
            ln = self.lines[i] if i < hi else None
            if ln is not None and not ln.key:
                continue
            if ln is not None and 0 < ln.han <= 6 and len(ln.compact) <= 8 and not DIGIT_OR_PUNCT.search(ln.key):
                run.append(i)
                continue
            if len(run) >= 4:
                found.update(run)
            run = []
        return found

    def decisions(self) -> list[tuple[str, str]]:
        n = len(self.lines)
        if not self.has_body:
            return self._by_rules(range(n), edge=False, initial=[(KEEP, "")] * n)
        out: list[tuple[str, str]] = [(KEEP, "")] * n
        cut = self.head_cut()
        tail = self.tail_cut()
        for i in range(n):
            ln = self.lines[i]
            if not ln.key:
                continue
            if i <= cut:
                hit = self.edge_hits[i]
                out[i] = (REMOVE, hit.name if hit else "head")
            elif i >= tail:
                hit = self.edge_hits[i]
                out[i] = (REMOVE, hit.name if hit else "tail")
        inside = range(self.start, self.end + 1)
        out = self._by_rules(range(cut + 1, self.start), edge=True, initial=out)
        out = self._by_rules(inside, edge=False, initial=out)
        out = self._by_rules(range(self.end + 1, tail), edge=True, initial=out)
        for i in self.short_runs(self.end + 1, tail):
            if out[i][0] == KEEP:
                out[i] = (REMOVE, "short-run")
        return out

    def _by_rules(self, indexes, edge: bool, initial: list[tuple[str, str]]) -> list[tuple[str, str]]:
        out = list(initial)
        hits = self.edge_hits if edge else self.body_hits
        in_list = False
        for i in indexes:
            ln = self.lines[i]
            if not ln.key:
                if in_list == "items":
                    in_list = False
                continue
            hit = hits[i]
            if in_list and hit is None and _is_list_item(ln):
                out[i] = (REMOVE, "list-item")
                in_list = "items"
                continue
            if ln.strong and self.start <= i <= self.end and self.has_body:
                out[i] = (KEEP, "prose")
                in_list = False
                continue
            if hit:
                out[i] = (REMOVE, hit.name)
                if hit.kind == "list" and opens_list(ln):
                    in_list = "header"
                elif hit.name == "image-name":
                    in_list = False
                continue
            in_list = False
            if ln.strong:
                out[i] = (KEEP, "prose")
        return out


def explain_lines(text: str, corpus: str | None = None, min_docs: int | None = None) -> list[tuple[str, str, str]]:
    """Every line of ``text`` as (line, decision, rule); with ``corpus``, lines that recur in
    that folder's documents are removed by the rule ``repeated``.

    >>> explain_lines("首页>学习之窗\\n正文\\n")  # the newline that ends the text begins no line
    [('首页>学习之窗', 'removed', 'breadcrumb'), ('正文', 'kept', '')]
    """
    # Lines are judged as paragraphs: a hard-wrapped paragraph is joined first, so that its
    # short pieces (a lone 。, a wrapped tail) are not taken for chrome.
    page = _Page(join_hard_wraps(text))
    rows = [(raw, *decision) for raw, decision in zip(page.raw, page.decisions(), strict=True)]
    if len(rows) > 1 and text.endswith("\n") and rows[-1][0] == "":
        rows.pop()
    if corpus:
        from .corpus import line_key, repeated_lines

        repeated = repeated_lines(corpus, min_docs)
        rows = [(raw, REMOVE, "repeated") if d == KEEP and raw.strip() and line_key(raw) in repeated
                else (raw, d, r) for raw, d, r in rows]
    return rows


def strip(text: str, corpus: str | None = None, min_docs: int | None = None) -> str:
    """Remove boilerplate lines: menus, breadcrumbs, source/date lines, share bars, related lists,
    copyright and ICP footers, and (with ``corpus``) lines that recur across a site's documents.

    >>> strip("首页 > 新闻\\n正文。\\n版权所有 © 2024 某某网")
    '正文。'
    """
    rows = explain_lines(text, corpus=corpus, min_docs=min_docs)
    return "\n".join(line for line, decision, _ in rows if decision == KEEP)
