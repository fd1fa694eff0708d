"""Helpers for the hardening tests: small projects, snapshots of their files, the command line.

Every bad-input test follows the same shape: build a project, snapshot every file in it, run
one command through the real command line, and compare the snapshot afterwards (nothing may be
created, changed or removed when the command refuses its input).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from l10n.cli import cli

CORPUS = Path(__file__).resolve().parent / "corpus"
REPO = Path(__file__).resolve().parents[2]
LOCK = ".l10n.lock"  # the lock file stays behind by design; it holds no content

SOURCE_TEXT = (
    "The Summit was held in Doha. It adopted a declaration.\n\n"
    "Member States took part.\n"
)


@dataclass(frozen=True)
class Outcome:
    """What one run of the command line did."""

    code: int
    stdout: str
    stderr: str


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    """Create ``files`` (relative path -> text or bytes) under ``root``."""
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_bytes(content.encode("utf-8"))


def new_project(root: Path, files: dict[str, str | bytes] | None = None,
                languages: str = '["en", "fr"]') -> Path:
    """A project with a pyproject.toml and ``files``; returns its root."""
    root.mkdir(parents=True, exist_ok=True)
    write_tree(root, {"pyproject.toml": f"[tool.l10n]\nlanguages = {languages}\n"})
    write_tree(root, files or {})
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file (and symbolic link target) under ``root`` by relative path, lock excluded."""
    found: dict[str, bytes] = {}
    for folder, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if rel == LOCK:
                continue
            found[rel] = (b"->" + os.readlink(path).encode()) if path.is_symlink() else path.read_bytes()
    return found


def run_cli(root: Path, *args: str, stdin: str | None = None) -> Outcome:
    """``l10n -C root ARGS`` in this process (click's runner), stdout and stderr apart."""
    result = CliRunner().invoke(cli, ["-C", str(root), *args], input=stdin,
                                catch_exceptions=True)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        stderr += "".join(traceback.format_exception(result.exception))
    return Outcome(result.exit_code, result.stdout, stderr)


def l10n_command(*args: str) -> list[str]:
    """The argv that runs the real l10n command line in a fresh interpreter."""
    return [sys.executable, "-m", "l10n", *args]


def run_process(root: Path, *args: str, timeout: float = 120) -> Outcome:
    """``python -m l10n -C root ARGS`` as a real process."""
    done = subprocess.run(l10n_command("-C", str(root), *args), capture_output=True, text=True,
                          timeout=timeout, cwd=root)
    return Outcome(done.returncode, done.stdout, done.stderr)


# ------------------------------------------------------------------ a generated larger project

WORDS = ("summit delegation assembly declaration commitment development social poverty "
         "employment inclusion member states secretariat session agenda report resolution "
         "council programme partners progress").split()


def sentence(doc: int, number: int, version: int = 1) -> str:
    """A plain English sentence, different for every (doc, number); ``version`` rewords some."""
    words = [WORDS[(doc * 7 + number * 3 + k * 5) % len(WORDS)] for k in range(9)]
    text = " ".join(words).capitalize() + f" number {doc}-{number}."
    if version > 1 and number % 4 == 0:
        text = text.replace(" number ", " now numbered ")
    return text


def document_text(doc: int, sentences: int, version: int = 1) -> str:
    paragraphs = []
    for start in range(0, sentences, 3):
        numbers = range(start, min(start + 3, sentences))
        paragraphs.append(" ".join(sentence(doc, n, version) for n in numbers))
    if version > 1:
        paragraphs.append(f"A paragraph added in version {version} of document {doc}.")
    return "\n\n".join(paragraphs) + "\n"


def generated_project(root: Path, documents: int, sentences: int) -> Path:
    """A six-language project of ``documents`` plain-text sources (version 1)."""
    new_project(root, {f"source/part{d:03d}.txt": document_text(d, sentences)
                       for d in range(documents)}, languages='["ar", "en", "es", "fr", "ru", "zh"]')
    return root


def translate_everything(root: Path) -> None:
    """Fill every catalogue with a made-up translation, so that builds are complete."""
    from l10n.catalog.po import read_po, write_po

    for path in sorted((root / "po").glob("*/*.po")):
        catalogue = read_po(path)
        lang = path.parent.name
        for entry in catalogue:
            entry.msgstr = f"[{lang}] {entry.msgid}"
        write_po(catalogue, path)


def new_version(root: Path, documents: int, sentences: int) -> None:
    """Edit every source: some sentences reworded, a paragraph added."""
    for d in range(documents):
        (root / f"source/part{d:03d}.txt").write_text(document_text(d, sentences, 2), "utf-8")
