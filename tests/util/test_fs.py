"""fsutil's streaming atomic write: the whole new file or the old one, never a part."""

from __future__ import annotations

import os

import pytest

from l10n.errors import InputError
from l10n.util.fs import (atomic_write, atomic_write_stream, ensure_inside, join_chunks,
                         read_bytes)


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("chunks,expected", [
    (["a", "b\n", "", "ç€\n"], "ab\nç€\n".encode()),
    ([b"raw ", "text ", b"bytes"], b"raw text bytes"),
    ([], b""),
    (("x" * 1000 for _ in range(3000)), b"x" * 3_000_000),
], ids=["text", "mixed-bytes", "empty", "larger-than-a-block"])
def test_stream_writes_the_pieces_in_order(tmp_path, chunks, expected):
    path = tmp_path / "sub" / "report.json"
    assert atomic_write_stream(path, chunks) is True
    assert path.read_bytes() == expected
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)
    assert _leftovers(path.parent) == []


@pytest.mark.parametrize("old,new,changed", [
    ("same\n", ["sa", "me\n"], False),
    ("same\n", ["same!\n"], True),
    ("same\n", ["SAME\n"], True),  # same size, other bytes
], ids=["identical", "longer", "same-size"])
def test_identical_content_leaves_the_file_alone(tmp_path, old, new, changed):
    path = tmp_path / "r.txt"
    atomic_write(path, old)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert atomic_write_stream(path, new) is changed
    assert path.read_text("utf-8") == "".join(new)
    assert (path.stat().st_mtime_ns == 1_000_000_000) is not changed
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt], ids=["error", "ctrl-c"])
def test_a_failure_midway_keeps_the_old_file_and_no_temporary(tmp_path, error):
    path = tmp_path / "r.txt"
    path.write_text("old report\n", "utf-8")

    def pieces():
        yield "new report, first half\n" * 100_000  # already written to the temporary file
        raise error("stopped")

    with pytest.raises(error):
        atomic_write_stream(path, pieces())
    assert path.read_text("utf-8") == "old report\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("chunks,size,blocks", [
    (["ab", "cd", "ef"], 4, ["abcd", "ef"]),
    (["abcdef", "g"], 2, ["abcdef", "g"]),  # a piece is never cut
    (["a", b"B", "c"], 10, ["a", b"B", "c"]),
    ([], 4, []),
], ids=["joined", "never-cut", "bytes-apart", "empty"])
def test_join_chunks(chunks, size, blocks):
    assert list(join_chunks(chunks, size)) == blocks


def test_ctrl_c_while_the_temporary_file_is_made_leaves_no_file(tmp_path, monkeypatch):
    """A SIGINT that arrives inside mkstemp (after it created the file) is held back until
    the file is known, the file removed, then KeyboardInterrupt raised as usual."""
    import signal
    import tempfile

    from l10n.util import fs as fsutil

    real = tempfile.mkstemp

    def interrupted(*args, **kwargs):
        made = real(*args, **kwargs)
        signal.raise_signal(signal.SIGINT)  # Ctrl-C right after the file exists
        return made

    monkeypatch.setattr(fsutil.tempfile, "mkstemp", interrupted)
    target = tmp_path / "out.po"
    with pytest.raises(KeyboardInterrupt):
        fsutil.atomic_write(target, "text")
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.parametrize("write", [atomic_write,
                                   lambda path, data: atomic_write_stream(path, [data])],
                         ids=["atomic_write", "atomic_write_stream"])
