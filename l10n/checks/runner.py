"""Running checks over catalogues: selection, parallel checking, suppressions, sorted findings.

    targets --load (lenient plurals)--> Entries --checks, per file (threads or processes)-->
    raw findings
    all entries --project checks--> more findings --"#, ignore-<slug>" flags--> Findings (sorted)

The result does not depend on the number of threads: findings are sorted by file, line, code
and message. Suppression flags that silence nothing, or name no check, become findings too.

Memory: a checked catalogue leaves behind only a ``FileResult`` (its findings, its entries that
carry an ``ignore-`` flag, and the entries each project check still needs), not its entries, so
the run holds far less than the project's text (see ``FileResult``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import polib

from ..catalog.po import plural_count, read_po
from ..config import ProjectConfig
from ..errors import ConfigError, InputError, L10nError
from ..model import Finding, Severity
from .base import Check, CheckContext, Entry, ProjectCheck
from ..util.workers import default_jobs, fork_map, map_here, map_in_threads
from .parallel import document_groups, worker_count
from .registry import CHECKS, UnknownSuppression, UnusedSuppression

IGNORE = "ignore-"
META = (UnusedSuppression, UnknownSuppression)


@dataclass(frozen=True)
class Target:
    """One catalogue to check: where it is, how to name it in reports, its language if known."""

    path: Path
    display: str
    lang: str | None = None


@dataclass(frozen=True)
class Catalogue:
    """One catalogue that was checked."""

    file: str
    lang: str
    source_lang: str
    entries: int


@dataclass(frozen=True, slots=True)
class FileResult:
    """What checking one catalogue leaves for the rest of the run (what workers send back).

    Only what the end of the run reads is kept, not the catalogue's entries: ``findings`` of
    the per-entry checks (suppressions not applied yet); ``flagged``, the entries with an
    ``ignore-`` flag (no other entry can silence a finding or be reported as an unused
    suppression); and per project check, in the order of the run's project checks, ``seen``:
    the entries it applies to, less those whose gathered value is empty, and ``values``: the
    gathered values beside them (None for a check that gathers nothing).
    """

    catalogue: Catalogue
    findings: list[Finding]
    flagged: list[Entry]
    seen: list[list[Entry]]
    values: list[list | None]


@dataclass(frozen=True)
class CheckRun:
    findings: tuple[Finding, ...]
    catalogues: tuple[Catalogue, ...]
    checks: tuple[Check, ...]

    def counts(self) -> dict[Severity, int]:
        counts = dict.fromkeys(sorted(Severity, reverse=True), 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def fails(self, threshold: Severity | None) -> bool:
        """Whether any finding is at or above ``threshold`` (None: never fails)."""
        return threshold is not None and any(f.severity >= threshold for f in self.findings)


# ------------------------------------------------------------------------------- selection


def find_check(name: str) -> type[Check] | None:
    """The check class with this slug, a former slug of it, or its code."""
    return next((c for c in CHECKS if name in (c.slug, c.code) or name in c.aliases), None)


def validate_names(names: Iterable[str], what: str, *, path: str | Path | None = None) -> None:
    """ConfigError for a name that is neither a check's slug nor its code."""
    for name in names:
        if find_check(name) is None:
            raise ConfigError(f"{what}: unknown check {name!r}; `l10n checks` lists them",
                              path=path)


