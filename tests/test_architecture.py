"""Imports run one way (docs/architecture.md): the foundations at the bottom, the commands on
top, and nothing reaching up into a higher layer, into a command module or into cli/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "l10n"

# Each part of l10n and its layer; a module may import its own part and lower layers only.
LAYERS = {
    "l10n": 0,  # the package itself: __version__ and the lazy public names
    "l10n.errors": 0, "l10n.model": 0, "l10n.locales": 0, "l10n.house_style": 0,
    "l10n.util": 0,
    "l10n.config": 1,
    "l10n.formats": 2, "l10n.segment": 2, "l10n.catalog": 2,
    "l10n.glossary": 3,
    "l10n.checks": 4, "l10n.project": 4,
    "l10n.bundle": 5, "l10n.tm": 5, "l10n.xliff": 5,
}
TOP = {"l10n.cli", "l10n.__main__"}  # commands (*.commands) are on top too


def part(module: str) -> str:
    """The entry of LAYERS (or TOP) that ``module`` belongs to."""
    for name in sorted(LAYERS.keys() | TOP, key=len, reverse=True):
        if module == name or module.startswith(name + "."):
            return name
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def is_top(module: str) -> bool:
    return part(module) in TOP or module.rsplit(".", 1)[-1] == "commands"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, text: str) -> list[tuple[int, str]]:
    """(line, module) for every l10n module that ``path`` imports, wherever the import is
    (inside functions too); ``from X import name`` counts X.name when that is a module."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            for alias in node.names:
                candidate = PACKAGE.parent / (target + "." + alias.name).replace(".", "/")
                if candidate.is_dir() or candidate.with_suffix(".py").is_file():
                    found.append((node.lineno, f"{target}.{alias.name}"))
    return [(line, name) for line, name in found if name == "l10n" or name.startswith("l10n.")]


def violations(path: Path, text: str | None = None) -> list[str]:
    source = module_name(path)
    bad = []
    for line, target in imports(path, path.read_text("utf-8") if text is None else text):
        where = f"{path.relative_to(PACKAGE.parent)}:{line}: {source} imports {target}"
        if part(source) != "l10n.cli" and (target.startswith("l10n.cli.app") or (
                target.startswith("l10n.cli") and not is_top(source))):
            bad.append(f"{where}: only commands use the command line's helpers")
        elif is_top(target) and not is_top(source):
            bad.append(f"{where}: only commands and the lazy table import a command module")
        elif is_top(source) or part(target) == part(source):
            continue
        elif LAYERS[part(target)] > LAYERS[part(source)] or (
                LAYERS[part(target)] == LAYERS[part(source)] > 0):
            bad.append(f"{where}: {part(target)} is not below {part(source)}")
    return bad


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_run_one_way(path):
    assert violations(path) == []


@pytest.mark.parametrize(("module", "text", "reason"), [
    ("catalog/po.py", "from ..checks.runner import run\n", "l10n.checks is not below l10n.catalog"),
    ("formats/html.py", "def f():\n    from ..segment import segment_spans\n",
     "l10n.segment is not below l10n.formats"),
    ("checks/runner.py", "from ..cli.support import project\n", "only commands use"),
    ("bundle/build.py", "from ..project.commands import update\n", "only commands"),
], ids=["upward", "sideways-inside-a-function", "into-cli", "into-a-command"])
def test_the_rule_catches_what_it_should(module, text, reason):
    """The checker itself: each kind of wrong import is reported, with its line."""
    found = violations(PACKAGE / module, text)
    assert len(found) == 1 and reason in found[0], found


def test_every_part_has_a_layer():
    for path in MODULES:
        part(module_name(path))
