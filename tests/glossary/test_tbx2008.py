"""TBX 2008 export: the format MultiTerm, translate-toolkit and older Weblate read."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from translate.storage.tbx import tbxfile

from l10n.glossary.commands import glossary
from l10n.glossary.model import Status
from l10n.glossary.store import load_glossary
from support import REPO

STATUS_2008 = {Status.PREFERRED: "preferredTerm-admn-sts", Status.ADMITTED: "admittedTerm-admn-sts",
               Status.DEPRECATED: "deprecatedTerm-admn-sts"}


def export_2008(make_project, tmp_path: Path) -> Path:
    root = make_project({"glossary/.keep": ""})
    out = tmp_path / "glossary-2008.tbx"
    result = CliRunner().invoke(glossary, ["export", "--format", "tbx2008", "--glossary",
                                           str(REPO / "glossary"), "-o", str(out)],
                                obj={"directory": root})
    assert result.exit_code == 0, result.output
    return out


def test_translate_toolkit_reads_the_same_terms(make_project, tmp_path):
    ours = load_glossary(REPO / "glossary")
    out = export_2008(make_project, tmp_path)
    store = tbxfile.parsefile(str(out))
    seen = {}
    for unit in store.units:
        for lang in ("ar", "en", "es", "fr", "ru", "zh"):
            for term in unit.get_target_terms(lang):
                seen.setdefault((unit.getid(), lang), []).append(
                    (term.text, term.administrative_status))
    expected = {}
    for concept in ours.concepts.values():
        for lang, section in concept.languages.items():
            for term in section.terms:
                expected.setdefault((concept.id, lang), []).append(
                    (term.text, STATUS_2008[term.status]))
    assert len(store.units) == len(ours.concepts) > 50
    assert {key: sorted(value) for key, value in seen.items()} == \
        {key: sorted(value) for key, value in expected.items()}


def test_tbx2008_reads_back_to_the_same_glossary(make_project, tmp_path):
    out = export_2008(make_project, tmp_path)
    text = out.read_text("utf-8")
    assert "<martif " in text and "<termEntry " in text and "<tig>" in text
    assert "conceptEntry" not in text and "urn:iso:std:iso:30042" not in text
    assert load_glossary(out).concepts == load_glossary(REPO / "glossary").concepts
