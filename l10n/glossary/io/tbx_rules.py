"""What TBX names mean for the glossary model: element names, status values, term types, and
the data categories read at the concept, language-section and term levels.

Both TBX readers (the general walk in ``tbx`` and the quick walk of the common shape in
``tbx_fast``) apply data categories through the functions here, so the two cannot disagree on
what a category does; they differ only in how they find the elements.
"""

from __future__ import annotations

from ..model import Concept, LanguageSection, Status, Term, TermType

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SUBSET = "l10n:"
STATUS_ORDER = {Status.PREFERRED: 0, Status.ADMITTED: 1, Status.DEPRECATED: 2}
STATUS_CATEGORIES = frozenset(("administrativeStatus", "usageStatus", "normativeAuthorization"))
STATUSES = {
    **dict.fromkeys(("preferredterm-admn-sts", "preferred", "preferredterm"), Status.PREFERRED),
    **dict.fromkeys(("admittedterm-admn-sts", "admitted", "admittedterm",
                     "standardizedterm-admn-sts", "standardizedterm", "legalterm-admn-sts",
                     "legalterm", "regulatedterm-admn-sts", "regulatedterm"), Status.ADMITTED),
    **dict.fromkeys(("deprecatedterm-admn-sts", "deprecated", "deprecatedterm",
                     "supersededterm-admn-sts", "supersededterm", "notrecommended",
                     "obsolete"), Status.DEPRECATED),
}
WRITTEN_STATUS = {
    Status.PREFERRED: "preferredTerm-admn-sts",
    Status.ADMITTED: "admittedTerm-admn-sts",
    Status.DEPRECATED: "deprecatedTerm-admn-sts",
}
TERM_TYPES = {t.value.lower(): t for t in TermType} | {
    "orthographicalvariant": TermType.VARIANT, "abbreviatedform": TermType.ABBREVIATION,
    "initialism": TermType.ABBREVIATION, "phraseologicalunit": TermType.PHRASE,
}
CONCEPT_TAGS = ("conceptEntry", "termEntry")
LANG_TAGS = ("langSec", "langSet")
TERM_TAGS = ("termSec", "tig", "ntig")
CATEGORY_ELEMENTS = frozenset(("termNote", "descrip", "admin", "note"))
CONCEPT_NOTES = ("note", "usageNote", "Usage note")




def term_category(term: Term, kind: str, value: str, notes: list[str],
                  sources: list[str]) -> None:
    """Apply one data category of a term other than its status (``value`` is stripped).

    Notes and sources are collected in ``notes`` and ``sources`` (a repeated note counts once)
    and joined by ``finish_term`` when the term has been read.
    """
    if kind == "termType":
        term.type = TERM_TYPES.get(value.lower(), TermType.FULL_FORM)
    elif kind == "partOfSpeech":
        term.part_of_speech = value or None
    elif kind == "grammaticalGender":
        term.gender = value or None
    elif kind == "grammaticalNumber":
        term.number = value or None
    elif kind == "source" and value:
        sources.append(value)
    elif kind == "note" and value and value not in notes:
        notes.append(value)
    elif kind == "projectSubset":
        if value == SUBSET + "case-sensitive":
            term.case_sensitive = True
        elif value == SUBSET + "do-not-translate":
            term.do_not_translate = True
        elif value.startswith(SUBSET + "number="):
            term.number = value.split("=", 1)[1] or None


def finish_term(term: Term, notes: list[str], sources: list[str]) -> None:
    """Set the term's note and source from what ``term_category`` collected."""
    if notes:
        term.note = "; ".join(notes)
    if sources:
        term.source = "; ".join(sources)


def section_category(section: LanguageSection, kind: str, value: str,
                     definition: str | None) -> str | None:
    """Apply one data category of a language section; return the section's definition so far
    (the first one given, None while only empty ones were)."""
    if kind == "projectSubset":
        if value == SUBSET + "no-check-as-source":
            section.check_as_source = False
        elif value == SUBSET + "no-check-as-target":
            section.check_as_target = False
    elif kind == "definition" and definition is None:
        return value or None
    return definition


def concept_category(concept: Concept, kind: str, value: str) -> bool:
    """Apply one data category of a concept; True when it marks the concept as not to be
    translated ("Translation needed: no", as UNTERM exports write it)."""
    if not value:
        return False
    if kind == "subjectField":
        concept.domain = concept.domain or value
    elif kind == "definition":
        concept.definition = concept.definition or value
    elif kind in CONCEPT_NOTES:
        concept.note = f"{concept.note}; {value}" if concept.note else value
    elif kind.lower() == "translation needed" and value.lower() == "no":
        return True
    return False


def finish_concept(concept: Concept, definitions: dict[str, str], source_lang: str,
                   do_not_translate: bool) -> Concept:
    """Fill in what a concept takes from its sections once they are all read: the definition
    (from the source language's section, else the first language's) and do-not-translate."""
    if concept.definition is None and definitions:
        concept.definition = definitions.get(source_lang) or definitions[sorted(definitions)[0]]
    if do_not_translate:
        for section in concept.languages.values():
            for term in section.terms:
                term.do_not_translate = True
    return concept
