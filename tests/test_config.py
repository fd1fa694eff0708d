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
        ('markdown-front-matter = "title"\n', "markdown-front-matter must be a list", 6),
        ('languages = ["en"]\nmarkdown-front-matter = ["title", 3]\n', "front matter key names", 7),
    ],
    ids=["unknown-key", "unknown-language", "duplicate-language", "outside", "checks-key", "not-a-list",
         "front-matter-not-a-list", "front-matter-not-a-name"],
)
def test_bad_settings_name_the_file_and_line(make_project, settings, message, line):
    root = make_project({}, settings)
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert message in caught.value.message
    assert caught.value.path.endswith("pyproject.toml") and caught.value.line == line


def test_markdown_front_matter_keys(make_project):
    assert load_config(make_project({})).markdown_front_matter == ("title", "description")
    root = make_project({}, 'markdown-front-matter = ["summary", "title", "summary"]\n')
    assert load_config(root).markdown_front_matter == ("summary", "title")


def test_broken_toml_is_reported(make_project):
    root = make_project({}, "languages = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(root)


@pytest.mark.parametrize(
    "settings,message",
    [
        ('output-dir = "po"\n', "output-dir 'po' is the same folder as po-dir 'po'"),
        ('output-dir = "po/fr"\n', "output-dir 'po/fr' lies inside po-dir 'po'"),
        ('output-dir = "source"\n', "is the same folder as source-dir"),
        ('output-dir = "glossary/out"\n', "lies inside glossary-dir"),
        ('output-dir = "."\n', "output-dir '.' is the project folder itself"),
        ('output-dir = "source/.."\n', "is the project folder itself"),
        ('source-dir = "."\n', "source-dir '.' is the project folder itself"),
        ('po-dir = "source/po"\n', "po-dir 'source/po' lies inside source-dir 'source'"),
        ('source-dir = "po/texts"\n', "source-dir 'po/texts' lies inside po-dir 'po'"),
        ('glossary-dir = "po"\n', "glossary-dir 'po' is the same folder as po-dir 'po'"),
        ('source-dir = "dist"\n', "source-dir 'dist' is the same folder as output-dir 'dist'"),
    ],
    ids=["output-po", "output-in-po", "output-source", "output-in-glossary", "output-root",
         "output-root-dotdot", "source-root", "po-in-source", "source-in-po", "glossary-po",
         "source-output"],
)
def test_folders_that_overlap_name_the_key_and_line(make_project, settings, message):
    root = make_project({}, settings)
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert message in caught.value.message
    assert caught.value.path.endswith("pyproject.toml") and caught.value.line == 6


def test_the_key_named_is_the_one_the_file_sets(make_project):
    root = make_project({}, 'source-dir = "texts"\npo-dir = "texts/po"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert "po-dir 'texts/po' lies inside source-dir 'texts'" in caught.value.message
    assert caught.value.line == 7


def test_separate_folders_are_accepted(make_project):
    root = make_project({}, 'source-dir = "docs"\npo-dir = "l10n/po"\n'
                            'glossary-dir = "l10n/terms"\noutput-dir = "build/l10n"\n')
    config = load_config(root)
    assert config.output_dir == root.resolve() / "build" / "l10n"


def test_a_pyproject_toml_that_is_a_folder_is_an_error(tmp_path):
    root = tmp_path / "project"
    (root / "pyproject.toml").mkdir(parents=True)
    (root / "source").mkdir()
    for directory, explicit in ((root, True), (root, False), (root / "source", False)):
        with pytest.raises(ConfigError, match="is a folder, not a file") as caught:
            load_config(directory, explicit=explicit)
        assert caught.value.path == str(root / "pyproject.toml")


def test_a_pyproject_toml_that_links_to_nothing_is_an_error(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").symlink_to(root / "missing.toml")
    with pytest.raises(ConfigError, match="symbolic link to nothing"):
        load_config(root)
