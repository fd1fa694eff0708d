"""The command line loads a subsystem only when one of its commands runs (or --help lists them)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from l10n.cli.app import LAZY_COMMANDS, cli

HEAVY = ("l10n.checks.runner", "l10n.glossary.matcher.index", "ahocorasick", "rapidfuzz", "pymorphy3")


def test_importing_the_command_line_loads_no_checks_or_matcher():
    code = ("import sys, l10n.cli.app; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_help_lists_every_command():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.output.split("Commands:")[1].splitlines()
              if line.strip()}
    assert set(LAZY_COMMANDS) | {"extract", "update", "merge", "stats"} <= listed


@pytest.mark.parametrize("name", sorted(LAZY_COMMANDS))
def test_lazy_command_resolves_to_its_module(name):
    import click

    command = cli.get_command(click.Context(cli), name)
    assert command is not None and command.name == name


def test_output_cut_short_by_its_reader_is_no_error(tmp_path):
    """`l10n checks | head -1`: when the reader has stopped reading, l10n stops quietly with
    the status of a process SIGPIPE ended (141), not an error line."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        done = subprocess.run([sys.executable, "-m", "l10n", "checks"], stdout=write_end,
                              stderr=subprocess.PIPE, cwd=tmp_path, timeout=60)
    finally:
        os.close(write_end)
    assert done.stderr.decode() == ""
    assert done.returncode == 141


def test_ctrl_c_inside_a_lock_release_is_an_interruption_too():
    """Ctrl-C that lands while a pool's lock is released surfaces as Python's "release
    unlocked lock", with the KeyboardInterrupt as its context: one line, exit 130, as any
    Ctrl-C; another RuntimeError is no interruption."""
    import click
    from click.testing import CliRunner

    from l10n.cli.support import INTERRUPTED, L10nGroup

    group = L10nGroup()

    @group.command()
    @click.argument("kind")
    def wait(kind):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            if kind == "interrupted":
                raise RuntimeError("release unlocked lock")
        raise RuntimeError("something else")

    result = CliRunner().invoke(group, ["wait", "interrupted"])
    assert result.exit_code == INTERRUPTED
    assert result.output.splitlines() == ["l10n: interrupted; no file was left half-written"]
    other = CliRunner().invoke(group, ["wait", "other"])
    assert isinstance(other.exception, RuntimeError)
