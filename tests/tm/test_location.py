"""Where the memory lives: [tool.l10n] tm, else the cache folder."""

from __future__ import annotations

import pytest

from l10n.config import load_config
from l10n.errors import ConfigError
from l10n.tm.memory import memory_path


def test_a_configured_file_relative_to_the_project(make_project):
    root = make_project({}, 'tm = "memory/project.sqlite"\n')
    assert memory_path(load_config(root, explicit=True)) == root / "memory" / "project.sqlite"


@pytest.mark.parametrize("value", ["po/tm.sqlite", "source/tm.sqlite", "dist/x/tm.sqlite"])
def test_a_file_where_l10n_writes_or_publishes_is_refused(make_project, value):
    root = make_project({}, f'tm = "{value}"\n')
    with pytest.raises(ConfigError, match="lies inside") as caught:
        load_config(root, explicit=True)
    assert caught.value.line == 6  # the line of tm = ...


def test_by_default_in_the_cache_folder(make_project, monkeypatch, tmp_path):
    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path / "cache"))
    root = make_project({})
    path = memory_path(load_config(root, explicit=True))
    assert path.parent == tmp_path / "cache" / "tm" and path.name.startswith("project-")
    monkeypatch.setenv("L10N_NO_CACHE", "1")
    with pytest.raises(ConfigError, match=r"\[tool.l10n\] tm"):
        memory_path(load_config(root, explicit=True))
