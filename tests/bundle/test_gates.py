"""Gates: completeness and checks refuse a language, the others are still built, exit 1."""

from __future__ import annotations

import pytest

from l10n.bundle.build import build
from l10n.bundle.gates import CheckSummary, GateOptions, check_refusal, completeness_refusal, percent_text
from l10n.errors import ConfigError
from l10n.model import Severity

RUNNER = "l10n.checks.runner.check_languages"  # the default check gate calls it

# ------------------------------------------------------------------------- pure functions


@pytest.mark.parametrize(("value", "text"), [
    (100.0, "100%"), (0.0, "0%"), (92.31, "92.3%"), (99.96, "99.9%"), (66.666, "66.6%"),
], ids=["full", "none", "one-decimal", "never-rounds-up-to-100", "floors"])
def test_percent_text(value, text):
    assert percent_text(value) == text


@pytest.mark.parametrize(("counts", "options", "expected"), [
    ((12, 1, 0), GateOptions(), "doc/a 92.3% translated (minimum 100%), 1 fuzzy"),
    ((9, 1, 3), GateOptions(), "doc/a 69.2% translated (minimum 100%), 3 untranslated, 1 fuzzy"),
    ((9, 1, 3), GateOptions(min_completeness=60), None),
    ((12, 1, 0), GateOptions(allow_fuzzy=True), None),
    ((11, 1, 1), GateOptions(allow_fuzzy=True),
     "doc/a 92.3% translated or fuzzy (minimum 100%), 1 untranslated"),
    ((0, 0, 0), GateOptions(), None),
], ids=["fuzzy-blocks", "untranslated-and-fuzzy", "above-lower-minimum",
        "allow-fuzzy-counts-fuzzy", "allow-fuzzy-still-needs-the-rest", "empty-document"])
def test_completeness_refusal(counts, options, expected):
    assert completeness_refusal("doc/a", *counts, options) == expected


def test_completeness_refusal_names_a_missing_catalogue():
    reason = completeness_refusal("doc/a", 0, 0, 4, GateOptions(), missing="po/fr/doc/a.po")
    assert reason == "doc/a 0% translated (minimum 100%), no catalogue po/fr/doc/a.po"


@pytest.mark.parametrize(("counts", "fail_on", "expected"), [
    ({Severity.ERROR: 2, Severity.WARNING: 1}, "error", "2 check errors (--fail-on error)"),
    ({Severity.WARNING: 3}, "error", None),
    ({Severity.WARNING: 3}, "warning", "3 check warnings (--fail-on warning)"),
    ({Severity.ERROR: 1, Severity.WARNING: 1}, "warning",
     "1 check error and 1 check warning (--fail-on warning)"),
    ({Severity.ERROR: 5, Severity.WARNING: 5}, "never", None),
    ({Severity.INFO: 9}, "warning", None),
], ids=["errors-block", "warnings-pass-by-default", "warnings-block-with-warning",
        "both-named", "never-disables", "info-never-blocks"])
def test_check_refusal(counts, fail_on, expected):
    assert check_refusal(CheckSummary.of(counts), GateOptions(fail_on=fail_on)) == expected


def test_skipped_checks_block_nothing():
    summary = CheckSummary(skipped="checks skipped (--no-checks)")
    assert summary.count(Severity.ERROR) == 0
    assert check_refusal(summary, GateOptions(fail_on="warning")) is None


def test_default_gate_runs_the_project_checks(bundle_project, sample):
    """No fake: a French translation whose year differs from the source's is a number error
    that the project's checks find, and it refuses French alone."""
    fr = {**sample.TRANSLATIONS["fr"],
          sample.SYMBOL: "L’Assemblée générale a adopté la résolution A/RES/78/261 en 2024."}
    config = bundle_project({**sample.TRANSLATIONS, "fr": fr})
    result = build(config, options=GateOptions(fail_on="warning"))
    assert [r.lang for r in result.refused] == ["fr"]
    assert "check" in result.refused[0].reasons[0]


@pytest.mark.parametrize("options", [{"min_completeness": 101}, {"fail_on": "sometimes"}],
                         ids=["minimum-above-100", "unknown-fail-on"])
def test_bad_gate_options(options):
    with pytest.raises(ConfigError):
        GateOptions(**options)


# ------------------------------------------------------------------------------ the build


