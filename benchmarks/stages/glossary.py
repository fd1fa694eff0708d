"""Loading a glossary: l10n's TBX v3 reader plus its term index, translate-toolkit's TBX reader."""

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

    return [Contender("l10n load_glossary + TermIndex", l10n, True),
            Contender("translate-toolkit tbxfile", tt)]
