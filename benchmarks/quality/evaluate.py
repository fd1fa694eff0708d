"""Catalogues from the corpus, ``l10n check`` and pofilter on them, and the figures.

Two scratch projects, each a real l10n project (``pyproject.toml`` with ``[tool.l10n]``,
``po/<lang>/<document>.po`` written by l10n's own writer, so msgfmt --check accepts them):

- ``clean/``: every kept pair, one catalogue per UN document and language;
- ``injected/``: for each kind of error, a copy of every pair it applies to with that error,
  in ``po/<lang>/<kind>/<document>.po``.

Each is checked once by the real command line (``python -m l10n -C DIR check --format json``,
every default check, the glossary given with ``--glossary``). A pair is *flagged* when a check
reports an error or a warning on it. An injected pair is *caught* when a per-entry check reports
an error or warning on it that it did not report on the clean pair (the same check and
message): project checks (the consistency checks) compare a language's catalogues with each
other, and the injected project puts the same source beside several injected copies, so their
findings there say nothing about the injected error.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polib

from l10n.catalog.po import format_po, read_po
from l10n.checks.base import ProjectCheck
from l10n.checks.registry import CHECKS
from l10n.util.fs import atomic_write
from l10n.project.update import new_catalogue

from benchmarks.quality.corpus import SOURCE, Corpus, Pair
from benchmarks.quality.inject import KINDS, Kind, Terms, injected

FLAGGING = ("error", "warning")
PROJECT_CHECKS = frozenset(c.slug for c in CHECKS if issubclass(c, ProjectCheck))
HEADER_DATE = "2015-12-31 00:00+0000"  # the corpus's year: catalogues are the same every run

PYPROJECT = """\
[tool.l10n]
source-language = "en"
languages = ["ar", "en", "es", "fr", "ru", "zh"]
"""

Key = tuple[str, str]  # (catalogue file as l10n reports it, msgid)
Groups = dict[tuple[str, str, str], list[tuple[Pair, str]]]  # (lang, folder, doc) -> pairs


@dataclass
class Project:
    """A scratch project and which pair each of its entries holds."""

    root: Path
    entries: dict[Key, tuple[str, int, str]] = field(default_factory=dict)  # lang, line, kind


@dataclass
class Timing:
    wall: float = 0.0
    cpu: float = 0.0

    def add(self, wall: float, cpu: float) -> None:
        self.wall += wall
        self.cpu += cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], timing: Timing,
          env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``command``, adding its wall and CPU seconds (its workers' too) to ``timing``."""
    start, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    timing.add(time.perf_counter() - start, _children_cpu() - cpu)
    return result


# ------------------------------------------------------------------------------ catalogues


def _catalogue(doc: str, lang: str) -> polib.POFile:
    template = polib.POFile(wrapwidth=79)
    template.metadata = {"Project-Id-Version": doc, "POT-Creation-Date": HEADER_DATE}
    catalogue = new_catalogue(template, lang)
    catalogue.header = (f"{catalogue.header}\nUN Parallel Corpus v1.0 (development set), "
                        f"document {doc}.")
    catalogue.metadata["X-Source-Language"] = SOURCE
    return catalogue


