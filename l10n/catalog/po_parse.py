"""A fast reader of gettext PO text into polib objects.

polib's own parser runs a state machine with a method call, a whitespace split and a
regular-expression search for every line; on large projects it was the main cost of reading
catalogues. This reader walks the lines once with plain string tests, keeps polib's grammar
(the same transitions between comments, previous fields, keywords and continuation lines) and
builds the very ``polib.POFile`` that ``polib.pofile(text, wrapwidth=79)`` builds, down to the
line numbers it records and the header it strips.

It expects text that ``l10n.catalog.po`` has already decoded, with LF line ends. It checks every
string as it takes it: one that is unterminated, has a bad escape or text after its end is
refused with ``check_line``'s message. Where polib silently accepts something broken
it is stricter, and says so with the line:

- ``msgid_plural``, ``msgstr`` or ``msgstr[N]`` in an entry that has no ``msgid`` (polib makes
  an entry with an empty msgid, which may even be taken for the header);
- ``msgstr[N]`` without ``msgid_plural``;
- a second ``msgid`` or a ``msgctxt`` after the ``msgid`` of an unfinished entry (polib
  overwrites the first silently), and a ``msgid`` that never gets a ``msgstr``;
- a keyword whose value is not a quoted string (polib keeps the text minus its ends).

It also reads ``#~|`` lines as ``#|`` (polib drops them), ``msgstr[10]`` as index 10 (polib
keeps only the first digit), and splits lines on LF only, so a raw U+2028 or form feed inside a
string stays part of the string (polib's ``splitlines`` cuts the line there).
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from ..errors import InputError
from .po_wrap import PAGE_WIDTH


_ESCAPED = re.compile(r"\\(.)")
_UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b",
              "f": "\f", "v": "\v"}
_PREVIOUS = {"msgctxt": "previous_msgctxt", "msgid": "previous_msgid",
             "msgid_plural": "previous_msgid_plural"}
_PREVIOUS_STATE = {"msgctxt": "pc", "msgid": "pm", "msgid_plural": "pp"}
# States after which a new comment, context or msgid starts the next entry (polib's "ms", "mx").
_ENTRY_DONE = frozenset(("ms", "mx"))
# States from which msgid_plural / msgstr / msgstr[N] may follow (polib's transition table).
_BEFORE_PLURAL = frozenset(("tc", "gc", "pc", "pm", "pp", "mi"))
_BEFORE_MSGSTR = frozenset(("mi", "mp", "tc"))
_BEFORE_FORM = frozenset(("mi", "mx", "mp", "tc"))


def _unescape_match(found: re.Match) -> str:
    return _UNESCAPES.get(found.group(1), found.group(0))


def unescape(value: str) -> str:
    """A string's value from its PO form (the C escapes gettext writes, \\a included)."""
    return _ESCAPED.sub(_unescape_match, value) if "\\" in value else value


def _syntax(message: str, path: str | Path, line: int) -> InputError:
    return InputError(f"syntax error: {message}", path=path, line=line)


def _string(value: str, path: str | Path, line: int) -> str:
    """The unescaped content of a quoted string (the keyword already cut off).

    A string that is not right is refused with what ``check_line`` says of it
    (unterminated, a bad escape, text after the end), else with a syntax error: this is the
    only place string lines are checked (one pass over the text, not two)."""
    if len(value) < 2 or value[0] != '"' or value[-1] != '"':
        check_line(value, line, path)
        raise _syntax("expected a quoted string", path, line)
    inner = value[1:-1]
    if '"' in inner and re.search(r'(?<!\\)(?:\\\\)*"', inner):
        check_line(value, line, path)
        raise _syntax("unescaped double quote inside a string", path, line)
    if "\\" not in inner:
        return inner
    if not _GOOD_ESCAPES.fullmatch(inner):
        check_line(value, line, path)
    return _ESCAPED.sub(_unescape_match, inner)


_GOOD_ESCAPES = re.compile(r'[^\\]*(?:\\[\\"abfnrtv][^\\]*)*')  # the C escapes gettext writes


