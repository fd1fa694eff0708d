"""Term indexes kept ready-made, one file each, and the marshal files the cache is made of.

Each file is ``magic``, the CRC-32 of its payload, and the payload (marshal data): a damaged
file is rebuilt rather than used, and every file is written to a temporary name and renamed.
Like pip's, mypy's and black's caches, these files are trusted (marshal, like pickle, is not
meant for hostile data): l10n itself wrote them into a folder of the user's.
"""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path

import ahocorasick

from ...errors import InputError
from ...util.fs import atomic_write_stream
from ...util.workers import collector_paused
from ..matcher.index import TermIndex
from ..matcher.records import IndexEntry, new_tuple
from ..model import Glossary

INDEX_MAGIC = b"L10NIDX2"


def index_file(folder: Path, lang: str, role: str) -> Path:
    return folder / f"{lang}.{role}.idx"


class LazyEntries(dict):
    """The entries of a restored TermIndex, each made (with its Term, read from the glossary)
    when a hit first needs it: most of a big glossary's entries are never hit. A dict of the
    entries made so far, so that a hit on a known entry is one lookup in C (``_candidates``)."""

    __slots__ = ("_raw", "_glossary", "_lang")

    def __init__(self, raw: list[tuple], glossary: Glossary, lang: str):
        super().__init__()
        self._raw, self._glossary, self._lang = raw, glossary, lang

    def __len__(self) -> int:
        return len(self._raw)

    def raw(self) -> list[tuple]:
        """Each entry's plain data: (concept id, term position, ..., status rank)."""
        return self._raw

    def __missing__(self, eid: int) -> IndexEntry:
        cid, pos, *rest = self._raw[eid]
        term = self._glossary.concepts[cid].languages[self._lang].terms[pos]
        entry = self[eid] = new_tuple(IndexEntry, (cid, pos, term, *rest))
        return entry


def write_index(file: Path, index: TermIndex) -> None:
    with collector_paused():
        automaton, entries, *rest = index.parts()
        rebuild, args = automaton.__reduce__()[:2]
        if rebuild is not ahocorasick.Automaton:
            return  # a pyahocorasick that pickles differently: keep building instead
    try:
        write_marshal(file, INDEX_MAGIC, (args, entries, *rest))
    except (OSError, InputError):
        pass  # a cache that cannot be written only costs time


def read_index(file: Path) -> tuple | None:
    """The parts kept in ``file``; None when missing or damaged (its CRC-32 disagrees)."""
    return read_marshal(file, INDEX_MAGIC)


def write_marshal(file: Path, magic: bytes, value: tuple) -> None:
    """``value`` in ``file`` (atomically): ``magic``, the CRC-32 of the payload, the payload."""
    with collector_paused():
        payload = marshal.dumps(value)
    head = magic + zlib.crc32(payload).to_bytes(4, "big")
    atomic_write_stream(file, (head, payload), sync=False)


def read_marshal(file: Path, magic: bytes) -> tuple | None:
    """What ``write_marshal`` kept in ``file``; None when missing or damaged."""
    try:
        data = file.read_bytes()
    except OSError:
        return None
    head = len(magic) + 4
    if data[:len(magic)] != magic:
        return None
    payload = memoryview(data)[head:]
    if zlib.crc32(payload).to_bytes(4, "big") != data[len(magic):head]:
        return None
    try:
        with collector_paused():
            value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return value if isinstance(value, tuple) else None
