"""The terminology glossary: model, TBX and CSV files, validation and the term matcher."""

from .model import Concept, Glossary, LanguageSection, Status, Term, TermType

__all__ = ["Concept", "Glossary", "LanguageSection", "Status", "Term", "TermType"]
