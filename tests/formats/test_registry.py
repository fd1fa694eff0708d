"""The format registry: one tuple, lookup by suffix, and parse_file."""

from __future__ import annotations

import pytest

from l10n.errors import InputError
from l10n.formats import FORMATS, format_for, parse_file


def test_registry_lists_each_format_once():
    assert [fmt.name for fmt in FORMATS] == ["html", "markdown", "text"]
    suffixes = [s for fmt in FORMATS for s in fmt.suffixes]
    assert sorted(suffixes) == sorted(set(suffixes))


@pytest.mark.parametrize(
    "path, name",
    [("a.html", "html"), ("b.HTM", "html"), ("c.xhtml", "html"), ("d.md", "markdown"),
     ("e.markdown", "markdown"), ("dir/f.txt", "text")],
)
def test_format_for_suffix(path, name):
    assert format_for(path).name == name


def test_unsupported_suffix_names_the_suffix_and_the_choices():
    with pytest.raises(InputError) as caught:
        format_for("notes.docx")
    assert caught.value.path == "notes.docx"
    assert caught.value.message.startswith("unsupported source format '.docx'; expected one of .html")


def test_parse_file_keeps_path_as_given(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Doha summit\n", encoding="utf-8")
    document = parse_file(path)
    assert document.path == str(path) and document.format == "markdown"
    assert [u.text for u in document.units] == ["Doha summit"]


def test_parse_file_reports_bad_utf8_with_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"fine\n\xff broken\n")
    with pytest.raises(InputError) as caught:
        parse_file(path)
    assert caught.value.line == 2
