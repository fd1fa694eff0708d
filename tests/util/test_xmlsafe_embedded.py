"""xmlsafe.parse_with_embedded: a file over the size limit because of data embedded in it."""

from __future__ import annotations

import pytest

from l10n.errors import InputError
from l10n.util.xmlsafe import ENTITY_MESSAGE, parse_with_embedded

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<doc>\n'


def test_the_embedded_text_is_dropped_and_the_rest_kept(tmp_path):
    path = tmp_path / "a.xml"
    path.write_text(HEAD + "<header><embed>" + "QUJD" * 50_000 + "</embed></header>\n"
                    + "".join(f"<unit n='{n}'>text {n}</unit>\n" for n in range(10))
                    + "</doc>\n", "utf-8")
    root = parse_with_embedded(path, ("embed",), ("unit",), limit=10_000)
    assert root.find("header/embed").text is None
    assert [unit.text for unit in root.iter("unit")][3] == "text 3"
    assert root.find("unit").sourceline == 4


def test_a_file_over_the_limit_in_its_units_is_refused_before_its_end(tmp_path):
    """The limit is checked at each unit's end, not once the whole file is a tree: a syntax
    error at the very end is never reached."""
    path = tmp_path / "b.xml"
    path.write_text(HEAD + "".join(f"<unit>text {n}</unit>\n" for n in range(200_000))
                    + "<broken></doc>\n", "utf-8")
    with pytest.raises(InputError, match="file too large .*embedded files aside"):
        parse_with_embedded(path, ("embed",), ("unit",), limit=100_000)


def test_hostile_xml_is_refused_as_parse_xml_refuses_it(tmp_path):
    """(The callers word ENTITY_MESSAGE for their kind of file: "... in XLIFF files".)"""
    path = tmp_path / "c.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE doc [<!ENTITY e SYSTEM '
                    '"file:///etc/passwd">]>\n<doc><unit>&e;</unit></doc>\n', "utf-8")
    with pytest.raises(InputError) as refused:
        parse_with_embedded(path, ("embed",), ("unit",), limit=10)
    assert (refused.value.message, refused.value.line) == (ENTITY_MESSAGE, 2)


def test_elements_nest_no_deeper_than_parse_xml_lets_them(tmp_path):
    """The long embedded text needs libxml2's XML_PARSE_HUGE, which also lifts its limit on
    depth (256): the readers of inline codes recurse, so the depth is checked here (a
    1,500-deep unit in a large SDLXLIFF gave a RecursionError's traceback)."""
    from l10n.util.xmlsafe import MAX_DEPTH

    def document(depth: int) -> str:
        nested = "<g>" * depth + "x" + "</g>" * depth
        return (HEAD + "<header><embed>" + "QUJD" * 50_000 + "</embed></header>\n"
                + f"<unit>{nested}</unit>\n</doc>\n")

    path = tmp_path / "d.xml"
    path.write_text(document(MAX_DEPTH - 2), "utf-8")  # <doc> and <unit> count too
    assert parse_with_embedded(path, ("embed",), ("unit",), limit=10_000) is not None
    path.write_text(document(MAX_DEPTH - 1), "utf-8")
    with pytest.raises(InputError, match="Excessive depth in document: 256") as refused:
        parse_with_embedded(path, ("embed",), ("unit",), limit=10_000)
    assert refused.value.line == 4


def test_a_file_cut_in_its_long_embedded_text_is_refused_for_what_is_wrong(tmp_path):
    """A bad file is parsed once more in one go to word its error as parse_xml does: with
    libxml2's limits lifted too, or the error would be the text's length (over 10 MB), not
    the file's end in the middle of it."""
    path = tmp_path / "e.xml"
    path.write_text(HEAD + "<header><embed>" + "QUJD" * 3_000_000, "utf-8")
    with pytest.raises(InputError, match="Premature end of data") as refused:
        parse_with_embedded(path, ("embed",), ("unit",), limit=1 << 25)
    assert refused.value.line == 3
