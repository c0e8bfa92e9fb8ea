"""Bytes to text: the encoding is read from the content, never from the file name.

Order of evidence: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then
strict UTF-8; then charset-normalizer choosing between GB18030 and Big5, the
two legacy encodings Chinese text comes in. GB18030 stands for GBK and
GB2312 too: it is a superset of both, so reading as GB18030 never loses a
character that the narrower ones could encode.
"""

from __future__ import annotations

import codecs

from reader.errors import InputError

# Signatures of common binary formats, for a clearer message than "not text".
_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an EPUB/DOCX file)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"SQLite format 3\x00": "an SQLite database",
}
# (BOM, codec used to decode, name reported) - UTF-32 first: its LE BOM starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
# Legacy encodings tried in order when charset-normalizer picks a family.
_FAMILIES = {"gb18030": ("gb18030",), "big5": ("big5", "cp950", "big5hkscs")}
# charset-normalizer reads this much; the whole file is then decoded strictly.
_SAMPLE = 1 << 20
# Share of control characters above which decoded "text" is really binary.
_MAX_CONTROL = 0.01
_ALLOWED_CONTROL = set("\t\n\r\f\v")


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``InputError`` naming ``path`` when ``data`` is not usable text."""
    if not data:
        raise InputError("is empty: there is no text to read", path=path)
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"starts with a {name.upper()} byte-order mark but is not valid {name.upper()} "
                    f"(bad bytes at offset {exc.start})",
                    path=path,
                ) from None
            return _check_text(text.lstrip("\ufeff"), path), name
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"is {what}, not a text file", path=path)
    if b"\x00" in data:
        raise InputError(
            "contains NUL bytes, so it is a binary file, not text "
            "(UTF-16 text needs a byte-order mark; saving it as UTF-8 always works)",
            path=path,
        )
    try:
        return _check_text(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, path)


def _decode_legacy(data: bytes, path: str) -> tuple[str, str]:
    import charset_normalizer

    sample = data if len(data) <= _SAMPLE else data[: data.rfind(b"\n", 0, _SAMPLE) + 1 or _SAMPLE]
    matches = charset_normalizer.from_bytes(sample, cp_isolation=list(_FAMILIES))
    best = matches.best()
    families = [best.encoding] if best is not None else []
    families += [match.encoding for match in matches if match.encoding not in families]
    for family in families:
        for codec in _FAMILIES.get(family, ()):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if not _plausible_chinese(text):
                continue
            return _check_text(text, path), codec
    raise InputError(
        "is in an unknown text encoding (reader reads UTF-8, UTF-16 with a byte-order mark, "
        "GB18030/GBK and Big5); save it as UTF-8",
        path=path,
    )


def _plausible_chinese(text: str) -> bool:
    """Decoded legacy text should be mostly Chinese characters, ASCII and Chinese punctuation."""
    sample = [char for char in text[:100_000] if not char.isspace()]
    if not sample:
        return True
    usual = sum(
        1
        for char in sample
        if char < "\x7f"
        or "\u4e00" <= char <= "\u9fff"
        or "\u3000" <= char <= "\u303f"
        or "\uff00" <= char <= "\uffef"
        or "\u2010" <= char <= "\u206f"
    )
    return usual >= 0.9 * len(sample)


def _check_text(text: str, path: str) -> str:
    sample = text[:100_000]
    control = sum(1 for char in sample if char < " " and char not in _ALLOWED_CONTROL)
    if "\x00" in sample or control > _MAX_CONTROL * max(len(sample), 1):
        raise InputError("contains control characters, so it is a binary file, not text", path=path)
    return text
