"""One language's broken translation refuses that language only; direction follows the output.

An XHTML page whose French translation holds a bare "&" cannot be rendered in French. The build
names the French catalogue and line, refuses French, and builds every other language; the
markup check reports the same translation before any build. Elements whose ``dir`` restates the
source language's direction take the output language's.
"""

from __future__ import annotations

import polib
import pytest
from click.testing import CliRunner
from lxml import etree

from l10n.checks.commands import check
from l10n.cli import cli

XHTML = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="LANG" dir="DIR"><head><title>TITLE</title></head>
<body><div dir="DIR"><p>BODY</p><p dir="OTHER">A/RES/78/261</p></div></body></html>
"""


def _source(lang: str, direction: str, other: str, title: str, body: str) -> str:
    return (XHTML.replace("LANG", lang).replace("OTHER", other).replace("DIR", direction)
            .replace("TITLE", title).replace("BODY", body))


def _fill(root, lang: str, table: dict[str, str]) -> None:
    for path in (root / "po" / lang).rglob("*.po"):
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            entry.msgstr = table.get(entry.msgid, "A/RES/78/261" if entry.msgid == "A/RES/78/261"
                                     else "")
        catalogue.save()


def _invoke(root, *args):
    if "check" not in cli.commands:
        cli.add_command(check, "check")
    return CliRunner().invoke(cli, ["-C", str(root), *args])


@pytest.fixture
def english_project(make_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762214400")
    root = make_project(
        {"source/page.xhtml": _source("en", "ltr", "rtl", "Research and development",
                                      "Research and development matter.")},
        'languages = ["en", "es", "fr", "ru"]\n')
    assert _invoke(root, "extract").exit_code == 0
    assert _invoke(root, "update").exit_code == 0
    _fill(root, "es", {"Research and development": "Investigación y desarrollo",
                       "Research and development matter.": "La investigación importa."})
    _fill(root, "fr", {"Research and development": "Recherche & développement",
                       "Research and development matter.": "La recherche compte."})
    _fill(root, "ru", {"Research and development": "Исследования и разработки",
                       "Research and development matter.": "Исследования важны."})
    return root


def _title_line(root, lang: str) -> int:
    catalogue = polib.pofile(str(root / "po" / lang / "page.po"))
    return next(e.linenum for e in catalogue if e.msgid == "Research and development")


@pytest.mark.parametrize("checks", [[], ["--no-checks"]], ids=["with-checks", "no-checks"])
def test_a_translation_that_cannot_be_rendered_refuses_its_language_only(english_project,
                                                                          checks):
    result = _invoke(english_project, "build", "--fail-on", "never", *checks)
    assert result.exit_code == 1, result.output
    line = _title_line(english_project, "fr")
    assert f"fr: refused: po/fr/page.po:{line}: translation of <title>" in result.output
    assert "a bare '&'" in result.output
    assert "Traceback" not in result.output
    dist = english_project / "dist"
    assert not (dist / "fr").exists() and not (dist / "fr.zip").exists()
    for lang in ("en", "es", "ru"):
        page = dist / lang / "page.xhtml"
        etree.parse(str(page))  # well-formed
        assert (dist / f"{lang}.zip").is_file()
    assert "Investigación y desarrollo" in (dist / "es" / "page.xhtml").read_text("utf-8")


def test_the_markup_check_reports_it_at_the_catalogues_line(english_project):
    result = _invoke(english_project, "check")
    assert result.exit_code == 1, result.output
    line = _title_line(english_project, "fr")
    assert f"po/fr/page.po:{line}: M006 xhtml-ill-formed:" in result.output
    assert "po/es/" not in result.output and "po/ru/" not in result.output


def test_direction_follows_the_output_language(make_project, monkeypatch):
    """An Arabic source's <div dir="rtl"> is left to right in English and French; an element
    that marks text of the other direction keeps its dir; untranslated Arabic text in an
    English page is marked right to left."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762214400")
    root = make_project(
        {"source/page.xhtml": _source("ar", "rtl", "ltr", "البحث والتطوير", "البحث مهم.")},
        'source-language = "ar"\nlanguages = ["ar", "en", "fr"]\n')
    for command in ("extract", "update"):
        assert _invoke(root, command).exit_code == 0
    _fill(root, "fr", {"البحث والتطوير": "Recherche et développement",
                       "البحث مهم.": "La recherche compte."})
    result = _invoke(root, "build", "--fail-on", "never", "--min-completeness", "0")
    assert result.exit_code == 0, result.output
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    for lang, want in (("ar", "rtl"), ("en", "ltr"), ("fr", "ltr")):
        page = etree.parse(str(root / "dist" / lang / "page.xhtml"))
        assert page.getroot().get("dir") == want
        assert page.find(".//h:div", ns).get("dir") == want, lang
        assert page.findall(".//h:p", ns)[1].get("dir") == "ltr", lang  # marks LTR text
    english = etree.parse(str(root / "dist" / "en" / "page.xhtml"))
    fallback = english.find(".//h:p/h:span", ns)
    assert (fallback.get("lang"), fallback.get("dir")) == ("ar", "rtl")
    french = etree.parse(str(root / "dist" / "fr" / "page.xhtml"))
    assert french.find(".//h:p", ns).text == "La recherche compte."
