"""Concept-oriented terminology, as in UNTERM and TBX.

A Concept has an id, a domain and, per language, one or more Terms. Per language a concept can
be left out of checking as source or as target (UNTERM's "CAT recognition").
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Status(str, enum.Enum):
    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"


class TermType(str, enum.Enum):
    FULL_FORM = "fullForm"
    SHORT_FORM = "shortForm"
    ABBREVIATION = "abbreviation"
    ACRONYM = "acronym"
    VARIANT = "variant"
    PHRASE = "phrase"


DOMAINS = ("person", "title", "body", "event", "document", "place", "phrase")


def control_character(text: str) -> str | None:
    """The first character of ``text`` a glossary may not hold, or None: a control character
    (C0 but tab and line ends, DEL, C1), which no term is written with and which TBX (XML)
    cannot hold, or the noncharacters U+FFFE and U+FFFF. Shown as ``U+0001``."""
    for char in text:
        code = ord(char)
        if (code < 32 and char not in "\t\n\r") or 127 <= code < 160 or code in (0xFFFE, 0xFFFF):
            return f"U+{code:04X}"
    return None


@dataclass(slots=True)
class Term:
    text: str
    status: Status = Status.PREFERRED
    type: TermType = TermType.FULL_FORM
    part_of_speech: str | None = None  # noun, properNoun, adjective, verb, other
    gender: str | None = None  # masculine, feminine, neuter, other
    number: str | None = None  # singular, plural
    note: str | None = None  # usage note; for imported research, starts with the confidence code
    source: str | None = None
    case_sensitive: bool = False
    do_not_translate: bool = False


@dataclass(slots=True)
class LanguageSection:
    lang: str
    terms: list[Term] = field(default_factory=list)
    check_as_source: bool = True
    check_as_target: bool = True

    def preferred(self) -> Term | None:
        return next((t for t in self.terms if t.status is Status.PREFERRED), None)


@dataclass(slots=True)
class Concept:
    id: str
    domain: str | None = None
    definition: str | None = None
    note: str | None = None
    languages: dict[str, LanguageSection] = field(default_factory=dict)

    def section(self, lang: str) -> LanguageSection:
        if lang not in self.languages:
            self.languages[lang] = LanguageSection(lang)
        return self.languages[lang]

    def terms(self, lang: str) -> list[Term]:
        section = self.languages.get(lang)
        return section.terms if section else []


@dataclass(slots=True)
class Glossary:
    concepts: dict[str, Concept] = field(default_factory=dict)
    title: str | None = None
    source_lang: str = "en"
    # What reading the files noted or warned of without refusing them (``path:line: note: ...``), such as
    # a regional language code read as one of the official languages; not part of the content.
    messages: list[str] = field(default_factory=list, compare=False)

    def add(self, concept: Concept) -> Concept:
        self.concepts[concept.id] = concept
        return concept

    def languages(self) -> list[str]:
        return sorted({lang for c in self.concepts.values() for lang in c.languages})
