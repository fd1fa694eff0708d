"""The figures of ``python -m benchmarks.quality`` as plain-text tables."""

from __future__ import annotations


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f} %"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    line = lambda row: "  ".join(  # noqa: E731
        cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
    return [line(header), "  ".join("-" * w for w in widths), *map(line, rows)]


def _corpus(figures: dict) -> list[str]:
    corpus = figures["corpus"]
    lines = [f"Corpus: {corpus['folder']}, {corpus['lines']} lines (UN Parallel Corpus v1.0, "
             "development set, shared half)",
             f"Glossary: {corpus['glossary']} ({corpus['glossary_concepts_with_english']} "
             f"concepts with an English term); injection seed {corpus['seed']}", ""]
    for lang, info in corpus["langs"].items():
        skipped = sum(info["skipped"].values())
        lines.append(f"en -> {lang}: {info['pairs']} pairs kept, {skipped} skipped")
        lines += [f"    skipped  {n:5}  {reason}" for reason, n in info["skipped"].items()]
        lines += [f"    undone   {n:5}  {what}" for what, n in info["restored"].items()]
    return lines


def _flagged(figures: dict) -> list[str]:
    flagged, langs = figures["flagged"], list(figures["flagged"])
    checks = sorted({c for lang in langs for c in flagged[lang]["by_check"]},
                    key=lambda c: (-sum(flagged[l]["by_check"].get(c, {}).get("pairs", 0)
                                        for l in langs), c))
    rows = [["l10n, any check", *(f"{percent(flagged[l]['share'])} ({flagged[l]['flagged']})"
                                  for l in langs)]]
    for check in checks:
        cells = []
        for lang in langs:
            entry = flagged[lang]["by_check"].get(check)
            cells.append(f"{percent(entry['share'])} ({entry['pairs']})" if entry else "-")
        rows.append([f"  {check}", *cells])
    for key, label in (("pofilter", "pofilter --language=LANG"),
                       ("pofilter_no_language", "pofilter (no --language)")):
        pofilter = figures.get(key)
        if pofilter:
            rows.append([label, *(f"{percent(pofilter[l]['share'])} ({pofilter[l]['flagged']})"
                                  for l in langs)])
        else:
            rows.append([label, *("not installed" for _ in langs)])
    header = ["pairs with an error or warning", *(f"{l} of {flagged[l]['pairs']}" for l in langs)]
    lines = ["Official translations flagged (share of pairs, pairs in brackets):", "",
             *_table(header, rows)]
    terms = figures["terms"]
    lines += ["", "Pairs whose source names a glossary term, flagged by the term checks: "
              + ", ".join(f"{l} {percent(terms[l]['share'])} ({terms[l]['flagged']} of "
                          f"{terms[l]['pairs']})" for l in langs)]
    pofilter = figures.get("pofilter")
    if pofilter:
        lines += ["", "pofilter --language=LANG, its tests that flag most pairs:"]
        for lang in langs:
            top = list(pofilter[lang]["by_check"].items())[:5]
            lines.append(f"  {lang}: " + ", ".join(f"{test} {percent(info['share'])}"
                                                   for test, info in top))
    return lines


def _caught(figures: dict) -> list[str]:
    injected = figures["injected"]
    langs = list(figures["flagged"])
    rows = []
    for slug, kind in injected.items():
        cells = []
        for lang in langs:
            info = kind["langs"][lang]
            if not info["applies"] or not info["injected"]:
                cells.append("n/a")
            else:
                cells.append(f"{percent(info['share'])} ({info['caught']}/{info['injected']}; "
                             f"fitting {percent(info['fitting_share'])})")
        rows.append([slug, *cells])
    lines = ["Injected errors caught (share; caught/injected; share caught by the fitting check):",
             "", *_table(["kind", *langs], rows), ""]
    lines += [f"  {slug}: {kind['title']}; fitting: {', '.join(kind['fitting_checks'])}"
              for slug, kind in injected.items()]
    return lines


def render(figures: dict) -> str:
    timing = figures["timing"]
    lines = [*_corpus(figures), "", *_flagged(figures), "", *_caught(figures), "",
             f"Time: {timing['wall_seconds']} s wall, {timing['cpu_seconds']} s CPU "
             f"(l10n check {timing['l10n_check']['wall_seconds']} s wall, "
             f"{timing['l10n_check']['cpu_seconds']} s CPU, {timing['l10n_check']['runs']} runs; "
             f"pofilter {timing['pofilter']['wall_seconds']} s wall, "
             f"{timing['pofilter']['cpu_seconds']} s CPU)"]
    return "\n".join(lines) + "\n"


def _md(header: list[str], rows: list[list[str]]) -> list[str]:
    align = ["---", *("---:" for _ in header[1:])]
    return ["| " + " | ".join(row) + " |" for row in [header, align, *rows]]


def markdown(figures: dict) -> str:
    """The tables of benchmarks/README.md's section on official UN translations."""
    flagged, langs = figures["flagged"], list(figures["flagged"])
    checks = sorted({c for lang in langs for c in flagged[lang]["by_check"]},
                    key=lambda c: (-sum(flagged[l]["by_check"].get(c, {}).get("pairs", 0)
                                        for l in langs), c))
    rows = [["pairs checked", *(str(flagged[l]["pairs"]) for l in langs)],
            ["**l10n, any check**", *(f"**{percent(flagged[l]['share'])}** "
                                      f"({flagged[l]['flagged']})" for l in langs)]]
    for check in checks:
        rows.append([f"{check}", *(
            f"{percent(flagged[l]['by_check'][check]['share'])} "
            f"({flagged[l]['by_check'][check]['pairs']})" if check in flagged[l]["by_check"]
            else "-" for l in langs)])
    for key, label in (("pofilter", "pofilter --language=LANG, any test"),
                       ("pofilter_no_language", "pofilter (no --language), any test")):
        if figures.get(key):
            rows.append([label, *(f"{percent(figures[key][l]['share'])} "
                                  f"({figures[key][l]['flagged']})" for l in langs)])
    terms = figures["terms"]
    rows.append(["term checks, of the pairs whose source names a glossary term", *(
        f"{percent(terms[l]['share'])} ({terms[l]['flagged']} of {terms[l]['pairs']})"
        for l in langs)])
    lines = _md(["pairs with an error or warning", *langs], rows) + [""]
    rows = []
    for slug, kind in figures["injected"].items():
        cells = []
        for lang in langs:
            info = kind["langs"][lang]
            cells.append("n/a" if not info["injected"] else
                         f"{percent(info['share'])} ({info['caught']}/{info['injected']}; "
                         f"{percent(info['fitting_share'])})")
        rows.append([slug, *cells])
    lines += _md(["injected error", *langs], rows)
    return "\n".join(lines) + "\n"
