"""The stages composed: sources -> templates -> catalogues (and back, for bundles)."""

from __future__ import annotations

import os
import time
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polib

from .catalog import check_plural_counts
from .catalog import format_po, plural_count, read_po, write_po
from .config import ProjectConfig
from .errors import InputError
from .fsutil import ensure_inside, remove_stale_temporaries, write_all
from .locales import english_name, plural_forms, sentence_joiner
from .merge import FUZZY_THRESHOLD, MergeReport, merge_catalogue
from .model import Document, Rendition, Unit


@dataclass(frozen=True)
class Source:
    """One source document: ``name`` is its path under source/ without the suffix."""

    name: str
    path: Path
    relpath: str  # relative to the project root, with forward slashes, for "#:" references


def _source_files(config: ProjectConfig) -> list[Path]:
    """Every regular file under source/, sorted, hidden ones left out; links out of the project
    (to a file or a folder) are refused."""
    if not config.source_dir.is_dir():
        raise InputError("source folder not found", path=config.source_dir)
    files = []
    for path in sorted(config.source_dir.rglob("*")):
        if path.is_symlink():
            _ensure_inside(path, config)
        relative = path.relative_to(config.source_dir)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        _ensure_inside(path, config)
        _check_name(relative.as_posix(), path)
        files.append(path)
    return files


def _source_suffixes() -> set[str]:
    from .formats import FORMATS

    return {s for fmt in FORMATS for s in fmt.suffixes}


def discover_sources(config: ProjectConfig) -> list[Source]:
    """The documents to translate under source/: every file of a known format."""
    suffixes = _source_suffixes()
    found: dict[str, Source] = {}
    for path in _source_files(config):
        if path.suffix.lower() not in suffixes:
            continue
        name = path.relative_to(config.source_dir).with_suffix("").as_posix()
        source = Source(name, path, path.relative_to(config.root).as_posix())
        if name in found:
            raise InputError(
                f"two sources would share the catalogue po/{name}.pot: "
                f"{found[name].relpath} and {source.relpath}; rename one",
                path=path,
            )
        found[name] = source
    return list(found.values())


def discover_assets(config: ProjectConfig) -> list[tuple[str, Path]]:
    """The other files under source/ (images, style sheets) that documents refer to, with
    their path under source/: every language's bundle carries them unchanged."""
    suffixes = _source_suffixes()
    return [(path.relative_to(config.source_dir).as_posix(), path)
            for path in _source_files(config) if path.suffix.lower() not in suffixes]


# The longest source file name, in bytes: what is made from it must still fit the file
# systems' 255 (``.<name>.pot.XXXXXXXX.tmp`` beside a template, ``.<name>.html.XXXXXXXX.tmp``
# in a bundle).
MAX_NAME_BYTES = 200


