"""Load and save glossaries: a .tbx file, a .csv file, or a folder of .tbx files.

A folder is read file by file (``*.tbx``, sorted by name) and merged; the same concept id in two
files is an InputError naming both. ``load_glossary_files`` keeps the files apart for commands
that report per file (validate) or write back into the file that holds a concept (add).

Writing holds to the limits reading has: a glossary file that would be larger than l10n reads
(MAX_GLOSSARY_BYTES for TBX, MAX_INPUT_BYTES for CSV) is refused and nothing is written. TBX is
written a concept at a time into the temporary file, so its size is known as it is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..util.fs import MAX_GLOSSARY_BYTES, MAX_INPUT_BYTES, atomic_write_stream, join_chunks
from .io.csvio import read_csv, write_csv
from .model import Glossary
from .io.tbx import read_tbx
from .io.tbx_write import tbx_chunks


def glossary_format(path: Path) -> str:
    """"tbx" or "csv" from the file name (InputError for anything else)."""
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        return "tbx"
    if suffix == ".csv":
        return "csv"
    raise InputError("not a glossary file: expected .tbx or .csv", path=path)


def _read_one(path: Path, errors: list[InputError] | None = None) -> Glossary:
    if glossary_format(path) == "tbx":
        return read_tbx(path, errors)
    if errors is None:
        return read_csv(path)
    try:
        return read_csv(path)
    except InputError as error:
        errors.append(error)
        return Glossary()


def glossary_paths(path: str | Path) -> list[Path]:
    """The files a glossary at ``path`` is read from: the file, or a folder's *.tbx sorted
    (empty when there is nothing there)."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() == ".tbx" and p.is_file())
    return [path] if path.exists() else []


def load_glossary_files(path: str | Path, errors: list[InputError] | None = None
                        ) -> list[tuple[Path, Glossary]]:
    """Each glossary file under ``path`` (a file, or a folder's *.tbx sorted) with its content.

    With ``errors`` (a list), every file is read to its end: each structural error is appended
    there and the concepts read without error are returned (see ``tbx._TbxReader``)."""
    path = Path(path)
    if path.is_dir():
        return [(file, read_tbx(file, errors)) for file in glossary_paths(path)]
    if not path.exists():
        raise InputError("no such file or folder", path=path)
    return [(path, _read_one(path, errors))]


def merge_files(loaded: list[tuple[Path, Glossary]], errors: list[InputError] | None = None,
                ) -> tuple[Glossary, dict[str, Path]]:
    """One glossary from several files, and the file each concept came from.

    A concept id that appears in two files raises InputError, or with ``errors`` is appended
    there (the first file's concept is kept).
    """
    merged = Glossary()
    origin: dict[str, Path] = {}
    for index, (file, glossary) in enumerate(loaded):
        if index == 0:
            merged.title, merged.source_lang = glossary.title, glossary.source_lang
        merged.messages.extend(glossary.messages)
        for concept_id, concept in glossary.concepts.items():
            if concept_id in origin:
                error = InputError(f"concept id {concept_id!r} is also defined in "
                                   f"{origin[concept_id]}", path=file)
                if errors is None:
                    raise error
                errors.append(error)
                continue
            origin[concept_id] = file
            merged.add(concept)
    return merged, origin


def load_glossary(path: str | Path) -> Glossary:
    """A .tbx (v3 or 2008), a .csv (long or wide) or a folder of .tbx files, merged."""
    merged, _ = merge_files(load_glossary_files(path))
    return merged


def glossary_chunks(glossary: Glossary, fmt: str = "tbx", shape: str = "long") -> Iterator[str]:
    """The glossary as text in pieces: TBX v3 (``tbx``) or TBX 2008 (``tbx2008``) a concept at
    a time, or CSV (long or wide)."""
    if fmt == "csv":
        yield write_csv(glossary, shape)
    else:
        yield from tbx_chunks(glossary, "2008" if fmt == "tbx2008" else "3")


def dump_glossary(glossary: Glossary, fmt: str = "tbx", shape: str = "long") -> str:
    """The glossary as text: TBX v3, or CSV in the long or wide shape."""
    return "".join(glossary_chunks(glossary, fmt, shape))


def read_limit(fmt: str) -> int:
    """The size over which l10n refuses to read a glossary file of this format."""
    return MAX_GLOSSARY_BYTES if fmt.startswith("tbx") else MAX_INPUT_BYTES


def within_limit(chunks: Iterable[str], limit: int, path: Path) -> Iterator[bytes]:
    """``chunks`` encoded as UTF-8, in blocks; InputError once they pass ``limit`` bytes (the
    writer then removes its temporary file: nothing is written)."""
    size = 0
    for block in join_chunks(chunks):
        data = block.encode("utf-8")
        size += len(data)
        if size > limit:
            raise InputError(f"not written: the file would be over {limit // (1024 * 1024)} "
                             "MiB, larger than l10n reads; split the glossary into several "
                             "files of the glossary folder", path=path)
        yield data


def write_glossary_file(path: str | Path, fmt: str, chunks: Iterable[str]) -> bool:
    """Write glossary text (a TBX or CSV file) atomically, refusing a file over the read limit
    of its format; False when the file was already identical."""
    path = Path(path)
    return atomic_write_stream(path, within_limit(chunks, read_limit(fmt), path))


def save_glossary(glossary: Glossary, path: str | Path, *, shape: str = "long") -> bool:
    """Write TBX v3 (or CSV for a .csv name) atomically; False when the file was unchanged.
    A glossary over the read limit (see ``read_limit``) is refused, and nothing is written."""
    path = Path(path)
    fmt = glossary_format(path)
    return write_glossary_file(path, fmt, glossary_chunks(glossary, fmt, shape))
