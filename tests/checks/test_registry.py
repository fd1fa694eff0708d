"""The generic contract every registered check meets (terminology checks included).

Each check has a unique code and slug, a severity and a description; its failing examples are
reported and silenced by "#, ignore-<slug>"; its passing examples are left alone.
"""

from __future__ import annotations

import re

import pytest

from checks.helpers import findings
from l10n.checks.base import Check, ProjectCheck
from l10n.checks.registry import CHECKS
from l10n.model import Severity

IDS = [cls.slug for cls in CHECKS]


def _context(cls, request):
    """Terminology examples hold for the research glossary; the others need no glossary."""
    return request.getfixturevalue("research_context") if cls.slug.startswith("term-") else None


def _projects(cls, examples):
    """Examples one by one; a ProjectCheck's list is one project."""
    if issubclass(cls, ProjectCheck):
        return [list(examples)] if examples else []
    return [[example] for example in examples]


def test_codes_and_slugs_are_unique():
    assert len({c.code for c in CHECKS}) == len(CHECKS)
    assert len({c.slug for c in CHECKS}) == len(CHECKS)


@pytest.mark.parametrize("cls", CHECKS, ids=IDS)
def test_declares_what_it_is(cls):
    assert issubclass(cls, Check)
    assert re.fullmatch(r"[A-Z]\d{3}", cls.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", cls.slug)
    assert isinstance(cls.severity, Severity)
    assert cls.description() and not cls.description().endswith(":")
    assert cls.examples_fail, "every check brings at least one failing example"


@pytest.mark.parametrize("cls", CHECKS, ids=IDS)
def test_failing_examples_are_reported_and_the_flag_silences_them(cls, request):
    context = _context(cls, request)
    for project in _projects(cls, cls.examples_fail):
        reported = [f.code for f in findings(*project, context=context)]
        assert cls.code in reported, project
        flagged = findings(*project, flags=[f"ignore-{cls.slug}"], context=context)
        assert cls.code not in [f.code for f in flagged], project
        unused = [f for f in flagged if f.code == "L001" and cls.slug in f.message]
        if not issubclass(cls, ProjectCheck):
            assert not unused, "the flag silenced something, so it is not reported as unused"


@pytest.mark.parametrize("cls", CHECKS, ids=IDS)
def test_passing_examples_are_left_alone(cls, request):
    context = _context(cls, request)
    for project in _projects(cls, cls.examples_pass):
        reported = [f.code for f in findings(*project, context=context)]
        assert cls.code not in reported, project
