"""The commands' messages count in English: "1 concept added", "1 file", "1 entry"."""

from __future__ import annotations

from click.testing import CliRunner

from l10n.cli.app import cli

ONE_CONCEPT = "concept_id,domain,lang,term,status\nBODY-SC,body,en,Security Council,preferred\n"


def run(root, *args):
    return CliRunner().invoke(cli, ["-C", str(root), *args])


def test_one_concept_one_term_one_file(make_project):
    root = make_project({"glossary/.keep": "", "one.csv": ONE_CONCEPT})
    imported = run(root, "glossary", "import", str(root / "one.csv"))
    assert imported.exit_code == 0, imported.output
    assert "1 concept added, 1 term added" in imported.output
    validated = run(root, "glossary", "validate")
    assert "1 file, 1 concept, 1 term: 0 errors, 0 warnings, 0 info" in validated.output


def test_one_entry_one_file(make_project):
    root = make_project({"source/a.txt": "One sentence only.\n"},
                        'source-language = "en"\nlanguages = ["en", "fr"]\n')
    extracted = run(root, "extract")
    assert extracted.exit_code == 0, extracted.output
    assert "po/a.pot: 1 entry (written)" in extracted.output
    updated = run(root, "update")
    assert updated.exit_code == 0, updated.output
    assert "1 file, 1 written, 1 new" in updated.output
