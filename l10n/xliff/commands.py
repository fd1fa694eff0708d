"""``l10n xliff``: catalogues out to CAT tools as XLIFF, and translations back.

``export`` writes ``<DIR>/<lang>/<document>.xlf`` (XLIFF 1.2 by default, or 2.0) for every
catalogue; ``import FILES...`` merges their translations into the catalogues, under the project
lock, and exits 1 when a conflict left a catalogue's translation in place of the XLIFF's.
Bad input (malformed XML, entities, another namespace, a unit without a source, a language
that is not the project's) is one line naming the file and line, exit 2, nothing written.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..cli.support import SECONDS, counted, languages_option, project, project_lock
from .convert import VERSIONS


@click.group()
def xliff() -> None:
    """Exchange catalogues with CAT tools as XLIFF 1.2 or 2.0 (export, import).

    Example: `l10n xliff export --lang fr --version 2.0`, then `l10n xliff import xliff/fr/*.xlf`.
    """


@xliff.command()
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable).")
@click.option("--version", "version", type=click.Choice(VERSIONS), default="1.2",
              show_default=True, help="The XLIFF version to write.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              default=None, help="The folder to write into (default: xliff/ in the project).")
@click.pass_context
def export(ctx: click.Context, langs: tuple[str, ...], version: str, output: Path | None) -> None:
    """Write one XLIFF file per document and language: DIR/<lang>/<document>.xlf.

    Example: `l10n xliff export --lang fr --version 2.0 -o to-agency`.
    """
    from ..project.scaffold import XLIFF_DIR  # the folder init's .gitignore ignores
    from .exchange import export as run_export

    config = project(ctx)
    chosen = languages_option(config, langs)
    results = run_export(config, chosen, version, output or config.root / XLIFF_DIR)
    for result in results:
        state = "written" if result.written else "unchanged"
        click.echo(f"{config.relative(result.path)}: {counted(result.units, 'unit')} from "
                   f"{config.relative(result.catalogue)} ({state})")
    if not results:
        click.echo("no catalogue to export (run l10n extract and l10n update first)")


@xliff.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--overwrite", is_flag=True,
              help="Take the XLIFF's translation where the catalogue's changed since the "
                   "export too (a conflict), instead of keeping the catalogue's.")
@click.option("--wait", type=SECONDS, default=0, help="Wait this many seconds for the project lock.")
@click.pass_context
def import_(ctx: click.Context, files: tuple[Path, ...], overwrite: bool, wait: float) -> None:
    """Merge the translations of XLIFF FILES into the project's catalogues.

    Example: `l10n xliff import xliff/fr/summit/overview.xlf`.
    """
    from .exchange import import_files

    config = project(ctx)
    with project_lock(config, wait=wait):
        reports = import_files(config, list(files), overwrite=overwrite)
    conflicts = 0
    for report in reports:
        for message in report.messages:
            click.echo(message, err=True)
        counts = ", ".join(counted(value, "conflict") if key == "conflicts" else f"{value} {key}"
                           for key, value in report.counts().items() if value)
        state = "written" if report.written else "no change"
        click.echo(f"{config.relative(report.catalogue)}: {counts or 'nothing to import'} "
                   f"({state})")
        conflicts += report.conflicts
    if conflicts:
        ctx.exit(1)
