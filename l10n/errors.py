"""The project's errors. Library code raises these; the command line turns them into one line."""

from __future__ import annotations

from pathlib import Path


def located(message: str, path: str | Path | None, line: int | None = None, *,
            severity: str | None = None) -> str:
    """``path:line: severity: message``, the form of GNU tools' messages (which editors and CI
    annotations read); the parts that are missing are left out."""
    where = (f"{path}:{line}" if line else str(path)) if path else ""
    text = f"{severity}: {message}" if severity else message
    return f"{where}: {text}" if where else text


class L10nError(Exception):
    """An expected failure caused by input or usage, reported as ``path:line: message``."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        return located(self.message, self.path, self.line)


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
