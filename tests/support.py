"""Helpers for tests: GNU gettext as the reference, the shared folder's location."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def msgfmt_check(path: Path) -> None:
    """Assert that GNU msgfmt --check accepts the file (skip when gettext is not installed)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, f"msgfmt --check {path}:\n{result.stderr}"


def msgcat_output(path: Path) -> str:
    """What GNU msgcat prints for the file: gettext's own formatting of it."""
    msgcat = shutil.which("msgcat")
    if msgcat is None:
        pytest.skip("GNU gettext's msgcat is not installed")
    result = subprocess.run([msgcat, str(path)], capture_output=True, text=True, check=True)
    return result.stdout
