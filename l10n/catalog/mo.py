"""GNU MO files written directly: the compiled catalogues gettext reads at run time.

polib's writer builds its string tables by repeated ``bytes +=`` (quadratic in the catalogue
size) and walks entries through several Python layers; this writer collects the strings once
and joins them, and gives the same bytes as ``polib.POFile.to_binary`` for the same entries.

Layout (GNU gettext manual, "The Format of GNU MO Files"), all integers 32-bit little-endian:

    magic 0x950412de | revision 0 | N strings | offset of the original-string table
    | offset of the translation table | hash-table size 0 | hash-table offset
    then N (length, offset) pairs for the originals, N for the translations,
    then the NUL-terminated originals, then the NUL-terminated translations.

Originals are sorted by their UTF-8 bytes (the header, whose original is "", comes first), as
gettext's binary search expects. A context is stored as ``msgctxt + "\\x04" + msgid``; a plural
entry as ``msgid + "\\0" + msgid_plural`` with its forms joined by "\\0". A hash table of size 0
is allowed by the format: readers fall back to the binary search.
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass
from typing import Iterable, Iterator

MAGIC = 0x950412DE
HEADER_SIZE = 7 * 4


@dataclass(frozen=True)
class MoEntry:
    """One translated message as stored in an MO file."""

    msgid: str
    msgstr: tuple[str, ...]  # one form, or every plural form in order
    msgctxt: str | None = None
    msgid_plural: str | None = None

    def order(self) -> bytes:
        """What originals are sorted by: context and msgid (gettext's lookup compares up to
        the first NUL, so the plural msgid never decides)."""
        text = self.msgctxt + "\x04" + self.msgid if self.msgctxt else self.msgid
        return text.encode("utf-8")

    def key(self) -> bytes:
        original = self.msgid + ("\0" + self.msgid_plural if self.msgid_plural else "")
        if self.msgctxt:
            original = self.msgctxt + "\x04" + original
        return original.encode("utf-8")

    def value(self) -> bytes:
        return "\0".join(self.msgstr).encode("utf-8")


def write_mo(entries: Iterable[MoEntry]) -> bytes:
    """The MO file of ``entries`` (include the header entry, msgid "", yourself).

    Deterministic: the same entries give the same bytes. Entries with equal originals keep
    their order (gettext then finds one of them, as with msgfmt's duplicates).
    """
    ordered = sorted(entries, key=MoEntry.order)
    pairs = [(e.key(), e.value()) for e in ordered]
    count = len(pairs)
    key_start = HEADER_SIZE + 16 * count
    originals = b"".join(key + b"\0" for key, _ in pairs)
    value_start = key_start + len(originals)
    table = array("I")
    offset = key_start
    for key, _ in pairs:
        table.extend((len(key), offset))
        offset += len(key) + 1
    offset = value_start
    for _, value in pairs:
        table.extend((len(value), offset))
        offset += len(value) + 1
    if table.itemsize != 4:  # pragma: no cover - every supported platform has 32-bit "I"
        raise RuntimeError("array('I') is not 32-bit on this platform")
    if struct.pack("=I", 1) != struct.pack("<I", 1):  # pragma: no cover - big-endian hosts
        table.byteswap()
    header = struct.pack("<7I", MAGIC, 0, count, HEADER_SIZE, HEADER_SIZE + 8 * count, 0, key_start)
    translations = b"".join(value + b"\0" for _, value in pairs)
    return b"".join((header, table.tobytes(), originals, translations))


def mo_entries(catalogue, *, include_fuzzy: bool = False) -> Iterator[MoEntry]:
    """What ``catalog.compile_mo`` puts in the MO file of a polib catalogue: the header, then
    every live entry whose translation is complete (every plural form filled), fuzzy ones only
    when ``include_fuzzy``."""
    header = "".join(f"{name}: {value}\n" for name, value in catalogue.ordered_metadata())
    yield MoEntry("", (header,))
    for entry in catalogue:
        if entry.obsolete or (entry.fuzzy and not include_fuzzy):
            continue
        forms = tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
        if entry.msgstr == "" and (not forms or "" in forms):
            continue  # untranslated, or a plural form still empty
        if entry.msgid_plural:
            yield MoEntry(entry.msgid, forms, entry.msgctxt or None, entry.msgid_plural)
        else:
            yield MoEntry(entry.msgid, (entry.msgstr,), entry.msgctxt or None)


__all__ = ["MoEntry", "mo_entries", "write_mo"]
