"""Every command and option explains itself: --help text for each option, an example for each
command (groups and their subcommands included), and shell completion from click."""

from __future__ import annotations

import os
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from l10n.cli.app import cli


def _commands():
    """(command path, command) for the main group, every command and every subcommand."""
    found = []

    def walk(command: click.Command, ctx: click.Context, path: tuple[str, ...]) -> None:
        found.append((path, command))
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                walk(sub, click.Context(sub, parent=ctx, info_name=name), (*path, name))

    walk(cli, click.Context(cli, info_name="l10n"), ("l10n",))
    return found


COMMANDS = _commands()
IDS = [" ".join(path) for path, _ in COMMANDS]


def test_the_walk_reaches_the_groups_subcommands():
    assert {"l10n glossary lookup", "l10n tm import", "l10n xliff export",
            "l10n extract"} <= set(IDS)


@pytest.mark.parametrize("path, command", COMMANDS, ids=IDS)
def test_every_command_has_an_example(path, command):
    assert "Example:" in (command.help or ""), f"{' '.join(path)}: no `Example:` in its docstring"


@pytest.mark.parametrize("path, command", COMMANDS, ids=IDS)
def test_every_option_has_help(path, command):
    bare = [param.opts[0] for param in command.params
            if isinstance(param, click.Option) and not param.hidden and not param.help]
    assert not bare, f"{' '.join(path)}: options without help text: {bare}"


@pytest.mark.parametrize("path, command", COMMANDS, ids=IDS)
def test_help_shows_the_example(path, command):
    result = CliRunner().invoke(cli, [*path[1:], "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output


@pytest.mark.parametrize("shell, marker", [("bash", "complete -o nosort -F"),
                                           ("zsh", "compdef"), ("fish", "complete --no-files")])
def test_shell_completion_script(shell, marker):
    """`_L10N_COMPLETE=<shell>_source l10n` prints the script the README tells users to load."""
    env = {**os.environ, "_L10N_COMPLETE": f"{shell}_source"}
    result = subprocess.run([sys.executable, "-m", "l10n"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout
    assert "_L10N_COMPLETE" in result.stdout


def test_main_help_says_how_to_turn_completion_on():
    shown = CliRunner().invoke(cli, ["--help"]).output
    assert "_L10N_COMPLETE=bash_source l10n" in shown and "zsh_source" in shown
    assert "fish_source" in shown


def test_completion_offers_the_commands():
    env = {**os.environ, "_L10N_COMPLETE": "bash_complete", "COMP_WORDS": "l10n glos",
           "COMP_CWORD": "1"}
    result = subprocess.run([sys.executable, "-m", "l10n"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "plain,glossary" in result.stdout.splitlines()
