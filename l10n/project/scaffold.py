"""``l10n init``: a new project in an empty folder (or beside an existing pyproject.toml).

It writes, and refuses to overwrite anything:

- the ``[tool.l10n]`` table, in pyproject.toml (appended to one that has no such table yet,
  else a new file holding only that table);
- the source, catalogue and glossary folders (with a hidden ``.gitkeep``, which the source scan
  skips), and a starter glossary in TBX v3 with one concept in the six official languages;
- ``.gitignore`` lines for the output folder, the folder ``l10n xliff export`` writes to by
  default and the project lock (appended, never replaced);
- ``.pre-commit-config.yaml`` with hooks that check the catalogues, fail when the templates are
  stale (``extract --check``) and validate the glossary;
- ``.github/workflows/l10n.yml``, a CI example: the same checks, SARIF for code scanning and the
  bundles as artefacts.

``l10n extract && l10n update`` then works at once, whatever the source language.
"""

from __future__ import annotations

from pathlib import Path

from ..config import holds_settings
from ..errors import ConfigError
from ..util.fs import atomic_write

XLIFF_DIR = "xliff"  # where ``l10n xliff export`` writes when not told (-o)

SETTINGS = """[tool.l10n]
source-language = "{source}"
languages = [{languages}]
source-dir = "{source_dir}"
po-dir = "{po_dir}"
glossary-dir = "{glossary_dir}"
output-dir = "{output_dir}"
"""

PRE_COMMIT = """# pre-commit hooks for a l10n project (https://pre-commit.com): `pre-commit install`.
# They run the l10n installed in the environment (language: system); the same hooks, with
# their own l10n, come from l10n's repository (its .pre-commit-hooks.yaml; see its docs/ci.md).
repos:
  - repo: local
    hooks:
      - id: l10n-extract-check
        name: l10n templates match the sources
        entry: l10n extract --check
        language: system
        pass_filenames: false
        files: ^{source_dir}/
      - id: l10n-check
        name: l10n check (changed catalogues)
        entry: l10n check
        language: system
        files: ^{po_dir}/.*\\.po$
        exclude: ^{po_dir}/\\.obsolete/
        require_serial: true
      - id: l10n-glossary
        name: l10n glossary validate
        entry: l10n glossary validate
        language: system
        pass_filenames: false
        files: ^{glossary_dir}/
"""

WORKFLOW = """# CI for a l10n project (docs/ci.md in l10n's repository): templates current, glossary
# valid, catalogues checked (SARIF to code scanning), bundles built and kept as artefacts.
name: l10n
on: [push, pull_request]
permissions:
  contents: read
  security-events: write
env:
  # Where l10n is installed from: its git repository and a tag. (The package named "l10n" on
  # PyPI is another project: `pip install l10n` would not install this one.)
  L10N: "l10n @ git+https://github.com/OWNER/l10n@v0.1.0"
jobs:
  l10n:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: sudo apt-get update && sudo apt-get install -y gettext
      - run: pip install "$L10N"
      - run: l10n extract --check
      - run: l10n glossary validate
      - run: l10n check --format sarif --output l10n.sarif --fail-on error
      - uses: github/codeql-action/upload-sarif@v3
        if: always() && hashFiles('l10n.sarif') != ''
        with:
          sarif_file: l10n.sarif
          category: l10n
      - run: l10n build
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: bundles
          path: {output_dir}/
          if-no-files-found: ignore
"""


def starter_glossary(languages: tuple[str, ...]):
    """One concept, the United Nations, in the official languages among ``languages`` (the
    names as the Organization writes them), for terminologists to add to."""
    from ..glossary.model import Concept, Glossary, Status, Term

    names = {"ar": ["الأمم المتحدة"], "en": ["United Nations"], "es": ["Naciones Unidas"],
             "fr": ["Organisation des Nations Unies", "Nations Unies"],
             "ru": ["Организация Объединенных Наций"], "zh": ["联合国"]}
    glossary = Glossary(title="Project terminology")
    concept = glossary.add(Concept("BODY-UN", "body"))
    for lang in languages:
        for number, text in enumerate(names.get(lang, ())):
            concept.section(lang).terms.append(
                Term(text, Status.PREFERRED if number == 0 else Status.ADMITTED))
    return glossary


def _settings_text(pyproject: Path, settings: str) -> str:
    """pyproject.toml with the [tool.l10n] table: appended to the file, or a new file."""
    if holds_settings(pyproject):
        raise ConfigError("already an l10n project ([tool.l10n] is there); init writes nothing",
                          path=pyproject)
    if not pyproject.exists():
        return settings
    text = pyproject.read_text("utf-8")
    return text + ("" if text.endswith("\n") or not text else "\n") + "\n" + settings


def _gitignore_text(path: Path, lines: list[str]) -> str | None:
    """.gitignore with ``lines`` added where missing (None when nothing is missing)."""
    text = path.read_text("utf-8") if path.exists() else ""
    have = {line.strip() for line in text.splitlines()}
    missing = [line for line in dict.fromkeys(lines) if line not in have]
    if not missing:
        return None
    head = text + ("" if text.endswith("\n") or not text else "\n")
    return head + "# l10n: bundles, XLIFF exchange files and the project lock\n" + "".join(
        f"{m}\n" for m in missing)


def plan_project(root: Path, source: str, langs: tuple[str, ...],
                 folders: dict[str, str]) -> dict[Path, str | bytes]:
    """What ``l10n init`` writes in ``root``, as path -> content; a ConfigError, before anything
    is written, when one of the files exists (pyproject.toml gets a [tool.l10n] table added).
    ``folders``: source_dir, po_dir, glossary_dir and output_dir, relative to ``root``."""
    if source not in langs:
        langs = (source, *langs)
    settings = SETTINGS.format(source=source, languages=", ".join(f'"{c}"' for c in langs),
                               **folders)
    plan: dict[Path, str | bytes] = {root / "pyproject.toml": _settings_text(root / "pyproject.toml",
                                                                            settings)}
    for name in (folders["source_dir"], folders["po_dir"]):
        plan[root / name / ".gitkeep"] = ""
    from ..glossary.store import dump_glossary

    plan[root / folders["glossary_dir"] / "glossary.tbx"] = dump_glossary(starter_glossary(langs))
    plan[root / ".pre-commit-config.yaml"] = PRE_COMMIT.format(**folders)
    plan[root / ".github" / "workflows" / "l10n.yml"] = WORKFLOW.format(**folders)
    existing = [path for path in plan if path.exists() and path.name != "pyproject.toml"]
    if existing:
        raise ConfigError(f"{existing[0].relative_to(root)} exists; init overwrites nothing "
                          f"and wrote nothing", path=root)
    output_dir = folders["output_dir"]
    ignore = _gitignore_text(root / ".gitignore", [f"/{output_dir.strip('/')}/", f"/{XLIFF_DIR}/",
                                                   ".l10n.lock"])
    if ignore is not None:
        plan[root / ".gitignore"] = ignore
    return plan


def write_project(plan: dict[Path, str | bytes]) -> None:
    """Write what ``plan_project`` planned (everything was checked first: a refusal wrote
    nothing)."""
    for path, data in plan.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
