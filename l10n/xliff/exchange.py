"""``l10n xliff export`` and ``import`` on a project: catalogues out, translations back in.

Export writes ``<DIR>/<lang>/<document>.xlf`` for every catalogue ``po/<lang>/<document>.po``.
Import reads every file first (any bad one: one line, nothing written), merges each unit into
the catalogue its ``<file original>`` and target language name, and writes the changed
catalogues as one transaction. It never loses a translation:

- a unit whose msgctxt and msgid the catalogue does not have is reported, not added;
- a unit without a target (or with an empty one) changes nothing;
- when both the catalogue and the XLIFF changed a translation since the export (the unit's
  ``exported`` fingerprint matches neither), or the XLIFF comes from elsewhere and the
  catalogue already has another translation, it is a conflict: reported, and the catalogue's
  translation kept unless ``overwrite``;
- a translation msgfmt --check would refuse (a format directive or a leading or trailing
  newline that the source has and it has not) is imported fuzzy, with a warning;
- the unit's translator notes (any note but the developer's ``#.`` comment we exported; memoQ's
  and Trados's comments: convert.py's table) become lines of the entry's ``#`` translator
  comment: the lines it lacks are added after its own, none is ever removed, so that importing
  the same file twice gives the same catalogue. Adding lines cannot lose anything, so a note
  is never a conflict, whether or not the translation is one; the entry's translation and its
  fingerprint are the translation's alone, so a note changed on either side never makes one.

A unit the XLIFF marks translated (1.2 ``approved="yes"`` or ``state`` translated, signed-off,
final; 2.0 ``state`` translated, reviewed, final; memoQ's ``mq:status`` confirmed by the
translator or a reviewer) clears the entry's fuzzy flag and its ``#|`` previous source, as
Poedit does when a translator accepts a fuzzy entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib
from lxml import etree

from ..catalog.po import format_po, plural_count, read_po
from ..config import ProjectConfig
from ..errors import InputError
from ..util import fs
from ..util.fs import ensure_inside, write_all
from ..util.xmlsafe import ENTITY_MESSAGE, parse_with_embedded
from ..catalog.format_strings import PluralUse, msgfmt_problem, plural_use, translation_forms
from .convert import (ReadUnit, XliffDocument, catalogue_to_xliff, fingerprint, note_lines,
                      read_xliff)

SUFFIX = ".xlf"


def project_catalogues(config: ProjectConfig, lang: str) -> dict[str, Path]:
    """The catalogues of one language: document name -> po/<lang>/<document>.po, sorted."""
    folder = config.po_dir / lang
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.rglob("*.po")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        found[relative.with_suffix("").as_posix()] = path
    return found


# ------------------------------------------------------------------------------- export


@dataclass(frozen=True)
class ExportResult:
    lang: str
    document: str
    catalogue: Path
    path: Path
    units: int
    written: bool


def export(config: ProjectConfig, langs: list[str], version: str, out_dir: Path
           ) -> list[ExportResult]:
    """One XLIFF file per document and language, ``out_dir/<lang>/<document>.xlf``; every
    catalogue is read and converted before the first file is written."""
    _check_output(config, out_dir)
    planned = []
    for lang in langs:
        for document, path in project_catalogues(config, lang).items():
            ensure_inside(path, config.root, what="catalogue", action="read")
            catalogue = read_po(path)
            data = catalogue_to_xliff(catalogue, version=version, original=document,
                                      source_lang=config.source_language, target_lang=lang,
                                      path=path)
            target = out_dir / lang / f"{document}{SUFFIX}"
            planned.append((lang, document, path, target, data,
                            sum(1 for e in catalogue if not e.obsolete)))
    written = write_all((target, data) for _, _, _, target, data, _ in planned)
    return [ExportResult(lang, document, path, target, units, done)
            for (lang, document, path, target, _, units), done in zip(planned, written)]


def _check_output(config: ProjectConfig, out_dir: Path) -> None:
    """Refuse an output folder inside the project's sources, catalogues or glossary (an
    XLIFF file there would be taken for a source, or mixed with the catalogues)."""
    real = out_dir.resolve()
    for folder, holds in ((config.source_dir, "source"), (config.po_dir, "catalogue"),
                          (config.glossary_dir, "glossary")):
        folder = folder.resolve()
        if real == folder or folder in real.parents:
            raise InputError(f"the XLIFF folder would overlap the project's {holds} folder; "
                             "choose another with -o", path=out_dir)


# ------------------------------------------------------------------------------- import


@dataclass
class ImportReport:
    """What an import did to one catalogue; ``messages`` are ``file:line: warning: …``."""

    catalogue: Path
    shown: str = ""  # the catalogue's name in messages (relative to the project)
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # the catalogue's translation is newer than the XLIFF's unchanged one
    conflicts: int = 0
    overwritten: int = 0
    unknown: int = 0
    fuzzy: int = 0  # imported fuzzy: msgfmt --check would refuse them translated
    noted: int = 0  # entries given translator-comment lines from the XLIFF's notes
    messages: list[str] = field(default_factory=list)
    written: bool = False

    def counts(self) -> dict[str, int]:
        return {"updated": self.updated, "unchanged": self.unchanged,
                "kept (newer in the catalogue)": self.kept, "conflicts": self.conflicts,
                "overwritten": self.overwritten, "unknown": self.unknown,
                "imported fuzzy": self.fuzzy, "with notes added": self.noted}


def _project_language(code: str | None, config: ProjectConfig) -> str | None:
    """The project language an XLIFF language tag names: exactly (``fr``, ``zh_Hans``), else
    by its primary subtag (``fr-FR`` -> ``fr``, ``zh-CN`` -> ``zh``); None if none."""
    if not code:
        return None
    wanted = code.strip().replace("-", "_").lower()
    for lang in config.languages:
        if lang.lower() == wanted:
            return lang
    primary = wanted.split("_")[0]
    for lang in config.languages:
        if lang.lower() == primary:
            return lang
    return None


def read_files(paths: list[Path], *, bare_codes: bool = False, segments: bool = False,
               plain_targets: bool = False) -> list[XliffDocument]:
    """Every ``<file>`` of every XLIFF file, read safely (no entities, no network);
    ``bare_codes``, ``segments`` and ``plain_targets`` as read_xliff's."""
    documents = []
    for path in paths:
        try:
            root = _parse(path)
        except InputError as error:
            if error.message != ENTITY_MESSAGE:
                raise
            raise InputError("entity declarations are not allowed in XLIFF files",
                             path=error.path, line=error.line) from None
        documents += read_xliff(root, path, bare_codes=bare_codes, segments=segments,
                                plain_targets=plain_targets)
    return documents


