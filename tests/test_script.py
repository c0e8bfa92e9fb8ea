"""Script detection and the normal form's offset map."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TEXTS
from reader.ingest import ingest_file
from reader.script import detect_script, to_normal


def test_detects_the_sample_documents():
    for path in sorted(TEXTS.glob("*.md")):
        document = ingest_file(path)
        assert detect_script(document.text) == document.meta["script"], path.name


def test_detects_short_text():
    assert detect_script("美聯儲資產負債表") == "traditional"
    assert detect_script("美联储资产负债表") == "simplified"
    assert detect_script("AI") == "simplified"


def test_taiwan_vocabulary_becomes_mainland_vocabulary():
    cases = {
        "微軟斥資囤積的AI晶片因電力缺口閒置。": "微软斥资囤积的AI芯片因电力缺口闲置。",
        "美國試圖用演算法霸權替代實體供應鏈": "美国试图用算法霸权替代实体供应链",
        "使AI伺服器單價突破250萬美元": "使AI服务器单价突破250万美元",
        "數位人民幣": "数字人民币",
    }
    for text, normal in cases.items():
        assert to_normal(text)[0] == normal
    assert to_normal("晶片", "traditional")[0] == "芯片"


def test_taiwan_vocabulary_in_simplified_characters_is_normalised_too():
    # No traditional-only character in any of these: they are detected as simplified.
    cases = {
        "晶片": "芯片", "演算法": "算法", "伺服器": "服务器", "软体": "软件", "网路": "网络", "数位": "数字",
        "台积电的AI晶片和伺服器": "台积电的AI芯片和服务器", "数位人民币": "数字人民币", "辉达": "英伟达",
    }
    for text, normal in cases.items():
        assert detect_script(text) == "simplified"
        assert to_normal(text)[0] == normal, text
    text = "美国的晶片出口管制与演算法"
    normal, offsets = to_normal(text)
    a = normal.index("算法")
    assert text[offsets[a] : offsets[a + 2]] == "演算法"


def test_taiwan_phrases_only_where_they_are_whole_words():
    # 网路 straddles 互联网|路由器, 尼日 is inside 尼日利亚: no rewriting.
    for text in ("互联网路由器", "尼日利亚的石油", "资料来源:新华社", "建立核心的智慧城市"):
        assert to_normal(text) == (text, tuple(range(len(text) + 1))), text


def test_taiwan_phrases_leave_the_simplified_documents_alone():
    # Measured: no sentence of the four simplified documents changes beyond t2s.
    import opencc

    t2s = opencc.OpenCC("t2s")
    for path in sorted(TEXTS.glob("*.md")):
        document = ingest_file(path)
        if document.script == "simplified":
            for sentence in document.sentences():
                assert sentence.normal == t2s.convert(sentence.text), sentence.text


def test_taiwan_phrase_list_agrees_with_opencc():
    from reader.script import taiwan_phrases

    phrases = taiwan_phrases()
    assert len(phrases) > 500
    assert phrases["晶片"] == "芯片" and phrases["软体"] == "软件" and phrases["数位"] == "数字"
    # Mainland words that Taiwan uses differently are not on the list.
    for mainland in ("建立", "核心", "智慧", "资料", "影片", "线上", "拨出", "简报", "社群", "截图", "哈萨克"):
        assert mainland not in phrases
    for taiwan, mainland in phrases.items():
        assert len(taiwan) >= 2 and taiwan != mainland


def test_mainland_words_are_left_alone_in_simplified_text():
    text = "建立核心的智慧城市,整合资源。"
    assert to_normal(text) == (text, tuple(range(len(text) + 1)))


def test_offsets_cover_what_a_shorter_phrase_came_from():
    text = "試圖用演算法霸權"
    normal, offsets = to_normal(text)
    assert normal == "试图用算法霸权"
    a = normal.index("算法")
    assert text[offsets[a] : offsets[a + 2]] == "演算法"
    assert offsets[-1] == len(text) and len(offsets) == len(normal) + 1


def check_map(text: str, normal: str, offsets: tuple[int, ...]) -> None:
    assert len(offsets) == len(normal) + 1
    assert offsets[-1] == len(text)
    assert all(a <= b for a, b in zip(offsets, offsets[1:]))
    assert all(0 <= offset <= len(text) for offset in offsets)
    if normal:
        assert offsets[0] == 0


PIECES = st.sampled_from(
    ["演算法", "晶片", "伺服器", "數位", "記憶體", "軟體", "網際網路", "部落格", "獅子山", "許可權", "美聯儲",
     "銀行", "資本", "。", ",", " ", "AI", "3nm", "的", "乾隆", "頭髮", "\n",
     "软体", "网路", "互联网路由器", "辉达", "数位", "伺服", "器", "🚀", "\U00020000", "\t", "\u3000"]
)


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(PIECES, max_size=30).map("".join), st.sampled_from([None, "simplified", "traditional"]))
def test_offset_map_is_exact_and_monotonic(text, script):
    normal, offsets = to_normal(text, script)
    check_map(text, normal, offsets)


def test_traditional_words_tw2sp_would_turn_into_other_words_keep_their_meaning():
    # tw2sp's phrase table would make these interface vocabulary: 指针 "pointer",
    # 查找 "search", 添加 "add", 权限 "permissions", 创建 "create", 内核 "kernel".
    for traditional, normal in [("關鍵指標", "关键指标"), ("查詢", "查询"), ("新增就業", "新增就业"),
                                ("關稅許可權", "关税许可权"), ("建立秩序", "建立秩序"), ("核心技術", "核心技术")]:
        assert to_normal(traditional, script="traditional")[0] == normal
    # ... while real Taiwan vocabulary still becomes mainland vocabulary, offsets exact.
    for traditional, normal in [("演算法", "算法"), ("晶片", "芯片"), ("資料中心", "数据中心"), ("矽谷", "硅谷"),
                                ("人工智慧", "人工智能"), ("彌漫著", "弥漫着")]:
        converted, offsets = to_normal(traditional, script="traditional")
        assert converted == normal
        assert offsets[0] == 0 and offsets[-1] == len(traditional)
        assert list(offsets) == sorted(offsets)
