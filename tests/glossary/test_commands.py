"""The `l10n glossary` commands, run through click's CliRunner on small projects."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.errors import ConfigError, InputError
from l10n.glossary.commands import glossary
from l10n.glossary.model import Status
from l10n.glossary.store import load_glossary
from support import REPO, SHARED

RNG = SHARED / "testdata" / "tbx" / "v3" / "TBXcoreStructV03_TBX-Basic_integrated_2019.rng"
TERMINOLOGY = SHARED / "reference" / "terminology.csv"
CSV = """concept_id,domain,lang,term,status,note,source
BODY-SC,body,en,Security Council,preferred,conf=V-doc,
BODY-SC,body,fr,Conseil de sécurité,preferred,conf=V-doc,
EV-X,event,zh,第二届会议,preferred,conf=B; Recalled.,
EV-X,event,en,Second Session,preferred,conf=A,
"""


@pytest.fixture
def project(make_project) -> Path:
    return make_project({"glossary/.keep": "", "terms.csv": CSV})


def run(root: Path, *args: str):
    """Invoke the group as the main CLI would (-C root); errors stay in result.exception."""
    return CliRunner().invoke(glossary, list(args), obj={"directory": root},
                              catch_exceptions=True)


def test_import_then_validate(project):
    result = run(project, "import", str(project / "terms.csv"), "--unverified-as-admitted")
    assert result.exit_code == 0, result.output
    target = project / "glossary" / "terms.tbx"
    assert "2 concepts added, 4 terms added" in result.output and target.is_file()
    [zh] = load_glossary(target).concepts["EV-X"].terms("zh")
    assert zh.status is Status.ADMITTED and zh.note.startswith("conf=B; proposed as preferred")
    checked = run(project, "validate")
    assert checked.exit_code == 0, checked.output
    assert "glossary/terms.tbx: EV-X zh: info: '第二届会议': no preferred term yet" in checked.output
    assert checked.output.splitlines()[-1].endswith("0 errors, 0 warnings, 1 info")
    again = run(project, "import", str(project / "terms.csv"), "--unverified-as-admitted")
    assert "(file unchanged)" in again.output


def test_validate_exits_1_on_warnings(project):
    (project / "terms.csv").write_text(CSV.replace("BODY-SC,body,fr", "BODY-SC,astronomy,fr")
                                       .replace("body,en", "astronomy,en"), "utf-8")
    run(project, "import", str(project / "terms.csv"))
    result = run(project, "validate")
    assert result.exit_code == 1
    assert "BODY-SC: warning: unknown domain 'astronomy'" in result.output


def test_validate_with_schema(project, tmp_path):
    if not RNG.is_file():
        pytest.skip("../shared/testdata is not beside the checkout")
    run(project, "import", str(project / "terms.csv"), "--unverified-as-admitted")
    assert run(project, "validate", "--schema", str(RNG)).exit_code == 0
    old_style = tmp_path / "basic_good.tbx"
    shutil.copy(SHARED / "testdata" / "tbx" / "v3" / "basic_good.tbx", old_style)
    result = run(project, "validate", str(old_style), "--schema", str(RNG))
    assert result.exit_code == 1 and "error: schema:" in result.output


def test_import_refuses_a_concept_defined_in_another_file(project):
    run(project, "import", str(project / "terms.csv"))
    result = run(project, "import", str(project / "terms.csv"), "--into",
                 str(project / "glossary" / "other.tbx"))
    assert isinstance(result.exception, InputError)
    assert "already in" in result.exception.message


def test_shipped_glossary_is_reproducible_from_its_sources(tmp_path, make_project):
    if not TERMINOLOGY.is_file():
        pytest.skip("../shared/reference/terminology.csv is not beside the checkout")
    root = make_project({})
    out = root / "glossary"
    steps = [(TERMINOLOGY, "summit.tbx", True),
             (REPO / "glossary" / "sources" / "summit-additions.csv", "summit.tbx", False),
             (REPO / "glossary" / "sources" / "un-system.csv", "un-system.tbx", True)]
    for source, name, unverified in steps:
        args = ["import", str(source), "--into", str(out / name)]
        result = run(root, *args, *(["--unverified-as-admitted"] if unverified else []))
        assert result.exit_code == 0, result.output
    for name in ("summit.tbx", "un-system.tbx"):
        assert (out / name).read_bytes() == (REPO / "glossary" / name).read_bytes(), name


@pytest.mark.parametrize("args, first_line", [
    (["--format", "csv"], "concept_id,domain,lang,term,status,note,source"),
    (["--format", "csv", "--shape", "wide"], "concept_id,domain,en,fr,zh"),
    (["--format", "tbx"], '<?xml version="1.0" encoding="UTF-8"?>'),
], ids=["long", "wide", "tbx"])
def test_export(project, args, first_line):
    run(project, "import", str(project / "terms.csv"))
    result = run(project, "export", *args)
    assert result.exit_code == 0 and result.output.splitlines()[0] == first_line
    written = project / "out.txt"
    assert run(project, "export", *args, "-o", str(written)).exit_code == 0
    assert written.read_text("utf-8") == result.output


def test_add_creates_updates_and_guards(project):
    result = run(project, "add", "BODY-SC", "--lang", "en", "--term", "SC", "--status", "admitted",
                 "--type", "abbreviation", "--case-sensitive", "--domain", "body")
    assert result.exit_code == 0, result.output
    target = project / "glossary" / "glossary.tbx"
    [term] = load_glossary(target).concepts["BODY-SC"].terms("en")
    assert (term.status, term.case_sensitive) == (Status.ADMITTED, True)
    assert "added" in run(project, "add", "BODY-SC", "--lang", "en", "--term", "Security Council").output
    updated = run(project, "add", "BODY-SC", "--lang", "en", "--term", "SC", "--note", "conf=A")
    assert "updated (admitted)" in updated.output  # fields not given are kept
    rival = run(project, "add", "BODY-SC", "--lang", "en", "--term", "UNSC")
    assert isinstance(rival.exception, ConfigError) and "already has the preferred" in str(rival.exception)
    for bad in (["1 bad", "--lang", "en", "--term", "x"], ["OK", "--lang", "en", "--term", " x"],
                ["OK", "--lang", "qq", "--term", "x"]):
        assert isinstance(run(project, "add", *bad).exception, ConfigError), bad


def test_add_asks_which_file_when_there_are_several(project):
    run(project, "import", str(project / "terms.csv"))
    run(project, "add", "NEW-1", "--lang", "en", "--term", "x", "--into",
        str(project / "glossary" / "second.tbx"))
    result = run(project, "add", "NEW-2", "--lang", "en", "--term", "y")
    assert isinstance(result.exception, ConfigError) and "--into" in str(result.exception)
    into_existing = run(project, "add", "BODY-SC", "--lang", "es", "--term", "Consejo de Seguridad")
    assert "glossary/terms.tbx" in into_existing.output  # the file that holds the concept


def test_stats(project):
    run(project, "import", str(project / "terms.csv"), "--unverified-as-admitted")
    data = json.loads(run(project, "stats", "--json").output)
    # Every project language is listed (the six by default), ar, es and ru with no terms.
    assert data["languages"] == ["ar", "en", "es", "fr", "ru", "zh"]
    assert data["coverage"]["event"] == {"concepts": 1, "preferred": {
        "ar": 0, "en": 1, "es": 0, "fr": 0, "ru": 0, "zh": 0}}
    assert data["statuses"]["zh"] == {"preferred": 0, "admitted": 1, "deprecated": 0}
    assert data["statuses"]["ru"] == {"preferred": 0, "admitted": 0, "deprecated": 0}
    text = run(project, "stats").output.splitlines()
    assert text[1].split() == ["domain", "concepts", "ar", "en", "es", "fr", "ru", "zh"]
    assert text[2].split() == ["body", "1", "0", "1", "0", "1", "0", "0"]
    assert text[-6].split() == ["ar", "0", "0", "0"]


def test_diff(project, tmp_path):
    old = project / "terms.csv"
    new = tmp_path / "new.csv"
    new.write_text(CSV.replace("EV-X,event,en,Second Session,preferred,conf=A",
                               "EV-X,event,en,Second Session,admitted,conf=A; checked")
                   .replace("BODY-SC,body,fr,Conseil de sécurité,preferred,conf=V-doc,\n", "")
                   + "PL-DOHA,place,en,Doha,preferred,conf=V-doc,\n", "utf-8")
    lines = run(project, "diff", str(old), str(new)).output.splitlines()
    assert "- BODY-SC fr: 'Conseil de sécurité' removed (was preferred)" in lines
    assert "~ EV-X en: 'Second Session' status: 'preferred' -> 'admitted'" in lines
    assert "~ EV-X en: 'Second Session' note: 'conf=A' -> 'conf=A; checked'" in lines
    assert "+ PL-DOHA: concept added (place)" in lines
    data = json.loads(run(project, "diff", str(old), str(new), "--json").output)
    assert data["summary"]["concept-added"] == 1 and data["summary"]["status-changed"] == 1
    assert run(project, "diff", str(old), str(old)).output.strip() == "no changes"


def test_bad_input_raises_for_the_main_cli(project):
    (project / "broken.csv").write_text("concept_id,lang,term,status\nA,en,x,maybe\n", "utf-8")
    result = run(project, "import", str(project / "broken.csv"))
    assert isinstance(result.exception, InputError)
    assert str(result.exception).endswith("broken.csv:2: unknown status 'maybe' (preferred, admitted or deprecated)")


BROKEN_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>broken</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="C-ONE">
<langSec xml:lang="en"><termSec><term>Security Council</term></termSec></langSec>
</conceptEntry>
<conceptEntry id="C-NO-TERM">
<langSec xml:lang="en"><termSec><termNote type="partOfSpeech">noun</termNote></termSec></langSec>
</conceptEntry>
<conceptEntry id="C-NO-LANG">
<langSec><termSec><term>General Assembly</term></termSec></langSec>
</conceptEntry>
<conceptEntry id="C-STATUS">
<langSec xml:lang="fr"><termSec><term>Assemblée</term>
<termNote type="administrativeStatus">approvedTerm-admn-sts</termNote></termSec></langSec>
</conceptEntry>
<conceptEntry id="C-ONE">
<langSec xml:lang="es"><termSec><term>Consejo de Seguridad</term></termSec></langSec>
</conceptEntry>
<conceptEntry id="C-GOOD">
<langSec xml:lang="en"><termSec><term>Summit</term></termSec></langSec>
</conceptEntry>
</body></text></tbx>
"""


