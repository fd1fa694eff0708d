"""What every command shares: error reporting, the project settings, the lock, options.

Kept apart from cli.py so that commands living beside their subsystem (glossary, checks,
bundles, segmentation) can use it without importing the command registry.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

import click

from ..config import ProjectConfig, load_config, validate_language
from ..errors import ConfigError, L10nError, LockError, located
from ..util.counts import counted
from ..util.workers import Progress

__all__ = ["INTERRUPTED", "L10nGroup", "ReportedError", "SECONDS", "counted", "languages_option",
           "progress", "project", "project_lock", "show_progress", "table", "validate_language"]


class ReportedError(click.ClickException):
    """An L10nError on its way out: printed as one line, exit status from the error."""

    def __init__(self, error: L10nError):
        super().__init__(str(error))
        self.error = error
        self.exit_code = error.exit_code

    def show(self, file=None) -> None:
        error = self.error
        if error.path:
            text = located(error.message, error.path, error.line, severity="error")
        else:
            text = located(error.message, "l10n", severity="error")
        click.echo(one_line(text), err=True)


def one_line(text: str) -> str:
    """``text`` with control characters escaped, so that a file name or a message holding a
    newline still gives one line on stderr (``source/new\\nline.txt``); a byte of a file
    name that is not UTF-8 (a lone surrogate) is shown as ``\\udcff`` rather than failing."""
    from unicodedata import category

    return "".join(c.encode("unicode_escape").decode("ascii")
                   if category(c) in ("Cc", "Zl", "Zp", "Cs") else c for c in text)


BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of the output went away
INTERRUPTED = 130  # the exit status of a command stopped by Ctrl-C (128 + SIGINT), as shells use


def _interrupted(error: BaseException) -> bool:
    """Whether a KeyboardInterrupt stands behind ``error`` (as its cause or context)."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, KeyboardInterrupt):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


class L10nGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except L10nError as error:
            raise ReportedError(error) from None
        except KeyboardInterrupt:
            click.echo("l10n: interrupted; no file was left half-written", err=True)
            ctx.exit(INTERRUPTED)
        except RuntimeError as error:
            # Ctrl-C that lands inside a lock's release (a thread or process pool waiting for
            # its workers) surfaces as "release unlocked lock", its KeyboardInterrupt as the
            # context: it is the same interruption.
            if not _interrupted(error):
                raise
            click.echo("l10n: interrupted; no file was left half-written", err=True)
            ctx.exit(INTERRUPTED)
        except BrokenPipeError:
            # The reader stopped reading (`l10n stats | head`): stop quietly, as cat does, with
            # the status a process killed by SIGPIPE has; the output still buffered goes nowhere.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(BROKEN_PIPE)
        except OSError as error:
            # The last resort: every read and write names its file where the problem is known
            # (InputError, WriteError); a system error that escapes them is still one line
            # naming the file the system names, not a traceback.
            raise ReportedError(L10nError(error.strerror or str(error),
                                          path=error.filename)) from None


class Seconds(click.ParamType):
    """A number of seconds to wait: finite and not negative (``nan``, ``inf`` and ``-1`` are
    refused, in one line: filelock would raise on ``nan`` and wait forever on ``-1``)."""

    name = "seconds"

    def convert(self, value, param, ctx) -> float:
        import math

        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        else:
            try:
                number = float(value)
            except ValueError:
                number = math.nan
        if not math.isfinite(number) or number < 0:
            option = param.opts[0] if param is not None and param.opts else "value"
            raise ConfigError(f"{option} {value}: expected a number of seconds, 0 or more")
        return number


SECONDS = Seconds()

def jobs_option(help: str):
    """``--jobs/-j N``: how many processes a command may use (None: its default)."""
    return click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help=help)


def project(ctx: click.Context) -> ProjectConfig:
    """The project settings, loaded once per command (from -C DIR or the working directory)."""
    obj = ctx.ensure_object(dict)
    if "config" not in obj:
        obj["config"] = load_config(obj.get("directory"), explicit=obj.get("directory") is not None)
    return obj["config"]


@contextmanager
def project_lock(config: ProjectConfig, *, wait: float = 0):
    """Hold the project's lock while writing catalogues or bundles (a second run waits or stops)."""
    from filelock import FileLock, Timeout

    from ..util.fs import ensure_inside

    path = config.root / ".l10n.lock"
    # Opening the lock truncates it: a link committed in its place must not lead out.
    ensure_inside(path, config.root, what="lock file", action="open")
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise LockError(
            "another l10n command is writing this project (lock file .l10n.lock); "
            "wait for it to finish, or pass --wait SECONDS",
            path=config.root,
        ) from None
    except OSError as exc:  # a folder in its place, a read-only project folder
        what = "is a folder" if path.is_dir() and not path.is_symlink() else exc.strerror
        raise LockError(f"cannot take the project lock: {what}", path=path) from None
    try:
        yield
    finally:
        lock.release()


def languages_option(config: ProjectConfig, langs: tuple[str, ...]) -> list[str]:
    chosen = [validate_language(code, "--lang") for code in langs]
    unknown = [code for code in chosen if code not in config.languages]
    if unknown:
        raise L10nError(f"--lang {unknown[0]} is not one of the project's languages: "
                        + ", ".join(config.languages))
    return chosen or list(config.target_languages)


def show_progress(stream=None, environ=None) -> bool:
    """Whether a long run draws a progress bar: only for a person watching a terminal (standard
    error is a TTY), never in piped or redirected output nor in CI logs (``CI`` set, as GitHub,
    GitLab and most CI services set it, to anything but ``0`` or ``false``)."""
    stream = sys.stderr if stream is None else stream
    environ = os.environ if environ is None else environ
    if environ.get("CI", "").strip().lower() not in ("", "0", "false"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def progress(label: str) -> Progress:
    """The ``Progress`` of a command: click's progress bar on standard error, labelled, when
    ``show_progress()`` says so and there is more than one step; nothing otherwise."""

    @contextmanager
    def bar(steps: int):
        if steps < 2 or not show_progress():
            yield lambda: None
            return
        with click.progressbar(length=steps, label=label, file=sys.stderr) as shown:
            yield lambda: shown.update(1)

    return bar


def table(rows: list[list[str]], header: list[str], numeric: set[int]) -> list[str]:
    """A plain text table: columns padded, numbers right-aligned."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [str(c).rjust(w) if i in numeric else str(c).ljust(w)
                 for i, (c, w) in enumerate(zip(row, widths))]
        return "  ".join(cells).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]
