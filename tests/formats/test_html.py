"""HTML and XHTML: what is extracted, how it is described, and how renditions go back in."""

from __future__ import annotations

import polib
import pytest

from l10n.errors import InputError
from l10n.formats import parse_file
from l10n.formats.html import FORMAT
from l10n.model import Rendition

from formats.helpers import DATA, identity, prefixed


def units(source: str, path: str = "page.html"):
    return FORMAT.parse(source, path).units


def texts(source: str, path: str = "page.html") -> list[str]:
    return [unit.text for unit in units(source, path)]


@pytest.mark.parametrize(
    "source, expected",
    [
        ('<p translate="no">UN DESA</p><p>Doha summit</p>', ["Doha summit"]),
        ('<div translate="no"><p>Inside</p><img alt="Hidden photo"></div>', []),
        ("<script>var a = 'Hello world';</script><p>Kept text</p>", ["Kept text"]),
        ("<style>p::after { content: 'Some words' }</style>", []),
        ("<pre>Room schedule here</pre><p><code>only code</code></p>", []),
        ("<p>Use <code>pip install</code> now</p>", ["Use <code>pip install</code> now"]),
        ("<p><kbd>Ctrl</kbd> <samp>out</samp> <var>x</var></p>", []),
        ("<p>2025</p><p>4&ndash;6, 10:00!</p><p>https://www.un.org/</p>", []),
        ("<p>   </p><!-- a comment with words --><?php echo 'words' ?>", []),
        ("<p>Tab\tand\n  newline</p>", ["Tab and newline"]),
        ("<p>4&nbsp;November&#x202F;2025 &amp; more</p>", ["4\u00a0November\u202f2025 &amp; more"]),
        ("<p>a &lt;b&gt; tag</p>", ["a &lt;b&gt; tag"]),
    ],
    ids=["translate-no", "translate-no-subtree", "script", "style", "pre-code", "inline-code",
         "kbd-samp-var", "digits-punct-url", "blank-comment-pi", "whitespace-folded",
         "nbsp-kept", "escaped-text"],
)
def test_extraction(source, expected):
    assert texts(source) == expected


