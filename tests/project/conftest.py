"""Shared fixtures of the pipeline tests."""

from __future__ import annotations

import pytest

import l10n.util.workers as parallel


@pytest.fixture
def forking(monkeypatch):
    """Fork for any project size, and record how many workers each run asked for."""
    asked: list[int] = []
    real = parallel.fork_workers

    def recording(*args):
        asked.append(real(*args))
        return asked[-1]

    monkeypatch.setattr(parallel, "PROCESS_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "fork_workers", recording)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762214400")
    return asked
