"""Filling the memory: TMX and XLIFF files, PO files from outside the project, the project's
catalogues.

Every import of one command runs in one transaction: a bad file anywhere leaves the memory as
it was. A PO file gives one unit per translated entry (not fuzzy, not obsolete, not plural:
a plural entry's forms are not sentence pairs), in the context of its document (the project's
document name, or the file's name without suffix) and of its neighbouring entries. An XLIFF
file (1.2 or 2.0, from l10n or a CAT tool) gives the same for each of its ``<file>``s, read
as a catalogue by the caller's ``xliff`` reader (the xliff part's, which this part does not
import): the units the CAT tool marks finished, by that reader's rules (XLIFF states, Trados'
per-segment confirmation, memoQ's status; the others come as fuzzy and are left out), in its
``original`` as document, between its declared languages.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

import polib

from ..catalog.po import read_po
from ..config import ProjectConfig
from ..errors import InputError, L10nError
from ..util.workers import Progress, no_progress
from ..locales import official_language
from .memory import Memory
from .model import TMUnit

if TYPE_CHECKING:
    from .sqlite_store import Prepared, Row

_PO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|Z)?")


@dataclass
class ImportReport:
    """What one file gave: units read and added, and what was skipped (by language code)."""

    path: str
    read: int = 0
    added: int = 0
    skipped: Counter = field(default_factory=Counter)
    unchanged: bool = False  # a project catalogue not read again: unchanged since last time


def po_date(value: str) -> str:
    """A PO header date ("2025-11-04 09:30+0100") as a TMX date in UTC, or ""."""
    found = _PO_DATE.match(value.strip()) if value else None
    if not found:
        return ""
    from datetime import datetime, timedelta, timezone

    year, month, day, hour, minute, second, zone = found.groups()
    offset = timedelta(0)
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    try:
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute),
                          int(second or 0), tzinfo=timezone(offset))
    except ValueError:
        return ""
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def neighbours(catalogue: polib.POFile) -> list[tuple[polib.POEntry, str, str]]:
    """The active entries with the msgid before and after each (for context matches)."""
    active = [entry for entry in catalogue if not entry.obsolete and entry.msgid]
    ids = [""] + [entry.msgid for entry in active] + [""]
    return [(entry, ids[number], ids[number + 2]) for number, entry in enumerate(active)]


def po_units(catalogue: polib.POFile, *, source_lang: str, target_lang: str, document: str,
             origin: str) -> Iterator[TMUnit]:
    """The catalogue's translated entries as units."""
    changed = po_date(catalogue.metadata.get("PO-Revision-Date", ""))
    for entry, previous, following in neighbours(catalogue):
        if entry.msgid_plural or entry.fuzzy or not entry.msgstr:
            continue
        yield TMUnit(entry.msgid, source_lang, target_lang, entry.msgstr, document,
                     entry.msgctxt or "", previous, following, changed, origin)


def _po_language(catalogue: polib.POFile, path: Path, lang: str | None) -> str:
    declared = catalogue.metadata.get("Language", "")
    chosen = lang or declared
    mapped = official_language(chosen)
    if mapped is None:
        what = f"its Language header says {declared!r}" if declared and not lang else (
            f"--lang {lang!r}" if lang else "its header names no Language (give --lang)")
        raise InputError(f"cannot use this catalogue: {what}, not one of ar, en, es, fr, ru, zh",
                         path=path)
    return mapped


def import_po(memory: Memory, path: Path, *, source_lang: str, lang: str | None = None,
              document: str | None = None, origin: str | None = None) -> ImportReport:
    catalogue = read_po(path, strict_plurals=False)
    target = _po_language(catalogue, path, lang)
    if target == source_lang:
        raise InputError(f"the catalogue's language is the source language ({source_lang}); "
                         f"give --source-lang", path=path)
    report = ImportReport(str(origin or path))
    units = list(po_units(catalogue, source_lang=source_lang, target_lang=target,
                          document=document if document is not None else path.stem,
                          origin=str(origin or path)))
    report.read = len(units)
    report.added = memory.add(units)
    return report


def import_tmx(memory: Memory, path: Path, origin: str | None = None, *,
               jobs: int = 1) -> ImportReport:
    """Import one TMX file. With ``jobs`` above 1, a file of at least READER_FROM bytes and
    the SQLite store, the file is read in a process of its own (``_ForkedReader``)."""
    from .tmx import TMXReader  # here: pre-translation reads no TMX (lxml, its writer)

    reader = TMXReader(path, origin)
    report = ImportReport(str(path))
    add_batches = getattr(memory.backend, "add_batches", None)
    if jobs > 1 and add_batches is not None and hasattr(os, "fork") and \
            path.stat().st_size >= READER_FROM:
        forked = _ForkedReader(reader)
        batches = iter(forked)
        try:
            report.added = add_batches(batches)
        finally:
            batches.close()  # a write that failed stops the reader now, not when collected
        report.read, report.skipped = forked.count, forked.skipped
        return report
    counter = _Counted(reader)
    report.added = memory.add(counter)
    report.read, report.skipped = counter.count, reader.skipped
    return report


