"""The gates a language passes before its bundle is written: completeness and checks.

A language is refused when one of its documents is less translated than the minimum
(``--min-completeness``, 100 by default), or when the checks found problems of a blocking
severity (``--fail-on``: ``error`` blocks on errors, ``warning`` on errors and warnings, ``never``
on nothing). With ``--allow-fuzzy`` fuzzy translations are used in the output, so they count as
translated for the completeness gate (the manifest still reports them as fuzzy).

The check gate runs the project's checks on every language at once
(``checks.runner.check_languages``: counts per Severity for each language); a caller may pass
another function of the same shape. With ``--no-checks`` (a release job that has just run
``l10n check`` on the same files) the gate is skipped, and the summary and manifest say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

from ..config import ProjectConfig
from ..errors import ConfigError
from ..model import FAIL_ON, Severity
from ..util.counts import counted, floor_tenth, percent_text

# The check gate: counts per severity for each language asked for.
CheckLanguages = Callable[[ProjectConfig, Sequence[str]], Mapping[str, Mapping[Severity, int]]]

SEVERITIES = tuple(sorted(Severity, reverse=True))  # error, warning, info
SKIPPED = "checks skipped (--no-checks)"


@dataclass(frozen=True)
class GateOptions:
    """What ``build`` demands of a language before it publishes it (``l10n build``'s options):
    ``min_completeness`` percent of its entries translated, no check finding at or above
    ``fail_on`` ("error", "warning" or "never"), fuzzy entries counted as translated only with
    ``allow_fuzzy``; ``checks=False`` skips the check gate (``--no-checks``)."""

    min_completeness: float = 100.0
    fail_on: str = "error"
    allow_fuzzy: bool = False
    checks: bool = True  # False (--no-checks): the check gate is skipped, e.g. after `l10n check`

    def __post_init__(self) -> None:
        if not 0 <= self.min_completeness <= 100:
            raise ConfigError(f"--min-completeness must be between 0 and 100, "
                              f"not {self.min_completeness:g}")
        if self.fail_on not in FAIL_ON:
            raise ConfigError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {self.fail_on!r}")


@dataclass(frozen=True)
class CheckSummary:
    """Counts per severity, or the reason the checks did not run."""

    counts: tuple[tuple[Severity, int], ...] = tuple((s, 0) for s in SEVERITIES)
    skipped: str | None = None

    @classmethod
    def of(cls, counts: Mapping[Severity, int]) -> CheckSummary:
        return cls(tuple((severity, counts.get(severity, 0)) for severity in SEVERITIES))

    def count(self, severity: Severity) -> int:
        return dict(self.counts).get(severity, 0)

    def as_dict(self) -> dict[str, int | bool | str | None]:
        """For the manifest: {"error": n, "warning": n, "info": n, "available": ..., "note": ...}."""
        return {**{str(s): n for s, n in self.counts}, "available": self.skipped is None,
                "note": self.skipped}


def run_check_languages(config: ProjectConfig, langs: Sequence[str]) -> dict[str, dict[Severity, int]]:
    """The default check gate: the project's checks on ``langs`` in one run."""
    from ..checks.runner import check_languages

    return check_languages(config, langs)


def gate_summaries(check_languages: CheckLanguages, config: ProjectConfig, langs: Sequence[str],
                   options: GateOptions) -> dict[str, CheckSummary]:
    """The check gate's summary for each language in ``langs``, checked in one run, which
    analyses each source sentence once for all of them."""
    if not options.checks:
        return {lang: CheckSummary(skipped=SKIPPED) for lang in langs}
    if not langs:
        return {}
    counts = check_languages(config, list(langs))
    return {lang: CheckSummary.of(counts[lang]) for lang in langs}


def completeness_refusal(name: str, translated: int, fuzzy: int, untranslated: int,
                         options: GateOptions, *, missing: str | None = None) -> str | None:
    """Why a document blocks its language, or None when it is translated enough."""
    total = translated + fuzzy + untranslated
    done = translated + (fuzzy if options.allow_fuzzy else 0)
    percent = 100.0 * done / total if total else 100.0
    if percent >= options.min_completeness:
        return None
    word = "translated" + (" or fuzzy" if options.allow_fuzzy else "")
    text = (f"{name} {percent_text(percent)} {word} "
            f"(minimum {percent_text(options.min_completeness)})")
    if missing:
        return f"{text}, no catalogue {missing}"
    details = [f"{untranslated} untranslated"] if untranslated else []
    if fuzzy and not options.allow_fuzzy:
        details.append(f"{fuzzy} fuzzy")
    return ", ".join([text, *details])


def check_refusal(summary: CheckSummary, options: GateOptions) -> str | None:
    """Why the check results block the language, or None."""
    threshold = FAIL_ON[options.fail_on]
    if threshold is None or summary.skipped:
        return None
    errors, warnings = summary.count(Severity.ERROR), summary.count(Severity.WARNING)
    blocking = errors + (warnings if threshold <= Severity.WARNING else 0)
    if not blocking:
        return None
    parts = [counted(errors, "check error")] if errors else []
    if warnings and threshold <= Severity.WARNING:
        parts.append(counted(warnings, "check warning"))
    return f"{' and '.join(parts)} (--fail-on {options.fail_on})"


def refusals(documents: Iterable[tuple[str, int, int, int, str | None]], summary: CheckSummary,
             options: GateOptions) -> list[str]:
    """Every reason a language is refused: (name, translated, fuzzy, untranslated, missing)."""
    reasons = [completeness_refusal(name, t, f, u, options, missing=missing)
               for name, t, f, u, missing in documents]
    reasons.append(check_refusal(summary, options))
    return [reason for reason in reasons if reason]
