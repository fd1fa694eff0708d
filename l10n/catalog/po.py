"""Gettext catalogues as files: reading them strictly, writing them as gettext does.

Catalogues are polib objects everywhere in l10n (POFile, POEntry); this module reads and
writes them. Reading is ``po_parse``'s strict parser (errors at their line, as msgfmt reports
them). Writing is our own, so that every file we produce is byte-for-byte what GNU gettext's
msgcat would print (strings laid out in lines by ``po_wrap``, a port of gettext's own wrapping;
flags in msgcat's order), and reading and writing a file again changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

import polib

from ..errors import InputError
from ..util.fs import atomic_write, check_readable_size, decode_utf8, read_bytes
from .po_parse import read_catalogue
from .po_wrap import PAGE_WIDTH, format_of, wrap_field




# ---------------------------------------------------------------------------------- reading


def read_po(path: str | Path, *, strict_plurals: bool = True) -> polib.POFile:
    """Read a PO or POT file. Any problem raises InputError naming the file and the line.

    With ``strict_plurals=False`` plural entries that contradict the Plural-Forms header are
    accepted (``l10n check`` reports them as findings instead of refusing the file).
    """
    path = Path(path)
    return parse_po(read_bytes(path, missing="no such catalogue"), path,
                    strict_plurals=strict_plurals)


def parse_po(data: bytes, path: str | Path, *, strict_plurals: bool = True) -> polib.POFile:
    charset = _declared_charset(data)
    if charset not in ("utf-8", "utf8", "charset", "ascii", "us-ascii", None):
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise InputError(f"cannot decode the catalogue as its declared charset {charset!r}",
                             path=path) from None
    else:
        text = decode_utf8(data, path)
    if "\x00" in text:  # decode_utf8 refuses it in UTF-8; any other charset too
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("contains a NUL byte; not a text file", path=path, line=line)
    if not text.strip():
        raise InputError("empty catalogue (not even a header)", path=path, line=1)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # CRLF and old Mac line ends
    # our own reader: polib's semantics, 3x faster; it refuses unterminated strings and bad
    # escapes as it reads them (po_reader.check_line)
    catalogue = read_catalogue(text, path)
    catalogue.fpath = str(path)
    _check_nplurals(catalogue, text, path)
    _check_duplicates(catalogue, path)
    if charset not in ("utf-8", "utf8", "charset", "ascii", "us-ascii", None):
        _declare_utf8(catalogue)  # the text is Unicode now and is written back as UTF-8
    if strict_plurals:
        check_plural_counts(catalogue, path)
    return catalogue


def _check_duplicates(catalogue: polib.POFile, path: str | Path) -> None:
    """Refuse a message defined twice (obsolete ones count, as for msgfmt), at its second line,
    naming the first as msgfmt does; and, as msgfmt does, a string holding EOT (U+0004).

    Done here with a set rather than by polib, whose own check compares every entry with every
    earlier one and takes hours on a catalogue of a few hundred thousand entries.
    """
    seen: dict[tuple[str | None, str], int] = {}
    for entry in catalogue:
        if "\x04" in entry.msgid or "\x04" in entry.msgstr or (
                entry.msgctxt and "\x04" in entry.msgctxt) or (
                entry.msgid_plural and "\x04" in entry.msgid_plural) or (
                entry.msgstr_plural and any("\x04" in form for form in entry.msgstr_plural.values())):
            # gettext joins a context to its msgid with EOT in MO files: msgfmt refuses it
            raise InputError("context separator <EOT> within string", path=path,
                             line=entry.linenum)
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            shown = f"{entry.msgctxt!r} | {entry.msgid!r}" if entry.msgctxt is not None else repr(entry.msgid)
            raise InputError(f"duplicate message definition: {shown} (first defined at line "
                             f"{seen[key]})", path=path, line=entry.linenum)
        seen[key] = entry.linenum


def _declare_utf8(catalogue: polib.POFile) -> None:
    content_type = catalogue.metadata.get("Content-Type")
    if content_type:
        catalogue.metadata["Content-Type"] = re.sub(r"charset=[A-Za-z0-9_.:-]+", "charset=UTF-8",
                                                    content_type)


def _declared_charset(data: bytes) -> str | None:
    found = re.search(rb"charset=([A-Za-z0-9_.:-]+)", data[:4096])
    return found.group(1).decode("ascii").lower() if found else None


_ESCAPE_TABLE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t",
                               "\r": "\\r", "\a": "\\a", "\b": "\\b", "\f": "\\f",
                               "\v": "\\v"})


_NEEDS_ESCAPE = re.compile(r'[\\"\n\t\r\a\b\f\v]')


def _escape(value: str) -> str:
    """A string's PO form, as gettext writes it (the C escapes gettext itself uses)."""
    return value.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(value) else value


