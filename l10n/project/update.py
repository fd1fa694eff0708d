"""Update: every template merged into its catalogue in each target language (msgmerge's job)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from ..catalog.merge import FUZZY_THRESHOLD, MergeReport, merge_catalogue
from ..catalog.po import PAGE_WIDTH, check_plural_counts, format_po, plural_count, read_po, write_po
from ..config import ProjectConfig
from ..locales import english_name, plural_forms
from ..util.fs import remove_stale_temporaries, write_all
from ..util.workers import Progress, no_progress, ticked
from .extract import creation_date
from .sources import (Source, catalogue_path, discover_sources, ensure_writable,
                      remove_stale_beside_links, template_path)


def new_catalogue(template: polib.POFile, lang: str) -> polib.POFile:
    nplurals, rule = plural_forms(lang)
    catalogue = polib.POFile(wrapwidth=PAGE_WIDTH)
    name = english_name(lang)
    catalogue.header = f"{name} translation of {template.metadata.get('Project-Id-Version', '')}."
    date = template.metadata.get("POT-Creation-Date", creation_date())
    catalogue.metadata = {
        "Project-Id-Version": template.metadata.get("Project-Id-Version", ""),
        "Report-Msgid-Bugs-To": template.metadata.get("Report-Msgid-Bugs-To", ""),
        "POT-Creation-Date": date,
        "PO-Revision-Date": date,
        "Last-Translator": "",
        "Language-Team": name,
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": rule,
    }
    return catalogue


@dataclass(frozen=True)
class UpdateResult:
    lang: str
    name: str
    path: Path
    created: bool
    written: bool
    report: MergeReport


def read_old_catalogue(path: Path) -> polib.POFile:
    """The catalogue to merge into: read as msgmerge reads it, accepting plural entries whose
    forms contradict the header (the merge repairs them, with a warning at their line), but not
    translated plural entries without any Plural-Forms header, which nothing could repair."""
    old = read_po(path, strict_plurals=False)
    if plural_count(old) is None:
        check_plural_counts(old, path)
    return old


def update_catalogue(template: polib.POFile, path: Path, lang: str, *,
                     similarity: float = FUZZY_THRESHOLD) -> tuple[polib.POFile, bool, MergeReport]:
    """Merge ``template`` into the catalogue at ``path`` (a new one when it does not exist)."""
    created = not path.exists()
    old = new_catalogue(template, lang) if created else read_old_catalogue(path)
    nplurals = plural_count(old) or plural_forms(lang)[0]
    merged, report = merge_catalogue(old, template, nplurals=nplurals, similarity=similarity)
    return merged, created, report


def update(config: ProjectConfig, langs: list[str] | None = None, *,
           similarity: float = FUZZY_THRESHOLD,
           progress: Progress = no_progress) -> list[UpdateResult]:
    """Bring po/<lang>/<name>.po up to date with every template, for each target language
    (``langs``, default: every language but the source language), as msgmerge would: no
    translation is lost. Every catalogue is read and merged before the first is written, and
    they are written as one transaction. Returns an ``UpdateResult`` per catalogue, with its
    ``MergeReport`` (new, fuzzy, obsolete, reused, unchanged). ``progress`` is told of each
    document merged in every language."""
    langs = langs or list(config.target_languages)
    sources = discover_sources(config)
    remove_stale_temporaries(config.po_dir)  # left by a run that was killed mid-write
    # Read and merge everything first (one bad file writes nothing); only then write.
    planned = [plan for plans in plan_updates(sources, config, langs, similarity, progress)
               for plan in plans]
    remove_stale_beside_links([plan[2] for plan in planned], config)
    # One transaction: every catalogue of every language is new, or (a read-only folder, a
    # full disk) every one is as it was; never some languages updated and others not.
    written = write_all((path, text) for _, _, path, _, text, _ in planned)
    return [UpdateResult(lang, name, path, created, done, report)
            for (lang, name, path, created, _, report), done in zip(planned, written)]


def plan_update(source: Source, config: ProjectConfig, langs: list[str],
                similarity: float) -> list[tuple[str, str, Path, bool, str, MergeReport]]:
    """One source's merged catalogues, one per language, as the text to write.

    Kept as text rather than catalogue objects: a project's worth of merged catalogues waits
    in memory until every one is known to be good, and PO text is about a fifth of the size."""
    template = read_po(template_path(config, source.name))
    plans = []
    for lang in langs:
        path = catalogue_path(config, lang, source.name)
        # Every folder on the way too: a link po/fr -> elsewhere would take the write there.
        # A link inside the project is written through (fsutil.write_target).
        ensure_writable(path, config, "catalogue", "update")
        merged, created, report = update_catalogue(template, path, lang, similarity=similarity)
        plans.append((lang, source.name, path, created, format_po(merged, path), report))
    return plans


def plan_updates(sources: list[Source], config: ProjectConfig, langs: list[str],
                 similarity: float, progress: Progress = no_progress,
                 ) -> list[list[tuple[str, str, Path, bool, str, MergeReport]]]:
    """``plan_update`` for each source, in order; in forked workers for large projects (as
    ``plan_templates``): the result, and the first bad file's error, are the same."""
    from ..util.workers import default_jobs, fork_map, fork_workers

    paths = [template_path(config, s.name) for s in sources]
    paths += [catalogue_path(config, lang, s.name) for s in sources for lang in langs]
    workers = fork_workers(paths, default_jobs(), len(sources))
    with progress(len(sources)) as tick:
        if not workers:
            return [ticked(plan_update(source, config, langs, similarity), tick)
                    for source in sources]
        return fork_map(sources, lambda source: plan_update(source, config, langs, similarity),
                        [[i] for i in range(len(sources))], workers, lambda _: tick())


def merge_files(old_path: Path, template_path_: Path, out_path: Path, lang: str | None = None,
                *, similarity: float = FUZZY_THRESHOLD) -> MergeReport:
    """``l10n merge OLD.po NEW.pot -o OUT.po``: msgmerge for one pair of files."""
    old = read_old_catalogue(old_path)
    template = read_po(template_path_)
    lang = lang or old.metadata.get("Language") or "en"
    nplurals = plural_count(old) or plural_forms(lang)[0]
    merged, report = merge_catalogue(old, template, nplurals=nplurals, similarity=similarity)
    write_po(merged, out_path)  # -o /dev/null: written plainly, as msgmerge writes it
    return report
