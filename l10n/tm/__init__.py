"""The translation memory: every translation already made, for reuse in new documents.

    memory = open_memory(config)                        # a Memory over the default backend
    memory.import_files([Path("un.tmx")])               # TMX 1.4b or PO, in one transaction
    matches = memory.lookup("The General Assembly ...", "en", "fr", threshold=75)

The store (``backend.Backend``) is a small interface: SQLite (``sqlite_store``) is the
default and needs no set-up; a team shares one on PostgreSQL with pg_trgm
(``postgres_store``), chosen by a postgresql:// URL (docs/tm-shared.md).
"""
