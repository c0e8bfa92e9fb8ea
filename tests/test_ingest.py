"""Ingest of the five sample documents: structure counted by hand from the sources."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import TEXTS
from reader.document import Document
from reader.errors import InputError
from reader.ingest import ingest_bytes, ingest_file, load_texts

CLOSERS = set("”’」』）)》〉】〕］]\"'")


def check_document(document: Document) -> None:
    """Exact offsets everywhere; normal-form maps well formed; ids unique."""
    text = document.text
    ids = set()
    for block in document.blocks:
        segments = list(block.all_segments())
        assert segments, f"block {block.index} has no segments"
        assert text[segments[0].start : segments[-1].end] == block.text
        for segment in segments:
            assert text[segment.start : segment.end] == segment.text
            assert "".join(sentence.text for sentence in segment.sentences) == segment.text
            for emphasis in segment.emphasis:
                assert segment.start <= emphasis.start < emphasis.end <= segment.end
            for sentence in segment.sentences:
                assert text[sentence.start : sentence.end] == sentence.text
                assert sentence.text.strip(), "empty sentence"
                if len(segment.sentences) > 1:
                    assert not set(sentence.text.strip()) <= CLOSERS, f"sentence is only closing marks: {sentence.text!r}"
                offsets = sentence.normal_offsets
                assert len(offsets) == len(sentence.normal) + 1
                assert offsets[-1] == len(sentence.text)
                assert all(a <= b for a, b in zip(offsets, offsets[1:]))
                if sentence.normal:
                    assert offsets[0] == 0
                assert sentence.id not in ids
                ids.add(sentence.id)
    assert [block.index for block in document.blocks] == list(range(len(document.blocks)))


DOCS = {
    "01-digital-capital-contradictions": {
        "title": "数字时代的资本矛盾深化(二):运动畸变与生态悖论",
        # 引言, 一、二、三、, 结语 at level 1; two 1./2. under each 一、 at level 2.
        "levels": {1: 5, 2: 6},
        "paragraphs": 11,
        "tables": [],
        "lists": [],
        "script": "simplified",
    },
    "02-hegemony-decline-order-reset": {
        "title": "霸权没落、秩序重置与中美博弈策略对比",
        # 维度一..五 + 全文总结; 一、..五、 and 结语/结论 inside each 维度; 1.-4., 1.-3. and "2. 加速…".
        "levels": {1: 6, 2: 24, 3: 8},
        "tables": [],
        "lists": [4, 3, 3],
        "script": "simplified",
    },
    "03-super-ai-capital-matrix": {
        "title": "超级AI资本矩阵:AI资本主义的现实结构",
        # 一、..七、 + 结语; 2.1-2.3, 3.1-3.3, 4.1-4.3, 5.1-5.3, 6.1-6.2.
        "levels": {1: 8, 2: 14},
        "tables": [(4, 3), (5, 4), (5, 5)],
        "lists": [4, 3, 3, 3, 2, 3, 3, 3, 3, 3, 3, 3, 4],
        "script": "simplified",
    },
    "04-ai-world-great-power-rivalry": {
        "title": "AI世界:大国博弈",
        # 前言 + 第一..六章; 一、 and 结论 per chapter (8, 7, 6, 6, 6, 6); (一)-(三), 维度一-四
        # and the 53 unnumbered sub-headings (SUBHEADINGS_04) at level 3.
        "levels": {1: 7, 2: 39, 3: 7 + 53},
        "tables": [],
        "lists": [],
        "script": "simplified",
    },
    "05-liquidity-crisis-ai-bubble": {
        "title": "當流動性危機遇上AI泡沫:全球資本市場的共振塌陷",
        "levels": {1: 6},
        "paragraphs": 13,
        "tables": [],
        "lists": [],
        "script": "traditional",
    },
}

CHROME_WORDS = [
    "登录", "站内短信", "个人设置", "论坛首页", "回复主题", "printer-friendly", "阅读上一个主题",
    "bystander", "加入时间", "经验值", "文章: 1219", "reads", "发贴", "hjclub", "返回顶端", "会员资料",
    "显示文章", "论坛转跳", "不能在本论坛", "不能在这个论坛", "phpbb", "Page generation", "GZIP",
    "海纳百川", "罕见奇谈", "电报频道", "t.me", "博客", "个人文集",
]


@pytest.fixture(scope="module")
def documents():
    return {document.id: document for document in load_texts(TEXTS)}


def test_load_texts_finds_the_five_documents_in_order(documents):
    assert list(documents) == sorted(DOCS)


@pytest.mark.parametrize("doc_id", sorted(DOCS))
def test_structure_matches_the_source(documents, doc_id):
    document, expected = documents[doc_id], DOCS[doc_id]
    check_document(document)
    assert document.title == expected["title"]
    assert document.script == expected["script"]
    levels = Counter(block.level for block in document.blocks if block.kind == "heading")
    assert dict(levels) == expected["levels"]
    tables = [(len(block.rows), len(block.rows[0])) for block in document.blocks if block.kind == "table"]
    assert tables == expected["tables"]
    for block in document.blocks:
        if block.kind == "table":
            assert all(len(row) == len(block.rows[0]) for row in block.rows)
    lists = [len(block.segments) for block in document.blocks if block.kind == "list"]
    assert lists == expected["lists"]
    if "paragraphs" in expected:
        assert sum(block.kind == "paragraph" for block in document.blocks) == expected["paragraphs"]
    # The title is not repeated as body text.
    assert all(block.text != document.title for block in document.blocks)
    assert "**" not in document.text


def test_forum_page_comes_out_as_the_article_alone(documents):
    document = documents["02-hegemony-decline-order-reset"]
    for sentence in document.sentences():
        for word in CHROME_WORDS:
            assert word not in sentence.text, (word, sentence.text)
    first, last = document.blocks[0], document.blocks[-1]
    assert first.text.startswith("笔者最近发表的两篇评论")
    assert last.text == "这场博弈的结果,将深远地塑造21世纪乃至更久远的人类命运。"
    chrome = [removal for removal in document.removals if removal.kind == "chrome"]
    # Every non-blank line of the page outside the article is listed with its line number.
    lines = (TEXTS / "02-hegemony-decline-order-reset.md").read_text(encoding="utf-8").split("\n")
    for removal in chrome:
        assert lines[removal.line - 1].strip() == removal.text
    removed_lines = {removal.line for removal in chrome}
    body_start = lines.index("---", 1) + 1
    article = range(lines.index("霸权没落、秩序重置与中美博弈策略对比") + 1, lines.index("浏览或加入电报频道"))
    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        if line.strip() and number - 1 not in article and number != lines.index("霸权没落、秩序重置与中美博弈策略对比") + 1:
            assert number in removed_lines, (number, line)
    assert [r.kind for r in document.removals].count("title-line") == 1


def test_original_title_line_is_the_title_and_not_body(documents):
    document = documents["01-digital-capital-contradictions"]
    assert document.removals[0].kind == "title-line"
    assert "原标题" not in document.text
    assert document.blocks[0].kind == "heading" and document.blocks[0].text == "引言:效率幻象下的深层断裂"


def test_stock_codes_are_removed_and_listed(documents):
    document = documents["04-ai-world-great-power-rivalry"]
    assert not re.search(r"[(（]\d{6}[)）]", document.text)
    assert "宁德时代研发" in document.text
    assert "太空太阳能电站" in document.text
    codes = [(removal.text, removal.line) for removal in document.removals if removal.kind == "stock-code"]
    lines = (TEXTS / "04-ai-world-great-power-rivalry.md").read_text(encoding="utf-8").split("\n")
    assert [text for text, _ in codes] == ["(300750)", "(000591)"]
    for text, line in codes:
        assert text in lines[line - 1]
    # Years and ranges in parentheses stay.
    assert "(2024-2026)" in document.text and "(1-3年)" in document.text
    for other in documents.values():
        assert not re.search(r"[(（]\d{6}(?:\.[A-Z]{2})?[)）]", other.text)


def test_bold_becomes_emphasis(documents):
    document = documents["03-super-ai-capital-matrix"]
    spans = [(segment, emphasis) for block in document.blocks for segment in block.all_segments() for emphasis in segment.emphasis]
    assert [document.text[e.start : e.end] for _, e in spans] == ["“资本协调式垄断”"]
    assert spans[0][0].text == "AI产业因此进入“资本协调式垄断”:"


def test_dash_bullets_join_their_item(documents):
    document = documents["03-super-ai-capital-matrix"]
    first = next(block for block in document.blocks if block.kind == "list")
    assert [segment.text for segment in first.segments][0] == "资本金融层:华尔街通过AI ETF、算力债券、基础设施基金控制流动性;"
    assert all(segment.text != "-" for block in document.blocks for segment in block.all_segments())


def test_tables_have_the_right_cells(documents):
    document = documents["03-super-ai-capital-matrix"]
    tables = [block for block in document.blocks if block.kind == "table"]
    assert [cell.text for cell in tables[0].rows[0]] == ["层级", "主体", "职能"]
    assert [cell.text for cell in tables[0].rows[3]] == ["地方层", "各地AI产业基金、园区投资公司", "建设数据中心与GPU供应基地"]
    assert [cell.text for cell in tables[2].rows[4]] == ["核心目的", "控制利润流", "控制主权流", "控制话语流", "控制资源流"]
    assert "|" not in document.text


def test_heading_levels_nest_in_the_report(documents):
    document = documents["04-ai-world-great-power-rivalry"]
    headings = {block.text: block.level for block in document.blocks if block.kind == "heading"}
    assert headings["前言"] == 1
    assert headings["第二章 AI世界的金属竞争"] == 1
    assert headings["三、竞争维度分析"] == 2
    assert headings["维度一:供应链控制战"] == 3
    assert headings["(一)中美全链条战略性竞争"] == 3
    assert headings["结论:超越零和博弈的可能性"] == 2


# Doc 04's unnumbered sub-headings, read off the source: short topic lines with no closing
# punctuation, each followed by its prose, inside the 一、 sections of chapters 2-6.
SUBHEADINGS_04 = """
海上运输通道安全 资源民族主义升级 极地与深海资源争夺 “盟友圈资源池”构建
传统石油竞争升级 电力成为AI时代的“新石油” 美国:技术输出+能源独立 中国:全产业链优势+新型电力系统
欧盟:规则制定者+氢能先锋 AI优化能源系统 能源供给模式重构 新型资源民族主义 能源贫困与AI鸿沟
突破“电力孤岛”困境 主导新兴能源规则 布局终极能源技术
AI经济体的核心资源需求特征 传统货币锚定机制的局限 第一层锚定:清洁电力与碳权绑定
第二层锚定:关键金属储备与供应链控制 第三层锚定:AI算力基础设施的货币化
技术主权:构建自主可控的数字货币基础设施 资源主权:建立闭环的资源-货币循环 治理主权:创新数字货币的治理模式
资源价格波动风险对冲 地缘政治风险防范 技术安全与金融稳定平衡
第一阶段(2024-2026):基础构建期 第二阶段(2027-2030):系统集成期 第三阶段(2031-2035):主权确立期
日美货币协调的深层逻辑 对中国金融稳定的潜在威胁 识别日元资产的脆弱环节 多层次反制策略设计
战略伙伴选择与共同利益基础 以数字人民币为基础的体系架构设计 技术架构与治理模式创新
防御性对冲措施 主动性对冲策略 制度性对冲安排
第一阶段(1-2年):稳固防线,建立核心网络 第二阶段(3-5年):扩展网络,形成替代能力 第三阶段(6-10年):体系成型,重塑规则
美元体系的战略优势与脆弱性 人民币国际化的战略窗口与路径选择 AI基础设施的关键实物资产图谱 中国以实需为导向的AI资源战略
识别与应对“恶意套利波段” 实施“反向波段操作”的机会窗口 多层次金融防御机制 金融与实体的良性循环设计
避免陷入“金融战陷阱” 以AI为纽带重构全球价值链
""".split()


def test_unnumbered_subheadings_are_headings_below_their_section(documents):
    document = documents["04-ai-world-great-power-rivalry"]
    assert len(SUBHEADINGS_04) == 53
    lines = (TEXTS / "04-ai-world-great-power-rivalry.md").read_text(encoding="utf-8").split("\n")
    blocks = document.blocks
    for text in SUBHEADINGS_04:
        assert text in lines  # a whole line of the source
        index = next(i for i, block in enumerate(blocks) if block.text == text)
        assert blocks[index].kind == "heading", text
        parent = next(block for block in reversed(blocks[:index]) if block.kind == "heading" and block.text not in SUBHEADINGS_04)
        assert blocks[index].level == parent.level + 1 == 3, text
        assert blocks[index + 1].kind == "paragraph"
    # The lead-in line of doc 03 ("…金融单位——") stays a paragraph, and so does every other short line.
    matrix = documents["03-super-ai-capital-matrix"]
    assert next(b for b in matrix.blocks if b.text.startswith("算力成为一种可量化的金融单位")).kind == "paragraph"


def test_short_lines_are_only_headings_when_they_stand_alone():
    poem = "一、开篇\n\n床前明月光\n疑是地上霜\n举头望明月\n低头思故乡\n\n作者写下这首诗。\n"
    assert [b.kind for b in ingest_bytes(poem.encode(), "p.txt").blocks] == ["heading"] + ["paragraph"] * 5
    lead_in = "一、开篇\n\n我们需要三样东西:\n资源安全保障\n这是第一样。\n"
    assert [b.kind for b in ingest_bytes(lead_in.encode(), "l.txt").blocks] == ["heading"] + ["paragraph"] * 3
    before_any_heading = "---\ntitle: 题\n---\n开篇的话。\n资源安全保障\n我们需要资源安全保障。\n一、开篇\n正文。\n"
    blocks = ingest_bytes(before_any_heading.encode(), "b.md").blocks
    assert [b.kind for b in blocks] == ["paragraph", "paragraph", "paragraph", "heading", "paragraph"]
    nested = "第一章 总论\n\n一、资源\n\n资源安全保障\n我们需要资源安全保障。\n"
    blocks = ingest_bytes(nested.encode(), "n.txt").blocks
    assert [(b.kind, b.level) for b in blocks] == [("heading", 1), ("heading", 2), ("heading", 3), ("paragraph", 0)]


def test_numbered_paragraphs_are_not_headings(documents):
    document = documents["02-hegemony-decline-order-reset"]
    block = next(block for block in document.blocks if block.text.startswith("1. 引爆“滞胀”危机"))
    assert block.kind == "paragraph"


def test_traditional_normal_form_uses_mainland_vocabulary(documents):
    document = documents["05-liquidity-crisis-ai-bubble"]
    normal = "".join(sentence.normal for sentence in document.sentences())
    for taiwan, mainland in (("演算法", "算法"), ("晶片", "芯片"), ("伺服器", "服务器"), ("美聯儲", "美联储")):
        assert taiwan in document.text
        assert mainland in normal
    sentence = next(s for s in document.sentences() if "伺服器" in s.text)
    a = sentence.normal.index("服务器")
    start, end = sentence.original_span(a, a + 3)
    assert sentence.text[start:end] == "伺服器"


def test_front_matter_fields(documents):
    document = documents["02-hegemony-decline-order-reset"]
    assert document.date == "2025-11-08"
    assert "hjclub" in document.source
    assert document.meta["corpus_file"] == "001_3e4df89d6a5f2c88.txt"
    assert document.lang == "zh-Hans" and documents["05-liquidity-crisis-ai-bubble"].lang == "zh-Hant"


def test_raw_text_files_ingest_like_their_markdown(documents, tmp_path):
    for doc_id, document in documents.items():
        raw = (TEXTS / f"{doc_id}.md").read_text(encoding="utf-8").split("---\n", 2)[2]
        plain = ingest_bytes(raw.encode("utf-8"), f"{doc_id}.txt")
        check_document(plain)
        assert plain.text == document.text
        assert plain.script == document.script


def test_plain_text_title_detection():
    forum = (TEXTS / "02-hegemony-decline-order-reset.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert ingest_bytes(forum.encode(), "a.txt").title == "霸权没落、秩序重置与中美博弈策略对比"
    report = (TEXTS / "04-ai-world-great-power-rivalry.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert ingest_bytes(report.encode(), "b.txt").title == "第一章 AI世界的大国竞争"


def test_markdown_headings_quotes_and_lists():
    source = "# 标题\n\n## 第一节\n\n> 引用的话。\n> 第二行。\n\n* 甲项\n* 乙项\n\n• 丙项\n\n正文。\n"
    document = ingest_bytes(source.encode(), "m.md")
    check_document(document)
    kinds = [(block.kind, block.level, block.text) for block in document.blocks]
    assert document.title == "标题"
    assert kinds == [
        ("heading", 1, "标题"),
        ("heading", 2, "第一节"),
        ("quote", 0, "引用的话。第二行。"),
        ("list", 0, "甲项\n乙项\n丙项"),
        ("paragraph", 0, "正文。"),
    ]


def test_stock_code_forms():
    source = "贵州茅台(600519.SH)和腾讯控股（00700.HK）以及宁德时代（300750）上涨,英伟达(NASDAQ: NVDA)也涨。2024年(2024)的编号(12345)不变,金额(1.2万亿)也不变。\n"
    document = ingest_bytes(source.encode(), "s.txt")
    assert document.text == "贵州茅台和腾讯控股以及宁德时代上涨,英伟达也涨。2024年(2024)的编号(12345)不变,金额(1.2万亿)也不变。"
    assert len([r for r in document.removals if r.kind == "stock-code"]) == 4


def test_crlf_and_cr_line_ends(documents):
    for doc_id, document in documents.items():
        data = (TEXTS / f"{doc_id}.md").read_bytes()
        for ending in (b"\r\n", b"\r"):
            again = ingest_bytes(data.replace(b"\n", ending), f"{doc_id}.md")
            assert again.text == document.text
            assert [r.line for r in again.removals] == [r.line for r in document.removals]


def test_bad_front_matter_names_the_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: 一\nthis is not a field\n---\n正文。\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        ingest_file(path)
    assert caught.value.line == 3 and caught.value.path == str(path)
    path.write_text("---\ntitle: 一\nscript: korean\n---\n正文。\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        ingest_file(path)
    assert caught.value.line == 3


def test_a_few_megabytes_ingest_correctly():
    paragraph = "数字资本的扩张建立在对稀有资源的巨大消耗上(4.5-4.75%),规模达1.2万亿美元。“这是引语。”宁德时代(300750)研发!\n"
    count = 30_000  # about 3.6 MB of UTF-8
    document = ingest_bytes((paragraph * count).encode("utf-8"), "big.txt")
    assert len(document.blocks) == count
    assert sum(1 for _ in document.sentences()) == 3 * count
    assert len([r for r in document.removals if r.kind == "stock-code"]) == count
    check_document(document)


def test_load_texts_errors(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        load_texts(tmp_path / "nowhere")
    with pytest.raises(InputError, match="no texts"):
        load_texts(tmp_path)
    (tmp_path / "README.md").write_text("# 说明\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match="no texts"):
        load_texts(tmp_path)
    (tmp_path / "b.txt").write_text("乙文。\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: 甲\n---\n甲文。\n", encoding="utf-8")
    documents = load_texts(tmp_path)
    assert [(d.id, d.title) for d in documents] == [("a", "甲"), ("b", "b")]
    (tmp_path / "a.txt").write_text("重复。\n", encoding="utf-8")
    with pytest.raises(InputError, match="same name"):
        load_texts(tmp_path)


def test_hard_wrapped_paragraphs_are_joined():
    import textwrap

    lines = (TEXTS / "01-digital-capital-contradictions.md").read_text(encoding="utf-8").split("\n")
    paragraph = max(lines, key=len)
    assert len(paragraph) > 150
    wrapped = "\n".join(textwrap.wrap(paragraph, 30, break_on_hyphens=False))
    source = f"一、运动畸变\n\n{wrapped}\n\n{wrapped}\n\n二、结语\n\n• 要点一\n• 要点二\n"
    document = ingest_bytes(source.encode(), "wrapped.txt")
    check_document(document)
    assert [(block.kind, block.text) for block in document.blocks] == [
        ("heading", "一、运动畸变"),
        ("paragraph", paragraph),
        ("paragraph", paragraph),
        ("heading", "二、结语"),
        ("list", "要点一\n要点二"),
    ]


def test_texts_that_cannot_be_read_stop_the_load_instead_of_vanishing(tmp_path):
    (tmp_path / "a.md").write_text("甲文。\n", encoding="utf-8")
    (tmp_path / "My Notes 笔记.MD").write_text("乙文。\n", encoding="utf-8")
    assert [d.id for d in load_texts(tmp_path)] == ["My Notes 笔记", "a"]  # odd names and .MD are texts too
    broken = tmp_path / "b.md"
    broken.symlink_to(tmp_path / "gone.md")
    with pytest.raises(InputError, match="broken symbolic link") as caught:
        load_texts(tmp_path)
    assert caught.value.path == str(broken)
    broken.unlink()
    (tmp_path / "c.md").mkdir()
    with pytest.raises(InputError, match="not a file") as caught:
        load_texts(tmp_path)
    assert caught.value.path == str(tmp_path / "c.md")
