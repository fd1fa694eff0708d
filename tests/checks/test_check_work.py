"""The checks do no work where nothing can be found: counted operations, not timings.

Most sentences of a catalogue hold no tag, no link, no line break and no backslash; the
markup checks must then leave them without reading them further, read a source's tags once
for all its languages, and the runner must not ask every check about every entry when the
answer follows from the entry's language and state. The results must stay exactly those of
the plain way (every check asked about every entry).
"""

from __future__ import annotations

from itertools import chain

import pytest

from l10n.checks import markup
from l10n.checks.base import Check, CheckContext, example_entries
from l10n.checks.markup import EscapesNewlines, TagMismatch, TagNesting, UnsafeMarkup
from l10n.checks.registry import CHECKS
from l10n.checks.runner import entry_findings, select_checks


class _CountingPattern:
    """A compiled pattern whose ``finditer`` calls are recorded (the text each one read)."""

    def __init__(self, pattern):
        self.pattern, self.read = pattern, []

    def finditer(self, text, *args):
        self.read.append(text)
        return self.pattern.finditer(text, *args)

    def __getattr__(self, name):
        return getattr(self.pattern, name)


@pytest.fixture
def counted(monkeypatch):
    """Counts of the markup checks' expensive steps: tag reading, the toolkit's tests, code
    span scanning and sanitising."""
    calls = {"toolkit": [], "code_spans": [], "sanitise": []}
    pattern = _CountingPattern(markup.TAG)
    monkeypatch.setattr(markup, "TAG", pattern)
    _forget_source_tags()

    def wrap(name, real):
        def counting(*args, **kwargs):
            calls[name].append(args)
            return real(*args, **kwargs)
        return counting

    monkeypatch.setattr(markup, "toolkit_failures", wrap("toolkit", markup.toolkit_failures))
    from l10n.formats._htmlsafe import sanitise
    from l10n.formats._mdinline import code_spans

    from l10n.formats import markdown  # M005 asks the Markdown renderer's rule

    monkeypatch.setattr(markdown, "code_spans", wrap("code_spans", code_spans))
    monkeypatch.setattr(markdown, "sanitise", wrap("sanitise", sanitise))
    calls["tags"] = pattern.read
    yield calls
    _forget_source_tags()


def _forget_source_tags():
    remembered = getattr(markup, "source_tags", None)
    if remembered is not None:
        remembered.cache_clear()


MARKUP = (TagMismatch(), TagNesting(), UnsafeMarkup(), EscapesNewlines())


def _run(entries, checks=MARKUP):
    return entry_findings(entries, checks, CheckContext())


def test_plain_sentences_are_not_read_for_markup(counted):
    entries = example_entries(
        ("fr", "The Summit met in Doha on 4 November 2025.", "Le Sommet s'est réuni à Doha."),
        ("zh", "The Summit met in Doha.", "首脑会议在多哈举行。"),
        ("ar", "The Summit met in Doha.", "عقد مؤتمر القمة في الدوحة."),
    )
    assert _run(entries) == []
    assert counted["tags"] == []  # no "<" on either side: no tag to read
    assert counted["toolkit"] == []  # no line break, no backslash: the toolkit cannot object
    assert counted["sanitise"] == [] and counted["code_spans"] == []


def test_source_tags_are_read_once_for_every_language(counted):
    source = 'See <a href="/s">the Summit</a> and <em>Doha</em>.'
    entries = example_entries(
        ("fr", source, 'Voir <a href="/s">le Sommet</a> et <em>Doha</em>.'),
        ("es", source, 'Véase <a href="/s">la Cumbre</a> y <em>Doha</em>.'),
        ("ru", source, 'См. <a href="/s">Саммит</a> и <em>Доху</em>.'),
        ("zh", source, '见<a href="/s">首脑会议</a>和<em>多哈</em>。'),
        ("ar", source, 'انظر <a href="/s">مؤتمر القمة</a> و<em>الدوحة</em>.'),
    )
    assert _run(entries) == []
    assert counted["tags"].count(source) == 1
    # the source once; each translation once per check that reads tags (M001, M002)
    assert len(counted["tags"]) == 1 + 2 * len(entries)


def test_tags_without_backticks_need_no_code_span_scan(counted):
    entries = example_entries(("fr", "<em>Doha</em>", "<em>Doha</em>"),
                              ("fr", "`<em>` marks `Doha`", "`<em>` marque `Doha`"))
    assert _run(entries, (UnsafeMarkup(),)) == []
    assert len(counted["sanitise"]) == 2
    assert [args[0] for args in counted["code_spans"]] == ["`<em>` marque `Doha`"]


