"""A small three-format project with catalogues filled in by the test, for `l10n build`."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from l10n.config import load_config
from l10n.project.extract import extract
from l10n.project.update import update

EPOCH = 1762214400  # 2025-11-04T00:00:00Z

HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The Summit in Doha</title>
</head>
<body>
<h1>The Summit in Doha</h1>
<p id="symbol">The General Assembly adopted resolution A/RES/78/261 in 2025.</p>
<p id="closing">The Summit closed on 6 November.</p>
</body>
</html>
"""

MARKDOWN = """# The Summit in Doha

The General Assembly adopted resolution A/RES/78/261 in 2025.
"""

TEXT = """The Summit in Doha

The General Assembly adopted resolution A/RES/78/261 in 2025.
"""

SOURCES = {
    "source/doc/page.html": HTML,
    "source/doc/notes.md": MARKDOWN,
    "source/doc/statement.txt": TEXT,
}

TITLE = "The Summit in Doha"
SYMBOL = "The General Assembly adopted resolution A/RES/78/261 in 2025."
CLOSING = "The Summit closed on 6 November."

TRANSLATIONS = {
    "ar": {
        TITLE: "مؤتمر القمة في الدوحة",
        SYMBOL: "اتخذت الجمعية العامة القرار A/RES/78/261 في عام 2025.",
        CLOSING: "اختتم مؤتمر القمة أعماله في 6 تشرين الثاني/نوفمبر.",
    },
    "fr": {
        TITLE: "Le Sommet à Doha",
        SYMBOL: "L’Assemblée générale a adopté la résolution A/RES/78/261 en 2025.",
        CLOSING: "Le Sommet s’est clos le 6 novembre.",
    },
    "zh": {
        TITLE: "多哈首脑会议",
        SYMBOL: "大会于2025年通过了第A/RES/78/261号决议。",
        CLOSING: "首脑会议于11月6日闭幕。",
    },
}


def fill(root: Path, lang: str, table: dict[str, str], *, fuzzy: tuple[str, ...] = ()) -> None:
    """Put ``table``'s translations into every catalogue of ``lang``; ``fuzzy`` ones get the flag."""
    for path in sorted((root / "po" / lang).rglob("*.po")):
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            entry.msgstr = table.get(entry.msgid, "")
            if entry.msgid in fuzzy and entry.msgstr:
                entry.flags.append("fuzzy")
        catalogue.save()


@pytest.fixture
def bundle_project(make_project, monkeypatch):
    """make(translations=None, settings=...) -> ProjectConfig: sources, templates, filled catalogues.

    Languages are ar, en, fr, zh; SOURCE_DATE_EPOCH is fixed so that outputs are reproducible.
    """
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))

    def make(translations: dict[str, dict[str, str]] | None = None,
             fuzzy: dict[str, tuple[str, ...]] | None = None):
        settings = 'languages = ["ar", "en", "fr", "zh"]\n'
        root = make_project(SOURCES, settings)
        config = load_config(root, explicit=True)
        extract(config)
        update(config)
        for lang, table in (TRANSLATIONS if translations is None else translations).items():
            fill(root, lang, table, fuzzy=(fuzzy or {}).get(lang, ()))
        return config

    return make


def no_checks(config, langs):
    """A check gate that finds nothing, in place of the project's checks."""
    return {lang: {} for lang in langs}


@pytest.fixture
def sample():
    """The fixture's texts and helpers, for assertions (conftest modules cannot be imported)."""
    from types import SimpleNamespace

    return SimpleNamespace(TITLE=TITLE, SYMBOL=SYMBOL, CLOSING=CLOSING, EPOCH=EPOCH,
                           TRANSLATIONS=TRANSLATIONS, fill=fill, no_checks=no_checks)


@pytest.fixture
def run_cli():
    """Invoke the l10n command line (with `build` registered) in a project folder."""
    from click.testing import CliRunner

    from l10n.bundle.commands import build
    from l10n.cli import cli

    if "build" not in cli.commands:
        cli.add_command(build)

    def run(root: Path, *args: str):
        return CliRunner().invoke(cli, ["-C", str(root), "build", *args])

    return run