def test_incomplete_language_is_refused_and_others_built(bundle_project, sample):
    fr = {k: v for k, v in sample.TRANSLATIONS["fr"].items() if k != sample.CLOSING}
    config = bundle_project({**sample.TRANSLATIONS, "fr": fr})
    result = build(config, check_languages=sample.no_checks)
    status = {r.lang: r.status for r in result.languages}
    assert status == {"ar": "built", "en": "built", "fr": "refused", "zh": "built"}
    refused = result.refused[0]
    assert refused.reasons == ["doc/page 75% translated (minimum 100%), 1 untranslated"]
    assert not (config.output_dir / "fr").exists()
    assert not (config.output_dir / "fr.zip").exists()
    assert (config.output_dir / "zh.zip").exists()
    index = (config.output_dir / "index.html").read_text("utf-8")
    assert "doc/page 75% translated (minimum 100%), 1 untranslated" in index


def test_check_errors_refuse_with_a_fake_runner(bundle_project, sample):
    config = bundle_project()

    def checker(config, langs):
        return {lang: {Severity.ERROR: 2 if lang == "zh" else 0, Severity.WARNING: 1}
                for lang in langs}

    result = build(config, check_languages=checker)
    assert [r.lang for r in result.refused] == ["zh"]
    assert result.refused[0].reasons == ["2 check errors (--fail-on error)"]
    strict = build(config, options=GateOptions(fail_on="warning"), check_languages=checker)
    assert [r.lang for r in strict.refused] == ["ar", "fr", "zh"]
    lenient = build(config, options=GateOptions(fail_on="never"), check_languages=checker)
    assert lenient.refused == []


def test_refused_language_keeps_its_earlier_bundle_untouched(bundle_project, sample):
    config = bundle_project()
    build(config, check_languages=sample.no_checks)
    before = {p: p.read_bytes() for p in (config.output_dir / "fr").rglob("*") if p.is_file()}
    zip_before = (config.output_dir / "fr.zip").read_bytes()
    sample.fill(config.root, "fr", {sample.TITLE: "Le Sommet à Doha"})
    result = build(config, check_languages=sample.no_checks)
    assert result.refused[0].lang == "fr" and result.refused[0].stale
    after = {p: p.read_bytes() for p in (config.output_dir / "fr").rglob("*") if p.is_file()}
    assert after == before
    assert (config.output_dir / "fr.zip").read_bytes() == zip_before


def test_command_names_language_document_and_reason_and_exits_1(bundle_project, sample, run_cli,
                                                                monkeypatch):
    monkeypatch.setattr(RUNNER, sample.no_checks)
    fr = {k: v for k, v in sample.TRANSLATIONS["fr"].items() if k != sample.CLOSING}
    config = bundle_project({**sample.TRANSLATIONS, "fr": fr})
    result = run_cli(config.root)
    assert result.exit_code == 1, result.output
    assert "fr: refused: doc/page 75% translated (minimum 100%), 1 untranslated" in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["lang", "documents", "translated", "errors", "warnings", "status",
                                "output"]
    rows = {line.split()[0]: line.split() for line in lines[2:6]}
    assert rows["fr"][1:6] == ["3", "87.5%", "0", "0", "refused"]
    assert rows["zh"][1:6] == ["3", "100%", "0", "0", "built"]
    assert rows["zh"][6:] == ["dist/zh/", "dist/zh.zip"]
    assert (config.output_dir / "zh/doc/page.html").is_file()


@pytest.mark.parametrize(("args", "code"), [
    (["--min-completeness", "70"], 0),
    (["--lang", "zh"], 0),
    (["--lang", "xx"], 2),
    (["--fail-on", "sometimes"], 2),
], ids=["lower-minimum-passes", "only-a-complete-language", "unknown-language",
        "bad-fail-on"])
def test_command_options(bundle_project, sample, run_cli, monkeypatch, args, code):
    monkeypatch.setattr(RUNNER, sample.no_checks)
    fr = {k: v for k, v in sample.TRANSLATIONS["fr"].items() if k != sample.CLOSING}
    config = bundle_project({**sample.TRANSLATIONS, "fr": fr})
    result = run_cli(config.root, *args)
    assert result.exit_code == code, result.output


def test_no_checks_skips_the_gate_and_says_so(bundle_project, run_cli, monkeypatch):
    import json

    calls = []

    def failing(config, langs):
        calls.extend(langs)
        return {lang: {Severity.ERROR: 3} for lang in langs}

    monkeypatch.setattr(RUNNER, failing)
    config = bundle_project()
    gated = run_cli(config.root)
    assert gated.exit_code == 1 and calls, gated.output
    calls.clear()
    result = run_cli(config.root, "--no-checks")
    assert result.exit_code == 0, result.output
    assert calls == []
    assert "checks skipped (--no-checks); the check gate did not run" in result.stderr
    manifest = json.loads((config.output_dir / "fr" / "manifest.json").read_text("utf-8"))
    assert manifest["gates"]["checks"] is False
    assert manifest["checks"]["available"] is False
    assert manifest["checks"]["note"] == "checks skipped (--no-checks)"
