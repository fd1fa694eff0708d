"""Completeness per language and document, like pocount and msgfmt --statistics."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ..catalog.po import read_po
from ..config import ProjectConfig
from ..util.counts import floor_tenth
from .sources import catalogue_path, discover_sources

_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
_TAG = re.compile(r"<[^>]+>")


def count_words(text: str) -> int:
    """Words of a message, markup left out; each Han character counts as one word."""
    return len(_WORD.findall(_TAG.sub(" ", text)))


@dataclass(frozen=True)
class DocumentStats:
    lang: str
    document: str
    translated: int
    fuzzy: int
    untranslated: int
    words: int
    translated_words: int
    missing: bool = False

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        # rounded down, as `l10n build` does: its gate and this table give the same figure
        return floor_tenth(100.0 * self.translated / self.total) if self.total else 100.0


def document_stats(config: ProjectConfig, lang: str, name: str) -> DocumentStats:
    path = catalogue_path(config, lang, name)
    if not path.exists():
        template = read_po(config.po_dir / f"{name}.pot")
        words = sum(count_words(e.msgid) for e in template if not e.obsolete)
        return DocumentStats(lang, name, 0, 0, len(template), words, 0, missing=True)
    translated = fuzzy = untranslated = words = done_words = 0
    for entry in read_po(path):
        if entry.obsolete:
            continue
        n = count_words(entry.msgid)
        words += n
        if entry.fuzzy:
            fuzzy += 1
        elif entry.msgstr or any(entry.msgstr_plural.values()):
            translated += 1
            done_words += n
        else:
            untranslated += 1
    return DocumentStats(lang, name, translated, fuzzy, untranslated, words, done_words)


def project_stats(config: ProjectConfig, langs: list[str] | None = None) -> list[DocumentStats]:
    langs = langs or list(config.target_languages)
    names = [source.name for source in discover_sources(config)]
    return [document_stats(config, lang, name) for lang in langs for name in names]


def totals(stats: list[DocumentStats], lang: str = "") -> DocumentStats:
    """The sum of ``stats`` as one line (``document`` is "total"): a language's documents, or
    the whole project's (``lang`` "all"). ``missing`` when a catalogue is missing."""
    return DocumentStats(lang, "total", sum(s.translated for s in stats), sum(s.fuzzy for s in stats),
                         sum(s.untranslated for s in stats), sum(s.words for s in stats),
                         sum(s.translated_words for s in stats), any(s.missing for s in stats))


def by_language(stats: list[DocumentStats]) -> dict[str, list[DocumentStats]]:
    """The documents' stats per language, in the order they come."""
    grouped: dict[str, list[DocumentStats]] = {}
    for item in stats:
        grouped.setdefault(item.lang, []).append(item)
    return grouped


def _summary(item: DocumentStats) -> dict:
    record = {**asdict(item), "total": item.total, "percent": item.percent}
    del record["lang"], record["document"]
    return record


def as_json(stats: list[DocumentStats]) -> dict:
    """Per language its documents and their totals; over the project, the totals of every
    language (entries and words of every catalogue counted once)."""
    languages: dict[str, dict] = {}
    for lang, items in by_language(stats).items():
        documents = [{**_summary(item), "document": item.document} for item in items]
        languages[lang] = {**_summary(totals(items, lang)), "documents": documents}
    return {"languages": languages, "total": _summary(totals(stats, "all"))}
