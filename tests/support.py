"""Helpers for tests: GNU gettext as the reference, the shared folder's location."""

from __future__ import annotations

import shutil
import subprocess
import sys
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


# Runs the command line in a fresh interpreter and reports its peak resident size (KiB).
# VmHWM is the peak of this program's own memory; getrusage's ru_maxrss would also count the
# parent's pages this process shared between its fork and its exec (the whole of pytest).
_PEAK_DRIVER = """
import sys
from l10n.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="l10n")
except SystemExit as done:
    code = done.code
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print("PEAK", peak, file=sys.stderr)
sys.exit(code)
"""


def peak_kib(args: list[str], cwd: Path | None = None) -> int:
    """Run ``l10n ARGS`` in a fresh interpreter (Linux: /proc/self/status) and return its peak
    resident size in KiB; the run must succeed."""
    done = subprocess.run([sys.executable, "-c", _PEAK_DRIVER, *args], capture_output=True,
                          text=True, cwd=cwd, timeout=600)
    assert done.returncode == 0, done.stderr
    peak = [line for line in done.stderr.splitlines() if line.startswith("PEAK ")]
    return int(peak[-1].split()[1])


def run_l10n(root: Path, *args: str, expect: int = 0):
    """``l10n -C ROOT ARGS`` through click's test runner; its exit code must be ``expect``."""
    from click.testing import CliRunner

    from l10n.cli import cli

    result = CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)
    assert result.exit_code == expect, result.output + (result.stderr if result.stderr_bytes else "")
    return result
