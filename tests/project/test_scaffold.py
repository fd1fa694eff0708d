"""`l10n init`: a new project that works at once, and nothing overwritten."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.cli import cli
from support import REPO, SHARED

RNG = SHARED / "testdata" / "tbx" / "v3" / "TBXcoreStructV03_TBX-Basic_integrated_2019.rng"


def l10n(*args: str, expect: int = 0):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == expect, (result.output, result.exception)
    return result


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.mark.parametrize("source, text, suffix", [
    ("fr", "# Le Sommet\n\nLe Sommet se tient à Doha. Il réunit les États Membres.\n", "md"),
    ("zh", "第二届社会发展问题世界首脑会议在多哈举行。会议为期三天。\n", "txt"),
    ("ar", "<html><body><p>عُقد مؤتمر القمة في الدوحة. وحضره ممثلو الدول الأعضاء.</p></body></html>\n",
     "html"),
], ids=["fr-markdown", "zh-text", "ar-html"])
def test_init_then_extract_update_check_and_build(tmp_path, monkeypatch, source, text, suffix):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762214400")
    root = tmp_path / "new"
    result = l10n("init", str(root), "--source-language", source, "--yes")
    for name in ("pyproject.toml", "source/.gitkeep", "po/.gitkeep", "glossary/glossary.tbx",
                 ".gitignore", ".pre-commit-config.yaml", ".github/workflows/l10n.yml"):
        assert (root / name).is_file(), name
        assert f"{name}: written" in result.output
    settings = (root / "pyproject.toml").read_text("utf-8")
    assert f'source-language = "{source}"' in settings
    assert '"ar", "en", "es", "fr", "ru", "zh"' in settings
    assert "/dist/" in (root / ".gitignore").read_text("utf-8")
    (root / "source" / f"page.{suffix}").write_text(text, "utf-8")
    l10n("-C", str(root), "extract")
    l10n("-C", str(root), "update")
    others = [lang for lang in ("ar", "en", "es", "fr", "ru", "zh") if lang != source]
    for lang in others:
        assert (root / "po" / lang / "page.po").is_file()
    assert not (root / "po" / source).exists()
    l10n("-C", str(root), "extract", "--check")
    l10n("-C", str(root), "glossary", "validate")
    l10n("-C", str(root), "check", "--fail-on", "error")
    l10n("-C", str(root), "build", "--min-completeness", "0")
    assert (root / "dist" / source / f"page.{suffix}").is_file()


def test_init_overwrites_nothing(tmp_path):
    root = tmp_path / "p"
    l10n("init", str(root), "--yes")
    before = _tree(root)
    again = l10n("init", str(root), "--yes", expect=2)
    assert "already an l10n project" in again.output
    assert _tree(root) == before
    other = tmp_path / "q"
    (other / ".github" / "workflows").mkdir(parents=True)
    (other / ".github" / "workflows" / "l10n.yml").write_text("mine\n", "utf-8")
    refused = l10n("init", str(other), "--yes", expect=2)
    assert ".github/workflows/l10n.yml exists; init overwrites nothing" in refused.output
    assert _tree(other) == {".github/workflows/l10n.yml": b"mine\n"}


def test_init_adds_to_an_existing_pyproject_and_gitignore(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "pyproject.toml").write_text('[project]\nname = "site"\n', "utf-8")
    (root / ".gitignore").write_text("*.pyc\n/dist/\n", "utf-8")
    l10n("init", str(root), "--languages", "en,fr", "--yes")
    settings = (root / "pyproject.toml").read_text("utf-8")
    assert settings.startswith('[project]\nname = "site"\n\n[tool.l10n]\n')
    assert 'languages = ["en", "fr"]' in settings
    assert (root / ".gitignore").read_text("utf-8") == (
        "*.pyc\n/dist/\n# l10n: bundles, XLIFF exchange files and the project lock\n"
        "/xliff/\n.l10n.lock\n")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def test_the_files_xliff_export_writes_are_ignored_by_git(tmp_path):
    """`l10n xliff export` writes to xliff/ by default: generated exchange files, which the
    .gitignore init writes keeps out of git (as the bundles), and only them."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "p"
    l10n("init", str(root), "--languages", "en,fr", "--yes")
    (root / "source" / "page.md").write_text("# The Summit\n\nIt opened today.\n", "utf-8")
    l10n("-C", str(root), "extract")
    l10n("-C", str(root), "update")
    l10n("-C", str(root), "xliff", "export")
    assert _git(root, "init", "-q").returncode == 0
    exported = sorted(p.relative_to(root).as_posix() for p in (root / "xliff").rglob("*.xlf"))
    assert exported == ["xliff/fr/page.xlf"]
    untracked = _git(root, "status", "--porcelain", "--untracked-files=all").stdout
    assert "xliff/" not in untracked
    assert "po/fr/page.po" in untracked and "source/page.md" in untracked


def test_init_appends_each_missing_line_once(tmp_path):
    """An output folder named like the XLIFF folder gets one line, and lines already there
    (the lock) are not repeated."""
    root = tmp_path / "p"
    root.mkdir()
    (root / ".gitignore").write_text(".l10n.lock", "utf-8")  # no final newline
    l10n("init", str(root), "--output-dir", "xliff", "--yes")
    assert (root / ".gitignore").read_text("utf-8") == (
        ".l10n.lock\n# l10n: bundles, XLIFF exchange files and the project lock\n/xliff/\n")


def test_the_example_project_keeps_exported_xliff_out_of_git():
    """This repository is the example project: what `l10n xliff export` writes in it is
    ignored as a new project's is."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    checked = _git(REPO, "check-ignore", "xliff/fr/summit/overview.xlf", "tests/xliff/x.py")
    assert checked.stdout.split() == ["xliff/fr/summit/overview.xlf"]


def test_a_bad_language_is_one_line_and_writes_nothing(tmp_path):
    root = tmp_path / "p"
    result = l10n("init", str(root), "--source-language", "xx", "--yes", expect=2)
    assert "--source-language" in result.output
    assert not root.exists() or _tree(root) == {}


def test_the_starter_glossary_is_valid_tbx_basic(tmp_path):
    if not RNG.is_file():
        pytest.skip("../shared/testdata is not beside the checkout")
    root = tmp_path / "p"
    l10n("init", str(root), "--yes")
    l10n("-C", str(root), "glossary", "validate", "--schema", str(RNG))


def test_the_hook_and_workflow_files_are_yaml_with_the_l10n_commands(tmp_path):
    yaml = pytest.importorskip("yaml")
    root = tmp_path / "p"
    l10n("init", str(root), "--po-dir", "catalogues", "--yes")
    hooks = yaml.safe_load((root / ".pre-commit-config.yaml").read_text("utf-8"))
    entries = {h["id"]: h for h in hooks["repos"][0]["hooks"]}
    assert entries["l10n-extract-check"]["entry"] == "l10n extract --check"
    assert entries["l10n-check"]["files"] == r"^catalogues/.*\.po$"
    workflow = yaml.safe_load((root / ".github" / "workflows" / "l10n.yml").read_text("utf-8"))
    runs = [step.get("run") for step in workflow["jobs"]["l10n"]["steps"]]
    assert "l10n extract --check" in runs and "l10n build" in runs