def plural_count(catalogue: polib.POFile) -> int | None:
    """nplurals from the header, or None when the header does not say."""
    found = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    return int(found.group(1)) if found else None


# The most plural forms a catalogue may declare. CLDR's languages have at most 6 (zero, one,
# two, few, many, other) and gettext's own rules at most 6 too; msgfmt sets no limit, but every
# plural entry is written with nplurals forms, so `nplurals=50000000` would fill the disk.
MAX_NPLURALS = 100


def _check_nplurals(catalogue: polib.POFile, text: str, path: str | Path) -> None:
    """Refuse a Plural-Forms header whose nplurals is 0 (msgfmt refuses it too) or above
    MAX_NPLURALS, at the line of the header field."""
    count = plural_count(catalogue)
    if count is None or 1 <= count <= MAX_NPLURALS:
        return
    found = re.search(r'^"Plural-Forms:', text, re.MULTILINE)
    line = text.count("\n", 0, found.start()) + 1 if found else 1
    raise InputError(f"nplurals={count} in the Plural-Forms header; it must be 1 to "
                     f"{MAX_NPLURALS}", path=path, line=line)


def check_plural_counts(catalogue: polib.POFile, path: str | Path) -> None:
    plurals = [e for e in catalogue if e.msgid_plural]
    if not plurals:
        return
    expected = plural_count(catalogue)
    if expected is None:
        # A template (empty plural translations, like xgettext's and Babel's .pot) needs none.
        plurals = [e for e in plurals if any(e.msgstr_plural.values())]
        if plurals and catalogue.metadata:
            line = plurals[0].linenum
            raise InputError("plural messages but the header has no Plural-Forms", path=path,
                             line=line)
        return
    for entry in plurals:
        beyond = [index for index in entry.msgstr_plural if index >= expected]
        if beyond and entry.msgstr_plural[beyond[0]]:
            raise InputError(f"msgstr[{beyond[0]}] but the header says nplurals={expected}",
                             path=path, line=entry.linenum)
        forms = len(entry.msgstr_plural)
        translated = any(entry.msgstr_plural.values())
        if translated and forms != expected:
            raise InputError(
                f"plural message has {forms} forms but the header says nplurals={expected}",
                path=path,
                line=entry.linenum,
            )


# ---------------------------------------------------------------------------------- writing




def _field(keyword: str, value: str, prefix: str = "", entry: polib.POEntry | None = None
           ) -> list[str]:
    """``msgid "..."`` lines as gettext writes them (prefix is "#~ " or "#| " or "#~| "); the
    entry's flags say whether format directives must stay whole and whether to wrap at all."""
    if entry is None or not entry.flags:
        return wrap_field(keyword, value, prefix)
    return wrap_field(keyword, value, prefix, directives=format_of(entry.flags),
                      wrap="no-wrap" not in entry.flags)


def _references(occurrences: Iterable[tuple[str, str]]) -> list[str]:
    lines, current = [], "#:"
    for path, line in occurrences:
        item = f"{path}:{line}" if line else path
        if current != "#:" and len(current) + 1 + len(item) > PAGE_WIDTH:
            lines.append(current)
            current = "#:"
        current += " " + item
    if current != "#:":
        lines.append(current)
    return lines


def _comment_lines(mark: str, text: str) -> list[str]:
    """Comment lines, trailing blanks dropped; a line ending in a backslash keeps one space
    after it, or gettext would read it as continued on the next line (and polib, reading it
    back, drops the space again)."""
    if not text:
        return []
    lines = []
    for part in text.split("\n"):
        line = f"{mark} {part}".rstrip()
        lines.append(line + " " if line.endswith("\\") else line)
    return lines


