"""Leverage analysis: how much of the work left the memory already covers, in the bands that
release managers and vendors cost work by (Trados's "Analyze Files").

Per language and document, the source words of every entry not yet translated (untranslated
or fuzzy: translated entries are done) fall in one band, the first that applies:

    context     identical source in the same context (pre-translation takes it as is)
    repetition  the same source met earlier in the analysis of this language (documents in
                order, entries in order): translated once, it serves every repetition
    100         identical source elsewhere in the memory
    95-99, 85-94, 75-84, 50-74   the best fuzzy match's score (placeable matches are 99)
    none        no match of 50 % or more

Words are counted as ``l10n stats`` counts them (markup left out, a Han character a word).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from ..catalog.po import read_po
from ..config import ProjectConfig
from ..project.sources import catalogue_path, discover_sources, template_path
from ..project.progress import count_words
from ..util.workers import default_jobs
from .imports import import_project, neighbours
from .memory import Context, Memory
from .pretranslate import fuzzy_matches

BANDS = ("context", "repetition", "100", "95-99", "85-94", "75-84", "50-74", "none")
LOWEST = 50.0
_FUZZY_BANDS = ((95.0, "95-99"), (85.0, "85-94"), (75.0, "75-84"), (50.0, "50-74"))


@dataclass
class Leverage:
    lang: str
    document: str
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))
    segments: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))

    @property
    def total_words(self) -> int:
        return sum(self.words.values())


def band(score: float) -> str:
    if score >= 100:
        return "100"
    for lowest, name in _FUZZY_BANDS:
        if score >= lowest:
            return name
    return "none"


def analyse(config: ProjectConfig, memory: Memory, langs: list[str], *,
            jobs: int | None = None) -> list[Leverage]:
    """The leverage of every document in every language of ``langs``. The context and exact
    matches and the repetitions are found here, in order; the fuzzy lookups of the other
    entries (the costly ones) run together afterwards, on every core when they are enough
    (``jobs``; pretranslate.fuzzy_matches), and give the same bands in any number of
    processes."""
    import_project(memory, config)
    names = [source.name for source in discover_sources(config)]
    results: list[Leverage] = []
    queries: dict[tuple[str, str], int] = {}  # (source, lang) -> its index in ``waiting``
    waiting: list[tuple[str, str]] = []
    counted: list[tuple[Leverage, str | None, int, int]] = []  # result, band, query, words
    for lang in langs:
        seen: set[str] = set()
        for name in names:
            path = catalogue_path(config, lang, name)
            catalogue = read_po(path if path.exists() else template_path(config, name))
            result = Leverage(lang, name)
            for entry, previous, following in neighbours(catalogue):
                if (entry.msgstr or any(entry.msgstr_plural.values())) and not entry.fuzzy:
                    continue
                kind, index = _band(memory, entry, previous, following,
                                    config.source_language, lang, name, seen), -1
                if kind is None:
                    index = queries.setdefault((entry.msgid, lang), len(waiting))
                    if index == len(waiting):
                        waiting.append((entry.msgid, lang))
                seen.add(entry.msgid)
                counted.append((result, kind, index, count_words(entry.msgid)))
            results.append(result)
    found, _ = fuzzy_matches(memory, waiting, config.source_language, LOWEST,
                             default_jobs() if jobs is None else jobs)
    for result, kind, index, words in counted:
        if kind is None:
            kind = band(found[index].score) if found[index] is not None else "none"
        result.words[kind] += words
        result.segments[kind] += 1
    return results


def _band(memory: Memory, entry, previous: str, following: str, source_lang: str, lang: str,
          document: str, seen: set[str]) -> str | None:
    """The band of an entry that needs no fuzzy lookup (None: one is needed)."""
    context = Context(document, entry.msgctxt or "", previous, following)
    matches = memory.lookup_exact(entry.msgid, source_lang, lang, context=context, limit=1)
    if matches and matches[0].kind == "context":
        return "context"
    if entry.msgid in seen:
        return "repetition"
    return band(matches[0].score) if matches else None


def as_json(results: list[Leverage]) -> dict:
    languages: dict[str, dict] = {}
    for result in results:
        lang = languages.setdefault(result.lang, {"documents": {}, "words": dict.fromkeys(BANDS, 0)})
        lang["documents"][result.document] = {"words": result.words, "segments": result.segments,
                                              "total_words": result.total_words}
        for key, value in result.words.items():
            lang["words"][key] += value
    return {"bands": list(BANDS), "languages": languages}


def as_csv(results: list[Leverage]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["lang", "document", *BANDS, "total"])
    for result in results:
        writer.writerow([result.lang, result.document, *(result.words[b] for b in BANDS),
                         result.total_words])
    return out.getvalue()


def as_rows(results: list[Leverage]) -> list[list[str]]:
    """Table rows: one per document with words left to translate, and a total per language
    (as ``l10n stats`` totals), which shows a language with nothing left as zeros."""
    rows = []
    for lang in dict.fromkeys(result.lang for result in results):
        mine = [result for result in results if result.lang == lang]
        for result in mine:
            if result.total_words:
                rows.append([lang, result.document, *(str(result.words[b]) for b in BANDS),
                             str(result.total_words)])
        if len(mine) > 1 or not rows or rows[-1][0] != lang:
            rows.append([lang, "total", *(str(sum(r.words[b] for r in mine)) for b in BANDS),
                         str(sum(r.total_words for r in mine))])
    return rows
