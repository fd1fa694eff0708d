"""Plain text: paragraphs, layout-only separator lines, and translated paragraphs that keep
the source's line structure."""

from __future__ import annotations

import pytest

from l10n.formats.text import FORMAT, is_layout
from l10n.model import Rendition

from formats.helpers import identity


@pytest.mark.parametrize(
    "line, layout",
    [("", True), ("\n", True), (" \t\r\n", True), ("\u00a0\n", True), ("\u3000\u3000\n", True),
     ("a\n", False), ("\u202f\n", False), (".\n", False)],
    ids=["empty", "newline", "spaces-tabs-crlf", "nbsp", "ideographic-space", "letter", "narrow-nbsp", "dot"],
)
def test_layout_lines(line, layout):
    assert is_layout(line) is layout


@pytest.mark.parametrize(
    "source, expected",
    [
        ("One line\nand another\n\nSecond paragraph\n", [("One line and another", 1), ("Second paragraph", 4)]),
        ("First\n\u00a0\nSecond\n\u3000\nThird", [("First", 1), ("Second", 3), ("Third", 5)]),
        ("Tabs\there\n", [("Tabs here", 1)]),
        ("Doha\u00a0: 4\u202f000 people\n", [("Doha\u00a0: 4\u202f000 people", 1)]),
        ("2025\n\n---\n\nhttps://www.un.org/\n\nWords\n", [("Words", 7)]),
    ],
    ids=["fold-lines", "layout-separators", "tab", "nbsp-kept", "not-prose"],
)
def test_paragraph_units(source, expected):
    document = FORMAT.parse(source, "t.txt")
    assert [(u.text, u.line) for u in document.units] == expected
    assert all(u.role == "paragraph" and u.comment == "paragraph" and u.atomic == () for u in document.units)
    assert all(u.splittable for u in document.units)


def test_translated_paragraph_keeps_its_lines_and_separators():
    source = "  Title line\r\n\u00a0\r\n\r\nFirst line\r\nsecond line\r\n\r\nEnd"
    document = FORMAT.parse(source, "t.txt")
    renditions = [Rendition("Titre"), Rendition("Une seule ligne"), Rendition("Fin")]
    assert FORMAT.render(document, renditions, lang="fr") == (
        "  Titre\r\n\u00a0\r\n\r\nUne seule\r\nligne\r\n\r\nFin")
    assert FORMAT.render(document, identity(document), lang="fr") == source


# --- line structure of a translated paragraph (issue #17) --------------------------------------

SOURCE = ("  Social protection, decent work and inclusion\n"
          "    were the three themes of the Summit.\n"
          "\n"
          "A paragraph on one line.\n")


def _render(source, *translations):
    document = FORMAT.parse(source, "t.txt")
    return FORMAT.render(document, [Rendition(t) for t in translations], lang="fr")


def test_translation_is_wrapped_to_the_source_width_with_its_indents():
    long = ("La protection sociale, le travail décent et l’inclusion étaient les trois thèmes "
            "du Sommet, qui a aussi adopté la Déclaration politique de Doha.")
    rendered = _render(SOURCE, long, "Un paragraphe.")
    lines = rendered.split("\n")
    width = max(len(line) for line in SOURCE.splitlines())
    paragraph = lines[: lines.index("")]
    assert len(paragraph) > 2 and all(len(line) <= width for line in paragraph)
    assert paragraph[0].startswith("  La ") and all(
        line.startswith("    ") and line[4] != " " for line in paragraph[1:])  # hanging indent
    assert " ".join(line.strip() for line in paragraph) == long
    assert lines[-2:] == ["Un paragraphe.", ""]


def test_one_line_source_paragraph_stays_on_one_line():
    rendered = _render(SOURCE, "Court.", "Un paragraphe sur une ligne, bien plus long que sa source.")
    assert rendered.endswith("\n\nUn paragraphe sur une ligne, bien plus long que sa source.\n")
    assert rendered.startswith("  Court.\n\n")


def test_translators_own_line_breaks_are_kept():
    rendered = _render(SOURCE, "Première ligne\n\n  deuxième ligne, plus longue que la source ne "
                               "le permettrait\n", "Un\r\nparagraphe.")
    assert rendered == ("  Première ligne\n    deuxième ligne, plus longue que la source ne le "
                        "permettrait\n\nUn\nparagraphe.\n")


def test_wide_characters_count_two_columns_and_wrap_between_characters():
    translation = "社会保护、体面工作和包容是首脑会议的三个主题，会议还通过了多哈政治宣言。"
    rendered = _render(SOURCE, translation, "一段。")
    paragraph = rendered.split("\n\n")[0].split("\n")
    assert len(paragraph) == 2
    width = max(len(line) for line in SOURCE.splitlines())
    assert all(len(line) + len(line.strip()) <= width for line in paragraph)  # indent + 2 each
    assert len(paragraph[0]) + len(paragraph[0].strip()) > width - 4  # and filled up
    assert "".join(line.strip() for line in paragraph) == translation


def test_a_word_wider_than_the_paragraph_stays_whole():
    source = "ab cd\nef gh\n"
    assert _render(source, "Antidisestablishmentarianism x") == "Antidisestablishmentarianism\nx\n"
