"""The public API (docs/api.md): every name of ``l10n.__all__`` imports, has a docstring that
help() shows, and a project goes extract -> update -> check -> build through it alone."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import l10n
from support import msgfmt_check

DOCS = Path(__file__).resolve().parents[1] / "docs" / "api.md"


@pytest.mark.parametrize("name", sorted(set(l10n.__all__) - {"__version__", "OFFICIAL_LANGUAGES"}))
def test_every_public_name_imports_and_is_documented(name):
    value = getattr(l10n, name)
    assert inspect.getdoc(value), f"l10n.{name} has no docstring for help()"
    assert f"`{name}" in DOCS.read_text("utf-8"), f"docs/api.md does not describe {name}"
    exec(f"from l10n import {name}", {})  # noqa: S102 - the form a script uses


def test_the_names_are_listed_by_dir_and_help():
    assert set(l10n.__all__) <= set(dir(l10n))
    for name in ("extract", "update", "check", "build", "load_glossary", "lookup_terms"):
        assert name in l10n.__doc__


def test_importing_the_package_stays_cheap():
    """The API is imported on first use: `import l10n` loads no pipeline stage."""
    code = ("import sys, l10n; print(','.join(sorted(m for m in sys.modules "
            "if m.startswith('l10n.') or m in ('polib', 'lxml', 'click'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded in ("", "l10n.locales"), loaded


PAGE = """# Summit

The Second World Summit for Social Development met in Doha. It adopted a declaration.

