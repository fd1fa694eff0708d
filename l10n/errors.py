"""The project's errors. Library code raises these; the command line turns them into one line."""

from __future__ import annotations

from pathlib import Path


class L10nError(Exception):
    """An expected failure caused by input or usage, reported as ``path:line: message``."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(L10nError):
    """A file that cannot be read or parsed: wrong encoding, malformed syntax, hostile XML."""


class ConfigError(L10nError):
    """A bad [tool.l10n] setting, an unknown language code, a bad command-line value."""


class WriteError(L10nError, OSError):
    """A file that cannot be written: a read-only folder, a full disk, a path that is not a
    file. Also an OSError, so that code that tolerates a failed write (a cache that cannot be
    written only costs time) goes on tolerating it."""

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None,
                 errno: int | None = None):
        super().__init__(message, path=path, line=line)
        self.errno = errno


class LockError(L10nError):
    """Another l10n process holds the project lock."""
