"""Sentence splitting and exact round trips, on hand-picked and on random text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from test_ingest import CLOSERS, check_document
from reader.ingest import ingest_bytes
from reader.ingest.sentences import sentence_spans


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_splits_after_terminators_and_their_closing_quotes():
    assert split("他说:“走吧。”我们就走了。") == ["他说:“走吧。”", "我们就走了。"]
    assert split("真的吗?!是的;好。") == ["真的吗?!", "是的;", "好。"]
    assert split("结束了……(完)") == ["结束了……", "(完)"]
    assert split("问题是什么？」答案。") == ["问题是什么？」", "答案。"]


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


@settings(max_examples=120, deadline=None, database=None)
@given(st.lists(ALPHABET, min_size=1, max_size=120).map("".join))
def test_ingest_round_trip_on_random_text(text):
    try:
        document = ingest_bytes(text.encode("utf-8"), "random.txt")
    except Exception as exc:  # only the documented error is allowed
        from reader.errors import InputError

        assert isinstance(exc, InputError)
        return
    check_document(document)
