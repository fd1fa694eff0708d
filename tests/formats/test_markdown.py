"""Markdown: units, roles, comments, lines, inline source kept, and splicing back."""

from __future__ import annotations

import pytest

from l10n.formats import parse_file
from l10n.formats.markdown import FORMAT
from l10n.model import Rendition

from formats.helpers import DATA, identity


def units(source: str):
    return FORMAT.parse(source, "doc.md").units


@pytest.mark.parametrize(
    "source, expected",
    [
        ("# Title here #\n", [("heading", "Title here", "Markdown heading, level 1", 1)]),
        ("Intro\n\nSetext title\n------------\n", [("paragraph", "Intro", "paragraph", 1), ("heading", "Setext title", "Markdown heading, level 2", 3)]),
        ("Line one\nline two\n", [("paragraph", "Line one line two", "paragraph", 1)]),
        ("- first item\n- second *item*\n", [("list-item", "first item", "list item", 1), ("list-item", "second *item*", "list item", 2)]),
        ("> We the peoples\n> of the United Nations\n", [("blockquote", "We the peoples of the United Nations", "blockquote", 1)]),
        ("![Delegates in Doha](hall.jpg)\n", [("image-alt", "Delegates in Doha", "alt text of image hall.jpg", 1)]),
        ("| Day | Event |\n|---|---|\n| 4 | Opening |\n", [
            ("table-cell", "Day", "table header cell, column 1", 1),
            ("table-cell", "Event", "table header cell, column 2", 1),
            ("table-cell", "Opening", "table cell, row 1, column 2", 3),
        ]),
    ],
    ids=["atx", "setext", "soft-break", "list", "blockquote", "image-alone", "table"],
)
def test_units(source, expected):
    assert [(u.role, u.text, u.comment, u.line) for u in units(source)] == expected


@pytest.mark.parametrize(
    "source",
    [
        "```\nprint('not a unit')\n```\n",
        "    indented code block\n",
        '<div class="note">An HTML block is left alone.</div>\n',
        "2025\n\n4-6, 10:00!\n\nhttps://www.un.org/\n\n`code only`\n",
    ],
    ids=["fenced", "indented", "html-block", "no-prose"],
)
def test_not_extracted(source):
    assert units(source) == []


def test_inline_markdown_kept_with_atomic_ranges():
    (unit,) = units("Read the [declaration](https://www.un.org/) and **act**,\nthen `run` it.\n")
    assert unit.text == "Read the [declaration](https://www.un.org/) and **act**, then `run` it."
    assert [unit.text[a:b] for a, b in unit.atomic] == ["[declaration](https://www.un.org/)", "**act**", "`run`"]


def test_image_inside_text_stays_inline():
    (unit,) = units("The hall ![a view](hall.jpg) was full.\n")
    assert unit.role == "paragraph" and "![a view](hall.jpg)" in unit.text


def test_splittable_flags():
    document = parse_file(DATA / "summit.md")
    flags = {u.role: u.splittable for u in document.units}
    assert flags == {"heading": False, "paragraph": True, "list-item": True, "blockquote": True,
                     "image-alt": False, "table-cell": False}


@pytest.mark.parametrize(
    "source, rendition, expected",
    [
        ("## Commitments ##\n", "Engagements", "## Engagements ##\n"),
        ("Line one\nline two\n\nNext\n", "Ligne unique", "Ligne unique\n\nNext\n"),
        ("- one item\n  continued here\n- two\n", "un élément", "- un élément\n- two\n"),
        ("> quoted words\n> more words\n", "mots cités", "> mots cités\n"),
        ("| Day | Event |\n|---|---|\n", "Jour", "| Jour | Event |\n|---|---|\n"),
        ("![The hall](hall.jpg)\n", "La salle", "![La salle](hall.jpg)\n"),
        ("Setext\r\n======\r\n", "Titre", "Titre\r\n======\r\n"),
    ],
    ids=["atx-closing", "multi-line-paragraph", "list-continuation", "blockquote", "table-cell", "image-alt", "crlf-setext"],
)
def test_render_splices_and_keeps_prefixes(source, rendition, expected):
    document = FORMAT.parse(source, "doc.md")
    renditions = identity(document)
    renditions[0] = Rendition(rendition)
    assert FORMAT.render(document, renditions, lang="fr") == expected


def test_identity_ignores_lang():
    source = (DATA / "summit.md").read_bytes().decode("utf-8")
    document = FORMAT.parse(source, "summit.md")
    assert FORMAT.render(document, identity(document), lang="ar", direction="rtl") == source
