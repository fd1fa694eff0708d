"""Extraction (sources to templates), build (catalogues back to documents) and MO compilation."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.generate import bin_path
from benchmarks.measure import Commands, Contender, copy_tree, warm_cache, with_cache
from benchmarks.pseudo import LANGS
from benchmarks.stages import Inputs, have


def _project_copy(inputs: Inputs, scratch: Path, *, po: bool, glossary: bool = False) -> Path:
    project = inputs.workload.project
    target = scratch / "project"
    copy_tree(project / "source", target / "source")
    (target / "pyproject.toml").write_bytes((project / "pyproject.toml").read_bytes())
    if po:
        copy_tree(project / "po", target / "po")
    if glossary:
        copy_tree(project / "glossary", target / "glossary")
    return target


def extract(inputs: Inputs) -> list[Contender]:
    work = inputs.workload

    def l10n(scratch: Path) -> Commands:
        project = _project_copy(inputs, scratch, po=False)
        return [[bin_path("l10n"), "-C", str(project), "extract"]]

    def html2po(scratch: Path) -> Commands:
        return [[bin_path("html2po"), "--progress=none", "-P", str(work.project / "source"),
                 str(scratch / "pot")]]

    def po4a(scratch: Path) -> Commands:
        return [["po4a-updatepo", "-f", "xhtml", "-M", "UTF-8", "-m",
                 str(work.project / "source" / f"{name}.html"), "-p", str(scratch / f"{name}.pot")]
                for name in work.documents()]

    contenders = [Contender("l10n extract", l10n, True), Contender("html2po", html2po)]
    if have("po4a-updatepo"):
        contenders.append(Contender("po4a-updatepo", po4a))
    return contenders


def build(inputs: Inputs) -> list[Contender]:
    """Documents, MO files, manifests and zips for every language, without the check gate:
    what po2html and po4a-translate do (they check nothing). The gate is the release stage."""
    work = inputs.workload

    def l10n(scratch: Path) -> Commands:
        project = _project_copy(inputs, scratch, po=True)
        return [[bin_path("l10n"), "-C", str(project), "build", "--min-completeness", "0",
                 "--no-checks"]]

    def po2html(scratch: Path) -> Commands:
        return [[bin_path("po2html"), "--progress=none", "-t", str(work.project / "source"),
                 str(work.tt / "po" / lang), str(scratch / lang)] for lang in LANGS]

    def po4a(scratch: Path) -> Commands:
        return [["po4a-translate", "-f", "xhtml", "-M", "UTF-8", "-k", "0", "-m",
                 str(work.project / "source" / f"{name}.html"),
                 "-p", str(work.po4a / "po" / lang / f"{name}.po"),
                 "-l", str(scratch / f"{lang}-{name}.html")]
                for lang in LANGS for name in work.documents()]

    contenders = [Contender("l10n build", l10n, True), Contender("po2html", po2html)]
    if have("po4a-translate") and (work.po4a / "po").is_dir():
        contenders.append(Contender("po4a-translate", po4a))
    return contenders


def compile_mo(inputs: Inputs) -> list[Contender]:
    po_dir = inputs.workload.project / "po"
    catalogues = sorted(po_dir.glob("*/*.po"))

    def l10n(scratch: Path) -> Commands:
        return [[sys.executable, "-m", "benchmarks.peers", "l10n-mo", str(scratch), str(po_dir)]]

    def msgfmt(scratch: Path) -> Commands:
        return [["msgfmt", "-o", str(scratch / f"{p.parent.name}-{p.stem}.mo"), str(p)]
                for p in catalogues]

    def babel(scratch: Path) -> Commands:
        return [[sys.executable, "-m", "benchmarks.peers", "babel-mo", str(scratch), str(po_dir)]]

    contenders = [Contender("l10n compile_mo", l10n, True)]
    if have("msgfmt"):
        contenders.append(Contender("msgfmt", msgfmt))
    contenders.append(Contender("pybabel compile (API)", babel))
    return contenders


def release(inputs: Inputs) -> list[Contender]:
    """``l10n build`` with its check gate (every default check, the project's glossary) against
    what a translate-toolkit user runs for the same release: pofilter (on the catalogues l10n
    checks, as in the check stage), then po2html (on its own catalogues), per language. ``--fail-on never``: the checks run and are counted, but the generated
    pseudo-translations cannot stop the run."""
    work = inputs.workload

    cache = inputs.glossary_v3.parent.parent / "cache"

    def l10n(scratch: Path) -> Commands:
        project = _project_copy(inputs, scratch, po=True, glossary=True)
        warm_cache(bin_path("l10n"), project, cache)
        return [with_cache([bin_path("l10n"), "-C", str(project), "build", "--min-completeness",
                            "0", "--fail-on", "never"], cache)]

    def toolkit(scratch: Path) -> Commands:
        commands = []
        for lang in LANGS:
            commands.append([bin_path("pofilter"), "--progress=none",
                             str(work.project / "po" / lang), str(scratch / f"{lang}-checks")])
            commands.append([bin_path("po2html"), "--progress=none", "-t",
                             str(work.project / "source"), str(work.tt / "po" / lang),
                             str(scratch / lang)])
        return commands

    return [Contender("l10n build (check gate)", l10n, True),
            Contender("pofilter + po2html", toolkit)]