def _check_name(name: str, path: Path) -> None:
    """Refuse a source name that cannot travel: a backslash or a control character would make
    a zip entry that escapes its folder on Windows, or break the ``#:`` lines of a catalogue;
    bytes that are not UTF-8 cannot be written in a catalogue; a name too long leaves no room
    for the names made from it."""
    bad = next((c for c in name if c == "\\" or ord(c) < 32 or ord(c) == 127), None)
    if bad is not None:
        raise InputError(f"source file name contains {bad!r}; rename the file", path=path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("source file name is not valid UTF-8; rename the file",
                         path=path) from None
    if len(path.name.encode("utf-8")) > MAX_NAME_BYTES:
        raise InputError(f"source file name is longer than {MAX_NAME_BYTES} bytes; rename the "
                         "file", path=path)


def _ensure_inside(path: Path, config: ProjectConfig, what: str = "source file",
                   action: str = "read") -> None:
    """Refuse a path of the project that symbolic links lead out of it (fsutil.ensure_inside):
    every source read, and every template and catalogue written."""
    ensure_inside(path, config.root, what=what, action=action)


def _ensure_writable(path: Path, config: ProjectConfig, what: str, action: str) -> None:
    """Refuse to write a template or catalogue that symbolic links lead out of the project,
    or into its source, glossary or output folder (a link po/fr/doc.po -> source/doc.html
    would have update overwrite the source). A link to another file of the catalogue folder
    is written through: it stays a link (fsutil.write_target)."""
    real = ensure_inside(path, config.root, what=what, action=action)
    for folder, holds in ((config.source_dir, "source"), (config.glossary_dir, "glossary"),
                          (config.output_dir, "output")):
        if folder in real.parents:
            raise InputError(f"{what} links into the project's {holds} folder "
                             f"({real.relative_to(config.root).as_posix()}); refusing to "
                             f"{action} it", path=path)


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
    from .segment import segment_spans

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
    template = polib.POFile(wrapwidth=79)
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


def template_path(config: ProjectConfig, name: str) -> Path:
    return config.po_dir / f"{name}.pot"


def catalogue_path(config: ProjectConfig, lang: str, name: str) -> Path:
    return config.po_dir / lang / f"{name}.po"


def extract(config: ProjectConfig, *, check: bool = False) -> list[ExtractResult]:
    """Write po/<name>.pot for every source; a template whose only change is its date stays.

    ``check``: write nothing, and say in each result's ``written`` whether the template would
    change (``extract --check``, for CI and pre-commit)."""
    sources = discover_sources(config)
    if check:
        planned = plan_templates(sources, config)
        return [ExtractResult(source, plan.path, plan.entries, plan.changed)
                for source, plan in zip(sources, planned)]
    remove_stale_temporaries(config.po_dir)  # left by a run that was killed mid-write
    planned = plan_templates(sources, config)  # everything first: one bad source writes nothing
    _remove_stale_beside_links([plan.path for plan in planned], config)
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
    from .formats import parse_file

    path = template_path(config, source.name)
    _ensure_writable(path, config, "template", "write")
    template = build_template(source, parse_file(source.path), config)
    text = format_po(template, path)  # refused if too large to be read back
    old = path.read_text("utf-8", errors="replace") if path.is_file() else None
    return PlannedTemplate(path, text, len(template), old is None or not _same_but_date(old, text))


def plan_templates(sources: list[Source], config: ProjectConfig) -> list[PlannedTemplate]:
    """``plan_template`` for each source, in order.

    Parsing and segmenting are CPU-bound Python, so a large project (several documents, enough
    bytes: see checks.parallel.fork_workers) is shared among forked worker processes. They
    inherit the loaded modules and segmentation rules and send back only the plans; the result,
    and the first source's error when sources are bad, are those of one source after another.
    """
    from .checks.parallel import fork_map, fork_workers
    from .segment.rules import load_rules

    load_rules(config.source_language)  # imported and read here, not in every worker
    workers = fork_workers([s.path for s in sources], min(8, os.cpu_count() or 1), len(sources))
    if not workers:
        return [plan_template(source, config) for source in sources]
    return fork_map(sources, lambda source: plan_template(source, config),
                    [[i] for i in range(len(sources))], workers)


# --------------------------------------------------------------------------------- catalogues


def new_catalogue(template: polib.POFile, lang: str) -> polib.POFile:
    nplurals, rule = plural_forms(lang)
    catalogue = polib.POFile(wrapwidth=79)
    name = english_name(lang)
    catalogue.header = f"{name} translation of {template.metadata.get('Project-Id-Version', '')}."
    date = template.metadata.get("POT-Creation-Date", creation_date())
    catalogue.metadata = {
        "Project-Id-Version": template.metadata.get("Project-Id-Version", ""),
        "Report-Msgid-Bugs-To": template.metadata.get("Report-Msgid-Bugs-To", ""),
        "POT-Creation-Date": date,
        "PO-Revision-Date": date,
        "Last-Translator": "",
        "Language-Team": name,
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": rule,
    }
    return catalogue


@dataclass(frozen=True)
class UpdateResult:
    lang: str
    name: str
    path: Path
    created: bool
    written: bool
    report: MergeReport


def read_old_catalogue(path: Path) -> polib.POFile:
    """The catalogue to merge into: read as msgmerge reads it, accepting plural entries whose
    forms contradict the header (the merge repairs them, with a warning at their line), but not
    translated plural entries without any Plural-Forms header, which nothing could repair."""
    old = read_po(path, strict_plurals=False)
    if plural_count(old) is None:
        check_plural_counts(old, path)
    return old


def update_catalogue(template: polib.POFile, path: Path, lang: str, *,
                     similarity: float = FUZZY_THRESHOLD) -> tuple[polib.POFile, bool, MergeReport]:
    """Merge ``template`` into the catalogue at ``path`` (a new one when it does not exist)."""
    created = not path.exists()
    old = new_catalogue(template, lang) if created else read_old_catalogue(path)
    nplurals = plural_count(old) or plural_forms(lang)[0]
    merged, report = merge_catalogue(old, template, nplurals=nplurals, similarity=similarity)
    return merged, created, report


def update(config: ProjectConfig, langs: list[str] | None = None, *,
           similarity: float = FUZZY_THRESHOLD) -> list[UpdateResult]:
    """Bring po/<lang>/<name>.po up to date with every template, for each target language."""
    langs = langs or list(config.target_languages)
    sources = discover_sources(config)
    remove_stale_temporaries(config.po_dir)  # left by a run that was killed mid-write
    # Read and merge everything first (one bad file writes nothing); only then write.
    planned = [plan for plans in plan_updates(sources, config, langs, similarity)
               for plan in plans]
    _remove_stale_beside_links([plan[2] for plan in planned], config)
    # One transaction: every catalogue of every language is new, or (a read-only folder, a
    # full disk) every one is as it was; never some languages updated and others not.
    written = write_all((path, text) for _, _, path, _, text, _ in planned)
    return [UpdateResult(lang, name, path, created, done, report)
            for (lang, name, path, created, _, report), done in zip(planned, written)]


def _remove_stale_beside_links(paths: list[Path], config: ProjectConfig) -> None:
    """The temporary files a killed run left beside catalogues that links lead to another
    folder of the project (a link is written through, and a write's temporary file is made
    beside the file it replaces), where remove_stale_temporaries(po/) does not look: it
    follows no link. Called, as that must be, while the project lock is held."""
    folders = {path.resolve().parent for path in paths}
    for folder in sorted(folders):
        if folder != config.po_dir and config.po_dir not in folder.parents:
            remove_stale_temporaries(folder, recursive=False)


def plan_update(source: Source, config: ProjectConfig, langs: list[str],
                similarity: float) -> list[tuple[str, str, Path, bool, str, MergeReport]]:
    """One source's merged catalogues, one per language, as the text to write.

    Kept as text rather than catalogue objects: a project's worth of merged catalogues waits
    in memory until every one is known to be good, and PO text is about a fifth of the size."""
    template = read_po(template_path(config, source.name))
    plans = []
    for lang in langs:
        path = catalogue_path(config, lang, source.name)
        # Every folder on the way too: a link po/fr -> elsewhere would take the write there.
        # A link inside the project is written through (fsutil.write_target).
        _ensure_writable(path, config, "catalogue", "update")
        merged, created, report = update_catalogue(template, path, lang, similarity=similarity)
        plans.append((lang, source.name, path, created, format_po(merged, path), report))
    return plans


def plan_updates(sources: list[Source], config: ProjectConfig, langs: list[str],
                 similarity: float) -> list[list[tuple[str, str, Path, bool, str, MergeReport]]]:
    """``plan_update`` for each source, in order; in forked workers for large projects (as
    ``plan_templates``): the result, and the first bad file's error, are the same."""
    from .checks.parallel import fork_map, fork_workers

    paths = [template_path(config, s.name) for s in sources]
    paths += [catalogue_path(config, lang, s.name) for s in sources for lang in langs]
    workers = fork_workers(paths, min(8, os.cpu_count() or 1), len(sources))
    if not workers:
        return [plan_update(source, config, langs, similarity) for source in sources]
    return fork_map(sources, lambda source: plan_update(source, config, langs, similarity),
                    [[i] for i in range(len(sources))], workers)


def merge_files(old_path: Path, template_path_: Path, out_path: Path, lang: str | None = None,
                *, similarity: float = FUZZY_THRESHOLD) -> MergeReport:
    """``l10n merge OLD.po NEW.pot -o OUT.po``: msgmerge for one pair of files."""
    old = read_old_catalogue(old_path)
    template = read_po(template_path_)
    lang = lang or old.metadata.get("Language") or "en"
    nplurals = plural_count(old) or plural_forms(lang)[0]
    merged, report = merge_catalogue(old, template, nplurals=nplurals, similarity=similarity)
    write_po(merged, out_path)  # -o /dev/null: written plainly, as msgmerge writes it
    return report


# --------------------------------------------------------------------- translations to render


def renditions_for(
    document: Document,
    catalogue: polib.POFile | None,
    *,
    source_lang: str,
    lang: str,
    allow_fuzzy: bool = False,
) -> list[Rendition]:
    """One rendition per unit: the translated sentences joined, or the source as fallback."""
    table: dict[tuple[str | None, str], polib.POEntry] = {}
    if catalogue is not None:
        table = {(e.msgctxt, e.msgid): e for e in catalogue if not e.obsolete}
    joiner = sentence_joiner(lang)
    renditions = []
    for unit in document.units:
        if lang == source_lang:
            renditions.append(Rendition(unit.text))
            continue
        parts, first = [], None
        for start, end in unit_sentences(unit, source_lang):
            text = unit.text[start:end]
            entry = table.get((unit.role, text)) or table.get((None, text))
            usable = entry and entry.msgstr and (allow_fuzzy or not entry.fuzzy)
            if not usable:
                parts = None
                break
            parts.append(entry.msgstr)
            first = first or entry
        if parts is None:
            renditions.append(Rendition(unit.text, fallback_lang=source_lang))
        else:
            origin = (catalogue.fpath, first.linenum) if catalogue.fpath and first else None
            renditions.append(Rendition(joiner.join(parts), origin=origin))
    return renditions
