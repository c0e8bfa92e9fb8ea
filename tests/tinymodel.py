"""A tiny but real argos zh->en package, built from scratch for the tests.

No real translation model can be downloaded here, so the tests make one:
a SentencePiece model trained on the sample corpus, and a CTranslate2
Transformer with small random weights, zipped with ``metadata.json`` exactly
as argos packages are. It translates into nonsense, but every piece of the
real pipeline runs on it: package install, tokenisation, CTranslate2 batched
decoding, detokenisation.

``build_package(directory)`` writes ``translate-zh_en-<version>.argosmodel``
into ``directory`` and returns its path; ``cached_package(directory)`` does
so once and reuses the file afterwards (tests pass a per-session temp dir).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIRS = (ROOT / "texts", Path("/work/shared/corpus"))

PACKAGE_VERSION = "0.1"
PACKAGE_NAME = f"translate-zh_en-{PACKAGE_VERSION.replace('.', '_')}"
MODEL_ID = f"argos:translate-zh_en-{PACKAGE_VERSION}"

# Small enough to build in a few seconds and decode fast, big enough to be a
# real multi-layer Transformer.
VOCAB_SIZE = 3000
MODEL_DIM = 64
FFN_DIM = 128
HEADS = 4
LAYERS = 2
# Random weights fall into repetition loops that never emit </s>. So the
# decoder gets learned position embeddings whose dimension 0 grows with the
# position (and which no layer writes to), and the </s> row of the output
# projection reads that dimension: the longer the output, the likelier </s>.
# Outputs end after roughly 10-40 pieces instead of the 256 maximum.
LENGTH_RAMP = 0.3
EOS_WEIGHT = 4.0
MAX_POSITIONS = 1024
PROJECTION_SCALE = 0.2
SEED = 1234

# English text mixed into the SentencePiece training data so that English
# inserted into a source sentence (term substitution) tokenises into pieces
# rather than bytes.
_ENGLISH = """shadow banking Triffin dilemma East Data West Computing capital market liquidity
financial derivatives algorithmic trading high-frequency trading digital economy data centre
supply chain industrial policy sovereign debt monetary policy central bank dollar hegemony
artificial intelligence computing power semiconductor chips servers new quality productive forces
"""


def corpus_text() -> str:
    """The sample corpus as one string: texts/ when present, else the shared copy."""
    for directory in CORPUS_DIRS:
        files = sorted(p for p in directory.glob("*") if p.suffix in (".txt", ".md") and p.name != "README.md")
        if files:
            return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
    raise FileNotFoundError("no sample corpus found in " + ", ".join(map(str, CORPUS_DIRS)))


def corpus_sentences(limit: int | None = None) -> list[str]:
    """Rough sentences of the corpus (split at 。！？ and newlines), for tests and the benchmark."""
    import re

    pieces = re.split(r"(?<=[。！？!?])|\n", corpus_text())
    sentences = [p.strip() for p in pieces if len(p.strip()) >= 4 and re.search(r"[\u4e00-\u9fff]", p)]
    return sentences[:limit] if limit else sentences


def _train_sentencepiece(work: Path) -> Path:
    import sentencepiece as spm

    lines = [line.strip() for line in corpus_text().splitlines() if line.strip()]
    train = work / "train.txt"
    train.write_text("\n".join(lines + _ENGLISH.splitlines() * 20) + "\n", encoding="utf-8")
    prefix = work / "sentencepiece"
    spm.SentencePieceTrainer.train(
        input=str(train),
        model_prefix=str(prefix),
        vocab_size=VOCAB_SIZE,
        model_type="unigram",
        character_coverage=0.9995,
        byte_fallback=True,
        num_threads=1,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def _vocabulary(sp_model: Path) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(sp_model))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _fill(spec, rng: np.random.Generator, vocab: int) -> None:
    """Give every required weight of a Transformer spec small random values."""
    d, ff = MODEL_DIM, FFN_DIM

    def normal(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.2).astype(np.float32)

    def norm(layer) -> None:
        layer.gamma = np.ones(d, dtype=np.float32)
        layer.beta = np.zeros(d, dtype=np.float32)

    def linear(layer, out_dim: int, in_dim: int) -> None:
        layer.weight = normal(out_dim, in_dim)
        layer.bias = np.zeros(out_dim, dtype=np.float32)

    def ffn(layer) -> None:
        norm(layer.layer_norm)
        linear(layer.linear_0, ff, d)
        linear(layer.linear_1, d, ff)

    encoder, decoder = spec.encoder, spec.decoder
    encoder.embeddings[0].weight = normal(vocab, d)
    norm(encoder.layer_norm)
    for layer in encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        ffn(layer.ffn)

    decoder.embeddings.weight = normal(vocab, d)
    decoder.embeddings.weight[:, 0] = 0.0
    decoder.position_encodings.encodings = _length_positions(d)
    norm(decoder.layer_norm)
    linear(decoder.projection, vocab, d)
    decoder.projection.weight = (rng.standard_normal((vocab, d)) * PROJECTION_SCALE).astype(np.float32)
    decoder.projection.weight[:, 0] = 0.0
    decoder.projection.weight[2, :] = 0.0  # </s> is piece 2 in SentencePiece models
    decoder.projection.weight[2, 0] = EOS_WEIGHT
    for layer in decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)
        linear(layer.attention.linear[1], 2 * d, d)
        linear(layer.attention.linear[2], d, d)
        ffn(layer.ffn)
        # Keep dimension 0 of the residual stream for the position ramp alone.
        for out in (layer.self_attention.linear[1], layer.attention.linear[2], layer.ffn.linear_1):
            out.weight[0, :] = 0.0


def _length_positions(d: int) -> np.ndarray:
    """Sinusoidal position encodings, except dimension 0: a ramp over the position."""
    positions = np.arange(MAX_POSITIONS, dtype=np.float32)[:, None]
    rates = 1.0 / np.power(10000.0, np.arange(d, dtype=np.float32)[None, :] / d)
    encodings = np.where(np.arange(d)[None, :] % 2 == 0, np.sin(positions * rates), np.cos(positions * rates))
    encodings[:, 0] = positions[:, 0] * LENGTH_RAMP
    return encodings.astype(np.float32)


def _build_model(sp_model: Path, model_dir: Path) -> None:
    from ctranslate2.specs import TransformerSpec

    vocabulary = _vocabulary(sp_model)
    spec = TransformerSpec.from_config(LAYERS, HEADS)
    _fill(spec, np.random.default_rng(SEED), len(vocabulary))
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization="int8")
    model_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(model_dir))


def build_package(directory: str | Path, *, version: str = PACKAGE_VERSION) -> Path:
    """Build the tiny package into ``directory``; return the ``.argosmodel`` path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    name = f"translate-zh_en-{version.replace('.', '_')}"
    with tempfile.TemporaryDirectory(prefix="tinymodel-") as tmp:
        work = Path(tmp)
        package_dir = work / name
        package_dir.mkdir()
        sp_model = _train_sentencepiece(work)
        shutil.copy(sp_model, package_dir / "sentencepiece.model")
        _build_model(sp_model, package_dir / "model")
        metadata = {
            "package_version": version,
            "argos_version": "1.9",
            "from_code": "zh",
            "from_name": "Chinese",
            "to_code": "en",
            "to_name": "English",
            "type": "translate",
        }
        (package_dir / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (package_dir / "README.md").write_text(
            "Tiny test package: random weights, nonsense output. Built by tests/tinymodel.py.\n", encoding="utf-8"
        )
        target = directory / f"{name}.argosmodel"
        partial = target.with_suffix(".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(package_dir.rglob("*")):
                archive.write(path, path.relative_to(work).as_posix())
        partial.replace(target)
    return target


def cached_package(directory: str | Path) -> Path:
    """``build_package`` once per directory: later calls return the existing file."""
    target = Path(directory) / f"{PACKAGE_NAME}.argosmodel"
    if target.is_file():
        return target
    return build_package(directory)


if __name__ == "__main__":
    print(build_package(sys.argv[1] if len(sys.argv) > 1 else "."))


# -- Helpers shared by the translate tests ---------------------------------------------
# (Kept here, next to the tiny model they mostly serve. The fixtures reach every test
# module through ``pytest_plugins`` in conftest.py; the helpers are imported by name.)

import re as _re  # noqa: E402

import pytest  # noqa: E402

@pytest.fixture(scope="session")
def tiny_package(tmp_path_factory) -> Path:
    """The tiny .argosmodel file, built once per test session."""
    return cached_package(tmp_path_factory.getbasetemp() / "tinymodel")


@pytest.fixture
def argos_dir(tmp_path, monkeypatch) -> Path:
    """An empty argos packages directory for this test (in-process: argostranslate's settings are patched)."""
    from argostranslate import settings

    directory = tmp_path / "argos-packages"
    directory.mkdir()
    monkeypatch.setattr(settings, "package_data_dir", directory)
    monkeypatch.setattr(settings, "package_dirs", [directory])
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(directory))
    return directory


@pytest.fixture
def installed_tiny(argos_dir, tiny_package):
    """The tiny package installed into this test's argos directory; returns the installed model."""
    from reader.translate.packages import install_from_file

    return install_from_file(tiny_package)


def argos_env(tmp_path: Path) -> dict[str, str]:
    """Environment for a subprocess with its own argos packages, config and cache directories."""
    return {
        "ARGOS_PACKAGES_DIR": str(tmp_path / "argos-packages"),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
    }


def small_project(directory: Path) -> Path:
    """A project in ``directory`` with the smallest sample text and the whole glossary: quick to build."""
    (directory / "texts").mkdir(parents=True)
    smallest = min((ROOT / "texts").glob("*.md"), key=lambda p: p.stat().st_size)
    shutil.copy(smallest, directory / "texts" / smallest.name)
    shutil.copytree(ROOT / "glossary", directory / "glossary")
    return directory


def make_sentence(text: str, sentence_id: str = "s1"):
    """A Sentence as ingest makes it: normal form and offset map from reader.script."""
    from reader.document import Sentence
    from reader.script import to_normal

    normal, offsets = to_normal(text)
    return Sentence(sentence_id, text, 0, len(text), normal, offsets)


def make_glossary(*terms):
    """A Glossary from Term objects (or (zh, english, status) tuples)."""
    from reader.glossary.model import Glossary, Term

    glossary = Glossary()
    for term in terms:
        if isinstance(term, tuple):
            zh, english, status, *accepted = term
            term = Term(zh=zh, english=english, pinyin="", domain="test", status=status, accepted=tuple(accepted))
        glossary.terms[term.zh] = term
    return glossary


def make_requests(texts: list[str], glossary, document: str = "doc"):
    """One SentenceRequest per text, with matches from the real TermMatcher."""
    from reader.glossary import TermMatcher
    from reader.translate import SentenceRequest

    matcher = TermMatcher(glossary)
    requests = []
    for n, text in enumerate(texts, start=1):
        sentence = make_sentence(text, f"s{n}")
        requests.append(SentenceRequest(f"{document}#{sentence.id}", sentence, matcher.match(sentence)))
    return requests


_HAN = _re.compile(r"[\u4e00-\u9fff]+")


class WordEngine:
    """A deterministic test engine: known Chinese words become English, Latin text passes through.

    ``drop`` lists Latin words it loses (so substitution of those fails but a
    placeholder survives); ``lose_placeholders`` makes it drop ZX#Q tokens;
    ``calls`` records every batch it was given.
    """

    name = "words"
    model = "words-1"
    is_gloss = False
    notice = ""

    def __init__(self, words: dict[str, str] | None = None, *, drop: tuple[str, ...] = (),
                 lose_placeholders: bool = False, model: str = "words-1"):
        self.words = dict(words or {})
        self.drop = drop
        self.lose_placeholders = lose_placeholders
        self.model = model
        self.calls: list[list[str]] = []

    @property
    def translated(self) -> int:
        return sum(len(batch) for batch in self.calls)

    def translate_batch(self, sources: list[str]) -> list[str]:
        self.calls.append(list(sources))
        return [self._one(source) for source in sources]

    def _one(self, source: str) -> str:
        text = source
        for zh in sorted(self.words, key=len, reverse=True):
            text = text.replace(zh, f" {self.words[zh]} ")
        text = _HAN.sub(" ", text)
        for word in self.drop:
            text = _re.sub(_re.escape(word), " ", text, flags=_re.IGNORECASE)
        if self.lose_placeholders:
            text = _re.sub(r"ZX\d+Q", " ", text)
        text = _re.sub(r"[。，、；：！？]", lambda m: {"。": ".", "，": ",", "、": ","}.get(m.group(), ""), text)
        return _re.sub(r"\s+([.,])", r"\1", _re.sub(r"\s+", " ", text)).strip()
