"""Format strings as ``msgfmt --check`` reads them: the directives of C, Python and Python
brace formats, and whether a translation keeps its source's.

Used wherever a translation comes from elsewhere than a translator's editor (merge's fuzzy
guesses, the translation memory, an XLIFF file): one that msgfmt would refuse is taken as
fuzzy, never written as a finished translation.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

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


_PLURAL_FORMS = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+)")


class PluralUse:
    """Which values of n each plural form of a catalogue serves (its Plural-Forms, or
    gettext's default: form 0 for n == 1, form 1 for the rest).

    A form that serves many values (more than 5 of n = 0..1000, as gettext counts) must have
    exactly msgid_plural's directives; a form for one or two values ("one file", n == 1) may
    leave some out. With a ``range:`` flag, only the values of n in the range count."""

    def __init__(self, header: str = ""):
        found = _PLURAL_FORMS.search(header or "")
        self.rule, self.nplurals = (lambda n: int(n != 1)), 2
        if found is not None:
            try:
                rule, nplurals = gettext.c2py(found.group(2).strip()), int(found.group(1))
                rule(0)
                self.rule, self.nplurals = rule, nplurals
            except (ValueError, SyntaxError, ZeroDivisionError, RecursionError, TypeError):
                pass
        counts = [0] * self.nplurals
        for n in range(1001):
            form = self._form(n)
            if form is not None:
                counts[form] += 1
        self.frequent = tuple(count > 5 for count in counts)

    def _form(self, n: int) -> int | None:
        try:
            form = int(self.rule(n))
        except (ZeroDivisionError, RecursionError, TypeError, ValueError):
            return None
        return form if 0 <= form < self.nplurals else None

    def serves_many(self, form: int, span: tuple[int, int] | None = None) -> bool:
        if span is None:
            return form < len(self.frequent) and self.frequent[form]
        values = range(max(span[0], 0), min(span[1], 1000) + 1)
        return sum(1 for n in values if self._form(n) == form) > 1


DEFAULT_USE = PluralUse()


@lru_cache(maxsize=64)
def _use(header: str) -> PluralUse:
    return PluralUse(header)


def plural_use(catalogue: polib.POFile) -> PluralUse:
    """The catalogue's PluralUse (cached by its Plural-Forms header)."""
    return _use(catalogue.metadata.get("Plural-Forms", ""))


def _within(found, wanted) -> bool:
    """Whether the directives ``found`` are some of ``wanted`` (msgfmt's relaxed check): each
    with the same type; Python's unnamed ones all of the source's, as msgfmt counts them
    even here (they take one tuple of arguments, used whole: "one file" for "%d files" is
    refused in python-format, allowed in c-format)."""
    if isinstance(found, dict):  # C: argument number -> type
        return all(wanted.get(number) == kind for number, kind in found.items())
    if isinstance(found, tuple):  # Python %: named, unnamed
        return (all(wanted[0].get(name) == kind for name, kind in found[0].items())
                and found[1] == wanted[1])
    return set(found) <= set(wanted)  # Python braces: field names


def _agrees(kind: str, text: str, reference: str, strict: bool) -> bool:
    signature = SIGNATURES[kind]
    found, wanted = signature(text), signature(reference)
    if found is None or wanted is None:
        return False
    return found == wanted if strict else _within(found, wanted)


def _forms_agree(kind: str, entry: polib.POEntry, plurals: PluralUse) -> bool:
    """msgfmt --check's rule: msgstr has msgid's directives; in a plural message every form is
    compared with msgid_plural, exactly for a form that serves many n, and
    allowed to leave directives out for a form that serves one or two (``PluralUse``). Empty
    forms are left to the caller."""
    if not entry.msgid_plural:
        return not entry.msgstr or _agrees(kind, entry.msgstr, entry.msgid, strict=True)
    forms = translation_forms(entry)
    span = range_of(entry.flags)
    for index, text in enumerate(forms):
        if not text:
            continue
        strict = len(forms) < 2 or (plurals.serves_many(index) and (
            span is None or plurals.serves_many(index, span)))
        if not _agrees(kind, text, entry.msgid_plural, strict):
            return False
    return True


_RANGE_FLAG = re.compile(r"range:\s*(\d+)\s*\.\.\s*(\d+)")


def range_of(flags: list[str]) -> tuple[int, int] | None:
    """The ``range: a..b`` flag's bounds, if the entry has one."""
    for flag in flags:
        if found := _RANGE_FLAG.fullmatch(flag):
            return int(found.group(1)), int(found.group(2))
    return None


def satisfies(kind: str, entry: polib.POEntry,
              plurals: PluralUse = DEFAULT_USE) -> bool:
    """Whether the translation passes ``msgfmt --check`` as a ``kind``-format string
    (``plurals``: the catalogue's ``plural_use``).

    Only C, Python and Python brace formats are checked here; a translation of any other
    format, or with directives too unusual to check, counts as not satisfying, so the entry is
    marked fuzzy rather than written for msgfmt to refuse.
    """
    if kind not in SIGNATURES:
        return not has_translation(entry)
    return _forms_agree(kind, entry, plurals)


def satisfies_formats(entry: polib.POEntry,
                      plurals: PluralUse = DEFAULT_USE) -> bool:
    """Whether the entry's translation passes ``msgfmt --check`` for every format its flags
    name (for code that fills translations from elsewhere, such as the translation memory)."""
    return all(satisfies(kind, entry, plurals) for kind in format_kinds(entry.flags))


def msgfmt_problem(entry: polib.POEntry,
                   plurals: PluralUse = DEFAULT_USE) -> str | None:
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
        if kind not in SIGNATURES or not _forms_agree(kind, entry, plurals):
            return f"the translation does not have the source's {kind}-format directives"
    return None
