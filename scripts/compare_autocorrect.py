#!/usr/bin/env python3
"""Run 50 sentences through cleantext's normalize and through autocorrect-py, side by side.

    .venv/bin/python scripts/compare_autocorrect.py            # print the markdown table
    .venv/bin/python scripts/compare_autocorrect.py --write    # update docs/autocorrect-comparison.md

autocorrect-py runs in its own venv, benchmarks/.venvs/autocorrect (see the brief's peer-venv
protocol); it is never imported into cleantext's environment. Each sentence comes with the
output that ../shared/eval/CASES.md asks for, so both tools are scored against the same
specification, not against each other.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleantext import normalize  # noqa: E402

PEER = ROOT / "benchmarks" / ".venvs" / "autocorrect" / "bin" / "python"
DOC = ROOT / "docs" / "autocorrect-comparison.md"
BEGIN, END = "<!-- table:begin -->", "<!-- table:end -->"

# (topic, input, what CASES.md asks for)
SENTENCES: list[tuple[str, str, str]] = [
    ("comma/colon", "来源:新华社,记者:王明", "来源：新华社，记者：王明"),
    ("comma/!", "今天天气很好,我们去公园吧!", "今天天气很好，我们去公园吧！"),
    ("?", "你吃饭了吗?还没有。", "你吃饭了吗？还没有。"),
    ("time", "会议时间:10:30,地点:三楼会议室。", "会议时间：10:30，地点：三楼会议室。"),
    ("decimal/%", "今年GDP增长了3.5%,高于预期。", "今年GDP增长了3.5%，高于预期。"),
    ("URL", "请访问https://www.example.com/path?a=1&b=2,获取详情。",
     "请访问https://www.example.com/path?a=1&b=2，获取详情。"),
    ("e-mail", "联系邮箱:service@example.com.cn,欢迎来信。", "联系邮箱：service@example.com.cn，欢迎来信。"),
    ("version", "软件已升级到v2.1.3版本,修复了若干问题。", "软件已升级到v2.1.3版本，修复了若干问题。"),
    ("path", "配置文件位于/etc/nginx/nginx.conf,修改后需重启。", "配置文件位于/etc/nginx/nginx.conf，修改后需重启。"),
    ("thousands", "全文共1,234字,阅读约需5分钟。", "全文共1,234字，阅读约需5分钟。"),
    ("full-width", "ＡＢＣ公司２０２３年营收１２３亿元。", "ABC公司2023年营收123亿元。"),
    ("U+3000", "第１章\u3000总则", "第1章 总则"),
    ("parens", "本报讯(记者 周宁)4月17日晚10时,公交专线开通。", "本报讯（记者 周宁）4月17日晚10时，公交专线开通。"),
    ("parens", "四(2)班的同学参加了比赛。", "四（2）班的同学参加了比赛。"),
    ("code", "调用print(x)函数即可输出结果。", "调用print(x)函数即可输出结果。"),
    ("curly quotes", "他说:“我明天再来。”", "他说：“我明天再来。”"),
    ("corner quotes", "她笑着说：「急什么，好东西都要慢慢等。」", "她笑着说：「急什么，好东西都要慢慢等。」"),
    ("corner quotes", "书名是『红楼梦』，作者曹雪芹。", "书名是『红楼梦』，作者曹雪芹。"),
    ("straight quotes", '"你好",他说。', '"你好"，他说。'),
    ("English", "Hello, world! 这是一个测试。", "Hello, world! 这是一个测试。"),
    ("Latin run", "iPhone 15 Pro的售价为7999元。", "iPhone 15 Pro的售价为7999元。"),
    ("Latin run", "使用Python 3.11编写,运行于Linux系统。", "使用Python 3.11编写，运行于Linux系统。"),
    ("score", "比分为3:2,主队获胜。", "比分为3:2，主队获胜。"),
    ("URL", "下载地址:ftp://files.example.org/pub/data.zip", "下载地址：ftp://files.example.org/pub/data.zip"),
    ("currency", "价格为￥99.00,限时优惠!", "价格为￥99.00，限时优惠！"),
    ("colon/semicolon", "注意:本活动最终解释权归主办方所有;如有疑问,请致电。", "注意：本活动最终解释权归主办方所有；如有疑问，请致电。"),
    ("?!", "什么?!这怎么可能?", "什么？！这怎么可能？"),
    ("semicolon", "第一,加强学习;第二,改进作风。", "第一，加强学习；第二，改进作风。"),
    ("list number", "1.最讲政治,关心“大事”", "1.最讲政治，关心“大事”"),
    ("indentation", "\u3000\u3000这是缩进的段落。", "这是缩进的段落。"),
    ("spaces", "文字之间有  多个   空格。", "文字之间有 多个 空格。"),
    ("invisible", "零宽\u200b字符\u200c在这里\ufeff。", "零宽字符在这里。"),
    ("symbols", "温度达到30℃,湿度80％。", "温度达到30℃，湿度80%。"),
    ("Windows path", "文件在C:\\Users\\admin\\Desktop,请勿删除。", "文件在C:\\Users\\admin\\Desktop，请勿删除。"),
    ("parens/number", "他的电话是(010)12345678。", "他的电话是（010）12345678。"),
    ("date/time", "会议将于2024-05-01 09:00召开。", "会议将于2024-05-01 09:00召开。"),
    ("view count", "阅读次数:1024", "阅读次数：1024"),
    ("parens/Han inside", "这个API(应用程序接口)很好用。", "这个API（应用程序接口）很好用。"),
    ("parens/Latin inside", "详见RFC 2616 (HTTP/1.1)。", "详见RFC 2616（HTTP/1.1）。"),
    ("letters", "如图1所示,A、B两点间的距离为5cm。", "如图1所示，A、B两点间的距离为5cm。"),
    ("parens/decimal", "详情请见第3.2节(第45页)。", "详情请见第3.2节（第45页）。"),
    ("identifier", "欢迎关注微信公众号:cleantext_zh", "欢迎关注微信公众号：cleantext_zh"),
    ("command", "执行命令 pip install -r requirements.txt 即可。", "执行命令 pip install -r requirements.txt 即可。"),
    ("letters", "a、b、c三个选项中,只有一个正确。", "a、b、c三个选项中，只有一个正确。"),
    ("period", "今天是星期一;明天是星期二.", "今天是星期一；明天是星期二."),
    ("ellipsis", "这句话以省略号结尾...", "这句话以省略号结尾..."),
    ("abbreviation", "中国人民银行(PBOC)宣布降息。", "中国人民银行（PBOC）宣布降息。"),
    ("Latin words", "支持HTML、CSS和JavaScript等技术", "支持HTML、CSS和JavaScript等技术"),
    ("byline", "作者:张三(北京大学教授)", "作者：张三（北京大学教授）"),
    ("full-width time", "时间：２０２４年５月１日\u3000上午９：３０", "时间：2024年5月1日 上午9:30"),
]

PEER_PROGRAM = """
import json, sys
import autocorrect_py
for line in sys.stdin:
    print(json.dumps(autocorrect_py.format(json.loads(line)), ensure_ascii=False))
