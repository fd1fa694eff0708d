"""Changing a glossary: merge an import into it, add one term, apply the confidence rule.

The confidence rule: research notes start with a confidence code (``conf=V-doc``, ``conf=V-web``,
``conf=A``, ``conf=B``). A rendering marked ``conf=B`` (best rendering, not verified) that the
research lists as preferred is kept as *admitted* until someone checks it, so that the term
check does not impose an unverified rendering. Its note keeps the code first and gains
UNVERIFIED_MARKER, which also makes the rule idempotent and lets validation tell such sections
("awaits verification", info) from sections that simply lack a preferred term (warning).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from ..util.counts import counted
from .model import Concept, Glossary, Status, Term

UNVERIFIED_CODE = "conf=B"
UNVERIFIED_MARKER = "proposed as preferred, awaits verification"


def awaits_verification(term: Term) -> bool:
    """True for a term demoted by ``demote_unverified`` (its note carries the marker)."""
    return term.status is Status.ADMITTED and UNVERIFIED_MARKER in (term.note or "")


def _code_and_rest(note: str) -> tuple[str, str]:
    code, _, rest = note.partition(";")
    return code.strip(), rest.strip()


def demote_unverified(glossary: Glossary) -> int:
    """Make every preferred ``conf=B`` term admitted and mark its note; returns how many."""
    count = 0
    for concept in glossary.concepts.values():
        for section in concept.languages.values():
            for term in section.terms:
                if term.status is not Status.PREFERRED or not term.note:
                    continue
                code, rest = _code_and_rest(term.note)
                if code != UNVERIFIED_CODE:
                    continue
                term.status = Status.ADMITTED
                if UNVERIFIED_MARKER not in term.note:
                    term.note = "; ".join(p for p in (code, UNVERIFIED_MARKER, rest) if p)
                count += 1
    return count


@dataclass
class MergeReport:
    added_concepts: int = 0
    added_terms: int = 0
    updated_terms: int = 0
    unchanged_terms: int = 0

    def summary(self) -> str:
        return (f"{counted(self.added_concepts, 'concept')} added, "
                f"{counted(self.added_terms, 'term')} added, "
                f"{self.updated_terms} updated, {self.unchanged_terms} unchanged")


def _copy_term(target: Term, source: Term) -> bool:
    """Copy every field of ``source`` onto ``target``; True when something changed."""
    changed = False
    for item in fields(Term):
        value = getattr(source, item.name)
        if getattr(target, item.name) != value:
            setattr(target, item.name, value)
            changed = True
    return changed


def _merge_concept(existing: Concept, incoming: Concept, report: MergeReport) -> None:
    existing.domain = incoming.domain or existing.domain
    existing.definition = incoming.definition or existing.definition
    existing.note = incoming.note or existing.note
    for lang, section in incoming.languages.items():
        target = existing.section(lang)
        target.check_as_source = section.check_as_source and target.check_as_source
        target.check_as_target = section.check_as_target and target.check_as_target
        by_text = {t.text: t for t in target.terms}
        for term in section.terms:
            if term.text not in by_text:
                target.terms.append(term)
                by_text[term.text] = term
                report.added_terms += 1
            elif _copy_term(by_text[term.text], term):
                report.updated_terms += 1
            else:
                report.unchanged_terms += 1


def merge_into(target: Glossary, incoming: Glossary) -> MergeReport:
    """Merge ``incoming`` into ``target``: new concepts and terms are added; a term with the same
    text in the same concept and language takes the incoming status, note, source and flags.
    Terms only in ``target`` are kept."""
    report = MergeReport()
    for concept_id in sorted(incoming.concepts):
        concept = incoming.concepts[concept_id]
        if concept_id not in target.concepts:
            target.add(concept)
            report.added_concepts += 1
            report.added_terms += sum(len(s.terms) for s in concept.languages.values())
        else:
            _merge_concept(target.concepts[concept_id], concept, report)
    return report


def add_term(glossary: Glossary, concept_id: str, lang: str, term: Term,
             domain: str | None = None) -> str:
    """Add ``term`` (and the concept if new); a term with the same text is replaced.

    Returns "added", "updated" or "unchanged".
    """
    concept = glossary.concepts.get(concept_id) or glossary.add(Concept(concept_id))
    if domain:
        concept.domain = domain
    section = concept.section(lang)
    for existing in section.terms:
        if existing.text == term.text:
            return "updated" if _copy_term(existing, term) else "unchanged"
    section.terms.append(term)
    return "added"
