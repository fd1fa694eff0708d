"""The gates a language passes before its bundle is written: completeness and checks.

A language is refused when one of its documents is less translated than the minimum
(``--min-completeness``, 100 by default), or when the checks found problems of a blocking
severity (``--fail-on``: ``error`` blocks on errors, ``warning`` on errors and warnings, ``never``
on nothing). With ``--allow-fuzzy`` fuzzy translations are used in the output, so they count as
translated for the completeness gate (the manifest still reports them as fuzzy).

The check gate calls ``check_language(config, lang) -> {"error": n, "warning": n, "info": n}``.
It is injectable; the default imports ``l10n.checks.runner`` lazily and calls its
``check_language(config, lang)`` (a dict of counts or an iterable of Findings). When that module
or function does not exist, it raises ChecksUnavailable: the build goes on, the language is not
blocked by checks, and the summary and manifest say "checks unavailable". With ``--no-checks``
(a release job that has just run ``l10n check`` on the same files) the gate is skipped the same
way, and the summary and manifest say so.
"""

from __future__ import annotations

import importlib
import math
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from ..config import ProjectConfig
from ..errors import ConfigError

SEVERITIES = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "never")
RUNNER_MODULE = "l10n.checks.runner"

CheckLanguage = Callable[[ProjectConfig, str], dict[str, int]]


class ChecksUnavailable(Exception):
    """The checks cannot run (the runner is not installed); the reason is the message."""


@dataclass(frozen=True)
class GateOptions:
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

    counts: tuple[tuple[str, int], ...] = tuple((s, 0) for s in SEVERITIES)
    unavailable: str | None = None

    def count(self, severity: str) -> int:
        return dict(self.counts).get(severity, 0)

    def as_dict(self) -> dict[str, Any]:
        return {**dict(self.counts), "available": self.unavailable is None,
                "note": self.unavailable}


def severity_counts(result: Any) -> dict[str, int]:
    """{"error": n, "warning": n, "info": n} from a dict of counts or an iterable of Findings."""
    counts = dict.fromkeys(SEVERITIES, 0)
    if isinstance(result, dict):
        for key, value in result.items():
            counts[str(key).lower()] = counts.get(str(key).lower(), 0) + int(value)
        return counts
    for finding in result:
        key = str(getattr(finding, "severity", "info")).lower()
        counts[key] = counts.get(key, 0) + 1
    return counts


def _runner_entry(name: str) -> Callable:
    """A function of l10n.checks.runner (imported lazily); ChecksUnavailable when missing."""
    try:
        runner = importlib.import_module(RUNNER_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name not in (RUNNER_MODULE, "l10n.checks"):
            raise
        raise ChecksUnavailable(f"checks unavailable ({RUNNER_MODULE} is not installed)") from None
    entry = getattr(runner, name, None)
    if not callable(entry):
        raise ChecksUnavailable(f"checks unavailable ({RUNNER_MODULE} has no {name})")
    return entry


def default_check_language(config: ProjectConfig, lang: str) -> dict[str, int]:
    """Run the project's checks for one language through l10n.checks.runner (imported lazily)."""
    return severity_counts(_runner_entry("check_language")(config, lang))


# The runner's own gate, which gate_summaries may run for every language at once. Kept apart
# from the module attribute, which a caller may replace by another per-language function.
_RUNNER_GATE = default_check_language


SKIPPED = "checks skipped (--no-checks)"


def run_checks(check_language: CheckLanguage, config: ProjectConfig, lang: str) -> CheckSummary:
    try:
        return summary_of(check_language(config, lang))
    except ChecksUnavailable as exc:
        return CheckSummary(unavailable=str(exc) or "checks unavailable")


def summary_of(result: Any) -> CheckSummary:
    """A CheckSummary from counts or Findings: the three severities first, then any other."""
    counts = severity_counts(result)
    ordered = [(s, counts.pop(s, 0)) for s in SEVERITIES] + sorted(counts.items())
    return CheckSummary(tuple(ordered))


def gate_summaries(check_language: CheckLanguage, config: ProjectConfig, langs: Sequence[str],
                   options: GateOptions) -> dict[str, CheckSummary]:
    """The check gate's summary for each language in ``langs``.

    With the default ``check_language`` the languages are checked in one run of the runner
    (``check_languages``), which analyses each source sentence once for all of them; an
    injected ``check_language`` is called once per language.
    """
    if not options.checks:
        return {lang: CheckSummary(unavailable=SKIPPED) for lang in langs}
    if check_language is _RUNNER_GATE and langs:
        try:
            counts = _runner_entry("check_languages")(config, list(langs))
        except ChecksUnavailable:
            pass  # the per-language path below says so for each language
        else:
            return {lang: summary_of(counts[lang]) for lang in langs}
    return {lang: run_checks(check_language, config, lang) for lang in langs}


def percent_text(value: float) -> str:
    """92.3% (rounded down to one decimal, so 99.96 never shows as 100), 100%, 0%."""
    floored = math.floor(value * 10 + 1e-9) / 10
    return f"{floored:g}%"


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
    if options.fail_on == "never" or summary.unavailable:
        return None
    errors, warnings = summary.count("error"), summary.count("warning")
    blocking = errors + (warnings if options.fail_on == "warning" else 0)
    if not blocking:
        return None
    parts = [_plural(errors, "check error")] if errors else []
    if warnings and options.fail_on == "warning":
        parts.append(_plural(warnings, "check warning"))
    return f"{' and '.join(parts)} (--fail-on {options.fail_on})"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def refusals(documents: Iterable[tuple[str, int, int, int, str | None]], summary: CheckSummary,
             options: GateOptions) -> list[str]:
    """Every reason a language is refused: (name, translated, fuzzy, untranslated, missing)."""
    reasons = [completeness_refusal(name, t, f, u, options, missing=missing)
               for name, t, f, u, missing in documents]
    reasons.append(check_refusal(summary, options))
    return [reason for reason in reasons if reason]
