"""Reading and writing files safely: strict decoding with a line number, atomic replacement."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path
from contextlib import contextmanager
from typing import BinaryIO, Iterable, Iterator

from ..errors import InputError, WriteError

# The largest input file l10n reads (sources, catalogues, glossaries). Parsing costs about ten
# times a file's size in memory; the largest real catalogues and UN documents are a few MiB.
MAX_INPUT_BYTES = 32 * 1024 * 1024
# Glossaries are read as a stream (TBX) or row by row (CSV), at about three times their size in
# memory; a terminology database the size of UNTERM (some 100,000 concepts in six languages)
# is about 160 MiB of TBX.
MAX_GLOSSARY_BYTES = 512 * 1024 * 1024


def open_regular(path: str | Path, *, missing: str = "no such file",
                 limit: int | None = None) -> BinaryIO:
    """``path`` opened for reading in binary; InputError (never OSError) when it is missing, a
    folder, not a regular file (a FIFO, a device, a socket) or larger than ``limit`` (default
    MAX_INPUT_BYTES).

    The file is opened without blocking and checked on the open descriptor: opening a FIFO
    for reading would otherwise wait, forever, for a writer.
    """
    path = Path(path)
    limit = MAX_INPUT_BYTES if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(missing, path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=path) from None
    except OSError as exc:
        try:  # a socket cannot be opened (ENXIO): say what it is
            mode = os.stat(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise InputError(f"is {_kind(mode)}, not a regular file; refusing to read it",
                             path=path) from None
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a folder, not a file", path=path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"is {_kind(info.st_mode)}, not a regular file; refusing to read "
                             "it", path=path)
        if info.st_size > limit:
            raise InputError(f"file too large ({info.st_size // (1024 * 1024)} MiB; the limit "
                             f"is {limit // (1024 * 1024)} MiB)", path=path)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException as exc:
        try:
            os.close(fd)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"cannot read: {exc.strerror}", path=path) from None
        raise


def read_bytes(path: str | Path, *, missing: str = "no such file",
               limit: int | None = None) -> bytes:
    """A file's bytes, opened as ``open_regular`` opens it (the same refusals)."""
    limit = MAX_INPUT_BYTES if limit is None else limit
    with open_regular(path, missing=missing, limit=limit) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    if len(data) > limit:  # a file that grew while being read
        raise InputError(f"file too large (the limit is {limit // (1024 * 1024)} MiB)",
                         path=path)
    return data


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def check_readable_size(text: str, path: str | Path, *, limit: int | None = None) -> None:
    """Refuse, before anything is written, text that ``read_bytes`` would refuse to read back
    (larger than ``limit``, default MAX_INPUT_BYTES, once encoded as UTF-8): a catalogue that
    grows past the limit on ``update`` would otherwise lock every later command out of it."""
    limit = MAX_INPUT_BYTES if limit is None else limit
    if len(text) * 4 <= limit:  # a character is at most four bytes: no need to count
        return
    size = len(text) if len(text) > limit else len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise InputError(f"would be too large to read back ({size / (1024 * 1024):.1f} MiB; "
                         f"the limit is {limit / (1024 * 1024):.0f} MiB): not written",
                         path=path)


def read_text(path: str | Path, *, limit: int | None = None) -> str:
    """Read a UTF-8 text file (a BOM is dropped). Undecodable bytes raise InputError with the line."""
    return decode_utf8(read_bytes(path, limit=limit), path)


def decode_utf8(data: bytes, path: str | Path) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); convert the file to UTF-8",
            path=path,
            line=line,
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("contains a NUL byte; not a text file", path=path, line=line)
    return text


def ensure_inside(path: str | Path, root: str | Path, *, what: str = "file",
                  action: str = "write") -> Path:
    """``path`` with every symbolic link along it followed (each component, not only the
    last); InputError when that leads out of the folder ``root`` (or to ``root`` itself).

    Call it on every path of a project that is read or written before the first write, so
    that a link committed to a repository (``po/fr -> /home/someone``) can neither be written
    through nor replaced. The message names the link that leads out when it is not ``path``.
    """
    path = Path(path)
    base = Path(root).resolve()
    try:
        real = path.resolve()
    except (RuntimeError, OSError):  # a loop of links (RuntimeError on Python < 3.13)
        raise InputError(f"{what} is a loop of symbolic links; refusing to {action} it",
                         path=path) from None
    if base in real.parents:
        return real
    full = path if path.is_absolute() else path.absolute()
    link = _link_out(full, base)
    through = ""
    if link is not None and link != full:
        shown = link.relative_to(base) if base in link.parents else link
        through = f" (through the symbolic link {shown.as_posix()})"
    raise InputError(f"{what} links outside the project{through}; refusing to {action} it",
                     path=path)


