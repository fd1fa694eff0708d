"""A source document in one language: its translations looked up sentence by sentence, the
source as fallback, right-to-left runs isolated, rendered in the document's own format; and the
counts and MO file that go with it."""

from __future__ import annotations

import polib

from ..formats.bidi import isolate_renditions
from ..locales import direction, sentence_joiner
from ..model import Document, Rendition
from ..project.extract import document_segments, unit_sentences


def renditions_for(
    document: Document,
    catalogue: polib.POFile | None,
    *,
    source_lang: str,
    lang: str,
    allow_fuzzy: bool = False,
) -> list[Rendition]:
    """One rendition per unit: the translated sentences joined, or the source as fallback."""
    table: dict[tuple[str | None, str], polib.POEntry] = {}
    if catalogue is not None:
        table = {(e.msgctxt, e.msgid): e for e in catalogue if not e.obsolete}
    joiner = sentence_joiner(lang)
    renditions = []
    for unit in document.units:
        if lang == source_lang:
            renditions.append(Rendition(unit.text))
            continue
        parts, first = [], None
        for start, end in unit_sentences(unit, source_lang):
            text = unit.text[start:end]
            entry = table.get((unit.role, text)) or table.get((None, text))
            usable = entry and entry.msgstr and (allow_fuzzy or not entry.fuzzy)
            if not usable:
                parts = None
                break
            parts.append(entry.msgstr)
            first = first or entry
        if parts is None:
            renditions.append(Rendition(unit.text, fallback_lang=source_lang))
        else:
            origin = (catalogue.fpath, first.linenum) if catalogue.fpath and first else None
            renditions.append(Rendition(joiner.join(parts), origin=origin))
    return renditions


def segment_counts(document: Document, catalogue: polib.POFile | None,
                   source_lang: str) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) over the document's distinct messages as they are now.

    Counted from the document's own segments looked up in the catalogue (as renditions_for
    does), so a message missing from a stale catalogue counts as untranslated.
    """
    table = {(e.msgctxt, e.msgid): e for e in catalogue if not e.obsolete} if catalogue else {}
    seen: set[tuple[str | None, str]] = set()
    translated = fuzzy = untranslated = 0
    for segment in document_segments(document, source_lang):
        entry = table.get((segment.role, segment.text)) or table.get((None, segment.text))
        key = (entry.msgctxt, entry.msgid) if entry is not None else (None, segment.text)
        if key in seen:
            continue
        seen.add(key)
        if entry is not None and entry.fuzzy:
            fuzzy += 1
        elif entry is not None and (entry.msgstr or any(entry.msgstr_plural.values())):
            translated += 1
        else:
            untranslated += 1
    return translated, fuzzy, untranslated


def render_document(document: Document, catalogue: polib.POFile | None, *, source_lang: str,
                    lang: str, allow_fuzzy: bool) -> tuple[str, int]:
    """The document in ``lang`` and the number of units that fell back to the source."""
    from ..formats import format_for

    renditions = renditions_for(document, catalogue, source_lang=source_lang, lang=lang,
                                allow_fuzzy=allow_fuzzy)
    fallbacks = sum(1 for r in renditions if r.fallback_lang is not None)
    text_direction = direction(lang)
    if text_direction == "rtl":
        renditions = isolate_renditions(document, renditions)
    fmt = format_for(document.path)
    return fmt.render(document, renditions, lang=lang, direction=text_direction), fallbacks


def mo_bytes(catalogue: polib.POFile, allow_fuzzy: bool) -> bytes:
    """The compiled catalogue; with ``allow_fuzzy`` its fuzzy translations are included.

    Written by l10n.catalog.mo, which gives the bytes ``compile_mo`` gives (GNU msgfmt's, with
    ``--use-fuzzy`` when ``allow_fuzzy``) without copying the catalogue to take the fuzzy flags
    off.
    """
    from ..catalog.mo import mo_entries, write_mo

    return write_mo(mo_entries(catalogue, include_fuzzy=allow_fuzzy))
