"""Quality checks: every default check against pofilter, and terminology against Weblate's way."""

from __future__ import annotations

import sys
from pathlib import Path

from ..generate import bin_path
from ..measure import Commands, Contender
from ..pseudo import LANGS
from . import Inputs


def check_all(inputs: Inputs) -> list[Contender]:
    """``l10n check`` with the project's glossary (1,000 concepts) against ``pofilter``."""
    project = inputs.workload.project

    def l10n(scratch: Path) -> Commands:
        return [[bin_path("l10n"), "-C", str(project), "check", "--fail-on", "never",
                 "--format", "json", "-o", str(scratch / "report.json")]]

    def pofilter(scratch: Path) -> Commands:
        return [[bin_path("pofilter"), "--progress=none", str(project / "po" / lang),
                 str(scratch / lang)] for lang in LANGS]

    return [Contender("l10n check", l10n, True), Contender("pofilter", pofilter)]


def terms(inputs: Inputs) -> list[Contender]:
    """The terminology checks alone against a Weblate-style matcher, on the same glossary."""
    project = inputs.workload.project

    def l10n(scratch: Path) -> Commands:
        return [[bin_path("l10n"), "-C", str(project), "check", "--select",
                 "term-missing,term-deprecated", "--fail-on", "never", "--glossary",
                 str(inputs.glossary_v3), "--format", "json", "-o", str(scratch / "report.json")]]

    def weblate(scratch: Path) -> Commands:
        return [[sys.executable, "-m", "benchmarks.peers", "terms", str(inputs.glossary_2008),
                 str(project / "po")]]

    return [Contender("l10n check --select term-*", l10n, True),
            Contender("Weblate-style matcher", weblate)]
