"""``l10n tm`` (import, export, stats) and ``l10n pretranslate``.

The memory is the project's (``[tool.l10n] tm``, else the cache folder); ``--memory FILE``
names another. Library errors (L10nError) pass through: the main command line prints them as
one line and exits 2. Each import is one transaction: a bad file leaves the memory as it was.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from ..cli.support import (SECONDS, counted, jobs_option, languages_option, progress, project,
                           project_lock, table)
from ..config import validate_language
from ..util.workers import default_jobs
from .memory import open_memory

WAIT_DEFAULT = 10.0
FUZZY_JOBS_HELP = ("Processes for the fuzzy lookups, when there are enough of them to pay "
                   "(default: every core, up to 8).")


def _memory_option(command):
    return click.option("--memory", "memory_file", type=click.Path(dir_okay=False),
                        help="Use this memory file (or postgresql:// URL) instead of the "
                             "project's.")(command)


def _wait_option(command):
    return click.option("--wait", type=SECONDS, default=WAIT_DEFAULT, show_default=True,
                        help="Wait this many seconds for a memory another command is "
                             "writing.")(command)


def _open(ctx: click.Context, memory_file: str | None, wait: float):
    config = project(ctx)
    return config, open_memory(config, path=memory_file, timeout=wait)


def _skipped(skipped: Counter) -> str:
    if not skipped:
        return ""
    named = ", ".join(f"{count} {code}" for code, count in sorted(skipped.items()))
    return f"; skipped, not one of the six languages: {named}"


@click.group()
def tm() -> None:
    """The translation memory: every translation already made, for reuse.

    Without files, `l10n tm import` brings in the project's catalogues (only those changed
    since the last import are read); `l10n pretranslate` does so itself before filling.

    Example: `l10n tm import && l10n tm stats`.
    """


@tm.command("import")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lang", default=None,
              help="The language of PO files whose header does not say (or says wrongly), "
                   "and of XLIFF files that declare no target language.")
@click.option("--source-lang", default=None,
              help="The language of PO files' msgid (default: the project's source language).")
@_memory_option
@_wait_option
@jobs_option("Processes: with 2 or more (the default on a machine of two cores or more), a "
             "large TMX file is read in a second process while the memory is written; 1: "
             "one process.")
@click.pass_context
def import_(ctx: click.Context, files: tuple[Path, ...], lang: str | None,
            source_lang: str | None, memory_file: str | None, wait: float,
            jobs: int | None) -> None:
    """Import TMX 1.4b, XLIFF 1.2 or 2.0 and PO FILES, or the project's catalogues when no
    file is given. XLIFF files bring their translated units (not those a CAT tool marks as
    draft or unapproved) between the languages they declare.

    Example: `l10n tm import old-site.tmx vendor/fr.xlf po/fr/legacy.po --lang fr`.
    """
    from .imports import import_files, import_project
    from ..locales import official_language

    config, memory = _open(ctx, memory_file, wait)
    with memory:
        if files:
            source = official_language(validate_language(source_lang, "--source-lang")
                                       if source_lang else config.source_language)
            if source is None:
                raise click.BadParameter("not one of ar, en, es, fr, ru, zh",
                                         param_hint="--source-lang")
            reports = import_files(memory, list(files), source_lang=source, lang=lang,
                                   root=config.root, progress=progress("Importing"),
                                   xliff=_xliff_catalogues,
                                   jobs=jobs if jobs is not None else default_jobs())
        else:
            reports = import_project(memory, config, progress("Importing"))
        for report in reports:
            name = config.relative(Path(report.path)) if not files else report.path
            if report.unchanged:
                click.echo(f"{name}: unchanged since the last import")
            else:
                click.echo(f"{name}: {counted(report.read, 'translation')} read, {report.added} new"
                           + _skipped(report.skipped))
        total = memory.stats()
    click.echo(f"memory: {counted(total['units'], 'unit')}, "
               f"{counted(total['translations'], 'translation')}")


def _xliff_catalogues(path: Path):
    """The ``<file>``s of an XLIFF file as catalogues, read by the xliff part's reader (as
    `l10n xliff import` reads them: hostile XML refused, inline codes given back as the
    markup they carry; a CAT tool's codes that carry none, as their text). A unit the CAT
    tool cut into segments gives its segments, each an entry of its own (untranslated when
    not finished): the memory keeps sentences, as the catalogues do. A 1.2 target that has
    neither a state nor an approved attribute (Xcode, Angular) is a translation, as Weblate
    reads it."""
    import polib

    from ..xliff.exchange import read_files
    from .imports import ForeignCatalogue

    found = []
    for document in read_files([path], bare_codes=True, segments=True, plain_targets=True):
        catalogue = polib.POFile()
        catalogue.metadata = document.catalogue.metadata
        for unit in document.units:
            if unit.segments is None:
                catalogue.append(unit.entry)
            else:
                catalogue.extend(polib.POEntry(msgid=source, msgstr=target)
                                 for source, target in unit.segments)
        found.append(ForeignCatalogue(path, document.source_lang_line, document.source_lang,
                                      document.target_lang, document.original, catalogue))
    return found


@tm.command("export")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the TMX file here (default: standard output).")
@click.option("--lang", "langs", multiple=True,
              help="Only translations into this language (repeatable).")
@_memory_option
@_wait_option
@click.pass_context
def export(ctx: click.Context, output: Path | None, langs: tuple[str, ...],
           memory_file: str | None, wait: float) -> None:
    """Write the memory as TMX 1.4b: one <tu> per source, with every language it has.

    Example: `l10n tm export --lang fr -o memory-fr.tmx`.
    """
    from ..locales import official_language
    from .tmx import tmx_chunks, write_tmx

    wanted = []
    for code in langs:
        lang = official_language(validate_language(code, "--lang"))
        if lang is None:
            raise click.BadParameter(f"{code}: not one of ar, en, es, fr, ru, zh",
                                     param_hint="--lang")
        wanted.append(lang)
    _, memory = _open(ctx, memory_file, wait)
    with memory:
        if output is None:
            out = click.get_text_stream("stdout")
            for chunk in tmx_chunks(memory.backend, target_langs=wanted or None):
                out.write(chunk)
            return
        counts = write_tmx(memory.backend, output, target_langs=wanted or None)
    extra = (f" ({counts['unwritable']} left out: characters XML cannot carry)"
             if counts["unwritable"] else "")
    click.echo(f"{output}: {counted(counts['units'], 'translation unit')}{extra}")


@tm.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="A table, or JSON for scripts.")
@_memory_option
@_wait_option
@click.pass_context
def stats(ctx: click.Context, fmt: str, memory_file: str | None, wait: float) -> None:
    """How much the memory holds, per language pair.

    Example: `l10n tm stats --format json`.
    """
    _, memory = _open(ctx, memory_file, wait)
    with memory:
        counts = memory.stats()
        location = str(memory.location)
    if fmt == "json":
        click.echo(json.dumps({"memory": location, **counts}, indent=2, sort_keys=True))
        return
    click.echo(f"memory: {location}")
    for key, value in counts.items():
        click.echo(f"{key}: {value}")


def threshold_option(command):
    return click.option("--threshold", type=click.FloatRange(0, 100), default=75.0,
                        show_default=True,
                        help="The lowest score (percent) of a fuzzy match to pre-fill.")(command)


@click.command()
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable).")
@threshold_option
@click.option("--dry-run", is_flag=True, help="Report what would be filled; write nothing.")
@jobs_option(FUZZY_JOBS_HELP)
@_memory_option
@_wait_option
@click.pass_context
def pretranslate(ctx: click.Context, langs: tuple[str, ...], threshold: float, dry_run: bool,
                 jobs: int | None, memory_file: str | None, wait: float) -> None:
    """Fill untranslated entries of the catalogues from the translation memory.

    An identical source in the same context is taken as translated; other identical
    sources, sources that differ only in numbers or document symbols (substituted) and fuzzy
    matches at or above --threshold are taken fuzzy, with the memory's source as #| msgid and
    a comment naming where it came from. No translation is ever replaced.

    Example: `l10n pretranslate --lang fr --threshold 85 --dry-run`.
    """
    config = project(ctx)
    chosen = languages_option(config, langs)
    with project_lock(config, wait=wait):
        results = run_pretranslate(ctx, chosen, threshold, memory_file, wait, write=not dry_run,
                                   jobs=jobs)
    print_pretranslate(config, results)


def run_pretranslate(ctx: click.Context, langs: list[str], threshold: float,
                     memory_file: str | None = None, wait: float = WAIT_DEFAULT, *,
                     write: bool = True, jobs: int | None = None):
    """Pre-translation for a command that already holds the project lock."""
    from .pretranslate import pretranslate as fill

    config, memory = _open(ctx, memory_file, wait)
    with memory:
        return fill(config, memory, langs, threshold=threshold, write=write, jobs=jobs,
                    progress=progress("Pre-translating"))


def print_pretranslate(config, results) -> None:
    from .pretranslate import KINDS

    if not results:
        click.echo("no catalogue to pre-translate (`l10n update` creates them)")
    for result in results:
        counts = result.counts
        if not sum(counts.values()):
            continue
        parts = [f"{counts[kind]} {kind}" for kind in KINDS if counts[kind]]
        parts.append(f"{counts['none']} without a match")
        click.echo(f"{config.relative(result.path)}: " + ", ".join(parts))


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="A table, JSON, or CSV for a spreadsheet or a quote.")
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable).")
@jobs_option(FUZZY_JOBS_HELP)
@_memory_option
@_wait_option
@click.pass_context
def analyse(ctx: click.Context, fmt: str, langs: tuple[str, ...], jobs: int | None,
            memory_file: str | None, wait: float) -> None:
    """Leverage: the source words left to translate, per language and document, in the bands
    work is costed by (context match, repetitions, 100 %, 95-99, 85-94, 75-84, 50-74, no
    match), from the translation memory.

    Example: `l10n analyse --lang ru --format csv > leverage-ru.csv`.
    """
    from .analyse import BANDS, analyse as run, as_csv, as_json, as_rows

    config = project(ctx)
    chosen = languages_option(config, langs)
    _, memory = _open(ctx, memory_file, wait)
    with memory:
        results = run(config, memory, chosen, jobs=jobs)
    if fmt == "json":
        click.echo(json.dumps(as_json(results), ensure_ascii=False, indent=2, sort_keys=True))
    elif fmt == "csv":
        click.echo(as_csv(results), nl=False)
    else:
        click.echo("Source words left to translate (untranslated or fuzzy), by their best match "
                   "in the translation memory:")
        header = ["lang", "document", *BANDS, "total"]
        for line in table(as_rows(results), header, set(range(2, len(header)))):
            click.echo(line)