_ESCAPES = set('\\"abfnrtv01234567x')
_NUMERIC_ESCAPES = set("01234567x")


# A well-formed string line, live or obsolete: most lines of a catalogue, checked in one go.
_GOOD_STRING_LINE = re.compile(
    r'\s*(?:#~\s*(?:\|\s*)?)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?'
    r'"(?:[^"\\]|\\[\\"abfnrtv])*"\s*')


def check_line(line: str, number: int, path: str | Path) -> None:
    """Refuse a line whose string is unterminated, has a bad escape or text after its end
    (polib lets these through or reports them badly). ``_string`` asks it about a string it
    cannot take as it is, for the message."""
    if '"' not in line or _GOOD_STRING_LINE.fullmatch(line):
        return
    stripped = line.lstrip()
    if stripped.startswith("#~"):
        stripped = stripped[2:].lstrip()
        if stripped.startswith("|"):
            stripped = stripped[1:].lstrip()
    elif stripped.startswith("#"):
        return
    quote = stripped.find('"')
    if quote < 0:
        return
    body = stripped[quote + 1:]
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            if index + 1 >= len(body) or body[index + 1] not in _ESCAPES:
                bad = body[index:index + 2]
                raise InputError(f"invalid escape sequence {bad!r} in a string", path=path,
                                 line=number)
            if body[index + 1] in _NUMERIC_ESCAPES:  # polib would keep them as text
                raise InputError(f"octal and hex escapes ({body[index:index + 2]!r}...) are not "
                                 "supported; write the character itself", path=path,
                                 line=number)
            index += 2
            continue
        if char == '"':
            if body[index + 1:].strip():
                raise InputError("text after the end of a string", path=path, line=number)
            return
        index += 1
    raise InputError("unterminated string (missing closing quote)", path=path, line=number)


def _blank_entry(linenum: int) -> polib.POEntry:
    """A POEntry as ``polib.POEntry(linenum=linenum)`` makes it, without its keyword lookups
    (a third of the reading time otherwise). The test suite checks the attributes match."""
    entry = _new_object(polib.POEntry)
    entry.__dict__ = {"msgid": "", "msgstr": "", "msgid_plural": "", "msgstr_plural": {},
                      "msgctxt": None, "obsolete": False, "encoding": polib.default_encoding,
                      "comment": "", "tcomment": "", "occurrences": [], "flags": [],
                      "previous_msgctxt": None, "previous_msgid": None,
                      "previous_msgid_plural": None, "linenum": linenum}
    return entry


_new_object = object.__new__


_KEYWORDS = frozenset(("msgctxt", "msgid", "msgid_plural", "msgstr"))


def _mixed(path: str | Path, line: int) -> InputError:
    """An entry whose lines are partly obsolete (``#~``), partly not: msgfmt refuses it."""
    return _syntax("an entry mixes obsolete ('#~') and live lines", path, line)


def _get_field(entry: polib.POEntry, field: str | int) -> str:
    """The value of ``field`` (an attribute name, or a plural form's index) of ``entry``."""
    return entry.msgstr_plural[field] if field.__class__ is int else getattr(entry, field)


def _set_field(entry: polib.POEntry, field: str | int, value: str) -> None:
    if field.__class__ is int:
        entry.msgstr_plural[field] = value
    else:
        setattr(entry, field, value)


def _comment(so_far: str, line: str) -> str:
    """polib's joining of comment lines: empty lines before the first text are dropped."""
    return f"{so_far}\n{line}" if so_far else line


def read_catalogue(text: str, path: str | Path) -> polib.POFile:
    """Parse checked PO text into the POFile ``polib.pofile(text, wrapwidth=79)`` returns.

    Any syntax error raises InputError("syntax error: ...") with the file and the line.
    """
    catalogue = polib.POFile(wrapwidth=PAGE_WIDTH, encoding=polib.detect_encoding(text),
                             check_for_duplicates=False, fpath=str(path))
    entries, header, empty = _read_entries(text[1:] if text[:1] == "\ufeff" else text, path)
    catalogue.header = header
    _check_headers(empty, path)
    _take_header(catalogue, entries)
    return catalogue


