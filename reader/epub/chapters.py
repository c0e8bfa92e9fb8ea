"""One chapter per document: the data the chapter template renders.

Everything here is plain data (spans of text with a link, a pinyin reading or
emphasis); the markup itself lives in ``templates/chapter.xhtml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.annotate import Word
from reader.document import Block, Document, Segment, Sentence
from reader.edition import DocumentEdition
from reader.epub.identifiers import anchor, has_han
from reader.glossary.model import Glossary, TermMatch
from reader.translate.model import Translation

LAYOUTS = ("interleaved", "zh", "en")


@dataclass(frozen=True)
class Options:
    layout: str
    pinyin: bool

    @property
    def show_zh(self) -> bool:
        return self.layout in ("interleaved", "zh")

    @property
    def show_en(self) -> bool:
        return self.layout in ("interleaved", "en")

    @property
    def ruby(self) -> bool:
        return self.layout == "zh" or (self.pinyin and self.layout == "interleaved")


@dataclass(frozen=True)
class TermLink:
    href: str  # the glossary appendix entry
    title: str  # the approved English, shown as a tooltip


Piece = tuple[str, tuple[tuple[str, str], ...] | None]


@dataclass(frozen=True)
class Span:
    """Consecutive characters with the same link and emphasis, split into pieces by word.

    Each piece is ``(text, ruby)``: ``ruby`` is None for plain text, or for
    the Han characters of one word their ``(character, syllable)`` pairs. Each
    syllable stands over its own character (as in readers for learners), so
    the reader never has to work out which part of ``dōngshùxīsuàn`` belongs to
    which character; the word stays one ``<ruby>`` element.
    """

    pieces: tuple[Piece, ...]
    link: TermLink | None = None
    strong: bool = False
    term: bool = False  # an English rendering of a glossary term


@dataclass
class SentenceView:
    anchor: str  # the sentence anchor that glossary occurrences link back to
    en_anchor: str
    zh: tuple[Span, ...]
    en: tuple[Span, ...]
    status: str  # "translated", "flagged" or "untranslated"
    note: str | None = None  # id of the flag note


@dataclass
class BlockView:
    kind: str
    tag: str
    anchor: str
    segments: list[list[SentenceView]] = field(default_factory=list)
    rows: list[list[list[SentenceView]]] = field(default_factory=list)


@dataclass(frozen=True)
class MissingTerm:
    zh: str
    pinyin: str
    english: str
    link: TermLink | None


@dataclass(frozen=True)
class FlagNote:
    id: str
    back: str  # the English sentence anchor
    missing: tuple[MissingTerm, ...]


@dataclass
class NavEntry:
    label: str
    lang: str
    href: str
    children: list["NavEntry"] = field(default_factory=list)
    english: str | None = None  # shown after a Chinese label in the interleaved layout
    order: int = 0  # NCX playOrder, filled in by the package


@dataclass
class Part:
    """One content document of a chapter: a long chapter is split into several."""

    number: int  # 1 for the first part
    file_name: str
    blocks: list[BlockView]
    notes: list[FlagNote]


@dataclass
class ChapterView:
    number: int
    file_name: str  # of the first part
    lang: str  # the document's Chinese: zh-Hans or zh-Hant
    document: Document
    title_en: str | None
    own_title: bool  # True when no heading block repeats the title, so the template writes one
    blocks: list[BlockView]
    notes: list[FlagNote]
    headings: list[NavEntry]
    occurrences: list[tuple[str, str]]  # (term headword, sentence anchor), in reading order
    counts: dict[str, int]
    parts: list[Part] = field(default_factory=list)  # one, unless ``split`` made more
    _file_of: dict[str, str] = field(default_factory=dict, init=False, repr=False)  # anchor -> part, after a split

    def __post_init__(self) -> None:
        if not self.parts:
            self.parts = [Part(1, self.file_name, self.blocks, self.notes)]

    @property
    def title_lang(self) -> str:
        return self.lang if has_han(self.document.title) else "en"

    def href(self, anchor: str) -> str:
        """A link to ``anchor`` (a block or sentence id) in whichever part holds it."""
        return f"{self._file_of.get(anchor, self.file_name)}#{anchor}"

    def split(self, groups: list[list[int]]) -> None:
        """Split the chapter into parts, ``groups`` being consecutive runs of block indexes.

        The first part keeps the chapter's file name (``ch004.xhtml``), later
        ones add their number (``ch004-2.xhtml``). Each flag note goes to the
        part of its sentence, and navigation links follow their headings.
        """
        stem = self.file_name.removesuffix(".xhtml")
        self.parts = []
        self._file_of = {}
        for number, indexes in enumerate(groups, 1):
            file_name = self.file_name if number == 1 else f"{stem}-{number}.xhtml"
            blocks = [self.blocks[i] for i in indexes]
            anchors = {anchor for block in blocks for anchor in block_anchors(block)}
            notes = [note for note in self.notes if note.back in anchors]
            self.parts.append(Part(number, file_name, blocks, notes))
            self._file_of.update(dict.fromkeys(anchors, file_name))
        stack = list(self.headings)
        while stack:
            entry = stack.pop()
            entry.href = self.href(entry.href.partition("#")[2])
            stack.extend(entry.children)


def block_sentences(block: BlockView) -> list[SentenceView]:
    segments = [cell for row in block.rows for cell in row] if block.kind == "table" else block.segments
    return [sentence for segment in segments for sentence in segment]


def block_anchors(block: BlockView) -> list[str]:
    """Every id a link may point at inside ``block``."""
    anchors = [block.anchor]
    for sentence in block_sentences(block):
        anchors += [sentence.anchor, sentence.en_anchor]
    return anchors


def build_chapter(
    number: int, doc: DocumentEdition, glossary: Glossary, links: dict[str, TermLink], options: Options
) -> ChapterView:
    document = doc.document
    file_name = f"ch{number:03d}.xhtml"
    builder = _Builder(doc, glossary, links, options)
    blocks = [builder.block(block) for block in document.blocks]
    first = document.blocks[0] if document.blocks else None
    own_title = not (first is not None and first.kind == "heading" and first.text.strip() == document.title.strip())
    title_en = _english_of(doc, first) if not own_title else None
    headings = _heading_tree(document, doc, blocks, file_name, options)
    counts = {"sentences": builder.sentences, "flagged": len(builder.notes), "untranslated": builder.untranslated}
    return ChapterView(
        number, file_name, document.lang, document, title_en, own_title, blocks, builder.notes, headings,
        builder.occurrences, counts,
    )


class _Builder:
    def __init__(self, doc: DocumentEdition, glossary: Glossary, links: dict[str, TermLink], options: Options):
        self.doc = doc
        self.glossary = glossary
        self.links = links
        self.options = options
        self.notes: list[FlagNote] = []
        self.occurrences: list[tuple[str, str]] = []
        self.sentences = 0
        self.untranslated = 0

    def block(self, block: Block) -> BlockView:
        tags = {"heading": f"h{min(max(block.level, 1), 6)}", "list": "ul", "table": "table", "quote": "blockquote"}
        view = BlockView(block.kind, tags.get(block.kind, "p"), anchor("b", str(block.index)))
        if block.kind == "table":
            view.rows = [[self.segment(cell) for cell in row] for row in block.rows]
        else:
            view.segments = [self.segment(segment) for segment in block.segments]
        return view

    def segment(self, segment: Segment) -> list[SentenceView]:
        emphasis = [(e.start, e.end) for e in segment.emphasis]
        return [self.sentence(sentence, emphasis) for sentence in segment.sentences]

    def sentence(self, sentence: Sentence, emphasis: list[tuple[int, int]]) -> SentenceView:
        self.sentences += 1
        options = self.options
        sentence_anchor = anchor("s", sentence.id)
        en_anchor = sentence_anchor if options.layout == "en" else sentence_anchor + "-en"
        matches = self.doc.terms.get(sentence.id, [])
        for match in matches:
            if match.zh in self.links:
                self.occurrences.append((match.zh, sentence_anchor))
        translation = self.doc.translations.get(sentence.id)
        untranslated = translation is None or not translation.english.strip()
        # The Chinese is shown in the zh layouts, and in the English layout in
        # place of a missing translation, so that no sentence disappears.
        zh: tuple[Span, ...] = ()
        if options.show_zh or untranslated:
            words = self.doc.words.get(sentence.id, []) if options.ruby else []
            zh = chinese_spans(sentence, words, matches, emphasis, self.links)
        if untranslated:
            self.untranslated += 1
            return SentenceView(sentence_anchor, en_anchor, zh, (), "untranslated")
        assert translation is not None
        en = english_spans(translation, self.links if options.layout == "en" else {})
        note = self._flag_note(sentence.id, en_anchor, translation) if options.show_en else None
        return SentenceView(sentence_anchor, en_anchor, zh, en, "flagged" if note else "translated", note)

    def _flag_note(self, sentence_id: str, back: str, translation: Translation) -> str | None:
        missing = []
        for check in translation.terms:
            if check.outcome != "flagged":
                continue
            term = self.glossary.get(check.zh)
            missing.append(MissingTerm(check.zh, term.pinyin if term else "", check.english, self.links.get(check.zh)))
        if not missing:
            return None
        note = FlagNote(anchor("n", sentence_id), back, tuple(missing))
        self.notes.append(note)
        return note.id


def chinese_spans(
    sentence: Sentence,
    words: list[Word],
    matches: list[TermMatch],
    emphasis: list[tuple[int, int]],
    links: dict[str, TermLink],
) -> tuple[Span, ...]:
    """Split a sentence into spans by term link and emphasis, and each span into words for ruby."""
    text = sentence.text
    size = len(text)
    link_at: list[str | None] = [None] * size
    # Longest match first where two start together; a match overlapping an
    # earlier one is left unlinked rather than producing nested links.
    for match in sorted(matches, key=lambda m: (m.start, m.start - m.end)):
        if match.zh not in links or not 0 <= match.start < match.end <= size:
            continue
        if any(link_at[i] for i in range(match.start, match.end)):
            continue
        for i in range(match.start, match.end):
            link_at[i] = match.zh
    strong_at = [any(a <= sentence.start + i < b for a, b in emphasis) for i in range(size)]
    word_at: list[Word | None] = [None] * size
    for word in words:
        if word.is_han and word.pinyin and 0 <= word.start < word.end <= size:
            for i in range(word.start, word.end):
                word_at[i] = word

    spans: list[Span] = []
    start = 0
    for i in range(1, size + 1):
        if i == size or (link_at[i], strong_at[i]) != (link_at[start], strong_at[start]):
            zh = link_at[start]
            pieces = _pieces(text, start, i, word_at)
            spans.append(Span(pieces, links[zh] if zh else None, strong_at[start]))
            start = i
    return tuple(spans)


def _pieces(text: str, start: int, end: int, word_at: list[Word | None]) -> tuple[Piece, ...]:
    """Cut ``text[start:end]`` into plain runs and ruby runs (Han characters of one word with their syllables)."""
    syllables = [_syllable(text, i, word_at[i]) for i in range(start, end)]
    pieces: list[Piece] = []
    i = start
    while i < end:
        word, reading = word_at[i], syllables[i - start]
        j = i + 1
        while j < end and word_at[j] is word and (syllables[j - start] is None) == (reading is None):
            j += 1
        if reading is None:
            if pieces and pieces[-1][1] is None:
                pieces[-1] = (pieces[-1][0] + text[i:j], None)
            else:
                pieces.append((text[i:j], None))
        else:
            pairs = tuple((text[k], syllables[k - start] or "") for k in range(i, j))
            pieces.append((text[i:j], pairs))
        i = j
    return tuple(pieces)


def _syllable(text: str, index: int, word: Word | None) -> str | None:
    """The pinyin syllable of the Han character at ``index``, when its word's readings line up with its characters."""
    if word is None or not has_han(text[index]):
        return None
    han = [k for k in range(word.start, word.end) if has_han(text[k])]
    if len(han) != len(word.pinyin):
        return None
    return word.pinyin[han.index(index)]


