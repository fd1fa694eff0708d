"""Markup and placeholders: the same inline tags and variables in source and translation (M-codes).

Tags are compared as a multiset (a translation may reorder them) by name and by the attributes a
translator must not change (href, src, class...); attributes that are text for the reader (title,
alt, aria-label: ``data/markup.json``) may differ. Markdown link targets are compared the same
way. Placeholders, escapes and line breaks use translate-toolkit's pofilter tests, wrapped so that
their failures become findings with our codes.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from functools import lru_cache
from typing import Iterable

from ..formats._htmlrender import fragment_problem
from ..formats._htmlsafe import sanitise, unsafe_url
from ..formats._mdinline import code_spans
from ..model import Finding
from .text import data
from .base import Check, CheckContext, Entry, Severity

TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)((?:\s+[^<>]*?)?)\s*(/?)>")
ATTRIBUTE = re.compile(r"""([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_MD_LINK_RUN = re.compile(r"\]\(\s*<?[^)\s>]*")  # where MD_LINK's target ends, matched or not


def tags(text: str) -> list[tuple[str, str, tuple[tuple[str, str], ...], bool]]:
    """(kind, name, fixed attributes, self-closing) per tag; kind is "open" or "close"."""
    if "<" not in text:  # every tag starts with "<": most sentences have none
        return []
    translatable = _translatable()
    found = []
    for match in TAG.finditer(text):
        closing, name, attrs, selfclosing = match.groups()
        fixed = []
        for attr in ATTRIBUTE.finditer(attrs or ""):
            key = attr.group(1).lower()
            if key not in translatable:
                value = next((v for v in attr.groups()[1:] if v is not None), "")
                fixed.append((key, value))
        found.append(("close" if closing else "open", name.lower(), tuple(sorted(fixed)),
                      bool(selfclosing)))
    return found


@lru_cache(maxsize=4096)
def source_tags(text: str) -> tuple[tuple[str, str, tuple[tuple[str, str], ...], bool], ...]:
    """``tags(text)`` of a source text, remembered: the source of an entry is the same in
    every language, and the checks ask for its tags once per language."""
    return tuple(tags(text))


@lru_cache(maxsize=1)
def _translatable() -> frozenset[str]:
    return frozenset(data("markup.json")["translatable"])


def link_targets(text: str) -> list[str]:
    """``MD_LINK.findall(text)``, in linear time. A "](" whose target is not followed by ")"
    fails at the same point for every "](" inside that target (but one that ends it, whose
    own target starts after it), so the search goes on from there: tried from each one,
    "](" * 40000 took minutes."""
    found = []
    pos = 0
    while (start := text.find("](", pos)) >= 0:
        match = MD_LINK.match(text, start)
        if match is not None:
            found.append(match.group(1))
            pos = match.end()
        else:
            pos = max(_MD_LINK_RUN.match(text, start).end() - 2, start + 1)
    return found


def _show(tag: tuple) -> str:
    kind, name, attrs, selfclosing = tag
    if kind == "close":
        return f"</{name}>"
    shown = "".join(f' {key}="{value}"' for key, value in attrs)
    return f"<{name}{shown}{'/' if selfclosing else ''}>"


def nesting_error(text: str, *, source: bool = False) -> str | None:
    """Why the tags of ``text`` are not properly nested and balanced, or None when they are
    (``source``: ``text`` is a source text, whose tags are remembered)."""
    if "<" not in text:
        return None
    void = _void()
    stack: list[str] = []
    for kind, name, _, selfclosing in (source_tags(text) if source else tags(text)):
        if selfclosing or name in void:
            continue
        if kind == "open":
            stack.append(name)
        elif not stack:
            return f"</{name}> closes nothing"
        elif stack[-1] != name:
            return f"</{name}> closes <{stack[-1]}>"
        else:
            stack.pop()
    return f"<{stack[-1]}> is not closed" if stack else None


@lru_cache(maxsize=1)
def _void() -> frozenset[str]:
    return frozenset(data("markup.json")["void"])


class TagMismatch(Check):
    """Inline tags or link targets differ between source and translation.

    Anti-pattern: '<a href="https://un.org/en">UN</a>' translated with the tag dropped, with
    another href, or '<strong>' turned into '<b>'. Better: the same tags with the same href, src
    and class, in the order the language needs; title and alt attributes are translated.
    """

    code = "M001"
    slug = "tag-mismatch"
    severity = Severity.ERROR
    examples_fail = [
        ("fr", 'See <a href="/en/summit">the summit</a>.', "Voir le sommet."),
        ("zh", 'See <a href="/en/summit">the summit</a>.', '见<a href="/zh/summit">首脑会议</a>。'),
        ("ru", "<strong>Note</strong>", "<b>Примечание</b>"),
        ("es", "See [the report](https://un.org/a).", "Véase [el informe](https://un.org/b)."),
    ]
    examples_pass = [
        ("fr", '<a href="/s" title="Summit">Summit</a>', '<a title="Sommet" href="/s">Sommet</a>'),
        ("ar", "<em>Doha</em> <strong>2025</strong>", "<strong>2025</strong> <em>الدوحة</em>"),
        ("zh", 'Photo <img src="a.png" alt="A photo">', '图片<img src="a.png" alt="照片">'),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        for source, target in entry.pairs():
            if ("<" not in source and "<" not in target
                    and "](" not in source and "](" not in target):
                continue  # no tag (each starts with "<") and no link target (after "](")
            wanted, had = source_tags(source), tags(target)
            if len(wanted) == len(had) and sorted(wanted) == sorted(had):
                missing, extra = [], []  # the same tags (the usual case): nothing to count
            else:
                want, have = Counter(wanted), Counter(had)
                missing = sorted(_show(t) for t in (want - have).elements())
                extra = sorted(_show(t) for t in (have - want).elements())
            links = Counter(link_targets(source)), Counter(link_targets(target))
            missing += sorted(f"link ({u})" for u in (links[0] - links[1]).elements())
            extra += sorted(f"link ({u})" for u in (links[1] - links[0]).elements())
            if missing or extra:
                parts = ([f"missing {' '.join(missing)}"] if missing else []) + (
                    [f"not in the source {' '.join(extra)}"] if extra else [])
                yield self.finding(entry, "tags differ: " + "; ".join(parts),
                                   expected=missing, found=" ".join(extra) or None)


class TagNesting(Check):
    """Tags in the translation are unbalanced or wrongly nested although the source's are fine.

    Anti-pattern: "<b><i>Doha</b></i>" or an opening tag left without its closing tag.
    Better: close tags in the reverse order they were opened: "<b><i>Doha</i></b>".
    """

    code = "M002"
    slug = "tag-nesting"
    severity = Severity.ERROR
    examples_fail = [
        ("fr", "<b><i>Doha</i></b>", "<b><i>Doha</b></i>"),
        ("ru", "<em>Doha</em> and <b>Qatar</b>", "<em>Доха и <b>Катар</b>"),
    ]
    examples_pass = [
        ("fr", "<b><i>Doha</i></b>", "<b><i>Doha</i></b>"),
        ("zh", "Line<br>break", "换行<br>符"),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        for source, target in entry.pairs():
            if "<" in target and nesting_error(source, source=True) is None:
                problem = nesting_error(target)
                if problem:
                    yield self.finding(entry, f"tags are not balanced: {problem}", found=problem)


class UnsafeMarkup(Check):
    """The translation holds markup that the build will show as text, not as markup.

    Anti-pattern: '<img src=x onerror=alert(1)>', '<a href="javascript:...">', a tag or an
    attribute value the source does not have, or '[text](javascript:...)'. Rendering allows
    in a translation only the source's elements and attribute values and harmless inline tags
    (em, strong, span, abbr, sub, sup, br...), and never event handlers or script URLs: it
    escapes anything else, whatever the flags (l10n/formats/_htmlsafe.py), so the page shows
    the tag as text. Better: the source's tags, as in the source.
    """

    code = "M005"
    slug = "unsafe-markup"
    severity = Severity.ERROR
    examples_fail = [
        ("fr", 'Photo <img src="a.png">', 'Photo <img src="a.png" onerror="alert(1)">'),
        ("es", 'See <a href="/s">this</a>.', 'Véase <a href="javascript:alert(1)">esto</a>.'),
        ("ru", "See [the report](https://un.org/a).",
         "См. [доклад](JaVa&#x53;cript:alert(1))."),
    ]
    examples_pass = [
        ("fr", 'See <a href="/s">this</a>.', 'Voir <a href="/s" title="Sommet">ceci</a>.'),
        ("zh", "The Summit", "<em>首脑会议</em>"),
        ("ar", "See <https://un.org>.", "انظر <https://un.org>."),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        for source, target in entry.pairs():
            if "<" not in target and "](" not in target:
                continue
            spans = code_spans(target) if "`" in target else ()  # a code span needs a "`"
            kept = tuple(span for span in spans if target[span[0]:span[1]] in source)
            problems = list(sanitise(target, source, skip=kept, markdown=True).problems)
            problems += [f"link ({url}): unsafe URL" for url in link_targets(target)
                         if unsafe_url(url)]
            if problems:
                message = "shown as text in the built page: " + "; ".join(problems)
                yield self.finding(entry, message, found=" ".join(problems))


class IllFormedXhtml(Check):
    """The translation of an XHTML document is not well-formed XML: the build cannot render it.

    Anti-pattern: "Recherche & développement" (a bare "&"), "<br>" without its slash, or a
    character XML forbids, in a catalogue of an .xhtml page: an XML parser refuses the page, so
    the build refuses the language. Better: "Recherche &amp; développement", "<br/>".
    """

    code = "M006"
    slug = "xhtml-ill-formed"
    severity = Severity.ERROR
    examples_fail = [
        ("fr", "Research &amp; development", "Recherche & développement", {"markup": "xhtml"}),
        ("es", "Line<br/>break", "Línea<br>salto", {"markup": "xhtml"}),
    ]
    examples_pass = [
        ("fr", "Research &amp; development", "Recherche &amp; développement", {"markup": "xhtml"}),
        ("ru", "Line<br/>break", "Строка<br/>перенос", {"markup": "xhtml"}),
        ("fr", "Research and development", "Recherche & développement"),  # not XHTML
    ]

    def applies(self, entry: Entry) -> bool:
        return entry.markup == "xhtml" and super().applies(entry)

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        for source, target in entry.pairs():
            if fragment_problem(source, xml=True) is None:
                problem = fragment_problem(target, xml=True)
                if problem:
                    yield self.finding(entry, f"not well-formed XML: {problem}", found=problem)


# ------------------------------------------------------------------ translate-toolkit wrapping

_LOCAL = threading.local()
FORMAT_FLAG = re.compile(r"^(?!no-)[\w-]+-format$")
PRINTF_HINT = re.compile(r"%(?:\(\w+\))?[sd](?![A-Za-z])|%\d+\$[sd]")
BRACE_HINT = re.compile(r"\{\w*\}")


def toolkit_failures(test: str, source: str, target: str) -> list[str]:
    """The messages of translate-toolkit's pofilter test ``test`` (empty when it passes)."""
    from translate.filters import checks

    checker = getattr(_LOCAL, "checker", None)
    if checker is None:
        checker = _LOCAL.checker = checks.StandardChecker()
    try:
        getattr(checker, test)(source, target)
    except checks.FilterFailure as failure:
        return [str(m) for m in getattr(failure, "messages", [str(failure)])]
    except (ValueError, IndexError, KeyError):  # the toolkit cannot parse this pair: no verdict
        return []
    return []


class PlaceholderMismatch(Check):
    """Placeholders (%s, %(name)s, {name}, {0}) differ between source and translation.

    Anti-pattern: "%(count)s delegates" translated as "%(nombre)s délégués", or "{name}" lost.
    Better: every placeholder kept verbatim; positional ones may move ("%1$s", "{0}").
    Printf placeholders are checked when the entry has a *-format flag or the source plainly holds
    one, so "50% of" in running text is not taken for a variable.
    """

    code = "M003"
    slug = "placeholder-mismatch"
    severity = Severity.ERROR
    examples_fail = [
        ("fr", "%(count)s delegates", "%(nombre)s délégués", {"flags": ["python-format"]}),
        ("zh", "Hello {name}", "你好"),
        ("es", "%s of %d", "%d de", {"flags": ["c-format"]}),
    ]
    examples_pass = [
        ("fr", "%(count)s delegates", "%(count)s délégués", {"flags": ["python-format"]}),
        ("zh", "50% of people", "50%的人"),
        ("ar", "{0} and {1}", "{1} و {0}"),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        formatted = any(FORMAT_FLAG.match(flag) for flag in entry.flags)
        for source, target in entry.pairs():
            messages = []
            if formatted or PRINTF_HINT.search(source) or PRINTF_HINT.search(target):
                messages += toolkit_failures("printf", source, target)
            if BRACE_HINT.search(source) or BRACE_HINT.search(target):
                messages += toolkit_failures("pythonbraceformat", source, target)
            if messages:
                yield self.finding(entry, "placeholders differ: " + "; ".join(messages))


class EscapesNewlines(Check):
    """Escapes and line breaks differ between source and translation.

    Anti-pattern: a source with a line break ("\\n") translated on one line, or a backslash
    escape dropped. Better: keep line breaks and escapes where the source has them.
    """

    code = "M004"
    slug = "escapes-newlines"
    severity = Severity.WARNING
    examples_fail = [
        ("fr", "Doha\nQatar", "Doha Qatar"),
        ("ru", "C:\\\\reports", "C:reports"),
    ]
    examples_pass = [
        ("fr", "Doha\nQatar", "Doha\nQatar"),
        ("zh", "Doha", "多哈"),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        for source, target in entry.pairs():
            # The toolkit's tests compare counts of "\n", "\r" and "\\": with none of them on
            # either side, both pass (skipping them changes no verdict, only the time).
            messages = []
            if "\n" in source or "\n" in target or "\r" in source or "\r" in target:
                messages += toolkit_failures("newlines", source, target)
            if "\\" in source or "\\" in target:
                messages += toolkit_failures("escapes", source, target)
            if messages:
                yield self.finding(entry, "; ".join(messages))


MARKUP_CHECKS = (TagMismatch, TagNesting, PlaceholderMismatch, EscapesNewlines, UnsafeMarkup,
                 IllFormedXhtml)
