"""Faults: l10n killed mid-run, interrupted with Ctrl-C, or run twice at once.

A generated six-language project is taken through three states once per session:

    ready    sources and templates at version 2, catalogues and bundles still at version 1
    updated  after ``l10n update``: catalogues at version 2, bundles still at version 1
    built    after ``l10n build``: everything at version 2

Then ``l10n update`` (from "ready") and ``l10n build`` (from "updated") run as real processes
and are killed with SIGKILL at points spread over a normal run's duration (several seeds).
Every PO, MO, zip and HTML file must afterwards be byte for byte the old or the new version,
a bundle folder must be wholly old or wholly new, and the next run must finish the job and
leave no temporary file behind.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from filelock import FileLock

from hardening.harness import (generated_project, l10n_command, new_version, run_process,
                               snapshot, translate_everything)

# Big enough that update and build take about a second after start-up: a signal needs a
# window to land in (the reader got three times faster, and 16 x 45 finished too soon).
DOCUMENTS, SENTENCES = 40, 60
BUILD = ("build", "--fail-on", "never", "--min-completeness", "0")
TEMPORARY = re.compile(r"(^|/)\.[^/]+\.(tmp|old)(/|$)")
SEEDS = range(4)


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762214400")


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """Folders and snapshots of the three states, and how long update and build take."""
    os.environ["SOURCE_DATE_EPOCH"] = "1762214400"
    base = tmp_path_factory.mktemp("faults")
    ready = generated_project(base / "ready", DOCUMENTS, SENTENCES)
    for command in (("extract",), ("update",)):
        assert run_process(ready, *command).code == 0
    translate_everything(ready)
    assert run_process(ready, *BUILD).code == 0
    new_version(ready, DOCUMENTS, SENTENCES)
    assert run_process(ready, "extract").code == 0
    updated = base / "updated"
    shutil.copytree(ready, updated, symlinks=True)
    started = time.monotonic()
    assert run_process(updated, "update").code == 0
    update_time = time.monotonic() - started
    built = base / "built"
    shutil.copytree(updated, built, symlinks=True)
    started = time.monotonic()
    assert run_process(built, *BUILD).code == 0
    build_time = time.monotonic() - started
    return {"ready": ready, "updated": updated, "built": built,
            "snapshots": {name: snapshot(path) for name, path in
                          (("ready", ready), ("updated", updated), ("built", built))},
            "update_time": update_time, "build_time": build_time}


def holds_project_lock(pid: int, root: Path) -> bool:
    """Whether process ``pid`` has the project's lock file open: it is past start-up (imports,
    settings) and at work. Linux's /proc tells without touching the lock itself."""
    lock = str(root / ".l10n.lock")
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == lock:
                return True
        except OSError:
            continue
    return False


def kill_at(root: Path, args: tuple[str, ...], delay: float, how: int = signal.SIGKILL, *,
            group: bool = False, after_lock: bool = False):
    """Start ``l10n ARGS`` in ``root``, send ``how`` after ``delay`` seconds, wait for it.
    ``group``: to its whole process group (workers included), as Ctrl-C in a terminal does.
    ``after_lock``: count the delay from the moment the command holds the project lock, not
    from its start, so that a slow start-up on a loaded machine does not move the signal into
    the interpreter's imports (or a fast run past its end)."""
    process = subprocess.Popen(l10n_command("-C", str(root), *args), cwd=root,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=group)
    if after_lock:
        if not Path("/proc/self/fd").is_dir():
            process.kill()
            process.communicate()
            pytest.skip("needs Linux's /proc to see when the command holds the lock")
        deadline = time.monotonic() + 120
        while (process.poll() is None and not holds_project_lock(process.pid, root)
               and time.monotonic() < deadline):
            time.sleep(0.002)
    time.sleep(delay)
    if group:
        os.killpg(process.pid, how)
    else:
        process.send_signal(how)
    stdout, stderr = process.communicate(timeout=120)
    return process.returncode, stdout, stderr


def delays(total: float, seed: int) -> float:
    """A kill point for ``seed``: the seeds spread over the run, each with random jitter."""
    rng = random.Random(seed)
    share = (seed + rng.random()) / len(SEEDS)
    return 0.15 + share * total


def content_files(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if not TEMPORARY.search(name)}


def assert_each_file_old_or_new(after: dict[str, bytes], old: dict[str, bytes],
                                new: dict[str, bytes]) -> None:
    for name, data in content_files(after).items():
        assert data in (old.get(name), new.get(name)), f"{name} is neither the old nor the new version"
    for name in set(old) & set(new):
        if not TEMPORARY.search(name):
            assert name in after, f"{name} disappeared"


def tree_differences(after: dict[str, bytes], expected: dict[str, bytes]) -> list[str]:
    """What makes two snapshots differ, by file name only (a failure then fits on a line or
    two instead of printing every file's bytes)."""
    return ([f"extra {name}" for name in sorted(set(after) - set(expected))]
            + [f"missing {name}" for name in sorted(set(expected) - set(after))]
            + [f"changed {name}" for name in sorted(set(after) & set(expected))
               if after[name] != expected[name]])


