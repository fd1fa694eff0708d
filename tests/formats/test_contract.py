"""One contract every source format honours, run over several fixture documents each."""

from __future__ import annotations

import re

import pytest

from l10n.formats import FORMATS, format_for, parse_file
from l10n.util.fs import read_text
from l10n.model import Rendition

from formats.helpers import DATA, identity, prefixed

FIXTURES = [
    "summit.html",
    "legacy.htm",
    "summit.xhtml",
    "summit.md",
    "agenda.markdown",
    "frontmatter.md",
    "summit.txt",
    "note_fr.txt",
]
TAG = re.compile(r"<[^<>]*>")
# where a protected range may start and end, per format
EDGES = {
    "html": ("<", ">"),
    "markdown": ("[!*_`<", ")]*_`>"),
    "text": ("", ""),
}


@pytest.fixture(params=FIXTURES)
def parsed(request):
    path = DATA / request.param
    return path, parse_file(path), read_text(path)


def test_every_format_has_a_fixture():
    covered = {format_for(DATA / name).name for name in FIXTURES}
    assert covered == {fmt.name for fmt in FORMATS}


def test_fixture_has_units(parsed):
    _, document, _ = parsed
    assert len(document.units) >= 3
    assert all(unit.text == unit.text.strip() and "  " not in unit.text for unit in document.units)
    assert all(unit.line >= 1 and unit.comment and unit.role for unit in document.units)


def test_identity_round_trip_is_byte_identical(parsed):
    path, document, source = parsed
    fmt = format_for(path)
    assert fmt.render(document, identity(document), lang="en") == source


def test_atomic_ranges_lie_inside_text_and_never_cut_a_tag(parsed):
    _, document, _ = parsed
    starts, ends = EDGES[document.format]
    for unit in document.units:
        tags = [m.span() for m in TAG.finditer(unit.text)] if document.format == "html" else []
        for start, end in unit.atomic:
            assert 0 <= start < end <= len(unit.text), unit
            assert unit.text[start] in starts and unit.text[end - 1] in ends, (unit.text, start, end)
            for tag_start, tag_end in tags:
                assert not tag_start < start < tag_end and not tag_start < end < tag_end


@pytest.mark.parametrize("prefix", ["[fr] ", "XX "], ids=["bracket", "caps"])
def test_full_translation_round_trips(parsed, prefix):
    path, document, source = parsed
    fmt = format_for(path)
    rendered = fmt.render(document, prefixed(document, prefix), lang="en")
    assert rendered != source
    again = fmt.parse(rendered, str(path))
    assert [u.text for u in again.units] == [prefix + u.text for u in document.units]
    assert [u.role for u in again.units] == [u.role for u in document.units]


def test_translating_one_unit_changes_only_that_unit(parsed):
    path, document, source = parsed
    fmt = format_for(path)
    for index, unit in enumerate(document.units):
        renditions = identity(document)
        renditions[index] = Rendition("ZZ " + unit.text)
        rendered = fmt.render(document, renditions, lang="en")
        again = fmt.parse(rendered, str(path))
        expected = [u.text for u in document.units]
        expected[index] = "ZZ " + unit.text
        assert [u.text for u in again.units] == expected
        # the bytes before the unit's first line are untouched
        head = "".join(source.splitlines(keepends=True)[: unit.line - 1])
        assert rendered.startswith(head)
        assert rendered.count("ZZ ") == 1


def test_wrong_number_of_renditions_is_an_input_error(parsed):
    from l10n.errors import InputError

    path, document, _ = parsed
    with pytest.raises(InputError):
        format_for(path).render(document, identity(document)[:-1], lang="en")
