"""The quick walk of common TBX concepts (tbx_fast) reads what the general walk (tbx) reads.

The reader tries the quick walk on every concept and falls back to the general one when the
concept has another shape. Both must give the same Glossary, or the same error, for every
file: the example glossary, a generated one, the shared samples, and data/shapes (one file per
unusual shape: groups, inline markup, DCT style, CDATA, multi-line text, other encodings, each
error the reader reports).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.errors import InputError
from l10n.glossary.io import tbx
from support import REPO, SHARED

SHAPES = sorted((Path(__file__).parent / "data" / "shapes").glob("*.tbx"))
SAMPLES = sorted(SHARED.glob("testdata/tbx/v*/*.tbx")) if SHARED.is_dir() else []


def outcome(path: Path):
    try:
        return tbx.read_tbx(path)
    except InputError as error:
        return ("error", str(error))


def both_walks(path: Path, monkeypatch) -> tuple[object, object, int]:
    """(the reader's result, the general walk's result, concepts the quick walk read)."""
    quick = tbx.read_common_concept
    taken = []

    def counting(*args):
        concept = quick(*args)
        taken.append(concept is not None)
        return concept

    with monkeypatch.context() as patch:
        patch.setattr(tbx, "read_common_concept", counting)
        usual = outcome(path)
    with monkeypatch.context() as patch:
        patch.setattr(tbx, "read_common_concept", lambda *args: None)
        general = outcome(path)
    return usual, general, sum(taken)


@pytest.mark.parametrize("path", SHAPES, ids=[p.stem for p in SHAPES])
def test_each_shape_reads_alike(path, monkeypatch):
    usual, general, _ = both_walks(path, monkeypatch)
    assert usual == general


@pytest.mark.parametrize("path", sorted((REPO / "glossary").glob("*.tbx")),
                         ids=lambda p: p.stem)
def test_the_example_glossary_goes_the_quick_way(path, monkeypatch):
    usual, general, quick = both_walks(path, monkeypatch)
    assert usual == general
    assert quick == len(usual.concepts) > 0


@pytest.mark.parametrize("version", ["v3", "2008"])
def test_a_generated_glossary_reads_alike(version, tmp_path, monkeypatch):
    from benchmarks import glossgen

    items = glossgen.concepts(300)
    path = tmp_path / f"g-{version}.tbx"
    (glossgen.write_tbx_v3 if version == "v3" else glossgen.write_tbx_2008)(items, path)
    usual, general, quick = both_walks(path, monkeypatch)
    assert usual == general and quick == 300


def test_the_shared_samples_read_alike(monkeypatch):
    if not SAMPLES:
        pytest.skip("../shared (TBX samples) is not beside the checkout")
    for path in SAMPLES:
        usual, general, _ = both_walks(path, monkeypatch)
        assert usual == general, path.name
