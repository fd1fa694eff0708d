"""What changed between two glossaries, concept by concept.

Changes are reported in a fixed order (concept id, language, term, kind) so that two runs on the
same files print the same lines. Terms are matched by their exact text within a concept and
language; a term whose text changed shows as one removed and one added term.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .model import Concept, Glossary, Term

KINDS = ("concept-added", "concept-removed", "domain-changed", "term-added", "term-removed",
         "status-changed", "note-changed", "source-changed", "type-changed")


@dataclass(frozen=True)
class Change:
    kind: str
    concept_id: str
    lang: str | None = None
    term: str | None = None
    old: str | None = None
    new: str | None = None

    def describe(self) -> str:
        """One human-readable line."""
        where = self.concept_id + (f" {self.lang}" if self.lang else "")
        term = f" {self.term!r}" if self.term is not None else ""
        if self.kind == "concept-added":
            return f"+ {where}: concept added ({self.new or 'no domain'})"
        if self.kind == "concept-removed":
            return f"- {where}: concept removed"
        if self.kind == "term-added":
            return f"+ {where}:{term} added ({self.new})"
        if self.kind == "term-removed":
            return f"- {where}:{term} removed (was {self.old})"
        label = self.kind.removesuffix("-changed")
        return f"~ {where}:{term} {label}: {self.old!r} -> {self.new!r}"

    def as_dict(self) -> dict:
        return asdict(self)


def _plain(value: object) -> str | None:
    """An enum member as its value, anything else unchanged."""
    return getattr(value, "value", value)


def _term_changes(concept_id: str, lang: str, old: Term, new: Term) -> list[Change]:
    changes = []
    for kind, attr in (("status-changed", "status"), ("type-changed", "type"),
                       ("note-changed", "note"), ("source-changed", "source")):
        before, after = getattr(old, attr), getattr(new, attr)
        if before != after:
            changes.append(Change(kind, concept_id, lang, new.text, _plain(before), _plain(after)))
    return changes


def _concept_changes(old: Concept, new: Concept) -> list[Change]:
    changes = []
    if old.domain != new.domain:
        changes.append(Change("domain-changed", old.id, old=old.domain, new=new.domain))
    for lang in sorted(set(old.languages) | set(new.languages)):
        before = {t.text: t for t in old.terms(lang)}
        after = {t.text: t for t in new.terms(lang)}
        for text in sorted(set(before) | set(after)):
            if text not in after:
                changes.append(Change("term-removed", old.id, lang, text, old=before[text].status.value))
            elif text not in before:
                changes.append(Change("term-added", old.id, lang, text, new=after[text].status.value))
            else:
                changes.extend(_term_changes(old.id, lang, before[text], after[text]))
    return changes


def diff_glossaries(old: Glossary, new: Glossary) -> list[Change]:
    """Every change from ``old`` to ``new``: concepts added or removed, then per concept the
    domain, and per language the terms added or removed and their status, type, note and
    source changes."""
    changes: list[Change] = []
    for concept_id in sorted(set(old.concepts) | set(new.concepts)):
        if concept_id not in new.concepts:
            changes.append(Change("concept-removed", concept_id, old=old.concepts[concept_id].domain))
        elif concept_id not in old.concepts:
            concept = new.concepts[concept_id]
            changes.append(Change("concept-added", concept_id, new=concept.domain))
            for lang in sorted(concept.languages):
                for term in concept.terms(lang):
                    changes.append(Change("term-added", concept_id, lang, term.text,
                                          new=term.status.value))
        else:
            changes.extend(_concept_changes(old.concepts[concept_id], new.concepts[concept_id]))
    return changes


def summarize(changes: list[Change]) -> dict[str, int]:
    """How many changes of each kind (every kind listed, zeros included)."""
    return {kind: sum(1 for c in changes if c.kind == kind) for kind in KINDS}
