"""The command line. Each command loads the project, calls the library and prints results.

One place (L10nGroup.invoke) turns the library's errors into one line on stderr and an exit
code: 2 for bad input or usage, 130 when interrupted. Anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import click

from . import __version__
from .cli_support import (INTERRUPTED, SECONDS, L10nGroup, languages_option, project,
                          project_lock, relative, validate_language)


# Commands that live beside their subsystem: name -> (module, attribute). They are imported
# when used (or listed by --help), so that `l10n extract` does not load the checks, the
# glossary matcher and their libraries.
LAZY_COMMANDS = {
    "build": ("l10n.bundle_commands", "build"),
    "check": ("l10n.checks.commands", "check"),
    "checks": ("l10n.checks.commands", "checks"),
    "glossary": ("l10n.glossary.commands", "glossary"),
    "init": ("l10n.scaffold", "init"),
    "segment": ("l10n.segment.commands", "segment"),
    "xliff": ("l10n.xliff.commands", "xliff"),
}


class LazyGroup(L10nGroup):
    """The main group: the commands of LAZY_COMMANDS are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in LAZY_COMMANDS:
            import importlib

            module, attribute = LAZY_COMMANDS[name]
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return self.commands.get(name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-C", "directory", type=click.Path(path_type=Path, file_okay=False),
              help="Run in this project folder instead of the working directory.")
@click.version_option(__version__, prog_name="l10n")
@click.pass_context
def cli(ctx: click.Context, directory: Path | None) -> None:
    """Carry UN texts into Arabic, Chinese, English, French, Russian and Spanish."""
    ctx.ensure_object(dict)["directory"] = directory


@cli.command()
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 when a template would change or has no source any "
                   "more (for CI and pre-commit).")
@click.option("--wait", type=SECONDS, default=0, help="Wait this many seconds for the project lock.")
@click.pass_context
def extract(ctx: click.Context, check: bool, wait: float) -> None:
    """Write one template po/<document>.pot per source document.

    A template whose source is gone (removed or renamed) is reported, not deleted: its
    catalogues still hold translations. Example: `l10n extract --check` in CI fails when
    someone edited a source and forgot to extract.
    """
    from .pipeline import extract as run_extract, orphan_templates

    config = project(ctx)
    if check:
        results = run_extract(config, check=True)
    else:
        with project_lock(config, wait=wait):
            results = run_extract(config)
    for result in results:
        state = ("would be written" if check else "written") if result.written else "unchanged"
        click.echo(f"{relative(config, result.template)}: {result.entries} entries ({state})")
    orphans = orphan_templates(config, results)
    for path in orphans:
        click.echo(f"{relative(config, path)}: no source document makes this template any more "
                   f"(removed or renamed?); it and its catalogues are kept")
    if check and (orphans or any(result.written for result in results)):
        ctx.exit(1)


@cli.command()
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable).")
@click.option("--wait", type=SECONDS, default=0, help="Wait this many seconds for the project lock.")
@click.option("--similarity", type=click.FloatRange(0, 100), default=70.0, show_default=True,
              help="How alike (percent) a reworded source must be to an old one to get its "
                   "translation as a fuzzy guess (msgmerge: 60).")
@click.pass_context
def update(ctx: click.Context, langs: tuple[str, ...], wait: float, similarity: float) -> None:
    """Create or merge po/<lang>/<document>.po from the templates, keeping every translation."""
    from .pipeline import update as run_update
    from .report import print_update_report

    config = project(ctx)
    chosen = languages_option(config, langs)
    with project_lock(config, wait=wait):
        results = run_update(config, chosen, similarity=similarity)
    print_update_report(config, results)


@cli.command()
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("template", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Where to write the merged catalogue (may be OLD itself).")
@click.option("--lang", default=None, help="Language, when OLD's header does not say.")
@click.option("--similarity", type=click.FloatRange(0, 100), default=70.0, show_default=True,
              help="How alike (percent) a reworded source must be to an old one to get its "
                   "translation as a fuzzy guess (msgmerge: 60).")
def merge(old: Path, template: Path, output: Path, lang: str | None, similarity: float) -> None:
    """Merge OLD.po with a newer TEMPLATE.pot into OUTPUT, as msgmerge does."""
    from .pipeline import merge_files

    report = merge_files(old, template, output, validate_language(lang) if lang else None,
                         similarity=similarity)
    for warning in report.warnings:
        click.echo(warning, err=True)
    counts = ", ".join(f"{value} {key}" for key, value in report.counts().items())
    click.echo(f"{output}: {counts}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable).")
@click.pass_context
def stats(ctx: click.Context, fmt: str, langs: tuple[str, ...]) -> None:
    """Completeness per language and document: translated, fuzzy, untranslated, words."""
    import json

    from .report import table
    from .stats import as_json, project_stats

    config = project(ctx)
    results = project_stats(config, languages_option(config, langs))
    if fmt == "json":
        click.echo(json.dumps(as_json(results), ensure_ascii=False, indent=2, sort_keys=True))
        return
    rows = [[s.lang, s.document, str(s.translated), str(s.fuzzy), str(s.untranslated),
             f"{s.translated_words}/{s.words}", f"{s.percent:.1f}%" + (" (no catalogue)" if s.missing else "")]
            for s in results]
    header = ["lang", "document", "translated", "fuzzy", "untranslated", "words", "complete"]
    for line in table(rows, header, {2, 3, 4, 5}):
        click.echo(line)


def main() -> None:
    import gc

    # A run allocates millions of short-lived tuples and strings and few reference cycles:
    # collecting the youngest generation every 50,000 allocations instead of 700 saves about
    # 3 % of the CPU of `l10n check` at the same peak memory.
    gc.set_threshold(50_000, 20, 100)
    try:
        cli(prog_name="l10n")
    except SystemExit as done:
        # The command is over, its files written or left alone: a Ctrl-C from here on would
        # only break into Python's own shutdown (with a traceback from an exit handler).
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if done.code == INTERRUPTED:
            # Stopped by Ctrl-C: the interrupt has already passed through every write on its
            # way out (each removed its temporary file) and the workers were stopped. Leave
            # now: Python's exit handlers would wait for those workers, or trip over their
            # closed pipes with a traceback.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(INTERRUPTED)
        raise


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