def test_validate_reports_every_structural_error_in_one_run(make_project):
    """A terminologist fixing a glossary sees every broken concept at once, each at its line,
    not only the first; the concepts without errors are still validated."""
    root = make_project({"glossary/broken.tbx": BROKEN_TBX,
                         "glossary/other.tbx": BROKEN_TBX.replace('"C-', '"D-').replace(
                             'id="D-GOOD"', 'id="C-GOOD"')})
    result = CliRunner().invoke(glossary, ["validate"], obj={"directory": root})
    assert result.exit_code == 2, result.output
    errors = result.stderr.splitlines()
    assert all(": error: " in line for line in errors), errors
    lines = BROKEN_TBX.splitlines()

    def line_of(text: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if text in line)

    for name in ("broken.tbx", "other.tbx"):
        mine = [e for e in errors if f"glossary/{name}:" in e]
        assert [int(e.split(":")[1]) for e in mine[:4]] == [
            line_of("C-NO-TERM") + 1, line_of("C-NO-LANG") + 1, line_of("approvedTerm"),
            len(lines) - lines[::-1].index('<conceptEntry id="C-ONE">')], mine
    assert any("a term section without a term" in e for e in errors)
    assert any("has no xml:lang" in e for e in errors)
    assert any("unknown term status 'approvedTerm-admn-sts'" in e for e in errors)
    assert any("'C-ONE' appears twice" in e for e in errors)
    assert any("glossary/other.tbx: error: concept id 'C-GOOD' is also defined in" in e
               for e in errors), errors
    assert len(errors) == 9, errors
    assert ": 9 errors, " in result.output.splitlines()[-1]
    assert "Traceback" not in result.output


def test_other_commands_still_stop_at_the_first_structural_error(make_project):
    root = make_project({"glossary/broken.tbx": BROKEN_TBX})
    result = run(root, "stats")
    assert isinstance(result.exception, InputError)
    assert "a term section without a term" in str(result.exception)
