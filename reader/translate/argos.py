"""The argos engine: an installed argos zh->en package, driven through CTranslate2 directly.

argostranslate's own ``translate()`` splits text into sentences again (its
Chinese splitter downloads a model on first use) and translates sentence by
sentence. Our sentences are already split by ingest, so we tokenise them
with the package's SentencePiece model and hand the whole list to
``Translator.translate_batch`` with a token budget per batch: one call, no
network, sentences returned in input order.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from reader.errors import InputError

# Tokens per CTranslate2 batch (batch_type="tokens"): big enough to keep the
# matrix kernels busy, small enough that one batch of long sentences fits.
MAX_BATCH_TOKENS = 4096
# Decoding stops here even if the model never emits </s> (CTranslate2's default).
MAX_DECODING_LENGTH = 256

# Characters XML 1.0 forbids (C0 controls but tab and newlines, non-characters, lone
# surrogates). A model can emit them through byte-fallback pieces; they must never
# reach the site, the EPUB or a TMX file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_translators: dict[tuple, object] = {}
_lock = threading.Lock()


def load_translator(model_dir: Path, *, threads: int = 0, compute_type: str = "auto"):
    """A CTranslate2 Translator for ``model_dir``, loaded once per process."""
    import ctranslate2

    key = (str(model_dir), threads, compute_type)
    with _lock:
        translator = _translators.get(key)
        if translator is None:
            try:
                translator = ctranslate2.Translator(
                    str(model_dir),
                    device="cpu",
                    compute_type=compute_type,
                    inter_threads=1,
                    intra_threads=threads,
                )
            except (RuntimeError, ValueError) as exc:
                raise InputError(
                    f"cannot load the translation model ({exc}); reinstall it with 'reader model install'",
                    path=model_dir,
                ) from None
            _translators[key] = translator
        return translator


def clean_output(text: str) -> str:
    """Decoded model output without characters XML cannot carry, whitespace collapsed."""
    return " ".join(_NOT_XML.sub("", text).split())


class SentencePieceCodec:
    """Source tokenisation and target detokenisation with the package's SentencePiece model."""

    def __init__(self, model_file: Path):
        import sentencepiece

        self.processor = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, text: str) -> list[str]:
        return self.processor.encode(text, out_type=str)

    def decode(self, tokens: list[str]) -> str:
        return self.processor.decode(tokens).replace("\u2581", " ")


class PackageCodec:
    """Fallback for packages tokenised some other way (BPE): argostranslate's own tokenizer."""

    def __init__(self, package):
        self.tokenizer = package.tokenizer

    def encode(self, text: str) -> list[str]:
        return self.tokenizer.encode(text)

    def decode(self, tokens: list[str]) -> str:
        return self.tokenizer.decode(tokens)


class ArgosEngine:
    name = "argos"
    is_gloss = False
    notice = ""
    renders_terms = False

    def __init__(self, package, *, beam_size: int = 2, threads: int = 0, max_batch_tokens: int = MAX_BATCH_TOKENS):
        from argostranslate.package import argospm_package_name

        self.package = package
        self.package_dir = Path(package.package_path)
        self.model = f"argos:{argospm_package_name(package)}-{package.package_version}"
        self.beam_size = beam_size
        self.threads = threads
        self.max_batch_tokens = max_batch_tokens
        self.target_prefix = getattr(package, "target_prefix", "") or ""
        sp_model = self.package_dir / "sentencepiece.model"
        self.codec = SentencePieceCodec(sp_model) if sp_model.is_file() else PackageCodec(package)
        self._translator = None

    @property
    def memory_model(self) -> str:
        """The model plus the decoding settings that change its output: a different beam is a different translation."""
        return f"{self.model} beam={self.beam_size}"

    @property
    def translator(self):
        if self._translator is None:
            self._translator = load_translator(self.package_dir / "model", threads=self.threads)
        return self._translator

    def count_tokens(self, source: str) -> int:
        return len(self.codec.encode(source))

    def translate_batch(self, sources: list[str]) -> list[str]:
        if not sources:
            return []
        tokenized = [self.codec.encode(source) for source in sources]
        return self.translate_tokens(tokenized)

    def translate_tokens(self, tokenized: list[list[str]]) -> list[str]:
        """Translate pre-tokenised sentences; empty ones come back empty without a model call."""
        english = [""] * len(tokenized)
        todo = [i for i, tokens in enumerate(tokenized) if tokens]
        if not todo:
            return english
        prefix = [[self.target_prefix]] * len(todo) if self.target_prefix else None
        results = self.translator.translate_batch(
            [tokenized[i] for i in todo],
            target_prefix=prefix,
            max_batch_size=self.max_batch_tokens,
            batch_type="tokens",
            beam_size=self.beam_size,
            num_hypotheses=1,
            replace_unknowns=True,
            length_penalty=0.2,
            max_decoding_length=MAX_DECODING_LENGTH,
        )
        for i, result in zip(todo, results):
            tokens = result.hypotheses[0]
            if self.target_prefix and tokens and tokens[0] == self.target_prefix:
                tokens = tokens[1:]
            english[i] = clean_output(self.codec.decode(tokens))
        return english
