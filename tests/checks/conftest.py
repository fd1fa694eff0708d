"""Fixtures for the check tests: a context with the research glossary when ../shared has it."""

from __future__ import annotations

import pytest

from support import SHARED

GLOSSARY_CSV = SHARED / "reference" / "terminology.csv"


@pytest.fixture(scope="session")
def research_context():
    """A CheckContext holding the research glossary (terminology checks need it), or a skip."""
    from l10n.checks.base import CheckContext

    if not GLOSSARY_CSV.is_file():
        pytest.skip("../shared/reference/terminology.csv is not beside the checkout")
    from l10n.glossary.store import load_glossary

    return CheckContext(glossary=load_glossary(GLOSSARY_CSV))
