"""Writing glossaries: parallel writers lose nothing (the lock), and a glossary l10n could not
read back is never written (the size limit holds on both sides)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from l10n.glossary.model import Concept, Glossary, LanguageSection, Term
from l10n.glossary.store import load_glossary
from l10n.glossary.tbx_write import write_tbx

WRITERS = 4  # processes started at once
ROUNDS = 4


def l10n(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "l10n", "-C", str(root), *args], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def seeded_project(tmp_path: Path, concepts: int = 400) -> Path:
    """A project whose glossary already holds some concepts, so that reading and writing it
    takes a moment (the window in which a writer without the lock loses another's work)."""
    root = tmp_path / "project"
    (root / "glossary").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["en", "fr"]\n', "utf-8")
    glossary = Glossary(title="Seed")
    for n in range(concepts):
        concept = glossary.add(Concept(f"SEED-{n:04d}", "body"))
        concept.languages["en"] = LanguageSection("en", [Term(f"Seed body {n}")])
        concept.languages["fr"] = LanguageSection("fr", [Term(f"Organe {n}")])
    (root / "glossary" / "glossary.tbx").write_text(write_tbx(glossary), "utf-8")
    return root


def test_parallel_writers_lose_no_concept(tmp_path):
    """Four writers at once, several rounds: three `glossary add` and one `glossary import`
    each round, every one a new concept. Every concept a writer reported as written (exit 0)
    is in the glossary at the end, and so is every concept that was there before."""
    root = seeded_project(tmp_path)
    reported, failures = [], []
    for round_ in range(ROUNDS):
        runs = {}
        for writer in range(WRITERS):
            concept_id = f"NEW-{round_}-{writer}"
            if writer == 0:
                csv = root / f"{concept_id}.csv"
                csv.write_text("concept_id,lang,term,status\n"
                               f"{concept_id},en,Imported {round_},preferred\n", "utf-8")
                args = ("glossary", "import", str(csv), "--into", "glossary/glossary.tbx")
            else:
                args = ("glossary", "add", concept_id, "--lang", "en",
                        "--term", f"Added body {round_} {writer}")
            runs[concept_id] = l10n(root, *args)
        for concept_id, process in runs.items():
            out, err = process.communicate(timeout=300)
            if process.returncode == 0:
                reported.append(concept_id)
            else:
                failures.append((concept_id, process.returncode, err))
    assert not failures  # each waits for the lock (a few seconds by default) rather than fail
    concepts = load_glossary(root / "glossary" / "glossary.tbx").concepts
    missing = [c for c in reported if c not in concepts]
    assert not missing, f"{len(missing)} of {len(reported)} reported concepts are lost: {missing}"
    assert all(f"SEED-{n:04d}" in concepts for n in range(400))


def test_a_writer_waits_for_the_lock_and_then_stops_with_one_line(tmp_path):
    """While another command holds the project lock, `glossary add` and `import` wait for it
    (--wait) and then stop with one line and exit 2, the glossary untouched."""
    from filelock import FileLock

    root = seeded_project(tmp_path, concepts=3)
    glossary_file = root / "glossary" / "glossary.tbx"
    before = glossary_file.read_bytes()
    (root / "new.csv").write_text("concept_id,lang,term,status\nNEW,en,New,preferred\n", "utf-8")
    with FileLock(str(root / ".l10n.lock")):
        for args in (("add", "NEW", "--lang", "en", "--term", "New body"),
                     ("import", "new.csv", "--into", "glossary/glossary.tbx")):
            process = l10n(root, "glossary", *args, "--wait", "0.2")
            out, err = process.communicate(timeout=120)
            assert process.returncode == 2, err
            assert err.count("\n") == 1 and "--wait SECONDS" in err, err
    assert glossary_file.read_bytes() == before
