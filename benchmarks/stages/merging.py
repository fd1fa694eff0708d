"""Merging translated catalogues with the templates of the edited sources."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import bin_path
from benchmarks.measure import Commands, Contender, copy_tree
from benchmarks.pseudo import LANGS
from benchmarks.stages import Inputs, have


def merge(inputs: Inputs) -> list[Contender]:
    work = inputs.workload
    old_po, new_pot = work.project / "po", work.edited / "po"
    names = work.documents()

    def l10n(scratch: Path) -> Commands:
        project = scratch / "project"
        copy_tree(work.edited / "source", project / "source")
        (project / "pyproject.toml").write_bytes((work.edited / "pyproject.toml").read_bytes())
        copy_tree(new_pot, project / "po", "*.pot")
        copy_tree(old_po, project / "po", "*.po")
        return [[bin_path("l10n"), "-C", str(project), "update"]]

    def msgmerge(*options: str):
        def setup(scratch: Path) -> Commands:
            for lang in LANGS:
                (scratch / lang).mkdir()
            return [["msgmerge", "--quiet", "--previous", *options, "-o",
                     str(scratch / lang / f"{name}.po"), str(old_po / lang / f"{name}.po"),
                     str(new_pot / f"{name}.pot")] for lang in LANGS for name in names]
        return setup

    def pot2po(scratch: Path) -> Commands:
        templates = scratch / "pot"
        copy_tree(new_pot, templates, "*.pot")
        return [[bin_path("pot2po"), "--progress=none", "-t", str(old_po / lang),
                 str(templates), str(scratch / lang)] for lang in LANGS]

    contenders = [Contender("l10n update", l10n, True)]
    if have("msgmerge"):
        contenders += [Contender("msgmerge", msgmerge()),
                       Contender("msgmerge --no-fuzzy-matching", msgmerge("--no-fuzzy-matching"))]
    contenders.append(Contender("pot2po", pot2po))
    return contenders
