"""Catalogue health (H-codes) and suppression hygiene (L-codes).

Untranslated and fuzzy entries are information (the completeness gate belongs to ``l10n
stats``); a plural entry whose number of forms contradicts the Plural-Forms header is an error:
gettext would pick the wrong form or none. The L-codes are produced by the runner itself, which
alone knows whether an ``#, ignore-<slug>`` flag silenced anything.
"""

from __future__ import annotations

from typing import Iterable

from ..model import Finding
from .base import Check, CheckContext, Entry, Severity


class Untranslated(Check):
    """The entry has no translation yet.

    Anti-pattern: shipping a catalogue with empty msgstr (readers see the source language).
    Better: translate it, or leave it on purpose and let the release gate decide.
    """

    code = "H001"
    slug = "untranslated"
    severity = Severity.INFO
    needs_translation = False
    examples_fail = [("zh", "The Summit", "")]
    examples_pass = [("zh", "The Summit", "首脑会议"), ("fr", "The Summit", "", {"fuzzy": True})]

    def applies(self, entry: Entry) -> bool:
        return super().applies(entry) and not entry.translated and not entry.fuzzy

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        yield self.finding(entry, "not translated yet")


class Fuzzy(Check):
    """The entry is marked fuzzy: a guess to be reviewed, not used in the built documents.

    Anti-pattern: leaving msgmerge's fuzzy pre-fills unreviewed. Better: review the translation
    against the new source and remove the fuzzy flag.
    """

    code = "H002"
    slug = "fuzzy"
    severity = Severity.INFO
    needs_translation = False
    examples_fail = [("ru", "The Second Summit", "Вторая встреча", {"fuzzy": True})]
    examples_pass = [("ru", "The Second Summit", "Вторая встреча")]

    def applies(self, entry: Entry) -> bool:
        return super().applies(entry) and entry.fuzzy

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        yield self.finding(entry, "fuzzy: review the translation and remove the flag")


class PluralCount(Check):
    """A plural entry has more or fewer forms than the Plural-Forms header says.

    Anti-pattern: a Russian entry with msgstr[0] and msgstr[1] under "nplurals=3" (gettext then
    has no form for 5 delegates). Better: exactly nplurals forms, one per plural category of the
    language (CLDR: ru 3, ar 6, zh 1, en/es/fr 2 or 3).
    """

    code = "H003"
    slug = "plural-count"
    severity = Severity.ERROR
    needs_translation = False
    examples_fail = [
        ("ru", "%d delegate", "", {"msgid_plural": "%d delegates", "nplurals": 3,
                                   "msgstr_plural": ("%d делегат", "%d делегата")}),
        ("zh", "%d delegate", "", {"msgid_plural": "%d delegates",
                                   "msgstr_plural": ("%d 名代表",)}),
    ]
    examples_pass = [
        ("ru", "%d delegate", "", {"msgid_plural": "%d delegates", "nplurals": 3,
                                   "msgstr_plural": ("%d делегат", "%d делегата", "%d делегатов")}),
        ("zh", "%d delegate", "", {"msgid_plural": "%d delegates", "nplurals": 1,
                                   "msgstr_plural": ("%d 名代表",)}),
    ]

    def applies(self, entry: Entry) -> bool:
        return super().applies(entry) and bool(entry.msgid_plural) and entry.translated

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        forms = len(entry.msgstr_plural)
        if entry.nplurals is None:
            yield self.finding(entry, "plural entry, but the header has no Plural-Forms")
        elif forms != entry.nplurals:
            yield self.finding(entry, f"{forms} plural forms, but the header says "
                               f"nplurals={entry.nplurals}", expected=(str(entry.nplurals),),
                               found=str(forms))


class UnusedSuppression(Check):
    """An "#, ignore-<slug>" flag that silenced nothing.

    Anti-pattern: waivers left behind after the translation was fixed; they would hide the next
    real problem. Better: remove the flag. (Reported only for checks that ran on the entry.)
    """

    code = "L001"
    slug = "unused-suppression"
    severity = Severity.WARNING
    needs_translation = False
    examples_fail = [("fr", "in 2025", "en 2025", {"flags": ["ignore-number-mismatch"]})]
    examples_pass = [("fr", "in 2025", "en 2024", {"flags": ["ignore-number-mismatch"]})]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        return ()  # the runner reports unused flags: only it sees what each flag silenced


class UnknownSuppression(Check):
    """An "#, ignore-<slug>" flag names no known check.

    Anti-pattern: "#, ignore-number" or a misspelt slug: it silences nothing and hides the
    intent. Better: a slug listed by "l10n checks", e.g. "#, ignore-number-mismatch".
    """

    code = "L002"
    slug = "unknown-suppression"
    severity = Severity.ERROR
    needs_translation = False
    examples_fail = [("fr", "in 2025", "en 2025", {"flags": ["ignore-no-such-check"]})]
    examples_pass = [("fr", "in 2025", "en 2025", {"flags": ["python-format"]})]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        return ()  # the runner reports unknown flags


HEALTH_CHECKS = (Untranslated, Fuzzy, PluralCount)
SUPPRESSION_CHECKS = (UnusedSuppression, UnknownSuppression)