# A TMX file this large or larger is read in a process of its own while this one writes the
# memory (about 30 % less wall time from 100,000 units on when a second core is free, the
# same when none is; about 16 % more CPU: benchmarks/README.md, "TMX import, round three").
READER_FROM = 4 << 20
READER_BATCH = 2_000  # units a message from the reader: about 0.5 MB, within the pipe's 1 MB
_PIPE_SIZE = 1 << 20  # Linux's F_SETPIPE_SZ: the reader runs a batch or two ahead


class _ForkedReader:
    """The units of a TMXReader, read in a forked process: it parses the file and computes
    the skeletons and normal forms of their sources (the per-source work in Python,
    sqlite_store.prepare), and sends them in batches through a pipe, pickled, while this
    process writes SQLite. Iterating gives (rows, prepared) batches for
    SQLiteBackend.add_batches. A TMX error is raised here as the reader found it (file and
    line), after the batches before it; Ctrl-C is left to this process, which stops the
    reader; a reader that dies is one error line."""

    def __init__(self, reader):
        self.reader = reader
        self.count = 0
        self.skipped: Counter = Counter()

    def __iter__(self) -> Iterator[tuple[list[Row], Prepared]]:
        import pickle
        import signal

        read_end, write_end = os.pipe()
        try:
            import fcntl

            fcntl.fcntl(write_end, getattr(fcntl, "F_SETPIPE_SZ", 1031), _PIPE_SIZE)
        except (ImportError, OSError):
            pass  # a smaller pipe: the reader waits more, nothing else changes
        # SIGINT blocked across the fork: a Ctrl-C meant for this process, which stops the
        # reader itself, must not make the reader print a traceback
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pid = os.fork()
            if pid == 0:  # the reader: never returns
                os.close(read_end)
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
                _read_in_child(self.reader, write_end)
        except BaseException:
            os.close(read_end)
            os.close(write_end)
            raise
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        os.close(write_end)
        done = False
        try:
            with os.fdopen(read_end, "rb", buffering=1 << 16) as stream:
                while True:
                    try:
                        kind, *body = pickle.load(stream)
                    except EOFError:
                        break
                    if kind == "units":
                        self.count += len(body[0])
                        yield body[0], body[1]
                    elif kind == "done":
                        self.skipped, done = body[0], True
                        break
                    else:
                        message, path, line = body
                        raise InputError(message, path=path, line=line)
        finally:
            if not done:
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            _, status = os.waitpid(pid, 0)
        if not done or status != 0:
            raise InputError(f"the process reading the file stopped unexpectedly (exit "
                             f"status {os.waitstatus_to_exitcode(status)})",
                             path=self.reader.path)


def _read_in_child(reader, fd: int) -> None:
    """The reader process's whole life: send the batches, then the skipped languages (or
    the error), and exit."""
    import pickle

    from .sqlite_store import as_row, prepare

    status = 0
    try:
        with os.fdopen(fd, "wb", buffering=1 << 16) as out:
            try:
                batch = []
                for unit in reader:
                    batch.append(as_row(unit))
                    if len(batch) >= READER_BATCH:
                        pickle.dump(("units", batch, prepare(batch)), out, protocol=5)
                        batch = []
                if batch:
                    pickle.dump(("units", batch, prepare(batch)), out, protocol=5)
                pickle.dump(("done", reader.skipped), out, protocol=5)
            except L10nError as error:  # sent as it would be raised here: file, line
                pickle.dump(("error", error.message, error.path, error.line), out, protocol=5)
    except BaseException:  # the parent gone (a broken pipe), or stopped: exit quietly
        status = 1
    finally:
        os._exit(status)


class _Counted:
    def __init__(self, iterable):
        self.iterable, self.count = iterable, 0

    def __iter__(self):
        for item in self.iterable:
            self.count += 1
            yield item


XLIFF_SUFFIXES = (".xlf", ".xliff", ".sdlxliff", ".mqxliff")


def file_kind(path: Path) -> str:
    """"tmx", "xliff" or "po": by the suffix, else by the content (an XML file is XLIFF when
    its root element is <xliff>, else TMX, whose reader words what else it may be)."""
    suffix = path.suffix.lower()
    if suffix in (".tmx",):
        return "tmx"
    if suffix in (".po", ".pot"):
        return "po"
    if suffix in XLIFF_SUFFIXES:
        return "xliff"
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return "po"  # read_po words the problem
    if not head.startswith(b"<"):
        return "po"
    return "xliff" if _XLIFF_ROOT.search(head) else "tmx"


