"""`l10n check` and `l10n checks` through click's CliRunner on small projects."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checks.helpers import po
from l10n.checks.registry import CHECKS
from l10n.cli import cli

CLEAN = [("The Summit", "首脑会议"), ("Doha", "多哈")]
BAD = [("resolutions 78/261 and 78/318", "78/26178/318号决议"), ("Doha, Qatar", "多哈,卡塔尔")]


def invoke(root, *args):
    return CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)


@pytest.fixture
def project(make_project):
    def build(zh=CLEAN, settings="", **extra):
        files = {"po/zh/doc.po": po("zh", zh), "po/en/doc.po": po("en", [("A, B", "A,B")]),
                 **extra}
        return make_project(files, settings)
    return build


def test_clean_project_exits_0(project):
    result = invoke(project(), "check")
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings, 0 info in 1 catalogue" in result.output


def test_errors_exit_1_with_editor_lines(project):
    result = invoke(project(BAD), "check")
    assert result.exit_code == 1
    assert "po/zh/doc.po:8: N002 symbol-merge:" in result.output
    assert "P001 zh-ascii-punctuation" in result.output


@pytest.mark.parametrize("args,code", [
    (["--fail-on", "never"], 0), (["--fail-on", "warning", "--ignore", "symbol-merge,symbol-mismatch"], 1),
    (["--ignore", "symbol-merge", "--ignore", "number-mismatch"], 0),
    (["--select", "zh-ascii-punctuation"], 0), (["--select", "symbol-merge"], 1),
], ids=["never", "warning", "ignored", "select-warning-only", "select-error"])
def test_fail_on_select_ignore(project, args, code):
    assert invoke(project(BAD), "check", *args).exit_code == code


@pytest.mark.parametrize("args,settings", [
    (["--select", "no-such-check"], ""), (["--ignore", "nope"], ""),
    ([], '[tool.l10n.checks]\nignore = ["nope"]\n'),
], ids=["select", "ignore", "config"])
def test_unknown_slug_is_a_usage_error(project, args, settings):
    result = invoke(project(settings=settings), "check", *args)
    assert result.exit_code == 2
    assert "unknown check 'no" in result.output


def test_config_ignore_applies(project):
    root = project(BAD, settings='[tool.l10n.checks]\nignore = ["symbol-merge", "symbol-mismatch"]\n')
    assert invoke(root, "check").exit_code == 0


def test_unused_and_unknown_suppressions(project):
    zh = po("zh", [("Doha", "多哈"), ("Qatar", "卡塔尔")],
            flags={"Doha": "ignore-number-mismatch", "Qatar": "ignore-numbers"})
    root = project()
    (root / "po/zh/doc.po").write_text(zh, "utf-8")
    result = invoke(root, "check", "--format", "json")
    codes = {f["code"]: f for f in json.loads(result.output)["findings"]}
    assert set(codes) == {"L001", "L002"} and result.exit_code == 1
    assert "ignore-numbers" in codes["L002"]["message"]


def test_unreadable_catalogue_exits_2(project):
    root = project(**{"po/fr/doc.po": 'msgid "a\nmsgstr "b"\n'})
    result = invoke(root, "check")
    assert result.exit_code == 2
    assert "po/fr/doc.po:1: error:" in result.output


def test_files_argument_and_language_from_path(project, tmp_path):
    root = project()
    loose = tmp_path / "loose.po"
    loose.write_text(po("", BAD).replace('"Language: \\n"\n', ""), "utf-8")
    assert invoke(root, "check", str(loose)).exit_code == 2  # no language anywhere
    assert invoke(root, "check", str(loose), "--lang", "zh").exit_code == 1
    assert invoke(root, "check", str(root / "po/zh/doc.po")).exit_code == 0


def test_plural_defect_is_a_finding_not_a_refusal(project):
    body = ('msgid "%d year"\nmsgid_plural "%d years"\nmsgstr[0] "%d год"\n'
            'msgstr[1] "%d года"\n')
    text = po("ru", body, header_extra='"Plural-Forms: nplurals=3; plural=(n%10==1 ? 0 : 1);\\n"\n')
    result = invoke(project(**{"po/ru/doc.po": text}), "check")
    assert result.exit_code == 1 and "H003 plural-count" in result.output


@pytest.mark.parametrize("fmt", ["json", "junit", "sarif", "html", "text"])
def test_output_file(project, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    result = invoke(project(BAD), "check", "--format", fmt, "--output", str(out))
    assert result.exit_code == 1 and result.output == ""
    assert "symbol-merge" in out.read_text("utf-8")
    printed = invoke(project(BAD), "check", "--format", fmt)
    assert out.read_text("utf-8") == printed.output  # the same report, to a file or printed


def test_glossary_option(project, tmp_path):
    glossary = tmp_path / "g.csv"
    glossary.write_text("concept_id,domain,lang,term,status,note,source_url\n"
                        "EV-X,event,en,World Summit,preferred,,\n"
                        "EV-X,event,zh,首脑会议,preferred,,\nEV-X,event,zh,峰会,deprecated,,\n",
                        "utf-8")
    root = project([("The World Summit opens", "峰会开幕")])
    plain = invoke(root, "check", "--format", "json")
    termed = invoke(root, "check", "--format", "json", "--glossary", str(glossary))
    assert not any(f["check"].startswith("term-") for f in json.loads(plain.output)["findings"])
    assert any(f["check"] == "term-deprecated" for f in json.loads(termed.output)["findings"])


def test_checks_lists_every_check():
    result = CliRunner().invoke(cli, ["checks"])
    assert result.exit_code == 0
    for cls in CHECKS:
        assert cls.code in result.output and cls.slug in result.output
    listed = json.loads(CliRunner().invoke(cli, ["checks", "--format", "json"]).output)
    assert [item["slug"] for item in listed] == [c.slug for c in CHECKS]


@pytest.mark.parametrize("where", ["outside-a-project", "no-catalogues", "language-without-any"])
def test_nothing_to_check_is_an_error_unless_allowed(make_project, tmp_path, where):
    """A check that finds no catalogue hides a broken path in CI: exit 2 with one line, unless
    --allow-empty says an empty check is expected."""
    if where == "outside-a-project":
        root, args = tmp_path / "elsewhere", []
        root.mkdir()
    elif where == "no-catalogues":
        root, args = make_project({"source/doc.md": "# Title\n"}, ""), []
    else:
        root, args = make_project({"po/zh/doc.po": po("zh", CLEAN)}, ""), ["--lang", "fr"]
    result = CliRunner().invoke(cli, ["-C", str(root), "check", *args])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "no catalogue to check" in lines[0] and "--allow-empty" in lines[0]
    assert ("no pyproject.toml" in lines[0]) == (where == "outside-a-project")
    allowed = CliRunner().invoke(cli, ["-C", str(root), "check", "--allow-empty", *args])
    assert allowed.exit_code == 0, allowed.output
    assert "in 0 catalogues" in allowed.output
