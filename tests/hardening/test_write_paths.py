"""Where l10n writes: only into its own folders of the project, and only over what it made.

Through the real command line:

- an output folder that is, holds or lies inside the source, catalogue or glossary folder (or
  is the project folder itself) is a configuration error: one line naming pyproject.toml and
  the key's line, exit status 2, nothing written (``output-dir = "po"`` made ``l10n build``
  replace po/fr/ with the French bundle);
- ``build`` replaces only what an earlier build made: a dist/<lang>/ without a manifest of its
  own, a dist/<lang>.zip or dist/index.html it did not write, are left alone;
- a symbolic link (committed to a repository, say) never leads a write out of the project:
  catalogues, templates, glossary files, bundles and the lock file; the command stops with one
  line before anything is written. A catalogue that is a link to another file of the project
  is written through: the link stays a link.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from hardening.harness import (CORPUS, Outcome, l10n_command, new_project, run_cli, snapshot,
                               write_tree)
from l10n.catalog.po import read_po
from support import msgfmt_check

TEXT = "The Summit was held in Doha. It adopted a declaration.\n\nMember States took part.\n"
BUILD = ("build", "--min-completeness", "0", "--no-checks")


def project(root: Path, settings: str = "") -> Path:
    """Sources (one in a subfolder), their templates and French catalogues, and a glossary."""
    new_project(root, {
        "source/doc.txt": TEXT,
        "source/summit/plan.txt": "Heads of State will attend.\n",
        "glossary/keep.tbx": (CORPUS / "tbx/good.tbx").read_bytes(),
    })
    if settings:
        with (root / "pyproject.toml").open("a", encoding="utf-8") as handle:
            handle.write(settings)
    for command in ("extract", "update"):
        assert run_cli(root, command).code == 0
    return root


def one_line(outcome: Outcome, where: str, words: str, code: int = 2) -> str:
    """The command exited with ``code`` and one line on stderr holding ``where`` and ``words``."""
    shown = f"exit {outcome.code}\nstdout: {outcome.stdout}\nstderr: {outcome.stderr}"
    assert outcome.code == code, shown
    assert "Traceback" not in outcome.stdout + outcome.stderr, shown
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1, shown
    assert where in lines[0] and words in lines[0], shown
    return lines[0]


def outside_tree(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A folder outside the project with a file in it, and what it holds."""
    outside = tmp_path / "elsewhere"
    write_tree(outside, {"precious.txt": "Not l10n's.\n"})
    return outside, snapshot(outside)


# ------------------------------------------------------------------------- output folders


@pytest.mark.parametrize("value", ["po", "po/fr", "source", "source/summit", "glossary", ".",
                                   "./", "source/..", "dist/../po"])
def test_an_output_folder_over_another_folder_is_a_configuration_error(value, tmp_path):
    root = project(tmp_path / "project")
    with (root / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'output-dir = "{value}"\n')  # line 3
    before = snapshot(root)
    for command in (BUILD, ("extract",), ("update",)):
        one_line(run_cli(root, *command), "pyproject.toml:3: error: ", "output-dir")
    assert snapshot(root) == before, "files written or removed under a bad output-dir"