def _parse(path: Path) -> etree._Element:
    """The file's tree, without the original document a CAT tool may have embedded in it
    (1.2 ``<internal-file>``, base64: Trados keeps the source document in each SDLXLIFF),
    which is dropped as it is read: it may be longer than libxml2 lets one text be (10 MB),
    and it does not count towards the project's limit on input files (32 MiB)."""
    return parse_with_embedded(path, ("internal-file",), ("trans-unit", "unit", "group"),
                               limit=fs.MAX_INPUT_BYTES)


def _locate(document: XliffDocument, config: ProjectConfig) -> tuple[str, Path]:
    """(language, catalogue path) for one XLIFF ``<file>``, or InputError at its line."""
    where = {"path": document.path, "line": document.source_lang_line}
    source = _project_language(document.source_lang, config)
    if source != config.source_language:
        raise InputError(f"the source language is {document.source_lang!r}, but the project's "
                         f"is {config.source_language!r}", **where)
    where["line"] = document.line if document.version == "1.2" else document.source_lang_line
    if not document.target_lang:
        raise InputError("no target language (1.2: target-language on <file>; 2.0: trgLang "
                         "on <xliff>)", **where)
    lang = _project_language(document.target_lang, config)
    if lang is None or lang == config.source_language:
        raise InputError(f"the target language {document.target_lang!r} is not one of the "
                         "project's languages to translate into: "
                         + ", ".join(config.target_languages), **where)
    catalogues = project_catalogues(config, lang)
    if document.original not in catalogues:
        raise InputError(f"<file original={document.original!r}>: the project has no "
                         f"catalogue {config.po_dir.name}/{lang}/{document.original}.po",
                         path=document.path, line=document.line)
    return lang, catalogues[document.original]