# The first element of an XML file (after its declaration, comments and doctype) is <xliff>.
_XLIFF_ROOT = re.compile(rb"^(?:<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>|\s)*<(?:\w+:)?xliff[\s>/]",
                         re.DOTALL)


@dataclass
class ForeignCatalogue:
    """One ``<file>`` of an XLIFF file, read as a catalogue: its languages as declared (codes
    such as "fr-FR"; ``target`` None when it declares none) and where they are declared."""

    path: Path
    line: int
    source: str
    target: str | None
    document: str
    catalogue: polib.POFile


# How import_files reads an XLIFF file: its <file>s as catalogues (InputError otherwise).
XliffReader = Callable[[Path], list[ForeignCatalogue]]


def import_xliff(memory: Memory, path: Path, reader: XliffReader, *, lang: str | None = None,
                 origin: str | None = None) -> ImportReport:
    """The translated units of each ``<file>`` of an XLIFF file, between its declared
    languages (``lang``: the target of a file that declares none). A ``<file>`` whose
    language is not one of the six is skipped and counted, as TMX's are."""
    report = ImportReport(str(origin or path))
    units: list[TMUnit] = []
    for found in reader(path):
        source = official_language(found.source)
        declared = found.target or lang
        if not declared:
            raise InputError("no target language (XLIFF 1.2: target-language on <file>; 2.0: "
                             "trgLang on <xliff>): give --lang", path=path, line=found.line)
        target = official_language(declared)
        if source == target and source is not None:
            raise InputError(f"the source and target languages are the same ({source})",
                             path=path, line=found.line)
        read = list(po_units(found.catalogue, source_lang=source or "", target_lang=target or "",
                             document=found.document or path.stem, origin=str(origin or path)))
        if source is None or target is None:
            report.skipped[found.source if source is None else declared] += len(read)
            continue
        units += read
    report.read = len(units)
    report.added = memory.add(units)
    return report


def origin_name(path: Path, root: Path | None) -> str:
    """How the memory names a file its units came from: relative to the project folder when
    inside it (the same on every clone), else its absolute path."""
    absolute = path.absolute()
    if root is not None:
        try:
            return absolute.relative_to(root).as_posix()
        except ValueError:
            pass
    return str(absolute)


def import_files(memory: Memory, paths: list[Path], *, source_lang: str = "en",
                 lang: str | None = None, root: Path | None = None,
                 progress: Progress = no_progress, jobs: int = 1,
                 xliff: XliffReader | None = None) -> list[ImportReport]:
    """Import TMX, XLIFF (read by ``xliff``) and PO files into the memory, all or nothing
    (``progress``: each file). ``lang``: the language of PO files whose header does not say,
    and the target of XLIFF ``<file>``s that declare none; ``jobs``: above 1, a large TMX
    file is read in a second process (see import_tmx)."""
    reports = []
    with memory.backend.transaction(), progress(len(paths)) as tick:
        for path in paths:
            origin = origin_name(path, root)
            kind = file_kind(path)
            if kind == "tmx":
                reports.append(import_tmx(memory, path, origin, jobs=jobs))
            elif kind == "xliff":
                if xliff is None:
                    raise InputError("XLIFF files are read by `l10n tm import`, not here",
                                     path=path)
                reports.append(import_xliff(memory, path, xliff, lang=lang, origin=origin))
            else:
                reports.append(import_po(memory, path, source_lang=source_lang, lang=lang,
                                         origin=origin))
            reports[-1].path = str(path)
            tick()
    return reports


def project_catalogues(config: ProjectConfig) -> list[tuple[str, str, Path]]:
    """(language, document, path) of every catalogue of the project's target languages."""
    found = []
    for lang in config.target_languages:
        folder = config.po_dir / lang
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.po")):
            document = path.relative_to(folder).with_suffix("").as_posix()
            found.append((lang, document, path))
    return found


def import_project(memory: Memory, config: ProjectConfig,
                   progress: Progress = no_progress) -> list[ImportReport]:
    """Bring the project's catalogues into the memory: each translated entry against the
    project's source language, in its document. A catalogue unchanged since it was last
    imported (same size and modification time) is not read again. ``progress``: each one."""
    reports = []
    catalogues = project_catalogues(config)
    with memory.backend.transaction(), progress(len(catalogues)) as tick:
        for lang, document, path in catalogues:
            tick()
            origin = path.relative_to(config.root).as_posix()
            info = os.stat(path)
            if memory.backend.seen(origin) == (info.st_size, info.st_mtime_ns):
                reports.append(ImportReport(origin, unchanged=True))
                continue
            reports.append(import_po(memory, path, source_lang=config.source_language,
                                     lang=lang, document=document, origin=origin))
            memory.backend.record(origin, info.st_size, info.st_mtime_ns)
    return reports
