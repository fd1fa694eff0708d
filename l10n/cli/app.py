"""The command line's main group: it only assembles the commands, which live beside their code.

One place (L10nGroup.invoke) turns the library's errors into one line on stderr and an exit
code: 2 for bad input or usage, 130 when interrupted. Anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import click

from .. import __version__
from .support import INTERRUPTED, L10nGroup


# Every command lives beside its code: name -> (module, attribute). They are imported when
# used (or listed by --help), so that `l10n extract` does not load the checks, the glossary
# matcher and their libraries.
LAZY_COMMANDS = {
    "analyse": ("l10n.tm.commands", "analyse"),
    "build": ("l10n.bundle.commands", "build"),
    "check": ("l10n.checks.commands", "check"),
    "checks": ("l10n.checks.commands", "list_checks"),
    "extract": ("l10n.project.commands", "extract"),
    "glossary": ("l10n.glossary.commands", "glossary"),
    "init": ("l10n.project.commands", "init"),
    "merge": ("l10n.project.commands", "merge"),
    "pretranslate": ("l10n.tm.commands", "pretranslate"),
    "segment": ("l10n.segment.commands", "segment"),
    "stats": ("l10n.project.commands", "stats"),
    "tm": ("l10n.tm.commands", "tm"),
    "xliff": ("l10n.xliff.commands", "xliff"),
    "update": ("l10n.project.commands", "update"),
}


class LazyGroup(L10nGroup):
    """The main group: the commands of LAZY_COMMANDS are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in LAZY_COMMANDS:
            import importlib

            module, attribute = LAZY_COMMANDS[name]
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return self.commands.get(name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-C", "directory", type=click.Path(path_type=Path, file_okay=False),
              help="Run in this project folder instead of the working directory.")
@click.version_option(__version__, prog_name="l10n")
@click.pass_context
def cli(ctx: click.Context, directory: Path | None) -> None:
    """Carry UN texts into Arabic, Chinese, English, French, Russian and Spanish.

    Example: `l10n -C my-project extract && l10n -C my-project update`.

    Shell completion of commands, options and file names: add
    `eval "$(_L10N_COMPLETE=bash_source l10n)"` to ~/.bashrc (zsh: `zsh_source` in
    ~/.zshrc; fish: `_L10N_COMPLETE=fish_source l10n | source` in
    ~/.config/fish/completions/l10n.fish).
    """
    ctx.ensure_object(dict)["directory"] = directory


def main() -> None:
    import gc

    # A run allocates millions of short-lived tuples and strings and few reference cycles:
    # collecting the youngest generation every 50,000 allocations instead of 700 saves about
    # 3 % of the CPU of `l10n check` at the same peak memory.
    gc.set_threshold(50_000, 20, 100)
    try:
        cli(prog_name="l10n")
    except SystemExit as done:
        # The command is over, its files written or left alone: a Ctrl-C from here on would
        # only break into Python's own shutdown (with a traceback from an exit handler).
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if done.code == INTERRUPTED:
            # Stopped by Ctrl-C: the interrupt has already passed through every write on its
            # way out (each removed its temporary file) and the workers were stopped. Leave
            # now: Python's exit handlers would wait for those workers, or trip over their
            # closed pipes with a traceback.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(INTERRUPTED)
        raise


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
