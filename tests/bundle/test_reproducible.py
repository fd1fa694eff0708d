"""Reproducible, atomic output: same inputs give the same bytes; an interruption leaves no mess."""

from __future__ import annotations

import io
import os
import shutil
import zipfile

import pytest

from l10n.bundle import install as bundle_write
from l10n.bundle.build import build
from l10n.bundle.manifest import build_stamp
from l10n.bundle.archive import reproducible_zip, safe_entry_name, zip_timestamp
from l10n.errors import ConfigError, InputError


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical_and_the_second_touches_nothing(bundle_project, sample):
    config = bundle_project()
    first_result = build(config, check_languages=sample.no_checks)
    first = _snapshot(config.output_dir)
    times = {p: p.stat().st_mtime_ns for p in config.output_dir.rglob("*") if p.is_file()}
    second_result = build(config, check_languages=sample.no_checks)
    assert _snapshot(config.output_dir) == first
    assert {p: p.stat().st_mtime_ns for p in config.output_dir.rglob("*") if p.is_file()} == times
    assert {r.status for r in first_result.languages} == {"built"}
    assert {r.status for r in second_result.languages} == {"unchanged"}
    shutil.rmtree(config.output_dir)
    build(config, check_languages=sample.no_checks)
    assert _snapshot(config.output_dir) == first


def test_zip_entries_sorted_with_fixed_time_and_mode(bundle_project, sample):
    config = bundle_project()
    build(config, check_languages=sample.no_checks)
    with zipfile.ZipFile(config.output_dir / "ar.zip") as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names)
        assert "ar/doc/page.html" in names and "ar/manifest.json" in names
        assert "ar/LC_MESSAGES/doc/page.mo" in names
        for info in infos:
            assert info.date_time == (2025, 11, 4, 0, 0, 0)
            assert (info.external_attr >> 16) & 0o777 == 0o644
            assert info.extra == b""
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert not info.filename.startswith("/") and ".." not in info.filename.split("/")
            assert archive.read(info) == (config.output_dir / info.filename).read_bytes()


def test_zip_is_independent_of_insertion_order():
    files = {"b.txt": b"two", "a/c.txt": b"one", "a/b.txt": b"three"}
    reordered = dict(reversed(list(files.items())))
    assert reproducible_zip(files, epoch=1) == reproducible_zip(reordered, epoch=1)
    names = zipfile.ZipFile(io.BytesIO(reproducible_zip(files, epoch=1))).namelist()
    assert names == ["a/b.txt", "a/c.txt", "b.txt"]


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "a/../../b", "a//b", "C:/x", "a\\b",
                                  "./a", ""],
                         ids=["parent", "absolute", "climbs-out", "empty-part", "drive",
                              "backslash", "dot", "empty"])
def test_zip_refuses_names_that_escape(name):
    with pytest.raises(InputError):
        safe_entry_name(name)


@pytest.mark.parametrize(("epoch", "expected"), [
    (0, (1980, 1, 1, 0, 0, 0)),
    (1762214400, (2025, 11, 4, 0, 0, 0)),
    (10**11, (2107, 12, 31, 23, 59, 58)),
], ids=["before-1980-clamped", "ordinary", "after-2107-clamped"])
def test_zip_timestamp(epoch, expected):
    assert zip_timestamp(epoch) == expected


@pytest.mark.parametrize(("env", "origin", "epoch"), [
    ("1700000000", "SOURCE_DATE_EPOCH", 1700000000),
    (None, "mtime", 1600000000),
], ids=["source-date-epoch", "newest-input-mtime"])
def test_build_date_is_reproducible(tmp_path, monkeypatch, env, origin, epoch):
    if env is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", env)
    inputs = []
    for index, stamp in enumerate((1500000000, 1600000000)):
        path = tmp_path / f"input{index}.txt"
        path.write_text("x", "utf-8")
        os.utime(path, (stamp, stamp))
        inputs.append(path)
    stamp = build_stamp(tmp_path, inputs)
    assert (stamp.origin, stamp.epoch) == (origin, epoch)


def test_bad_source_date_epoch(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
        build_stamp(tmp_path, [])


def test_interrupted_build_leaves_the_earlier_bundle_whole(bundle_project, sample, monkeypatch):
    config = bundle_project()
    build(config, check_languages=sample.no_checks)
    before = _snapshot(config.output_dir)
    sample.fill(config.root, "fr", {**sample.TRANSLATIONS["fr"], sample.TITLE: "Sommet de Doha"})
    real_write = bundle_write.atomic_write
    calls = {"n": 0}

    def failing_write(path, data):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real_write(path, data)

    monkeypatch.setattr(bundle_write, "atomic_write", failing_write)
    with pytest.raises(KeyboardInterrupt):
        build(config, ["fr"], check_languages=sample.no_checks)
    assert _snapshot(config.output_dir) == before
    assert sorted(p.name for p in config.output_dir.iterdir() if p.name.startswith(".")) == []


def _git(root, *args):
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_DATE": "2025-11-06T12:00:00Z",
           "GIT_COMMITTER_DATE": "2025-11-06T12:00:00Z"}
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=Test", "-c",
                           "user.email=test@example.org", "-c", "commit.gpgsign=false", *args],
                          capture_output=True, text=True, check=True, env=env).stdout.strip()


def test_git_checkout_gives_revision_and_commit_date(bundle_project, sample, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    import json

    config = bundle_project()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    _git(config.root, "init", "-q")
    _git(config.root, "add", "-A")
    _git(config.root, "commit", "-q", "-m", "fixture")
    head = _git(config.root, "rev-parse", "HEAD")
    (config.root / ".gitignore").write_text("dist/\n.l10n.lock\n", "utf-8")
    build(config, check_languages=sample.no_checks)
    data = json.loads((config.output_dir / "fr/manifest.json").read_text("utf-8"))
    assert data["source"]["revision"] == head
    assert (data["build_date"], data["build_date_source"]) == ("2025-11-06T12:00:00Z", "git")
    sample.fill(config.root, "fr", {**sample.TRANSLATIONS["fr"], sample.TITLE: "Sommet de Doha"})
    build(config, check_languages=sample.no_checks)
    dirty = json.loads((config.output_dir / "fr/manifest.json").read_text("utf-8"))
    assert dirty["source"]["revision"] is None  # uncommitted catalogue change
    assert dirty["source"]["content_hash"] != data["source"]["content_hash"]


def test_a_build_killed_while_it_deleted_the_old_folder_is_cleaned_up_by_the_next(
        bundle_project, sample):
    """A kill after the swap, during the old content's deletion, leaves dist/ right but with the
    old content in a hidden folder; the next build, which has nothing to change, removes it."""
    config = bundle_project()
    build(config, check_languages=sample.no_checks)
    before = _snapshot(config.output_dir)
    for leftover in (".fr.k2x9q0ab.tmp", ".fr.m3v8w1cd.old"):
        shutil.copytree(config.output_dir / "fr", config.output_dir / leftover)
    result = build(config, check_languages=sample.no_checks)
    assert {r.lang: r.status for r in result.languages}["fr"] == "unchanged"
    assert _snapshot(config.output_dir) == before
    assert [p.name for p in config.output_dir.iterdir() if p.name.startswith(".")] == []
