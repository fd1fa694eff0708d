"""Which cache folder, and which version of a glossary: the key of its files and of the code.

Where: ``$L10N_CACHE_DIR``, else ``$XDG_CACHE_HOME/l10n``, else ``~/.cache/l10n``, under
``glossary/<key>``. The key is a digest of the glossary files' names and bytes and of
everything the indexes depend on (l10n's code and data, Python's and the stemming and
morphology libraries' versions), so an edited glossary or a new l10n never meets a stale index.
Finding the key reads every byte once; a small record per glossary path (names, sizes and
modification times of its files) skips that while the files are untouched, as make and black
do. ``L10N_NO_CACHE=1`` turns caching off.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ...util.fs import atomic_write

FORMAT = b"l10n-compiled-glossary 2"
LIBRARIES = ("pyahocorasick", "PyStemmer", "snowballstemmer", "pymorphy3", "pymorphy3-dicts-ru",
             "babel")


def file_signature(files: list[Path]) -> list[list]:
    """Name, size and modification time of each file."""
    return [[file.name, st.st_size, st.st_mtime_ns] for file in files for st in [file.stat()]]


def version_key(root: Path, path: Path, files: list[Path], signature: list[list]) -> str:
    """The cache key of these glossary files, from the record of ``path`` while its files
    keep their ``signature``, else from their bytes (and the record is written anew)."""
    record = root / "paths" / (hashlib.blake2b(str(path.resolve()).encode(), digest_size=16)
                               .hexdigest() + ".marshal")
    try:
        kept = marshal.loads(record.read_bytes())
        if kept[0] == signature and kept[1] == code_digest():
            return kept[2]
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        pass
    digest = hashlib.blake2b(FORMAT + code_digest().encode(), digest_size=20)
    for file in files:
        digest.update(file.name.encode() + b"\0")
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    key = digest.hexdigest()
    record.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(record, marshal.dumps([signature, code_digest(), key]), sync=False)
    return key


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of what compiled indexes depend on besides the glossary: l10n's code and data,
    Python's version (marshal's format) and the libraries that analyse words."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(sys.version.encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none;".encode())
    package = Path(__file__).resolve().parents[2]  # the l10n package (glossary/cache/key.py)
    for file in sorted(package.rglob("*")):
        if file.suffix in (".py", ".json", ".txt", ".tsv") and "__pycache__" not in file.parts:
            digest.update(str(file.relative_to(package)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()