def import_files(config: ProjectConfig, paths: list[Path], *, overwrite: bool = False
                 ) -> list[ImportReport]:
    """Merge the translations of the XLIFF ``paths`` into the project's catalogues."""
    documents = read_files(paths)
    located = [(document, _locate(document, config)) for document in documents]
    catalogues: dict[Path, polib.POFile] = {}
    reports: dict[Path, ImportReport] = {}
    for document, (lang, path) in located:
        if path not in catalogues:
            ensure_inside(path, config.root, what="catalogue", action="update")
            catalogues[path] = read_po(path)
            reports[path] = ImportReport(path, path.relative_to(config.root).as_posix())
        merge_document(document, catalogues[path], reports[path], overwrite=overwrite)
    texts = [(path, format_po(catalogues[path], path)) for path in reports]
    for (path, _), done in zip(texts, write_all(texts)):
        reports[path].written = done
    return list(reports.values())


def merge_document(document: XliffDocument, catalogue: polib.POFile, report: ImportReport,
                   *, overwrite: bool = False) -> None:
    """Merge one XLIFF ``<file>``'s units into ``catalogue``, counting in ``report``."""
    entries = {(e.msgctxt, e.msgid): e for e in catalogue if not e.obsolete}
    nplurals = plural_count(catalogue)
    for unit in document.units:
        if unit.entry.obsolete:
            continue
        entry = entries.get((unit.entry.msgctxt, unit.entry.msgid))
        where = f"{document.path}:{unit.line}: warning:"
        if entry is None or bool(entry.msgid_plural) != bool(unit.entry.msgid_plural):
            report.unknown += 1
            report.messages.append(f"{where} {_shown(unit.entry)} is not in "
                                   f"{report.shown}; not added")
            continue
        noted = merge_notes(entry, unit.notes)
        report.noted += noted
        _merge_unit(unit, entry, nplurals, report, where, overwrite, plural_use(catalogue),
                    noted)


def merge_notes(entry: polib.POEntry, lines: list[str]) -> bool:
    """Add to ``entry``'s translator comment the note ``lines`` it does not have yet (its
    lines cut and stripped as notes are, so that its own come back as no change); True if it
    got any."""
    have = set(note_lines([entry.tcomment]))
    new = [line for line in lines if line not in have]
    if not new:
        return False
    entry.tcomment = "\n".join(([entry.tcomment] if entry.tcomment else []) + new)
    return True


def _shown(entry: polib.POEntry) -> str:
    text = entry.msgid if len(entry.msgid) <= 60 else entry.msgid[:57] + "..."
    context = f" (msgctxt {entry.msgctxt!r})" if entry.msgctxt is not None else ""
    return f"msgid {text!r}{context}"


def _merge_unit(unit: ReadUnit, entry: polib.POEntry, nplurals: int | None,
                report: ImportReport, where: str, overwrite: bool, plurals: PluralUse,
                noted: bool = False) -> None:
    """Merge the unit's translation into ``entry`` (``noted``: its notes changed the entry,
    which is then not counted unchanged)."""
    incoming = unit.entry
    forms = translation_forms(incoming)
    if not any(forms):
        report.unchanged += not noted  # nothing translated in the XLIFF: nothing to bring back
        return
    if forms == translation_forms(entry) and incoming.fuzzy == entry.fuzzy:
        report.unchanged += not noted
        return
    current = fingerprint(entry)
    if unit.exported is not None and current != unit.exported and (
            fingerprint(incoming) == unit.exported):
        report.kept += 1  # changed in the catalogue since the export, not in the XLIFF
        return
    if not (unit.exported == current or not any(translation_forms(entry))):
        if not overwrite:
            report.conflicts += 1
            report.messages.append(
                f"{where} conflict: {_shown(entry)} was translated differently in "
                f"{report.shown} since the export; the catalogue's translation "
                "is kept (--overwrite takes the XLIFF's)")
            return
        report.overwritten += 1
    if entry.msgid_plural:
        count = len(entry.msgstr_plural) or nplurals or 2
        extra = [i for i in range(count, len(forms)) if forms[i]]
        if extra:
            report.conflicts += 1
            report.messages.append(f"{where} {_shown(entry)} has {len(forms)} plural forms "
                                   f"but the catalogue {count}; not imported")
            return
        entry.msgstr_plural = {i: forms[i] if i < len(forms) else "" for i in range(count)}
    else:
        entry.msgstr = forms[0]
    report.updated += 1
    if incoming.fuzzy:
        if "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        return
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    problem = msgfmt_problem(entry, plurals)
    if problem:
        entry.flags.insert(0, "fuzzy")
        report.fuzzy += 1
        report.messages.append(f"{where} {_shown(entry)}: {problem}; imported as fuzzy")


