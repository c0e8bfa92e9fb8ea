"""Words and pinyin: jieba on the normal form, readings from pypinyin and the lexicon."""

from __future__ import annotations

import pytest

from conftest import TEXTS
from reader.annotate import annotate, split_reading
from reader.ingest import ingest_bytes, load_texts


@pytest.fixture(scope="module")
def documents():
    return {document.id: document for document in load_texts(TEXTS)}


def reading(words, text):
    for word in words:
        if word.text == text:
            return " ".join(word.pinyin)
    raise AssertionError(f"{text} is not a word in {[w.text for w in words]}")


def test_words_tile_every_sentence_of_every_document(documents):
    for document in documents.values():
        words = annotate(document)
        assert set(words) == {sentence.id for sentence in document.sentences()}
        for sentence in document.sentences():
            found = words[sentence.id]
            assert "".join(word.text for word in found) == sentence.text
            position = 0
            for word in found:
                assert word.start == position and sentence.text[word.start : word.end] == word.text
                position = word.end
                if word.is_han:
                    assert word.pinyin
                else:
                    assert word.pinyin == ()


def test_phrase_aware_readings():
    document = ingest_bytes("影子银行的重置需要调节银行体系。".encode(), "a.txt")
    words = annotate(document)[next(document.sentences()).id]
    assert reading(words, "银行") == "yín háng"
    assert reading(words, "重置") == "chóng zhì"
    assert reading(words, "调节") == "tiáo jié"
    assert reading(words, "影子") == "yǐng zi"


def test_traditional_words_are_read_as_written(documents):
    document = documents["05-liquidity-crisis-ai-bubble"]
    words = annotate(document)
    sentence = next(s for s in document.sentences() if "AI晶片" in s.text)
    chip = next(word for word in words[sentence.id] if word.text == "晶片")
    assert chip.normal == "芯片" and chip.pinyin == ("jīng", "piàn")


def test_lexicon_words_are_one_token_with_their_reading():
    text = "影子银行体系与AI芯片,超级AI资本矩阵。影子银行。"
    document = ingest_bytes(text.encode(), "a.txt")
    lexicon = {"影子银行": "yǐngzi yínháng", "AI芯片": "AI xīnpiàn", "超级AI资本矩阵": "chāojí AI zīběn jǔzhèn"}
    words = annotate(document, lexicon)[next(document.sentences()).id]
    assert reading(words, "影子银行") == "yǐng zi yín háng"
    assert reading(words, "AI芯片") == "xīn piàn"
    assert reading(words, "超级AI资本矩阵") == "chāo jí zī běn jǔ zhèn"
    # Another lexicon (or none) in the same process is not affected.
    plain = annotate(document)[next(document.sentences()).id]
    assert "影子银行" not in [word.text for word in plain]
    assert "AI芯片" not in [word.text for word in plain]


def test_lexicon_latin_letters_match_without_case():
    document = ingest_bytes("这种ai芯片很贵。".encode(), "a.txt")
    words = annotate(document, {"AI芯片": "AI xīnpiàn"})[next(document.sentences()).id]
    assert reading(words, "ai芯片") == "xīn piàn"


def test_lexicon_terms_match_traditional_text_through_the_normal_form():
    document = ingest_bytes("影子銀行體系的風險。".encode(), "t.txt")
    assert document.script == "traditional"
    words = annotate(document, {"影子银行": "yǐngzi yínháng"})[next(document.sentences()).id]
    term = next(word for word in words if word.normal == "影子银行")
    assert term.text == "影子銀行" and term.pinyin == ("yǐng", "zi", "yín", "háng")


def test_split_reading():
    assert split_reading("yǐngzi yínháng", "影子银行") == ("yǐng", "zi", "yín", "háng")
    assert split_reading("xī'ān", "西安") == ("xī", "ān")
    assert split_reading("xian", "西安") == ("xi", "an")
    assert split_reading("xian", "先") == ("xian",)
    assert split_reading("Tèlǐfēn bèilùn", "特里芬悖论") == ("Tè", "lǐ", "fēn", "bèi", "lùn")
    assert split_reading("qwrt", "影子") is None


def test_jieba_is_silent(capfd):
    document = ingest_bytes("数字资本。".encode(), "a.txt")
    annotate(document, {"数字资本": "shùzì zīběn"})
    captured = capfd.readouterr()
    assert "Building prefix dict" not in captured.err
