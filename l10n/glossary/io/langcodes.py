"""Language codes of glossary files as other tools write them: ``fr-FR``, ``en-US``,
``es-419``, ``zh-Hans``, ``zh-CN`` are read as the official language they name (fr, en, es,
zh), with one note per code and file; any other code is kept as written (``pt_BR``), and one
that names no language stays an error where it was one (``glossary validate``, CSV import).
"""

from __future__ import annotations

from pathlib import Path

from ...errors import located
from ...locales import official_language


def read_language(code: str, notes: dict[str, str], path: Path | str, line: int | None,
                  *, what: str = "xml:lang") -> str:
    """``code`` as the glossary keeps it (``_`` between its parts), or the official language it
    names; the first time a code is mapped, ``notes[code]`` says so at ``path:line``."""
    kept = code.strip().replace("-", "_")
    if "_" not in kept:
        return kept
    official = official_language(kept)
    if official is None:
        return kept
    if code not in notes:
        notes[code] = located(f'{what} "{code}" read as {official}', path, line,
                              severity="note")
    return official
