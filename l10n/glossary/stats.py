"""Glossary coverage: concepts per domain and language, and terms per status and language."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Glossary, Status

NO_DOMAIN = "(none)"


def glossary_stats(glossary: Glossary, languages: Iterable[str] = ()) -> dict:
    """A JSON-ready summary.

    ``coverage[domain]`` gives the number of concepts in the domain and, per language, how many
    of them have a preferred term there; ``statuses[lang]`` counts the terms of each status.
    Every language of ``languages`` (the project's) is listed, with zeros where the glossary
    has no term in it yet, beside those the glossary has.
    """
    langs = sorted(set(glossary.languages()) | set(languages))
    coverage: dict[str, dict] = {}
    statuses = {lang: {s.value: 0 for s in Status} for lang in langs}
    for concept in glossary.concepts.values():
        row = coverage.setdefault(concept.domain or NO_DOMAIN,
                                  {"concepts": 0, "preferred": {lang: 0 for lang in langs}})
        row["concepts"] += 1
        for lang, section in concept.languages.items():
            if section.preferred() is not None:
                row["preferred"][lang] += 1
            for term in section.terms:
                statuses[lang][term.status.value] += 1
    total = {"concepts": len(glossary.concepts),
             "preferred": {lang: sum(r["preferred"][lang] for r in coverage.values())
                           for lang in langs}}
    return {"languages": langs, "coverage": dict(sorted(coverage.items())), "total": total,
            "statuses": statuses}


def stats_lines(stats: dict) -> list[str]:
    """The summary as two aligned text tables."""
    langs = stats["languages"]
    head = ["domain", "concepts", *langs]
    rows = [[domain, str(row["concepts"]), *(str(row["preferred"][lang]) for lang in langs)]
            for domain, row in stats["coverage"].items()]
    total = stats["total"]
    rows.append(["total", str(total["concepts"]), *(str(total["preferred"][lang]) for lang in langs)])
    lines = ["Concepts with a preferred term, per domain and language:", *_table(head, rows), ""]
    status_head = ["lang", *(s.value for s in Status)]
    status_rows = [[lang, *(str(stats["statuses"][lang][s.value]) for s in Status)] for lang in langs]
    return lines + ["Terms per status and language:", *_table(status_head, status_rows)]


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    def fmt(row: list[str]) -> str:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        return "  ".join(cells).rstrip()
    return [fmt(head), *(fmt(r) for r in rows)]
