"""A large TMX file is read in a second process (the stream, skeletons and normal forms)
while the command's process writes the memory: the same memory, report and errors as one
process; `--jobs 1` keeps one process; a reader that dies is one error line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from l10n.errors import InputError
from l10n.tm import imports
from l10n.tm.imports import import_files
from l10n.tm.memory import open_memory
from l10n.tm.tmx import tmx_chunks

LANGS = ("fr", "ru", "zh", "de")  # de: not one of the six, counted as skipped


def _tmx(path: Path, units: int, *, broken_at: int | None = None) -> Path:
    """A TMX of ``units`` <tu> (numbers, repeats, contexts, several targets); the <tu>
    number ``broken_at`` has no <tuv> in its source language."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">',
             '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
             'adminlang="en" srclang="en" datatype="plaintext"/>', "<body>"]
    for number in range(units):
        source = (f"Resolution A/RES/{number % 97}/{number % 13} was adopted on {number % 28 + 1}"
                  f" March 20{number % 30:02} by the committee number {number % 400}.")
        lines.append(f'<tu changedate="2025{number % 12 + 1:02}01T000000Z">'
                     f'<prop type="x-document">doc{number % 7}</prop>')
        if number != broken_at:
            lines.append(f'<tuv xml:lang="en"><seg>{source}</seg></tuv>')
        for lang in LANGS[:1 + number % 4]:
            lines.append(f'<tuv xml:lang="{lang}"><seg>{source.upper()} ({lang})</seg></tuv>')
        lines.append("</tu>")
    lines += ["</body>", "</tmx>"]
    path.write_text("\n".join(lines), "utf-8")
    return path


@pytest.fixture
def forks(monkeypatch):
    """Large files for the tests' sake (every file read in a second process, in batches of
    300), and the forks counted."""
    monkeypatch.setattr(imports, "READER_FROM", 0)
    monkeypatch.setattr(imports, "READER_BATCH", 300)
    counted = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            counted.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return counted


def _state(memory) -> tuple:
    db = memory.backend.db
    return ("".join(tmx_chunks(memory.backend)), memory.stats(),
            db.execute("SELECT * FROM sources ORDER BY id").fetchall(),
            db.execute("SELECT * FROM gram_counts ORDER BY 1, 2").fetchall(),
            [memory.lookup(f"Resolution A/RES/5/{n} was adopted on 3 March 2011 by the "
                           f"committee number {n}.", "en", "fr", limit=2) for n in range(6)])


def _import(path: Path, tmx: Path, jobs: int, before: Path | None = None):
    with open_memory(path=path) as memory:
        if before is not None:
            import_files(memory, [before])
        [report] = import_files(memory, [tmx], jobs=jobs)
        return (report.read, report.added, dict(report.skipped)), _state(memory)


def test_a_tmx_read_in_a_second_process_gives_the_same_memory(tmp_path, forks):
    tmx = _tmx(tmp_path / "in.tmx", 2_500)
    one = _import(tmp_path / "one.sqlite", tmx, jobs=1)
    assert forks == []
    two = _import(tmp_path / "two.sqlite", tmx, jobs=2)
    assert len(forks) == 1
    assert two == one
    assert one[0][0] > 2 * 300 and one[0][2] == {"de": 625}
    # into a memory holding part of it already: the same again
    first = _tmx(tmp_path / "first.tmx", 900)
    assert (_import(tmp_path / "one-b.sqlite", tmx, jobs=1, before=first)
            == _import(tmp_path / "two-b.sqlite", tmx, jobs=2, before=first))


def test_a_bad_tmx_read_in_a_second_process_is_the_same_error_and_nothing_added(tmp_path,
                                                                                forks):
    """The error comes after several batches were written: the same line as in one
    process, and the memory as it was (one transaction)."""
    bad = _tmx(tmp_path / "bad.tmx", 2_000, broken_at=1_700)
    before = _tmx(tmp_path / "before.tmx", 50)
    errors, states = [], []
    for jobs in (1, 2):
        with open_memory(path=tmp_path / f"{jobs}.sqlite") as memory:
            import_files(memory, [before])
            state = _state(memory)
            with pytest.raises(InputError) as failure:
                import_files(memory, [bad], jobs=jobs)
            errors.append(str(failure.value))
            states.append((_state(memory), state))
    assert len(forks) == 1
    assert errors[0] == errors[1]
    assert errors[1].startswith(f"{bad}:") and "has no <tuv> in that language" in errors[1]
    assert all(after == before for after, before in states)


def test_a_reader_process_that_dies_is_one_error_and_nothing_added(tmp_path, forks,
                                                                   monkeypatch):
    monkeypatch.setattr(imports, "_read_in_child", lambda reader, fd: os._exit(3))
    tmx = _tmx(tmp_path / "in.tmx", 100)
    with open_memory(path=tmp_path / "tm.sqlite") as memory:
        with pytest.raises(InputError, match=r"the process reading the file stopped "
                                             r"unexpectedly \(exit status 3\)") as failure:
            import_files(memory, [tmx], jobs=2)
        assert str(failure.value).startswith(f"{tmx}: ")
        assert memory.stats()["units"] == 0


def test_the_command_line_reads_in_a_second_process_unless_told_jobs_1(tmp_path, forks,
                                                                        monkeypatch):
    from support import run_l10n

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    tmx = _tmx(tmp_path / "in.tmx", 700)
    outputs = []
    for number, jobs in enumerate((["--jobs", "1"], [])):
        memory = str(tmp_path / f"{number}.sqlite")
        run_l10n(tmp_path, "tm", "import", "--memory", memory, str(tmx), *jobs)
        assert len(forks) == number
        run_l10n(tmp_path, "tm", "export", "--memory", memory, "-o", str(tmp_path / "out.tmx"))
        outputs.append((tmp_path / "out.tmx").read_bytes())
    assert outputs[0] == outputs[1]
    bad = _tmx(tmp_path / "bad.tmx", 700, broken_at=650)
    result = run_l10n(tmp_path, "tm", "import", "--memory", str(tmp_path / "1.sqlite"),
                      str(bad), expect=2)
    assert len(forks) == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"{bad}:") and ": error: " in line


def test_a_write_that_fails_stops_the_reader_at_once(tmp_path, forks, monkeypatch):
    """The writing process fails after a few batches (here: a patched write): the reader,
    blocked on a full pipe, is stopped and reaped before the error reaches the caller, not
    when the error and its traceback are collected."""
    from l10n.tm.sqlite_store import SQLiteBackend

    real = SQLiteBackend._add_batch
    written = []

    def failing(self, *args):
        written.append(1)
        if len(written) > 2:
            raise InputError("the disk is full", path="tm.sqlite")
        return real(self, *args)

    monkeypatch.setattr(SQLiteBackend, "_add_batch", failing)
    tmx = _tmx(tmp_path / "in.tmx", 20_000)  # far more than the pipe holds
    with open_memory(path=tmp_path / "tm.sqlite") as memory:
        with pytest.raises(InputError, match="the disk is full") as failure:
            import_files(memory, [tmx], jobs=2)
        [pid] = forks
        assert not Path(f"/proc/{pid}").exists(), "the reader is still there"
        assert failure.value is not None and memory.stats()["units"] == 0