def test_a_symbolic_link_is_written_through_and_stays_a_link(tmp_path, write):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "file.po"
    target.write_text("old\n", "utf-8")
    link = tmp_path / "link.po"
    link.symlink_to("real/file.po")
    assert write(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == "real/file.po"
    assert target.read_text("utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["file.po", "link.po", "real"]


def test_ensure_inside_follows_every_component(tmp_path):
    root, outside = tmp_path / "project", tmp_path / "outside"
    (root / "po").mkdir(parents=True)
    outside.mkdir()
    (root / "po" / "fr").symlink_to(outside, target_is_directory=True)
    (root / "po" / "es").symlink_to("fr", target_is_directory=True)  # a link to the link
    (root / "po" / "de").symlink_to(root / "po", target_is_directory=True)
    assert ensure_inside(root / "po" / "de" / "x.po", root) == root / "po" / "x.po"
    for lang in ("fr", "es"):
        with pytest.raises(InputError, match=r"outside the project \(through the symbolic link "
                                             rf"po/{lang}\)"):
            ensure_inside(root / "po" / lang / "new" / "x.po", root)
    (root / "po" / "loop").symlink_to("loop")
    with pytest.raises(InputError, match="loop of symbolic links"):
        ensure_inside(root / "po" / "loop" / "x.po", root)


def test_text_that_could_not_be_read_back_is_refused_counting_utf8_bytes(tmp_path):
    """check_readable_size counts bytes as read_bytes does: 100 Arabic letters are 200 bytes."""
    from l10n.util.fs import check_readable_size

    text = "\u0628" * 100
    check_readable_size(text, tmp_path / "a.po", limit=200)
    with pytest.raises(InputError) as caught:
        check_readable_size(text + "x", tmp_path / "a.po", limit=200)
    assert "too large to read back" in caught.value.message
    assert caught.value.path == str(tmp_path / "a.po")
    path = tmp_path / "a.po"
    path.write_text(text, "utf-8")
    assert read_bytes(path, limit=200) == text.encode()  # the same limit as reading


# ------------------------------------------------------------------- several files as one


def test_write_all_writes_every_file_or_none(tmp_path):
    """The third file cannot be written (its folder is a file): the first two keep their old
    content, the folder made for the second is gone, no temporary file is left."""
    from l10n.errors import WriteError
    from l10n.util.fs import write_all

    (tmp_path / "a.po").write_text("old a\n")
    (tmp_path / "blocked").write_text("a file, not a folder\n")
    with pytest.raises(WriteError) as raised:
        write_all([(tmp_path / "a.po", "new a\n"), (tmp_path / "new/b.po", "new b\n"),
                   (tmp_path / "blocked/c.po", "new c\n")])
    assert raised.value.path == str(tmp_path / "blocked")
    assert (tmp_path / "a.po").read_text() == "old a\n"
    assert not (tmp_path / "new").exists()
    assert _leftovers(tmp_path) == []
    assert write_all([(tmp_path / "a.po", "new a\n"), (tmp_path / "a2.po", "")]) == [True, True]
    assert write_all([(tmp_path / "a.po", "new a\n")]) == [False]


def test_a_full_disk_names_the_file_and_undoes_the_others(tmp_path, monkeypatch):
    import errno

    from l10n.errors import WriteError
    from l10n.util.fs import write_all

    real_fsync, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    for name in ("fr.po", "es.po"):
        (tmp_path / name).write_text("old\n")
    with pytest.raises(WriteError) as raised:
        write_all([(tmp_path / "fr.po", "new\n"), (tmp_path / "es.po", "new\n")])
    assert raised.value.path == str(tmp_path / "es.po") and raised.value.errno == errno.ENOSPC
    assert "No space left on device" in str(raised.value)
    assert isinstance(raised.value, OSError), "caches that tolerate a failed write catch OSError"
    assert [(tmp_path / n).read_text() for n in ("fr.po", "es.po")] == ["old\n", "old\n"]
    assert _leftovers(tmp_path) == []


def test_ctrl_c_during_the_renames_waits_for_the_last(tmp_path, monkeypatch):
    """Every file renamed into place, then the interrupt: never some files new, some old."""
    import signal

    from l10n.util.fs import write_all

    real_replace, interrupted = os.replace, []

    def replace(source, target):
        if not interrupted:
            interrupted.append(target)
            signal.raise_signal(signal.SIGINT)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        write_all([(tmp_path / f"{n}.po", f"new {n}\n") for n in range(3)])
    assert interrupted
    assert [(tmp_path / f"{n}.po").read_text() for n in range(3)] == [f"new {n}\n" for n in range(3)]
    assert _leftovers(tmp_path) == []


def test_a_fifo_is_refused_when_read_and_written_plainly_by_a_single_write(tmp_path):
    """Reading never waits for a writer; a FIFO given as an output (``-o``) is written as
    msgmerge writes it, while a transaction refuses to replace it."""
    import threading

    from l10n.errors import WriteError
    from l10n.util.fs import read_bytes, write_all

    fifo = tmp_path / "pipe.po"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="FIFO"):
        read_bytes(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert atomic_write(fifo, "through the pipe\n")
    reader.join(10)
    assert received == [b"through the pipe\n"]
    with pytest.raises(WriteError, match="not a regular file"):
        write_all([(fifo, "x")])
    assert os.path.exists(fifo) and not fifo.is_file()


def test_a_rewritten_file_keeps_its_mode_and_a_new_one_is_0644(tmp_path):
    """A catalogue a team made group-writable (0664) stays so after l10n rewrites it."""
    import stat

    from l10n.util.fs import atomic_write

    shared = tmp_path / "shared.po"
    shared.write_text("old\n", "utf-8")
    shared.chmod(0o664)
    assert atomic_write(shared, "new\n")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    fresh = tmp_path / "fresh.po"
    assert atomic_write(fresh, "new\n")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
