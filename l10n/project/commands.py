"""The project's commands: init, extract, update, merge and stats.

Each loads the project, calls the library (scaffold, extract, update, stats) and prints what it
did; the heavy modules are imported inside the commands, so that listing them stays cheap.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import click

from ..cli.support import (SECONDS, counted, jobs_option, languages_option, progress, project,
                           project_lock, table, validate_language)
from ..config import ProjectConfig
from ..errors import ConfigError
from ..locales import OFFICIAL_LANGUAGES
from .scaffold import plan_project, write_project

UPDATE_COLUMNS = ("new", "fuzzy", "obsolete", "reused", "unchanged")


@click.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--source-language", default=None,
              help="The language the sources are written in (default: en).")
@click.option("--languages", "languages", default=None,
              help="Comma-separated languages of the project, source included "
                   "(default: the six official languages).")
@click.option("--source-dir", default="source", show_default=True,
              help="The folder of the source documents.")
@click.option("--po-dir", default="po", show_default=True,
              help="The folder of the templates and catalogues.")
@click.option("--glossary-dir", default="glossary", show_default=True,
              help="The folder of the glossary's TBX files.")
@click.option("--output-dir", default="dist", show_default=True,
              help="The folder the release bundles are built in.")
@click.option("--yes", "-y", is_flag=True, help="Ask nothing: defaults for what is not given.")
def init(directory: Path | None, source_language: str | None, languages: str | None,
         source_dir: str, po_dir: str, glossary_dir: str, output_dir: str, yes: bool) -> None:
    """Start an l10n project in DIRECTORY (default: here), writing nothing that exists.

    Example: `l10n init --source-language fr --yes && l10n extract && l10n update`.
    On a terminal it asks for the source language and the languages it was not given.
    """
    root = (directory or Path.cwd()).resolve()
    ask = not yes and sys.stdin.isatty()
    if source_language is None:
        source_language = click.prompt("Source language", default="en") if ask else "en"
    if languages is None:
        default = ",".join(OFFICIAL_LANGUAGES)
        languages = click.prompt("Languages", default=default) if ask else default
    source = validate_language(source_language.strip(), "--source-language")
    langs = tuple(dict.fromkeys(validate_language(code.strip(), "--languages")
                                for code in languages.split(",") if code.strip()))
    folders = {"source_dir": source_dir, "po_dir": po_dir, "glossary_dir": glossary_dir,
               "output_dir": output_dir}
    root.mkdir(parents=True, exist_ok=True)
    plan = plan_project(root, source, langs, folders)
    write_project(plan)
    for path in plan:
        click.echo(f"{path.relative_to(root).as_posix()}: written")
    click.echo(f"Next: put documents (HTML, Markdown, text) in {source_dir}/, then "
               f"`l10n extract && l10n update`.")


PRUNE_HELP = ("Archive the translations of a removed or renamed source's catalogues in "
              "po/.obsolete/<lang>/ (as obsolete entries), then remove its template and catalogues.")


@click.command()
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 when a template would change or has no source any "
                   "more (for CI and pre-commit).")
@click.option("--prune", is_flag=True, help=PRUNE_HELP)
@click.option("--wait", type=SECONDS, default=0, help="Wait this many seconds for the project lock.")
@click.pass_context
def extract(ctx: click.Context, check: bool, prune: bool, wait: float) -> None:
    """Write one template po/<document>.pot per source document.

    A template whose source is gone (removed or renamed) is reported, not deleted: its
    catalogues still hold translations; `--prune` archives them (po/.obsolete/) and removes
    it.

    Example: `l10n extract --check` in CI fails when someone edited a source and forgot to
    extract.
    """
    from .extract import extract as run_extract
    from .prune import find_orphans

    if check and prune:
        raise ConfigError("--check writes nothing and --prune removes files: give one of them")
    config = project(ctx)
    if check:
        results = run_extract(config, check=True, progress=progress("Extracting"))
        orphans = find_orphans(config, {result.source.name for result in results})
    else:
        with project_lock(config, wait=wait):
            results = run_extract(config, progress=progress("Extracting"))
            orphans = find_orphans(config, {result.source.name for result in results})
            pruned = run_prune(config, orphans) if prune else None
    for result in results:
        state = ("would be written" if check else "written") if result.written else "unchanged"
        click.echo(f"{config.relative(result.template)}: {counted(result.entries, 'entry')} ({state})")
    print_untranslated(config)
    if check or not prune:
        print_orphans(config, orphans)
    else:
        print_pruned(config, orphans, pruned)
    if check and (any(o.template for o in orphans) or any(r.written for r in results)):
        ctx.exit(1)


def print_untranslated(config: ProjectConfig) -> None:
    """One warning line on stderr for each file under source/ that looks like a document but
    that no format reads: it is copied into every bundle untranslated."""
    from ..formats import FORMATS
    from .sources import untranslated_files

    known = ", ".join(suffix for fmt in FORMATS for suffix in fmt.suffixes)
    for path in untranslated_files(config):
        kind = path.suffix or "(no suffix)"
        click.echo(f"{config.relative(path)}: warning: no source format reads {kind} files "
                   f"({known}); copied into every bundle untranslated", err=True)


def run_prune(config: ProjectConfig, orphans):
    from .prune import prune

    return prune(config, orphans)


def print_orphans(config: ProjectConfig, orphans) -> None:
    """Each leftover template and catalogue of a source that is gone, and what --prune does."""
    for orphan in orphans:
        if orphan.template is not None:
            click.echo(f"{config.relative(orphan.template)}: no source document makes this "
                       f"template any more (removed or renamed?); it and its catalogues are "
                       f"kept (--prune archives their translations)")
        for path in orphan.catalogues.values():
            click.echo(f"{config.relative(path)}: no source document {orphan.name} any more; "
                       f"kept (--prune archives its translations)")


def print_pruned(config: ProjectConfig, orphans, pruned) -> None:
    for item in pruned:
        if item.archive is None:
            click.echo(f"{config.relative(item.catalogue)}: removed (it held no translation)")
        else:
            click.echo(f"{config.relative(item.catalogue)}: removed, its "
                       f"{counted(item.translations, 'translation')} archived in "
                       f"{config.relative(item.archive)}")
    for orphan in orphans:
        if orphan.template is not None:
            click.echo(f"{config.relative(orphan.template)}: removed (its source is gone)")


@click.command()
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable).")
@click.option("--wait", type=SECONDS, default=0, help="Wait this many seconds for the project lock.")
@click.option("--similarity", type=click.FloatRange(0, 100), default=70.0, show_default=True,
              help="How alike (percent) a reworded source must be to an old one to get its "
                   "translation as a fuzzy guess (msgmerge: 60).")
@click.option("--tm", "use_tm", is_flag=True,
              help="Then fill untranslated entries from the translation memory, as "
                   "`l10n pretranslate` does.")
@click.option("--threshold", type=click.FloatRange(0, 100), default=75.0, show_default=True,
              help="With --tm: the lowest score (percent) of a fuzzy match to pre-fill.")
@jobs_option("With --tm: the processes for the memory's fuzzy lookups, as in `l10n "
             "pretranslate` (default: every core, up to 8).")
@click.option("--prune", is_flag=True, help=PRUNE_HELP)
@click.pass_context
def update(ctx: click.Context, langs: tuple[str, ...], wait: float, similarity: float,
           use_tm: bool, threshold: float, jobs: int | None, prune: bool) -> None:
    """Create or merge po/<lang>/<document>.po from the templates, keeping every translation.

    The catalogues of a source that is gone are reported and kept; `--prune` archives their
    translations in po/.obsolete/<lang>/ and removes them, in every language (--lang or not).

    Example: `l10n update --lang fr --similarity 60`.
    """
    from .prune import find_orphans
    from .update import update as run_update

    config = project(ctx)
    chosen = languages_option(config, langs)
    if use_tm:
        from ..tm.memory import memory_path, open_memory

        # no memory to be had: say so before anything is written
        if isinstance(memory_path(config), str):  # a database: reachable, with pg_trgm
            open_memory(config, timeout=wait).close()
    with project_lock(config, wait=wait):
        results = run_update(config, chosen, similarity=similarity, progress=progress("Updating"))
        print_update_report(config, results)
        orphans = find_orphans(config)
        if prune:
            print_pruned(config, orphans, run_prune(config, orphans))
        else:
            print_orphans(config, orphans)
        if use_tm:
            from ..tm.commands import print_pretranslate, run_pretranslate

            print_pretranslate(config, run_pretranslate(ctx, chosen, threshold, jobs=jobs))


@click.command()
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("template", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Where to write the merged catalogue (may be OLD itself).")
@click.option("--lang", default=None, help="Language, when OLD's header does not say.")
@click.option("--similarity", type=click.FloatRange(0, 100), default=70.0, show_default=True,
              help="How alike (percent) a reworded source must be to an old one to get its "
                   "translation as a fuzzy guess (msgmerge: 60).")
def merge(old: Path, template: Path, output: Path, lang: str | None, similarity: float) -> None:
    """Merge OLD.po with a newer TEMPLATE.pot into OUTPUT, as msgmerge does.

    Example: `l10n merge fr.po messages.pot -o fr.po`.
    """
    from .update import merge_files

    report = merge_files(old, template, output, validate_language(lang) if lang else None,
                         similarity=similarity)
    for warning in report.warnings:
        click.echo(warning, err=True)
    counts = ", ".join(f"{value} {key}" for key, value in report.counts().items())
    click.echo(f"{output}: {counts}")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="A table, or JSON for scripts.")
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable).")
@click.pass_context
def stats(ctx: click.Context, fmt: str, langs: tuple[str, ...]) -> None:
    """Completeness per language and document: translated, fuzzy, untranslated, words; with
    each language's total and the project's (the `all` line).

    Example: `l10n stats --lang fr --format json`.
    """
    import json

    from .progress import as_json, by_language, project_stats, totals

    config = project(ctx)
    results = project_stats(config, languages_option(config, langs))
    if fmt == "json":
        click.echo(json.dumps(as_json(results), ensure_ascii=False, indent=2, sort_keys=True))
        return
    rows = []
    for lang, items in by_language(results).items():
        rows.extend(_stats_row(item) for item in items)
        rows.append(_stats_row(totals(items, lang)))
    if results:
        rows.append(_stats_row(totals(results, "all")))
    header = ["lang", "document", "translated", "fuzzy", "untranslated", "words", "complete"]
    for line in table(rows, header, {2, 3, 4, 5}):
        click.echo(line)


def _stats_row(s) -> list[str]:
    """One line of the stats table: a document, a language's total or the project's."""
    missing = " (no catalogue)" if s.missing and s.document != "total" else ""
    return [s.lang, s.document, str(s.translated), str(s.fuzzy), str(s.untranslated),
            f"{s.translated_words}/{s.words}", f"{s.percent:.1f}%{missing}"]


def print_update_report(config: ProjectConfig, results) -> None:
    """Per language: new, fuzzy, obsolete, reused and unchanged entries, and what was written."""
    by_lang = defaultdict(list)
    for result in results:
        by_lang[result.lang].append(result)
        for warning in result.report.warnings:
            click.echo(warning, err=True)
    rows = []
    for lang in sorted(by_lang):
        totals = dict.fromkeys(UPDATE_COLUMNS, 0)
        written = created = 0
        for result in by_lang[lang]:
            for key, value in result.report.counts().items():
                totals[key] += value
            written += result.written
            created += result.created
        files = (f"{counted(len(by_lang[lang]), 'file')}, {written} written"
                 + (f", {created} new" if created else ""))
        rows.append([lang, *(str(totals[k]) for k in UPDATE_COLUMNS), files])
    for line in table(rows, ["lang", *UPDATE_COLUMNS, "catalogues"], set(range(1, 6))):
        click.echo(line)
    for lang in sorted(by_lang):
        for result in by_lang[lang]:
            counts = result.report.counts()
            if counts["new"] or counts["fuzzy"] or counts["obsolete"] or counts["reused"]:
                detail = ", ".join(f"{v} {k}" for k, v in counts.items() if v and k != "unchanged")
                click.echo(f"  {result.path.relative_to(config.root).as_posix()}: {detail}")
