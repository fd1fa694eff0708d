"""Reports of a check run: text, JSON, JUnit XML, SARIF 2.1.0 and one offline HTML page.

Each reporter is a pure function ``CheckRun -> str``; the command decides where it goes. Output
is deterministic: findings arrive sorted and nothing depends on the clock.

Each format is written as a stream of pieces (``STREAMS``: ``CheckRun -> Iterator[str]``), a
finding or a catalogue at a time, and ``REPORTERS`` joins them: a report of a large project
(hundreds of MB of JSON) can then go straight to its file without being held whole in memory,
nor its JSON data or XML tree beside it. The pieces are exactly what ``json.dumps(...,
indent=2)`` and ``ET.indent`` + ``ET.tostring`` make of the whole report.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from html import escape
from typing import Callable, Iterable, Iterator

from .. import __version__
from ..locales import direction, html_lang
from ..model import Finding, Severity
from ..util.counts import counted
from .runner import CheckRun

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def summary(run: CheckRun) -> str:
    """"1 error, 2 warnings, 0 info in 3 catalogues (1 with findings)"."""
    counts = ", ".join(counted(n, str(s)) for s, n in run.counts().items())
    files = {f.file for f in run.findings}
    return (f"{counts} in {counted(len(run.catalogues), 'catalogue')} "
            f"({len(files)} with findings)")


def stream_text(run: CheckRun) -> Iterator[str]:
    """One finding a line, ``file:line: CODE slug: message``, files apart, then the summary."""
    current = None
    for finding in run.findings:
        if current is not None and finding.file != current:
            yield "\n"
        current = finding.file
        yield (f"{finding.file}:{finding.line}: {finding.code} {finding.check}: "
               f"{finding.message}\n")
    if run.findings:
        yield "\n"
    yield summary(run) + "\n"


def finding_record(finding: Finding) -> dict:
    """A finding as plain JSON data (the fields documented in docs/checks.md)."""
    return {
        "check": finding.check, "code": finding.code, "severity": str(finding.severity),
        "file": finding.file, "line": finding.line, "lang": finding.lang,
        "msgctxt": finding.msgctxt, "msgid": finding.msgid, "msgstr": finding.msgstr,
        "message": finding.message, "concept": finding.concept,
        "expected": list(finding.expected), "found": finding.found,
    }


def _json_at(value: object, depth: int) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it ``depth`` levels down a document
    (JSON strings hold no raw line break, so every line break is one of the indentation's)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


def _json_array(items: Iterable[object], depth: int) -> Iterator[str]:
    """A JSON array ``depth`` levels down, one item at a time, as ``json.dumps`` lays it out."""
    inner = "\n" + "  " * (depth + 1)
    separator = "[" + inner
    for item in items:
        yield separator + _json_at(item, depth + 1)
        separator = "," + inner
    yield "[]" if separator.startswith("[") else "\n" + "  " * depth + "]"


def stream_json(run: CheckRun) -> Iterator[str]:
    """``{"findings": [...], "summary": {...}, "catalogues": [...]}``, indented by 2."""
    yield '{\n  "findings": '
    yield from _json_array(map(finding_record, run.findings), 1)
    summary_data = {str(s): n for s, n in run.counts().items()}
    catalogues = [{"file": c.file, "lang": c.lang, "source_lang": c.source_lang,
                   "entries": c.entries} for c in run.catalogues]
    yield (',\n  "summary": ' + _json_at(summary_data, 1)
           + ',\n  "catalogues": ' + _json_at(catalogues, 1) + "\n}\n")


def stream_junit(run: CheckRun) -> Iterator[str]:
    """One test suite per catalogue, one failing test case per finding (a passing one if none).

    Each suite is built, indented (``ET.indent`` at level 1) and written on its own, so only
    one catalogue's tree exists at a time; the totals of the root are counted first."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in run.findings:
        by_file[finding.file].append(finding)
    files = sorted({c.file for c in run.catalogues} | set(by_file))
    total = sum(max(1, len(by_file.get(file, ()))) for file in files)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="l10n check" '
    if not files:
        yield head + 'tests="0" failures="0" />\n'
        return
    yield head + f'tests="{total}" failures="{len(run.findings)}">\n  '
    for number, file in enumerate(files, 1):
        suite = _junit_suite(file, by_file.get(file, []))
        ET.indent(suite, level=1)
        suite.tail = "\n" if number == len(files) else "\n  "
        yield ET.tostring(suite, "unicode")
    yield "</testsuites>\n"


# Characters XML 1.0 cannot hold, even escaped (C0 controls but tab and line ends, lone
# surrogates, U+FFFE/U+FFFF). A catalogue may contain them (an ESC pasted from a terminal);
# the JUnit report shows them as \xNN / \uNNNN instead of becoming unreadable XML.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: ascii(m.group())[1:-1], text)


def _junit_suite(file: str, findings: list[Finding]) -> ET.Element:
    file = _xml_text(file)
    suite = ET.Element("testsuite", name=file, tests=str(max(1, len(findings))),
                       failures=str(len(findings)), errors="0", skipped="0")
    if not findings:
        ET.SubElement(suite, "testcase", classname=file, name="all checks")
    for finding in findings:
        case = ET.SubElement(suite, "testcase", classname=file,
                             name=f"{finding.code} {finding.check} line {finding.line}")
        failure = ET.SubElement(case, "failure", type=str(finding.severity),
                                message=_xml_text(finding.message))
        failure.text = _xml_text(f"{finding.file}:{finding.line}: {finding.message}\n"
                                 f"msgid: {finding.msgid}\nmsgstr: {finding.msgstr}")
    return suite