# gettext's formats in its own order, which msgcat writes the flags in (format.h)
_FORMATS = ("c objc python python-brace java java-printf csharp javascript scheme lisp elisp "
            "librep ruby sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl "
            "perl perl-brace php gcc-internal gfc-internal ycp").split()
_FLAG_RANKS = {"fuzzy": 0, "wrap": len(_FORMATS) + 2, "no-wrap": len(_FORMATS) + 2}
_FLAG_RANKS.update({f"{kind}{name}-format": rank for rank, name in enumerate(_FORMATS, 1)
                    for kind in ("", "no-", "possible-", "impossible-")})


def _flag_rank(flag: str) -> int:
    """Where msgcat puts a flag: fuzzy, the formats, range:, wrap; flags gettext does not know
    (ours, such as ignore-tag-mismatch) after them, in their own order."""
    rank = _FLAG_RANKS.get(flag)
    if rank is None:
        return len(_FORMATS) + 1 if flag.startswith("range:") else len(_FORMATS) + 3
    return rank


def format_entry(entry: polib.POEntry, nplurals: int | None = None) -> list[str]:
    """The lines of one entry, in gettext's order of comments and fields."""
    lines = _comment_lines("#", entry.tcomment)
    obsolete = entry.obsolete
    if not obsolete:
        if entry.comment:
            lines += _comment_lines("#.", entry.comment)
        lines += _references(entry.occurrences)
    if entry.flags:
        lines.append("#, " + ", ".join(sorted(entry.flags, key=_flag_rank)))
    prev = "#~| " if obsolete else "#| "
    if entry.previous_msgctxt is not None:
        lines += _field("msgctxt", entry.previous_msgctxt, prev, entry)
    if entry.previous_msgid is not None:
        lines += _field("msgid", entry.previous_msgid, prev, entry)
    if entry.previous_msgid_plural is not None:
        lines += _field("msgid_plural", entry.previous_msgid_plural, prev, entry)
    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        lines += _field("msgctxt", entry.msgctxt, prefix, entry)
    lines += _field("msgid", entry.msgid, prefix, entry)
    if entry.msgid_plural:
        lines += _field("msgid_plural", entry.msgid_plural, prefix, entry)
        forms = dict(entry.msgstr_plural)
        count = max(len(forms), nplurals or 2)
        for index in range(count):
            lines += _field(f"msgstr[{index}]", forms.get(index, ""), prefix, entry)
    else:
        lines += _field("msgstr", entry.msgstr, prefix, entry)
    return lines


def header_text(metadata: dict[str, str]) -> str:
    """Header fields in the order they were read or built (gettext keeps the order too)."""
    return "".join(f"{key}: {value}\n" for key, value in metadata.items())


def format_po(catalogue: polib.POFile, path: str | Path | None = None) -> str:
    """The whole file as text: header, entries in order, obsolete entries last.

    Given the ``path`` it is for, text too large to be read back is refused (InputError)."""
    nplurals = plural_count(catalogue)
    blocks = []
    header = _comment_lines("#", catalogue.header)
    if catalogue.metadata_is_fuzzy:
        header.append("#, fuzzy")
    header += _field("msgid", "") + _field("msgstr", header_text(catalogue.metadata))
    blocks.append(header)
    active = [e for e in catalogue if not e.obsolete]
    obsolete = [e for e in catalogue if e.obsolete]
    blocks += [format_entry(e, nplurals) for e in active + obsolete]
    text = "\n\n".join("\n".join(block) for block in blocks) + "\n"
    if path is not None:
        check_readable_size(text, path)
    return text


def write_po(catalogue: polib.POFile, path: str | Path) -> bool:
    """Write atomically; returns False when the file already had exactly this content."""
    return atomic_write(path, format_po(catalogue, path))


def compile_mo(catalogue: polib.POFile, *, include_fuzzy: bool = False) -> bytes:
    """A GNU MO file of the translated entries (fuzzy ones only when asked): byte for byte what
    ``msgfmt`` (``--use-fuzzy``) writes for the catalogue, hash table included."""
    from .mo import mo_entries, write_mo

    return write_mo(mo_entries(catalogue, include_fuzzy=include_fuzzy))
