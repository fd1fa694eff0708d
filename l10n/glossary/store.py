"""Load and save glossaries: a .tbx file, a .csv file, or a folder of .tbx files.

A folder is read file by file (``*.tbx``, sorted by name) and merged; the same concept id in two
files is an InputError naming both. ``load_glossary_files`` keeps the files apart for commands
that report per file (validate) or write back into the file that holds a concept (add).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..fsutil import atomic_write
from .csvio import read_csv, write_csv
from .model import Glossary
from .tbx import read_tbx
from .tbx_write import write_tbx


def glossary_format(path: Path) -> str:
    """"tbx" or "csv" from the file name (InputError for anything else)."""
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        return "tbx"
    if suffix == ".csv":
        return "csv"
    raise InputError("not a glossary file: expected .tbx or .csv", path=path)


def _read_one(path: Path) -> Glossary:
    return read_csv(path) if glossary_format(path) == "csv" else read_tbx(path)


def glossary_paths(path: str | Path) -> list[Path]:
    """The files a glossary at ``path`` is read from: the file, or a folder's *.tbx sorted
    (empty when there is nothing there)."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() == ".tbx" and p.is_file())
    return [path] if path.exists() else []


def load_glossary_files(path: str | Path) -> list[tuple[Path, Glossary]]:
    """Each glossary file under ``path`` (a file, or a folder's *.tbx sorted) with its content."""
    path = Path(path)
    if path.is_dir():
        return [(file, read_tbx(file)) for file in glossary_paths(path)]
    if not path.exists():
        raise InputError("no such file or folder", path=path)
    return [(path, _read_one(path))]


def merge_files(loaded: list[tuple[Path, Glossary]]) -> tuple[Glossary, dict[str, Path]]:
    """One glossary from several files, and the file each concept came from.

    Raises InputError when a concept id appears in two files.
    """
    merged = Glossary()
    origin: dict[str, Path] = {}
    for index, (file, glossary) in enumerate(loaded):
        if index == 0:
            merged.title, merged.source_lang = glossary.title, glossary.source_lang
        for concept_id, concept in glossary.concepts.items():
            if concept_id in origin:
                raise InputError(f"concept id {concept_id!r} is also defined in {origin[concept_id]}",
                                 path=file)
            origin[concept_id] = file
            merged.add(concept)
    return merged, origin


def load_glossary(path: str | Path) -> Glossary:
    """A .tbx (v3 or 2008), a .csv (long or wide) or a folder of .tbx files, merged."""
    merged, _ = merge_files(load_glossary_files(path))
    return merged


def dump_glossary(glossary: Glossary, fmt: str = "tbx", shape: str = "long") -> str:
    """The glossary as text: TBX v3, or CSV in the long or wide shape."""
    return write_csv(glossary, shape) if fmt == "csv" else write_tbx(glossary)


def save_glossary(glossary: Glossary, path: str | Path, *, shape: str = "long") -> bool:
    """Write TBX v3 (or CSV for a .csv name) atomically; False when the file was unchanged."""
    path = Path(path)
    return atomic_write(path, dump_glossary(glossary, glossary_format(path), shape))