def _read_entries(text: str, path: str | Path
                  ) -> tuple[list[polib.POEntry], str, list[tuple[polib.POEntry, int]]]:
    """The entries in order (header entry included), the comment block before the first, and
    the entries whose msgid line reads ``msgid ""`` with that line (header candidates).

    One loop with inline tests, on purpose: a helper call per line would cost as much as the
    rest of the work. ``state`` uses polib's names (see the module docstring).
    """
    entries: list[polib.POEntry] = []
    empty: list[tuple[polib.POEntry, int]] = []
    new_entry = _blank_entry
    entry = new_entry(0)
    state, header, field = "st", "", None  # field: attribute continued by '"..."' lines
    has_msgid = has_plural = False
    ends_in_comment = True
    # A string's continuation lines are collected here and joined once, when the next line
    # that is not a continuation comes: adding each to the attribute would copy the string so
    # far every time (a string of a million lines took seconds per hundred thousand).
    pieces: list[str] | None = None
    previous_context = 0  # the line of the last "#| msgctxt"
    number = last = 0
    for line in text.split("\n"):
        number += 1
        line = line.strip()
        if not line:
            continue
        last = number
        first = line[0]
        obsolete = 0
        if first == "#" and line[1:2] == "~":
            if line[2:3] == "|":  # "#~| msgid": an obsolete entry's previous msgid
                line = "#|" + line[3:]
            elif line[2:3].isspace():
                line = line[3:].strip()
                first, obsolete = line[0], 1
                if line[:2] == "#~" or (line[:2] == "#|" and line[2:].lstrip()[:1] != '"'):
                    raise _syntax("unexpected line in an obsolete entry", path, number)
            else:
                raise _syntax("'#~' must be followed by a space", path, number)
        if first == '"':  # continuation of the current string
            if field is None:
                raise _syntax("a string with no keyword before it", path, number)
            piece = line[1:-1]
            if line[-1] != '"' or len(line) < 2 or "\\" in piece or '"' in piece:
                piece = _string(line, path, number)
            if obsolete != entry.obsolete and (field.__class__ is int or field in _KEYWORDS):
                raise _mixed(path, number)
            if pieces is None:
                pieces = [_get_field(entry, field)]
            pieces.append(piece)
            ends_in_comment = False
            continue
        if pieces is not None and not (first == "#" and line[1:2] == "|"
                                       and line[2:].lstrip()[:1] == '"'):
            # the string continued on the lines before is complete
            _set_field(entry, field, "".join(pieces))
            pieces = None
        if first == "m":
            ends_in_comment = False
            if line[:5] == "msgid":
                if line[5:6].isspace():
                    if has_msgid and state not in _ENTRY_DONE:
                        raise _syntax("msgid without a msgstr before it", path, number)
                    if state in _ENTRY_DONE:
                        entries.append(entry)
                        entry = new_entry(number)
                        has_plural = False
                    elif state == "ct" and obsolete != entry.obsolete:
                        raise _mixed(path, number)
                    if entry.previous_msgctxt is not None and entry.previous_msgid is None:
                        raise _syntax("'#| msgctxt' without '#| msgid' after it", path,
                                      previous_context)
                    entry.obsolete = obsolete
                    entry.msgid = _string(line[6:].lstrip(), path, number)
                    if not entry.msgid:
                        empty.append((entry, number))
                    state, field, has_msgid = "mi", "msgid", True
                    continue
                if line[5:12] == "_plural" and line[12:13].isspace():
                    if state not in _BEFORE_PLURAL or not has_msgid:
                        raise _syntax("msgid_plural without a msgid before it", path, number)
                    if obsolete != entry.obsolete:
                        raise _mixed(path, number)
                    entry.msgid_plural = _string(line[13:].lstrip(), path, number)
                    state, field, has_plural = "mp", "msgid_plural", True
                    continue
            elif line[:6] == "msgstr":
                if line[6:7].isspace():
                    if state not in _BEFORE_MSGSTR or not has_msgid:
                        raise _syntax("msgstr without a msgid before it", path, number)
                    if has_plural:  # msgfmt refuses it; polib dropped the translation
                        raise _syntax("msgstr after msgid_plural (a plural message has "
                                      "msgstr[0], msgstr[1], ...)", path, number)
                    if obsolete != entry.obsolete:
                        raise _mixed(path, number)
                    entry.msgstr = _string(line[7:].lstrip(), path, number)
                    state, field = "ms", "msgstr"
                    continue
                if line[6:7] == "[":
                    close = line.find("]")
                    if close < 8 or not line[7:close].isdigit():
                        raise _syntax("bad plural index in msgstr[N]", path, number)
                    if state not in _BEFORE_FORM or not has_msgid:
                        raise _syntax("msgstr[N] without a msgid before it", path, number)
                    if not has_plural:
                        raise _syntax("msgstr[N] without msgid_plural", path, number)
                    field = int(line[7:close])
                    if field != len(entry.msgstr_plural):  # msgfmt: "wrong index"
                        raise _syntax(f"msgstr[{field}] where msgstr[{len(entry.msgstr_plural)}] "
                                      "is expected (plural forms come in order, each once)",
                                      path, number)
                    if obsolete != entry.obsolete:
                        raise _mixed(path, number)
                    entry.msgstr_plural[field] = _string(line[close + 1:].lstrip(), path, number)
                    state = "mx"
                    continue
            elif line[:7] == "msgctxt" and line[7:8].isspace():
                if state == "ct" or state == "mi" or state == "mp" or (
                        has_msgid and state not in _ENTRY_DONE):
                    raise _syntax("msgctxt after the msgid of an unfinished entry", path, number)
                if state in _ENTRY_DONE:
                    entries.append(entry)
                    entry = new_entry(number)
                    has_msgid = has_plural = False
                entry.obsolete = obsolete
                entry.msgctxt = _string(line[8:].lstrip(), path, number)
                state, field = "ct", "msgctxt"
                continue
            raise _syntax(f"unknown keyword {line.split(None, 1)[0]!r}", path, number)
        if first != "#":
            raise _syntax(f"unexpected text {line.split(None, 1)[0]!r} (not a keyword, "
                          "string or comment)", path, number)
        ends_in_comment = True
        kind = line[1:2]
        if (state == "ct" or has_msgid and state not in _ENTRY_DONE) and not (
                kind == "|" and line[2:].lstrip()[:1] == '"'):
            # polib gave it to the entry or dropped it; msgfmt refuses it
            if state == "ct":
                raise _syntax("comment between msgctxt and msgid", path, number)
            raise _syntax("comment inside an entry, before its msgstr", path, number)
        if kind == "#" or not kind or kind.isspace():  # translator comment
            if state == "st" or state == "he":
                header = _comment(header, line[2:])
                state = "he"
                continue
            if state in _ENTRY_DONE:
                entries.append(entry)
                entry = new_entry(number)
                has_msgid = has_plural = False
            comment = line.lstrip("#")
            comment = comment[1:] if comment[:1] == " " else comment
            entry.tcomment = _comment(entry.tcomment, comment)
            state, field = "tc", None
            continue
        if kind not in ".:,|" or not (len(line) == 2 or line[2].isspace()):
            raise _syntax(f"unknown comment {line.split(None, 1)[0]!r}", path, number)
        if len(line) == 2:
            if kind == "|":
                raise _syntax("'#|' without a field", path, number)
            continue  # an empty "#.", "#:" or "#," line: polib skips it
        if kind == "|":
            rest = line[2:].lstrip()
            if rest[0] == '"':  # "#| "..."": continues the current string, whatever it is
                if field is None:
                    raise _syntax("a string with no keyword before it", path, number)
                if pieces is None:
                    pieces = [_get_field(entry, field)]
                pieces.append(_string(rest, path, number))
                continue
            words = rest.split(None, 1)
            if len(words) < 2:
                raise _syntax("invalid continuation line", path, number)
            if words[0] not in _PREVIOUS:
                raise _syntax(f"unknown keyword {words[0]!r} after '#|'", path, number)
            if words[0] == "msgid_plural" and state != "pm":
                raise _syntax("'#| msgid_plural' without '#| msgid' before it", path, number)
            if words[0] == "msgctxt":
                previous_context = number
        if state in _ENTRY_DONE:
            entries.append(entry)
            entry = new_entry(number)
            has_msgid = has_plural = False
        if kind == ".":
            entry.comment = _comment(entry.comment, line[3:])
            state, field = "gc", None
        elif kind == ":":
            occurrences = entry.occurrences
            for word in line[3:].split():  # as polib reads them: "path:line" or the word
                place, colon, mark = word.rpartition(":")
                occurrences.append((place, mark) if colon and mark.isdigit() else (word, ""))
            state, field = "oc", None
        elif kind == ",":
            entry.flags += [flag.strip() for flag in line[3:].split(",")]
            state, field = "fl", None
        else:
            field = _PREVIOUS[words[0]]
            if getattr(entry, field) is not None:  # the first would be lost
                raise _syntax(f"'#| {words[0]}' given twice in an entry", path, number)
            setattr(entry, field, _string(words[1], path, number))
            state = _PREVIOUS_STATE[words[0]]
    if pieces is not None:
        _set_field(entry, field, "".join(pieces))
    if not ends_in_comment:  # polib drops an entry followed only by comments
        if not has_msgid:
            raise _syntax("msgctxt without a msgid", path, last)
        if state != "ms" and state != "mx":
            raise _syntax("msgid without a msgstr", path, last)
        entries.append(entry)
    elif has_msgid and state not in _ENTRY_DONE:
        raise _syntax("msgid without a msgstr", path, last)
    return entries, header, empty


