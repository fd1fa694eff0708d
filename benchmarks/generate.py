"""Deterministic benchmark workloads (fixed seed, no network), generated once and reused.

    <data>/s<size>/project/     pyproject.toml [tool.l10n], source/*.html, glossary/, po/*.pot,
                                po/<lang>/*.po (translated with benchmarks.pseudo)
    <data>/s<size>/edited/      the same project after editing: 5 % of sentences reworded,
                                2 % removed, 2 % added; po/*.pot are its new templates
    <data>/s<size>/tt/          html2po's templates of the sources, and translated catalogues
                                of them (what po2html needs)
    <data>/s<size>/po4a/        po4a-updatepo's templates and translated catalogues (po4a-translate)
    <data>/glossary/g<n>.tbx    TBX v3 written by l10n; g<n>-2008.tbx: TBX 2008 (martif)

A workload is rebuilt only when its stamp (generator version, size, seed) differs.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from benchmarks import glossgen, textgen
from benchmarks.pseudo import LANGS, translate

VERSION = "3"
SEED = 20251104
DOC_SEGMENTS = 500  # an average UN report, in sentences
TEXT_CONCEPTS = 1000  # the documents name terms from the first 1,000 concepts
PYPROJECT = """[project]
name = "benchmark-{size}"
version = "0"

[tool.l10n]
source-language = "en"
languages = ["ar", "en", "es", "fr", "ru", "zh"]
"""


@dataclass(frozen=True)
class Workload:
    size: int
    root: Path

    @property
    def project(self) -> Path:
        return self.root / "project"

    @property
    def edited(self) -> Path:
        return self.root / "edited"

    @property
    def tt(self) -> Path:
        return self.root / "tt"

    @property
    def po4a(self) -> Path:
        return self.root / "po4a"

    def documents(self) -> list[str]:
        return sorted(p.stem for p in (self.project / "source").glob("*.html"))


def default_data_dir() -> Path:
    return Path(os.environ.get("L10N_BENCH_DATA", "/tmp/l10n-bench"))


def bin_path(name: str) -> str:
    """A tool from the virtualenv beside the running Python, else from PATH."""
    import sys

    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else (shutil.which(name) or name)


def _fresh(root: Path, stamp: str) -> bool:
    marker = root / "STAMP"
    return marker.is_file() and marker.read_text() == stamp


def workload(size: int, data: Path, *, with_po4a: bool = True) -> Workload:
    """The workload of about ``size`` segments, generated when missing or stale."""
    root = data / f"s{size}"
    stamp = f"{VERSION} {size} {SEED} po4a={with_po4a}\n"
    result = Workload(size, root)
    if _fresh(root, stamp):
        return result
    if root.exists():
        shutil.rmtree(root)
    _sources(result)
    _templates(result.project)
    _templates(result.edited)
    _translate_l10n(result)
    _translate_tt(result)
    if with_po4a:
        _translate_po4a(result)
    (root / "STAMP").write_text(stamp)
    return result


def _sources(work: Workload) -> None:
    rng = random.Random(SEED + work.size)
    terms = glossgen.concepts(TEXT_CONCEPTS)
    count = max(1, round(work.size / DOC_SEGMENTS))
    per_doc = work.size // count
    for folder in (work.project, work.edited):
        (folder / "source").mkdir(parents=True)
        (folder / "pyproject.toml").write_text(PYPROJECT.format(size=work.size), "utf-8")
    glossary_dir = work.project / "glossary"
    glossary_dir.mkdir()
    glossgen.write_tbx_v3(terms, glossary_dir / "glossary.tbx")
    for number in range(1, count + 1):
        name = f"report{number:04d}"
        doc = textgen.document(name, per_doc, rng, terms)
        edited = textgen.edit(doc, rng, terms)
        (work.project / "source" / f"{name}.html").write_text(textgen.to_html(doc), "utf-8")
        (work.edited / "source" / f"{name}.html").write_text(textgen.to_html(edited), "utf-8")


def _templates(project: Path) -> None:
    from l10n.config import load_config
    from l10n.project.extract import extract

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1762214400")
    extract(load_config(project, explicit=True))


def _translate_l10n(work: Workload) -> None:
    """po/<lang>/<doc>.po for every target language, every entry translated."""
    from l10n.catalog.po import read_po, write_po
    from l10n.project.update import new_catalogue

    for pot in sorted((work.project / "po").glob("*.pot")):
        template = read_po(pot)
        for lang in LANGS:
            catalogue = new_catalogue(template, lang)
            for item in template:
                entry = type(item)(msgid=item.msgid, msgctxt=item.msgctxt,
                                   occurrences=list(item.occurrences), comment=item.comment,
                                   msgstr=translate(item.msgid, lang))
                catalogue.append(entry)
            write_po(catalogue, work.project / "po" / lang / f"{pot.stem}.po")


def _fill(pot: Path, out: Path, lang: str) -> None:
    import polib

    catalogue = polib.pofile(str(pot), wrapwidth=79)
    catalogue.metadata["Language"] = lang
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    for entry in catalogue:
        entry.msgstr = translate(entry.msgid, lang)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    out.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(out))


def _translate_tt(work: Workload) -> None:
    """html2po templates of the sources, then translated copies for po2html."""
    pot_dir = work.tt / "pot"
    work.tt.mkdir(parents=True, exist_ok=True)
    subprocess.run([bin_path("html2po"), "--progress=none", "-P",
                    str(work.project / "source"), str(pot_dir)], check=True,
                   stdout=subprocess.DEVNULL)
    for pot in sorted(pot_dir.glob("*.pot")):
        for lang in LANGS:
            _fill(pot, work.tt / "po" / lang / f"{pot.stem}.po", lang)


def _translate_po4a(work: Workload) -> None:
    """po4a-updatepo templates of the sources, then translated copies for po4a-translate."""
    if not shutil.which("po4a-updatepo"):
        return
    pot_dir = work.po4a / "pot"
    pot_dir.mkdir(parents=True)
    for name in work.documents():
        pot = pot_dir / f"{name}.pot"
        subprocess.run(["po4a-updatepo", "-f", "xhtml", "-M", "UTF-8", "-m",
                        str(work.project / "source" / f"{name}.html"), "-p", str(pot)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for lang in LANGS:
            _fill(pot, work.po4a / "po" / lang / f"{name}.po", lang)


def glossary_files(count: int, data: Path) -> tuple[Path, Path]:
    """(TBX v3, TBX 2008) files of the first ``count`` generated concepts."""
    folder = data / "glossary"
    v3, old = folder / f"g{count}.tbx", folder / f"g{count}-2008.tbx"
    stamp = folder / f"g{count}.stamp"
    if not (stamp.is_file() and stamp.read_text() == VERSION):
        folder.mkdir(parents=True, exist_ok=True)
        items = glossgen.concepts(count)
        glossgen.write_tbx_v3(items, v3)
        glossgen.write_tbx_2008(items, old)
        stamp.write_text(VERSION)
    return v3, old
