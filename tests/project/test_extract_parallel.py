"""extract gives the same templates, and the same first error, in worker processes as in one.

Worker processes start only for projects of a megabyte or more of sources; these tests lower
that bar (checks.parallel.PROCESS_MIN_BYTES) so that small projects take the forked path.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

import l10n.util.workers as parallel
from l10n.config import load_config
from l10n.errors import InputError
from l10n.project.sources import discover_sources
from l10n.project.extract import extract, plan_templates

pytestmark = pytest.mark.skipif(
    (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods(),
    reason="worker processes need two CPUs and fork")

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Report {n}</title></head>
<body><h1>Report {n} of the Committee</h1>
<p>{n}. The Committee met in Geneva. H.E. Mr. Li opened the session at 10 a.m. on 4 May.</p>
<ul><li>Delegations welcomed the report (A/RES/78/{n});</li><li>The total is $4.{n} million.</li></ul>
<img src="photo{n}.jpg" alt="Delegates in session {n}">
</body></html>
"""
SOURCES = {
    **{f"source/reports/report{n}.html": PAGE.format(n=n) for n in range(1, 6)},
    "source/note.md": "# Note\n\nThe first summit met in 1995. It set ten commitments.\n",
    "source/statement.txt": "Statement\n\nThe State of Qatar welcomes all delegations.\n",
}


def templates(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.pot"))}


def test_workers_write_the_templates_one_process_writes(make_project, forking, monkeypatch):
    root = make_project(SOURCES, 'languages = ["en", "fr"]\n')
    extract(load_config(root, explicit=True))
    forked = templates(root / "po")
    assert forking[0] > 1 and len(forked) == len(SOURCES)

    for path in (root / "po").rglob("*.pot"):
        path.unlink()
    monkeypatch.setattr(parallel, "fork_workers", lambda *args: 0)
    extract(load_config(root, explicit=True))
    assert templates(root / "po") == forked


def test_unchanged_templates_are_reported_unchanged(make_project, forking):
    root = make_project(SOURCES, 'languages = ["en", "fr"]\n')
    config = load_config(root, explicit=True)
    first = extract(config)
    again = extract(config)
    assert [r.written for r in first] == [True] * len(SOURCES)
    assert [r.written for r in again] == [False] * len(SOURCES)
    assert [r.entries for r in again] == [r.entries for r in first]
    assert [p.changed for p in plan_templates(discover_sources(config), config)] == \
        [False] * len(SOURCES)


@pytest.mark.parametrize(
    ("bad", "first"),
    [(("reports/report2.html", "reports/report4.html"), "reports/report2.html"),
     (("statement.txt", "note.md"), "note.md")],
    ids=["two-bad-pages", "bad-note-before-bad-statement"],
)
def test_first_bad_source_is_reported_and_nothing_written(make_project, forking, bad, first):
    root = make_project(SOURCES, 'languages = ["en", "fr"]\n')
    for name in bad:
        (root / "source" / name).write_bytes("Genève\n".encode("latin-1"))
    with pytest.raises(InputError) as raised:
        extract(load_config(root, explicit=True))
    assert raised.value.path == str(root / "source" / first)
    assert forking[0] > 1
    assert not (root / "po").exists()
