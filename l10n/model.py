"""The small data model shared by every stage.

    source document --formats--> Document (Units) --segment--> sentences --catalog--> POT / PO
    PO + glossary --checks--> Findings --report--> text / json / junit / sarif / html
    Document + translations --formats.render--> localised document --bundle--> dist/<lang>/
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Protocol, Sequence


@dataclass(frozen=True)
class Unit:
    """One translatable block of a source document (a paragraph, heading, list item, attribute).

    ``text`` is what the translator sees: whitespace runs folded to one space, ends stripped,
    inline markup kept in the format's own syntax (HTML tags for HTML, Markdown for Markdown).
    ``atomic`` lists ``(start, end)`` character ranges of ``text`` that a sentence boundary must
    not cut (an inline element from its opening to its closing tag, a Markdown link): the
    pipeline splits a unit into sentences only where no boundary falls inside such a range.
    ``splittable`` is False for units that must stay whole (titles, attributes, table cells).
    """

    text: str
    role: str
    line: int
    comment: str
    atomic: tuple[tuple[int, int], ...] = ()
    splittable: bool = True


@dataclass(frozen=True)
class Rendition:
    """The text to put in place of one unit when rendering.

    ``fallback_lang`` is None for a real translation, or the source language when the unit
    falls back to its source text (the HTML renderer marks such text with a lang attribute).
    """

    text: str
    fallback_lang: str | None = None
    # Where the translation comes from, (catalogue path, line of its first entry), so that a
    # translation the renderer cannot use is reported where the translator can fix it.
    origin: tuple[str, int] | None = field(default=None, compare=False)


@dataclass
class Document:
    """A parsed source document: its units in document order plus the format's private state."""

    path: str
    format: str
    units: list[Unit]
    state: Any = field(default=None, repr=False)


class Format(Protocol):
    """One source format. Implementations live in l10n/formats/ and register by suffix."""

    name: str
    suffixes: tuple[str, ...]

    def parse(self, text: str, path: str) -> Document:
        """Parse ``text`` (already decoded) into units. Raise InputError(path, line) on bad input."""

    def render(
        self,
        document: Document,
        renditions: Sequence[Rendition],
        *,
        lang: str,
        direction: str = "ltr",
    ) -> str:
        """Rebuild the document with one rendition per unit (in ``document.units`` order).

        When every rendition's text equals its unit's text and ``lang`` is the document's own
        language, the result is byte-for-byte the text that was parsed.
        """


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


# --fail-on of `l10n check` and `l10n build`: the lowest severity that fails (None: nothing).
FAIL_ON: dict[str, Severity | None] = {"error": Severity.ERROR, "warning": Severity.WARNING,
                                       "never": None}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a check found in one catalogue entry."""

    check: str  # slug, e.g. "term-deprecated"
    code: str  # stable code, e.g. "T002"
    severity: Severity
    file: str
    line: int
    lang: str
    msgid: str
    msgstr: str
    message: str
    msgctxt: str | None = None
    concept: str | None = None
    expected: tuple[str, ...] = ()
    found: str | None = None
