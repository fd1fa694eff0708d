"""Latin names, numbers and document symbols isolated inside right-to-left text."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from l10n.formats.bidi import (
    LRI,
    PDI,
    isolate_html,
    isolate_markdown,
    isolate_plain,
    isolate_rendition,
)
from l10n.bundle.build import build
from l10n.model import Rendition

I = lambda text: f"{LRI}{text}{PDI}"  # noqa: E731 - an isolated run, for readable tables


@pytest.mark.parametrize(("text", "expected"), [
    ("القرار A/RES/78/261 المؤرخ", f"القرار {I('A/RES/78/261')} المؤرخ"),
    ("القرارين 78/261 و78/318", f"القرارين {I('78/261')} و{I('78/318')}"),
    ("في عام 2025،", f"في عام {I('2025')}،"),
    ("من 4–6 تشرين الثاني/نوفمبر", f"من {I('4–6')} تشرين الثاني/نوفمبر"),
    ("الشيخ Tamim bin Hamad Al Thani أمير", f"الشيخ {I('Tamim bin Hamad Al Thani')} أمير"),
    ("الوثيقة A/CONF.166/9.", f"الوثيقة {I('A/CONF.166/9')}."),
    ("نص عربي فقط", "نص عربي فقط"),
    ("أكدت Amina J. Mohammed أن", f"أكدت {I('Amina J. Mohammed')} أن"),
    ("قال Mr. J. Smith إن", f"قال {I('Mr. J. Smith')} إن"),
    ("رحبت H.E. Ms. Mary O'Neill-Brown بهم", "رحبت " + I("H.E. Ms. Mary O'Neill-Brown") + " بهم"),
    ("انظر No. 5 هنا", f"انظر {I('No. 5')} هنا"),
    ("عقد في Geneva. ثم", f"عقد في {I('Geneva')}. ثم"),
    ("الفقرة 15. Then", f"الفقرة {I('15')}. {I('Then')}"),
], ids=["document-symbol", "two-resolutions", "year-before-arabic-comma", "day-range",
        "latin-name-one-run", "symbol-with-dots", "nothing-to-isolate", "name-with-initial",
        "title-and-initial", "honorifics-apostrophe-hyphen", "abbreviation-and-number",
        "sentence-end-stays-outside", "number-is-no-initial"])
def test_isolate_plain(text, expected):
    assert isolate_plain(text) == expected
    assert isolate_plain(expected) == expected  # applying twice changes nothing


@pytest.mark.parametrize(("fragment", "expected"), [
    ("القرار A/RES/78/261", "القرار <bdi>A/RES/78/261</bdi>"),
    ('انظر <a href="https://un.org/A/78" title="A 2025">الوثيقة A/78/1</a>',
     'انظر <a href="https://un.org/A/78" title="A 2025">الوثيقة <bdi>A/78/1</bdi></a>'),
    ("في <em>Doha</em> عام 2025", "في <em><bdi>Doha</bdi></em> عام <bdi>2025</bdi>"),
    ("نص &amp; &nbsp; آخر", "نص &amp; &nbsp; آخر"),
    ("الرمز <code>A/RES/1</code> و<span dir=\"ltr\">UN <b>DESA</b></span>",
     "الرمز <code>A/RES/1</code> و<span dir=\"ltr\">UN <b>DESA</b></span>"),
    ("<!-- note 1 --><br/>عام 2025", "<!-- note 1 --><br/>عام <bdi>2025</bdi>"),
    ('<img alt="Doha 2025" src="a1.png">', '<img alt="Doha 2025" src="a1.png">'),
], ids=["text-node", "not-in-attributes", "inside-inline-element", "entities-untouched",
        "code-and-dir-elements-untouched", "comment-and-void-element", "tag-only"])
def test_isolate_html_only_in_text_content(fragment, expected):
    assert isolate_html(fragment) == expected
    assert isolate_html(expected) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("القرار **78/261**", f"القرار **{I('78/261')}**"),
    ("انظر [Doha](https://example.org/2025)", f"انظر [{I('Doha')}](https://example.org/2025)"),
    ("الأمر `l10n build 2` هنا", "الأمر `l10n build 2` هنا"),
    ("انظر [الموقع][ref1] و<https://un.org>", "انظر [الموقع][ref1] و<https://un.org>"),
], ids=["inside-emphasis", "link-text-not-target", "code-span-untouched",
        "reference-label-and-autolink-untouched"])
def test_isolate_markdown(text, expected):
    assert isolate_markdown(text) == expected


@pytest.mark.parametrize(("fmt", "role", "rendition", "expected"), [
    ("html", "p", Rendition("عام 2025"), "عام <bdi>2025</bdi>"),
    ("html", "title", Rendition("عام 2025"), f"عام {I('2025')}"),
    ("html", "img@alt", Rendition("عام 2025"), f"عام {I('2025')}"),
    ("html", "p", Rendition("In 2025, it met.", "en"), "<bdi>In 2025, it met.</bdi>"),
    ("text", "paragraph", Rendition("In 2025, it met.", "en"), I("In 2025, it met.")),
    ("markdown", "paragraph", Rendition("عام 2025"), f"عام {I('2025')}"),
], ids=["html-content", "html-title-is-plain-text", "html-attribute-is-plain-text",
        "html-fallback-isolated-whole", "text-fallback-isolated-whole", "markdown"])
def test_isolate_rendition(fmt, role, rendition, expected):
    result = isolate_rendition(fmt, role, rendition)
    assert result.text == expected
    assert result.fallback_lang == rendition.fallback_lang


def test_arabic_outputs_isolate_runs_and_other_languages_do_not(bundle_project, sample):
    config = bundle_project()
    build(config, check_languages=sample.no_checks)
    page = (config.output_dir / "ar/doc/page.html").read_text("utf-8")
    tree = lxml_html.fromstring(page.encode("utf-8"))
    symbol = tree.get_element_by_id("symbol")
    assert [b.text for b in symbol.findall("bdi")] == ["A/RES/78/261", "2025"]
    assert symbol.text_content() == sample.TRANSLATIONS["ar"][sample.SYMBOL]
    expected = f"اتخذت الجمعية العامة القرار {I('A/RES/78/261')} في عام {I('2025')}."
    for name in ("notes.md", "statement.txt"):
        text = (config.output_dir / "ar/doc" / name).read_text("utf-8")
        assert expected in text
        assert "<bdi>" not in text
    for lang in ("fr", "zh"):
        for name in ("page.html", "notes.md", "statement.txt"):
            text = (config.output_dir / lang / "doc" / name).read_text("utf-8")
            assert "<bdi>" not in text and LRI not in text and PDI not in text
