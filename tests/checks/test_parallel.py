"""Worker processes: the same findings as one thread, documents kept together, errors in order."""

from __future__ import annotations

import pytest

from checks.helpers import po
from l10n.checks import parallel
from l10n.util import workers
from l10n.checks.base import CheckContext
from l10n.checks.runner import Target, run, select_checks
from l10n.errors import InputError

DOCUMENTS = {
    "ru": [("Sheikh Tamim bin Hamad Al Thani spoke.", "Шейх Тамим бин Хамад Аль Тани выступил."),
           ("They thanked Sheikh Tamim bin Hamad Al Thani.",
            "Они поблагодарили шейха Тамима бин Хамада Аль-Тани."),
           ("resolutions 78/261 and 78/318", "резолюции 78/26178/318")],
    "zh": [("Sophie De Smedt opened the meeting.", "索菲·德斯梅特宣布会议开幕。"),
           ("Sophie De Smedt closed the meeting.", "索菲·德·斯梅特宣布会议闭幕。"),
           ("The Second World Summit for Social Development opened.", "第二届世界社会发展峰会开幕。")],
    "fr": [("António Guterres opened the Summit.", "António Guteres a ouvert le Sommet."),
           ("Member States", "États membres"),
           ("3.5 per cent", "35 pour cent")],
}


def _project(tmp_path, documents=3) -> list[Target]:
    targets = []
    for lang, pairs in DOCUMENTS.items():
        for number in range(documents):
            path = tmp_path / "po" / lang / f"doc{number}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(po(lang, pairs[number:] + pairs[:number]), "utf-8")
            targets.append(Target(path, f"po/{lang}/doc{number}.po", lang))
    return targets


@pytest.fixture
def force_processes(monkeypatch):
    """Make every run with jobs > 1 use worker processes, and record that it did."""
    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("worker processes need fork")
    calls = []
    original = workers.fork_map

    def spy(*args, **kwargs):
        calls.append(args[3])
        return original(*args, **kwargs)

    monkeypatch.setattr(workers, "PROCESS_MIN_BYTES", 0)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 4)
    monkeypatch.setattr("l10n.checks.runner.fork_map", spy)
    return calls


def test_processes_find_what_one_thread_finds(tmp_path, research_context, force_processes):
    targets = _project(tmp_path)
    glossary = research_context.glossary
    one = run(targets, select_checks(), CheckContext(glossary=glossary), jobs=1)
    many = run(targets, select_checks(), CheckContext(glossary=glossary), jobs=2)
    assert force_processes == [2]
    assert one.findings == many.findings and one.catalogues == many.catalogues
    codes = {f.code for f in one.findings}
    assert {"T005", "N002", "T002"} <= codes  # name consistency needs the gathered names


def test_processes_report_the_first_broken_file(tmp_path, force_processes):
    targets = _project(tmp_path)
    for index in (7, 2):
        targets[index].path.write_text('msgid "x"\nmsgstr "y"\nmsgid "x"\n', "utf-8")
    with pytest.raises(InputError) as serial:
        run(targets, select_checks(), CheckContext(), jobs=1)
    with pytest.raises(InputError) as forked:
        run(targets, select_checks(), CheckContext(), jobs=2)
    assert force_processes == [2]
    assert str(forked.value) == str(serial.value) and "doc2" in str(serial.value)


@pytest.mark.parametrize("displays,langs,expected", [
    (["po/fr/a.po", "po/fr/b.po", "po/ru/a.po", "po/ru/b.po"], ["fr", "fr", "ru", "ru"],
     [[0, 2], [1, 3]]),
    (["po/fr/sub/a.po", "po/zh/sub/a.po", "po/zh/a.po"], ["fr", "zh", "zh"], [[0, 1], [2]]),
    (["x.po", "y.po"], [None, None], [[0], [1]]),
], ids=["by-document", "sub-folders", "no-language"])
def test_documents_are_grouped_across_languages(tmp_path, displays, langs, expected):
    targets = [Target(tmp_path / d, d, lang) for d, lang in zip(displays, langs)]
    assert parallel.document_groups(targets) == expected


@pytest.mark.parametrize("jobs,groups,size,cpus,expected", [
    (2, 4, 10_000_000, 2, 2),
    (8, 3, 10_000_000, 16, 3),
    (1, 4, 10_000_000, 2, 0),
    (2, 1, 10_000_000, 2, 0),
    (2, 4, 10, 2, 0),
    (4, 4, 10_000_000, 1, 0),
], ids=["two-cores", "capped-by-documents", "one-job", "one-document", "small-run", "one-core"])
def test_worker_count(tmp_path, monkeypatch, jobs, groups, size, cpus, expected):
    path = tmp_path / "a.po"
    path.write_bytes(b"")
    monkeypatch.setattr(workers.os.path, "getsize", lambda _: size)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: cpus)
    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        expected = 0
    assert parallel.worker_count([Target(path, "a.po", "fr")], jobs, groups) == expected


_CTRL_C_SCRIPT = """
import sys, time
from l10n.checks import parallel
from l10n.util import workers

def slow(n):
    time.sleep(0.25)
    return n

try:
    workers.fork_map(list(range(40)), slow, [[i] for i in range(40)], 2,
                     share=sys.argv[1] == "share")
except KeyboardInterrupt:
    print("stopped", file=sys.stderr)
    sys.exit(130)
print("finished", file=sys.stderr)
"""


@pytest.mark.parametrize("share", ["share", "fork only"])
def test_ctrl_c_to_the_whole_process_group_stops_the_workers_at_once(tmp_path, share):
    """Ctrl-C in a terminal reaches the workers too. They leave it to the parent (no traceback
    of theirs, no worker dying halfway through sending a result, which left the parent waiting
    forever), and the parent stops them without waiting for the 30 tasks still queued; also
    when the parent takes tasks itself (``share``)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "ctrl_c.py"
    script.write_text(_CTRL_C_SCRIPT, "utf-8")
    process = subprocess.Popen([sys.executable, str(script), share], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(1.2)  # imports, the fork, and a few tasks done
    os.killpg(process.pid, signal.SIGINT)
    sent = time.monotonic()
    _, stderr = process.communicate(timeout=20)
    assert stderr.splitlines() == ["stopped"], stderr
    assert process.returncode == 130
    assert time.monotonic() - sent < 2.0  # the queued tasks alone would take 3 s or more