def english_spans(translation: Translation, links: dict[str, TermLink]) -> tuple[Span, ...]:
    """The English as spans, glossary renderings marked (and linked in the English-only layout)."""
    english = translation.english
    marks = sorted(
        (c.english_start, c.english_end, c.zh)
        for c in translation.terms
        if c.english_start is not None and c.english_end is not None and 0 <= c.english_start < c.english_end
        and c.english_end <= len(english)
    )
    spans: list[Span] = []
    position = 0
    for start, end, zh in marks:
        if start < position:
            continue
        if start > position:
            spans.append(Span(((english[position:start], None),)))
        spans.append(Span(((english[start:end], None),), links.get(zh), term=True))
        position = end
    if position < len(english):
        spans.append(Span(((english[position:], None),)))
    return tuple(spans)


def _english_of(doc: DocumentEdition, block: Block | None) -> str | None:
    if block is None:
        return None
    parts = [doc.translations.get(s.id) for s in block.sentences()]
    if not parts or any(p is None or not p.english.strip() for p in parts):
        return None
    return " ".join(p.english.strip() for p in parts if p is not None)


def _heading_tree(
    document: Document, doc: DocumentEdition, views: list[BlockView], file_name: str, options: Options
) -> list[NavEntry]:
    """Headings nested by level, for the navigation document and the NCX."""
    roots: list[NavEntry] = []
    stack: list[tuple[int, NavEntry]] = []
    for index, (block, view) in enumerate(zip(document.blocks, views)):
        if block.kind != "heading" or (index == 0 and block.text.strip() == document.title.strip()):
            continue
        english = _english_of(doc, block) if options.layout == "en" else None
        label, lang = (english, "en") if english else (block.text.strip(), document.lang)
        entry = NavEntry(label, lang, f"{file_name}#{view.anchor}")
        while stack and stack[-1][0] >= block.level:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(entry)
        stack.append((block.level, entry))
    return roots
