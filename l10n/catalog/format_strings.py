"""Format strings as ``msgfmt --check`` reads them: the directives of C, Python and Python
brace formats, and whether a translation keeps its source's.

Used wherever a translation comes from elsewhere than a translator's editor (merge's fuzzy
guesses, the translation memory, an XLIFF file): one that msgfmt would refuse is taken as
fuzzy, never written as a finished translation.
"""

from __future__ import annotations

import re

import polib


_C_DIRECTIVE = re.compile(r"%(?:(\d+)\$)?[-+ #0'I]*(\d+|\*)?(?:\.(\d*|\*))?"
                          r"(hh|h|ll|l|L|q|j|z|Z|t)?(.?)", re.S)
_C_TYPES = {**dict.fromkeys("di", "int"), **dict.fromkeys("ouxX", "unsigned"),
            **dict.fromkeys("eEfFgGaA", "float"), "c": "char", "s": "string", "p": "pointer",
            "n": "count"}
# Python %-directives: %[(name)][flags][width][.precision][length]conversion
_PY_DIRECTIVE = re.compile(r"%(?:\(([^)]*)\))?[-+ #0]*(\d+|\*)?(?:\.(\d*|\*))?[hlL]?(.?)", re.S)
_PY_TYPES = {**dict.fromkeys("diouxX", "integer"), **dict.fromkeys("eEfFgG", "float"),
             "c": "char", "s": "string", "r": "repr", "a": "ascii"}


def format_kinds(flags: list[str]) -> set[str]:
    """The languages the flags say the message is (or may be) a format string of."""
    return {f.removeprefix("possible-")[:-len("-format")] for f in flags
            if f.endswith("-format") and not f.startswith("no-")}


def _c_signature(text: str) -> dict[int, str] | None:
    """Argument number -> type of each printf directive; None when not checkable here."""
    arguments: dict[int, str] = {}
    sequential = positional = 0
    for found in _C_DIRECTIVE.finditer(text):
        number, width, precision, length, conversion = found.groups()
        if conversion == "%" and not (number or width or precision or length):
            continue
        if conversion == "m" and not (number or length):
            continue  # glibc's strerror(errno): takes no argument
        if conversion not in _C_TYPES or "*" in (width or "") + (precision or ""):
            return None
        if number:
            positional, index = positional + 1, int(number)
        else:
            sequential += 1
            index = sequential
        kind = (length or "") + _C_TYPES[conversion]
        if arguments.setdefault(index, kind) != kind:
            return None
    return None if positional and sequential else arguments


def _python_signature(text: str) -> tuple[dict[str, str], list[str]] | None:
    """Named and unnamed %-directives with their types; None when not checkable here."""
    named: dict[str, str] = {}
    unnamed: list[str] = []
    for found in _PY_DIRECTIVE.finditer(text):
        name, width, precision, conversion = found.groups()
        if conversion == "%" and name is None and not (width or precision):
            continue
        if conversion not in _PY_TYPES or "*" in (width or "") + (precision or ""):
            return None
        if name is not None:
            if named.setdefault(name, _PY_TYPES[conversion]) != _PY_TYPES[conversion]:
                return None
        else:
            unnamed.append(_PY_TYPES[conversion])
    return None if named and unnamed else (named, unnamed)


def _brace_signature(text: str) -> list[str] | None:
    """The fields of a Python ``str.format`` string (``{name.attr:spec}``, ``{0}``), compared
    whole as msgfmt 0.21 compares them; None when not checkable here (a stray brace, an
    automatic ``{}``, a ``!r`` conversion, a nested field)."""
    fields: set[str] = set()
    position = 0
    while (found := _BRACE.search(text, position)) is not None:
        position = found.end()
        if found.group() in ("{{", "}}"):
            continue
        if found.group() == "}":
            return None
        end = text.find("}", position)
        field = text[position:end]
        if end < 0 or not field or "{" in field or "!" in field:
            return None  # unterminated, automatic, a conversion, a nested field in the spec
        fields.add(field)
        position = end + 1
    return sorted(fields)


_BRACE = re.compile(r"\{\{|\}\}|\{|\}")
SIGNATURES = {"c": _c_signature, "python": _python_signature, "python-brace": _brace_signature}


def translation_forms(entry: polib.POEntry) -> list[str]:
    """The translation: [msgstr], or every plural form in order."""
    if entry.msgid_plural:
        return [entry.msgstr_plural.get(i, "") for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def has_translation(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def satisfies(kind: str, entry: polib.POEntry) -> bool:
    """Whether the translation passes ``msgfmt --check`` as a ``kind``-format string.

    Only C, Python and Python brace formats are checked here, strictly (the same directives, of the same
    types); a translation of any other format, or with directives too unusual to check, counts
    as not satisfying, so the entry is marked fuzzy rather than written for msgfmt to refuse.
    """
    signature = SIGNATURES.get(kind)
    if signature is None:
        return not has_translation(entry)
    sources = [signature(entry.msgid)]
    if entry.msgid_plural:
        sources.append(signature(entry.msgid_plural))
        texts = [t for t in entry.msgstr_plural.values() if t]
    else:
        texts = [entry.msgstr] if entry.msgstr else []
    return all(signature(text) is not None and signature(text) in sources for text in texts)


def satisfies_formats(entry: polib.POEntry) -> bool:
    """Whether the entry's translation passes ``msgfmt --check`` for every format its flags
    name (see ``_satisfies``; for code that fills translations from elsewhere, such as the
    translation memory)."""
    return all(satisfies(kind, entry) for kind in format_kinds(entry.flags))


def msgfmt_problem(entry: polib.POEntry) -> str | None:
    """Why ``msgfmt --check`` would refuse this translated entry, or None."""
    sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
    if entry.msgid_plural and not all(translation_forms(entry)):
        return "not every plural form is translated"  # msgfmt checks the empty ones too
    for text in translation_forms(entry):
        if not text:
            continue
        for end, name in ((0, "begin"), (-1, "end")):
            if (sources[0][end:][:1] == "\n") != (text[end:][:1] == "\n"):
                return f"the source and the translation do not both {name} with a newline"
    for kind in sorted(format_kinds(entry.flags)):
        if not _formats_match(kind, entry):
            return f"the translation does not have the source's {kind}-format directives"
    return None


def _formats_match(kind: str, entry: polib.POEntry) -> bool:
    """Whether every form has the same directives as its source, as msgfmt --check wants:
    msgstr as msgid; msgstr[0] as msgid or msgid_plural, every other form as msgid_plural.
    (merge's own check lets any form match either source.) A format l10n cannot read
    (other than C, Python and Python brace) never matches."""
    signature = SIGNATURES.get(kind)
    if signature is None:
        return False
    if not entry.msgid_plural:
        return signature(entry.msgstr) is not None and (
            signature(entry.msgstr) == signature(entry.msgid))
    plural = signature(entry.msgid_plural)
    for index, text in enumerate(translation_forms(entry)):
        found = signature(text)
        if found is None or (found != plural and (index or found != signature(entry.msgid))):
            return False
    return True