def _link_out(path: Path, base: Path) -> Path | None:
    """The first component of the absolute ``path`` that is a symbolic link in ``base``
    leading out of it."""
    def inside(folder: Path) -> bool:
        return folder == base or base in folder.parents

    current = Path(path.anchor)
    for part in path.parts[1:]:
        current = current / part
        if current.is_symlink() and inside(current.parent.resolve()):
            if not inside(current.resolve()):
                return current
    return None


def write_target(path: str | Path) -> Path:
    """The file a write to ``path`` changes: ``path`` itself, or, when it is a symbolic link,
    the file the link leads to. Links are written through, as msgmerge and editors write
    them: the link stays a link and its target gets the new content (atomically)."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def atomic_write(path: str | Path, data: str | bytes, *, sync: bool = True) -> bool:
    """Write ``data`` to ``path`` through a temporary file, fsync and rename.

    Readers see the old file or the new one, never a mix. Returns False (and leaves the file
    alone, timestamps included) when the content is already identical. ``sync=False`` skips
    the fsync, for files that can be made again and are checked when read (caches). A file
    that cannot be written (a read-only folder, a full disk) raises WriteError naming it; a
    device or a FIFO is written plainly (see atomic_write_stream). A symbolic link is written
    through (see ``write_target``); the project's writers first make sure, with
    ``ensure_inside``, that it stays in the project.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if _holds(write_target(path), raw):
        return False
    return atomic_write_stream(path, (raw,), sync=sync)


def atomic_write_stream(path: str | Path, chunks: Iterable[str | bytes], *,
                        sync: bool = True) -> bool:
    """``atomic_write`` for content made a piece at a time (a large report): the pieces go
    into the temporary file as they come, so the whole content is never held in memory.
    (``atomic_write`` itself writes through here, with its content as one piece.)

    The same guarantees: readers see the old file or the new one; on any error or interruption
    (Ctrl-C) while the pieces are made or written, the temporary file is removed and the old
    file left as it was. Returns False, leaving the file alone (timestamps included), when the
    content is identical to the file's: that is known only at the end, so it is compared then.
    A device or a FIFO (``-o /dev/null``) is written plainly, as gettext's tools write it.
    """
    if _write_to_device(Path(path), chunks):  # before links are followed: /dev/stdout
        return True
    path = write_target(path)
    temporary = _stage(path, chunks, sync=sync)
    if temporary is None:
        return False
    _commit([(temporary, path)])
    return True


def write_all(files: Iterable[tuple[str | Path, str | bytes]], *,
              sync: bool = True) -> list[bool]:
    """Write several files as one transaction (see Transaction): all of them or none.
    Returns, per file, whether it was written (False: it already held exactly this content).
    """
    with Transaction(sync=sync) as transaction:
        return [transaction.stage(path, data) for path, data in files]


