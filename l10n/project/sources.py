"""The project's source documents and where their templates and catalogues live.

    source/<name>.<ext>  ->  po/<name>.pot  ->  po/<lang>/<name>.po
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import ProjectConfig
from ..errors import InputError
from ..util.fs import ensure_inside, remove_stale_temporaries


@dataclass(frozen=True)
class Source:
    """One source document: ``name`` is its path under source/ without the suffix."""

    name: str
    path: Path
    relpath: str  # relative to the project root, with forward slashes, for "#:" references


def _source_files(config: ProjectConfig) -> list[Path]:
    """Every regular file under source/, sorted, hidden ones left out; links out of the project
    (to a file or a folder) are refused."""
    if not config.source_dir.is_dir():
        raise InputError("source folder not found", path=config.source_dir)
    files = []
    for path in sorted(config.source_dir.rglob("*")):
        if path.is_symlink():
            ensure_source_inside(path, config)
        relative = path.relative_to(config.source_dir)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        ensure_source_inside(path, config)
        _check_name(relative.as_posix(), path)
        files.append(path)
    return files


def _source_suffixes() -> set[str]:
    from ..formats import FORMATS

    return {s for fmt in FORMATS for s in fmt.suffixes}


def discover_sources(config: ProjectConfig) -> list[Source]:
    """The documents to translate under source/: every file of a known format."""
    suffixes = _source_suffixes()
    found: dict[str, Source] = {}
    for path in _source_files(config):
        if path.suffix.lower() not in suffixes:
            continue
        name = path.relative_to(config.source_dir).with_suffix("").as_posix()
        source = Source(name, path, path.relative_to(config.root).as_posix())
        if name in found:
            raise InputError(
                f"two sources would share the catalogue po/{name}.pot: "
                f"{found[name].relpath} and {source.relpath}; rename one",
                path=path,
            )
        found[name] = source
    return list(found.values())


def discover_assets(config: ProjectConfig) -> list[tuple[str, Path]]:
    """The other files under source/ (images, style sheets) that documents refer to, with
    their path under source/: every language's bundle carries them unchanged."""
    suffixes = _source_suffixes()
    return [(path.relative_to(config.source_dir).as_posix(), path)
            for path in _source_files(config) if path.suffix.lower() not in suffixes]


# What a page refers to and every bundle carries as it is: images, style sheets, scripts,
# fonts, sound and video. A file under source/ of any other type that no format reads (a .rst,
# .docx, .pdf, .odt, .json, a README) is likely a document left untranslated: extract says so.
ASSET_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .svg .webp .avif .ico .bmp .tif .tiff "
    ".css .js .mjs .map "
    ".woff .woff2 .ttf .otf .eot "
    ".mp3 .m4a .ogg .oga .opus .wav .flac .mp4 .m4v .ogv .webm .mov".split())


def untranslated_files(config: ProjectConfig) -> list[Path]:
    """The files under source/ that no format reads and that are not of an asset type
    (ASSET_SUFFIXES): bundles carry them unchanged, but they look like documents."""
    return [path for _, path in discover_assets(config)
            if path.suffix.lower() not in ASSET_SUFFIXES]


# The longest source file name, in bytes: what is made from it must still fit the file
# systems' 255 (``.<name>.pot.XXXXXXXX.tmp`` beside a template, ``.<name>.html.XXXXXXXX.tmp``
# in a bundle).
MAX_NAME_BYTES = 200


def _check_name(name: str, path: Path) -> None:
    """Refuse a source name that cannot travel: a backslash or a control character would make
    a zip entry that escapes its folder on Windows, or break the ``#:`` lines of a catalogue;
    bytes that are not UTF-8 cannot be written in a catalogue; a name too long leaves no room
    for the names made from it."""
    bad = next((c for c in name if c == "\\" or ord(c) < 32 or ord(c) == 127), None)
    if bad is not None:
        raise InputError(f"source file name contains {bad!r}; rename the file", path=path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("source file name is not valid UTF-8; rename the file",
                         path=path) from None
    if len(path.name.encode("utf-8")) > MAX_NAME_BYTES:
        raise InputError(f"source file name is longer than {MAX_NAME_BYTES} bytes; rename the "
                         "file", path=path)


def ensure_source_inside(path: Path, config: ProjectConfig, what: str = "source file",
                   action: str = "read") -> None:
    """Refuse a path of the project that symbolic links lead out of it (fsutil.ensure_inside):
    every source read, and every template and catalogue written."""
    ensure_inside(path, config.root, what=what, action=action)


def ensure_writable(path: Path, config: ProjectConfig, what: str, action: str) -> None:
    """Refuse to write a template or catalogue that symbolic links lead out of the project,
    or into its source, glossary or output folder (a link po/fr/doc.po -> source/doc.html
    would have update overwrite the source). A link to another file of the catalogue folder
    is written through: it stays a link (fsutil.write_target)."""
    real = ensure_inside(path, config.root, what=what, action=action)
    for folder, holds in ((config.source_dir, "source"), (config.glossary_dir, "glossary"),
                          (config.output_dir, "output")):
        if folder in real.parents:
            raise InputError(f"{what} links into the project's {holds} folder "
                             f"({real.relative_to(config.root).as_posix()}); refusing to "
                             f"{action} it", path=path)


def template_path(config: ProjectConfig, name: str) -> Path:
    return config.po_dir / f"{name}.pot"


def catalogue_path(config: ProjectConfig, lang: str, name: str) -> Path:
    return config.po_dir / lang / f"{name}.po"


def remove_stale_beside_links(paths: list[Path], config: ProjectConfig) -> None:
    """The temporary files a killed run left beside catalogues that links lead to another
    folder of the project (a link is written through, and a write's temporary file is made
    beside the file it replaces), where remove_stale_temporaries(po/) does not look: it
    follows no link. Called, as that must be, while the project lock is held."""
    folders = {path.resolve().parent for path in paths}
    for folder in sorted(folders):
        if folder != config.po_dir and config.po_dir not in folder.parents:
            remove_stale_temporaries(folder, recursive=False)
