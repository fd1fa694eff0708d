"""Benchmark stages: each builds the contenders (l10n first, then its peers) for one workload.

A stage is a function ``(Inputs) -> list[Contender]``; ``Inputs`` names the generated workload
and glossary files. Stages whose size axis is the glossary (glossary loading, terminology
checking as the glossary grows) take the glossary size as their size; the translation memory
stages (axis "units") take the memory's size, and ``Inputs.memory`` names its files.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from benchmarks.generate import Workload
from benchmarks.measure import Contender


@dataclass(frozen=True)
class Inputs:
    workload: Workload
    glossary_v3: Path
    glossary_2008: Path
    glossary_size: int
    memory: Any = None  # benchmarks.tmgen.Memory, for the "units" stages
    memory_size: int = 0
    pot2po_limit: int = 0  # the largest memory pot2po --tm is timed against


@dataclass(frozen=True)
class Stage:
    name: str
    build: Callable[[Inputs], list[Contender]]
    axis: str = "segments"  # or "concepts" (the glossary's size) or "units" (the memory's)
    what: str = ""


def have(tool: str) -> bool:
    return shutil.which(tool) is not None


def all_stages() -> list[Stage]:
    from benchmarks.stages import checking, conversion, glossary, memory, merging

    return [
        Stage("extract", conversion.extract, what="sources to templates"),
        Stage("merge", merging.merge, what="old catalogues + edited templates"),
        Stage("check", checking.check_all, what="every default check, 5 languages"),
        Stage("terms", checking.terms, what="term-missing + term-deprecated, 1,000 concepts"),
        Stage("build", conversion.build, what="translated documents, 5 languages"),
        Stage("release", conversion.release, what="build with the check gate, 5 languages"),
        Stage("mo", conversion.compile_mo, what="PO to MO, 5 languages"),
        Stage("glossary", glossary.load, axis="concepts", what="TBX load + index"),
        Stage("terms-growth", checking.terms, axis="concepts",
              what="term check of the 10,000 catalogue as the glossary grows"),
        Stage("tm", memory.pretranslate, axis="units",
              what="a new document of 500 sentences pre-translated from the memory"),
        Stage("tm-import", memory.tm_import, axis="units", what="TMX import of the memory"),
    ]