@pytest.mark.parametrize(
    "source, role, text, splittable",
    [
        ("<title>Summit</title>", "title", "Summit", False),
        ("<h3>Leadership</h3>", "h3", "Leadership", False),
        ("<ul><li>Poverty first</li></ul>", "li", "Poverty first", True),
        ("<table><tr><th>Head cell</th></tr></table>", "th", "Head cell", False),
        ("<blockquote>We the peoples</blockquote>", "blockquote", "We the peoples", True),
        ('<img src="a.jpg" alt="Delegates at work">', "img@alt", "Delegates at work", False),
        ('<abbr title="World Health Organization">WHO</abbr>', "abbr@title", "World Health Organization", False),
        ('<button aria-label="Close the menu">x</button>', "*@aria-label", "Close the menu", False),
        ('<input placeholder="Search the site">', "input@placeholder", "Search the site", False),
        ('<meta name="description" content="About the Summit">', "meta@description", "About the Summit", False),
        ('<meta property="og:description" content="Doha, 2025">', "meta@og:description", "Doha, 2025", False),
        ("<select><option>Arabic</option></select>", "option", "Arabic", False),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else None,
)
def test_roles(source, role, text, splittable):
    found = [u for u in units(source) if u.role == role]
    assert [u.text for u in found] == [text]
    assert found[0].splittable is splittable


def test_inline_markup_is_kept_with_atomic_ranges():
    (unit, title) = units('<p>Read the <a href="https://www.un.org/" title="UN site">declaration</a>.</p>')
    assert unit.text == 'Read the <a href="https://www.un.org/">declaration</a>.'
    assert [unit.text[a:b] for a, b in unit.atomic] == ['<a href="https://www.un.org/">declaration</a>']
    assert (title.role, title.text, title.comment) == ("a@title", "UN site", 'title of <a href="https://www.un.org/">')


def test_nested_blocks_never_give_the_same_text_twice():
    source = "<ul><li>Intro <b>words</b><p>Inner paragraph</p>closing words</li></ul>"
    assert [(u.role, u.text) for u in units(source)] == [
        ("li", "Intro <b>words</b>"), ("p", "Inner paragraph"), ("li", "closing words"),
    ]


def test_comments_and_lines_from_fixture():
    document = parse_file(DATA / "summit.html")
    found = {(u.role, u.line, u.comment) for u in document.units}
    assert ("h2", 18, '<h2> in <section id="leadership">') in found
    assert ("img@alt", 23, 'alt text of <img src="amir.jpg">') in found
    assert ("title", 5, "<title>") in found
    assert ("meta@description", 6, '<meta name="description"> content') in found
    assert not any("not a unit" in u.text or "UN DESA" == u.text for u in document.units)


TRICKY = [
    "<P CLASS='a'>Upper case tags<P>Unclosed second paragraph\n<UL><LI>One item<LI>Two items</UL>",
    "<p title='It&apos;s &quot;quoted&quot;'>Entities &amp; &nbsp; &#x2019; here</p>",
    "<p>Before <!-- note --> after comment</p>\n<p>Line one<br>\nline two</p>",
]


@pytest.mark.parametrize("source", TRICKY, ids=["uppercase-unclosed", "entities-quotes", "comments-br"])
def test_tricky_html_round_trips(source):
    document = FORMAT.parse(source, "t.html")
    assert document.units
    assert FORMAT.render(document, identity(document), lang="en") == source
    rendered = FORMAT.render(document, prefixed(document), lang="en")
    assert [u.text for u in FORMAT.parse(rendered, "t.html").units] == ["[fr] " + u.text for u in document.units]


def test_xhtml_cdata_entities_and_void_tags():
    document = parse_file(DATA / "summit.xhtml")
    by_line = {u.line: u.text for u in document.units}
    assert by_line[13] == "The script sample a &lt; b &amp;&amp; c stays text."
    assert "challenges<br/> for every region." in by_line[14]
    assert "4\u00a0to 6 November" in by_line[10]


def test_attribute_rendition_keeps_quote_style_and_escapes():
    source = "<img alt='Old text' src=x.png><input placeholder=Search>"
    document = FORMAT.parse(source, "a.html")
    rendered = FORMAT.render(document, [Rendition('L\'ONU & "nous" <3'), Rendition("Chercher ici")], lang="en")
    assert rendered == "<img alt='L&#39;ONU &amp; \"nous\" &lt;3' src=x.png><input placeholder=\"Chercher ici\">"


def test_nested_attribute_goes_back_into_translated_paragraph():
    source = '<p>See <img src="a.jpg" alt="The hall"> today.</p>'
    document = FORMAT.parse(source, "a.html")
    assert [u.text for u in document.units] == ['See <img src="a.jpg"> today.', "The hall"]
    rendered = FORMAT.render(document, [Rendition('Voir <img src="a.jpg"> aujourd\'hui.'), Rendition("La salle")], lang="fr")
    assert '<p>Voir <img src="a.jpg" alt="La salle"> aujourd\'hui.</p>' in rendered
    untouched_p = FORMAT.render(document, [Rendition(document.units[0].text), Rendition("La salle")], lang="en")
    assert untouched_p == '<p>See <img src="a.jpg" alt="La salle"> today.</p>'


def test_fallback_is_wrapped_in_source_lang_span_only_in_content():
    source = '<html><body><p>Decent <b>work</b></p><img alt="Hall view"></body></html>'
    document = FORMAT.parse(source, "f.html")
    renditions = [Rendition(u.text, fallback_lang="en") for u in document.units]
    rendered = FORMAT.render(document, renditions, lang="fr")
    assert '<p><span lang="en">Decent <b>work</b></span></p>' in rendered
    assert 'alt="Hall view"' in rendered
    assert FORMAT.render(document, renditions, lang="en") == source


@pytest.mark.parametrize(
    "source, lang, direction, expected_tag",
    [
        ('<html lang="en"><p>Hello world</p></html>', "ar", "rtl", '<html lang="ar" dir="rtl">'),
        ('<html lang="en"><p>Hello world</p></html>', "ar", "ltr", '<html lang="ar" dir="rtl">'),
        ("<html><p>Hello world</p></html>", "zh", "ltr", '<html lang="zh-Hans" dir="ltr">'),
        ("<HTML LANG=en DIR='ltr'><p>Hello world</p></HTML>", "ar", "rtl", "<HTML LANG=\"ar\" DIR='rtl'>"),
        ("<!DOCTYPE html><p>Hello world</p>", "fr", "ltr", '<!DOCTYPE html><html lang="fr" dir="ltr"><p>'),
    ],
    ids=["ar-rtl", "ar-default-dir", "zh-hans", "replace-values", "no-html-tag"],
)
def test_lang_and_dir_set_on_html_element(source, lang, direction, expected_tag):
    document = FORMAT.parse(source, "l.html")
    rendered = FORMAT.render(document, identity(document), lang=lang, direction=direction)
    assert expected_tag in rendered
    assert rendered.endswith(source[source.index("<p>"):])  # nothing else changes


def test_xhtml_sets_xml_lang_too():
    document = parse_file(DATA / "summit.xhtml")
    rendered = FORMAT.render(document, identity(document), lang="zh")
    assert 'xml:lang="zh-Hans" lang="zh-Hans"' in rendered and 'dir="ltr"' in rendered


HOSTILE = [
    ("laughs.xhtml", '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;">\n]>\n<html><body><p>&lol2;</p></body></html>', 3, "entity declarations are not allowed"),
    ("xxe.xhtml", '<?xml version="1.0"?>\n<!DOCTYPE html [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<html><body><p>&xxe;</p></body></html>', 3, "entity declarations are not allowed"),
    ("xxe.html", '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<p>&xxe;</p>', 1, "entity declarations are not allowed"),
    ("net.html", '\n<!DOCTYPE html SYSTEM "http://evil.example.org/x.dtd">\n<p>Hello there</p>', 2, "external DTD"),
    ("net.xhtml", '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//EVIL//DTD X//EN" "https://evil.example.org/x.dtd">\n<html/>', 2, "public identifier"),
    ("bad.xhtml", '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>\n\n<p>Open <b>bold</p>\n</body></html>', 4, "malformed XHTML"),
]


@pytest.mark.parametrize("name, source, line, message", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_or_malformed_input_is_rejected(tmp_path, name, source, line, message):
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse_file(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert message in caught.value.message
    assert "root:" not in str(caught.value)


def test_xml_declaration_selects_xml_parsing_for_html_suffix():
    with pytest.raises(InputError, match="malformed XHTML"):
        FORMAT.parse('<?xml version="1.0"?>\n<html><p>unclosed</html>', "x.html")


@pytest.mark.parametrize(
    "rendition, expected",
    [
        ("Bonjour <b>monde", "Bonjour &lt;b&gt;monde"),
        ("Bonjour <b>monde</i>", "Bonjour &lt;b&gt;monde&lt;/i&gt;"),
        ("Bonjour <b>monde</b></b>", "Bonjour <b>monde</b>&lt;/b&gt;"),
        ("Bonjour <div>monde</div>", "Bonjour &lt;div&gt;monde&lt;/div&gt;"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ],
    ids=["unclosed", "mismatched", "extra-close", "block-tag", "script"],
)
def test_broken_rendition_markup_is_shown_as_text(rendition, expected):
    """A tag the translation may not have, or that breaks the page's structure, is escaped."""
    document = FORMAT.parse("<html><body>\n<p>Hello <b>world</b></p></body></html>", "r.html")
    out = FORMAT.render(document, [Rendition(rendition)], lang="fr")
    assert f"<p>{expected}</p>" in out


def test_xhtml_rendition_must_be_well_formed_xml():
    document = parse_file(DATA / "summit.xhtml")
    renditions = identity(document)
    renditions[1] = Rendition("D\u00e9claration & politique")
    with pytest.raises(InputError, match="not a well-formed fragment"):
        FORMAT.render(document, renditions, lang="fr")


def test_fallback_in_title_is_not_wrapped_in_a_span():
    from l10n.formats import FORMATS
    from l10n.model import Rendition

    html = next(f for f in FORMATS if f.name == "html")
    text = ('<!DOCTYPE html>\n<html lang="en"><head><title>Doha, 4 to 6 November 2025</title>'
            "</head><body><p>The Summit opened in Doha.</p></body></html>\n")
    doc = html.parse(text, "page.html")
    out = html.render(doc, [Rendition(u.text, fallback_lang="en") for u in doc.units], lang="fr")
    assert "<title>Doha, 4 to 6 November 2025</title>" in out
    assert '<p><span lang="en">The Summit opened in Doha.</span></p>' in out


@pytest.mark.parametrize("suffix", [".html", ".xhtml"])
def test_source_over_65535_lines_gets_true_line_numbers(make_project, suffix):
    """libxml2's HTML parser stops counting lines at 65,535; the templates' references do not."""
    from l10n.config import load_config
    from l10n.project.extract import extract

    head = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            if suffix == ".xhtml" else "<!DOCTYPE html>\n<html>")
    lines = [head, "<head><title>A long report</title></head>", "<body>",
             "<p>The opening paragraph of the report.</p>"]
    lines += [f'<p class="row">Row <b>{n}</b> of the annex.</p>' if n % 1000 == 0 else "<hr/>"
              for n in range(1, 70_001)]
    lines += ["<p>The closing paragraph of the report.</p>", "<p>Adopted in <em>Doha</em>.</p>",
              "</body>", "</html>", ""]
    root = make_project({f"source/report{suffix}": "\n".join(lines)}, 'languages = ["en", "fr"]\n')
    extract(load_config(root, explicit=True))
    template = polib.pofile(str(root / "po" / "report.pot"))
    where = {entry.msgid: entry.occurrences for entry in template}
    name = f"source/report{suffix}"
    assert where["The opening paragraph of the report."] == [(name, "5")]  # the head is 2 lines
    assert where["Row <b>1000</b> of the annex."] == [(name, str(5 + 1000))]
    assert where["Row <b>70000</b> of the annex."] == [(name, str(5 + 70_000))]
    assert where["The closing paragraph of the report."] == [(name, "70006")]
    assert where["Adopted in <em>Doha</em>."] == [(name, "70007")]