The United Nations welcomed 40 delegations.
"""
GLOSSARY = """concept_id,domain,en,fr
BODY-UN,body,United Nations,Nations Unies
"""


def test_a_project_through_the_api_only(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762214400")
    root = tmp_path / "site"
    (root / "source").mkdir(parents=True)
    (root / "glossary").mkdir()
    (root / "pyproject.toml").write_text(
        '[tool.l10n]\nsource-language = "en"\nlanguages = ["en", "fr"]\n', "utf-8")
    (root / "source" / "summit.md").write_text(PAGE, "utf-8")

    config = l10n.load_config(root)
    extracted = l10n.extract(config)
    assert [(r.source.name, r.entries, r.written) for r in extracted] == [("summit", 4, True)]
    assert l10n.orphan_templates(config, extracted) == []
    updated = l10n.update(config)
    path = root / "po" / "fr" / "summit.po"
    assert [(r.lang, r.path, r.created) for r in updated] == [("fr", path, True)]

    catalogue = l10n.read_po(path)
    translations = {
        "Summit": "Sommet",
        "The Second World Summit for Social Development met in Doha.":
            "Le deuxième Sommet mondial pour le développement social s'est réuni à Doha.",
        "It adopted a declaration.": "Il a adopté une déclaration.",
        "The United Nations welcomed 40 delegations.":
            "L'Organisation des Nations Unies a accueilli 14 délégations.",  # a wrong number
    }
    for entry in catalogue:
        entry.msgstr = translations[entry.msgid]
    l10n.write_po(catalogue, path)
    msgfmt_check(path)

    findings = l10n.check(config)
    assert findings and all(isinstance(f, l10n.Finding) for f in findings)
    numbers = [f for f in findings if f.check == "number-mismatch"]
    assert [(f.file, f.lang, f.line) for f in numbers] == [("po/fr/summit.po", "fr",
                                                            numbers[0].line)]
    assert "14" in numbers[0].message and numbers[0].severity == l10n.Severity.WARNING
    assert l10n.check(config, [path], select=["number-mismatch"]) == numbers

    result = l10n.build(config, options=l10n.GateOptions(fail_on="warning"))
    assert [lang.lang for lang in result.refused] == ["fr"]  # the check gate refuses it
    assert not (root / "dist" / "fr").exists()
    entry = next(e for e in catalogue if "40" in e.msgid)
    entry.msgstr = "L'Organisation des Nations Unies a accueilli 40 délégations."
    l10n.write_po(catalogue, path)
    assert not [f for f in l10n.check(config) if f.check == "number-mismatch"]
    result = l10n.build(config, options=l10n.GateOptions(fail_on="warning"))
    assert not result.refused
    page = (root / "dist" / "fr" / "summit.md").read_text("utf-8")
    assert "Il a adopté une déclaration." in page and "# Sommet" in page
    assert (root / "dist" / "fr" / "LC_MESSAGES" / "summit.mo").is_file()


def test_glossary_and_merge_through_the_api(tmp_path):
    (tmp_path / "terms.csv").write_text(GLOSSARY, "utf-8")
    glossary = l10n.load_glossary(tmp_path / "terms.csv")
    found = l10n.lookup_terms(glossary, "Nous remercions les Nations Unies.", "fr")
    assert [match["concept"] for match in found] == ["BODY-UN"]
    assert l10n.segment_text("Il a parlé. Elle a répondu.", "fr") == ["Il a parlé.", "Elle a répondu."]

    old = tmp_path / "old.po"
    old.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; '
                   'charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
                   'msgid "Summit"\nmsgstr "Sommet"\n', "utf-8")
    new = tmp_path / "new.pot"
    new.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "Summit"\nmsgstr ""\n\nmsgid "Declaration"\nmsgstr ""\n', "utf-8")
    report = l10n.merge_files(old, new, tmp_path / "out.po")
    assert report.counts()["new"] == 1 and report.counts()["unchanged"] == 1
    assert {e.msgid: e.msgstr for e in l10n.read_po(tmp_path / "out.po")} == {
        "Summit": "Sommet", "Declaration": ""}


def test_bad_input_raises_the_documented_classes(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["en", "xx-bogus"]\n',
                                             "utf-8")
    with pytest.raises(l10n.ConfigError) as raised:
        l10n.load_config(tmp_path)
    assert isinstance(raised.value, l10n.L10nError) and raised.value.exit_code == 2
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "b\n', "utf-8")
    with pytest.raises(l10n.InputError) as raised:
        l10n.read_po(bad)
    assert raised.value.path == str(bad) and raised.value.line == 2


def _table(heading: str) -> dict[str, str]:
    """The first two columns of the first table after ``heading`` in docs/api.md."""
    text = DOCS.read_text("utf-8").split(heading, 1)[1]
    rows = {}
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            first, second = (cell.strip() for cell in line.strip("|").split("|")[:2])
            rows[first] = second
        elif rows and not line.startswith("|"):
            break
    return rows


def test_the_documented_error_classes_match_the_code():
    import l10n.errors

    documented = _table("| exception | exit_code |")
    documented.pop("exception", None)
    classes = {f"`{name}`": cls for name, cls in vars(l10n.errors).items()
               if isinstance(cls, type) and issubclass(cls, l10n.errors.L10nError)}
    assert set(documented) == set(classes)  # every class documented, and no other
    for name, cls in classes.items():
        assert int(documented[name]) == cls.exit_code, name
        assert getattr(l10n, name.strip("`")) is cls  # and importable from l10n


def test_the_documented_exit_statuses_match_the_command_line(tmp_path):
    import click
    from click.testing import CliRunner

    from l10n.cli import cli
    from l10n.cli.support import INTERRUPTED

    statuses = _table("| status | meaning |")
    statuses.pop("status", None)
    assert sorted(int(s) for s in statuses) == [0, 1, 2, INTERRUPTED] == [0, 1, 2, 130]
    assert click.UsageError("x").exit_code == 2
    (tmp_path / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["en", "fr"]\n', "utf-8")
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a.md").write_text("The Summit met in 2025.\n", "utf-8")

    def status(*args: str) -> int:
        return CliRunner().invoke(cli, ["-C", str(tmp_path), *args]).exit_code

    assert status("extract", "--check") == 1  # a template would be written
    assert status("extract") == 0
    assert status("extract", "--no-such-option") == 2
    assert status("update", "--lang", "xx-bogus") == 2
    assert status("update") == 0
    catalogue = tmp_path / "po" / "fr" / "a.po"
    translated = l10n.read_po(catalogue)
    translated[0].msgstr = "Le Sommet s'est réuni en 2024."  # a wrong year
    l10n.write_po(translated, catalogue)
    assert status("check", "--fail-on", "warning") == 1
    assert status("check", "--fail-on", "never") == 0
    catalogue.write_text('msgid "a"\nmsgstr "b\n', "utf-8")
    assert status("check") == 2
