"""[tool.l10n] settings: defaults, discovery, and one clear error for each mistake."""

from __future__ import annotations

import pytest

from l10n.config import load_config
from l10n.errors import ConfigError


def test_defaults_match_the_repository_layout(make_project):
    root = make_project({})
    config = load_config(root)
    assert config.source_language == "en"
    assert config.languages == ("ar", "en", "es", "fr", "ru", "zh")
    assert config.target_languages == ("ar", "es", "fr", "ru", "zh")
    assert config.source_dir == root.resolve() / "source"
    assert config.po_dir == root.resolve() / "po"


def test_found_from_a_subfolder(make_project):
    root = make_project({"source/summit/a.txt": "Doha"})
    assert load_config(root / "source" / "summit").root == root.resolve()


def test_another_source_language(make_project):
    root = make_project({}, 'source-language = "zh"\nlanguages = ["zh", "en", "fr"]\n')
    config = load_config(root)
    assert config.source_language == "zh" and config.target_languages == ("en", "fr")


@pytest.mark.parametrize(
    "settings,message,line",
    [
        ('colour = "blue"\n', "unknown setting [tool.l10n] 'colour'", 6),
        ('languages = ["en", "xx"]\n', "unknown language code 'xx'", 6),
        ('languages = ["en", "fr", "fr"]\n', "twice", 6),
        ('source-dir = "../elsewhere"\n', "outside the project", 6),
        ('[tool.l10n.checks]\nskip = ["x"]\n', "unknown setting [tool.l10n.checks] 'skip'", 7),
        ('languages = "en"\n', "non-empty list", 6),
    ],
    ids=["unknown-key", "unknown-language", "duplicate-language", "outside", "checks-key", "not-a-list"],
)
def test_bad_settings_name_the_file_and_line(make_project, settings, message, line):
    root = make_project({}, settings)
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert message in caught.value.message
    assert caught.value.path.endswith("pyproject.toml") and caught.value.line == line


def test_broken_toml_is_reported(make_project):
    root = make_project({}, "languages = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(root)
