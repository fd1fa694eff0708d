"""Orphans: the template and catalogues of a source document that was removed or renamed.

``extract`` and ``update`` report them; with ``--prune`` their translations go to a kept
archive, and the orphan files go::

    po/<name>.pot            removed (it holds no translation)
    po/<lang>/<name>.po      -> po/.obsolete/<lang>/<name>.po, every translated entry obsolete

As msgmerge does with an entry whose source is gone, a translation is not deleted but made
obsolete (``#~``): the archive is an ordinary PO file (it passes ``msgfmt --check``) that
Poedit, Weblate and translate-toolkit open, that ``msgmerge --compendium`` or
``l10n tm import`` can reuse when the document comes back under another name, and that no
command checks, builds or merges (its folder is hidden, and not a language folder). Entries
with no translation are dropped: there is nothing in them to lose. An archive already there
(the same document pruned before) is never overwritten: the new one is ``<name>~2.po``, and so
on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..catalog.po import format_po, read_po
from ..config import ProjectConfig
from ..util.fs import write_all
from .sources import discover_sources, ensure_writable

ARCHIVE = ".obsolete"  # under the catalogue folder


@dataclass(frozen=True)
class Orphan:
    """A document no source makes any more: its template (None when only catalogues are
    left) and its catalogues, per language."""

    name: str
    template: Path | None
    catalogues: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class Pruned:
    """What ``prune`` did with one orphan catalogue: the archive it wrote (None when the
    catalogue held no translation) and how many translations went there."""

    lang: str
    catalogue: Path
    archive: Path | None
    translations: int


def find_orphans(config: ProjectConfig, made: set[str] | None = None) -> list[Orphan]:
    """Every document that has a template or a catalogue in one of the project's languages,
    but no source (``made``: the names of the sources, default: those under source/).
    Sorted by name; hidden files and folders are left out."""
    if made is None:
        made = {source.name for source in discover_sources(config)}
    if not config.po_dir.is_dir():
        return []
    templates = {name: path for path, name in _named(config.po_dir, "*.pot")
                 if not _in_language_folder(path, config)}
    catalogues: dict[str, dict[str, Path]] = {}
    for lang in config.languages:
        folder = config.po_dir / lang
        if folder.is_dir():
            for path, name in _named(folder, "*.po"):
                catalogues.setdefault(name, {})[lang] = path
    names = (templates.keys() | catalogues.keys()) - made
    return [Orphan(name, templates.get(name), catalogues.get(name, {})) for name in sorted(names)]


def _named(folder: Path, pattern: str) -> list[tuple[Path, str]]:
    """(path, document name) for the files under ``folder``, none hidden or in a hidden folder."""
    found = []
    for path in sorted(folder.rglob(pattern)):
        relative = path.relative_to(folder)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        found.append((path, relative.with_suffix("").as_posix()))
    return found


def _in_language_folder(path: Path, config: ProjectConfig) -> bool:
    relative = path.relative_to(config.po_dir)
    return len(relative.parts) > 1 and relative.parts[0] in config.languages


def archive_path(config: ProjectConfig, lang: str, name: str) -> Path:
    """Where a pruned catalogue's translations go: po/.obsolete/<lang>/<name>.po, or
    <name>~2.po, ~3, ... when an earlier prune already wrote that file."""
    base = config.po_dir / ARCHIVE / lang / name
    path, number = base.with_name(base.name + ".po"), 1
    while path.exists() or path.is_symlink():
        number += 1
        path = base.with_name(f"{base.name}~{number}.po")
    return path


def _has_translation(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def archived(catalogue: polib.POFile) -> tuple[polib.POFile, int]:
    """The catalogue as its archive: the translated entries (fuzzy ones too) made obsolete,
    those without a translation dropped; and the number of entries kept."""
    kept = [entry for entry in catalogue if _has_translation(entry)]
    for entry in kept:
        entry.obsolete = True
    archive = polib.POFile(wrapwidth=catalogue.wrapwidth)
    archive.header = catalogue.header
    archive.metadata = catalogue.metadata
    archive.metadata_is_fuzzy = catalogue.metadata_is_fuzzy
    archive.extend(kept)
    return archive, len(kept)


def prune(config: ProjectConfig, orphans: list[Orphan] | None = None) -> list[Pruned]:
    """Archive the orphans' translations (see the module's documentation), then remove their
    templates and catalogues. Everything is read first (one bad file changes nothing), the
    archives are written as one transaction, and only then are the orphans removed: a run
    stopped on the way leaves a translation in two places, never in none."""
    orphans = find_orphans(config) if orphans is None else orphans
    planned: list[tuple[Pruned, str | None]] = []
    for orphan in orphans:
        for lang, path in sorted(orphan.catalogues.items()):
            ensure_writable(path, config, "catalogue", "prune")
            archive, count = archived(read_po(path, strict_plurals=False))
            target = archive_path(config, lang, orphan.name) if count else None
            if target is not None:
                ensure_writable(target, config, "archive", "write")
            planned.append((Pruned(lang, path, target, count),
                            format_po(archive, target) if target is not None else None))
        if orphan.template is not None:
            ensure_writable(orphan.template, config, "template", "remove")
    write_all((pruned.archive, text) for pruned, text in planned if pruned.archive is not None)
    for pruned, _ in planned:
        pruned.catalogue.unlink()
    for orphan in orphans:
        if orphan.template is not None:
            orphan.template.unlink()
    return [pruned for pruned, _ in planned]

