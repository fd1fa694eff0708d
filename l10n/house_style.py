"""House styles: a project's punctuation conventions per language, as data.

A house style is a JSON object keyed by language (``zh``, ``fr``, ``ru``...), each holding the
conventions the punctuation checks read: which ASCII marks Chinese text writes full-width and
which it may write in either width, which marks take a no-break space in French and with which
spaces, which quotation marks (outer and inner) a language uses. The built-in styles live in
``l10n/data/house/<name>.json``; ``un`` (United Nations documents) is the default. A project can name
its own file (``house-style = "style/house.json"``) that ``extends`` a built-in style and replaces
the languages or keys it lists.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

DEFAULT = "un"
NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


def builtin_styles() -> tuple[str, ...]:
    """The names of the styles that ship with l10n."""
    folder = resources.files("l10n").joinpath("data", "house")
    return tuple(sorted(item.name[:-5] for item in folder.iterdir() if item.name.endswith(".json")))


@lru_cache(maxsize=None)
def _builtin(name: str) -> dict:
    text = resources.files("l10n").joinpath("data", "house", f"{name}.json").read_text("utf-8")
    return json.loads(text)


class StyleError(ValueError):
    """A house style that cannot be used; the message says why."""


def resolve(spec: str, root: Path) -> Path | None:
    """The project file a ``house-style`` value names (None for a built-in style name);
    StyleError for a name that is neither."""
    if spec.endswith(".json"):
        return (root / spec).resolve()
    if NAME.fullmatch(spec) and spec in builtin_styles():
        return None
    raise StyleError(f"unknown house style {spec!r}; built-in styles: "
                     f"{', '.join(builtin_styles())}, or a path to a .json file of the project")


@lru_cache(maxsize=64)
def load(spec: str = DEFAULT, file: Path | None = None) -> dict:
    """The style's conventions per language: a built-in style by name, or a project file
    (``file``) merged over the style it ``extends`` (default ``un``), language by language."""
    if file is None:
        return _builtin(spec)
    try:
        own = json.loads(file.read_text("utf-8"))
    except OSError as exc:
        raise StyleError(f"house style {str(file)!r} cannot be read: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StyleError(f"house style {str(file)!r} is not valid JSON: {exc}") from None
    if not isinstance(own, dict) or not all(
            isinstance(value, (dict, str)) for value in own.values()):
        raise StyleError(f"house style {str(file)!r} must be a JSON object of languages")
    base_name = own.get("extends", DEFAULT)
    if not isinstance(base_name, str) or base_name not in builtin_styles():
        raise StyleError(f"house style {str(file)!r} extends unknown style {base_name!r}; "
                         f"built-in styles: {', '.join(builtin_styles())}")
    merged = {lang: dict(rules) for lang, rules in _builtin(base_name).items()
              if isinstance(rules, dict)}
    for lang, rules in own.items():
        if isinstance(rules, dict):
            merged[lang] = {**merged.get(lang, {}), **rules}
    return merged


def for_lang(style: dict, lang: str) -> dict:
    """The conventions of one language (an empty dict when the style has none)."""
    rules = style.get(lang)
    return rules if isinstance(rules, dict) else {}
