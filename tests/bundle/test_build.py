"""l10n build end to end on a small project: outputs, fallbacks, MO files, manifest, index."""

from __future__ import annotations

import gettext
import hashlib
import json
import re

import pytest
from babel import Locale
from babel.dates import format_date
from lxml import html as lxml_html

from l10n import __version__
from l10n.bundle.build import build
from l10n.bundle.gates import GateOptions


def _page(config, lang, name="doc/page.html"):
    return (config.output_dir / lang / name).read_text("utf-8")


def test_every_language_is_built_with_its_documents(bundle_project, sample):
    config = bundle_project()
    result = build(config, check_languages=sample.no_checks)
    assert [(r.lang, r.status) for r in result.languages] == [
        ("ar", "built"), ("en", "built"), ("fr", "built"), ("zh", "built")]
    for lang in ("ar", "en", "fr", "zh"):
        folder = config.output_dir / lang
        assert (folder / "doc/page.html").is_file()
        assert (folder / "doc/notes.md").is_file()
        assert (folder / "doc/statement.txt").is_file()
        assert (config.output_dir / f"{lang}.zip").is_file()
    # The reference version is the source itself, byte for byte, and has no MO files.
    assert (config.output_dir / "en/doc/page.html").read_bytes() == \
        (config.source_dir / "doc/page.html").read_bytes()
    assert not (config.output_dir / "en/LC_MESSAGES").exists()


@pytest.mark.parametrize(("lang", "html_lang", "direction"), [
    ("ar", "ar", "rtl"),
    ("fr", "fr", "ltr"),
    ("zh", "zh-Hans", "ltr"),
], ids=["arabic-rtl", "french-ltr", "chinese-zh-Hans"])
def test_html_root_lang_dir_and_translated_title(bundle_project, sample, lang, html_lang, direction):
    config = bundle_project()
    build(config, check_languages=sample.no_checks)
    tree = lxml_html.fromstring(_page(config, lang).encode("utf-8"))
    assert tree.get("lang") == html_lang
    assert tree.get("dir") == direction
    assert tree.findtext(".//title").replace("\u2066", "").replace("\u2069", "") == \
        sample.TRANSLATIONS[lang][sample.TITLE]


def test_untranslated_segments_fall_back_marked_with_the_source_language(bundle_project, sample):
    partial = {lang: {k: v for k, v in table.items() if k != sample.CLOSING}
               for lang, table in sample.TRANSLATIONS.items()}
    config = bundle_project(partial)
    build(config, options=GateOptions(min_completeness=0), check_languages=sample.no_checks)
    tree = lxml_html.fromstring(_page(config, "fr").encode("utf-8"))
    closing = tree.get_element_by_id("closing")
    spans = closing.findall("span")
    assert [span.get("lang") for span in spans] == ["en"]
    assert spans[0].text_content() == sample.CLOSING
    translated = tree.get_element_by_id("symbol")
    assert translated.findall(".//span[@lang]") == []
    assert translated.text_content() == sample.TRANSLATIONS["fr"][sample.SYMBOL]


@pytest.mark.parametrize(("allow_fuzzy", "expected"), [
    (False, "The Summit closed on 6 November."),
    (True, "Le Sommet s’est clos le 6 novembre."),
], ids=["fuzzy-ignored-by-default", "fuzzy-used-with-allow-fuzzy"])
def test_fuzzy_translations_only_with_allow_fuzzy(bundle_project, sample, allow_fuzzy, expected):
    config = bundle_project(fuzzy={"fr": (sample.CLOSING,)})
    options = GateOptions(min_completeness=0, allow_fuzzy=allow_fuzzy)
    build(config, ["fr"], options=options, check_languages=sample.no_checks)
    tree = lxml_html.fromstring(_page(config, "fr").encode("utf-8"))
    assert tree.get_element_by_id("closing").text_content() == expected
    catalogue = gettext.GNUTranslations(
        (config.output_dir / "fr/LC_MESSAGES/doc/page.mo").open("rb"))
    assert catalogue.gettext(sample.CLOSING) == expected


@pytest.mark.parametrize("lang", ["ar", "fr", "zh"])
def test_mo_files_are_read_by_python_gettext(bundle_project, sample, lang):
    config = bundle_project()
    build(config, check_languages=sample.no_checks)
    for name in ("page", "notes", "statement"):
        with (config.output_dir / lang / "LC_MESSAGES/doc" / f"{name}.mo").open("rb") as handle:
            translations = gettext.GNUTranslations(handle)
        assert translations.gettext(sample.SYMBOL) == sample.TRANSLATIONS[lang][sample.SYMBOL]
        assert translations.info()["language"] == lang


