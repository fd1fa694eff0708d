"""`l10n stats`: per document, per language and over the project, as text and JSON."""

from __future__ import annotations

import json

import polib
from click.testing import CliRunner

from l10n.cli.app import cli

SETTINGS = 'source-language = "en"\nlanguages = ["en", "fr", "ru"]\n'


def run(root, *args):
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    assert result.exit_code == 0, result.output
    return result.output


def project_with_work(make_project):
    """Two documents; fr has one of three entries translated and one fuzzy, ru nothing."""
    root = make_project({"source/a.txt": "First sentence here.\n\nSecond one.\n",
                         "source/b.txt": "Third sentence.\n"}, SETTINGS)
    run(root, "extract")
    run(root, "update")
    catalogue = polib.pofile(str(root / "po/fr/a.po"))
    catalogue[0].msgstr = "Première phrase ici."
    catalogue[1].msgstr = "Deuxième."
    catalogue[1].flags.append("fuzzy")
    catalogue.save()
    return root


def test_text_has_a_total_per_language_and_for_the_project(make_project):
    lines = run(project_with_work(make_project), "stats").splitlines()
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in lines[2:]}
    assert rows[("fr", "a")][:3] == ["1", "1", "0"]
    assert rows[("fr", "total")][:4] == ["1", "1", "1", "3/7"]
    assert rows[("ru", "total")][:4] == ["0", "0", "3", "0/7"]
    assert rows[("all", "total")][:5] == ["1", "1", "4", "3/14", "16.6%"]  # 1/6, down
    assert lines[-1].startswith("all")


def test_json_has_the_same_totals(make_project):
    data = json.loads(run(project_with_work(make_project), "stats", "--format", "json"))
    fr = data["languages"]["fr"]
    assert (fr["translated"], fr["fuzzy"], fr["untranslated"], fr["total"]) == (1, 1, 1, 3)
    assert (fr["words"], fr["translated_words"], fr["percent"]) == (7, 3, 33.3)
    assert [d["document"] for d in fr["documents"]] == ["a", "b"]
    total = data["total"]
    assert (total["translated"], total["fuzzy"], total["untranslated"], total["total"]) == (1, 1, 4, 6)
    assert (total["words"], total["translated_words"], total["percent"]) == (14, 3, 16.6)


def test_stats_and_the_build_gate_give_the_same_percentage(make_project):
    """Two of three entries translated: 66.6 % in `l10n stats` (text and JSON), in the build's
    manifest and in its refusal; rounded up, stats said 66.7 % while the gate refused 66.7."""
    root = make_project({"source/a.txt": "One sentence.\n\nTwo sentences.\n\nThree.\n"},
                        'source-language = "en"\nlanguages = ["en", "fr"]\n')
    run(root, "extract")
    run(root, "update")
    path = root / "po/fr/a.po"
    catalogue = polib.pofile(str(path))
    catalogue[0].msgstr, catalogue[1].msgstr = "Une phrase.", "Deux phrases."
    catalogue.save()
    data = json.loads(run(root, "stats", "--format", "json"))
    assert data["languages"]["fr"]["percent"] == 66.6
    assert "66.6%" in run(root, "stats").splitlines()[2]
    refused = CliRunner().invoke(cli, ["-C", str(root), "build", "--lang", "fr",
                                       "--min-completeness", "66.7"])
    assert refused.exit_code != 0 and "66.6% translated (minimum 66.7%)" in refused.output
    run(root, "build", "--lang", "fr", "--min-completeness", "66.6")
    manifest = json.loads((root / "dist/fr/manifest.json").read_text("utf-8"))
    assert manifest["completeness"]["percent"] == 66.6
