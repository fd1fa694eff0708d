"""TBX reading (v3, 2008, other tools' files), safe XML, and deterministic TBX-Basic writing."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from l10n.errors import InputError
from l10n.glossary.model import Concept, Glossary, LanguageSection, Status, Term, TermType
from l10n.glossary.store import load_glossary, save_glossary
from l10n.glossary.io.tbx import read_tbx
from l10n.glossary.store import dump_glossary
from l10n.util.xmlsafe import ENTITY_MESSAGE
from support import REPO, SHARED

DATA = Path(__file__).with_name("data")
TBX = SHARED / "testdata" / "tbx"
RNG = TBX / "v3" / "TBXcoreStructV03_TBX-Basic_integrated_2019.rng"


def needs_shared() -> None:
    if not TBX.is_dir():
        pytest.skip("../shared/testdata/tbx is not beside the checkout")


def sample() -> Glossary:
    """A glossary exercising every field the writer keeps."""
    ga = Concept("BODY-GA", "body", definition="Main deliberative organ.", note="Charter Art. 9")
    ga.section("en").terms += [
        Term("General Assembly", note="conf=V-doc", source="https://example.org/ga",
             part_of_speech="properNoun", gender="other", number="singular"),
        Term("GA", Status.ADMITTED, TermType.ABBREVIATION, case_sensitive=True),
    ]
    ga.languages["zh"] = LanguageSection("zh", [Term("大会")], check_as_source=False)
    ga.languages["fr"] = LanguageSection("fr", [Term("Assemblée générale")], check_as_target=False)
    code = Concept("ERR-406", "phrase")
    code.section("en").terms.append(Term("SYS_ERR_406", do_not_translate=True))
    return Glossary({"ERR-406": code, "BODY-GA": ga}, title="Sample", source_lang="en")


def schema():
    needs_shared()
    return etree.RelaxNG(etree.parse(str(RNG)))


@pytest.mark.parametrize("name, concepts, langs", [
    ("v3/example-basic-dca.tbx", 45, ["en", "es", "zu"]),
    ("v3/basic_good.tbx", 45, ["en", "es", "zu"]),
    ("v3/basic_bad.tbx", 45, ["en", "es", "zu"]),
    ("v2/tt-administrative-status.tbx", 2, ["en", "fr"]),
    ("v2/tt-multilingual.tbx", 1, ["de", "en", "es"]),
    ("v2/weblate-cs.tbx", 4, ["cs", "en"]),
    ("v2/weblate-fr-extended-metadata.tbx", 3, ["en", "fr"]),
], ids=lambda v: v if isinstance(v, str) and v.endswith(".tbx") else "")
def test_reads_other_tools_files(name, concepts, langs):
    needs_shared()
    glossary = read_tbx(TBX / name)
    assert len(glossary.concepts) == concepts
    assert glossary.languages() == langs


@pytest.mark.parametrize("name, concept, lang, text, status", [
    ("v3/example-basic-dca.tbx", "c1", "en", "galactic cluster", Status.DEPRECATED),  # superseded
    ("v3/example-basic-dca.tbx", "c2", "en", "accretion disc", Status.ADMITTED),
    ("v3/basic_good.tbx", "c1", "en", "open cluster", Status.PREFERRED),  # usageStatus
    ("v3/basic_good.tbx", "c1", "en", "galactic cluster", Status.DEPRECATED),
    ("v3/example-basic-dca.tbx", "c1", "es", "cúmulo abierto", Status.PREFERRED),  # untagged
    ("v2/tt-administrative-status.tbx", "e001", "en", "data bus", Status.DEPRECATED),
    ("v2/tt-administrative-status.tbx", "e001", "fr", "bus de données", Status.DEPRECATED),
    ("v2/weblate-fr-extended-metadata.tbx", "e001", "en", "data bus", Status.DEPRECATED),  # obsolete
    ("v2/weblate-fr-extended-metadata.tbx", "e003", "fr", "boîte combinée", Status.ADMITTED),
], ids=lambda v: str(v.value if isinstance(v, Status) else v))
def test_status_mapping(name, concept, lang, text, status):
    needs_shared()
    terms = {t.text: t for t in read_tbx(TBX / name).concepts[concept].terms(lang)}
    assert terms[text].status is status


def test_weblate_metadata():
    needs_shared()
    concepts = read_tbx(TBX / "v2" / "weblate-fr-extended-metadata.tbx").concepts
    assert concepts["e001"].definition == "Superseded but still found in older manuals."
    [code] = concepts["e002"].terms("en")
    assert code.note == "Do not translate error codes."  # the duplicate note is dropped
    assert code.do_not_translate  # "Translation needed: No"


def test_example_domain_and_definition():
    needs_shared()
    c1 = read_tbx(TBX / "v3" / "example-basic-dca.tbx").concepts["c1"]
    assert c1.domain == "General"
    assert c1.definition == "A group of stars formed together in the spiral arms of a galaxy."


def test_ntig_dct_and_network_dtd_is_never_fetched():
    concept = read_tbx(DATA / "network_dtd.tbx").concepts["t1"]
    assert concept.domain == "body"
    [fr] = concept.terms("fr")
    assert (fr.text, fr.status, fr.note) == ("Conseil de sécurité", Status.PREFERRED, "conf=V-doc")
    dct = read_tbx(DATA / "dct_style.tbx").concepts["c1"]
    assert dct.domain == "body"
    assert [t.status for t in dct.terms("en")] == [Status.PREFERRED, Status.DEPRECATED]


@pytest.mark.parametrize("name, line", [("billion_laughs.tbx", 3), ("external_entity.tbx", 2)])
def test_entity_declarations_are_refused(name, line):
    with pytest.raises(InputError) as caught:
        read_tbx(DATA / name)
    assert caught.value.message == ENTITY_MESSAGE
    assert caught.value.path == str(DATA / name) and caught.value.line == line
    assert "lol" not in str(caught.value) and "root:" not in str(caught.value)


@pytest.mark.parametrize("name, line, words", [
    ("poorly_formed_xml.tbx", 42, "not well-formed"),
])
def test_malformed_tbx_names_file_and_line(name, line, words):
    needs_shared()
    with pytest.raises(InputError) as caught:
        read_tbx(TBX / "v3" / name)
    assert caught.value.line == line and words in caught.value.message
    assert caught.value.path.endswith(name)


def test_unknown_status_names_the_line():
    with pytest.raises(InputError) as caught:
        read_tbx(DATA / "unknown_status.tbx")
    assert caught.value.line == 9 and "favouriteTerm" in caught.value.message


def test_write_read_round_trip(tmp_path):
    original = sample()
    path = tmp_path / "g.tbx"
    save_glossary(original, path)
    first = path.read_bytes()
    again = read_tbx(path)
    assert again == original
    save_glossary(again, path)
    assert path.read_bytes() == first  # reading then writing a file we wrote changes nothing


def test_written_layout_is_deterministic():
    glossary = sample()
    glossary.concepts["BODY-GA"].languages["en"].terms.reverse()  # admitted first: reordered
    text = dump_glossary(glossary)
    lines = text.splitlines()
    assert lines[0] == '<?xml version="1.0" encoding="UTF-8"?>' and text.endswith("</tbx>\n")
    assert text.index('id="BODY-GA"') < text.index('id="ERR-406"')  # sorted by id
    assert text.index('xml:lang="en"') < text.index('xml:lang="fr"') < text.index('xml:lang="zh"')
    assert text.index("<term>General Assembly</term>") < text.index("<term>GA</term>")  # status order
    assert all(not line.startswith("\t") and (len(line) - len(line.lstrip())) % 2 == 0 for line in lines)
    assert dump_glossary(sample()) == text


def test_written_file_is_valid_against_the_rng():
    relaxng = schema()
    assert relaxng.validate(etree.fromstring(dump_glossary(sample()).encode())), relaxng.error_log


@pytest.mark.parametrize("name", sorted(p.name for p in (REPO / "glossary").glob("*.tbx")))
def test_shipped_glossary_files_are_schema_valid(name):
    relaxng = schema()
    document = etree.parse(str(REPO / "glossary" / name))
    assert relaxng.validate(document), relaxng.error_log


def test_folder_merge_and_duplicate_ids(tmp_path):
    one, two = sample(), Glossary({"BODY-SC": Concept("BODY-SC", "body")})
    two.concepts["BODY-SC"].section("en").terms.append(Term("Security Council"))
    save_glossary(one, tmp_path / "a.tbx")
    save_glossary(two, tmp_path / "b.tbx")
    assert sorted(load_glossary(tmp_path).concepts) == ["BODY-GA", "BODY-SC", "ERR-406"]
    save_glossary(one, tmp_path / "c.tbx")
    with pytest.raises(InputError) as caught:
        load_glossary(tmp_path)
    assert caught.value.path == str(tmp_path / "c.tbx") and "a.tbx" in caught.value.message
