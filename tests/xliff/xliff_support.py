"""Helpers for the XLIFF tests: the OASIS schemas (copied into tests/xliff/data, validated
without network) and the example project's catalogues."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
REPO = HERE.parents[1]
STRESS = HERE / "stress.po"
EXAMPLE_CATALOGUES = sorted((REPO / "po").glob("*/**/*.po"))


class _LocalXmlXsd(etree.Resolver):
    """The W3C xml.xsd the schemas import by URL, from the local copy."""

    def resolve(self, url, pubid, context):
        if url.endswith("xml.xsd"):
            return self.resolve_filename(str(DATA / "xml.xsd"), context)
        return None


@lru_cache(maxsize=None)
def schema(version: str) -> etree.XMLSchema:
    """The XLIFF 1.2 strict schema, or the 2.0 core schema with its metadata module."""
    name = "1.2/xliff-core-1.2-strict.xsd" if version == "1.2" else "2.0/core-and-metadata.xsd"
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlXsd())
    return etree.XMLSchema(etree.parse(str(DATA / name), parser))


def schema_errors(data: bytes, version: str) -> list[str]:
    checker = schema(version)
    if checker.validate(etree.fromstring(data)):
        return []
    return [f"{error.line}: {error.message}" for error in checker.error_log]
