"""What rendering a translated page costs, counted in operations (no timings).

The HTML renderer sanitises each translated fragment, has libxml2 read the result as a second
opinion and checks that the fragment is well formed: one libxml2 parse serves both, where it
used to be two, with the same page and the same refusals as before. A build splits each
source unit into sentences once, not once per language and again to count them.
"""

from __future__ import annotations

import pytest
from lxml import etree

import l10n.project.extract as pipeline
import l10n.segment as segment
from l10n.bundle.render import renditions_for, segment_counts
from l10n.errors import InputError
from l10n.formats._htmlrender import check_fragment
from l10n.formats._htmlsafe import escape_markup, sanitise, second_opinion
from l10n.formats.html import FORMAT as HTML
from l10n.model import Rendition

from formats.hostile import HOSTILE_HTML

SOURCE = ('<!DOCTYPE html>\n<html lang="en"><head><title>T</title></head><body>\n'
          + "".join(f'<p>Item {n}: see <a href="https://un.org/{n}">the report</a> and '
                    f"<em>Doha</em>. It ends here.</p>\n" for n in range(20))
          + "</body></html>\n")


@pytest.fixture
def parses(monkeypatch):
    """Every libxml2 parse of a string (``etree.fromstring``), recorded."""
    seen = []
    real = etree.fromstring

    def counting(text, *args, **kwargs):
        seen.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(etree, "fromstring", counting)
    return seen


def test_one_libxml2_parse_per_translated_fragment(parses):
    document = HTML.parse(SOURCE, "p.html")
    units = [u for u in document.units if u.role == "p"]
    assert len(units) == 20
    renditions = [Rendition(u.text.replace("see", "voir").replace("report", "rapport"))
                  if u.role == "p" else Rendition(u.text) for u in document.units]
    parses.clear()
    out = HTML.render(document, renditions, lang="fr")
    assert out.count('<a href="https://un.org/') == 20 and "voir" in out
    assert len(parses) == 20  # the second opinion's and the check's parse are one


def _two_parses(text: str, source: str, *, xml: bool) -> str:
    """What the renderer did with a fragment before: a parse for the second opinion, another
    for the check."""
    safe = sanitise(text, source, xml=xml).text
    if second_opinion(safe):
        safe = escape_markup(text)
    check_fragment(safe, xml=xml, path="p.po", line=7, role="p")
    return safe


FRAGMENTS = HOSTILE_HTML + [
    'Voir <a href="https://un.org/s">le sommet</a> à <em>Doha</em>.',
    "Recherche & développement", "a &amp; b", "x &foo; y", "<em>ouvert", "</em> fermé",
    "<em/>vide", "<br/>ligne", "<p>bloc</p>", "<em>a</b>", "<![CDATA[x]]>", "<?pi x?>",
    "<title>t</title>", "&#0;", "]]>", "a\x0bb", "<em title='a>b'>c</em>",
]


@pytest.mark.parametrize("xml", [False, True], ids=["html", "xhtml"])
@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_the_page_and_the_refusals_are_those_of_two_parses(fragment, xml):
    from l10n.formats._htmlrender import safe_fragment

    source = 'See <a href="https://un.org/s">the summit</a> in <em>Doha</em>.'
    try:
        expected = _two_parses(fragment, source, xml=xml)
    except InputError as error:
        with pytest.raises(InputError) as raised:
            safe_fragment(fragment, source, xml=xml, path="p.po", line=7, role="p")
        assert str(raised.value) == str(error)
    else:
        assert safe_fragment(fragment, source, xml=xml, path="p.po", line=7, role="p") == expected


def test_source_units_are_split_into_sentences_once_for_every_language(monkeypatch):
    calls = []
    real = segment.segment_spans

    def counting(text, lang):
        calls.append(text)
        return real(text, lang)

    monkeypatch.setattr(segment, "segment_spans", counting)
    remembered = getattr(pipeline, "_unit_sentences", None)
    if remembered is not None:
        remembered.cache_clear()
    document = HTML.parse(SOURCE, "p.html")
    units = [u for u in document.units if u.splittable]
    for lang in ("ar", "es", "fr", "ru", "zh"):  # no catalogue yet: every unit looked up
        renditions_for(document, None, source_lang="en", lang=lang)
        segment_counts(document, None, "en")
    assert len(calls) == len(units)


# ------------------------------------------------------------------ the balance of the tags

PIECES = ["<em>", "</em>", "<EM>", "</Em >", "<b>", "</b>", "<br>", "<br/>", "<br />", "<br / >",
          "<em/>", '<a href="x>y">', "<a href='x'>", "<a href=x/>", "<a href=x>", "</a>",
          '<a b=c"d>', "<svg:rect/>", "<x:em>", "</x:em>", "<p>", "</p>", "<script>", "</script>",
          "<style>x</style>", "<!-- c -->", "<![CDATA[x]]>", "<?pi?>", "<", "< em>", "<em", "a",
          " ", "&amp;", "<span class=\"c\" title='t'>", "</span>", '<img src="a.png" alt="x">',
          "<em\ttitle=x>", "<a/b>", "<em.x>", "</em.x>", "<1>", "</>", '<em title="<">',
          "<input disabled>", "<em  >", "<em\n>", "é", "<bdi>", "</bdi>"]


def _scanned_balance(fragment: str, xml: bool) -> str | None:
    """The balance check as the scanner reads the tags (what it always was)."""
    from l10n.formats._htmlextract import INLINE
    from l10n.formats._htmlscan import scan
    from l10n.formats._htmlsource import VOID

    stack: list[str] = []
    for tag in scan(fragment, xml=xml).tags:
        name = tag.name.rpartition(":")[2]
        if name not in INLINE:
            return f"<{tag.name}> is not allowed inside translated text"
        if tag.is_end:
            if not stack or stack[-1] != name:
                return f"unexpected </{tag.name}>"
            stack.pop()
        elif not tag.self_closing and name not in VOID:
            stack.append(name)
    return f"<{stack[-1]}> is not closed" if stack else None


@pytest.mark.parametrize("xml", [False, True], ids=["html", "xhtml"])
def test_the_balance_check_reads_tags_as_the_scanner_does(xml):
    import random

    from l10n.formats._htmlrender import _balance_problem

    rng = random.Random(14)
    fragments = ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 8)))
                 for _ in range(20_000)] + HOSTILE_HTML + FRAGMENTS
    fragments += [sanitise(f, "See <a href='/s'>it</a> <em>now</em>.", xml=xml).text
                  for f in fragments[:2000]]
    for fragment in fragments:
        assert _balance_problem(fragment, xml=xml) == _scanned_balance(fragment, xml), fragment


def test_a_sanitised_fragment_is_not_taken_apart_by_the_scanner(monkeypatch):
    import l10n.formats._htmlrender as render

    scanned = []
    real = render.scan

    def counting(text, *, xml):
        scanned.append(text)
        return real(text, xml=xml)

    monkeypatch.setattr(render, "scan", counting)
    source = 'See <a href="https://un.org/s">the summit</a> in <em>Doha</em>.'
    safe = safe_fragment_of('Voir <a href="https://un.org/s">le sommet</a> à <em>Doha</em>.',
                            source)
    assert "<em>" in safe and scanned == []


def safe_fragment_of(text: str, source: str) -> str:
    from l10n.formats._htmlrender import safe_fragment

    return safe_fragment(text, source, xml=False, path="p.po", line=1, role="p")