def test_manifest_checksums_and_fields(bundle_project, sample):
    config = bundle_project()
    build(config, check_languages=sample.no_checks)
    folder = config.output_dir / "ar"
    raw = (folder / "manifest.json").read_text("utf-8")
    data = json.loads(raw)
    assert raw.endswith("}\n") and raw == json.dumps(data, ensure_ascii=False, indent=2,
                                                     sort_keys=True) + "\n"
    assert data["language"] == {"code": "ar", "english_name": "Arabic", "native_name": "العربية",
                                "direction": "rtl", "html_lang": "ar"}
    assert data["l10n_version"] == __version__
    assert data["build_date"] == "2025-11-04T00:00:00Z"
    assert data["build_date_source"] == "SOURCE_DATE_EPOCH"
    assert data["source"]["revision"] is None  # not a git checkout
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", data["source"]["content_hash"])
    assert data["checks"] == {"available": True, "error": 0, "warning": 0, "info": 0, "note": None}
    for document in data["documents"]:
        output = folder / document["output"]
        assert hashlib.sha256(output.read_bytes()).hexdigest() == document["sha256"]
        total = {"doc/page": 4, "doc/notes": 2, "doc/statement": 2}[document["name"]]
        assert document["completeness"] == {"percent": 100.0, "total": total,
                                            "translated": total, "fuzzy": 0, "untranslated": 0}
        assert document["catalogue"] == f"po/ar/{document['name']}.po"
        assert document["mo"] == f"LC_MESSAGES/{document['name']}.mo"
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert set(data["files"]) == on_disk - {"manifest.json"}
    for name, digest in data["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest


def test_content_hash_follows_the_inputs(bundle_project, sample):
    config = bundle_project()
    build(config, check_languages=sample.no_checks)
    before = json.loads((config.output_dir / "fr/manifest.json").read_text("utf-8"))
    zh_before = json.loads((config.output_dir / "zh/manifest.json").read_text("utf-8"))
    sample.fill(config.root, "fr", {**sample.TRANSLATIONS["fr"], sample.TITLE: "Sommet de Doha"})
    build(config, check_languages=sample.no_checks)
    after = json.loads((config.output_dir / "fr/manifest.json").read_text("utf-8"))
    assert before["source"]["content_hash"] != after["source"]["content_hash"]
    zh_after = json.loads((config.output_dir / "zh/manifest.json").read_text("utf-8"))
    assert zh_before["source"]["content_hash"] == zh_after["source"]["content_hash"]


NATIVE = {"ar": "العربية", "en": "English", "fr": "Français", "zh": "中文"}


def test_index_lists_languages_by_their_own_names_with_localised_dates(bundle_project, sample):
    config = bundle_project()
    build(config, check_languages=sample.no_checks)
    page = (config.output_dir / "index.html").read_text("utf-8")
    tree = lxml_html.fromstring(page.encode("utf-8"))
    assert tree.get("lang") == "en"
    import datetime

    day = datetime.date(2025, 11, 4)
    for lang, name in NATIVE.items():
        row = tree.get_element_by_id(f"lang-{lang}")
        label = row.find(".//td/span")
        assert label.text == name
        # The name comes from CLDR through Babel, not from a table in the code.
        assert Locale.parse(lang).get_language_name(Locale.parse(lang)).lower() == name.lower()
        assert label.get("lang") == ("zh-Hans" if lang == "zh" else lang)
        assert label.get("dir") == ("rtl" if lang == "ar" else None)
        when = row.find(".//time")
        assert when.text == format_date(day, format="long", locale=lang)
        links = [a.get("href") for a in row.findall(".//a")]
        assert f"{lang}/doc/page.html" in links and f"{lang}.zip" in links
        assert "100%" in row.text_content() and "built" in row.text_content()


def test_assets_beside_the_sources_travel_in_every_bundle(bundle_project, sample):
    """An image the page refers to is copied, unchanged, into each language and its zip."""
    import zipfile

    config = bundle_project()
    image = config.source_dir / "doc" / "images" / "banner.svg"
    image.parent.mkdir(parents=True)
    image.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n')
    (config.source_dir / ".notes.txt.swp").write_bytes(b"editor swap file")  # hidden: left out
    build(config, check_languages=sample.no_checks)
    for lang in ("ar", "en", "fr", "zh"):
        copied = config.output_dir / lang / "doc" / "images" / "banner.svg"
        assert copied.read_bytes() == image.read_bytes()
        manifest = json.loads((config.output_dir / lang / "manifest.json").read_text("utf-8"))
        assert manifest["files"]["doc/images/banner.svg"] == hashlib.sha256(image.read_bytes()).hexdigest()
        with zipfile.ZipFile(config.output_dir / f"{lang}.zip") as archive:
            assert f"{lang}/doc/images/banner.svg" in archive.namelist()
            assert not any(".swp" in name for name in archive.namelist())
