"""Extract: each source document parsed, cut into sentences and written as its template po/<name>.pot."""

from __future__ import annotations

import os
import time
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polib

from ..catalog.po import PAGE_WIDTH, format_po
from ..config import ProjectConfig
from ..util.fs import remove_stale_temporaries, write_all
from ..util.workers import Progress, no_progress, ticked
from ..model import Document, Unit
from .sources import (Source, discover_sources, ensure_writable, remove_stale_beside_links,
                      template_path)


# ------------------------------------------------------------------------ units to sentences


def unit_sentences(unit: Unit, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of a unit, or the whole unit when it must stay whole.

    A unit is split only when it is splittable and no sentence boundary would cut an inline
    element (the format's ``atomic`` ranges): a link or an emphasis that runs across a
    sentence boundary keeps the whole unit together, so markup is never torn apart.

    Remembered per unit and language: a build looks up the same source sentences for every
    language, and again to count them.
    """
    return list(_unit_sentences(unit, lang))


@lru_cache(maxsize=65_536)
def _unit_sentences(unit: Unit, lang: str) -> tuple[tuple[int, int], ...]:
    whole = ((0, len(unit.text)),)
    if not unit.splittable:
        return whole
    from ..segment import segment_spans

    spans = segment_spans(unit.text, lang)
    if len(spans) <= 1:
        return whole
    # A boundary cuts a range when the sentence ends in (low, high] or the next one starts in
    # [low, high). Each is one look-up in the union of the ranges, not a pass over all of them:
    # a paragraph of 40,000 emphasised sentences has 40,000 of each.
    ends_inside = _Union((low + 1, high + 1) for low, high in unit.atomic)
    starts_inside = _Union(unit.atomic)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        if end in ends_inside or start in starts_inside:
            return whole
    return tuple(spans)


class _Union:
    """The union of half-open integer ranges [low, high), for membership tests in log time."""

    def __init__(self, ranges):
        self.lows: list[int] = []
        self.highs: list[int] = []
        for low, high in sorted(ranges):
            if low >= high:
                continue
            if self.highs and low <= self.highs[-1]:
                self.highs[-1] = max(self.highs[-1], high)
            else:
                self.lows.append(low)
                self.highs.append(high)

    def __contains__(self, pos: int) -> bool:
        index = bisect_right(self.lows, pos) - 1
        return index >= 0 and pos < self.highs[index]


@dataclass(frozen=True)
class Segment:
    text: str
    role: str
    line: int
    comment: str


def document_segments(document: Document, lang: str) -> list[Segment]:
    segments = []
    for unit in document.units:
        for start, end in unit_sentences(unit, lang):
            segments.append(Segment(unit.text[start:end], unit.role, unit.line, unit.comment))
    return segments


# --------------------------------------------------------------------------------- templates


def creation_date() -> str:
    """Now, or SOURCE_DATE_EPOCH when set, in gettext's header format (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = int(epoch) if epoch and epoch.isdigit() else int(time.time())
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(stamp))


def build_template(source: Source, document: Document, config: ProjectConfig) -> polib.POFile:
    segments = document_segments(document, config.source_language)
    roles: dict[str, set[str]] = {}
    for segment in segments:
        roles.setdefault(segment.text, set()).add(segment.role)
    template = polib.POFile(wrapwidth=PAGE_WIDTH)
    template.header = (f"Catalogue template for {source.relpath}.\n"
                       "Written by l10n extract; edit the source document, not this file.")
    template.metadata_is_fuzzy = True
    template.metadata = {
        "Project-Id-Version": source.name,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": creation_date(),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": config.source_language,
        "X-Generator": "l10n",
    }
    entries: dict[tuple[str | None, str], polib.POEntry] = {}
    # What each entry already holds, as sets: a sentence repeated 40,000 times must not make
    # every repetition scan the references and comments of all the earlier ones.
    seen: dict[tuple[str | None, str], tuple[set, dict[str, None]]] = {}
    for segment in segments:
        context = segment.role if len(roles[segment.text]) > 1 else None
        key = (context, segment.text)
        entry = entries.get(key)
        if entry is None:
            entry = polib.POEntry(msgid=segment.text, msgctxt=context)
            entries[key] = entry
            seen[key] = (set(), {})
            template.append(entry)
        references, comments = seen[key]
        reference = (source.relpath, str(segment.line))
        if reference not in references:
            references.add(reference)
            entry.occurrences.append(reference)
        if segment.comment:
            comments.setdefault(segment.comment)
    for key, entry in entries.items():
        entry.comment = "\n".join(seen[key][1])
    return template


def _same_but_date(old: str, new: str) -> bool:
    def strip(text: str) -> list[str]:
        return [ln for ln in text.splitlines() if not ln.startswith('"POT-Creation-Date:')]

    return strip(old) == strip(new)


@dataclass(frozen=True)
class ExtractResult:
    source: Source
    template: Path
    entries: int
    written: bool


def extract(config: ProjectConfig, *, check: bool = False,
            progress: Progress = no_progress) -> list[ExtractResult]:
    """Write po/<name>.pot for every source; a template whose only change is its date stays.

    ``check``: write nothing, and say in each result's ``written`` whether the template would
    change (``extract --check``, for CI and pre-commit). ``progress`` is told of each source
    parsed."""
    sources = discover_sources(config)
    if check:
        planned = plan_templates(sources, config, progress)
        return [ExtractResult(source, plan.path, plan.entries, plan.changed)
                for source, plan in zip(sources, planned)]
    remove_stale_temporaries(config.po_dir)  # left by a run that was killed mid-write
    planned = plan_templates(sources, config, progress)  # all first: one bad source writes nothing
    remove_stale_beside_links([plan.path for plan in planned], config)
    # One transaction: a template that cannot be written (a full disk) leaves every one as it was.
    changed = [plan for plan in planned if plan.changed]
    written = dict(zip((plan.path for plan in changed),
                       write_all((plan.path, plan.text) for plan in changed)))
    return [ExtractResult(source, plan.path, plan.entries, written.get(plan.path, False))
            for source, plan in zip(sources, planned)]


def orphan_templates(config: ProjectConfig, results: list[ExtractResult]) -> list[Path]:
    """Templates in the catalogue folder that no source document makes any more (its source
    was removed or renamed), sorted: their catalogues still hold translations."""
    made = {result.template for result in results}
    if not config.po_dir.is_dir():
        return []
    return sorted(path for path in config.po_dir.rglob("*.pot")
                  if path not in made and not path.name.startswith("."))


@dataclass(frozen=True)
class PlannedTemplate:
    """A source's new template: its PO text, number of entries, and whether it differs from
    the file already at ``path`` in more than its creation date."""

    path: Path
    text: str
    entries: int
    changed: bool


def plan_template(source: Source, config: ProjectConfig) -> PlannedTemplate:
    """Parse and segment one source into its template text and compare it with the old one."""
    from ..formats import parse_file

    path = template_path(config, source.name)
    ensure_writable(path, config, "template", "write")
    template = build_template(source, parse_file(source.path, config), config)
    text = format_po(template, path)  # refused if too large to be read back
    old = path.read_text("utf-8", errors="replace") if path.is_file() else None
    return PlannedTemplate(path, text, len(template), old is None or not _same_but_date(old, text))


def plan_templates(sources: list[Source], config: ProjectConfig,
                   progress: Progress = no_progress) -> list[PlannedTemplate]:
    """``plan_template`` for each source, in order.

    Parsing and segmenting are CPU-bound Python, so a large project (several documents, enough
    bytes: see checks.parallel.fork_workers) is shared among forked worker processes. They
    inherit the loaded modules and segmentation rules and send back only the plans; the result,
    and the first source's error when sources are bad, are those of one source after another.
    """
    from ..util.workers import default_jobs, fork_map, fork_workers
    from ..segment.rules import load_rules

    load_rules(config.source_language)  # imported and read here, not in every worker
    workers = fork_workers([s.path for s in sources], default_jobs(), len(sources))
    with progress(len(sources)) as tick:
        if not workers:
            return [ticked(plan_template(source, config), tick) for source in sources]
        return fork_map(sources, lambda source: plan_template(source, config),
                        [[i] for i in range(len(sources))], workers, lambda _: tick())
