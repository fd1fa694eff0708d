"""The ``l10n check`` and ``l10n checks`` commands.

``check`` exits 0 when nothing is at or above --fail-on, 1 when something is; bad usage and
unreadable input raise L10nError subclasses, which the main command line turns into exit 2.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..cli.support import jobs_option, progress, project, validate_language
from ..config import ProjectConfig
from ..errors import InputError
from ..util.fs import atomic_write_stream, join_chunks
from ..model import FAIL_ON
from .base import CheckContext
from .registry import CHECKS
from .reporters import REPORTERS, STREAMS
from .runner import project_glossary, file_targets, project_targets, run, select_checks, validate_names



def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    """Slugs from repeatable, comma-separated options."""
    return tuple(n.strip() for value in values for n in value.split(",") if n.strip())


def _checks(config: ProjectConfig, select: tuple[str, ...], ignore: tuple[str, ...]):
    validate_names(config.check_select, "[tool.l10n.checks] select", path=config.config_file)
    validate_names(config.check_ignore, "[tool.l10n.checks] ignore", path=config.config_file)
    validate_names(select, "--select")
    validate_names(ignore, "--ignore")
    return select_checks(select or config.check_select, (*config.check_ignore, *ignore))


def _glossary(config: ProjectConfig, path: Path | None):
    """The glossary to check terms against: --glossary, else the project's glossary/ if any."""
    return project_glossary(config, path)


def _targets(config: ProjectConfig, files: tuple[Path, ...], langs: list[str]):
    if not files:
        return project_targets(config, langs or list(config.target_languages))
    fallback = langs[0] if len(langs) == 1 else None
    targets = file_targets(config, list(files), fallback)
    return [t for t in targets if not langs or t.lang is None or t.lang in langs]


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lang", "langs", multiple=True,
              help="Only catalogues in this language (repeatable); the language of FILES "
                   "that do not say.")
@click.option("--glossary", "glossary_path", type=click.Path(path_type=Path),
              help="TBX or CSV file, or a folder of TBX files (default: the project's glossary/).")
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text",
              show_default=True,
              help="The report: text lines, JSON, JUnit XML, SARIF (code scanning) or one HTML page.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of standard output.")
@click.option("--fail-on", type=click.Choice(list(FAIL_ON)), default="error", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--select", multiple=True, help="Only these checks (slugs, comma-separated).")
@click.option("--ignore", multiple=True, help="Not these checks (slugs, comma-separated).")
@jobs_option("Catalogues checked in parallel (default: up to 8).")
@click.option("--allow-empty", is_flag=True,
              help="Exit 0 when there is no catalogue to check (by default that is an error, "
                   "so that a wrong path in CI does not pass as a clean check).")
@click.pass_context
def check(ctx: click.Context, files: tuple[Path, ...], langs: tuple[str, ...],
          glossary_path: Path | None, fmt: str, output: Path | None, fail_on: str,
          select: tuple[str, ...], ignore: tuple[str, ...], jobs: int | None,
          allow_empty: bool) -> None:
    """Check translations: numbers, markup, punctuation, terminology, consistency, health.

    Example: `l10n check --lang fr --format sarif -o check.sarif`.
    """
    config = project(ctx)
    chosen = [validate_language(code, "--lang") for code in langs]
    checks = _checks(config, _names(select), _names(ignore))
    targets = _targets(config, files, chosen)
    if not targets and not allow_empty:
        raise InputError(_nothing_to_check(config, chosen), path=config.po_dir)
    context = CheckContext(glossary=_glossary(config, glossary_path), config=config)
    with progress("Checking")(len(targets)) as tick:
        result = run(targets, checks, context, source_lang=config.source_language, jobs=jobs,
                     progress=lambda _: tick())
    report = STREAMS[fmt](result)  # written as it is made: never whole in memory
    if output is not None:
        atomic_write_stream(output, report)
    else:
        for block in join_chunks(report):
            click.echo(block, nl=False)
    ctx.exit(1 if result.fails(FAIL_ON[fail_on]) else 0)


def _nothing_to_check(config: ProjectConfig, langs: list[str]) -> str:
    """Why a check found no catalogue, for a one-line error."""
    wanted = [lang for lang in (langs or config.target_languages)
              if lang != config.source_language]
    message = f"no catalogue to check (no po/<lang>/*.po for {', '.join(wanted) or 'any language'})"
    if config.config_file is None:
        message += "; no pyproject.toml with [tool.l10n] was found here or above (use -C DIR)"
    return message + "; pass --allow-empty to accept an empty check"


@click.command("checks")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="A table, or JSON for scripts.")
def list_checks(fmt: str) -> None:
    """List every check: code, slug, severity, languages and what it looks for.

    Example: `l10n checks --format json`.
    """
    rows = [(c.code, c.slug, str(c.severity), ",".join(c.languages) if c.languages else "all",
             c.description()) for c in CHECKS]
    if fmt == "json":
        import json

        keys = ("code", "slug", "severity", "languages", "description")
        click.echo(json.dumps([dict(zip(keys, row)) for row in rows], ensure_ascii=False,
                              indent=2))
        return
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  "
                   + row[4])
