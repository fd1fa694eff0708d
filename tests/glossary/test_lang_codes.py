"""Language codes as other tools write them (fr-FR, zh-Hans, zh-CN, es-419, en-US) are read as
the official languages, with one note per code; an unknown language is still an error; and a CSV
term without a status is admitted, with a warning naming the file and line."""

from __future__ import annotations

from click.testing import CliRunner

from l10n.cli.app import cli
from l10n.glossary.store import load_glossary
from l10n.glossary.validate import ERROR, validate_glossary

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>MultiTerm</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="BODY-SC">
      <langSet xml:lang="en-US"><tig><term>Security Council</term></tig></langSet>
      <langSet xml:lang="fr-FR"><tig><term>Conseil de sécurité</term></tig></langSet>
      <langSet xml:lang="es-419"><tig><term>Consejo de Seguridad</term></tig></langSet>
      <langSet xml:lang="zh-Hans"><tig><term>安全理事会</term></tig></langSet>
    </termEntry>
    <termEntry id="TI-SG">
      <langSet xml:lang="en-US"><tig><term>Secretary-General</term></tig></langSet>
      <langSet xml:lang="zh-CN"><tig><term>秘书长</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_official_language_of_regional_codes():
    from l10n.locales import official_language

    for code, lang in [("fr-FR", "fr"), ("fr_CA", "fr"), ("zh-Hans", "zh"), ("zh-CN", "zh"),
                       ("zh-SG", "zh"), ("es-419", "es"), ("en-US", "en"), ("ar-EG", "ar"),
                       ("ru-RU", "ru"), ("zh-Hans-CN", "zh")]:
        assert official_language(code) == lang, code
    for code in ("zh-TW", "zh-Hant", "zh-HK", "pt-BR", "xx-YY", "not a code"):
        assert official_language(code) is None, code


def test_tbx_codes_are_read_as_the_official_languages_with_a_note(tmp_path):
    path = tmp_path / "multiterm.tbx"
    path.write_text(TBX, "utf-8")
    glossary = load_glossary(path)
    assert glossary.source_lang == "en"
    assert sorted(glossary.concepts["BODY-SC"].languages) == ["en", "es", "fr", "zh"]
    assert sorted(glossary.concepts["TI-SG"].languages) == ["en", "zh"]
    assert glossary.messages == [
        f'{path}:2: note: xml:lang "en-US" read as en',
        f'{path}:7: note: xml:lang "fr-FR" read as fr',
        f'{path}:8: note: xml:lang "es-419" read as es',
        f'{path}:9: note: xml:lang "zh-Hans" read as zh',
        f'{path}:13: note: xml:lang "zh-CN" read as zh',
    ]


def test_import_writes_the_official_codes_and_says_so(make_project):
    root = make_project({"glossary/.keep": "", "multiterm.tbx": TBX})
    result = CliRunner().invoke(cli, ["-C", str(root), "glossary", "import",
                                      str(root / "multiterm.tbx")])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if ": note: " in line]
    assert len(notes) == 5 and 'xml:lang "fr-FR" read as fr' in notes[1]
    written = (root / "glossary/multiterm.tbx").read_text("utf-8")
    assert 'xml:lang="fr"' in written and "fr-FR" not in written and "zh-CN" not in written
    validated = CliRunner().invoke(cli, ["-C", str(root), "glossary", "validate"])
    assert "0 errors" in validated.output


def test_an_unknown_language_is_still_an_error(tmp_path):
    path = tmp_path / "odd.tbx"
    path.write_text(TBX.replace("fr-FR", "xx-YY").replace("zh-CN", "zh-TW"), "utf-8")
    glossary = load_glossary(path)
    assert "xx_YY" in glossary.concepts["BODY-SC"].languages
    assert "zh_TW" in glossary.concepts["TI-SG"].languages  # traditional Chinese: not zh
    errors = [issue for issue in validate_glossary(glossary) if issue.severity == ERROR]
    assert [issue.lang for issue in errors] == ["xx_YY"]
    assert not any("xx-YY" in message or "zh-TW" in message for message in glossary.messages)


def test_csv_without_a_status_column_is_admitted_with_one_warning(make_project):
    csv = "concept_id,lang,term\nBODY-SC,en,Security Council\nBODY-SC,fr-FR,Conseil de sécurité\n"
    root = make_project({"glossary/.keep": "", "terms.csv": csv})
    result = CliRunner().invoke(cli, ["-C", str(root), "glossary", "import",
                                      str(root / "terms.csv")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{root / 'terms.csv'}:1: warning: no status column: every term is read as admitted",
        f'{root / "terms.csv"}:3: note: language "fr-FR" read as fr']
    concept = load_glossary(root / "glossary/terms.tbx").concepts["BODY-SC"]
    assert [t.status.value for t in concept.terms("en") + concept.terms("fr")] == ["admitted"] * 2


def test_csv_empty_status_cell_is_admitted_with_a_warning_at_its_line(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("concept_id,lang,term,status\nBODY-SC,en,Security Council,preferred\n"
                    "BODY-SC,fr,Conseil de sécurité,\n", "utf-8")
    glossary = load_glossary(path)
    assert glossary.concepts["BODY-SC"].terms("fr")[0].status.value == "admitted"
    assert glossary.messages == [
        f"{path}:3: warning: no status for 'Conseil de sécurité': read as admitted"]


def test_import_help_documents_the_csv_columns():
    shown = " ".join(CliRunner().invoke(cli, ["glossary", "import", "--help"]).output.split())
    for column in ("concept_id", "lang", "term", "status", "domain", "note", "source",
                   "case_sensitive", "check_as_target"):
        assert column in shown
    assert "admitted, with a warning" in shown
