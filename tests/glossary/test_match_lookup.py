"""The lookup function and its click command (against a small CSV glossary)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from l10n.errors import InputError
from l10n.glossary.commands import lookup_command
from l10n.glossary.lookup import lookup
from l10n.glossary.model import Concept, Glossary, Status, Term

CSV = """concept_id,domain,lang,term,status,note,source
PL-DOHA,place,en,Doha,preferred,,
PL-DOHA,place,ar,الدوحة,preferred,,
PL-DOHA,place,ru,Доха,preferred,,
TI-SG,title,en,Secretary-General,preferred,,
TI-SG,title,ru,Генеральный секретарь,preferred,,
TI-USG,title,en,Under-Secretary-General for Economic and Social Affairs,preferred,,
TI-USG,title,ru,заместитель Генерального секретаря по экономическим и социальным вопросам,preferred,,
"""


@pytest.fixture
def glossary_file(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_lookup_returns_spans_terms_and_preferred_terms():
    glossary = Glossary()
    concept = glossary.add(Concept("PL-DOHA", domain="place"))
    concept.section("en").terms.append(Term("Doha"))
    concept.section("ru").terms.extend([Term("Доха"), Term("Дохе", status=Status.ADMITTED)])
    [item] = lookup(glossary, "в Дохе", "ru")
    assert item["concept"] == "PL-DOHA"
    assert (item["start"], item["end"], item["text"]) == (2, 6, "Дохе")
    assert (item["term"], item["status"], item["how"]) == ("Дохе", "admitted", "exact")
    assert item["preferred"] == {"en": "Doha", "ru": "Доха"}


def test_command_prints_matches_and_contained(glossary_file):
    text = "the Under-Secretary-General for Economic and Social Affairs in Doha"
    result = CliRunner().invoke(lookup_command, [text, "--lang", "en", "--glossary", str(glossary_file)])
    assert result.exit_code == 0, result.output
    assert '"Under-Secretary-General for Economic and Social Affairs"  TI-USG' in result.output
    assert 'TI-SG  term "Secretary-General" (preferred, exact)' in result.output
    assert '"Doha"  PL-DOHA' in result.output
    assert "ar الدوحة | en Doha | ru Доха" in result.output


def test_command_json(glossary_file):
    text = "заместителя Генерального секретаря по экономическим и социальным вопросам"
    args = [text, "--lang", "ru", "--json", "--glossary", str(glossary_file)]
    result = CliRunner().invoke(lookup_command, args)
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.output)
    assert (item["concept"], item["how"]) == ("TI-USG", "inflected")
    assert [inner["concept"] for inner in item["contained"]] == ["TI-SG"]
    assert item["preferred"]["en"] == "Under-Secretary-General for Economic and Social Affairs"


def test_command_says_when_nothing_is_found(glossary_file):
    result = CliRunner().invoke(lookup_command, ["Dohaville", "--glossary", str(glossary_file)])
    assert result.exit_code == 0
    assert result.output.strip() == "no glossary terms found"


def test_missing_glossary_is_an_input_error(tmp_path):
    result = CliRunner().invoke(lookup_command, ["Doha", "--glossary", str(tmp_path / "none.csv")])
    assert isinstance(result.exception, InputError)


def test_command_defaults_to_the_projects_source_language(make_project):
    """Without --lang the text is read in the project's source language (here Russian), not
    in the glossary file's or English; --help says so."""
    from l10n.cli.app import cli

    root = make_project({"glossary/terms.csv": CSV},
                        'source-language = "ru"\nlanguages = ["ru", "en", "ar"]\n')
    args = ["-C", str(root), "glossary", "lookup", "в Дохе", "--json",
            "--glossary", str(root / "glossary/terms.csv")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert [item["concept"] for item in json.loads(result.output)] == ["PL-DOHA"]
    english = CliRunner().invoke(cli, [*args, "--lang", "en"])
    assert json.loads(english.output) == []
    shown = CliRunner().invoke(cli, ["glossary", "lookup", "--help"]).output
    assert "project's source language" in " ".join(shown.split())
