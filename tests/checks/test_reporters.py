"""Every output format: text, JSON, JUnit (xml.etree), SARIF 2.1.0, HTML (lxml.html)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import lxml.html
import pytest

from checks.helpers import entry
from l10n.checks.reporters import REPORTERS, render_html, render_json, render_junit, render_sarif, render_text
from l10n.checks.runner import Catalogue, CheckRun, run_entries, select_checks
from l10n.model import Severity

FIELDS = {"check", "code", "severity", "file", "line", "lang", "msgctxt", "msgid", "msgstr",
          "message", "concept", "expected", "found"}


@pytest.fixture(scope="module")
def result() -> CheckRun:
    entries = [
        entry("zh", "resolutions 78/261 and 78/318", "78/26178/318号决议"),
        entry("ar", "Doha, <Qatar> & \"friends\"", "الدوحة, <قطر> & \"أصدقاء\""),
        entry("fr", "Summit", "Sommet"),
    ]
    checks = select_checks()
    findings = run_entries(entries, checks)
    catalogues = tuple(Catalogue(e.file, e.lang, "en", 1) for e in entries)
    return CheckRun(tuple(findings), catalogues, checks)


def test_text(result):
    text = render_text(result)
    assert "example/zh/1.po:1: N002 symbol-merge: 78/261 and 78/318 are written together" in text
    last = text.rstrip().splitlines()[-1]
    counts = result.counts()
    assert last.startswith(f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warning")
    assert last.endswith("in 3 catalogues (2 with findings)")
    assert len(text.splitlines()) == len(result.findings) + 3  # a blank line between 2 files


def test_json(result):
    data = json.loads(render_json(result))
    assert len(data["findings"]) == len(result.findings)
    assert all(set(item) == FIELDS for item in data["findings"])
    merge = next(f for f in data["findings"] if f["code"] == "N002")
    assert merge["expected"] == ["78/261", "78/318"] and merge["severity"] == "error"


def test_junit(result):
    root = ET.fromstring(render_junit(result).encode("utf-8"))
    cases = root.findall(".//testcase")
    failures = root.findall(".//testcase/failure")
    assert len(failures) == len(result.findings)
    assert int(root.get("failures")) == len(result.findings)
    assert any(c.get("name") == "all checks" for c in cases)  # the clean catalogue passes


def test_junit_shows_characters_xml_cannot_hold_as_escapes():
    entries = [entry("fr", "Press Esc\x1b[0m to close", "Appuyez sur Échap\x1b[0m.\x0c")]
    checks = select_checks()
    findings = run_entries(entries, checks)
    assert findings, "the fixture should give at least one finding"
    run = CheckRun(tuple(findings), (Catalogue(entries[0].file, "fr", "en", 1),), checks)
    text = render_junit(run)
    root = ET.fromstring(text.encode("utf-8"))  # well-formed despite ESC and form feed
    failures = "".join(f.text for f in root.iter("failure"))
    assert "Échap\\x1b[0m.\\x0c" in failures


def test_sarif(result):
    data = json.loads(render_sarif(result))
    assert data["version"] == "2.1.0" and "sarif-schema-2.1.0" in data["$schema"]
    driver = data["runs"][0]["tool"]["driver"]
    assert driver["name"] == "l10n"
    rules = {r["id"]: r for r in driver["rules"]}
    assert rules["N002"]["name"] == "symbol-merge" and rules["N002"]["shortDescription"]["text"]
    results = data["runs"][0]["results"]
    assert len(results) == len(result.findings)
    for item in results:
        assert item["ruleId"] in rules and item["level"] in ("error", "warning", "note")
        assert item["message"]["text"]
        location = item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith("example/")
        assert location["region"]["startLine"] >= 1


def test_html(result):
    page = render_html(result)
    assert "<Qatar>" not in page and "&lt;قطر&gt;" in page  # escaped
    assert "http" not in page.replace("http-equiv", "")  # no network
    doc = lxml.html.fromstring(page)
    shown = doc.xpath('//div[contains(@class, "finding")]')
    assert len(shown) == len(result.findings)
    assert {d.get("data-check") for d in shown} == {f.check for f in result.findings}
    arabic = doc.xpath('//span[@lang="ar"]')
    assert arabic and all(span.get("dir") == "rtl" for span in arabic)
    assert doc.xpath('//span[@lang="zh-Hans"]')[0].get("dir") == "ltr"
    assert doc.xpath('//input[@type="checkbox"][@data-severity="error"]')
    assert doc.xpath('//select[@id="check-filter"]/option[@value="symbol-merge"]')


def test_every_format_is_deterministic(result):
    for render in REPORTERS.values():
        assert render(result) == render(result)


def test_docs_describe_the_json_fields_and_the_checks():
    from pathlib import Path

    from l10n.checks.registry import CHECKS

    docs = (Path(__file__).resolve().parents[2] / "docs" / "checks.md").read_text("utf-8")
    assert all(f"`{field}`" in docs for field in FIELDS)
    for cls in CHECKS:
        if not cls.slug.startswith("term-"):
            assert f"| {cls.code} | `{cls.slug}` |" in docs


# ------------------------------------------------------------------ streamed reports
# The reporters write a report a piece at a time; the layout must stay exactly that of the
# whole document laid out at once (json.dumps(indent=2), ET.indent + ET.tostring).


def _runs():
    """Runs of several shapes: no catalogue, clean catalogues only, findings in several files
    (with a catalogue that has none), and a finding whose texts need escaping everywhere."""
    entries = [
        entry("zh", "resolutions 78/261 and 78/318", "78/26178/318号决议"),
        entry("ar", "Doha, <Qatar> & \"friends\"\nin 2025", "الدوحة, <قطر> & \"أصدقاء\"\nفي 2024"),
        entry("fr", "Summit", "Sommet"),
        entry("ru", "\t3.5 per cent", "35 процента"),
    ]
    checks = select_checks()
    findings = tuple(run_entries(entries, checks))
    catalogues = tuple(Catalogue(e.file, e.lang, "en", 1) for e in entries)
    return {
        "empty": CheckRun((), (), checks),
        "clean": CheckRun((), catalogues[2:3], checks),
        "findings": CheckRun(findings, catalogues, checks),
        "findings-no-catalogues": CheckRun(findings, (), checks[:3]),
    }


RUNS = _runs()


@pytest.mark.parametrize("render", [render_json, render_sarif], ids=["json", "sarif"])
@pytest.mark.parametrize("name", list(RUNS))
def test_streamed_json_is_laid_out_as_json_dumps(render, name):
    text = render(RUNS[name])
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", list(RUNS))
def test_streamed_junit_is_laid_out_as_one_indented_tree(name):
    text = render_junit(RUNS[name])
    root = ET.fromstring(text.encode("utf-8"))
    ET.indent(root)
    assert text == '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
    assert int(root.get("tests")) == len(root.findall(".//testcase"))
    assert int(root.get("failures")) == len(RUNS[name].findings)


@pytest.mark.parametrize("name", list(RUNS))
@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_streams_join_to_the_report(fmt, name):
    from l10n.checks.reporters import STREAMS

    pieces = list(STREAMS[fmt](RUNS[name]))
    assert "".join(pieces) == REPORTERS[fmt](RUNS[name])
    if RUNS[name].findings and fmt in ("json", "sarif", "text"):  # a piece a finding at least
        assert len(pieces) > len(RUNS[name].findings)
    files = {f.file for f in RUNS[name].findings} | {c.file for c in RUNS[name].catalogues}
    if fmt == "junit" and files:  # a piece a catalogue, between the head and the end
        assert len(pieces) == 2 + len(files)


def test_text_report_lines():
    text = render_text(RUNS["findings"])
    files = [f.file for f in RUNS["findings"].findings]
    blank = sum(1 for one, other in zip(files, files[1:]) if one != other)
    assert text.count("\n") == len(files) + blank + 2
    assert render_text(RUNS["empty"]) == "0 errors, 0 warnings, 0 info in 0 catalogues (0 with findings)\n"
