"""``l10n build``: source documents and catalogues to one release bundle per language.

For every language (the source language too, as the reference version) each source document
is rendered in its own format with the language's translations (untranslated or fuzzy units
fall back to the source text, marked with its language), right-to-left output gets its Latin
runs isolated (l10n.formats.bidi), catalogues are compiled to MO files, and a manifest records what
was built from what. Each language is planned wholly in memory, then passes the gates
(l10n.bundle.gates); only then is dist/<lang>/ swapped in (l10n.bundle.install) and
dist/<lang>.zip written. A refused language's earlier output, if any, is left exactly as it
was (nothing is removed) and the result says so. dist/index.html lists every language.
Only what an earlier build made is ever replaced: a dist/<lang>/ without a manifest of its
own, a zip or an index page l10n did not write, are left alone (see foreign_output).

Any unreadable source or catalogue raises InputError before anything is written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence


from .. import __version__
from .gates import (CheckLanguages, CheckSummary, GateOptions, floor_tenth, gate_summaries,
                    refusals, run_check_languages)
from .index_page import IndexEntry, index_html
from .manifest import (
    BuildStamp,
    build_stamp,
    content_hash,
    dump_json,
    git_revision,
    sha256,
)
from .install import install_tree
from .archive import reproducible_zip, safe_entry_name
from ..catalog.po import read_po
from ..config import ProjectConfig
from ..errors import InputError, L10nError, located
from ..util.fs import (MAX_INPUT_BYTES, Transaction, atomic_write, read_bytes,
                     remove_stale_temporaries)
from ..util.workers import Progress, no_progress, ticked
from ..locales import direction, english_name, html_lang, native_name
from ..model import Document
from ..project.sources import Source, catalogue_path, discover_assets, discover_sources
from .render import mo_bytes, render_document, segment_counts
from ..project.extract import unit_sentences

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class DocumentResult:
    """One document of one language: where it went and how much of it is translated."""

    name: str  # summit/overview
    source: str  # source/summit/overview.html, relative to the project
    output: str  # summit/overview.html, relative to dist/<lang>/
    format: str
    translated: int
    fuzzy: int
    untranslated: int
    fallbacks: int  # units shown in the source language
    catalogue: str | None = None  # po/fr/summit/overview.po; None for the source language
    missing: bool = False  # the catalogue does not exist
    mo: str | None = None  # LC_MESSAGES/summit/overview.mo
    broken: str | None = None  # why a translation cannot be rendered ("po/fr/x.po:12: ...")

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return floor_tenth(100.0 * self.translated / self.total) if self.total else 100.0


@dataclass
class LanguageResult:
    """One language: its documents, checks, refusal reasons and what happened to its output."""

    lang: str
    documents: list[DocumentResult]
    checks: CheckSummary
    reasons: list[str]
    reference: bool = False
    status: str = "planned"  # then "built", "unchanged" or "refused"
    output: Path | None = None  # dist/<lang>
    archive: Path | None = None  # dist/<lang>.zip
    stale: bool = False  # refused, and an earlier build is left in place
    files: dict[str, bytes] = field(default_factory=dict, repr=False)
    zipped: bytes | None = field(default=None, repr=False)  # dist/<lang>.zip, once packed

    @property
    def refused(self) -> bool:
        return bool(self.reasons)

    @property
    def translated(self) -> int:
        return sum(d.translated for d in self.documents)

    @property
    def total(self) -> int:
        return sum(d.total for d in self.documents)

    @property
    def percent(self) -> float:
        return floor_tenth(100.0 * self.translated / self.total) if self.total else 100.0


@dataclass(frozen=True)
class BuildResult:
    languages: list[LanguageResult]
    stamp: BuildStamp
    index: Path

    @property
    def refused(self) -> list[LanguageResult]:
        return [lang for lang in self.languages if lang.refused]


# ------------------------------------------------------------------------------- planning


def plan_document(config: ProjectConfig, lang: str, source: Source, document: Document,
                  options: GateOptions, files: dict[str, bytes]) -> DocumentResult:
    """Render one document into ``files`` (with its MO file) and measure it."""
    reference = lang == config.source_language
    catalogue, catalogue_rel, missing = None, None, False
    if not reference:
        path = catalogue_path(config, lang, source.name)
        catalogue_rel = config.relative(path)
        missing = not path.is_file()
        catalogue = None if missing else read_po(path)
    broken = None
    try:
        text, fallbacks = render_document(document, catalogue, source_lang=config.source_language,
                                          lang=lang, allow_fuzzy=options.allow_fuzzy)
    except L10nError as exc:
        if reference:  # the source itself: every language would fail
            raise
        # One translation the renderer cannot use refuses this language only, named where
        # the translator fixes it; the other languages are still built.
        text, fallbacks, broken = None, 0, _located(config, exc)
    if reference:
        counts = (sum(segment_counts(document, None, config.source_language)), 0, 0)
    else:
        counts = segment_counts(document, catalogue, config.source_language)
    output = source.path.relative_to(config.source_dir).as_posix()
    if text is not None:
        _add(files, output, text.encode("utf-8"), source.path)
    mo = None
    if catalogue is not None:
        mo = f"LC_MESSAGES/{source.name}.mo"
        _add(files, mo, mo_bytes(catalogue, options.allow_fuzzy), source.path)
    return DocumentResult(source.name, source.relpath, output, document.format, *counts,
                          fallbacks=fallbacks, catalogue=catalogue_rel, missing=missing, mo=mo,
                          broken=broken)


def _located(config: ProjectConfig, error: L10nError) -> str:
    """An error as "path:line: message", its path relative to the project."""
    return located(error.message, config.relative(Path(error.path)) if error.path else None,
                   error.line)


def plan_languages(config: ProjectConfig, langs: Sequence[str],
                   documents: Sequence[tuple[Source, Document]], provenance: Provenance,
                   summaries: dict[str, CheckSummary],
                   progress: Progress = no_progress) -> list[LanguageResult]:
    """``plan_language`` for each language, in order, and ``pack_language`` for each one the
    gates let through. Large builds do this in forked worker processes (rendering,
    compressing and hashing are CPU-bound); the results, and the first error when there is
    one, are the same as one after the other."""
    from ..util.workers import default_jobs, fork_map, fork_workers

    paths = [path for lang in langs if lang != config.source_language
             for path in sorted((config.po_dir / lang).rglob("*.po"))]
    workers = fork_workers(paths, default_jobs(), len(langs))

    def one(lang: str) -> LanguageResult:
        result = plan_language(config, lang, documents, provenance.options,
                               summaries.get(lang, CheckSummary()))
        if not result.refused:
            pack_language(config, result, provenance)
        return result

    with progress(len(langs)) as tick:
        if not workers:
            return [ticked(one(lang), tick) for lang in langs]
        return fork_map(list(langs), one, [[i] for i in range(len(langs))], workers,
                        lambda _: tick())


def _add(files: dict[str, bytes], name: str, data: bytes, source: Path) -> None:
    if name in files or name == MANIFEST:
        raise InputError(f"two outputs would share the path {name}; rename the source", path=source)
    files[name] = data


def plan_language(config: ProjectConfig, lang: str, documents: Sequence[tuple[Source, Document]],
                  options: GateOptions, summary: CheckSummary) -> LanguageResult:
    """Everything a language's bundle would hold, in memory, and whether the gates let it pass
    (``summary``: the language's check results, from ``gate_summaries``)."""
    files: dict[str, bytes] = {}
    results = [plan_document(config, lang, source, document, options, files)
               for source, document in documents]
    for name, path in discover_assets(config):  # images and the like, the same in every language
        _add(files, name, read_bytes(path), path)
    reference = lang == config.source_language
    checks = CheckSummary() if reference else summary
    reasons = [] if reference else [d.broken for d in results if d.broken] + refusals(
        [(d.name, d.translated, d.fuzzy, d.untranslated, d.catalogue if d.missing else None)
         for d in results], checks, options)
    return LanguageResult(lang, results, checks, reasons, reference=reference, files=files)


# ------------------------------------------------------------------------------- manifest


@dataclass(frozen=True)
class Provenance:
    """What every manifest of one build shares."""

    stamp: BuildStamp
    revision: str | None
    options: GateOptions


def _completeness(translated: int, fuzzy: int, untranslated: int) -> dict[str, float | int]:
    total = translated + fuzzy + untranslated
    return {"percent": floor_tenth(100.0 * translated / total) if total else 100.0, "total": total,
            "translated": translated, "fuzzy": fuzzy, "untranslated": untranslated}


def manifest(config: ProjectConfig, result: LanguageResult, provenance: Provenance) -> str:
    """manifest.json for a planned language (paths relative to the manifest's folder)."""
    files = result.files
    documents = [{
        "name": d.name, "source": d.source, "format": d.format, "output": d.output,
        "sha256": sha256(files[d.output]), "catalogue": d.catalogue, "mo": d.mo,
        "mo_sha256": sha256(files[d.mo]) if d.mo else None, "fallback_units": d.fallbacks,
        "completeness": _completeness(d.translated, d.fuzzy, d.untranslated),
    } for d in result.documents]
    lang = result.lang
    value = {
        "manifest_version": MANIFEST_VERSION,
        "l10n_version": __version__,
        "language": {"code": lang, "english_name": english_name(lang),
                     "native_name": native_name(lang), "direction": direction(lang),
                     "html_lang": html_lang(lang)},
        "reference": result.reference,
        "source_language": config.source_language,
        "build_date": provenance.stamp.iso,
        "build_date_source": provenance.stamp.origin,
        "source": {"revision": provenance.revision,
                   "content_hash": content_hash(config.root, _inputs(config, [lang]))},
        "documents": documents,
        "completeness": _completeness(*[sum(getattr(d, k) for d in result.documents)
                                        for k in ("translated", "fuzzy", "untranslated")]),
        "checks": result.checks.as_dict(),
        "gates": {"min_completeness": provenance.options.min_completeness,
                  "fail_on": provenance.options.fail_on,
                  "allow_fuzzy": provenance.options.allow_fuzzy,
                  "checks": provenance.options.checks},
        "files": {name: sha256(data) for name, data in sorted(files.items())},
    }
    return dump_json(value)


def _inputs(config: ProjectConfig, langs: Sequence[str]) -> list[Path]:
    """The files a bundle is built from: every source, and each language's catalogues."""
    sources = discover_sources(config)
    catalogues = [catalogue_path(config, lang, source.name) for lang in langs for source in sources]
    assets = [path for _, path in discover_assets(config)]
    return [source.path for source in sources] + assets + [p for p in catalogues if p.is_file()]


# ------------------------------------------------------------------------------- writing


def pack_language(config: ProjectConfig, result: LanguageResult, provenance: Provenance) -> None:
    """Add the manifest to a planned language's files and pack them into its zip (in memory)."""
    files = dict(result.files)
    files[MANIFEST] = manifest(config, result, provenance).encode("utf-8")
    for name in files:  # every name checked before anything is written
        safe_entry_name(f"{result.lang}/{name}")
    result.files = files
    result.zipped = reproducible_zip(files, epoch=provenance.stamp.epoch, prefix=f"{result.lang}/")


def write_language(config: ProjectConfig, result: LanguageResult) -> None:
    """Swap in dist/<lang>/ and write dist/<lang>.zip (both unchanged when already identical)."""
    assert result.zipped is not None, "pack_language comes first"
    result.output = config.output_dir / result.lang
    result.archive = config.output_dir / f"{result.lang}.zip"
    # The zip is staged first and renamed after the folder is swapped in: a full disk leaves
    # the language's folder and zip both as they were, never one new and the other old.
    with Transaction() as transaction:
        zipped = transaction.stage(result.archive, result.zipped)
        changed = install_tree(result.output, result.files)
    result.status = "built" if changed or zipped else "unchanged"


# ------------------------------------------------------------------ what an earlier build made
#
# Under output-dir, a build replaces only what an earlier build made: dist/<lang>/ holding a
# manifest.json of its own, dist/<lang>.zip holding <lang>/manifest.json, and an index.html
# that says it was built by l10n. Anything else at those names (a folder or file someone put
# there, a symbolic link) is left alone: its language is refused, or, for the index, the
# build stops before writing anything.


def _own_manifest(data: bytes, lang: str) -> bool:
    import json

    try:
        value = json.loads(data)
        return (isinstance(value, dict) and isinstance(value.get("manifest_version"), int)
                and "l10n_version" in value and value["language"]["code"] == lang)
    except (ValueError, KeyError, TypeError):
        return False


def _own_folder(folder: Path, lang: str) -> bool:
    """An earlier bundle of ``lang`` (or an empty folder: nothing there to lose)."""
    manifest_path = folder / MANIFEST
    if not folder.is_symlink() and folder.is_dir() and not any(folder.iterdir()):
        return True
    if folder.is_symlink() or manifest_path.is_symlink() or not manifest_path.is_file():
        return False
    try:
        return _own_manifest(manifest_path.read_bytes(), lang)
    except OSError:
        return False


def _own_zip(path: Path, lang: str) -> bool:
    import zipfile

    if path.is_symlink() or not path.is_file():
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if not all(name.startswith(f"{lang}/") for name in names):
                return False
            if archive.getinfo(f"{lang}/{MANIFEST}").file_size > MAX_INPUT_BYTES:
                return False
            return _own_manifest(archive.read(f"{lang}/{MANIFEST}"), lang)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return False


def foreign_output(config: ProjectConfig, lang: str) -> str | None:
    """Why dist/<lang>/ or dist/<lang>.zip must not be replaced (None when it may be): it is
    there and no build of l10n's made it."""
    folder = config.output_dir / lang
    archive = config.output_dir / f"{lang}.zip"
    if os.path.lexists(folder) and not _own_folder(folder, lang):
        what = ("a symbolic link" if folder.is_symlink() else "a folder without a manifest.json "
                "of l10n's" if folder.is_dir() else "not a folder")
        return (f"{config.relative(folder)} is {what}; l10n replaces only a bundle it made "
                "itself: move it away, or set output-dir to a folder of its own")
    if os.path.lexists(archive) and not _own_zip(archive, lang):
        what = "a symbolic link" if archive.is_symlink() else "not a bundle l10n made"
        return (f"{config.relative(archive)} is {what}; l10n replaces only a bundle it made "
                "itself: move it away, or set output-dir to a folder of its own")
    return None


_OWN_INDEX = re.compile(rb'<p>Built on <time datetime="[^"]*">[^<]*</time> by l10n [^<]*\.</p>')


def check_index(path: Path) -> None:
    """InputError unless ``path`` is missing or an index.html an earlier build wrote."""
    if not os.path.lexists(path):
        return
    if not path.is_symlink() and path.is_file():
        try:
            if path.stat().st_size < 1 << 22 and _OWN_INDEX.search(path.read_bytes()):
                return
        except OSError:
            pass
    what = "a symbolic link" if path.is_symlink() else "not a page l10n wrote"
    raise InputError(f"is {what}; l10n replaces only the index it made itself: move it away, "
                     "or set output-dir to a folder of its own", path=path)


def _earlier_entry(config: ProjectConfig, lang: str) -> IndexEntry:
    """A language not built in this run, as its earlier manifest (if any) describes it."""
    import json

    path = config.output_dir / lang / MANIFEST
    try:
        data = json.loads(path.read_text("utf-8"))
        documents = tuple(d["output"] for d in data["documents"])
        percent = float(data["completeness"]["percent"])
    except (OSError, ValueError, KeyError, TypeError):
        return IndexEntry(lang, "not built", None, reference=lang == config.source_language)
    archive = f"{lang}.zip" if (config.output_dir / f"{lang}.zip").is_file() else None
    return IndexEntry(lang, "built", percent, documents, archive=archive,
                      reference=lang == config.source_language)


def index_entries(config: ProjectConfig, results: Sequence[LanguageResult]) -> list[IndexEntry]:
    """One entry per configured language, in the configured order."""
    by_lang = {result.lang: result for result in results}
    entries = []
    for lang in config.languages:
        result = by_lang.get(lang)
        if result is None:
            entries.append(_earlier_entry(config, lang))
            continue
        status = "refused" if result.refused else "built"
        documents = tuple(d.output for d in result.documents)
        archive = f"{lang}.zip" if not result.refused else None
        entries.append(IndexEntry(lang, status, result.percent, documents,
                                  tuple(result.reasons), archive, result.reference))
    return entries


def build(config: ProjectConfig, langs: Sequence[str] | None = None, *,
          options: GateOptions | None = None,
          check_languages: CheckLanguages = run_check_languages,
          progress: Progress = no_progress) -> BuildResult:
    """Build every language in ``langs`` (default: all configured ones, source included).

    ``check_languages`` counts check findings per severity for each language (default: the
    project's checks). Returns what happened to each language; refused ones have ``reasons``
    and nothing of theirs is written. ``progress`` is told of each language rendered.
    """
    import datetime

    from ..formats import parse_file

    options = options or GateOptions()
    langs = list(langs or config.languages)
    documents = [(source, parse_file(source.path, config)) for source in discover_sources(config)]
    for _, document in documents:  # split into sentences once, before the languages' workers
        for unit in document.units:  # fork (unit_sentences remembers them for every language)
            unit_sentences(unit, config.source_language)
    stamp = build_stamp(config.root, _inputs(config, config.languages))
    provenance = Provenance(stamp, git_revision(config.root, [config.source_dir, config.po_dir]),
                            options)
    summaries = gate_summaries(check_languages, config,
                               [lang for lang in langs if lang != config.source_language], options)
    results = plan_languages(config, langs, documents, provenance, summaries, progress)
    index = config.output_dir / "index.html"
    check_index(index)  # everything checked before the first write
    for result in results:
        foreign = foreign_output(config, result.lang)
        if foreign is not None:
            result.reasons.append(foreign)
        elif result.refused:
            result.stale = os.path.lexists(config.output_dir / result.lang)
    remove_stale_temporaries(config.output_dir, recursive=False)  # zips of a killed build
    for result in results:
        if result.refused:
            result.status = "refused"
        else:
            write_language(config, result)
    day = datetime.datetime.fromtimestamp(stamp.epoch, datetime.timezone.utc).date()
    atomic_write(index, index_html(index_entries(config, results), day))
    return BuildResult(results, stamp, index)
