"""Fixtures shared by every test folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI explores the same examples on every run (a failure there is reproducible, not luck);
# developers' runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from support import SHARED


@pytest.fixture(scope="session", autouse=True)
def _compiled_glossaries_in_a_scratch_cache(tmp_path_factory):
    """Compiled glossaries (l10n.glossary.cache) go to a folder of this test session, for
    the tests and for the l10n processes they start, never to the user's ~/.cache."""
    os.environ["L10N_CACHE_DIR"] = str(tmp_path_factory.mktemp("l10n-cache"))
    os.environ.pop("L10N_NO_CACHE", None)
    os.environ.pop("L10N_TM_URL", None)  # a developer's shared memory is not the tests'


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the checkout; tests that need it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared (peer test suites and reference data) is not beside the checkout")
    return SHARED


@pytest.fixture
def make_project(tmp_path: Path):
    """Build a small l10n project in tmp_path: make_project({"source/a.txt": "..."})."""

    def build(files: dict[str, str], settings: str = "") -> Path:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        (root / "pyproject.toml").write_text(
            '[project]\nname = "example"\nversion = "0"\n\n[tool.l10n]\n' + settings, "utf-8"
        )
        for name, content in files.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, "utf-8")
        return root

    return build