def select_checks(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> tuple[Check, ...]:
    """Instances of the chosen checks, in registry order: ``select`` (all when empty) - ``ignore``."""
    validate_names(select, "select")
    validate_names(ignore, "ignore")
    chosen = {find_check(n) for n in select} if select else set(CHECKS)
    dropped = {find_check(n) for n in ignore}
    return tuple(cls() for cls in CHECKS if cls in chosen and cls not in dropped)


# ------------------------------------------------------------------------------- loading


def catalogue_entries(catalogue: polib.POFile, *, file: str, lang: str,
                      source_lang: str) -> list[Entry]:
    """The catalogue's live entries (obsolete ones left out) as the checks see them.

    Texts that repeat are interned: a source text is the same in every language of a document
    and an extracted comment ("<p> in <section>") in many entries, so one copy is kept, and
    pickle sends it once per worker task. Entries without flags share one empty set.
    """
    nplurals = plural_count(catalogue)
    entries = []
    intern = sys.intern
    for item in catalogue:
        if item.obsolete:
            continue
        forms = item.msgstr_plural
        plural = tuple([forms[n] for n in sorted(forms)]) if forms else ()
        entries.append(Entry(
            file=file, line=item.linenum or 0, lang=lang, source_lang=source_lang,
            msgid=intern(item.msgid), msgstr=item.msgstr,
            msgctxt=None if item.msgctxt is None else intern(item.msgctxt),
            msgid_plural=intern(item.msgid_plural) if item.msgid_plural else None,
            msgstr_plural=plural, flags=frozenset(item.flags) if item.flags else _NO_FLAGS,
            comment=intern(item.comment) if item.comment else "", fuzzy=item.fuzzy,
            nplurals=nplurals,
            markup=_markup(item.occurrences[0][0]) if item.occurrences else None,
        ))
    return entries


_NO_FLAGS: frozenset[str] = frozenset()
# Source documents whose text is XML, by the suffix of the file an entry's reference names.
_XML_SUFFIXES = (".xhtml",)  # the HTML format's XHTML suffix (formats/html.py)


@lru_cache(maxsize=1024)
def _markup(reference: str) -> str | None:
    """"xhtml" when the entry's source document is XHTML (its translation must be well-formed
    XML), else None."""
    return "xhtml" if reference.lower().endswith(_XML_SUFFIXES) else None


def load_target(target: Target, *, source_lang: str) -> tuple[Catalogue, list[Entry]]:
    """Read one catalogue leniently (wrong plural counts become findings, not errors)."""
    catalogue = read_po(target.path, strict_plurals=False)
    lang = (catalogue.metadata.get("Language") or "").strip().replace("-", "_") or target.lang
    if not lang:
        raise InputError("cannot tell the catalogue's language: no Language header and not "
                         "under po/<lang>/; pass --lang", path=target.display)
    source = (catalogue.metadata.get("X-Source-Language") or "").strip() or source_lang
    entries = catalogue_entries(catalogue, file=target.display, lang=lang, source_lang=source)
    return Catalogue(target.display, lang, source, len(entries)), entries


def project_targets(config: ProjectConfig, langs: Sequence[str]) -> list[Target]:
    """Every po/<lang>/**/*.po of the chosen languages (never the source language), sorted."""
    targets = []
    for lang in langs:
        if lang == config.source_language:
            continue
        folder = config.po_dir / lang
        for path in sorted(folder.rglob("*.po")) if folder.is_dir() else ():
            targets.append(Target(path, config.relative(path), lang))
    return targets


def file_targets(config: ProjectConfig, paths: Sequence[Path], lang: str | None) -> list[Target]:
    """Targets for files named on the command line; the language from po/<lang>/ or ``lang``."""
    targets = []
    for path in paths:
        folder_lang = next((p.name for p in path.resolve().parents if p.name in config.languages),
                           None)
        targets.append(Target(path, config.relative(path), folder_lang or lang))
    return targets


# ------------------------------------------------------------------------------- running


def entry_findings(entries: Iterable[Entry], checks: Sequence[Check],
                   context: CheckContext) -> list[Finding]:
    """What the per-entry checks report, before suppressions."""
    found = []
    checks = [check for check in checks if not isinstance(check, ProjectCheck)]
    plans: dict[tuple, list[tuple[Check, bool]]] = {}
    for entry in entries:
        key = (entry.lang, entry.obsolete, entry.fuzzy or not entry.translated)
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = _applicable(checks, entry)
        for check, ask in plan:
            if not ask or check.applies(entry):
                found.extend(check.check(entry, context))
    return found


def _applicable(checks: Sequence[Check], entry: Entry) -> list[tuple[Check, bool]]:
    """The checks that may apply to entries like ``entry``, in order, each with whether its
    own ``applies`` must still be asked per entry. ``Check.applies`` looks only at the
    language, obsolete, fuzzy and translated, so its answer for ``entry`` holds for every
    entry that has the same; a check that overrides it is asked about each entry."""
    plan = []
    for check in checks:
        if type(check).applies is not Check.applies:
            plan.append((check, True))
        elif check.applies(entry):
            plan.append((check, False))
    return plan


def project_findings(entries: list[Entry], checks: Sequence[Check],
                     context: CheckContext) -> list[Finding]:
    found = []
    for check in checks:
        if isinstance(check, ProjectCheck):
            found.extend(check.check_all([e for e in entries if check.applies(e)], context))
    return found


def apply_suppressions(findings: Iterable[Finding], entries: Iterable[Entry],
                       checks: Sequence[Check]) -> list[Finding]:
    """Drop findings their entry's ``#, ignore-<slug>`` silences; report useless flags."""
    entries = list(entries)
    by_place = {(e.file, e.line): e for e in entries}
    active = {check.slug: check for check in checks}
    used, kept = set(), []
    silencers = {check.slug: {IGNORE + name for name in (check.slug, *check.aliases)}
                 for check in checks}
    for finding in findings:
        entry = by_place.get((finding.file, finding.line))
        flags = silencers.get(finding.check, {IGNORE + finding.check})
        if entry is not None and not flags.isdisjoint(entry.flags):
            used.add((finding.file, finding.line, finding.check))
        else:
            kept.append(finding)
    meta_slugs = {cls.slug for cls in META}
    for entry in entries:
        for flag in sorted(f for f in entry.flags if f.startswith(IGNORE)):
            named = flag[len(IGNORE):]
            known = find_check(named)
            if known is None or named == known.code:
                meta = UnknownSuppression().finding(
                    entry, f"#, {flag}: no check is called {named!r} (`l10n checks` lists them)")
                if meta.check in active and IGNORE + meta.check not in entry.flags:
                    kept.append(meta)
                continue
            slug = known.slug  # a former slug (ignore-ru-quotes) stands for the check's own
            if (slug in active and slug not in meta_slugs
                    and (entry.file, entry.line, slug) not in used
                    and _ran_on(active[slug], entry)):
                meta = UnusedSuppression().finding(entry, f"#, {flag} silenced nothing; "
                                                   "remove the flag")
                if meta.check in active and IGNORE + meta.check not in entry.flags:
                    kept.append(meta)
    return kept


def _ran_on(check: Check, entry: Entry) -> bool:
    """Whether the check had its say on the entry (a flag on an unreviewed entry may be early)."""
    return not entry.obsolete and (check.applies(entry) or (entry.translated and not entry.fuzzy))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.file, f.line, f.code, f.message, f.msgid))


