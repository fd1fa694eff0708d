"""The translation memory (stage ``tm``; its size is the memory's, in units).

- pretranslate: a new document of 500 sentences (benchmarks.tmgen: reused verbatim,
  renumbered, reworded, new) filled from the memory: `l10n pretranslate` (the memory imported
  by an earlier, untimed `l10n tm import`, copied into the scratch folder), against
  `msgmerge -C compendium.po /dev/null new.pot` (the memory as a French PO compendium, no
  earlier catalogue) and translate-toolkit's `pot2po --tm memory.tmx -t fr/new.po` (pot2po
  reads any store as its memory: here the TMX itself; without -t it stops on an error);
- lookup: the same 500 sentences looked up one by one through l10n's Python API (Memory.lookup,
  in one process), to show the time a lookup takes as the memory grows;
- import: `l10n tm import memory.tmx` into an empty memory, against translate-toolkit's TMX
  reader (translate.storage.tmx.tmxfile) parsing the same file.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from benchmarks.generate import bin_path
from benchmarks.measure import Commands, Contender, copy_tree
from benchmarks.stages import Inputs, have
from benchmarks.tmgen import LANG

PRETRANSLATE, LOOKUP, IMPORT = ("l10n pretranslate", "l10n Memory.lookup (API)",
                                "l10n tm import")


def pretranslate(inputs: Inputs) -> list[Contender]:
    memory = inputs.memory

    def l10n(scratch: Path) -> Commands:
        project = scratch / "project"
        copy_tree(memory.project, project)
        shutil.copyfile(memory.sqlite, scratch / "memory.sqlite")
        return [[bin_path("l10n"), "-C", str(project), "pretranslate", "--lang", LANG,
                 "--memory", str(scratch / "memory.sqlite")]]

    def lookup(scratch: Path) -> Commands:
        return [[sys.executable, "-m", "benchmarks.peers", "l10n-tm-lookup",
                 str(memory.sqlite), str(memory.template), LANG]]

    def msgmerge(scratch: Path) -> Commands:
        return [["msgmerge", "--quiet", "-C", str(memory.compendium), "-o",
                 str(scratch / "new.po"), "/dev/null", str(memory.template)]]

    def pot2po(scratch: Path) -> Commands:
        return [[bin_path("pot2po"), "--progress=none", "--tm", str(memory.tmx), "-t",
                 str(memory.catalogue), "-i", str(memory.template), "-o", str(scratch / "new.po")]]

    contenders = [Contender(PRETRANSLATE, l10n, True), Contender(LOOKUP, lookup, True)]
    if have("msgmerge"):
        contenders.append(Contender("msgmerge -C", msgmerge))
    if inputs.memory_size <= inputs.pot2po_limit:
        contenders.append(Contender("pot2po --tm", pot2po))
    return contenders


def tm_import(inputs: Inputs) -> list[Contender]:
    memory = inputs.memory

    def l10n(scratch: Path) -> Commands:
        project = scratch / "project"
        project.mkdir()
        shutil.copyfile(memory.project / "pyproject.toml", project / "pyproject.toml")
        return [[bin_path("l10n"), "-C", str(project), "tm", "import", "--memory",
                 str(scratch / "memory.sqlite"), str(memory.tmx)]]

    def tt(scratch: Path) -> Commands:
        return [[sys.executable, "-m", "benchmarks.peers", "tt-tmx", str(memory.tmx)]]

    return [Contender(IMPORT, l10n, True), Contender("translate-toolkit tmxfile", tt)]
