"""Human-readable summaries printed by the command line."""

from __future__ import annotations

from collections import defaultdict

import click

from ..config import ProjectConfig

COLUMNS = ("new", "fuzzy", "obsolete", "reused", "unchanged")


def table(rows: list[list[str]], header: list[str], numeric: set[int]) -> list[str]:
    """A plain text table: columns padded, numbers right-aligned."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [str(c).rjust(w) if i in numeric else str(c).ljust(w)
                 for i, (c, w) in enumerate(zip(row, widths))]
        return "  ".join(cells).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def print_update_report(config: ProjectConfig, results) -> None:
    """Per language: new, fuzzy, obsolete, reused and unchanged entries, and what was written."""
    by_lang = defaultdict(list)
    for result in results:
        by_lang[result.lang].append(result)
        for warning in result.report.warnings:
            click.echo(warning, err=True)
    rows = []
    for lang in sorted(by_lang):
        totals = dict.fromkeys(COLUMNS, 0)
        written = created = 0
        for result in by_lang[lang]:
            for key, value in result.report.counts().items():
                totals[key] += value
            written += result.written
            created += result.created
        files = f"{len(by_lang[lang])} files, {written} written" + (f", {created} new" if created else "")
        rows.append([lang, *(str(totals[k]) for k in COLUMNS), files])
    for line in table(rows, ["lang", *COLUMNS, "catalogues"], set(range(1, 6))):
        click.echo(line)
    for lang in sorted(by_lang):
        for result in by_lang[lang]:
            counts = result.report.counts()
            if counts["new"] or counts["fuzzy"] or counts["obsolete"] or counts["reused"]:
                detail = ", ".join(f"{v} {k}" for k, v in counts.items() if v and k != "unchanged")
                click.echo(f"  {result.path.relative_to(config.root).as_posix()}: {detail}")
