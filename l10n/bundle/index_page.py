"""dist/index.html: the language versions, each under its own name, with its state and date.

The page is in English (``<html lang="en">``); each language's name is in that language, from
CLDR through Babel (العربية, 中文, English, Français, Русский, Español), marked with its lang
attribute (and dir="rtl" for right-to-left languages), and so is the build date, formatted for
that locale by Babel. Every value is escaped; the output depends only on its arguments.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from html import escape

from babel.dates import format_date

from .. import __version__
from .gates import percent_text
from ..locales import direction, english_name, html_lang, locale, native_name


@dataclass(frozen=True)
class IndexEntry:
    """One language's line: its state ("built", "refused" or "not built") and its documents."""

    lang: str
    status: str
    percent: float | None
    documents: tuple[str, ...] = ()  # output paths relative to dist/<lang>/
    reasons: tuple[str, ...] = ()
    archive: str | None = None  # e.g. "fr.zip"
    reference: bool = False  # the source language


def _lang_attrs(lang: str) -> str:
    attrs = f'lang="{escape(html_lang(lang))}"'
    return attrs + (' dir="rtl"' if direction(lang) == "rtl" else "")


def localised_date(day: datetime.date, lang: str) -> str:
    """The date as a reader of ``lang`` writes it (CLDR's long format through Babel)."""
    return format_date(day, format="long", locale=locale(lang))


def _documents_cell(entry: IndexEntry) -> str:
    if entry.status != "built":
        return "—"
    links = [f'<li><a href="{escape(entry.lang)}/{escape(doc)}" hreflang="{escape(html_lang(entry.lang))}">'
             f"{escape(doc)}</a></li>" for doc in entry.documents]
    archive = (f'<p><a href="{escape(entry.archive)}" download>{escape(entry.archive)}</a></p>'
               if entry.archive else "")
    return f"<ul>{''.join(links)}</ul>{archive}"


def _status_cell(entry: IndexEntry) -> str:
    label = entry.status + (" (reference version)" if entry.reference else "")
    if not entry.reasons:
        return escape(label)
    reasons = "".join(f"<li>{escape(reason)}</li>" for reason in entry.reasons)
    return f"{escape(label)}<ul class=\"reasons\">{reasons}</ul>"


def _row(entry: IndexEntry, day: datetime.date) -> str:
    attrs = _lang_attrs(entry.lang)
    native, english = native_name(entry.lang), english_name(entry.lang)
    name = f'<span {attrs}>{escape(native)}</span>'
    if english != native:
        name += f' <span class="english">({escape(english)})</span>'
    percent = "—" if entry.percent is None else percent_text(entry.percent)
    date = f'<time datetime="{day.isoformat()}" {attrs}>{escape(localised_date(day, entry.lang))}</time>'
    cells = [name, _documents_cell(entry), escape(percent), _status_cell(entry), date]
    body = "".join(f"<td>{cell}</td>" for cell in cells)
    return f'<tr id="lang-{escape(entry.lang)}" class="{escape(entry.status.replace(" ", "-"))}">{body}</tr>'


_STYLE = """body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.4}
table{border-collapse:collapse}th,td{border:1px solid #999;padding:.4rem .6rem;vertical-align:top}
th{text-align:start}ul{margin:0;padding-inline-start:1.2rem}.english{color:#555}
tr.refused td{background:#fdecea}"""


def index_html(entries: list[IndexEntry], day: datetime.date, *, title: str = "Language versions") -> str:
    """The whole page, one row per language in the order given."""
    rows = "\n".join(_row(entry, day) for entry in entries)
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
{_STYLE}
</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p>Built on <time datetime="{day.isoformat()}">{escape(localised_date(day, "en"))}</time> by l10n {escape(__version__)}.</p>
<table>
<thead><tr><th>Language</th><th>Documents</th><th>Translated</th><th>Status</th><th>Date</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""
