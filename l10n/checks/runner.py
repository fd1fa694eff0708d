"""Running checks over catalogues: selection, parallel checking, suppressions, sorted findings.

    targets --load (lenient plurals)--> Entries --checks, per file (threads or processes)-->
    raw findings
    all entries --project checks--> more findings --"#, ignore-<slug>" flags--> Findings (sorted)

The result does not depend on the number of threads: findings are sorted by file, line, code
and message. Suppression flags that silence nothing, or name no check, become findings too.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import polib

from ..catalog import plural_count, read_po
from ..config import ProjectConfig
from ..errors import ConfigError, InputError, L10nError
from ..model import Finding, Severity
from .base import Check, CheckContext, Entry, ProjectCheck
from .parallel import document_groups, run_in_processes, worker_count
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
    """The check class with this slug or code."""
    return next((c for c in CHECKS if name in (c.slug, c.code)), None)


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
    """The catalogue's live entries (obsolete ones left out) as the checks see them."""
    nplurals = plural_count(catalogue)
    entries = []
    for item in catalogue:
        if item.obsolete:
            continue
        plural = tuple(text for _, text in sorted(item.msgstr_plural.items()))
        entries.append(Entry(
            file=file, line=item.linenum or 0, lang=lang, source_lang=source_lang,
            msgid=item.msgid, msgstr=item.msgstr, msgctxt=item.msgctxt,
            msgid_plural=item.msgid_plural or None, msgstr_plural=plural,
            flags=frozenset(item.flags), comment=item.comment or "", fuzzy=item.fuzzy,
            nplurals=nplurals,
        ))
    return entries


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
            targets.append(Target(path, _display(config, path), lang))
    return targets


def file_targets(config: ProjectConfig, paths: Sequence[Path], lang: str | None) -> list[Target]:
    """Targets for files named on the command line; the language from po/<lang>/ or ``lang``."""
    targets = []
    for path in paths:
        folder_lang = next((p.name for p in path.resolve().parents if p.name in config.languages),
                           None)
        targets.append(Target(path, _display(config, path), folder_lang or lang))
    return targets


def _display(config: ProjectConfig, path: Path) -> str:
    try:
        return path.resolve().relative_to(config.root).as_posix()
    except ValueError:
        return str(path)


# ------------------------------------------------------------------------------- running


def entry_findings(entries: Iterable[Entry], checks: Sequence[Check],
                   context: CheckContext) -> list[Finding]:
    """What the per-entry checks report, before suppressions."""
    found = []
    for entry in entries:
        for check in checks:
            if not isinstance(check, ProjectCheck) and check.applies(entry):
                found.extend(check.check(entry, context))
    return found


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
    for finding in findings:
        entry = by_place.get((finding.file, finding.line))
        if entry is not None and IGNORE + finding.check in entry.flags:
            used.add((finding.file, finding.line, finding.check))
        else:
            kept.append(finding)
    meta_slugs = {cls.slug for cls in META}
    for entry in entries:
        for flag in sorted(f for f in entry.flags if f.startswith(IGNORE)):
            slug = flag[len(IGNORE):]
            if find_check(slug) is None or find_check(slug).slug != slug:
                meta = UnknownSuppression().finding(
                    entry, f"#, {flag}: no check is called {slug!r} (`l10n checks` lists them)")
            elif (slug in active and slug not in meta_slugs
                  and (entry.file, entry.line, slug) not in used
                  and _ran_on(active[slug], entry)):
                meta = UnusedSuppression().finding(entry, f"#, {flag} silenced nothing; "
                                                   "remove the flag")
            else:
                continue
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
    catalogues are handed out one document (in every language) at a time.
    """
    jobs = jobs or min(8, os.cpu_count() or 1)
    gatherers = [c for c in checks if isinstance(c, ProjectCheck)
                 and type(c).gather is not ProjectCheck.gather]

    def one(target: Target):
        catalogue, entries = load_target(target, source_lang=source_lang)
        found = entry_findings(entries, checks, context)
        return catalogue, entries, found, gather(entries, gatherers, context)

    groups = document_groups(targets)
    order = [index for group in groups for index in group]
    workers = worker_count(targets, jobs, len(groups))
    if workers:
        _prepare(checks, context, targets, source_lang)
        results = run_in_processes(targets, one, groups, workers, progress)
    elif jobs <= 1 or len(targets) <= 1:
        results = _in_order(targets, one, order, progress)
    else:
        results = _in_threads(targets, one, order, jobs, progress)
    entries = [e for _, file_entries, _, _ in results for e in file_entries]
    for slug in {c.slug for c in gatherers}:
        context.gathered[slug] = {e: value for _, file_entries, _, gathered in results
                                  for e, value in zip(file_entries, gathered[slug])}
    try:
        raw = [f for _, _, found, _ in results for f in found]
        raw += project_findings(entries, checks, context)
    finally:
        context.gathered.clear()
    findings = sort_findings(apply_suppressions(raw, entries, checks))
    return CheckRun(tuple(findings), tuple(c for c, _, _, _ in results), tuple(checks))


def gather(entries: list[Entry], gatherers: Sequence[ProjectCheck],
           context: CheckContext) -> dict[str, list]:
    """Per project check, ``gather(entry)`` for each entry it applies to (else None)."""
    return {check.slug: [check.gather(e, context) if check.applies(e) else None for e in entries]
            for check in gatherers}


def _prepare(checks: Sequence[Check], context: CheckContext, targets: Sequence[Target],
             source_lang: str) -> None:
    """Let the checks build their shared data once, before the workers fork."""
    langs = sorted({t.lang for t in targets if t.lang})
    for check in checks:
        try:
            check.prepare(context, langs, source_lang)
        except L10nError:
            pass  # raised again where the check needs the data, as without preparation


def _in_order(targets: Sequence[Target], one: Callable, order: list[int],
              progress: Callable[[Target], None] | None) -> list:
    """In this thread, in ``order``; the first target's InputError is raised, as in threads."""
    results: list = [None] * len(targets)
    errors = {}
    for index in order:
        if errors and index > min(errors):
            continue  # an earlier file already failed: its error is the one reported
        try:
            results[index] = one(targets[index])
        except InputError as error:
            errors[index] = error
        if progress:
            progress(targets[index])
    if errors:
        raise errors[min(errors)]
    return results


