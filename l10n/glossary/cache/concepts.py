"""A compiled glossary's concepts in an SQLite file, each read when first asked for.

One row per concept, in the glossary's order, found by id, with indexed columns for the
questions the checks ask of the glossary itself (``concepts_where``). The file is built in a
temporary folder and renamed, so a version folder that exists is complete; the last ``KEEP``
versions are kept.
"""

from __future__ import annotations

import marshal
import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Iterator

from ...errors import InputError
from ...util.workers import collector_paused
from ..model import Concept, Glossary, LanguageSection, Status, Term, TermType

KEEP = 8  # glossary versions kept in the cache
_TERM_FIELDS = tuple(f.name for f in fields(Term))
_TERM_VALUES = attrgetter(*_TERM_FIELDS)
assert _TERM_FIELDS[:3] == ("text", "status", "type")


class CompiledGlossary(Glossary):
    """A Glossary kept in the cache folder ``folder``; its term indexes are kept there too."""

    def __init__(self, concepts, title: str | None, source_lang: str, folder: Path):
        super().__init__(concepts, title, source_lang)
        self.folder = folder


def keeps_a_term(concept: Concept) -> bool:
    """Whether a term of the concept is marked do-not-translate."""
    return any(t.do_not_translate for s in concept.languages.values() for t in s.terms)


def store_concepts(root: Path, folder: Path, glossary: Glossary) -> None:
    """Write the glossary's concepts to ``folder``/concepts.sqlite (built in a temporary
    folder and renamed, so a folder that exists is complete), then prune old versions."""
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=parent))
    try:
        _write_concepts(work / "concepts.sqlite", glossary)
        try:
            os.rename(work, folder)
        except OSError:
            if not (folder / "concepts.sqlite").is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _prune(parent, keep=folder)


def _write_concepts(file: Path, glossary: Glossary) -> None:
    """One row per concept, in the glossary's order (``n``), found by ``id``. No journal and
    no syncing: the file is new, and unused until its folder is renamed into place."""
    db = sqlite3.connect(file)
    try:
        with collector_paused(), db:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB)")
            db.execute("CREATE TABLE concept (n INTEGER PRIMARY KEY, id TEXT UNIQUE, "
                       "domain TEXT, keep INTEGER, data BLOB)")
            db.execute("CREATE INDEX by_domain ON concept (domain)")
            db.execute("CREATE INDEX by_keep ON concept (keep)")
            db.execute("INSERT INTO meta VALUES ('glossary', ?)",
                       (marshal.dumps((glossary.title, glossary.source_lang)),))
            db.executemany("INSERT INTO concept (id, domain, keep, data) VALUES (?, ?, ?, ?)",
                           ((cid, c.domain, keeps_a_term(c), _encode(c))
                            for cid, c in glossary.concepts.items()))
    finally:
        db.close()


def _prune(parent: Path, keep: Path) -> None:
    """Remove all but the ``KEEP`` most recently used versions (and stale temporary folders)."""
    versions = [p for p in parent.iterdir() if p.is_dir() and p != keep]
    versions.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in versions[KEEP - 1:]:
        shutil.rmtree(old, ignore_errors=True)


def open_compiled(folder: Path) -> CompiledGlossary:
    concepts = StoredConcepts(folder / "concepts.sqlite")
    [(meta,)] = concepts.query("SELECT value FROM meta WHERE name = 'glossary'")
    title, source_lang = marshal.loads(meta)
    return CompiledGlossary(concepts, title, source_lang, folder)


def _encode(concept: Concept) -> bytes:
    return marshal.dumps((concept.domain, concept.definition, concept.note, tuple(
        (lang, section.check_as_source, section.check_as_target,
         tuple(map(_term_values, section.terms)))
        for lang, section in concept.languages.items())))


def _term_values(term: Term) -> tuple:
    """A Term's fields in order, its status and type as their plain values (looked up: an
    enumeration's call costs more than the rest of the term, for every term of the glossary)."""
    values = _TERM_VALUES(term)
    return (values[0], _STATUS_VALUES[values[1]], _TYPE_VALUES[values[2]], *values[3:])


# str enumerations: a member and its plain value find the same entry
_STATUS_VALUES = {member: member.value for member in Status}
_TYPE_VALUES = {member: member.value for member in TermType}
_STATUSES = {member.value: member for member in Status}  # and back, for _decode
_TYPES = {member.value: member for member in TermType}


def _decode(concept_id: str, data: bytes) -> Concept:
    domain, definition, note, sections = marshal.loads(data)
    concept = Concept(concept_id, domain, definition, note)
    for lang, as_source, as_target, terms in sections:
        made = [Term(text, _STATUSES[status], _TYPES[kind], *rest)  # fields in order
                for text, status, kind, *rest in terms]
        concept.languages[lang] = LanguageSection(lang, made, as_source, as_target)
    return concept


class StoredConcepts(Mapping):
    """Concept id -> Concept, read from the SQLite file when first asked for, then kept.

    Iterating (or ``len``) reads the order of every concept; ``values``/``items`` then read
    every concept. Each process opens its own connection (SQLite connections must not cross a
    fork: the checks run in forked workers), and a lock serialises the threads of one."""

    def __init__(self, file: Path):
        self._file = file
        self._made: dict[str, Concept] = {}
        self._ids: list[str] | None = None
        self._lock = threading.Lock()
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        self.query("SELECT count(*) FROM concept")  # fails now, not in a check, if damaged

    def query(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            try:
                if self._pid != os.getpid():
                    self._db = sqlite3.connect(self._file.as_uri() + "?mode=ro", uri=True,
                                               check_same_thread=False)
                    self._pid = os.getpid()
                return self._db.execute(sql, args).fetchall()
            except sqlite3.Error as exc:
                raise InputError(f"the compiled glossary cannot be read ({exc}); remove the "
                                 f"folder and run again", path=self._file.parent) from None

    def __getitem__(self, concept_id: str) -> Concept:
        concept = self._made.get(concept_id)
        if concept is None:
            rows = self.query("SELECT data FROM concept WHERE id = ?", (concept_id,))
            if not rows:
                raise KeyError(concept_id)
            concept = self._made[concept_id] = _decode(concept_id, rows[0][0])
        return concept

    def __contains__(self, concept_id: object) -> bool:
        return self.get(concept_id) is not None

    def get(self, concept_id, default=None):
        try:
            return self[concept_id]
        except (KeyError, sqlite3.InterfaceError):
            return default

    def where(self, domain: str | None, do_not_translate: bool) -> list[Concept]:
        """``concepts_where`` by the indexed columns."""
        tests, args = [], []
        if domain is not None:
            tests.append("domain = ?")
            args.append(domain)
        if do_not_translate:
            tests.append("keep = 1")
        sql = "SELECT id FROM concept" + (" WHERE " + " AND ".join(tests) if tests else "")
        ids = [row[0] for row in self.query(sql + " ORDER BY n", tuple(args))]
        return [self[cid] for cid in ids]

    def _order(self) -> list[str]:
        if self._ids is None:
            self._ids = [row[0] for row in self.query("SELECT id FROM concept ORDER BY n")]
        return self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._order())

    def __len__(self) -> int:
        return len(self._order())

    def read_all(self) -> None:
        if len(self._made) < len(self):
            for concept_id, data in self.query("SELECT id, data FROM concept"):
                if concept_id not in self._made:
                    self._made[concept_id] = _decode(concept_id, data)

    def values(self):
        self.read_all()
        return [self._made[cid] for cid in self._order()]

    def items(self):
        self.read_all()
        return [(cid, self._made[cid]) for cid in self._order()]