"""


def run_autocorrect(texts: list[str]) -> list[str]:
    if not PEER.exists():
        sys.exit(f"{PEER} is missing: build the autocorrect peer venv first (pip install autocorrect-py)")
    stdin = "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in texts)
    done = subprocess.run([str(PEER), "-c", PEER_PROGRAM], input=stdin.encode(), capture_output=True, check=True)
    return [json.loads(line) for line in done.stdout.decode().splitlines()]


def peer_version() -> str:
    done = subprocess.run([str(PEER), "-m", "pip", "show", "autocorrect-py"], capture_output=True, text=True)
    return next((line.split(":", 1)[1].strip() for line in done.stdout.splitlines() if line.startswith("Version")), "?")


def show(text: str) -> str:
    """A table cell: invisible characters made visible, pipes escaped."""
    visible = text.replace("\u3000", "␣").replace("\u200b", "‹ZWSP›").replace("\u200c", "‹ZWNJ›")
    visible = visible.replace("\ufeff", "‹BOM›").replace("|", "\\|")
    return f"`{visible}`" if visible.strip() else "` `"


def mark(got: str, want: str) -> str:
    return ("✅ " if got == want else "❌ ") + show(got)


def table() -> tuple[str, int, int]:
    ours = [normalize(text).rstrip("\n") for _, text, _ in SENTENCES]
    theirs = run_autocorrect([text for _, text, _ in SENTENCES])
    rows = ["| # | topic | input | CASES.md wants | cleantext normalize | autocorrect-py |",
            "|---|---|---|---|---|---|"]
    ours_right = theirs_right = ours_loose = theirs_loose = 0
    squeeze = lambda s: "".join(s.split())  # noqa: E731  (score.py ignores white space)
    for n, ((topic, text, want), mine, peer) in enumerate(zip(SENTENCES, ours, theirs, strict=True), 1):
        ours_right += mine == want
        theirs_right += peer == want
        ours_loose += squeeze(mine) == squeeze(want)
        theirs_loose += squeeze(peer) == squeeze(want)
        rows.append(f"| {n} | {topic} | {show(text)} | {show(want)} | {mark(mine, want)} | {mark(peer, want)} |")
    total = len(SENTENCES)
    summary = (f"\nSentences giving exactly what CASES.md asks for: cleantext normalize "
               f"**{ours_right}/{total}**, autocorrect-py {peer_version()} **{theirs_right}/{total}**. "
               f"White space aside (as score.py compares): cleantext **{ours_loose}/{total}**, "
               f"autocorrect-py **{theirs_loose}/{total}**.\n")
    return "\n".join(rows) + "\n" + summary, ours_right, theirs_right


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help=f"replace the table in {DOC.relative_to(ROOT)}")
    args = ap.parse_args()
    assert len(SENTENCES) == 50
    text, _, _ = table()
    if not args.write:
        print(text)
        return 0
    doc = DOC.read_text("utf-8")
    start, end = doc.index(BEGIN) + len(BEGIN), doc.index(END)
    DOC.write_text(doc[:start] + "\n" + text + doc[end:], "utf-8")
    print(f"updated {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
