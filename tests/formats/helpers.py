"""Shared helpers for the format tests: fixture paths and rendition builders."""

from __future__ import annotations

from pathlib import Path

from l10n.model import Document, Rendition

DATA = Path(__file__).resolve().parent / "data"


def identity(document: Document) -> list[Rendition]:
    return [Rendition(unit.text) for unit in document.units]


def prefixed(document: Document, prefix: str = "[fr] ") -> list[Rendition]:
    return [Rendition(prefix + unit.text) for unit in document.units]
