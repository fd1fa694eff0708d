"""The memory's records: one translation unit, one match."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TMUnit:
    """One translation of one source text, in one context.

    ``source``/``target`` are the texts as the catalogues hold them (inline markup kept as
    text). The context fields are "" when unknown: ``document`` (a project document name such
    as ``summit/overview``, or a TMX ``x-document`` property), ``msgctxt``, ``previous`` and
    ``next`` (the source texts of the neighbouring entries, for context matches).
    ``changed`` is a TMX date (``20251104T000000Z``) or ""; ``origin`` names the file the
    translation came from (a catalogue path, a TMX file).
    """

    source: str
    source_lang: str
    target_lang: str
    target: str
    document: str = ""
    msgctxt: str = ""
    previous: str = ""
    next: str = ""
    changed: str = ""
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """A unit found for a source text: its score in percent (100 = identical source) and
    the kind of match: "context" (identical source in the same context), "exact",
    "placeable" (differs only in numbers, dates or document symbols; ``target`` has them
    substituted) or "fuzzy"."""

    unit: TMUnit
    score: float
    kind: str
    target: str
