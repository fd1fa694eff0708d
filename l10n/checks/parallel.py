"""Checking catalogues one document at a time in worker processes (l10n.util.workers).

Work is handed out one *document* at a time (the same file in every language): the term
matcher remembers the texts it analysed, so a source sentence is analysed once per worker, not
once per language.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, Sequence

from ..util.workers import fork_workers


def document_groups(targets: Sequence[Any]) -> list[list[int]]:
    """Indexes of ``targets`` grouped by document (the path under po/<lang>/), groups in order
    of first appearance, so each group holds one document in every language."""
    groups: dict[str, list[int]] = {}
    for index, target in enumerate(targets):
        groups.setdefault(_document(target), []).append(index)
    return list(groups.values())


def _document(target: Any) -> str:
    parts = PurePath(target.display).parts
    lang = target.lang
    if lang and lang in parts:
        parts = parts[parts.index(lang) + 1 :]
    return "/".join(parts)


def worker_count(targets: Sequence[Any], jobs: int, groups: int) -> int:
    """How many processes to check ``targets`` with: 0 (check in this process) for small
    runs, single-core machines, one document, platforms without fork, or inside a worker."""
    return fork_workers([t.path for t in targets], jobs, groups)
