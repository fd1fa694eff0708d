"""Reading and writing files safely: strict decoding with a line number, atomic replacement."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError

# The largest input file l10n reads (sources, catalogues, glossaries). Parsing costs about ten
# times a file's size in memory; the largest real catalogues and UN documents are a few MiB.
MAX_INPUT_BYTES = 32 * 1024 * 1024
# Glossaries are read as a stream (TBX) or row by row (CSV), at about three times their size in
# memory; a terminology database the size of UNTERM (some 100,000 concepts in six languages)
# is about 160 MiB of TBX.
MAX_GLOSSARY_BYTES = 512 * 1024 * 1024


def read_bytes(path: str | Path, *, missing: str = "no such file",
               limit: int | None = None) -> bytes:
    """A file's bytes; InputError (never OSError) when it is missing, a folder or larger than
    ``limit`` (default MAX_INPUT_BYTES)."""
    path = Path(path)
    limit = MAX_INPUT_BYTES if limit is None else limit
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise InputError(f"file too large ({size // (1024 * 1024)} MiB; the limit is "
                                 f"{limit // (1024 * 1024)} MiB)", path=path)
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(missing, path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    if len(data) > limit:  # a pipe or a file that grew while being read
        raise InputError(f"file too large (the limit is {limit // (1024 * 1024)} MiB)",
                         path=path)
    return data


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
    the fsync, for files that can be made again and are checked when read (caches). A
    symbolic link is written through (see ``write_target``); the project's writers first
    make sure, with ``ensure_inside``, that it stays in the project.
    """
    path = write_target(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == raw:
            return False
    except OSError:
        pass
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
    """
    path = write_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _make_temporary(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            for block in join_chunks(chunks):
                handle.write(block.encode("utf-8") if isinstance(block, str) else block)
            handle.flush()
            if _same_content(tmp, path):
                changed = False
            else:
                if sync:
                    os.fsync(handle.fileno())
                changed = True
        if not changed:
            os.unlink(tmp)
            return False
        try:
            os.chmod(tmp, 0o644)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return True


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


def _same_content(one: str | Path, other: Path, block: int = 1 << 20) -> bool:
    """Whether two files hold the same bytes (False when ``other`` cannot be read)."""
    try:
        if os.path.getsize(one) != os.path.getsize(other) or not other.is_file():
            return False
        with open(one, "rb") as first, open(other, "rb") as second:
            while True:
                left, right = first.read(block), second.read(block)
                if left != right:
                    return False
                if not left:
                    return True
    except OSError:
        return False


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
