"""Putting a language's bundle in place so that no reader ever sees it half-written.

The whole folder is written into a temporary sibling (``dist/.fr.XXXX.tmp``), every file through
atomic_write, then swapped in: on Linux the two folders are exchanged in one atomic step
(renameat2), elsewhere with two renames (the old folder moves aside, the new one takes its
name); the old one is deleted. A folder whose content is already exactly the planned one is
left alone (timestamps included), so a second build with the same inputs touches nothing.
Leftovers of an interrupted build (hidden ``.tmp`` and ``.old`` folders) are removed first.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Mapping

from ..errors import InputError, WriteError
from ..util.fs import atomic_write


def tree_files(folder: Path) -> dict[str, Path]:
    """Every file under ``folder``, by its relative POSIX path."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def tree_equals(folder: Path, files: Mapping[str, bytes]) -> bool:
    """True when ``folder`` holds exactly ``files``, byte for byte, and nothing else."""
    present = tree_files(folder)
    if set(present) != set(files):
        return False
    return all(present[name].read_bytes() == data for name, data in files.items())


def remove_leftovers(parent: Path, name: str) -> None:
    """Delete ``.name.*.tmp`` and ``.name.*.old`` folders an interrupted build left behind."""
    if not parent.is_dir():
        return
    for pattern in (f".{name}.*.tmp", f".{name}.*.old"):
        for leftover in parent.glob(pattern):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)


def _check_name(name: str, target: Path) -> None:
    parts = name.split("/")
    if not name or name.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise InputError(f"refusing to write {name!r} outside the bundle folder", path=target)


def install_tree(target: Path, files: Mapping[str, bytes]) -> bool:
    """Make ``target`` hold exactly ``files``; False when it already did (nothing is touched)."""
    if target.is_symlink():
        raise InputError("the output folder is a symbolic link; refusing to replace it", path=target)
    # First, even when the folder is already right: a build killed after its swap, while it
    # deleted the old content, left that content behind in a hidden folder.
    remove_leftovers(target.parent, target.name)
    if tree_equals(target, files):
        return False
    for name in files:
        _check_name(name, target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp",
                                        dir=target.parent))
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror}", path=target, errno=exc.errno) from None
    try:
        for name in sorted(files):
            try:
                atomic_write(staging / name, files[name])
            except WriteError as exc:  # named as the file it will be, not the staging one
                raise WriteError(exc.message, path=target / name, errno=exc.errno) from None
        for folder in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
            folder.chmod(0o755)
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return True


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    return False  # EINVAL (file system without it), ENOSYS (old kernel): take the slow path


def _swap(staging: Path, target: Path) -> None:
    """Rename ``staging`` to ``target``: one atomic exchange where the system offers it (a
    reader, or a kill, never finds ``target`` missing), else two renames (old aside first)."""
    if not target.exists():
        os.replace(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the old content
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    os.rmdir(old)  # only the unique name is wanted; rename needs it free
    os.replace(target, old)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
