"""Loading a glossary: l10n's TBX v3 reader, translate-toolkit's TBX reader (parse only, and
with every term read). Building the term index is part of the terms-growth stage. A further
l10n row: the glossary as the checks get it once an earlier run has compiled it (opened, and
the six term indexes loaded; concepts are read when a check first needs one)."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.generate import bin_path
from benchmarks.measure import Commands, Contender, warm_cache, with_cache
from benchmarks.stages import Inputs


def load(inputs: Inputs) -> list[Contender]:
    def l10n(scratch: Path) -> Commands:
        return [[sys.executable, "-m", "benchmarks.peers", "l10n-glossary",
                 str(inputs.glossary_v3)]]

    def tt(scratch: Path) -> Commands:
        return [[sys.executable, "-m", "benchmarks.peers", "tt-tbx", str(inputs.glossary_2008)]]

    def tt_terms(scratch: Path) -> Commands:
        return [[sys.executable, "-m", "benchmarks.peers", "tt-tbx-terms",
                 str(inputs.glossary_2008)]]

    cache = inputs.glossary_v3.parent.parent / "cache"

    def l10n_compiled(scratch: Path) -> Commands:
        warm_cache(bin_path("l10n"), inputs.workload.project, cache, inputs.glossary_v3,
                   words=False)
        return [with_cache([sys.executable, "-m", "benchmarks.peers", "l10n-compiled",
                            str(inputs.glossary_v3)], cache)]

    return [Contender("l10n load_glossary", l10n, True),
            Contender("l10n compiled glossary, six indexes", l10n_compiled, True),
            Contender("translate-toolkit tbxfile", tt),
            Contender("tbxfile + every term", tt_terms)]