def write_project(root: Path, groups: Groups) -> Project:
    """A project at ``root`` with one catalogue per (language, kind folder, document):
    each entry the pair's source and the given translation, referenced to the corpus line."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(PYPROJECT, "utf-8")
    project = Project(root.resolve())
    for (lang, folder, doc), items in sorted(groups.items()):
        catalogue = _catalogue(doc, lang)
        for pair, text in items:
            catalogue.append(polib.POEntry(msgid=pair.source, msgstr=text,
                                           occurrences=[(f"un.{SOURCE}", str(pair.index))]))
        relative = Path("po", lang, folder, doc + ".po") if folder else Path(
            "po", lang, doc + ".po")
        # l10n's writer (write_po's text), without the fsync: scratch files, made again each run
        atomic_write(root / relative, format_po(catalogue), sync=False)
        for pair, _ in items:
            project.entries[(relative.as_posix(), pair.source)] = (lang, pair.index, folder)
    return project


def clean_project(root: Path, corpus: Corpus) -> Project:
    groups: Groups = defaultdict(list)
    for lang, pairs in corpus.pairs.items():
        for pair in pairs:
            groups[(lang, "", pair.doc)].append((pair, pair.target))
    return write_project(root, groups)


def injected_project(root: Path, corpus: Corpus, terms: Terms) -> Project:
    groups: Groups = defaultdict(list)
    for kind in KINDS:
        for lang, pairs in corpus.pairs.items():
            for pair in pairs:
                text = injected(pair, kind, terms)
                if text is not None:
                    groups[(lang, kind.slug, pair.doc)].append((pair, text))
    return write_project(root, groups)


# ------------------------------------------------------------------------------ running


def l10n_findings(project: Project, glossary: Path | None, cache: Path, langs: tuple[str, ...],
                  timing: Timing) -> dict[Key, list[dict]]:
    """What ``l10n check`` reports (errors and warnings), per entry of ``project``."""
    report = project.root / "report.json"
    command = [sys.executable, "-m", "l10n", "-C", str(project.root), "check", "--format",
               "json", "-o", str(report), "--fail-on", "never"]
    if glossary is not None:
        command += ["--glossary", str(glossary)]
    for lang in langs:
        command += ["--lang", lang]
    env = {**os.environ, "L10N_CACHE_DIR": str(cache)}
    result = timed(command, timing, env)
    if result.returncode != 0:
        raise SystemExit(f"l10n check failed ({result.returncode}): {result.stderr.strip()}")
    found: dict[Key, list[dict]] = defaultdict(list)
    for finding in json.loads(report.read_text("utf-8"))["findings"]:
        if finding["severity"] in FLAGGING:
            found[(finding["file"], finding["msgid"])].append(finding)
    return found


def pofilter_findings(project: Project, langs: tuple[str, ...], timing: Timing, *,
                      language: bool = True) -> dict[Key, list[str]] | None:
    """The tests pofilter (default checks) fails per entry, or None when pofilter is not
    installed. With ``language``, pofilter is told the target language (``--language``, which
    its help recommends); without it, it runs as the speed benchmarks run it."""
    program = Path(sys.executable).parent / "pofilter"
    if not program.exists():
        return None
    found: dict[Key, list[str]] = {}
    for lang in langs:
        out = project.root / ("pofilter" if language else "pofilter-no-language") / lang
        out.parent.mkdir(parents=True, exist_ok=True)
        told = [f"--language={lang}"] if language else []
        result = timed([str(program), "--progress=none", *told,
                        str(project.root / "po" / lang), str(out)], timing)
        if result.returncode != 0:
            raise SystemExit(f"pofilter failed ({result.returncode}): {result.stderr.strip()}")
        for path in sorted(out.rglob("*.po")):
            relative = Path("po", lang, path.relative_to(out)).as_posix()
            for entry in read_po(path, strict_plurals=False):
                tests = [line.split(":", 1)[0].replace("(pofilter)", "").strip()
                         for line in entry.comment.splitlines() + entry.tcomment.splitlines()
                         if line.startswith("(pofilter)")]
                if entry.msgid:
                    found[(relative, entry.msgid)] = tests
    return found


# ------------------------------------------------------------------------------ figures


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def flagged_figures(project: Project, found: dict[Key, list], langs: tuple[str, ...],
                    name=lambda finding: finding["check"]) -> dict:
    """Per language: pairs, pairs flagged, and per check the pairs it flags."""
    figures = {}
    for lang in langs:
        keys = [k for k, v in project.entries.items() if v[0] == lang]
        flagged = [k for k in keys if found.get(k)]
        by_check = Counter(c for k in flagged for c in {name(f) for f in found[k]})
        figures[lang] = {
            "pairs": len(keys), "flagged": len(flagged), "share": share(len(flagged), len(keys)),
            "by_check": {c: {"pairs": n, "share": share(n, len(keys))}
                         for c, n in sorted(by_check.items(), key=lambda kv: (-kv[1], kv[0]))},
        }
    return figures


TERM_CHECKS = ("term-missing", "term-deprecated", "term-near-miss", "term-partial")


def term_figures(project: Project, found: dict[Key, list[dict]], terms: Terms,
                 langs: tuple[str, ...]) -> dict:
    """Per language: the pairs whose source names a glossary concept, and the share of them
    the term checks flag (what a terminologist sees of the glossary on real text)."""
    figures = {}
    for lang in langs:
        keys = [k for k, v in project.entries.items() if v[0] == lang and terms.names_any(k[1])]
        flagged = [k for k in keys if any(f["check"] in TERM_CHECKS for f in found.get(k, ()))]
        figures[lang] = {"pairs": len(keys), "flagged": len(flagged),
                         "share": share(len(flagged), len(keys))}
    return figures


def _signature(findings: list[dict]) -> set[tuple[str, str]]:
    return {(f["check"], f["message"]) for f in findings if f["check"] not in PROJECT_CHECKS}


def caught_figures(clean: Project, clean_found: dict[Key, list[dict]], dirty: Project,
                   dirty_found: dict[Key, list[dict]], langs: tuple[str, ...]) -> dict:
    """Per kind and language: pairs injected, caught by any check, caught by a fitting one."""
    before = {(lang, line): _signature(clean_found.get(key, []))
              for key, (lang, line, _) in clean.entries.items()}
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for key, (lang, line, kind) in dirty.entries.items():
        new = _signature(dirty_found.get(key, [])) - before[(lang, line)]
        fitting = next(k for k in KINDS if k.slug == kind).fitting
        tally = counts[(kind, lang)]
        tally["injected"] += 1
        tally["caught"] += bool(new)
        tally["fitting"] += any(check in fitting for check, _ in new)
        for check in {check for check, _ in new}:
            tally["check:" + check] += 1
    figures: dict[str, dict] = {}
    for kind in KINDS:
        figures[kind.slug] = {"title": kind.title, "fitting_checks": list(kind.fitting),
                              "langs": {}}
        for lang in langs:
            tally = counts.get((kind.slug, lang), Counter())
            figures[kind.slug]["langs"][lang] = {
                "applies": lang in kind.langs,
                "injected": tally["injected"],
                "caught": tally["caught"], "share": share(tally["caught"], tally["injected"]),
                "caught_by_fitting_check": tally["fitting"],
                "fitting_share": share(tally["fitting"], tally["injected"]),
                "by_check": {k[6:]: v for k, v in sorted(tally.items()) if k.startswith("check:")},
            }
    return figures


def kind_named(slug: str) -> Kind:
    return next(k for k in KINDS if k.slug == slug)
