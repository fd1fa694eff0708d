"""Loading a glossary: l10n's TBX v3 reader, translate-toolkit's TBX reader (parse only, and
with every term read). Building the term index is part of the terms-growth stage."""

from __future__ import annotations

import sys
from pathlib import Path

from ..measure import Commands, Contender
from . import Inputs


def load(inputs: Inputs) -> list[Contender]:
    def l10n(scratch: Path) -> Commands:
        return [[sys.executable, "-m", "benchmarks.peers", "l10n-glossary",
                 str(inputs.glossary_v3)]]

    def tt(scratch: Path) -> Commands:
        return [[sys.executable, "-m", "benchmarks.peers", "tt-tbx", str(inputs.glossary_2008)]]

    def tt_terms(scratch: Path) -> Commands:
        return [[sys.executable, "-m", "benchmarks.peers", "tt-tbx-terms",
                 str(inputs.glossary_2008)]]

    return [Contender("l10n load_glossary", l10n, True),
            Contender("translate-toolkit tbxfile", tt),
            Contender("tbxfile + every term", tt_terms)]