def run_entries(entries: list[Entry], checks: Sequence[Check],
                context: CheckContext | None = None) -> list[Finding]:
    """Every finding for a set of entries (one "project"), suppressions applied, sorted."""
    context = context or CheckContext()
    raw = entry_findings(entries, checks, context) + project_findings(entries, checks, context)
    return sort_findings(apply_suppressions(raw, entries, checks))


def run(targets: Sequence[Target], checks: Sequence[Check], context: CheckContext, *,
        source_lang: str = "en", jobs: int | None = None,
        progress: Callable[[Target], None] | None = None) -> CheckRun:
    """Check catalogues in parallel and the project as a whole; results are sorted.

    Large runs use worker processes (``parallel``), smaller ones threads or this thread;
    catalogues are handed out one document (in every language) at a time. Each catalogue
    leaves only a ``FileResult`` behind, so the run's memory grows with its findings and with
    what the project checks need, not with every entry of the project.
    """
    jobs = jobs or default_jobs()
    project = tuple(c for c in checks if isinstance(c, ProjectCheck))

    def one(target: Target) -> FileResult:
        catalogue, entries = load_target(target, source_lang=source_lang)
        found = entry_findings(entries, checks, context)
        flagged = [e for e in entries if any(f.startswith(IGNORE) for f in e.flags)]
        seen, values = project_inputs(entries, project, context)
        return FileResult(catalogue, found, flagged, seen, values)

    groups = document_groups(targets)
    order = [index for group in groups for index in group]
    workers = worker_count(targets, jobs, len(groups))
    if workers:
        _prepare(checks, context, targets, source_lang)
        results = fork_map(targets, one, groups, workers, progress)
    elif jobs <= 1 or len(targets) <= 1:
        results = map_here(targets, one, order, progress)
    else:
        results = map_in_threads(targets, one, order, jobs, progress)
    if context.glossary is not None and getattr(context.glossary, "folder", None) is not None:
        from ..glossary.cache import keep_learnt_words

        keep_learnt_words()  # what this process's term indexes learnt (workers keep theirs)
    raw = [f for result in results for f in result.findings]
    try:
        for number, check in enumerate(project):
            if _gathers(check):
                context.gathered[check.slug] = {
                    e: value for result in results
                    for e, value in zip(result.seen[number], result.values[number])
                    if value is not None}
        for number, check in enumerate(project):
            seen = [e for result in results for e in result.seen[number]]
            raw.extend(check.check_all(seen, context))
    finally:
        context.gathered.clear()
    flagged = [e for result in results for e in result.flagged]
    findings = sort_findings(apply_suppressions(raw, flagged, checks))
    return CheckRun(tuple(findings), tuple(r.catalogue for r in results), tuple(checks))


