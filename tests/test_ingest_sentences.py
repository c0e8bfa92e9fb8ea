"""Sentence splitting and exact round trips, on hand-picked and on random text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from test_ingest import CLOSERS, check_document
from reader.annotate import annotate
from reader.ingest import ingest_bytes, sentence_spans, split_sentences
from reader.ingest.sentences import sentence_spans as private_sentence_spans


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_splits_after_terminators_and_their_closing_quotes():
    assert split("他说:“走吧。”我们就走了。") == ["他说:“走吧。”", "我们就走了。"]
    assert split("真的吗?!是的;好。") == ["真的吗?!", "是的;", "好。"]
    assert split("结束了……(完)") == ["结束了……", "(完)"]
    assert split("问题是什么？」答案。") == ["问题是什么？」", "答案。"]


def test_public_api_cuts_where_ingest_cuts():
    text = "他说:“走吧。”我们就走了。 规模1.2万亿美元?!好"
    assert split_sentences(text) == ["他说:“走吧。”", "我们就走了。 ", "规模1.2万亿美元?!", "好"]
    assert "".join(split_sentences(text)) == text
    assert private_sentence_spans is sentence_spans  # the old import path keeps working
    paragraph = "数字资本。宁德时代研发!“这是引语。”结束"
    document = ingest_bytes(paragraph.encode(), "p.txt")
    assert [s.text for s in document.sentences()] == split_sentences(paragraph)
    assert split_sentences("") == []


def test_never_inside_numbers():
    text = "美联储维持高利率(4.5-4.75%),规模1.2万亿美元。GDP收缩0.7-0.9%。"
    assert split(text) == ["美联储维持高利率(4.5-4.75%),规模1.2万亿美元。", "GDP收缩0.7-0.9%。"]


def test_ascii_marks_inside_latin_do_not_split():
    assert split("见 http://a.cn/?id=3;x=4 页。") == ["见 http://a.cn/?id=3;x=4 页。"]


def test_trailing_closers_join_the_last_sentence():
    assert split("“好。”") == ["“好。”"]
    assert split("好。 ”") == ["好。 ”"]


def test_whitespace_after_a_boundary_stays_with_the_sentence():
    assert split("一。 二。") == ["一。 ", "二。"]


ALPHABET = st.sampled_from(
    list("资本运动数字时代银行美元中国的了是在")
    + list("。！？；…,，:：、“”‘’「」『』（）()《》!?;.-%")
    + list("0123456789 AIxyz")
    + ["\n", "\n\n", "\r\n", " ", "\u3000", "**", "|", "- ", "•", "> ", "一、", "(一)", "1. ", "第一章 ", "宁德时代(300750)"]
    # Hostile and unusual input: markup, template syntax, blank-looking lines, astral characters.
    + ["<script>", "</script>", "{{ x }}", "{%", "&amp;", "\t", " \n", "\u3000\n", "\t\n", "\r", "\u00a0",
       "#", "# ", "## ##", "🚀", "👨\u200d👩\u200d👧", "\U00020000", "\u200b", "\ufeff", "晶片", "软体", "演算法"]
)


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(ALPHABET, min_size=0, max_size=80).map("".join))
def test_sentences_tile_any_text(text):
    spans = sentence_spans(text)
    assert "".join(text[a:b] for a, b in spans) == text
    for a, b in spans:
        piece = text[a:b]
        assert piece
        if piece.strip():
            assert not set(piece.strip()) <= CLOSERS or (a, b) == spans[0]


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(ALPHABET, min_size=1, max_size=120).map("".join))
def test_ingest_round_trip_on_random_text(text):
    try:
        document = ingest_bytes(text.encode("utf-8"), "random.txt")
    except Exception as exc:  # only the documented error is allowed
        from reader.errors import InputError

        assert isinstance(exc, InputError)
        return
    check_document(document)


HOSTILE = {
    "markup": "<script>alert('x')</script>\n{{ title }} 正文{% if x %}。\n<b>粗体</b>的文字。&amp; &lt;\n",
    "blank-line variants": "第一段。\n \t \n\u3000\u3000\n第二段。\r\n\u3000\r\n第三段。\n\u00a0\n第四段。",
    "tabs and fullwidth spaces": "\t一、标题\t\n\u3000\u3000正文开始,\t中间。\u3000结尾！\n",
    "emoji and astral": "🚀火箭😀。𠀀𪚥字！👨\u200d👩\u200d👧家庭。\U0001F1E8\U0001F1F3旗。\n",
    "one very long line": "很长的句子没有标点" * 20_000 + "。",
    "many short sentences on one line": "短句。" * 20_000,
    "empty markdown headings": "# \n## ##\n正文。\n",
}


def test_hostile_input_keeps_every_invariant():
    for name, text in HOSTILE.items():
        document = ingest_bytes(text.encode("utf-8"), f"{name}.txt")
        check_document(document)
        assert "#" not in document.title and "#" not in document.text, name
        words = annotate(document)
        for sentence in document.sentences():
            assert "".join(word.text for word in words[sentence.id]) == sentence.text, name
    blank = ingest_bytes(HOSTILE["blank-line variants"].encode(), "b.txt")
    assert [block.text for block in blank.blocks] == ["第一段。", "第二段。", "第三段。", "第四段。"]
    markup = ingest_bytes(HOSTILE["markup"].encode(), "m.txt")
    assert "<script>alert('x')</script>" in markup.text  # text stays text; the renderers escape it
    emoji = ingest_bytes(HOSTILE["emoji and astral"].encode(), "e.txt")
    assert [s.text for s in emoji.sentences()] == ["🚀火箭😀。", "𠀀𪚥字！", "👨\u200d👩\u200d👧家庭。", "\U0001F1E8\U0001F1F3旗。"]
    long_line = ingest_bytes(HOSTILE["many short sentences on one line"].encode(), "l.txt")
    assert sum(1 for _ in long_line.sentences()) == 20_000
