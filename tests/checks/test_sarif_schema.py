"""`l10n check --format sarif`, as docs/ci.md uploads it to code scanning, is valid SARIF 2.1.0:
validated against the OASIS JSON schema (tests/data/sarif-schema-2.1.0.json), for the
example project and for a project with findings of every family."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.catalog.po import read_po, write_po
from l10n.cli import cli
from support import REPO

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
PAGE = """<html><head><title>Summit</title></head><body>
<p>The United Nations met in Doha on 4 November 2025.</p>
<p>See <a href="https://www.un.org">the <em>website</em></a>.</p>
<p>Document A/RES/78/261 was adopted.</p>
</body></html>
"""
WRONG = {  # a finding of each family: terms, numbers, markup, symbols, untranslated
    "The United Nations met in Doha on 4 November 2025.": "L'ONU s'est réunie à Doha le 5 novembre 2025.",
    'See <a href="https://www.un.org">the <em>website</em></a>.': "Voir le site.",
    "Document A/RES/78/261 was adopted.": "Le document A/RES/78/216 a été adopté.",
}


def sarif(root: Path, out: Path) -> dict:
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "--format", "sarif",
                                      "--output", str(out), "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text("utf-8"))


def validate(data: dict) -> None:
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_the_schema_refuses_what_is_not_sarif():
    """The schema is strict enough for the test to mean something."""
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "l10n"}}, "results": [
        {"ruleId": "T001", "level": "error", "message": {"text": "x"}}]}]}
    validate(good)
    for bad in ({**good, "version": "2.0.0"},
                {**good, "runs": [{"tool": {"driver": {"name": "l10n"}}, "results": [
                    {"ruleId": "T001", "level": "fatal", "message": {"text": "x"}}]}]},
                {**good, "runs": [{"tool": {"driver": {}}}]}):
        assert list(jsonschema.Draft4Validator(SCHEMA).iter_errors(bad))


def test_the_example_projects_sarif_is_valid(tmp_path):
    if not (REPO / "po").is_dir() or not (REPO / "source").is_dir():
        pytest.skip("the example project is not in this checkout")
    data = sarif(REPO, tmp_path / "l10n.sarif")
    validate(data)
    assert data["runs"][0]["tool"]["driver"]["name"] == "l10n"


def test_a_projects_findings_are_valid_sarif(make_project, tmp_path):
    from l10n.glossary.store import dump_glossary
    from l10n.project.scaffold import starter_glossary

    glossary = dump_glossary(starter_glossary(("en", "fr")))  # the United Nations
    root = make_project({"source/page.html": PAGE, "glossary/un.tbx": glossary},
                        'languages = ["en", "fr"]\n')
    for command in ("extract", "update"):
        assert CliRunner().invoke(cli, ["-C", str(root), command]).exit_code == 0
    path = root / "po" / "fr" / "page.po"
    catalogue = read_po(path)
    for entry in catalogue:
        entry.msgstr = WRONG.get(entry.msgid, "")
    write_po(catalogue, path)
    data = sarif(root, tmp_path / "l10n.sarif")
    validate(data)
    results = data["runs"][0]["results"]
    rules = {result["ruleId"] for result in results}
    assert {"T001", "N001", "M001", "H001"} <= rules, rules
    assert {result["level"] for result in results} >= {"error", "note"}
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "po/fr/page.po"
        assert location["region"]["startLine"] >= 1
