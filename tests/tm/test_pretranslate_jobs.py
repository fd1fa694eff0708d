"""`l10n pretranslate --jobs`: the fuzzy lookups in forked workers, the same files written."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from l10n.cli import cli
from l10n.tm import pretranslate as pretranslate_module
from l10n.tm.memory import open_memory
from l10n.tm.model import TMUnit
from l10n.tm.sqlite_store import SQLiteBackend
from l10n.util.workers import default_jobs
from support import msgfmt_check

TOPICS = ["fisheries", "oceans", "migration", "refugees", "climate", "forests", "deserts",
          "water", "energy", "health", "education", "housing", "transport", "trade",
          "finance", "debt", "tourism", "culture", "sport", "youth", "ageing", "disability",
          "gender", "children", "indigenous peoples", "human rights", "disarmament", "outer space",
          "Antarctica", "the Sahel"]

needs_two_cores = pytest.mark.skipif(
    (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods(),
    reason="forked workers need two cores and fork()")


def _new_sentence(number: int, topic: str) -> str:
    return (f"The Committee took up item {number} of its agenda, on {topic}, in document "
            f"A/{number + 60}/L.2.")


def _project(make_project, memory: str) -> Path:
    """A document of 90 sentences, a third of them in the memory as they are, a third
    renumbered (placeable matches), a third reworded (fuzzy matches), 30 topics each."""
    sentences, units = [], []
    for number, topic in enumerate(TOPICS, 1):
        exact = f"The Assembly welcomed the report on {topic}."
        sentences += [exact, _new_sentence(number, topic),
                      f"The delegates of {number} States discussed {topic} and agreed to "
                      f"meet again."]
        units += [TMUnit(exact, "en", "fr", f"L'Assemblée a accueilli le rapport ({topic})."),
                  TMUnit(_new_sentence(number + 100, topic), "en", "fr",
                         f"Le Comité a examiné le point {number + 100} ({topic}), document "
                         f"A/{number + 160}/L.2."),
                  TMUnit(f"The delegates of {number} States discussed {topic} and agreed to "
                         f"meet once more.", "en", "fr",
                         f"Les délégués de {number} États ont débattu ({topic}).")]
    root = make_project({"source/report.txt": "\n\n".join(sentences) + "\n"},
                        f'languages = ["en", "fr"]\ntm = "{memory}"\n')
    runner = CliRunner()
    for args in (["extract"], ["update"]):
        result = runner.invoke(cli, ["-C", str(root), *args])
        assert result.exit_code == 0, result.output
    with open_memory(path=memory if "://" in memory else root / memory) as store:
        store.add(units)
    return root


@pytest.fixture
def project(make_project) -> Path:
    return _project(make_project, "tm.sqlite")


@pytest.fixture
def small_batches(monkeypatch):
    """Workers for a small catalogue: 2 fuzzy lookups a worker pay, 3 a task."""
    monkeypatch.setattr(pretranslate_module, "PER_WORKER", 2, raising=False)
    monkeypatch.setattr(pretranslate_module, "TASK", 3, raising=False)


@pytest.fixture
def lookup_processes(monkeypatch, tmp_path) -> Path:
    """A file that gets the id of the process of every trigram or skeleton search."""
    log = tmp_path / "pids.log"
    for name in ("fuzzy", "same_skeleton"):
        original = getattr(SQLiteBackend, name)

        def logged(self, *args, _original=original, **kwargs):
            with open(log, "a", encoding="utf-8") as out:
                out.write(f"{os.getpid()}\n")
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(SQLiteBackend, name, logged)
    return log


def _run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["-C", str(root), "pretranslate", *args])


def test_one_or_two_processes_write_the_same_catalogue(project, small_batches, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)
    one, two = _run(project, "--jobs", "1"), _run(copy, "--jobs", "2")
    assert one.exit_code == 0, one.output
    assert two.exit_code == 0, two.output
    assert one.output == two.output
    assert "po/fr/report.po: 30 exact, 30 placeable, 30 fuzzy, 0 without a match" in one.output
    first = project / "po" / "fr" / "report.po"
    assert first.read_bytes() == (copy / "po" / "fr" / "report.po").read_bytes()
    msgfmt_check(first)
    catalogue = polib.pofile(str(first))
    entry = catalogue.find(_new_sentence(6, "forests"))
    assert entry.msgstr == "Le Comité a examiné le point 6 (forests), document A/66/L.2."


@needs_two_cores
def test_the_fuzzy_lookups_run_in_this_process_and_a_worker_a_core_more(project, small_batches,
                                                       lookup_processes, monkeypatch):
    pools = []
    original = getattr(pretranslate_module, "fork_map", None)

    def spied(items, one, groups, workers, *args, **kwargs):
        pools.append(workers)
        return original(items, one, groups, workers, *args, **kwargs)

    monkeypatch.setattr(pretranslate_module, "fork_map", spied, raising=False)
    result = _run(project)  # by default, every core (two or more)
    assert result.exit_code == 0, result.output
    assert pools == [min(default_jobs(), os.cpu_count())]  # one process a core
    pids = lookup_processes.read_text("utf-8").split()
    assert len(pids) >= 60  # the 60 placeable and fuzzy lookups, none left out
    # the command's own process is one of them (its connection and caches are warm), and
    # each forked worker takes the lookups of the first groups at least
    assert str(os.getpid()) in pids
    assert len(set(pids)) == pools[0]


def test_jobs_1_and_few_lookups_stay_in_one_process(project, lookup_processes, monkeypatch):
    result = _run(project, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert set(lookup_processes.read_text("utf-8").split()) == {str(os.getpid())}
    # 60 lookups are too few for two workers at the default PER_WORKER (50)
    lookup_processes.unlink()
    shutil.rmtree(project / "po" / "fr")
    assert CliRunner().invoke(cli, ["-C", str(project), "update"]).exit_code == 0
    assert _run(project).exit_code == 0
    assert set(lookup_processes.read_text("utf-8").split()) == {str(os.getpid())}


@needs_two_cores
@pytest.mark.parametrize("change, message", [
    ("replaced", "not a translation memory l10n can read: file is not a database"),
    ("removed", "cannot open the translation memory: unable to open database file"),
])
def test_a_memory_error_in_a_worker_is_one_line_and_nothing_is_written(
        project, small_batches, monkeypatch, change, message):
    """The memory file is replaced or removed by another process while the lookups run:
    the workers, which open it again (read-only: never a new, empty memory), cannot read
    it. One line, exit 2, no catalogue written."""
    path = project / "tm.sqlite"
    original = pretranslate_module.fork_map

    def clobbered(*args, **kwargs):
        # the command's own connection still reads the old file
        if change == "removed":
            path.unlink()
        else:
            broken = path.with_name("broken")
            broken.write_bytes(b"not SQLite " * 1000)
            os.replace(broken, path)
        return original(*args, **kwargs)

    monkeypatch.setattr(pretranslate_module, "fork_map", clobbered)
    catalogue = project / "po" / "fr" / "report.po"
    before = catalogue.read_bytes()
    result = _run(project)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [f"{path}: error: {message}"]
    assert catalogue.read_bytes() == before
    assert sorted(p.name for p in catalogue.parent.iterdir()) == ["report.po"]
    assert path.exists() == (change == "replaced")


def test_a_postgresql_memory_is_looked_up_in_one_process(make_project, postgres_url,
                                                         small_batches, lookup_processes,
                                                         monkeypatch):
    """The server does the trigram search, and a connection per worker would cost a log-in
    each: the lookups stay in the command's process and connection."""
    root = _project(make_project, postgres_url)

    def no_workers(*args, **kwargs):
        raise AssertionError("no worker processes for a PostgreSQL memory")

    monkeypatch.setattr(pretranslate_module, "fork_map", no_workers)
    result = _run(root, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "po/fr/report.po: 30 exact, 30 placeable, 30 fuzzy, 0 without a match" in result.output
    assert not lookup_processes.exists()  # (the SQLite store was not used)


def test_update_tm_takes_jobs_as_pretranslate_does(project, lookup_processes):
    shutil.rmtree(project / "po" / "fr")
    result = CliRunner().invoke(cli, ["-C", str(project), "update", "--tm", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "po/fr/report.po: 30 exact, 30 placeable, 30 fuzzy, 0 without a match" in result.output
    assert set(lookup_processes.read_text("utf-8").split()) == {str(os.getpid())}


@needs_two_cores
def test_analyse_gives_the_same_bands_in_one_or_two_processes(project, small_batches,
                                                              lookup_processes, tmp_path):
    """The leverage report's fuzzy lookups run on every core too, with the same bands."""
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)
    one = CliRunner().invoke(cli, ["-C", str(project), "analyse", "--format", "json",
                                   "--jobs", "1"])
    assert one.exit_code == 0, one.output
    assert set(lookup_processes.read_text("utf-8").split()) == {str(os.getpid())}
    lookup_processes.unlink()
    two = CliRunner().invoke(cli, ["-C", str(copy), "analyse", "--format", "json",
                                   "--jobs", "2"])
    assert two.exit_code == 0, two.output
    assert two.output == one.output
    pids = set(lookup_processes.read_text("utf-8").split())
    assert str(os.getpid()) in pids and len(pids) == 2  # this process and a worker
    segments = json.loads(one.output)["languages"]["fr"]["documents"]["report"]["segments"]
    assert segments["100"] == 30 and segments["95-99"] >= 30  # exact; placeable (99) and up
    assert sum(segments.values()) == 90 and segments["none"] == 0
