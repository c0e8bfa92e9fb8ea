"""Web-page chrome: navigation, login links, author panels, reply buttons, footers.

Text copied from a forum or news page arrives wrapped in the page around it.
Two general rules find the article, with no knowledge of any one site:

1. Each line is scored on its own: a line is *chrome* when it looks like page
   furniture (a link bar ``a | b | c``, a breadcrumb ``首页 -> 栏目``, a counter
   ``文章: 1219``, a timestamp, "发贴, 来自 http…", a bare URL, ``[博客]``, a
   forum permission line "不能在本论坛…", or a short line made of forum/CMS
   words such as 登录, 返回顶端, printer-friendly, Page generation time).
   A line is *prose* when it is long running Chinese text with punctuation.
2. Only when a text has several chrome lines is it treated as a web page. The
   chrome lines cut it into regions; the article is the region densest in
   prose (plus any other region at least half as dense, for pages that hold
   several parts of one article). Short lines after the last prose line of a
   region (signatures, "join our channel" links) go too.

Every removed line is reported with its line number, so nothing disappears
silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A page needs at least this many chrome lines before anything is cut.
MIN_CHROME_LINES = 3
# Lines longer than this are never chrome because of a word they contain.
_SHORT = 40
_HAN = re.compile(r"[\u3400-\u9fff]")
_PROSE_PUNCT = re.compile(r"[。，,！!？?；;：:、]")

_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_BRACKET_LINK = re.compile(r"^\[[^\[\]]{1,16}\]$")
_BREADCRUMB = re.compile(r"\S\s+(?:->|»|>>|›)\s+\S")
_COUNTER = re.compile(r"^[^\d\s:：]{1,10}\s*[:：]\s*\d[\d/\-:：.,年月日 ]*$")
_TIMESTAMP = re.compile(r"\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}.{0,20}?\d{1,2}:\d{2}")
_POSTED_FROM = re.compile(r"(?:发贴|发帖|發貼|發帖|posted|发表于|發表於).{0,30}?(?:来自|來自|from)?\s*https?://", re.IGNORECASE)
_VIEWS = re.compile(r"\(\s*\d+\s*(?:reads?|views?|次阅读|次閱讀)\s*\)|(?:阅读|閱讀|浏览|瀏覽)(?:次数|數)?\s*[:：]\s*\d+", re.IGNORECASE)
_FORUM_RIGHTS = re.compile(r"(?:不能|可以|无法|無法)在(?:本|这个|這個)(?:论坛|論壇|版块|版塊)")
_DOUBLE_COLON_NAV = re.compile(r"\S\s*::\s*\S")
# Words that only page furniture uses when they make up a short line.
_CHROME_WORDS = re.compile(
    "|".join(
        (
            "登录", "登錄", "注册", "註冊", "退出登录", "返回顶端", "返回顶部", "返回頂端", "回到顶部",
            "回复主题", "回覆主題", "发表新主题", "阅读上一个主题", "阅读下一个主题", "上一主题", "下一主题",
            "上一篇", "下一篇", "论坛首页", "网站首页", "站内短信", "个人设置", "会员资料", "個人資料",
            "显示文章", "论坛转跳", "论坛跳转", "所有的时间均为", "收藏夹", "printer-friendly",
            "based on phpbb", "powered by", "all rights reserved", "page generation time",
            r"queries ex", "gzip compression", "版权所有", "版權所有", "copyright", "分享到",
            "责任编辑", "責任編輯", "相关阅读", "相關閱讀", "热门文章", "扫描二维码", "扫码关注",
            "点击关注", "打印本页", "关闭窗口", "加入时间", "经验值",
        )
    ),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ChromeLine:
    index: int  # position in the list of lines given
    reason: str


def chrome_reason(line: str) -> str | None:
    """Why ``line`` on its own looks like page furniture, or None."""
    text = line.strip()
    if not text:
        return None
    if _URL_ONLY.match(text):
        return "a bare link"
    if text.count("|") >= 2 and not text.startswith("|"):
        parts = [part.strip() for part in text.split("|")]
        if all(len(part) <= 16 for part in parts):
            return "a navigation bar"
    if _POSTED_FROM.search(text):
        return "a post signature"
    if _FORUM_RIGHTS.search(text):
        return "a forum permission line"
    if len(text) > 120:
        return None
    if _VIEWS.search(text):
        return "a view counter"
    if _TIMESTAMP.search(text):
        return "a timestamp"
    if _BRACKET_LINK.match(text):
        return "a link"
    if _COUNTER.match(text):
        return "a profile counter"
    if len(text) <= 80 and (_BREADCRUMB.search(text) or _DOUBLE_COLON_NAV.search(text)):
        return "a breadcrumb or navigation line"
    if len(text) <= _SHORT and _CHROME_WORDS.search(text):
        return "forum or site navigation"
    return None


def is_prose(line: str) -> bool:
    """Long running text: at least 20 Chinese characters and some punctuation."""
    return len(_HAN.findall(line)) >= 20 and _PROSE_PUNCT.search(line) is not None


def find_chrome(lines: list[str]) -> list[ChromeLine]:
    """The lines of a web page that are not the article; empty when ``lines`` is not a web page."""
    reasons = [chrome_reason(line) for line in lines]
    if sum(reason is not None for reason in reasons) < MIN_CHROME_LINES:
        return []
    # Regions between chrome lines, with their weight in prose characters.
    regions: list[tuple[int, int, int]] = []
    start = 0
    for index in range(len(lines) + 1):
        if index == len(lines) or reasons[index] is not None:
            if index > start:
                weight = sum(len(lines[i]) for i in range(start, index) if is_prose(lines[i]))
                regions.append((start, index, weight))
            start = index + 1
    heaviest = max((weight for _, _, weight in regions), default=0)
    keep = [False] * len(lines)
    if heaviest > 0:
        for start, end, weight in regions:
            if weight * 2 < heaviest:
                continue
            last_prose = max(i for i in range(start, end) if is_prose(lines[i]))
            for i in range(start, last_prose + 1):
                keep[i] = True
    removed = []
    for index, line in enumerate(lines):
        if keep[index] or not line.strip():
            continue
        removed.append(ChromeLine(index, reasons[index] or "outside the article body"))
    return removed
