"""docs/ci.md shows the workflow and the pre-commit configuration `l10n init` writes, and
they are valid YAML that runs the gates in order."""

from __future__ import annotations

import re

import pytest

from l10n.project.scaffold import PRE_COMMIT, WORKFLOW
from support import REPO

yaml = pytest.importorskip("yaml")
DOC = (REPO / "docs" / "ci.md").read_text("utf-8")


def yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC, re.S)


def test_the_documented_workflow_is_the_one_init_writes():
    assert WORKFLOW.format(output_dir="dist") in yaml_blocks()


def test_the_documented_local_hooks_are_the_ones_init_writes():
    assert PRE_COMMIT.format(source_dir="source", po_dir="po", glossary_dir="glossary") \
        in yaml_blocks()


def test_the_workflow_checks_uploads_sarif_and_keeps_the_bundles():
    workflow = yaml.safe_load(WORKFLOW.format(output_dir="dist"))
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["l10n"]["steps"]
    runs = [step.get("run") or step["uses"].split("@")[0] for step in steps]
    order = ["l10n extract --check", "l10n glossary validate",
             "l10n check --format sarif --output l10n.sarif --fail-on error",
             "github/codeql-action/upload-sarif", "l10n build", "actions/upload-artifact"]
    assert [run for run in runs if run in order] == order
    upload = steps[runs.index("github/codeql-action/upload-sarif")]
    assert upload["with"]["sarif_file"] == "l10n.sarif" and "always()" in upload["if"]
    assert steps[runs.index("actions/upload-artifact")]["with"]["path"] == "dist/"
    assert "pip install l10n" not in runs  # PyPI's "l10n" is another project


def test_the_documented_hook_repository_names_every_published_hook():
    published = {hook["id"] for hook in
                 yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    remote = next(yaml.safe_load(block) for block in yaml_blocks() if "rev:" in block)
    assert {hook["id"] for hook in remote["repos"][0]["hooks"]} == published