@pytest.mark.parametrize("seed", SEEDS)
def test_update_killed_at_any_point_leaves_old_or_new_catalogues(states, seed, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(states["ready"], work, symlinks=True)
    old, new = states["snapshots"]["ready"], states["snapshots"]["updated"]
    kill_at(work, ("update",), delays(states["update_time"], seed))
    after = snapshot(work)
    assert_each_file_old_or_new(after, old, new)
    assert set(content_files(after)) == set(new)
    done = run_process(work, "update")
    assert done.code == 0, done.stderr
    left = tree_differences(snapshot(work), new)
    assert not left, f"the next update did not finish the job: {left}"


@pytest.mark.parametrize("seed", SEEDS)
def test_build_killed_at_any_point_leaves_old_or_new_bundles(states, seed, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(states["updated"], work, symlinks=True)
    old, new = states["snapshots"]["updated"], states["snapshots"]["built"]
    kill_at(work, BUILD, delays(states["build_time"], seed))
    after = snapshot(work)
    assert_each_file_old_or_new(after, old, new)
    for lang in ("ar", "en", "es", "fr", "ru", "zh"):
        prefix = f"dist/{lang}/"
        tree = {n: d for n, d in after.items() if n.startswith(prefix)}
        versions = [{n: d for n, d in v.items() if n.startswith(prefix)} for v in (old, new)]
        assert tree in versions, (f"{prefix} mixes old and new files: "
                                  f"{[tree_differences(tree, v) for v in versions]}")
    done = run_process(work, *BUILD)
    assert done.code == 0, done.stderr
    left = tree_differences(snapshot(work), new)
    assert not left, f"the next build did not finish the job: {left}"


def test_ctrl_c_exits_130_with_one_line_and_no_half_written_file(states, tmp_path):
    old, new = states["snapshots"]["ready"], states["snapshots"]["updated"]
    for attempt in range(6):  # a run that finished before the signal proves nothing: again
        work = tmp_path / f"work{attempt}"
        shutil.copytree(states["ready"], work, symlinks=True)
        delay = states["update_time"] * 0.05 * attempt
        code, stdout, stderr = kill_at(work, ("update",), delay, signal.SIGINT, after_lock=True)
        if code != 0:
            break
    assert code == 130, stderr
    assert len(stderr.splitlines()) == 1 and "interrupted" in stderr, stderr
    after = snapshot(work)
    assert_each_file_old_or_new(after, old, new)
    assert not [name for name in after if TEMPORARY.search(name)], "temporary files left behind"


@pytest.mark.parametrize("command", ["update", "build"])
def test_ctrl_c_in_a_terminal_stops_the_workers_too_with_one_line(states, tmp_path, command):
    """Ctrl-C in a terminal goes to every process of the group, the workers included, at any
    point: exit 130 with the one line (or 0 with none, when the run was over), never a
    worker's traceback or a run left waiting for a worker that died sending its result."""
    args, source, old, new, total = (
        (("update",), "ready", "ready", "updated", states["update_time"]) if command == "update"
        else (BUILD, "updated", "updated", "built", states["build_time"]))
    old, new = states["snapshots"][old], states["snapshots"][new]
    codes = []
    for attempt, share in enumerate((0.0, 0.1, 0.25, 0.45, 0.7, 1.0)):
        work = tmp_path / f"work{attempt}"
        shutil.copytree(states[source], work, symlinks=True)
        code, _, stderr = kill_at(work, args, share * total, signal.SIGINT, group=True,
                                  after_lock=True)
        codes.append(code)
        if code == 130:
            assert len(stderr.splitlines()) == 1 and "interrupted" in stderr, stderr
        else:
            assert (code, stderr) == (0, ""), stderr
        after = snapshot(work)
        assert_each_file_old_or_new(after, old, new)
        assert not [name for name in after if TEMPORARY.search(name)], "temporary files left"
    assert 130 in codes, "no run was interrupted: the signals came too late to prove anything"


def test_a_second_command_stops_with_a_clear_message_or_waits_for_the_lock(states, tmp_path):
    """Two real processes: one waits for the lock (--wait), one without --wait stops at once."""
    work = tmp_path / "work"
    shutil.copytree(states["ready"], work, symlinks=True)
    lock = FileLock(str(work / ".l10n.lock"))
    lock.acquire()
    try:
        waiting = subprocess.Popen(l10n_command("-C", str(work), "update", "--wait", "60"),
                                   cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        refused = run_process(work, "update")
        assert refused.code == 2, refused
        assert len(refused.stderr.splitlines()) == 1 and "--wait" in refused.stderr, refused
        refused_build = run_process(work, *BUILD)
        assert refused_build.code == 2 and ".l10n.lock" in refused_build.stderr, refused_build
        time.sleep(0.5)
        assert waiting.poll() is None, "the waiting update did not wait for the lock"
        wrote = tree_differences(snapshot(work), states["snapshots"]["ready"])
        assert not wrote, f"a refused command wrote: {wrote}"
    finally:
        lock.release()
    stdout, stderr = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, stderr
    assert not tree_differences(snapshot(work), states["snapshots"]["updated"])


def test_two_updates_at_once_with_wait_lose_nothing(states, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(states["ready"], work, symlinks=True)
    runs = [subprocess.Popen(l10n_command("-C", str(work), "update", "--wait", "60"), cwd=work,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    for process in runs:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    assert not tree_differences(snapshot(work), states["snapshots"]["updated"])
