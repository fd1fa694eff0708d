"""The ``l10n build`` command: build the release bundles, say what was refused and why.

Exit status: 0 when every language was built, 1 when a gate refused at least one language
(the others are still built), 2 for bad input or usage (from the group's error handling).
"""

from __future__ import annotations

from pathlib import Path

import click

from ..cli.support import (SECONDS, languages_option, progress, project, project_lock,
                           table)
from ..model import FAIL_ON, Severity


def _summary_rows(config, result) -> list[list[str]]:
    from .gates import percent_text

    rows = []
    for lang in result.languages:
        checks = lang.checks
        errors = "n/a" if checks.skipped else str(checks.count(Severity.ERROR))
        warnings = "n/a" if checks.skipped else str(checks.count(Severity.WARNING))
        if lang.refused:
            output = "earlier build kept" if lang.stale else "-"
        else:
            output = f"{config.relative(lang.output)}/ {config.relative(lang.archive)}"
        status = lang.status + (" (reference)" if lang.reference else "")
        rows.append([lang.lang, str(len(lang.documents)), percent_text(lang.percent), errors,
                     warnings, status, output])
    return rows


@click.command()
@click.option("--lang", "langs", multiple=True,
              help="Only this language (repeatable); default: every configured language.")
@click.option("--min-completeness", type=click.FloatRange(0, 100), default=100.0,
              show_default=True, metavar="PCT",
              help="Refuse a language when a document is less translated than this.")
@click.option("--fail-on", type=click.Choice(list(FAIL_ON)), default="error", show_default=True,
              help="Check severity that refuses a language (never: checks do not block).")
@click.option("--allow-fuzzy", is_flag=True,
              help="Use fuzzy translations (they then count as translated).")
@click.option("--checks/--no-checks", default=True, show_default=True,
              help="Run the check gate (--no-checks: skip it, e.g. right after `l10n check`).")
@click.option("--wait", type=SECONDS, default=0, help="Wait this many seconds for the project lock.")
@click.pass_context
def build(ctx: click.Context, langs: tuple[str, ...], min_completeness: float, fail_on: str,
          allow_fuzzy: bool, checks: bool, wait: float) -> None:
    """Build dist/<lang>/ and dist/<lang>.zip for each language, and dist/index.html.

    A language below --min-completeness or with blocking check findings is refused: its
    bundle is not written (an earlier one is left as it was), and the command exits with 1.

    Example: `l10n build --lang fr --lang es --min-completeness 90`.
    """
    from .build import build as run_build
    from .gates import GateOptions

    config = project(ctx)
    chosen = languages_option(config, langs) if langs else None
    options = GateOptions(min_completeness, fail_on, allow_fuzzy, checks)
    with project_lock(config, wait=wait):
        result = run_build(config, chosen, options=options, progress=progress("Building"))
    for lang in result.refused:
        for reason in lang.reasons:
            click.echo(f"{lang.lang}: refused: {reason}", err=True)
        if lang.stale:
            click.echo(f"{lang.lang}: the output of an earlier build in "
                       f"{config.relative(config.output_dir / lang.lang)}/ was left as it was",
                       err=True)
    notes = sorted({lang.checks.skipped for lang in result.languages if lang.checks.skipped})
    for note in notes:
        click.echo(f"l10n: {note}; the check gate did not run", err=True)
    header = ["lang", "documents", "translated", "errors", "warnings", "status", "output"]
    for line in table(_summary_rows(config, result), header, {1, 2, 3, 4}):
        click.echo(line)
    click.echo(f"index: {config.relative(Path(result.index))} "
               f"(build date {result.stamp.iso}, from {result.stamp.origin})")
    if result.refused:
        ctx.exit(1)
