"""The pre-commit hooks, run by pre-commit itself on a scratch git repository holding an l10n
project: this repository's .pre-commit-hooks.yaml (through `pre-commit try-repo`, which
installs l10n with pip: marked network) and the configuration `l10n init` writes (language:
system, the l10n of this test run: offline). Each passes on a clean project and fails on a
stale template, a catalogue with an error and a broken glossary."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.catalog.po import read_po, write_po
from l10n.cli import cli
from support import REPO

yaml = pytest.importorskip("yaml")
pytest.importorskip("pre_commit")
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

HOOKS = {"l10n-extract-check": "l10n templates match the sources",
         "l10n-check": "l10n check (changed catalogues)",
         "l10n-glossary": "l10n glossary validate"}
SOURCE = "# Summit\n\nThe United Nations met in Doha.\n"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def l10n(root: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV})


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """A git repository with a fresh `l10n init` project: one document, translated in French."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762214400")
    root = tmp_path / "site"
    result = CliRunner().invoke(cli, ["init", str(root), "--source-language", "en",
                                      "--languages", "en,fr", "--yes"])
    assert result.exit_code == 0, result.output
    (root / "source" / "summit.md").write_text(SOURCE, "utf-8")
    l10n(root, "extract")
    l10n(root, "update")
    translate(root, "L'Organisation des Nations Unies s'est réunie à Doha.")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "project")
    return root


def translate(root: Path, sentence: str) -> None:
    path = root / "po" / "fr" / "summit.po"
    catalogue = read_po(path)
    for entry in catalogue:
        entry.msgstr = "Sommet" if entry.msgid == "Summit" else sentence
    write_po(catalogue, path)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    """pre-commit's cache (its hook environments), shared by this module's tests only."""
    return tmp_path_factory.mktemp("pre-commit-home")


def pre_commit(root: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home),
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", *args, "--all-files"], cwd=root,
                          env=env, capture_output=True, text=True, timeout=900)


def outcome(output: str) -> dict[str, str]:
    """Hook name -> Passed, Failed or Skipped, from pre-commit's report."""
    found = {}
    for hook, name in HOOKS.items():
        line = next((ln for ln in output.splitlines() if ln.startswith(name + ".")), "")
        found[hook] = line.rsplit(".", 1)[-1].strip() if line else "missing"
    return found


def run_both_ways(root: Path, run) -> None:
    """Passing on the clean project; then failing on a reworded source that was not
    extracted and a wrong term; then on an unreadable glossary."""
    passed = run()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert outcome(passed.stdout) == dict.fromkeys(HOOKS, "Passed")

    (root / "source" / "summit.md").write_text(SOURCE.replace("Doha", "Qatar"), "utf-8")
    translate(root, "L'ONU s'est réunie à Doha.")  # the glossary's United Nations missing
    failed = run()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert outcome(failed.stdout) == {"l10n-extract-check": "Failed", "l10n-check": "Failed",
                                      "l10n-glossary": "Passed"}
    assert "po/summit.pot: 2 entries (would be written)" in failed.stdout
    assert "po/fr/summit.po:" in failed.stdout and "T001 term-missing" in failed.stdout

    (root / "glossary" / "glossary.tbx").write_text("<tbx>", "utf-8")
    failed = run()
    assert failed.returncode == 1
    assert outcome(failed.stdout)["l10n-glossary"] == "Failed"
    assert "glossary.tbx:1: error:" in failed.stdout


def test_the_hooks_l10n_init_configures_pass_and_fail(scratch, pre_commit_home):
    if shutil.which("l10n", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("no l10n script beside this Python (l10n is not installed)")
    run_both_ways(scratch, lambda: pre_commit(scratch, pre_commit_home, "run"))


@pytest.mark.network
def test_this_repositorys_hooks_pass_and_fail(scratch, pre_commit_home):
    if not (REPO / ".git").exists():
        pytest.skip("this checkout is not a git repository: pre-commit cannot try it")

    def run():
        result = pre_commit(scratch, pre_commit_home, "try-repo", str(REPO))
        if "An error has occurred" in result.stdout + result.stderr and (
                "Installing environment" in result.stdout + result.stderr):
            pytest.skip("pre-commit could not install l10n's hook environment (no network?): "
                        + (result.stdout + result.stderr)[-300:])
        return result

    run_both_ways(scratch, run)


def test_init_configures_the_same_hooks_as_the_repository():
    """`l10n init`'s local hooks and .pre-commit-hooks.yaml: the same ids, names and commands."""
    from l10n.project.scaffold import PRE_COMMIT

    published = {hook["id"]: hook for hook in
                 yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    local = {hook["id"]: hook for hook in yaml.safe_load(PRE_COMMIT.format(
        source_dir="source", po_dir="po", glossary_dir="glossary"))["repos"][0]["hooks"]}
    assert set(published) == set(local) == set(HOOKS)
    for hook_id, hook in published.items():
        assert hook["language"] == "python" and local[hook_id]["language"] == "system"
        assert hook["entry"] == local[hook_id]["entry"]
        assert hook["name"] == local[hook_id]["name"] == HOOKS[hook_id]
        assert hook.get("pass_filenames", True) == local[hook_id].get("pass_filenames", True)