class Transaction:
    """Files written together: all of them or none, as far as a file system allows.

    ``stage`` writes each new content and syncs it to a temporary sibling of its file; when
    the ``with`` block ends without an error, ``commit`` renames them all into place, one
    after another with Ctrl-C held back until the last. When anything fails first (a file
    that cannot be staged: a read-only folder, a full disk, a name too long; or any other
    error in the block), the staged files and the folders made for them are removed and every
    file is left as it was; a WriteError names the file that could not be written.

    What it cannot promise: several renames are not one atomic step, so a machine that stops
    (power, a kill -9) between two of them leaves some files new and the others old, each
    whole; the temporary files left are removed by the next run (``remove_stale_temporaries``).
    """

    def __init__(self, *, sync: bool = True):
        self.sync = sync
        self.staged: list[tuple[str, Path]] = []
        self.created: list[Path] = []

    def stage(self, path: str | Path, data: str | bytes) -> bool:
        """Stage ``data`` for ``path`` (a link: for its target, see ``write_target``); False
        (nothing staged) when it already holds it."""
        path = write_target(path)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if _holds(path, raw):
            return False
        temporary = _stage(path, (raw,), sync=self.sync, created=self.created)
        if temporary is None:
            return False
        self.staged.append((temporary, path))
        return True

    def commit(self) -> None:
        staged, self.staged, self.created = self.staged, [], []
        _commit(staged)

    def discard(self) -> None:
        for temporary, _ in self.staged:
            _unlink(temporary)
        for folder in reversed(self.created):
            try:
                folder.rmdir()
            except OSError:
                pass
        self.staged, self.created = [], []

    def __enter__(self) -> "Transaction":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def _write_to_device(path: Path, chunks: Iterable[str | bytes]) -> bool:
    """Write ``chunks`` plainly when ``path`` is a device or a FIFO (``-o /dev/null``, or
    ``/dev/stdout`` in a pipe), as msgmerge and msgfmt do: there is no file to replace, and a
    rename would put a regular file in the device's place (run as root, over /dev/null).
    Returns False, writing nothing, when ``path`` is anything else."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        return False
    try:
        with open(path, "wb") as handle:
            for block in join_chunks(chunks):
                handle.write(block.encode("utf-8") if isinstance(block, str) else block)
    except OSError as exc:
        raise _write_error(exc, path) from None
    return True


def _holds(path: Path, content: bytes | Path, block: int = 1 << 20) -> bool:
    """Whether ``path`` is a regular file holding exactly ``content`` (bytes, or the bytes of
    another file); False when it cannot be read. Never opens anything but a regular file:
    opening a FIFO would wait for a writer."""
    try:
        info = os.stat(path)
        size = len(content) if isinstance(content, bytes) else os.path.getsize(content)
        if not stat.S_ISREG(info.st_mode) or info.st_size != size:
            return False
        if isinstance(content, bytes):
            return path.read_bytes() == content
        with open(content, "rb") as first, open(path, "rb") as second:
            while True:
                left, right = first.read(block), second.read(block)
                if left != right:
                    return False
                if not left:
                    return True
    except OSError:
        return False


def _stage(path: Path, chunks: Iterable[str | bytes], *, sync: bool,
           created: list[Path] | None = None) -> str | None:
    """Write ``chunks`` to a new temporary sibling of ``path`` (synced unless ``sync`` is
    False) and return its name; None, leaving nothing behind, when ``path`` already holds
    exactly that. Folders made on the way are added to ``created``. On any error or
    interruption the temporary file is removed; an OSError becomes a WriteError naming
    ``path``."""
    _check_replaceable(path)
    try:
        _make_folders(path.parent, created)
        fd, temporary = _make_temporary(path)
    except WriteError:
        raise
    except OSError as exc:
        raise _write_error(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for block in join_chunks(chunks):
                handle.write(block.encode("utf-8") if isinstance(block, str) else block)
            handle.flush()
            if _holds(path, Path(temporary)):
                changed = False
            else:
                if sync:
                    os.fsync(handle.fileno())
                changed = True
        if not changed:
            os.unlink(temporary)
            return None
        try:  # the file keeps its mode (a team's group-writable catalogue); a new one 0644
            os.chmod(temporary, stat.S_IMODE(os.stat(path).st_mode) if os.path.exists(path)
                     else 0o644)
        except OSError:
            pass
    except BaseException as exc:
        _unlink(temporary)
        if isinstance(exc, OSError) and not isinstance(exc, WriteError):
            raise _write_error(exc, path) from None
        raise
    return temporary


def _commit(staged: list[tuple[str, Path]]) -> None:
    """Rename each staged temporary file onto its file, with Ctrl-C held back until the last
    (it is raised then). A rename that fails removes the temporary files not yet renamed."""
    with _sigint_held():
        for index, (temporary, path) in enumerate(staged):
            try:
                os.replace(temporary, path)
            except BaseException as exc:
                for left, _ in staged[index:]:
                    _unlink(left)
                if isinstance(exc, OSError):
                    raise _write_error(exc, path) from None
                raise


def _check_replaceable(path: Path) -> None:
    """Refuse to replace a folder, a FIFO or a device (a rename would put a regular file in
    its place: ``-o /dev/null`` run as root would replace the system's /dev/null)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return
    if stat.S_ISDIR(mode):
        raise WriteError("is a folder; refusing to replace it with a file", path=path)
    if not stat.S_ISREG(mode) and not stat.S_ISLNK(mode):
        raise WriteError(f"is {_kind(mode)}, not a regular file; refusing to replace it",
                         path=path)


def _make_folders(folder: Path, created: list[Path] | None) -> None:
    """Make ``folder`` and its missing parents, noting each made in ``created``."""
    missing = []
    while not folder.is_dir():
        if os.path.lexists(folder):
            raise WriteError("is not a folder; cannot write inside it", path=folder)
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for made in reversed(missing):
        try:
            made.mkdir()
        except FileExistsError:
            if not made.is_dir():
                raise
            continue
        if created is not None:
            created.append(made)


def _write_error(exc: OSError, path: Path) -> WriteError:
    """An OSError met while writing ``path``, as one line naming ``path`` (the temporary file
    that was being written is no name the user knows)."""
    reason = exc.strerror or str(exc)
    return WriteError(f"cannot write: {reason}", path=path, errno=exc.errno)


def _unlink(name: str | Path) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


@contextmanager
def _sigint_held():
    """Hold back Ctrl-C in this block and raise it at its end (main thread only)."""
    import signal
    import threading

    previous = signal.getsignal(signal.SIGINT)
    if previous is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    signal.signal(signal.SIGINT, lambda number, frame: held.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if held:
        signal.raise_signal(signal.SIGINT)


def _make_temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path`` (mkstemp), with Ctrl-C held back until its name is
    known, so that whatever happens next can remove it.

    A KeyboardInterrupt raised inside mkstemp, after the file is created but before its name
    is returned, would leave a temporary file no one removes (seen about once in fifteen runs
    of the Ctrl-C test of a large update). A SIGINT that arrives meanwhile is noted, the file
    removed, and the signal raised again under the handler that was there before.
    """
    import signal
    import threading

    def make() -> tuple[int, str]:
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)

    previous = signal.getsignal(signal.SIGINT)
    if previous is None or threading.current_thread() is not threading.main_thread():
        return make()  # only the main thread may set handlers; None: not set from Python
    held: list[int] = []
    signal.signal(signal.SIGINT, lambda number, frame: held.append(number))
    made: tuple[int, str] | None = None
    try:
        made = make()
    finally:
        signal.signal(signal.SIGINT, previous)
        if held and made is not None:
            os.close(made[0])
            os.unlink(made[1])
    if held:
        signal.raise_signal(signal.SIGINT)  # usually raises KeyboardInterrupt here
        return _make_temporary(path)  # the signal is ignored: go on
    assert made is not None
    return made


def join_chunks(chunks: Iterable[str | bytes], size: int = 1 << 20) -> Iterator[str | bytes]:
    """Consecutive text pieces joined into blocks of about ``size`` characters (bytes pieces
    pass on their own): one write, encode or echo per block instead of one per small piece,
    and a block always ends where a piece ends."""
    pending: list[str] = []
    length = 0
    for chunk in chunks:
        if isinstance(chunk, bytes):
            if pending:
                yield "".join(pending)
                pending, length = [], 0
            yield chunk
            continue
        pending.append(chunk)
        length += len(chunk)
        if length >= size:
            yield "".join(pending)
            pending, length = [], 0
    if pending:
        yield "".join(pending)


# mkstemp's names: ".<file name>.<8 random characters>.tmp" (see atomic_write)
_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def remove_stale_temporaries(folder: str | Path, *, recursive: bool = True) -> list[Path]:
    """Delete the temporary files of writes that were killed before their rename.

    Only call this while holding the project lock: a temporary file is then never another
    live l10n process's. Returns what was removed.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    removed = []
    for path in folder.rglob(".*.tmp") if recursive else folder.glob(".*.tmp"):
        if _TEMPORARY.match(path.name) and path.is_file() and not path.is_symlink():
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


def shown_path(path: Path, base: Path) -> str:
    """``path`` as messages and reports show it: relative to ``base`` with forward slashes when
    it lies under it (as given, or once symbolic links are resolved), else as given."""
    for candidate in (path, path.resolve()):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()