def project_inputs(entries: list[Entry], project: Sequence[ProjectCheck],
                   context: CheckContext) -> tuple[list[list[Entry]], list[list | None]]:
    """Per project check, the entries its ``check_all`` needs and their gathered values.

    A check sees the entries it applies to. One that gathers (overrides ``gather``) gets the
    value of each; an entry whose value is empty (an empty tuple: nothing of interest in it)
    is left out, so the run does not keep it for nothing. Checks that gather nothing get None.
    """
    seen: list[list[Entry]] = []
    values: list[list | None] = []
    memo: dict = {}
    for check in project:
        applicable = [e for e in entries if check.applies(e)]
        if not _gathers(check):
            seen.append(applicable)
            values.append(None)
            continue
        pairs = [(e, check.gather(e, context)) for e in applicable]
        pairs = [(e, value) for e, value in pairs if value is None or value]
        seen.append([e for e, _ in pairs])
        values.append([_shared(value, memo) for _, value in pairs])
    return seen, values


def _shared(value: Any, memo: dict) -> Any:
    """``value`` with its equal strings and tuples (at any depth) made one object each.

    Gathered values repeat: the same name, written the same way, in many entries of a
    catalogue. One object is kept for all (and pickled once) instead of one per entry.
    A tuple is shared only with one made of the very same parts (compared by identity, so
    ``(1,)`` never stands for ``(True,)``); other values are left as they are.
    """
    if type(value) is str:
        return memo.setdefault(value, value)
    if type(value) is tuple:
        parts = tuple(_shared(part, memo) for part in value)
        # the parts are alive (held by ``parts`` or the memo), so their ids name them
        return memo.setdefault((tuple, *map(id, parts)), parts)
    return value


def _gathers(check: ProjectCheck) -> bool:
    return type(check).gather is not ProjectCheck.gather


def _prepare(checks: Sequence[Check], context: CheckContext, targets: Sequence[Target],
             source_lang: str) -> None:
    """Let the checks build their shared data once, before the workers fork."""
    langs = sorted({t.lang for t in targets if t.lang})
    for check in checks:
        try:
            check.prepare(context, langs, source_lang)
        except L10nError:
            pass  # raised again where the check needs the data, as without preparation


