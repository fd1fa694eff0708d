"""XLIFF exchange: PO catalogues out to CAT tools (XLIFF 1.2 or 2.0) and translations back.

``convert`` maps a catalogue to an XLIFF document and back without loss, ``inline`` turns the
markup kept in entries into XLIFF inline codes, ``exchange`` runs export and import on a
project, and ``commands`` is the ``l10n xliff`` command group.
"""
