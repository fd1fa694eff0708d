"""GNU MO files written directly: the compiled catalogues gettext reads at run time, byte for
byte what GNU msgfmt (gettext 0.21, write-mo.c) writes for the same catalogue.

polib's writer builds its string tables by repeated ``bytes +=`` (quadratic in the catalogue
size), walks entries through several Python layers and writes no hash table; this writer
collects the strings once and joins them.

Layout (GNU gettext manual, "The Format of GNU MO Files"), all integers 32-bit little-endian:

    magic 0x950412de | revision 0 | N strings | offset of the original-string table
    | offset of the translation table | hash-table size S | hash-table offset
    then N (length, offset) pairs for the originals, N for the translations,
    then the S slots of the hash table,
    then the NUL-terminated originals, then the NUL-terminated translations.

Originals are sorted by their UTF-8 bytes up to the first NUL (the header, whose original is
"", comes first), as gettext's binary search expects. A context is stored as
``msgctxt + "\\x04" + msgid`` (an empty context too); a plural entry as
``msgid + "\\0" + msgid_plural`` with its forms joined by "\\0". The hash table is msgfmt's:
S = next_prime(4 N / 3), at least 3, gettext's PJW hash of the original (context included,
plural msgid not), open addressing with the step 1 + hash % (S - 2).

Not written: the system-dependent strings (revision 0.1) msgfmt makes of c-format messages
that use <inttypes.h> macros such as ``<PRIu64>``; l10n's catalogues have none.
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

MAGIC = 0x950412DE
HEADER_SIZE = 7 * 4
POT_DATE = "POT-Creation-Date:"


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
        text = self.msgid if self.msgctxt is None else self.msgctxt + "\x04" + self.msgid
        return text.encode("utf-8")

    def key(self) -> bytes:
        original = self.msgid + ("\0" + self.msgid_plural if self.msgid_plural else "")
        if self.msgctxt is not None:  # an empty context is a context too: "\x04" + msgid
            original = self.msgctxt + "\x04" + original
        return original.encode("utf-8")

    def value(self) -> bytes:
        return "\0".join(self.msgstr).encode("utf-8")


def hash_string(text: bytes) -> int:
    """gettext's hash of an original (hash-string.c, the PJW hash on 32 bits), which decides
    where the original goes in the hash table."""
    value = 0
    for byte in text:
        value = (value << 4) + byte
        high = value & 0xF0000000
        if high:
            value ^= high >> 24
            value ^= high
    return value


def _is_prime(candidate: int) -> bool:
    """gettext's is_prime (next-prime.c), quirks included: it is only meant for odd numbers
    of 10 and more, and says 1 is prime and 3 is not; msgfmt's table sizes depend on that."""
    divisor, square = 3, 9
    while square < candidate and candidate % divisor != 0:
        divisor += 1
        square += 4 * divisor
        divisor += 1
    return candidate % divisor != 0


def hash_table_size(count: int) -> int:
    """The size msgfmt gives the hash table of ``count`` strings: next_prime(4/3 count), at
    least 3."""
    size = (count * 4) // 3 | 1
    while not _is_prime(size):
        size += 2
    return max(size, 3)


def _hash_table(originals: list[bytes]) -> array:
    """msgfmt's hash table: slot i holds 1 + the index of the original placed there, 0 when
    empty; collisions are resolved by open addressing with the step 1 + hash % (size - 2)."""
    size = hash_table_size(len(originals))
    table = array("I", bytes(4 * size))
    for number, original in enumerate(originals, 1):
        value = _hash_cached(original)
        index = value % size
        if table[index]:
            step = 1 + value % (size - 2)
            while table[index]:
                index = index - (size - step) if index >= size - step else index + step
        table[index] = number
    return table


_hash_cached = lru_cache(maxsize=1 << 16)(hash_string)  # a project's languages share msgids


def write_mo(entries: Iterable[MoEntry]) -> bytes:
    """The MO file of ``entries`` (include the header entry, msgid "", yourself), byte for
    byte what GNU msgfmt writes for them.

    Deterministic: the same entries give the same bytes. Entries with equal originals keep
    their order (gettext then finds one of them; msgfmt refuses such duplicates).
    """
    ordered = sorted(entries, key=MoEntry.order)
    pairs = [(e.key(), e.value()) for e in ordered]
    count = len(pairs)
    hashes = _hash_table([e.order() for e in ordered])
    hash_start = HEADER_SIZE + 16 * count
    key_start = hash_start + 4 * len(hashes)
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
    table.extend(hashes)
    if table.itemsize != 4:  # pragma: no cover - every supported platform has 32-bit "I"
        raise RuntimeError("array('I') is not 32-bit on this platform")
    if struct.pack("=I", 1) != struct.pack("<I", 1):  # pragma: no cover - big-endian hosts
        table.byteswap()
    header = struct.pack("<7I", MAGIC, 0, count, HEADER_SIZE, HEADER_SIZE + 8 * count,
                         len(hashes), hash_start)
    translations = b"".join(value + b"\0" for _, value in pairs)
    return b"".join((header, table.tobytes(), originals, translations))


def _header(catalogue) -> str:
    """The header entry's translation: as the PO file wrote it when its fields have not changed
    since it was read (msgfmt copies it as it is: spacing, a missing final newline), else one
    "Name: value" line per field in their order."""
    read = getattr(catalogue, "header_as_read", None)
    if read is not None and read[1] == list(catalogue.metadata.items()):
        return read[0]
    return "".join(f"{name}: {value}\n" for name, value in catalogue.metadata.items())


def _without_pot_creation_date(header: str) -> str:
    """What msgfmt leaves of the header (message_list_delete_header_field): the first line that
    starts with "POT-Creation-Date:" is removed, for reproducible builds."""
    if header.startswith(POT_DATE):
        start = 0
    else:
        start = header.find("\n" + POT_DATE) + 1
        if start == 0:
            return header
    end = header.find("\n", start)
    return header[:start] + (header[end + 1:] if end >= 0 else "")


def mo_entries(catalogue, *, include_fuzzy: bool = False) -> Iterator[MoEntry]:
    """What ``catalog.compile_mo`` puts in the MO file of a polib catalogue, as msgfmt does:
    the header (even a fuzzy one; without its POT-Creation-Date, which msgfmt drops for
    reproducible builds), then every live entry whose translation (its first form, for a
    plural entry) is not empty, fuzzy ones only when ``include_fuzzy`` (msgfmt --use-fuzzy)."""
    header = _header(catalogue)
    if header:  # an untranslated header is left out; one that held only the date is kept
        yield MoEntry("", (_without_pot_creation_date(header),))
    for entry in catalogue:
        if entry.obsolete or (entry.fuzzy and not include_fuzzy):
            continue
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
            if forms and forms[0]:
                yield MoEntry(entry.msgid, forms, entry.msgctxt, entry.msgid_plural)
        elif entry.msgstr:
            yield MoEntry(entry.msgid, (entry.msgstr,), entry.msgctxt)


__all__ = ["MoEntry", "hash_string", "hash_table_size", "mo_entries", "write_mo"]
