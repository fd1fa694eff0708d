"""l10n: carry United Nations texts into Arabic, Chinese, English, French, Russian and Spanish.

The command line (``l10n``) is built on this API, which scripts and Sphinx, MkDocs or Django
integrations can use directly (docs/api.md has examples). Every name below is imported from
``l10n`` itself and stays there; the modules behind them may move.

Project and pipeline:
    load_config(directory)          the [tool.l10n] settings -> ProjectConfig
    extract(config, check=False)    source/<doc> -> po/<doc>.pot, per source an ExtractResult
    orphan_templates(config, results)  templates no source makes any more
    prune(config)                   their catalogues' translations archived, then removed
    update(config, langs)           templates merged into po/<lang>/<doc>.po (UpdateResult)
    check(config, paths)            the quality checks' findings, a list of Finding
    build(config, langs, options=GateOptions(...))   the release bundles in dist/ (BuildResult)

Files and text:
    segment_text(text, lang), segment_spans(text, lang)   sentences, or their offsets
    read_po(path), write_po(catalogue, path)   PO files as gettext writes them
    merge_files(old, template, out)  msgmerge for one pair of files (MergeReport)
    merge_catalogue(old, template)   the same on catalogue objects
    load_glossary(path), lookup_terms(glossary, text, lang)   terminology

Data and errors: Finding, Severity, ProjectConfig; L10nError and its subclasses InputError,
ConfigError, WriteError and LockError (each with ``exit_code``, the command line's status).
"""

from __future__ import annotations

__version__ = "0.1.0"

from .locales import OFFICIAL_LANGUAGES

# name -> (module, attribute). Imported on first use, so that `import l10n` (and the command
# line's start-up) stays cheap.
_LAZY = {
    "segment_text": ("segment", "segment_text"),
    "segment_spans": ("segment", "segment_spans"),
    "load_config": ("config", "load_config"),
    "ProjectConfig": ("config", "ProjectConfig"),
    "extract": ("project.extract", "extract"),
    "orphan_templates": ("project.extract", "orphan_templates"),
    "prune": ("project.prune", "prune"),
    "update": ("project.update", "update"),
    "merge_files": ("project.update", "merge_files"),
    "merge_catalogue": ("catalog.merge", "merge_catalogue"),
    "read_po": ("catalog.po", "read_po"),
    "write_po": ("catalog.po", "write_po"),
    "check": ("checks.runner", "check"),
    "build": ("bundle.build", "build"),
    "GateOptions": ("bundle.gates", "GateOptions"),
    "load_glossary": ("glossary.store", "load_glossary"),
    "lookup_terms": ("glossary.lookup", "lookup"),
    "Finding": ("model", "Finding"),
    "Severity": ("model", "Severity"),
    "L10nError": ("errors", "L10nError"),
    "InputError": ("errors", "InputError"),
    "ConfigError": ("errors", "ConfigError"),
    "WriteError": ("errors", "WriteError"),
    "LockError": ("errors", "LockError"),
}

__all__ = ["OFFICIAL_LANGUAGES", "__version__", *sorted(_LAZY)]


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        module, attribute = _LAZY[name]
        value = getattr(import_module(f".{module}", __name__), attribute)
        globals()[name] = value  # looked up once
        return value
    raise AttributeError(f"module 'l10n' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
