"""Every check, in one explicit tuple: what ``l10n check`` runs and ``l10n checks`` lists.

Order is the order of the listing (and of SARIF rules); findings are sorted on their own.
"""

from __future__ import annotations

from .base import Check
from .consistency import CONSISTENCY_CHECKS
from .health import HEALTH_CHECKS, SUPPRESSION_CHECKS, UnknownSuppression, UnusedSuppression
from .markup import MARKUP_CHECKS
from .numbers import NUMBER_CHECKS
from .punctuation import PUNCTUATION_CHECKS
from .terminology import TERMINOLOGY_CHECKS
from .untranslated import UNTRANSLATED_CHECKS

CHECKS: tuple[type[Check], ...] = (
    *NUMBER_CHECKS,
    *MARKUP_CHECKS,
    *PUNCTUATION_CHECKS,
    *UNTRANSLATED_CHECKS,
    *TERMINOLOGY_CHECKS,
    *CONSISTENCY_CHECKS,
    *HEALTH_CHECKS,
    *SUPPRESSION_CHECKS,
)

__all__ = ["CHECKS", "UnknownSuppression", "UnusedSuppression", "by_slug"]


def by_slug() -> dict[str, type[Check]]:
    """Check classes by slug."""
    return {check.slug: check for check in CHECKS}