def _check_headers(candidates: list[tuple[polib.POEntry, int]], path: str | Path) -> None:
    """Refuse a second header entry, or an obsolete one (``#~ msgid ""``): msgfmt refuses both
    (a duplicate message definition), and only one header is kept and written back, so the
    other would be lost, or written as a duplicate."""
    seen = False
    for entry, line in candidates:
        if entry.msgid == "" and entry.msgctxt is None:
            if entry.obsolete:
                raise InputError('an obsolete header entry (#~ msgid ""): a catalogue has one '
                                 "header, not obsolete", path=path, line=line)
            if seen:
                raise InputError('duplicate message definition: a second header (msgid "")',
                                 path=path, line=line)
            seen = True


def _take_header(catalogue: polib.POFile, entries: list[polib.POEntry]) -> None:
    """Remove the header entry (the live entry with an empty msgid, as polib's find('')
    chooses it) and read its fields into ``metadata`` exactly as polib does."""
    found = [entry for entry in entries if entry.msgid == "" and not entry.obsolete]
    if len(found) > 1:
        found = [entry for entry in found if not entry.msgctxt][-1:] or found[:1]
    if found:
        header_entry = found[0]
        # By identity: list.remove compares entries by content and could take an equal one.
        del entries[next(i for i, entry in enumerate(entries) if entry is header_entry)]
        catalogue.metadata_is_fuzzy = header_entry.flags
        metadata = catalogue.metadata
        key = None
        for text in header_entry.msgstr.splitlines():
            name, colon, value = text.partition(":")
            if colon:
                key = name
                metadata[key] = value.strip()
            elif key is not None:
                metadata[key] += "\n" + text.strip()
        # the text as written, for the MO file (msgfmt copies it): valid while the fields are
        # still the ones read from it
        catalogue.header_as_read = (header_entry.msgstr, list(metadata.items()))
    list.extend(catalogue, entries)