def stream_sarif(run: CheckRun) -> Iterator[str]:
    """SARIF 2.1.0: one run, a rule per check (id = code, name = slug), a result per finding."""
    rules = [{
        "id": check.code,
        "name": check.slug,
        "shortDescription": {"text": check.description()},
        "fullDescription": {"text": check.documentation() or check.description()},
        "defaultConfiguration": {"level": SARIF_LEVEL[check.severity]},
    } for check in run.checks]
    index = {check.code: i for i, check in enumerate(run.checks)}
    tool = {"driver": {"name": "l10n", "version": __version__, "rules": rules}}
    yield (f'{{\n  "$schema": {_json_at(SARIF_SCHEMA, 1)},\n  "version": "2.1.0",\n'
           f'  "runs": [\n    {{\n      "tool": {_json_at(tool, 3)},\n      "results": ')
    yield from _json_array((_sarif_result(f, index) for f in run.findings), 3)
    yield "\n    }\n  ]\n}\n"


def _sarif_result(finding: Finding, index: dict[str, int]) -> dict:
    result = {
        "ruleId": finding.code,
        "level": SARIF_LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": finding.file},
            "region": {"startLine": max(1, finding.line)},
        }}],
        "properties": {"lang": finding.lang, "msgid": finding.msgid,
                       "msgstr": finding.msgstr, "msgctxt": finding.msgctxt},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    return result


# ------------------------------------------------------------------------------------ HTML

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;margin-top:2rem}
h3{font-size:1rem;margin:1rem 0 .3rem}.filters{background:#f4f4f4;padding:.6rem;border-radius:4px}
.finding{border-left:4px solid #999;padding:.3rem .6rem;margin:.4rem 0;background:#fafafa}
.error{border-color:#c62828}.warning{border-color:#ef8f00}.info{border-color:#1565c0}
.where{font-family:monospace;color:#555}.text{margin:.2rem 0}.label{color:#777;font-size:.85em}
.hidden{display:none}
"""

_JS = """
function applyFilters(){
  var sev={};document.querySelectorAll('input[data-severity]').forEach(function(b){sev[b.dataset.severity]=b.checked;});
  var chk=document.getElementById('check-filter').value;
  document.querySelectorAll('.finding').forEach(function(f){
    var show=sev[f.dataset.severity]&&(chk===''||chk===f.dataset.check);
    f.classList.toggle('hidden',!show);});
  document.querySelectorAll('.group').forEach(function(g){
    g.classList.toggle('hidden',g.querySelectorAll('.finding:not(.hidden)').length===0);});
}
document.querySelectorAll('input[data-severity],#check-filter').forEach(function(e){e.addEventListener('change',applyFilters);});
"""


def _text_block(label: str, text: str, lang: str) -> str:
    return (f'<div class="text"><span class="label">{escape(label)}</span> '
            f'<span lang="{escape(html_lang(lang))}" dir="{direction(lang)}">{escape(text)}</span>'
            "</div>")


def _finding_html(finding: Finding, source_lang: str) -> str:
    return (f'<div class="finding {finding.severity}" data-severity="{finding.severity}" '
            f'data-check="{escape(finding.check)}">'
            f'<div class="where">{escape(finding.file)}:{finding.line} · {finding.severity}</div>'
            f'<div class="message">{escape(finding.message)}</div>'
            + _text_block("msgid", finding.msgid, source_lang)
            + _text_block("msgstr", finding.msgstr, finding.lang) + "</div>")


def stream_html(run: CheckRun) -> Iterator[str]:
    """One self-contained page: findings by file and check, filterable, each text in its direction."""
    sources = {c.file: c.source_lang for c in run.catalogues}
    descriptions = {c.slug: (c.code, c.description()) for c in run.checks}
    by_file: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in run.findings:
        by_file[finding.file][finding.check].append(finding)
    boxes = "".join(f'<label><input type="checkbox" data-severity="{s}" checked> {s} ({n})</label> '
                    for s, n in run.counts().items())
    slugs = sorted({f.check for f in run.findings})
    options = "".join(f'<option value="{escape(s)}">{escape(s)}</option>' for s in slugs)
    yield ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
           "<title>l10n check report</title>"
           f"<style>{_CSS}</style></head><body><h1>l10n check report</h1>"
           f"<p>{escape(summary(run))}</p>"
           f'<div class="filters">{boxes}<label>check <select id="check-filter">'
           f'<option value="">all</option>{options}</select></label></div>')
    if not by_file:
        yield "<p>No findings.</p>"
    for file in sorted(by_file):
        yield f'<section class="group file"><h2>{escape(file)}</h2>'
        for slug in sorted(by_file[file], key=lambda s: by_file[file][s][0].code):
            found = by_file[file][slug]
            code, text = descriptions.get(slug, (found[0].code, ""))
            yield (f'<section class="group check"><h3>{escape(code)} {escape(slug)}'
                   f'{" – " + escape(text) if text else ""} ({len(found)})</h3>')
            yield "".join(_finding_html(f, sources.get(file, "en")) for f in found)
            yield "</section>"
        yield "</section>"
    yield f"<script>{_JS}</script></body></html>\n"


STREAMS: dict[str, Callable[[CheckRun], Iterator[str]]] = {
    "text": stream_text,
    "json": stream_json,
    "junit": stream_junit,
    "sarif": stream_sarif,
    "html": stream_html,
}


def render_text(run: CheckRun) -> str:
    return "".join(stream_text(run))


def render_json(run: CheckRun) -> str:
    return "".join(stream_json(run))


def render_junit(run: CheckRun) -> str:
    return "".join(stream_junit(run))


def render_sarif(run: CheckRun) -> str:
    return "".join(stream_sarif(run))


def render_html(run: CheckRun) -> str:
    return "".join(stream_html(run))


REPORTERS: dict[str, Callable[[CheckRun], str]] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
    "sarif": render_sarif,
    "html": render_html,
}
