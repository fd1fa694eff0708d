"""Helpers the check tests share: run checks on example entries, build catalogues."""

from __future__ import annotations

from l10n.checks.base import CheckContext, Entry, example_entries
from l10n.checks.runner import run_entries, select_checks


def codes(*examples, flags=(), context: CheckContext | None = None, checks=None) -> list[str]:
    """The codes every check reports on one project made of ``examples``."""
    entries = example_entries(*examples, flags=flags)
    return [f.code for f in run_entries(entries, checks or select_checks(), context)]


def findings(*examples, flags=(), context=None, checks=None):
    entries = example_entries(*examples, flags=flags)
    return run_entries(entries, checks or select_checks(), context)


def entry(lang: str, msgid: str, msgstr: str, **extra) -> Entry:
    return example_entries((lang, msgid, msgstr, extra))[0]


def po(lang: str, entries: list[tuple[str, str]] | str, *, flags: dict | None = None,
       header_extra: str = "") -> str:
    """A small catalogue: ``entries`` as (msgid, msgstr) pairs, ``flags`` by msgid."""
    text = (f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"MIME-Version: 1.0\\n"\n'
            '"Content-Type: text/plain; charset=UTF-8\\n"\n"X-Source-Language: en\\n"\n'
            f"{header_extra}\n")
    if isinstance(entries, str):
        return text + entries
    for msgid, msgstr in entries:
        flag = (flags or {}).get(msgid)
        text += (f"#, {flag}\n" if flag else "") + f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n'
    return text