def _in_threads(targets: Sequence[Target], one: Callable, order: list[int], jobs: int,
                progress: Callable[[Target], None] | None) -> list:
    results: list = [None] * len(targets)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(one, targets[i]): i for i in order}
        errors = {}
        for future in as_completed(futures):
            index = futures[future]
            try:
                results[index] = future.result()
            except InputError as error:  # report the first file's error, whatever the timing
                errors[index] = error
            if progress:
                progress(targets[index])
        if errors:
            raise errors[min(errors)]
    return results


def project_glossary(config: ProjectConfig, path: Path | None = None):
    """The glossary to check terms against: ``path``, else the project's glossary/ if any."""
    if path is None:
        path = config.glossary_dir if config.glossary_dir.is_dir() else None
    if path is None:
        return None
    from ..glossary.store import load_glossary

    return load_glossary(path)


def check_language(config: ProjectConfig, lang: str) -> dict[str, int]:
    """Counts per severity of the project's checks on one language (the bundle's check gate).

    A build calls it once per language: the glossary, its term indexes and the matcher's
    memory of analysed source texts are kept from one language to the next (for as long as
    the glossary files are unchanged)."""
    checks = select_checks(config.check_select, config.check_ignore)
    context = _gate_context(config)
    result = run(project_targets(config, [lang]), checks, context,
                 source_lang=config.source_language)
    return {str(severity): count for severity, count in result.counts().items()}


def check_languages(config: ProjectConfig, langs: Sequence[str]) -> dict[str, dict[str, int]]:
    """``check_language`` for several languages in one run: each document is checked in every
    language by the same worker, so its source sentences are analysed once, not once per
    language. The counts are those of one run per language (every check groups by language)."""
    checks = select_checks(config.check_select, config.check_ignore)
    context = _gate_context(config)
    result = run(project_targets(config, langs), checks, context,
                 source_lang=config.source_language)
    counts = {lang: dict.fromkeys(sorted(Severity, reverse=True), 0) for lang in langs}
    for finding in result.findings:
        counts[finding.lang][finding.severity] += 1
    return {lang: {str(severity): n for severity, n in per.items()} for lang, per in counts.items()}


_GATE: list = []  # [(key, CheckContext)]: the last project's context, reused by check_language


def _gate_context(config: ProjectConfig) -> CheckContext:
    key = (config, _files_signature(config.glossary_dir))
    if not _GATE or _GATE[0][0] != key:
        _GATE[:] = [(key, CheckContext(glossary=project_glossary(config), config=config))]
    return _GATE[0][1]


def _files_signature(folder: Path) -> tuple:
    """Name, size and modification time of every file under ``folder`` (empty when absent)."""
    if not folder.is_dir():
        return ()
    return tuple(sorted((str(p), st.st_size, st.st_mtime_ns)
                        for p in folder.rglob("*") if p.is_file() for st in [p.stat()]))
