"""Where a bundle comes from and what it holds: build date, source revision, manifest.json.

The build date must be reproducible, so it is never "now": SOURCE_DATE_EPOCH when set (the
reproducible-builds.org convention), else the time of the latest git commit of the project,
else the newest modification time of the inputs. The revision is ``git rev-parse HEAD`` when the
project is a git checkout whose inputs (source and catalogue folders) have no uncommitted
change, else null; the content hash (a sha256 over the sorted input files) is always given.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..errors import ConfigError


@dataclass(frozen=True)
class BuildStamp:
    """The build's date as Unix seconds, where it came from, and ISO 8601 text (UTC)."""

    epoch: int
    origin: str  # "SOURCE_DATE_EPOCH", "git" or "mtime"

    @property
    def iso(self) -> str:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.epoch))

    @property
    def day(self) -> str:
        return time.strftime("%Y-%m-%d", time.gmtime(self.epoch))


def _git(root: Path, *args: str) -> str | None:
    """Output of a read-only git command in ``root``, or None when git or the checkout is absent."""
    git = shutil.which("git")
    if git is None:
        return None
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        result = subprocess.run([git, "-C", str(root), *args], capture_output=True, text=True,
                                env=env, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def is_git_checkout(root: Path) -> bool:
    return _git(root, "rev-parse", "--is-inside-work-tree") == "true"


def git_revision(root: Path, inputs: Iterable[Path]) -> str | None:
    """HEAD's commit when the project is a git checkout with no change to its inputs, else None."""
    if not is_git_checkout(root):
        return None
    folders = sorted({str(path) for path in inputs})
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *folders)
    if status is None or status:
        return None
    return _git(root, "rev-parse", "HEAD")


def build_stamp(root: Path, inputs: Iterable[Path]) -> BuildStamp:
    """The reproducible build date (see the module's docstring for the order of preference)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and epoch.strip():
        if not epoch.strip().isdigit():
            raise ConfigError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}")
        return BuildStamp(int(epoch.strip()), "SOURCE_DATE_EPOCH")
    if is_git_checkout(root):
        committed = _git(root, "log", "-1", "--format=%ct")
        if committed and committed.isdigit():
            return BuildStamp(int(committed), "git")
    times = [int(path.stat().st_mtime) for path in inputs if path.is_file()]
    return BuildStamp(max(times, default=0), "mtime")


def content_hash(root: Path, files: Iterable[Path]) -> str:
    """sha256 over the files sorted by path: each contributes its relative path and its sha256."""
    digest = hashlib.sha256()
    named = sorted((path.relative_to(root).as_posix(), path) for path in files)
    for name, path in named:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).hexdigest().encode("ascii") + b"\n")
    return "sha256:" + digest.hexdigest()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dump_json(value: Any) -> str:
    """Sorted keys, two-space indent, UTF-8 text (not escaped), final newline."""
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
