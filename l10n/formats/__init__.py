"""Source formats and the registry that picks one by file suffix.

    FORMATS         every supported format, in one explicit tuple
    format_for()    the format for a path, by suffix
    parse_file()    read a file (strict UTF-8) and parse it into a Document
"""

from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING

from ..errors import InputError
from ..util.fs import read_text
from ..model import Document, Format
from .html import FORMAT as HTML
from .markdown import FORMAT as MARKDOWN
from .text import FORMAT as TEXT

if TYPE_CHECKING:
    from ..config import ProjectConfig

FORMATS: tuple[Format, ...] = (HTML, MARKDOWN, TEXT)

__all__ = ["FORMATS", "format_for", "parse_file"]


def format_for(path: str | Path) -> Format:
    """The format that handles ``path``'s suffix (case-insensitive)."""
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS:
        if suffix in fmt.suffixes:
            return fmt
    known = ", ".join(s for fmt in FORMATS for s in fmt.suffixes)
    shown = suffix or "(no suffix)"
    raise InputError(f"unsupported source format '{shown}'; expected one of {known}", path=path)


def parse_file(path: str | Path, config: ProjectConfig | None = None) -> Document:
    """Read ``path`` as UTF-8 and parse it with the format its suffix names, with the
    project's format settings from ``config`` (Markdown front matter keys)."""
    fmt = format_for(path)
    text = read_text(path)
    options = {}
    if config is not None and fmt is MARKDOWN:
        options["front_matter"] = config.markdown_front_matter
    try:
        return fmt.parse(text, str(path), **options)
    except RecursionError:  # the last resort for a parser that recurses over nesting
        raise InputError("nested too deeply to read (elements, links or lists inside one "
                         "another)", path=path) from None
