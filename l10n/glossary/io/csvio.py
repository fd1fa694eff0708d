"""Glossary CSV files in two shapes, detected from the header on import.

Long (one term a row), as in the research table ``terminology.csv``::

    concept_id,domain,lang,term,status,note,source

Required: concept_id, lang, term. ``status`` is preferred, admitted or deprecated; a term
without one (no status column, or an empty cell) is read as admitted, with one warning naming
the file and line. ``source_url`` is accepted for ``source``. Optional columns: type,
part_of_speech, gender, number, case_sensitive, do_not_translate, check_as_source,
check_as_target (yes/no). A language may be written with its region or script (fr-FR, es-419,
zh-Hans): it is read as the official language, with a note. On export the seven base columns
are always written and an optional column only when some term needs it.

Wide (one concept a row)::

    concept_id,domain,ar,en,es,fr,ru,zh

A cell holds the concept's terms in that language separated by `` | ``. A term is preferred
unless it ends with a status suffix: ``Catar [deprecated]``, ``WSSD2 [admitted]`` (only these
exact words in brackets at the very end count, so ``Permanent Representative of [country]``
stays a plain term). Wide files carry no notes, sources or flags.

Every row-level problem raises InputError with the file and the row's line.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ...config import validate_language
from ...errors import ConfigError, InputError, located
from ...util.fs import read_text
from ..model import Concept, Glossary, Status, Term, TermType, control_character
from .langcodes import read_language
from .tbx_write import sorted_terms

BASE = ("concept_id", "domain", "lang", "term", "status", "note", "source")
REQUIRED_LONG = ("concept_id", "lang", "term")
TERM_FLAGS = ("case_sensitive", "do_not_translate")
SECTION_FLAGS = ("check_as_source", "check_as_target")
TERM_FIELDS = ("type", "part_of_speech", "gender", "number")
OPTIONAL = (*TERM_FIELDS, *TERM_FLAGS, *SECTION_FLAGS)
SEPARATOR = " | "
SUFFIX = re.compile(r"^(?P<text>.*) \[(?P<status>preferred|admitted|deprecated)\]$")
TRUE, FALSE = ("yes", "true", "1"), ("no", "false", "0", "")


class _Rows:
    """CSV rows with their line numbers; quoting errors become InputError with the line.

    Python's csv module lets a quote inside an unquoted field through (``Secr"etariat``); RFC
    4180 does not, and in a glossary it nearly always means a cell whose quoting was lost, so
    the raw text of each record is checked for that too.
    """

    def __init__(self, text: str, path: Path):
        self.raw: list[str] = []
        self.reader = csv.reader(self._lines(io.StringIO(text, newline="")), strict=True)
        self.path = path

    def _lines(self, handle: io.StringIO):
        for line in handle:
            self.raw.append(line)
            yield line

    def __iter__(self):
        while True:
            start = self.reader.line_num + 1
            self.raw.clear()
            try:
                row = next(self.reader)
            except StopIteration:
                return
            except csv.Error as exc:
                message = str(exc)
                if "field larger than field limit" in message:
                    message = f"a field longer than {csv.field_size_limit()} characters (a quote never closed?)"
                raise InputError(f"bad CSV quoting (stray quote?): {message}", path=self.path,
                                 line=start) from None
            stray = _stray_quote("".join(self.raw))
            if stray is not None:
                raise InputError("bad CSV quoting: a quote inside an unquoted field (quote the "
                                 'field and double the quote: "a ""b"" c")', path=self.path,
                                 line=start + stray)
            yield start, row


def _stray_quote(record: str) -> int | None:
    """Lines into ``record`` of a quote inside an unquoted field, or None when there is none."""
    quoted, at_start = False, True
    for index, char in enumerate(record):
        if quoted:
            if char == '"':
                quoted = False  # a doubled quote reopens at once below
                at_start = False
            continue
        if char == '"':
            if at_start or record[index - 1] == '"':
                quoted = True
                continue
            return record.count("\n", 0, index)
        at_start = char in ",\r\n"
    return None


def _error(message: str, path: Path, line: int) -> InputError:
    return InputError(message, path=path, line=line)


def _lang(code: str, path: Path, line: int, notes: dict[str, str]) -> str:
    """The language of a row (long) or a column (wide); a regional code (fr-FR) is read as
    its official language, noted once."""
    try:
        validate_language(code.strip(), "language")
    except ConfigError as exc:
        raise _error(exc.message, path, line) from None
    return read_language(code, notes, path, line, what="language")


def _status(value: str, path: Path, line: int) -> Status:
    try:
        return Status(value.strip().lower())
    except ValueError:
        raise _error(f"unknown status {value!r} (preferred, admitted or deprecated)",
                     path, line) from None


def _flag(value: str, column: str, path: Path, line: int) -> bool:
    lowered = value.strip().lower()
    if lowered in TRUE or lowered in FALSE:
        return lowered in TRUE
    raise _error(f"{column} must be yes or no, not {value!r}", path, line)


def _concept(glossary: Glossary, concept_id: str, domain: str | None, path: Path,
             line: int) -> Concept:
    concept_id = concept_id.strip()
    if not concept_id:
        raise _error("empty concept_id", path, line)
    concept = glossary.concepts.get(concept_id) or glossary.add(Concept(concept_id, domain))
    if domain and concept.domain and domain != concept.domain:
        raise _error(f"concept {concept_id} has domain {concept.domain!r} on an earlier row "
                     f"and {domain!r} here", path, line)
    concept.domain = concept.domain or domain
    return concept


def _long_term(record: dict[str, str], path: Path, line: int, messages: dict) -> Term:
    text = record["term"]
    if not text.strip():
        raise _error("empty term", path, line)
    if record.get("status", "").strip():
        status = _status(record["status"], path, line)
    else:  # a status left out: admitted, the status that asserts least
        status = Status.ADMITTED
        if "status" in record:
            messages[line] = located(f"no status for {text!r}: read as admitted", path, line,
                                     severity="warning")
    term = Term(text, status=status)
    term.note = record.get("note") or None
    term.source = record.get("source") or None
    if record.get("type"):
        try:
            term.type = TermType(record["type"].strip())
        except ValueError:
            raise _error(f"unknown term type {record['type']!r}", path, line) from None
    term.part_of_speech = record.get("part_of_speech") or None
    term.gender = record.get("gender") or None
    term.number = record.get("number") or None
    for column in TERM_FLAGS:
        setattr(term, column, _flag(record.get(column, ""), column, path, line))
    return term


def _records(header: list[str], rows, path: Path):
    """(line, {column: cell}) for every non-blank row; a row of the wrong width is an error."""
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise _error(f"expected {len(header)} fields, found {len(row)}", path, line)
        for column, cell in zip(header, row):
            bad = control_character(cell)
            if bad:
                raise _error(f"control character {bad} in column {column!r}", path, line)
        yield line, dict(zip(header, row))


def _read_long(header: list[str], rows, path: Path) -> Glossary:
    glossary = Glossary()
    messages: dict = {}
    if "status" not in header:
        messages[1] = located("no status column: every term is read as admitted", path, 1,
                              severity="warning")
    for line, record in _records(header, rows, path):
        concept = _concept(glossary, record["concept_id"], record.get("domain") or None, path, line)
        section = concept.section(_lang(record["lang"], path, line, messages))
        section.terms.append(_long_term(record, path, line, messages))
        for column in SECTION_FLAGS:
            if record.get(column, "").strip():
                setattr(section, column, _flag(record[column], column, path, line))
    glossary.messages = list(messages.values())
    return glossary


def _wide_terms(cell: str, path: Path, line: int) -> list[Term]:
    terms = []
    for piece in cell.split(SEPARATOR):
        found = SUFFIX.match(piece)
        text, status = (found["text"], Status(found["status"])) if found else (piece, Status.PREFERRED)
        if not text.strip():
            raise _error("empty term in a wide cell", path, line)
        terms.append(Term(text, status=status))
    return terms


def _read_wide(header: list[str], rows, path: Path) -> Glossary:
    messages: dict = {}
    langs = {column: _lang(column, path, 1, messages)
             for column in header if column not in ("concept_id", "domain")}
    glossary = Glossary(messages=list(messages.values()))
    for line, record in _records(header, rows, path):
        concept = _concept(glossary, record["concept_id"], record.get("domain") or None, path, line)
        for column, lang in langs.items():
            if record[column].strip():
                concept.section(lang).terms.extend(_wide_terms(record[column], path, line))
    return glossary


def parse_csv(text: str, path: str | Path) -> Glossary:
    """Parse glossary CSV text (long or wide shape, detected from the header)."""
    path = Path(path)
    rows = iter(_Rows(text, path))
    first = next(rows, None)
    if first is None:
        raise _error("empty CSV file", path, 1)
    header = ["source" if h.strip() == "source_url" else h.strip() for h in first[1]]
    if len(set(header)) != len(header):
        raise _error("a column name appears twice in the header", path, 1)
    if "concept_id" not in header:
        raise _error("missing column 'concept_id'", path, 1)
    if "lang" in header or "term" in header:
        for column in REQUIRED_LONG:
            if column not in header:
                raise _error(f"missing column {column!r}", path, 1)
        unknown = [h for h in header if h not in BASE and h not in OPTIONAL]
        if unknown:
            raise _error(f"unknown column {unknown[0]!r}", path, 1)
        return _read_long(header, rows, path)
    if len(header) < 2 or header == ["concept_id", "domain"]:
        raise _error("no language columns (and no lang/term columns)", path, 1)
    return _read_wide(header, rows, path)


def read_csv(path: str | Path) -> Glossary:
    """Read a glossary CSV file (UTF-8, a BOM is dropped)."""
    return parse_csv(read_text(path), path)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _long_rows(glossary: Glossary):
    for concept_id in sorted(glossary.concepts):
        concept = glossary.concepts[concept_id]
        for lang in sorted(concept.languages):
            section = concept.languages[lang]
            for term in sorted_terms(section.terms):
                yield concept, section, term


def _optional_values(section, term) -> dict[str, str]:
    return {
        "type": term.type.value, "part_of_speech": term.part_of_speech or "",
        "gender": term.gender or "", "number": term.number or "",
        "case_sensitive": _yes(term.case_sensitive), "do_not_translate": _yes(term.do_not_translate),
        "check_as_source": _yes(section.check_as_source), "check_as_target": _yes(section.check_as_target),
    }


DEFAULTS = {"type": "fullForm", "part_of_speech": "", "gender": "", "number": "",
            "case_sensitive": "no", "do_not_translate": "no",
            "check_as_source": "yes", "check_as_target": "yes"}


def write_long(glossary: Glossary) -> str:
    """Long CSV: the base columns, plus each optional column some term needs."""
    rows = list(_long_rows(glossary))
    extra = [c for c in OPTIONAL
             if any(_optional_values(s, t)[c] != DEFAULTS[c] for _, s, t in rows)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*BASE, *extra])
    for concept, section, term in rows:
        values = _optional_values(section, term)
        writer.writerow([concept.id, concept.domain or "", section.lang, term.text,
                         term.status.value, term.note or "", term.source or "",
                         *(values[c] for c in extra)])
    return out.getvalue()


def write_wide(glossary: Glossary) -> str:
    """Wide CSV: one row a concept, one column a language; statuses as suffixes."""
    langs = glossary.languages()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["concept_id", "domain", *langs])
    for concept_id in sorted(glossary.concepts):
        concept = glossary.concepts[concept_id]
        cells = []
        for lang in langs:
            pieces = []
            for term in sorted_terms(concept.terms(lang)):
                if SEPARATOR in term.text:
                    raise ConfigError(f"{concept_id} {lang}: the term {term.text!r} contains "
                                      f"{SEPARATOR.strip()!r}; export the long shape instead")
                suffix = "" if term.status is Status.PREFERRED else f" [{term.status.value}]"
                pieces.append(term.text + suffix)
            cells.append(SEPARATOR.join(pieces))
        writer.writerow([concept.id, concept.domain or "", *cells])
    return out.getvalue()


def write_csv(glossary: Glossary, shape: str = "long") -> str:
    """The glossary as CSV text in the given shape ("long" or "wide")."""
    if shape == "wide":
        return write_wide(glossary)
    if shape == "long":
        return write_long(glossary)
    raise ConfigError(f"unknown CSV shape {shape!r} (long or wide)")