def check(config: ProjectConfig | None = None, paths: Sequence[str | Path] = (), *,
          langs: Sequence[str] = (), glossary: str | Path | None = None,
          select: Sequence[str] = (), ignore: Sequence[str] = (), jobs: int | None = None,
          allow_empty: bool = False) -> list[Finding]:
    """Check catalogues as ``l10n check`` does, and return the findings as data.

    ``config``: the project (default: ``load_config()``, the project around the working
    directory). ``paths``: the PO files to check (default: every ``po/<lang>/**/*.po`` of the
    project's target languages, or of ``langs``). ``glossary``: a TBX or CSV file or a folder
    (default: the project's glossary folder, if there is one). ``select`` and ``ignore`` name
    checks by slug or code, on top of the project's ``[tool.l10n.checks]``.

    Returns the ``Finding`` objects, sorted by file, line and code, with the ``ignore-<slug>``
    flags applied. Bad input raises an ``L10nError`` (an ``InputError`` when there is no
    catalogue to check, unless ``allow_empty``).

    Example: ``errors = [f for f in check(load_config(Path("site")))
    if f.severity >= Severity.ERROR]``.
    """
    if config is None:
        from ..config import load_config

        config = load_config()
    langs = list(langs)
    validate_names(config.check_select, "[tool.l10n.checks] select", path=config.config_file)
    validate_names(config.check_ignore, "[tool.l10n.checks] ignore", path=config.config_file)
    validate_names(select, "select")
    validate_names(ignore, "ignore")
    checks = select_checks(tuple(select) or config.check_select, (*config.check_ignore, *ignore))
    if paths:
        targets = file_targets(config, [Path(p) for p in paths],
                               langs[0] if len(langs) == 1 else None)
        targets = [t for t in targets if not langs or t.lang is None or t.lang in langs]
    else:
        targets = project_targets(config, langs or list(config.target_languages))
    if not targets:
        if allow_empty:
            return []
        raise InputError("no catalogue to check", path=config.po_dir)
    context = CheckContext(glossary=project_glossary(config, Path(glossary) if glossary else None),
                           config=config)
    return list(run(targets, checks, context, source_lang=config.source_language,
                    jobs=jobs).findings)


def project_glossary(config: ProjectConfig, path: Path | None = None):
    """The glossary to check terms against: ``path``, else the project's glossary/ if any."""
    if path is None:
        path = config.glossary_dir if config.glossary_dir.is_dir() else None
    if path is None:
        return None
    from ..glossary.cache import open_glossary

    return open_glossary(path)


def check_languages(config: ProjectConfig, langs: Sequence[str]) -> dict[str, dict[Severity, int]]:
    """Counts per severity of the project's checks for each language (the bundle's check gate),
    in one run: each document is checked in every language by the same worker, so its source
    sentences are analysed once, not once per language. The counts are those of one run per
    language (every check groups by language). The glossary, its term indexes and the matcher's
    memory of analysed texts are kept for the next build in this process, for as long as the
    glossary files are unchanged."""
    checks = select_checks(config.check_select, config.check_ignore)
    context = _gate_context(config)
    result = run(project_targets(config, langs), checks, context,
                 source_lang=config.source_language)
    counts = {lang: dict.fromkeys(sorted(Severity, reverse=True), 0) for lang in langs}
    for finding in result.findings:
        counts[finding.lang][finding.severity] += 1
    return counts


_LAST_CONTEXT: list = []  # [(key, CheckContext)]: the last project's, reused by the next build


def _gate_context(config: ProjectConfig) -> CheckContext:
    key = (config, _files_signature(config.glossary_dir))
    if not _LAST_CONTEXT or _LAST_CONTEXT[0][0] != key:
        _LAST_CONTEXT[:] = [(key, CheckContext(glossary=project_glossary(config), config=config))]
    return _LAST_CONTEXT[0][1]


def _files_signature(folder: Path) -> tuple:
    """Name, size and modification time of every file under ``folder`` (empty when absent)."""
    if not folder.is_dir():
        return ()
    return tuple(sorted((str(p), st.st_size, st.st_mtime_ns)
                        for p in folder.rglob("*") if p.is_file() for st in [p.stat()]))