def test_line_breaks_and_backslashes_still_go_to_the_toolkit(counted):
    entries = example_entries(("fr", "Doha\nQatar", "Doha Qatar"),
                              ("ru", "C:\\\\reports", "C:reports"),
                              ("es", "Doha\r\nQatar", "Doha\r\nQatar"))
    found = _run(entries, (EscapesNewlines(),))
    assert [(f.lang, f.code) for f in found] == [("fr", "M004"), ("ru", "M004")]
    # each pair goes to the one test its characters can fail
    assert [(test, lang) for (test, _, _), lang in zip(counted["toolkit"], "fr ru es".split())] \
        == [("newlines", "fr"), ("escapes", "ru"), ("newlines", "es")]
    assert len(counted["toolkit"]) == 3


# ------------------------------------------------------------------------------ the runner


def _examples():
    """Every check's own examples, as they are and as fuzzy, untranslated and obsolete
    entries, in the six languages and an XHTML document: entries of every state."""
    items = []
    for cls in CHECKS:
        for example in chain(cls.examples_fail, cls.examples_pass):
            lang, msgid, msgstr, *rest = example
            extra = dict(rest[0]) if rest else {}
            items.append((lang, msgid, msgstr, extra))
            items.append((lang, msgid, msgstr, {**extra, "fuzzy": True}))
            items.append((lang, msgid, "", {k: v for k, v in extra.items() if k != "msgstr_plural"}))
            items.append((lang, msgid, msgstr, {**extra, "obsolete": True}))
            items.append((lang, msgid, msgstr, {**extra, "markup": "xhtml"}))
    return example_entries(*items)


def _plain(entries, checks, context):
    """What the runner reported before it planned: every check asked about every entry."""
    found = []
    for entry in entries:
        for check in checks:
            if check.applies(entry):
                found.extend(check.check(entry, context))
    return found


def test_planned_checks_report_what_asking_every_check_reports():
    entries = _examples()
    checks = [c for c in select_checks() if not c.slug.startswith("term-")]
    context = CheckContext()
    assert len(entries) > 500
    assert entry_findings(entries, checks, context) == _plain(entries, checks, context)


def test_the_default_applies_is_asked_once_per_kind_of_entry(monkeypatch):
    asked = []
    default = Check.applies

    def counting(self, entry):
        asked.append(self.slug)
        return default(self, entry)

    monkeypatch.setattr(Check, "applies", counting)
    entries = example_entries(*[("fr", f"Item {n}.", f"Point {n}.") for n in range(200)])
    checks = [c for c in select_checks() if not c.slug.startswith("term-")]
    entry_findings(entries, checks, CheckContext())
    # one language, one state: each check's default answer is worked out once (a check
    # with its own ``applies`` calls the default through super(), once per entry)
    own = sum(type(c).applies is not counting for c in checks)
    assert len(asked) <= len(checks) + own * len(entries)
    assert len(asked) < len(checks) * len(entries) / 4


# ----------------------------------------------------------- what a reader sees; the script


def _visible_every_pattern(text: str, repl: str = " ") -> str:
    """``visible`` as it was: every pattern run on every text."""
    from l10n.checks import text as _text

    text = _text.TAG.sub(repl, text)
    text = _text.MD_LINK_TAIL.sub(repl, text)
    text = _text.MD_LINK_HEAD.sub(repl, text)
    if _text._may_hold_url(text):
        text = _text.URL.sub(repl, text)
    text = _text.PLACEHOLDER.sub(repl, text)
    return _text._characters(text) if "&" in text else text


VISIBLE_CASES = [
    "The Summit met in Doha.", "See <a href='/s'>the report</a>.", "[the report](https://un.org/a)",
    "![a view](hall.png) of the hall", "]<b>(</b>x) joined by a tag", "[a]<i></i>(b)", "50% of %(n)s",
    "{name} and {0}", "${user}", "&amp; &nbsp; &#160;", "https://un.org/a, www.un.org", "a@b.org",
    "[x]<em>(</em>y)<b>%s</b>", "no markup & no placeholder", "[[[]]](((", "%", "{", "](",
]


@pytest.mark.parametrize("repl", [" ", "", "\u00a0"])
def test_visible_runs_only_the_patterns_a_text_can_match(monkeypatch, repl):
    from l10n.checks import text as _text

    for case in VISIBLE_CASES:
        _text.visible.cache_clear()
        assert _text.visible(case, repl) == _visible_every_pattern(case, repl), case
    subs = []
    for name in ("TAG", "MD_LINK_TAIL", "PLACEHOLDER"):
        pattern = getattr(_text, name)

        class Counting:
            def sub(self, *args, _pattern=pattern, _name=name):
                subs.append(_name)
                return _pattern.sub(*args)

        monkeypatch.setattr(_text, name, Counting())
    _text.visible.cache_clear()
    assert _text.visible("The Summit met in Doha on 4 November.", repl)
    assert subs == []
    _text.visible.cache_clear()


