"""A body's term qualified by another body's name is that body's, not the glossary's (issue #14).

UN English sometimes capitalises "Member States" of another organization ("ECOWAS Member
States", "Member States of the African Union"); UN French then rightly writes "États membres",
the glossary's deprecated form for the UN's Member States.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.checks.base import CheckContext, Entry, ProjectCheck
from l10n.checks.terminology import TERMINOLOGY_CHECKS
from l10n.glossary.store import load_glossary

FIXTURE = Path(__file__).resolve().parent / "data" / "term_eval" / "glossary.csv"
ENTRY_CHECKS = [cls for cls in TERMINOLOGY_CHECKS if not issubclass(cls, ProjectCheck)]


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(FIXTURE)


def slugs(glossary, lang: str, source: str, target: str) -> list[str]:
    e = Entry("x.po", 1, lang, "en", source, target)
    context = CheckContext(glossary=glossary)
    return sorted(f.check for cls in ENTRY_CHECKS if cls().applies(e) for f in cls().check(e, context))


@pytest.mark.parametrize("source, target", [
    ("The ECOWAS Member States adopted a protocol.",
     "Les États membres de la CEDEAO ont adopté un protocole."),
    ("The Member States of the African Union adopted a protocol.",
     "Les États membres de l'Union africaine ont adopté un protocole."),
    ("All EU Member States agreed.", "Tous les États membres de l'UE étaient d'accord."),
])
def test_member_states_of_another_body_may_be_etats_membres(glossary, source, target):
    assert slugs(glossary, "fr", source, target) == []


@pytest.mark.parametrize("source, target, expected", [
    ("The UN Member States adopted a protocol.",
     "Les États membres de l'ONU ont adopté un protocole.", ["term-deprecated"]),
    ("The Member States of the United Nations agreed.",
     "Les États membres de l'Organisation des Nations Unies étaient d'accord.",
     ["term-deprecated"]),
    ("The Member States of the Organization agreed.",
     "Les États membres de l'Organisation étaient d'accord.", ["term-deprecated"]),
    ("The Member States agreed.", "Les États membres étaient d'accord.", ["term-deprecated"]),
    ("The Member States agreed.", "Les États Membres étaient d'accord.", []),
])
def test_the_un_member_states_are_still_checked(glossary, source, target, expected):
    assert slugs(glossary, "fr", source, target) == expected
