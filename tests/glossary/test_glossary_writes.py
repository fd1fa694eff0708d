"""Writing glossaries: parallel writers lose nothing (the lock), and a glossary l10n could not
read back is never written (the size limit holds on both sides)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from l10n.glossary.model import Concept, Glossary, LanguageSection, Term
from l10n.glossary.store import load_glossary
from l10n.glossary.store import dump_glossary

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
    (root / "glossary" / "glossary.tbx").write_text(dump_glossary(glossary), "utf-8")
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


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def run_cli(root: Path, *args: str):
    from click.testing import CliRunner

    from l10n.cli import cli

    return CliRunner().invoke(cli, ["-C", str(root), *args])


@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "existing-file"])
def test_a_glossary_over_the_read_limit_is_not_written(tmp_path, monkeypatch, existing):
    """The limits hold on both sides: import refuses to write a TBX glossary that l10n would
    then refuse to read (one line, exit 2), and leaves the folder as it was. (The limit is
    lowered to keep the test small.)"""
    import l10n.glossary.store as store

    root = seeded_project(tmp_path, concepts=3)
    glossary_dir = root / "glossary"
    if not existing:
        (glossary_dir / "glossary.tbx").unlink()
    big = Glossary(title="Big")
    for n in range(300):
        big.add(Concept(f"BIG-{n:03d}")).languages["en"] = LanguageSection(
            "en", [Term(f"A rather long English term number {n}")])
    compact = re.sub(r">\s+<", "><", dump_glossary(big))  # as other tools write it: no indent
    (root / "big.tbx").write_text(compact, "utf-8")
    limit = (root / "big.tbx").stat().st_size  # the input is read; the output is larger
    monkeypatch.setattr(store, "MAX_GLOSSARY_BYTES", limit)
    before = files_of(glossary_dir)
    command = ("glossary", "import", str(root / "big.tbx"), "--into",
               str(glossary_dir / "glossary.tbx"))
    result = run_cli(root, *command)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "not written" in result.stderr
    assert f"over {limit // (1024 * 1024)} MiB" in result.stderr
    assert files_of(glossary_dir) == before  # no temporary file left either
    monkeypatch.setattr(store, "MAX_GLOSSARY_BYTES", 2 * limit)
    result = run_cli(root, *command)
    assert result.exit_code == 0, result.output
    assert len(load_glossary(glossary_dir / "glossary.tbx").concepts) == 300 + 3 * existing


@pytest.mark.parametrize("fmt, limit_name", [("tbx", "MAX_GLOSSARY_BYTES"),
                                             ("csv", "MAX_INPUT_BYTES")])
def test_an_export_over_the_read_limit_is_not_written(tmp_path, monkeypatch, fmt, limit_name):
    """export -o writes what import reads back: over the read limit of its format (TBX is
    streamed, CSV is not), it is refused and nothing is written."""
    import l10n.glossary.store as store

    root = seeded_project(tmp_path, concepts=200)
    output = root / f"out.{fmt}"
    result = run_cli(root, "glossary", "export", "--format", fmt, "-o", str(output))
    assert result.exit_code == 0, result.output
    size = output.stat().st_size
    output.unlink()
    monkeypatch.setattr(store, limit_name, size - 1)
    result = run_cli(root, "glossary", "export", "--format", fmt, "-o", str(output))
    assert result.exit_code == 2 and "not written" in result.stderr, result.output
    assert not output.exists() and not list(root.glob(".out.*"))
    monkeypatch.setattr(store, limit_name, size)  # exactly the limit: written, and read back
    assert run_cli(root, "glossary", "export", "--format", fmt, "-o", str(output)).exit_code == 0
    assert len(load_glossary(output).concepts) == 200
