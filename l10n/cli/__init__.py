"""The command line: the main group and the lazy table of commands (main), and what every
command shares (support): the project option, the lock, language options, errors as one line."""

from .app import cli, main

__all__ = ["cli", "main"]
