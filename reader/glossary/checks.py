"""Checks across terms: what ``reader glossary validate`` reports beyond the file's structure."""

from __future__ import annotations

from reader.glossary import pinyin as py
from reader.glossary.model import Problem, Term
from reader.glossary.notes import note_problems

SINGLE_LINE = ("zh", "english", "abbreviation", "checked_by")


def check_terms(terms: list[Term], domains: dict[str, str]) -> list[Problem]:
    """Problems of each term and between terms (duplicates, shared traditional forms)."""
    problems: list[Problem] = []
    first_at: dict[str, Term] = {}
    traditional_of: dict[str, Term] = {}
    for term in terms:
        problems.extend(_term_problems(term, domains))
        earlier = first_at.get(term.zh)
        if earlier is not None:
            problems.append(_at(term, f"duplicate headword {term.zh}: already defined at {earlier.file}:{earlier.line}"))
        else:
            first_at[term.zh] = term
        for form in term.traditional:
            other = traditional_of.get(form)
            if other is not None and other.zh != term.zh:
                problems.append(_at(term, f"traditional form {form} of {term.zh} is also a form of {other.zh} "
                                          f"({other.file}:{other.line}); give one of them a traditional override"))
            else:
                traditional_of.setdefault(form, term)
    for term in terms:
        for form in term.traditional:
            owner = first_at.get(form)
            if owner is not None and owner.zh != term.zh:
                problems.append(_at(term, f"traditional form {form} of {term.zh} is the headword of another term "
                                          f"({owner.file}:{owner.line}); only one of them could ever match"))
    return problems


def _at(term: Term, message: str, level: str = "error") -> Problem:
    return Problem(term.file or "?", term.line, message, level)


def _term_problems(term: Term, domains: dict[str, str]) -> list[Problem]:
    out: list[Problem] = []
    zh = term.zh
    if not zh.strip() or any(ch.isspace() for ch in zh):
        out.append(_at(term, f"headword {zh!r} must be non-empty and contain no spaces"))
    if not term.english.strip():
        out.append(_at(term, f"term {zh}: english is empty; write the approved English rendering"))
    elif term.english != term.english.strip():
        out.append(_at(term, f"term {zh}: english {term.english!r} has spaces at the start or end"))
    for name in SINGLE_LINE:
        value = getattr(term, name)
        if value and ("\n" in value or "\r" in value):
            out.append(_at(term, f"term {zh}: {name} must be on one line"))
    for form in term.accepted:
        if not form.strip() or "\n" in form:
            out.append(_at(term, f"term {zh}: accepted forms must be non-empty single lines"))
    if term.abbreviation is not None and not term.abbreviation.strip():
        out.append(_at(term, f"term {zh}: abbreviation is empty; remove the line or fill it in"))
    for form in term.traditional:
        if not form.strip() or any(ch.isspace() for ch in form):
            out.append(_at(term, f"term {zh}: traditional form {form!r} must be non-empty without spaces"))
    syllables, pinyin_problems = py.parse(term.pinyin, zh)
    out.extend(_at(term, f"term {zh}: {message}") for message in pinyin_problems)
    han = py.han_count(zh)
    if not pinyin_problems and len(syllables) != han:
        out.append(_at(term, f"term {zh}: pinyin {term.pinyin!r} has {len(syllables)} syllables "
                             f"but the headword has {han} Chinese characters"))
    if term.domain not in domains:
        known = ", ".join(domains) or "none"
        out.append(_at(term, f"term {zh}: unknown domain {term.domain!r}; use one of {known} "
                             "or add it to domains.toml"))
    if term.status == "checked":
        missing = [name for name in ("checked_by", "checked_on") if not getattr(term, name)]
        if missing:
            out.append(_at(term, f"term {zh} is checked but has no {' or '.join(missing)}; "
                                 "say who checked it and when (or set status = \"draft\")"))
    out.extend(_at(term, f"term {zh}: {message}") for message in note_problems(term.note))
    return out


def reading_warnings(terms: list[Term]) -> list[Problem]:
    """Warnings where a syllable is not any known reading of its character (pypinyin's dictionary).

    Tones are not compared: tone sandhi (一, 不) and neutral tones make that noisy.
    """
    from pypinyin.pinyin_dict import pinyin_dict

    out: list[Problem] = []
    for term in terms:
        syllables, problems = py.parse(term.pinyin, term.zh)
        chars = [ch for ch in term.zh if py.is_han(ch)]
        if problems or len(syllables) != len(chars):
            continue
        for char, syllable in zip(chars, syllables):
            readings = pinyin_dict.get(ord(char))
            if not readings:
                continue
            bases = {py.toneless(r) for r in readings.split(",")}
            if syllable.base not in bases:
                out.append(_at(term, f"term {term.zh}: {syllable.written!r} is not a known reading of {char} "
                                     f"({readings.replace(',', ', ')})", level="warning"))
    return out
