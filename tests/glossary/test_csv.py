"""Glossary CSV: long and wide shapes, row-level errors with lines, lossless round trips."""

from __future__ import annotations

import csv
import io

import pytest

from l10n.errors import InputError
from l10n.glossary.io.csvio import parse_csv, read_csv, write_csv
from l10n.glossary.model import Status, TermType
from support import SHARED

TERMINOLOGY = SHARED / "reference" / "terminology.csv"
LONG = '''concept_id,domain,lang,term,status,note,source_url
BODY-SC,body,en,Security Council,preferred,conf=V-doc,https://example.org
BODY-SC,body,en,SC,admitted,,
BODY-SC,body,fr,Conseil de sécurité,preferred,"conf=V-doc; lower-case ""sécurité""",
'''
WIDE = """concept_id,domain,en,fr
BODY-SC,body,Security Council | SC [admitted],Conseil de sécurité
TI-PR,title,Permanent Representative of [country] to the United Nations,
"""


def test_long_shape():
    glossary = parse_csv(LONG, "t.csv")
    sc = glossary.concepts["BODY-SC"]
    assert sc.domain == "body"
    assert [(t.text, t.status) for t in sc.terms("en")] == [
        ("Security Council", Status.PREFERRED), ("SC", Status.ADMITTED)]
    assert sc.terms("en")[0].source == "https://example.org"
    assert sc.terms("fr")[0].note == 'conf=V-doc; lower-case "sécurité"'


def test_wide_shape_and_status_suffix():
    glossary = parse_csv(WIDE, "t.csv")
    assert [(t.text, t.status) for t in glossary.concepts["BODY-SC"].terms("en")] == [
        ("Security Council", Status.PREFERRED), ("SC", Status.ADMITTED)]
    [pr] = glossary.concepts["TI-PR"].terms("en")
    assert pr.text.endswith("[country] to the United Nations") and pr.status is Status.PREFERRED
    assert glossary.concepts["TI-PR"].terms("fr") == []


@pytest.mark.parametrize("shape", ["long", "wide"])
def test_export_import_round_trip(shape):
    glossary = parse_csv(LONG, "t.csv")
    text = write_csv(glossary, shape)
    assert write_csv(parse_csv(text, "again.csv"), shape) == text
    if shape == "long":
        assert parse_csv(text, "again.csv") == glossary


def test_optional_columns_only_when_needed():
    plain = write_csv(parse_csv(LONG, "t.csv"))
    assert plain.splitlines()[0] == "concept_id,domain,lang,term,status,note,source"
    flagged = ("concept_id,domain,lang,term,status,note,source,type,case_sensitive\n"
               "BODY-SC,body,en,Security Council,preferred,,,,\n"
               "BODY-SC,body,en,SC,admitted,,,abbreviation,yes\n")
    glossary = parse_csv(flagged, "t.csv")
    sc = glossary.concepts["BODY-SC"].terms("en")[1]
    assert (sc.type, sc.case_sensitive) == (TermType.ABBREVIATION, True)
    header = write_csv(glossary).splitlines()[0]
    assert header == "concept_id,domain,lang,term,status,note,source,type,case_sensitive"


@pytest.mark.parametrize("text, line, words", [
    ("concept_id,lang,status\nA,en,preferred\n", 1, "missing column 'term'"),
    ("concept_id,lang,term,status,colour\nA,en,x,preferred,red\n", 1, "unknown column"),
    ("concept_id,lang,term,status\nA,en,x,preferred\nB,en,y,favourite\n", 3, "unknown status"),
    ("concept_id,lang,term,status\nA,en,x,preferred\nB,qq,y,preferred\n", 3, "unknown language"),
    ("concept_id,lang,term,status\nA,en,,preferred\n", 2, "empty term"),
    ("concept_id,lang,term,status\nA,en,x,preferred\nB,en,y\n", 3, "expected 4 fields, found 3"),
    ('concept_id,lang,term,status\nA,en,"x"y,preferred\n', 2, "stray quote"),
    ('concept_id,lang,term,status\nA,en,"x,preferred\nB,en,y,preferred\n', 2, "stray quote"),
    ("concept_id,domain,lang,term,status\nA,body,en,x,preferred\nA,title,fr,y,preferred\n", 3,
     "domain"),
    ("concept_id,domain,en,xx\nA,body,x,y\n", 1, "unknown language"),
    ("concept_id,en\nA,x | \n", 2, "empty term"),
], ids=["missing-column", "unknown-column", "unknown-status", "unknown-lang", "empty-term",
        "field-count", "quote-after-field", "unclosed-quote", "domain-clash", "wide-bad-lang",
        "wide-empty-term"])
def test_row_errors_name_file_and_line(text, line, words):
    with pytest.raises(InputError) as caught:
        parse_csv(text, "bad.csv")
    assert caught.value.path == "bad.csv"
    assert caught.value.line == line
    assert words in caught.value.message


def test_reference_terminology_survives_import_and_export():
    if not TERMINOLOGY.is_file():
        pytest.skip("../shared/reference/terminology.csv is not beside the checkout")
    fields = ("concept_id", "lang", "term", "status", "note", "source")

    def rows(text: str) -> set[tuple[str, ...]]:
        reader = csv.DictReader(io.StringIO(text))
        return {tuple(r.get(f, r.get("source_url", "")) for f in fields) for r in reader}

    original = TERMINOLOGY.read_text("utf-8")
    exported = write_csv(read_csv(TERMINOLOGY))
    assert len(rows(original)) == 345
    assert rows(exported) == rows(original)
