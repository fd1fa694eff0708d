"""``python -m benchmarks.quality``: how l10n check does on official UN translations.

    python -m benchmarks.quality [--shared DIR] [--langs ar,es,fr,ru,zh] [--limit N]
                                 [--json FILE] [--markdown FILE] [--work DIR]

Reads ``../shared/testdata/un-parallel/`` (half of the UN Parallel Corpus v1.0 development
set), undoes or skips the export's artefacts (and says which and how many), writes the pairs
as catalogues, runs ``l10n check`` with ``../shared/reference/terminology.csv`` as the glossary
and pofilter on them, then injects one error of each kind into copies of the pairs and checks
those. Prints the share of pairs flagged per language and check, and the share of injected
errors caught per kind and language; ``--json`` writes the same figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.quality import corpus as corpus_mod
from benchmarks.quality.evaluate import (Timing, caught_figures, clean_project, flagged_figures, injected_project,
                       l10n_findings, pofilter_findings, term_figures)
from benchmarks.quality.inject import SEED, Terms
from benchmarks.quality.report import markdown, render

DEFAULT_SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _langs(value: str) -> tuple[str, ...]:
    langs = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [lang for lang in langs if lang not in corpus_mod.TARGETS]
    if unknown or not langs:
        raise argparse.ArgumentTypeError(
            f"languages must be among {','.join(corpus_mod.TARGETS)} (got {value!r})")
    return langs


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.quality",
        description="How l10n check does on official UN translations: pairs flagged, and "
                    "injected errors caught, per language (see benchmarks/README.md).")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, metavar="DIR",
                        help="the shared folder (default: ../shared beside the checkout)")
    parser.add_argument("--langs", type=_langs, default=corpus_mod.TARGETS, metavar="LANGS",
                        help="target languages, comma-separated (default: ar,es,fr,ru,zh)")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="only the first N lines of the corpus (a quick sample)")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE",
                        help="write the figures to FILE")
    parser.add_argument("--markdown", type=Path, default=None, metavar="FILE",
                        help="write the tables as Markdown to FILE (as in benchmarks/README.md)")
    parser.add_argument("--work", type=Path, default=None, metavar="DIR",
                        help="keep the scratch projects in DIR (default: a temporary folder)")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    return args


def evaluate(args: argparse.Namespace, work: Path) -> dict:
    """Every figure of the report, for the arguments, with scratch projects under ``work``."""
    folder = corpus_mod.corpus_dir(args.shared)
    if not (folder / "un.en").is_file():
        raise SystemExit(f"{folder}: the UN corpus is not there (un.en missing); use --shared")
    glossary = args.shared / "reference" / "terminology.csv"
    if not glossary.is_file():
        raise SystemExit(f"{glossary}: the reference terminology is not there")
    corpus = corpus_mod.load(args.shared, args.langs, args.limit)
    terms = Terms(glossary)
    l10n_time, pofilter_time = Timing(), Timing()
    cache = work / "cache"
    clean = clean_project(work / "clean", corpus)
    clean_found = l10n_findings(clean, glossary, cache, args.langs, l10n_time)
    dirty = injected_project(work / "injected", corpus, terms)
    dirty_found = l10n_findings(dirty, glossary, cache, args.langs, l10n_time)
    pofilter = pofilter_findings(clean, args.langs, pofilter_time)
    bare = pofilter_findings(clean, args.langs, pofilter_time, language=False)
    return {
        "command": "python -m benchmarks.quality " + " ".join(sys.argv[1:]),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "corpus": {
            "folder": str(folder), "lines": corpus.lines, "glossary": str(glossary),
            "glossary_concepts_with_english": len(terms), "seed": SEED,
            "langs": {lang: {"pairs": len(corpus.pairs[lang]),
                             "skipped": dict(corpus.skipped[lang].most_common()),
                             "restored": dict(corpus.restored[lang].most_common())}
                      for lang in args.langs},
        },
        "flagged": flagged_figures(clean, clean_found, args.langs),
        "terms": term_figures(clean, clean_found, terms, args.langs),
        "pofilter": (None if pofilter is None else
                     flagged_figures(clean, pofilter, args.langs, name=lambda test: test)),
        "pofilter_no_language": (None if bare is None else
                                 flagged_figures(clean, bare, args.langs, name=lambda test: test)),
        "injected": caught_figures(clean, clean_found, dirty, dirty_found, args.langs),
        "timing": {  # the whole run's wall and CPU seconds are added by main()
            "l10n_check": {"wall_seconds": round(l10n_time.wall, 2),
                           "cpu_seconds": round(l10n_time.cpu, 2), "runs": 2},
            "pofilter": {"wall_seconds": round(pofilter_time.wall, 2),
                         "cpu_seconds": round(pofilter_time.cpu, 2), "runs": 2 * len(args.langs)},
        },
    }


def _cpu_seconds() -> float:
    """CPU seconds of this process and of the processes it has waited for (their workers too)."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    start, cpu = time.perf_counter(), _cpu_seconds()
    if args.work is not None:
        args.work.mkdir(parents=True, exist_ok=True)
        figures = evaluate(args, args.work)
    else:
        with tempfile.TemporaryDirectory(prefix="l10n-quality-") as scratch:
            figures = evaluate(args, Path(scratch))
    figures["timing"] = {"wall_seconds": round(time.perf_counter() - start, 2),
                         "cpu_seconds": round(_cpu_seconds() - cpu, 2), **figures["timing"]}
    sys.stdout.write(render(figures))
    if args.json is not None:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", "utf-8")
    if args.markdown is not None:
        args.markdown.write_text(markdown(figures), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
