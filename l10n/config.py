"""Project settings: the [tool.l10n] table of pyproject.toml, validated once.

The project is found from the working directory upwards (the first pyproject.toml that has a
[tool.l10n] table), or given with ``l10n -C DIR``. Every default matches this repository.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError

from .errors import ConfigError, InputError
from .util.fs import read_bytes, shown_path

DEFAULTS = {
    "source-language": "en",
    "languages": ["ar", "en", "es", "fr", "ru", "zh"],
    "source-dir": "source",
    "po-dir": "po",
    "glossary-dir": "glossary",
    "output-dir": "dist",
    "house-style": "un",
}
CHECK_KEYS = ("select", "ignore")
OPTIONAL = ("tm", "markdown-front-matter")  # settings without a default value: tm = "file" or a database URL
TM_URL_SCHEMES = ("postgresql://", "postgres://")  # a tm naming a PostgreSQL database


@dataclass(frozen=True)
class ProjectConfig:
    """A project's ``[tool.l10n]`` settings, folders resolved under ``root`` (``load_config``
    reads them; every command and API function takes one)."""

    root: Path
    source_language: str
    languages: tuple[str, ...]
    source_dir: Path
    po_dir: Path
    glossary_dir: Path
    output_dir: Path
    check_select: tuple[str, ...] = ()
    check_ignore: tuple[str, ...] = ()
    house_style: str = "un"  # a built-in style's name, or the project file below
    house_style_file: Path | None = None
    tm_path: Path | None = None  # [tool.l10n] tm; None: in the cache folder (l10n.tm.memory)
    tm_url: str | None = None  # [tool.l10n] tm = "postgresql://...": a shared memory
    # [tool.l10n] markdown-front-matter: the front matter keys of Markdown sources translated
    markdown_front_matter: tuple[str, ...] = ("title", "description")
    config_file: Path | None = field(default=None, compare=False)

    @property
    def target_languages(self) -> tuple[str, ...]:
        """The configured languages other than the source language, in configured order."""
        return tuple(lang for lang in self.languages if lang != self.source_language)

    def relative(self, path: Path) -> str:
        """``path`` as messages and reports show it: relative to the project, else as given."""
        return shown_path(path, self.root)


def find_project(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` whose pyproject.toml has a [tool.l10n] table."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if _settings_file(candidate) and _has_l10n_table(candidate):
            return folder
    return None


def _settings_file(path: Path) -> bool:
    """Whether ``path`` is a pyproject.toml to read: True for a regular file (or a link to
    one), False when there is nothing there, ConfigError for anything else (a folder, a
    broken link, a pipe), which would otherwise be passed over in silence and the defaults
    used (six languages' catalogues written where the project meant two)."""
    if path.is_file():
        return True
    if not os.path.lexists(path):
        return False
    if path.is_dir():
        raise ConfigError("is a folder, not a file; l10n reads its settings from this name",
                          path=path)
    if path.is_symlink() and not path.exists():
        raise ConfigError("is a symbolic link to nothing; l10n reads its settings from this name",
                          path=path)
    raise ConfigError("is not a regular file; l10n reads its settings from this name", path=path)


def holds_settings(pyproject: Path) -> bool:
    """Whether this pyproject.toml holds a [tool.l10n] table (False when there is no file;
    ConfigError when it cannot be read as settings)."""
    return _settings_file(pyproject) and _l10n_table(_read_toml(pyproject), pyproject) is not None


def _has_l10n_table(path: Path) -> bool:
    try:
        return _l10n_table(_read_toml(path), path) is not None
    except ConfigError:
        return True  # report the broken file rather than skip past it


def _l10n_table(data: dict, path: Path) -> dict | None:
    """The [tool.l10n] table of a pyproject.toml (None when there is none); a ``tool`` or an
    ``l10n`` that is not a table (``tool = 3``) is an error at its line."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError("tool must be a table ([tool])", path=path, line=_key_line(path, "tool"))
    table = tool.get("l10n")
    if table is not None and not isinstance(table, dict):
        raise ConfigError("[tool] l10n must be a table ([tool.l10n])", path=path,
                          line=_key_line(path, "l10n"))
    return table


def load_config(directory: Path | None = None, *, explicit: bool = False) -> ProjectConfig:
    """Load the project settings for ``directory`` (default: the working directory).

    With ``explicit`` (``-C DIR``) the folder itself must hold the project. A folder with no
    [tool.l10n] anywhere above it gets the defaults, rooted at the folder.
    """
    directory = (directory or Path.cwd()).resolve()
    if not directory.is_dir():
        raise ConfigError("no such project folder", path=directory)
    root = directory if explicit else (find_project(directory) or directory)
    pyproject = root / "pyproject.toml"
    table: dict = {}
    found = _settings_file(pyproject)
    if found:
        table = _l10n_table(_read_toml(pyproject), pyproject) or {}
    return _validate(root, table, pyproject if found else None)


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(read_bytes(path).decode("utf-8"))
    except InputError as exc:  # a folder, a FIFO, unreadable, too large
        raise ConfigError(exc.message, path=path) from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        raise ConfigError(f"invalid TOML: {exc}", path=path, line=line) from None
    except UnicodeDecodeError:
        raise ConfigError("not valid UTF-8", path=path) from None


def _line_from_message(message: str) -> int | None:
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


def _key_line(path: Path | None, key: str) -> int | None:
    """The line where ``key`` is written in the file, to point the user at it."""
    if path is None:
        return None
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if pattern.match(line):
            return number
    return None


def _validate(root: Path, table: dict, path: Path | None) -> ProjectConfig:
    checks = table.get("checks", {})
    for key in table:
        if key not in DEFAULTS and key != "checks" and key not in OPTIONAL:
            known = ", ".join([*DEFAULTS, "checks", *OPTIONAL])
            raise ConfigError(
                f"unknown setting [tool.l10n] {key!r}; known settings: {known}",
                path=path,
                line=_key_line(path, key),
            )
    if not isinstance(checks, dict):
        raise ConfigError("[tool.l10n] checks must be a table", path=path)
    for key in checks:
        if key not in CHECK_KEYS:
            raise ConfigError(
                f"unknown setting [tool.l10n.checks] {key!r}; known settings: select, ignore",
                path=path,
                line=_key_line(path, key),
            )
    settings = {**DEFAULTS, **table}
    source = _language(settings["source-language"], "source-language", path)
    languages = settings["languages"]
    if not isinstance(languages, list) or not languages:
        raise ConfigError("[tool.l10n] languages must be a non-empty list", path=path,
                          line=_key_line(path, "languages"))
    langs = tuple(_language(code, "languages", path) for code in languages)
    if len(set(langs)) != len(langs):
        raise ConfigError("[tool.l10n] languages lists a language twice", path=path,
                          line=_key_line(path, "languages"))
    if source not in langs:
        langs = (source, *langs)
    dirs = {}
    for key in ("source-dir", "po-dir", "glossary-dir", "output-dir"):
        value = settings[key]
        if not isinstance(value, str) or not value:
            raise ConfigError(f"[tool.l10n] {key} must be a folder name", path=path,
                              line=_key_line(path, key))
        dirs[key] = _inside(root, value, key, path)
    _check_apart(root, dirs, settings, table, path)
    style, style_file = _house_style(settings["house-style"], root, path)
    tm_url = _tm_url(table.get("tm"), path)
    tm_path = None if tm_url else _tm_path(table.get("tm"), root, dirs, path)
    return ProjectConfig(
        root=root,
        source_language=source,
        languages=langs,
        source_dir=dirs["source-dir"],
        po_dir=dirs["po-dir"],
        glossary_dir=dirs["glossary-dir"],
        output_dir=dirs["output-dir"],
        check_select=_slugs(checks.get("select", []), "select", path),
        check_ignore=_slugs(checks.get("ignore", []), "ignore", path),
        house_style=style,
        house_style_file=style_file,
        tm_path=tm_path,
        tm_url=tm_url,
        markdown_front_matter=_front_matter_keys(table, path),
        config_file=path,
    )


def _inside(root: Path, value: str, key: str, path: Path | None) -> Path:
    folder = (root / value).resolve()
    if folder != root and root not in folder.parents:
        raise ConfigError(f"[tool.l10n] {key} {value!r} lies outside the project", path=path,
                          line=_key_line(path, key))
    return folder


# The folders a project's commands write into, with what each holds (for messages). A command
# that writes into one of them must never write into another's: build replaces whole folders
# under output-dir, extract and update write under po-dir, the glossary commands under
# glossary-dir, and everything under source-dir is read as a source or copied into every bundle.
FOLDERS = {"output-dir": "bundles", "po-dir": "catalogues", "glossary-dir": "glossary",
           "source-dir": "sources"}


def _check_apart(root: Path, dirs: dict[str, Path], settings: dict, table: dict,
                 path: Path | None) -> None:
    """Refuse configured folders that are the project folder itself, or that are the same as,
    inside or around one another: ``output-dir = "po"`` would make ``l10n build`` replace each
    language's catalogues with its bundle, ``po-dir`` inside ``source-dir`` would publish the
    catalogues as assets of every bundle.

    The key named is the one the file sets (of two, the first of FOLDERS), with its line.
    """
    keys = list(FOLDERS)
    for key in keys:
        if dirs[key] == root:
            raise ConfigError(f"[tool.l10n] {key} {settings[key]!r} is the project folder itself; "
                              f"give the {FOLDERS[key]} a folder of their own", path=path,
                              line=_key_line(path, key))
    for index, first in enumerate(keys):
        for second in keys[index + 1:]:
            blame_second = second in table and first not in table
            key, other = (second, first) if blame_second else (first, second)
            mine, theirs = dirs[key], dirs[other]
            if mine == theirs:
                relation = "is the same folder as"
            elif theirs in mine.parents:
                relation = "lies inside"
            elif mine in theirs.parents:
                relation = "contains"
            else:
                continue
            raise ConfigError(
                f"[tool.l10n] {key} {settings[key]!r} {relation} {other} {settings[other]!r}; "
                f"the {FOLDERS[key]} and the {FOLDERS[other]} need folders of their own",
                path=path, line=_key_line(path, key))


def _house_style(value: object, root: Path, path: Path | None) -> tuple[str, Path | None]:
    """The ``house-style`` setting: a built-in style's name ("un") or a project .json file that
    extends one, checked now (the file read) so that a typo fails here, at its line."""
    from . import house_style as house

    line = _key_line(path, "house-style")
    if not isinstance(value, str) or not value:
        raise ConfigError("[tool.l10n] house-style must be a style name or a .json file",
                          path=path, line=line)
    try:
        file = house.resolve(value, root)
        if file is not None:
            _inside(root, value, "house-style", path)
            house.load(value, file)
    except house.StyleError as exc:
        raise ConfigError(f"[tool.l10n] house-style: {exc}", path=path, line=line) from None
    return value, file


def _tm_url(value: object, path: Path | None) -> str | None:
    """The ``tm`` setting when it names a database: a postgresql:// URL (another scheme is
    refused rather than taken for a file name)."""
    if not isinstance(value, str) or "://" not in value:
        return None
    if value.lower().startswith(TM_URL_SCHEMES):
        return value
    scheme = value.split("://", 1)[0]
    raise ConfigError(f"[tool.l10n] tm: {scheme}:// is not a memory l10n can use; name a file "
                      f"or a postgresql:// URL", path=path, line=_key_line(path, "tm"))


def _tm_path(value: object, root: Path, dirs: dict[str, Path], path: Path | None) -> Path | None:
    """The ``tm`` setting: the translation memory's file, relative to the project folder, and
    outside the folders l10n publishes or replaces (source, catalogue, output)."""
    if value is None:
        return None
    line = _key_line(path, "tm")
    if not isinstance(value, str) or not value:
        raise ConfigError("[tool.l10n] tm must be a file name", path=path, line=line)
    file = (root / os.path.expanduser(value)).resolve()
    for key in ("source-dir", "po-dir", "output-dir"):
        if dirs[key] == file or dirs[key] in file.parents:
            raise ConfigError(f"[tool.l10n] tm {value!r} lies inside {key}; give the translation "
                              f"memory a place of its own", path=path, line=line)
    return file


def _front_matter_keys(table: dict, path: Path | None) -> tuple[str, ...]:
    """The ``markdown-front-matter`` setting: a list of top-level YAML key names."""
    key = "markdown-front-matter"
    if key not in table:
        return ProjectConfig.markdown_front_matter
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"[tool.l10n] {key} must be a list of front matter key names "
                          f'(["title", "description"])', path=path, line=_key_line(path, key))
    return tuple(dict.fromkeys(value))


def _slugs(value: object, key: str, path: Path | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"[tool.l10n.checks] {key} must be a list of check slugs", path=path,
                          line=_key_line(path, key))
    return tuple(value)


def validate_language(code: object, what: str = "language") -> str:
    """A language code Babel/CLDR knows (``zh``, ``zh_Hans``, ``pt-BR``), normalised to ``_``."""
    return _language(code, what, None)


def _language(code: object, key: str, path: Path | None) -> str:
    if not isinstance(code, str) or not re.fullmatch(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*", code):
        raise ConfigError(f"{key}: {code!r} is not a language code", path=path,
                          line=_key_line(path, key) if path else None)
    normalised = code.replace("-", "_")
    try:
        Locale.parse(normalised)
    except (UnknownLocaleError, ValueError):
        raise ConfigError(f"{key}: unknown language code {code!r}", path=path,
                          line=_key_line(path, key) if path else None) from None
    return normalised
