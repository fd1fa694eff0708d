"""update gives the same catalogues, report and first error in worker processes as in one.

As in test_extract_parallel, the size bar for worker processes is lowered to nothing.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

import l10n.util.workers as parallel
from l10n.config import load_config
from l10n.errors import InputError
from l10n.project.extract import extract
from l10n.project.update import update

pytestmark = pytest.mark.skipif(
    (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods(),
    reason="worker processes need two CPUs and fork")

PAGE = ("<html lang=\"en\"><body><h1>Report {n}</h1><p>{n}. The Committee met in Geneva. "
        "It adopted resolution A/RES/78/{n}.</p><p>The session closed on 6 November.</p>"
        "</body></html>\n")
SOURCES = {f"source/report{n}.html": PAGE.format(n=n) for n in range(1, 5)}
FRENCH = {"The session closed on 6 November.": "La session a pris fin le 6 novembre."}


def catalogues(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.po"))}


def prepared(make_project) -> Path:
    """A project with templates and French catalogues, some translated, then one source
    edited so that the update has new, fuzzy and obsolete entries to report."""
    root = make_project(SOURCES, 'languages = ["en", "fr", "ar"]\n')
    config = load_config(root, explicit=True)
    extract(config)
    update(config)
    for path in (root / "po" / "fr").glob("*.po"):
        text = path.read_text("utf-8")
        for source, target in FRENCH.items():
            text = text.replace(f'msgid "{source}"\nmsgstr ""', f'msgid "{source}"\nmsgstr "{target}"')
        path.write_text(text, "utf-8")
    edited = (root / "source/report2.html").read_text("utf-8").replace("closed on 6 November", "closed on 7 November")
    (root / "source/report2.html").write_text(edited, "utf-8")
    extract(config)
    return root


def test_workers_merge_as_one_process_does(make_project, forking, monkeypatch, tmp_path):
    root = prepared(make_project)
    before = catalogues(root / "po")
    results = update(load_config(root, explicit=True))
    forked = catalogues(root / "po")
    assert forking[-1] > 1
    assert "#, fuzzy\n#| msgid \"The session closed on 6 November.\"" in \
        forked["fr/report2.po"].decode("utf-8")

    for name, data in before.items():
        (root / "po" / name).write_bytes(data)
    monkeypatch.setattr(parallel, "fork_workers", lambda *args: 0)
    alone = update(load_config(root, explicit=True))
    assert catalogues(root / "po") == forked
    assert [(r.lang, r.name, r.created, r.written, r.report) for r in alone] == \
        [(r.lang, r.name, r.created, r.written, r.report) for r in results]


def test_first_bad_catalogue_is_reported_and_nothing_written(make_project, forking):
    root = prepared(make_project)
    for name in ("fr/report3.po", "ar/report2.po"):
        (root / "po" / name).write_text('msgid "open\n', "utf-8")
    before = catalogues(root / "po")
    with pytest.raises(InputError) as raised:
        update(load_config(root, explicit=True))
    assert raised.value.path == str(root / "po" / "ar" / "report2.po")  # report2 comes first
    assert forking[-1] > 1
    assert catalogues(root / "po") == before