def test_wrong_script_stops_at_the_first_letter_of_the_script(monkeypatch):
    from l10n.checks import text as _text, untranslated

    asked = []
    real = _text.script_of

    def counting(char):
        asked.append(char)
        return real(char)

    monkeypatch.setattr(_text, "script_of", counting)
    monkeypatch.setattr(untranslated, "script_of", counting)
    text = "Вторая Всемирная встреча на высшем уровне в интересах социального развития"
    entries = example_entries(("ru", "The Second World Summit for Social Development", text))
    assert _run(entries, (untranslated.WrongScript(),)) == []
    assert len(asked) < 5  # not one question per letter of the sentence
    wrong = example_entries(("ru", "The Second World Summit", "Le Deuxième Sommet mondial"))
    assert [f.code for f in _run(wrong, (untranslated.WrongScript(),))] == ["U003"]


def test_a_repeated_word_is_placed_in_its_script_once(monkeypatch):
    from l10n.checks import untranslated

    asked = []
    real = untranslated.script_of

    def counting(char):
        asked.append(char)
        return real(char)

    monkeypatch.setattr(untranslated, "script_of", counting)
    remembered = getattr(untranslated, "_in_script", None)
    if remembered is not None:
        remembered.cache_clear()
    run = "will be held in Doha next year"
    entries = example_entries(*[(lang, "The Summit will be held in Doha next year",
                                 f"{word} {run}") for lang, word in
                                (("ru", "Встреча"), ("ar", "القمة"), ("zh", "首脑会议"))])
    found = _run(entries, (untranslated.SourceScriptRun(),))
    assert [f.code for f in found] == ["U002"] * 3
    first = len(asked)
    asked.clear()
    _run(entries, (untranslated.SourceScriptRun(),))
    assert len(asked) < first / 2  # the words were placed the first time


class _CountingText(str):
    """A translation that counts how often Python code walks its characters one by one."""

    walks = 0

    def __iter__(self):
        type(self).walks += 1
        return super().__iter__()


def test_a_translation_naming_several_people_is_read_for_letters_once():
    """term-name-consistency looks for each person whose letters a translation spells with
    other separators ("索菲·德·斯梅特"); the translation's letters are read once for all of
    them, not once per name (the gather step was a tenth of the whole check)."""
    from pathlib import Path

    from l10n.checks.base import Entry
    from l10n.checks.terminology import TermNameConsistency
    from l10n.glossary.store import load_glossary

    glossary = load_glossary(Path(__file__).resolve().parent / "data" / "term_eval" / "glossary.csv")
    text = _CountingText("索菲·德·斯梅特、塔米姆·本·哈马德·阿勒萨尼和阿莉娅·艾哈迈德·本·赛义夫·阿勒萨尼发言。")
    entry = Entry("a.po", 1, "zh", "en", "x", text)
    _CountingText.walks = 0
    names = list(TermNameConsistency()._names(entry, CheckContext(glossary=glossary)))
    assert {concept for concept, _, _ in names} >= {"PER-TAMIM", "PER-ALYA"}
    assert _CountingText.walks <= 1  # before: once per person spelt (three here)


def test_a_source_is_sorted_into_judged_terms_once_for_every_language(monkeypatch):
    """The source's matches that are judged (title words that are no title and other bodies'
    terms left out) are the same in every target language: worked out once per source."""
    from pathlib import Path

    from l10n.checks import term_analysis
    from l10n.checks.terminology import TermMissing
    from l10n.glossary.store import load_glossary

    asked = []
    real = term_analysis._titles_only_as_titles

    def counting(source, *args):
        asked.append(source)
        return real(source, *args)

    monkeypatch.setattr(term_analysis, "_titles_only_as_titles", counting)
    glossary = load_glossary(Path(__file__).resolve().parent / "data" / "term_eval" / "glossary.csv")
    source = "Sheikh Tamim bin Hamad Al Thani addressed the Member States."
    entries = example_entries(("fr", source, "Le cheikh a parlé."), ("ru", source, "Шейх выступил."),
                              ("zh", source, "谢赫发言。"), ("es", source, "El Jeque habló."))
    found = entry_findings(entries, (TermMissing(),), CheckContext(glossary=glossary))
    assert {f.file for f in found} == {e.file for e in entries}  # every language is judged
    assert len(asked) == 1  # before: once per language (four here)
