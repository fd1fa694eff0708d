"""Quality checks: every default check against pofilter, and terminology against Weblate's way."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.generate import bin_path
from benchmarks.measure import Commands, Contender, warm_cache, with_cache
from benchmarks.pseudo import LANGS
from benchmarks.stages import Inputs


def check_all(inputs: Inputs) -> list[Contender]:
    """``l10n check`` with the project's glossary (1,000 concepts) against ``pofilter``."""
    project = inputs.workload.project

    cache = _cache(inputs)

    def l10n(scratch: Path) -> Commands:
        warm_cache(bin_path("l10n"), project, cache)
        return [with_cache([bin_path("l10n"), "-C", str(project), "check", "--fail-on", "never",
                            "--format", "json", "-o", str(scratch / "report.json")], cache)]

    def pofilter(scratch: Path) -> Commands:
        return [[bin_path("pofilter"), "--progress=none", str(project / "po" / lang),
                 str(scratch / lang)] for lang in LANGS]

    return [Contender("l10n check", l10n, True), Contender("pofilter", pofilter)]


def terms(inputs: Inputs) -> list[Contender]:
    """The terminology checks alone against a Weblate-style matcher, on the same glossary:
    l10n with the glossary compiled by an earlier run (untimed), and l10n compiling it."""
    project = inputs.workload.project

    cache = _cache(inputs)

    def command(scratch: Path) -> list[str]:
        return [bin_path("l10n"), "-C", str(project), "check", "--select",
                "term-missing,term-deprecated", "--fail-on", "never", "--glossary",
                str(inputs.glossary_v3), "--format", "json", "-o", str(scratch / "report.json")]

    def l10n(scratch: Path) -> Commands:
        warm_cache(bin_path("l10n"), project, cache, inputs.glossary_v3)
        return [with_cache(command(scratch), cache)]

    def l10n_first(scratch: Path) -> Commands:
        return [with_cache(command(scratch), scratch / "cache")]  # an empty cache every time

    def weblate(scratch: Path) -> Commands:
        return [[sys.executable, "-m", "benchmarks.peers", "terms", str(inputs.glossary_2008),
                 str(project / "po")]]

    return [Contender("l10n check --select term-*", l10n, True),
            Contender("l10n check --select term-* (compiling the glossary)", l10n_first, True),
            Contender("Weblate-style matcher", weblate)]


def _cache(inputs: Inputs) -> Path:
    """Where the l10n contenders keep compiled glossaries: beside the generated glossaries."""
    return inputs.glossary_v3.parent.parent / "cache"
