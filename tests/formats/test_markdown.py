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


# --- YAML front matter (issue #17) -------------------------------------------------------------

FRONT = DATA / "frontmatter.md"


def test_front_matter_is_metadata_not_a_heading():
    document = parse_file(FRONT)
    assert [(u.role, u.text, u.line) for u in document.units[:3]] == [
        ("front-matter-title", 'Summit on "Sustainable Development"', 2),
        ("front-matter-description",
         "The Heads of State and Government met in New York to adopt the Agenda.", 3),
        ("heading", "The Summit", 11),
    ]
    assert not any("layout" in u.text or "2015" in u.text for u in document.units)
    assert document.units[0].splittable is False and document.units[1].splittable is True


@pytest.mark.parametrize("translation", [
    'Sommet sur le « développement durable »',
    'a "quoted" \\ back: slash # not a comment',
    "- [list]: {flow} & *alias ! %tag",
    "two\nlines\u2028and a bell \x07",
])
def test_front_matter_translation_is_a_valid_yaml_scalar(translation):
    yaml = pytest.importorskip("yaml")
    source = FRONT.read_text("utf-8")
    document = parse_file(FRONT)
    renditions = [Rendition(translation if u.role == "front-matter-title" else u.text)
                  for u in document.units]
    rendered = FORMAT.render(document, renditions, lang="fr")
    metadata = yaml.safe_load(rendered.split("---\n")[1])
    assert metadata["title"] == " ".join(translation.splitlines())
    assert metadata["layout"] == "page" and metadata["tags"] == ["summit", "agenda"]
    # every other line is kept byte for byte
    assert rendered.splitlines()[2:] == source.splitlines()[2:]
    assert FORMAT.parse(rendered, "again.md").units[0].role == "front-matter-title"


def test_front_matter_block_scalar_is_replaced_and_the_rest_kept():
    yaml = pytest.importorskip("yaml")
    document = parse_file(FRONT)
    renditions = [Rendition("[fr] " + u.text) for u in document.units]
    rendered = FORMAT.render(document, renditions, lang="fr")
    head, body = rendered.split("\n---\n", 1)
    assert yaml.safe_load(head.split("---\n", 1)[1])["description"] == (
        "[fr] The Heads of State and Government met in New York to adopt the Agenda.")
    assert "layout: page   # kept as is\ndate: 2015-09-25\n" in head
    assert body.startswith("\n# [fr] The Summit\n")


def test_front_matter_keys_are_configurable(make_project):
    from l10n.config import load_config

    text = "---\ntitle: Doha\nsummary: Leaders met in Doha.\n---\nText here.\n"
    document = FORMAT.parse(text, "a.md", front_matter=("summary",))
    assert [(u.role, u.text) for u in document.units] == [
        ("front-matter-summary", "Leaders met in Doha."), ("paragraph", "Text here.")]
    root = make_project({"source/a.md": text}, 'markdown-front-matter = ["summary"]\n')
    units = parse_file(root / "source" / "a.md", load_config(root)).units
    assert [u.role for u in units] == ["front-matter-summary", "paragraph"]


def test_front_matter_with_crlf_round_trips():
    text = "---\r\ntitle: Doha\r\nlist: [1]\r\n---\r\nLeaders met.\r\n"
    document = FORMAT.parse(text, "a.md")
    assert FORMAT.render(document, identity(document), lang="en") == text
    rendered = FORMAT.render(document, [Rendition("Doha (fr)"), Rendition("Ils.")], lang="fr")
    assert rendered == '---\r\ntitle: "Doha (fr)"\r\nlist: [1]\r\n---\r\nIls.\r\n'


@pytest.mark.parametrize("text", [
    "---\nLeaders met in Doha\n---\n",          # hr, then a setext heading
    "---\ntitle: Doha\n\nLeaders met in Doha.\n",  # no closing fence: a thematic break
])
def test_what_is_not_front_matter_stays_markdown(text):
    roles = [u.role for u in FORMAT.parse(text, "a.md").units]
    assert roles and not any(role.startswith("front-matter-") for role in roles)


def test_invalid_front_matter_is_one_error_at_its_line():
    from l10n.errors import InputError

    with pytest.raises(InputError) as caught:
        FORMAT.parse("---\ntitle: Doha\nbad: [unclosed\n---\nText.\n", "a.md")
    assert "front matter is not valid YAML" in caught.value.message
    assert caught.value.line in (3, 4, 5)


def test_front_matter_translation_gets_no_tag_its_source_lacks():
    yaml = pytest.importorskip("yaml")
    document = FORMAT.parse("---\ntitle: The <em>Doha</em> Summit\n---\nText.\n", "a.md")
    rendered = FORMAT.render(document, [Rendition(
        'Le Sommet de <em>Doha</em><script>alert(1)</script><img src=x onerror="alert(1)">'),
        Rendition("Texte.")], lang="fr")
    title = yaml.safe_load(rendered.split("---\n")[1])["title"]
    assert "<em>Doha</em>" in title and "<script" not in title and "<img" not in title