@pytest.mark.parametrize("settings,key", [
    ('po-dir = "source/po"\n', "po-dir"),  # extract and update would write into the sources
    ('source-dir = "po/texts"\n', "source-dir"),
    ('glossary-dir = "po"\n', "glossary-dir"),
    ('glossary-dir = "source/terms"\n', "glossary-dir"),  # published as an asset of every bundle
    ('source-dir = "dist"\n', "source-dir"),  # the default output-dir: build would replace it
])
def test_folders_that_overlap_are_a_configuration_error(settings, key, tmp_path):
    root = new_project(tmp_path / "project", {"source/doc.txt": TEXT, "po/texts/a.txt": TEXT})
    with (root / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(settings)
    before = snapshot(root)
    for command in (("extract",), ("update",), BUILD):
        one_line(run_cli(root, *command), "pyproject.toml:3: error: ", key)
    assert snapshot(root) == before


def test_separate_folders_anywhere_in_the_project_are_accepted(tmp_path):
    root = project(tmp_path / "project", 'po-dir = "l10n/po"\noutput-dir = "l10n/dist"\n')
    assert run_cli(root, *BUILD).code == 0
    assert (root / "l10n/dist/fr/manifest.json").is_file()


# ----------------------------------------------------------------- build replaces only its own


def test_build_never_replaces_a_folder_it_did_not_make(tmp_path):
    root = project(tmp_path / "project")
    write_tree(root, {"dist/fr/notes.txt": "A translator's notes, kept here by mistake.\n"})
    before = snapshot(root / "dist/fr")
    outcome = run_cli(root, *BUILD)
    assert outcome.code == 1, outcome
    refused = [line for line in outcome.stderr.splitlines() if line.startswith("fr: refused:")]
    assert len(refused) == 1 and "dist/fr" in refused[0] and "manifest" in refused[0], outcome
    assert snapshot(root / "dist/fr") == before
    assert not (root / "dist/fr.zip").exists()
    assert (root / "dist/en/manifest.json").is_file(), "the other languages are still built"


def test_build_replaces_its_own_bundle_and_an_empty_folder(tmp_path):
    root = project(tmp_path / "project")
    (root / "dist/fr").mkdir(parents=True)  # made ready by a release script: nothing to lose
    assert run_cli(root, *BUILD).code == 0
    manifest = json.loads((root / "dist/fr/manifest.json").read_text("utf-8"))
    assert manifest["language"]["code"] == "fr"
    (root / "source/doc.txt").write_text(TEXT + "\nA new paragraph.\n", "utf-8")
    for command in (("extract",), ("update",), BUILD):
        assert run_cli(root, *command).code == 0
    assert "A new paragraph." in (root / "dist/fr/doc.txt").read_text("utf-8")


@pytest.mark.parametrize("what", ["another-languages-manifest", "no-manifest-in-zip",
                                  "not-a-zip", "folder-with-a-copied-file"])
def test_build_never_replaces_a_bundle_that_is_not_this_languages(what, tmp_path):
    root = project(tmp_path / "project")
    assert run_cli(root, *BUILD).code == 0
    if what == "another-languages-manifest":  # dist/fr/ holds the English bundle
        shutil.rmtree(root / "dist/fr")
        shutil.copytree(root / "dist/en", root / "dist/fr")
    elif what == "no-manifest-in-zip":
        shutil.make_archive(str(root / "dist/fr"), "zip", root / "source")
    elif what == "not-a-zip":
        (root / "dist/fr.zip").write_text("A note, not an archive.\n", "utf-8")
    else:
        (root / "dist/fr/manifest.json").write_text("{}\n", "utf-8")
    (root / "source/doc.txt").write_text(TEXT + "\nA new paragraph.\n", "utf-8")
    assert run_cli(root, "extract").code == 0 and run_cli(root, "update").code == 0
    before = snapshot(root / "dist")
    outcome = run_cli(root, *BUILD)
    assert outcome.code == 1 and "fr: refused: dist/fr" in outcome.stderr, outcome
    after = snapshot(root / "dist")
    for name in before:
        if name.startswith(("fr/", "fr.zip")):
            assert after[name] == before[name], f"dist/{name} was replaced"
    assert "A new paragraph." in (root / "dist/en/doc.txt").read_text("utf-8")


def test_build_never_replaces_an_index_page_it_did_not_write(tmp_path):
    root = project(tmp_path / "project", 'output-dir = "public"\n')
    write_tree(root, {"public/index.html": "<!DOCTYPE html><title>Our site</title>\n"})
    before = snapshot(root)
    one_line(run_cli(root, *BUILD), "public/index.html: error: ", "not a page l10n wrote")
    assert snapshot(root) == before, "bundles written before the index was refused"


# --------------------------------------------------------------------------- symbolic links


def test_update_never_writes_through_a_language_folder_that_links_outside(tmp_path):
    outside, kept = outside_tree(tmp_path)
    root = project(tmp_path / "project")
    shutil.rmtree(root / "po/fr")
    os.symlink(outside, root / "po/fr", target_is_directory=True)
    before = snapshot(root)
    one_line(run_cli(root, "update"), "po/fr/doc.po: error: ",
             "links outside the project (through the symbolic link po/fr)")
    assert snapshot(outside) == kept, "update wrote outside the project"
    assert snapshot(root) == before


def test_update_never_writes_through_a_subfolder_that_links_outside(tmp_path):
    outside, kept = outside_tree(tmp_path)
    root = project(tmp_path / "project")
    shutil.rmtree(root / "po/fr/summit")
    os.symlink(outside, root / "po/fr/summit", target_is_directory=True)
    before = snapshot(root)
    one_line(run_cli(root, "update"), "po/fr/summit/plan.po: error: ", "outside the project")
    assert snapshot(outside) == kept and snapshot(root) == before


def test_extract_never_writes_a_template_through_a_link_outside(tmp_path):
    outside, kept = outside_tree(tmp_path)
    root = project(tmp_path / "project")
    shutil.rmtree(root / "po/summit")
    os.symlink(outside, root / "po/summit", target_is_directory=True)
    (root / "source/doc.txt").write_text(TEXT + "\nChanged.\n", "utf-8")
    before = snapshot(root)
    one_line(run_cli(root, "extract"), "po/summit/plan.pot: error: ", "outside the project")
    assert snapshot(outside) == kept
    assert snapshot(root) == before, "po/doc.pot written before the bad template was refused"


@pytest.mark.parametrize("linked", ["file", "folder"])
def test_a_catalogue_linked_to_a_file_in_the_project_is_written_through(linked, tmp_path):
    root = project(tmp_path / "project")
    shared = root / "translations/fr/doc.po"
    shared.parent.mkdir(parents=True)
    shutil.move(root / "po/fr/doc.po", shared)
    if linked == "file":
        link, target = root / "po/fr/doc.po", "../../translations/fr/doc.po"
    else:
        shutil.move(root / "po/fr/summit", shared.parent / "summit")
        (root / "po/fr").rmdir()
        link, target = root / "po/fr", "../translations/fr"
    os.symlink(target, link)
    # left by an update killed while writing through the link, beside the file it replaces
    (shared.parent / ".doc.po.k1ll3d00.tmp").write_text("half a catalogue", "utf-8")
    (root / "source/doc.txt").write_text(TEXT + "\nA new paragraph.\n", "utf-8")
    assert run_cli(root, "extract").code == 0
    outcome = run_cli(root, "update")
    assert outcome.code == 0, outcome
    assert link.is_symlink() and os.readlink(link) == target
    assert "A new paragraph." in {entry.msgid for entry in read_po(shared)}
    left = sorted(p.name for p in shared.parent.iterdir() if p.is_file())
    assert left == ["doc.po"], "a temporary file was left beside the linked catalogue"
    msgfmt_check(shared)


def test_a_language_folder_that_is_a_loop_of_links_is_one_line(tmp_path):
    root = project(tmp_path / "project")
    shutil.rmtree(root / "po/fr")
    os.symlink("fr", root / "po/fr")
    before = snapshot(root)
    one_line(run_cli(root, "update"), "po/fr/doc.po: error: ", "loop of symbolic links")
    assert snapshot(root) == before


def test_a_catalogue_linked_into_the_sources_is_refused(tmp_path):
    root = project(tmp_path / "project")
    (root / "po/fr/doc.po").unlink()
    os.symlink("../../source/doc.txt", root / "po/fr/doc.po")
    before = snapshot(root)
    one_line(run_cli(root, "update"), "po/fr/doc.po: error: ", "source folder")
    assert snapshot(root) == before, "update wrote into a source"


def test_build_never_writes_through_a_bundle_folder_that_links_outside(tmp_path):
    outside, kept = outside_tree(tmp_path)
    root = project(tmp_path / "project")
    (root / "dist").mkdir()
    os.symlink(outside, root / "dist/fr", target_is_directory=True)
    os.symlink(outside / "fr.zip", root / "dist/fr.zip")
    outcome = run_cli(root, *BUILD)
    assert outcome.code == 1 and "fr: refused: dist/fr is a symbolic link" in outcome.stderr
    assert snapshot(outside) == kept, "build wrote outside the project"
    assert (root / "dist/fr").is_symlink() and (root / "dist/fr.zip").is_symlink()


def test_a_glossary_file_that_links_outside_is_never_written(tmp_path):
    outside = tmp_path / "elsewhere.tbx"
    shutil.copy(CORPUS / "tbx/good.tbx", outside)
    kept = outside.read_bytes()
    root = project(tmp_path / "project")
    (root / "glossary/keep.tbx").unlink()
    os.symlink(outside, root / "glossary/keep.tbx")
    before = snapshot(root)
    into = str(root / "glossary/keep.tbx")
    for command in (("glossary", "add", "new-concept", "--lang", "en", "--term", "Doha"),
                    ("glossary", "import", str(outside), "--into", into)):
        one_line(run_cli(root, *command), "glossary/keep.tbx: error: ", "outside the project")
    assert outside.read_bytes() == kept and snapshot(root) == before


def test_a_lock_file_that_links_outside_is_never_opened(tmp_path):
    outside = tmp_path / "precious.txt"
    outside.write_text("Opening the lock would empty this file.\n", "utf-8")
    root = project(tmp_path / "project")
    (root / ".l10n.lock").unlink(missing_ok=True)
    os.symlink(outside, root / ".l10n.lock")
    for command in (("extract",), ("update",), BUILD):
        one_line(run_cli(root, *command), ".l10n.lock: error: ", "outside the project")
    assert outside.read_text("utf-8") == "Opening the lock would empty this file.\n"


# ------------------------------------------------------------------------------ the settings


def test_a_pyproject_toml_that_is_a_folder_is_an_error(tmp_path):
    root = tmp_path / "project"
    write_tree(root, {"pyproject.toml/README": "a folder by mistake\n", "source/doc.txt": TEXT})
    (root / "source/summit").mkdir()
    before = snapshot(root)
    one_line(run_cli(root, "update"), "pyproject.toml: error: ", "is a folder")
    # Found from a subfolder, as a real process: no defaults and six languages' catalogues.
    one_line(_run_in(root / "source/summit", "update"), "pyproject.toml: error: ", "is a folder")
    assert snapshot(root) == before


def _run_in(folder: Path, *args: str) -> Outcome:
    """``python -m l10n ARGS`` as a real process started in ``folder`` (no -C)."""
    import subprocess

    done = subprocess.run(l10n_command(*args), capture_output=True, text=True, timeout=120,
                          cwd=folder)
    return Outcome(done.returncode, done.stdout, done.stderr)
