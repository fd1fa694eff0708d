"""What every check is: a small declarative class with a code, a slug, a severity and one hook.

A check yields Findings; it never raises to report a problem, so one check can report many.
The gettext flag that silences a check on one entry is derived from its slug: ``ignore-<slug>``.

Every check class also carries its own test data, which the shared test in tests/checks runs
(the ignore flag must silence each failing example, each passing example must stay silent):

    examples_fail = [("zh", "resolutions 78/261 and 78/318", "第78/26178/318号决议")]
    examples_pass = [("fr", "3.5 per cent", "3,5 %")]

An example is ``(lang, msgid, msgstr)`` or ``(lang, msgid, msgstr, {Entry field: value})`` for
the other Entry fields (fuzzy, msgid_plural, msgstr_plural, nplurals, msgctxt, flags...); the
source language is English. A Check's examples are checked one by one; a ProjectCheck's list is
one project, checked together (``example_entries(*examples)``). Examples of the terminology
checks hold for the research glossary (../shared/reference/terminology.csv).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Iterable, Sequence

from ..model import Finding, Severity


@dataclass(frozen=True, slots=True)
class Entry:
    """One catalogue entry as the checks see it (a view of a PO entry, with its place)."""

    file: str
    line: int
    lang: str  # the catalogue's (target) language
    source_lang: str
    msgid: str
    msgstr: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    comment: str = ""  # extracted comment
    fuzzy: bool = False
    obsolete: bool = False
    nplurals: int | None = None  # from the catalogue's Plural-Forms header, when it has one
    markup: str | None = None  # the source document's markup, from its #: reference: "html",
    # "xhtml", "markdown" or "text" (checks.markup.MARKUP_PROBLEMS), None when it names none

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) or any(self.msgstr_plural)

    def pairs(self) -> Iterable[tuple[str, str]]:
        """(source, translation) pairs: msgid/msgstr, or each plural form with its source."""
        if self.msgid_plural:
            for index, text in enumerate(self.msgstr_plural):
                yield (self.msgid if index == 0 else self.msgid_plural), text
        else:
            yield self.msgid, self.msgstr


@dataclass
class CheckContext:
    """What checks share: the glossary and its indexes (built once per language), settings."""

    glossary: Any = None  # l10n.glossary.Glossary or None
    config: Any = None  # l10n.config.ProjectConfig or None
    cache: dict = field(default_factory=dict)
    gathered: dict = field(default_factory=dict)  # slug -> {Entry: ProjectCheck.gather(entry)}
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    def cached(self, key: Any, build: Callable[[], Any]) -> Any:
        """``cache[key]``, built once by ``build()`` even when files are checked in threads."""
        with self._lock:
            if key not in self.cache:
                self.cache[key] = build()
            return self.cache[key]

    def term_index(self, lang: str, role: str):
        """The glossary's TermIndex for a language and role ("source" or "target"), cached."""

        def build():
            from ..glossary.cache import term_index

            return term_index(self.glossary, lang, role) if self.glossary else None

        return self.cached(("index", lang, role), build)


class Check:
    """Base of all checks. Subclasses set the class attributes and implement ``check``.

    The first line of the docstring is the one-line description shown by ``l10n checks``; the
    rest (the anti-pattern and the better pattern) is the documentation.
    """

    code: ClassVar[str]  # stable, e.g. "T001"
    slug: ClassVar[str]  # readable, e.g. "term-missing"; terminology slugs start with "term-"
    severity: ClassVar[Severity]
    languages: ClassVar[tuple[str, ...] | None] = None  # target languages it concerns; None: all
    aliases: ClassVar[tuple[str, ...]] = ()  # former slugs, still honoured in flags and options
    needs_translation: ClassVar[bool] = True  # only translated, non-fuzzy entries
    examples_fail: ClassVar[Sequence] = ()  # entries it must report (see the module docstring)
    examples_pass: ClassVar[Sequence] = ()  # entries it must leave alone

    @classmethod
    def description(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0]

    @classmethod
    def documentation(cls) -> str:
        """The docstring after its first line: the anti-pattern and the better pattern."""
        lines = (cls.__doc__ or "").strip().splitlines()[1:]
        return "\n".join(line.strip() for line in lines).strip()

    @property
    def flag(self) -> str:
        """The gettext flag that silences this check on one entry."""
        return f"ignore-{self.slug}"

    def applies(self, entry: Entry) -> bool:
        if self.languages is not None and entry.lang.split("_")[0] not in self.languages:
            return False
        if entry.obsolete:
            return False
        if self.needs_translation and (entry.fuzzy or not entry.translated):
            return False
        return True

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError

    def prepare(self, context: CheckContext, langs: Sequence[str], source_lang: str) -> None:
        """Build what the check shares across catalogues (term indexes...) ahead of time.

        The runner calls it before forking worker processes, so that they inherit the result
        instead of each building it again. Checks build lazily anyway: this is only an
        optimisation, and the default does nothing.
        """

    def finding(self, entry: Entry, message: str, *, severity: Severity | None = None,
                concept: str | None = None, expected: Iterable[str] = (),
                found: str | None = None) -> Finding:
        return Finding(
            check=self.slug,
            code=self.code,
            severity=severity or self.severity,
            file=entry.file,
            line=entry.line,
            lang=entry.lang,
            msgid=entry.msgid,
            msgstr=entry.msgstr,
            message=message,
            msgctxt=entry.msgctxt,
            concept=concept,
            expected=tuple(expected),
            found=found,
        )


class ProjectCheck(Check):
    """A check that looks across entries and files (consistency); it sees every entry at once."""

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        return ()

    def check_all(self, entries: list[Entry], context: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError

    def gather(self, entry: Entry, context: CheckContext) -> Any:
        """The per-entry part of ``check_all`` (picklable), or None when there is none.

        The runner computes it beside the per-entry checks, possibly in a worker process, and
        hands the values to ``check_all`` through ``context.gathered[slug][entry]``; a check
        that finds no value there computes it itself. An empty value (an empty tuple) says
        the entry holds nothing ``check_all`` looks for: the runner then leaves the entry out
        of ``check_all``'s list altogether, so a large run does not keep it in memory.
        """
        return None


def example_entries(*examples: Sequence, source_lang: str = "en",
                    flags: Iterable[str] = ()) -> list[Entry]:
    """Entries for ``examples_fail`` / ``examples_pass`` items (see the module docstring).

    Each item becomes one entry in its own file, ``example/<lang>/<n>.po`` at line n, with
    ``flags`` added to its own.
    """
    entries = []
    for number, item in enumerate(examples, 1):
        lang, msgid, msgstr, *rest = item
        extra = dict(rest[0]) if rest else {}
        extra["flags"] = frozenset(extra.get("flags", ())) | frozenset(flags)
        extra.setdefault("source_lang", source_lang)
        if "msgstr_plural" in extra:
            extra["msgstr_plural"] = tuple(extra["msgstr_plural"])
        entries.append(Entry(file=f"example/{lang}/{number}.po", line=number, lang=lang,
                             msgid=msgid, msgstr=msgstr, **extra))
    return entries
