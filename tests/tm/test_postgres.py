"""The shared memory on PostgreSQL (pg_trgm), against a real server (conftest.py starts it).

The store's behaviour is tested on both backends by test_store.py, test_tmx.py and
test_pretranslate.py; here what only the PostgreSQL backend has: selection by URL, the
trigram index, and bad input (an unreachable server, wrong credentials, no pg_trgm, a
locked memory), each one line naming the URL with its password masked, exit 2, nothing
changed.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.cli import cli
from l10n.config import load_config
from l10n.errors import ConfigError, InputError
from l10n.tm.memory import memory_path, open_memory
from l10n.tm.model import TMUnit
from l10n.tm.postgres_store import masked

PASSWORD = "s3cret-pw"  # the role translator's, on the test server (conftest.py)

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en"><seg>The Security Council met today.</seg></tuv>
<tuv xml:lang="fr"><seg>Le Conseil de sécurité s'est réuni aujourd'hui.</seg></tuv>
<tuv xml:lang="zh-CN"><seg>安全理事会今天举行了会议。</seg></tuv></tu>
</body></tmx>
"""


def import_tmx(tmp_path: Path, memory: str, *extra: str):
    tmx = tmp_path / "in.tmx"
    tmx.write_text(TMX, "utf-8")
    return CliRunner().invoke(cli, ["-C", str(tmp_path), "tm", "import", str(tmx),
                                    "--memory", memory, *extra])


def tables(server, database: str) -> set[str]:
    with server.admin(database) as db:
        return {name for (name,) in db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


# ------------------------------------------------------------------------- selection by URL

@pytest.mark.parametrize("url, shown", [
    ("postgresql://tm:s3cret@db.example.org:5433/memory",
     "postgresql://tm:***@db.example.org:5433/memory"),
    ("postgresql://tm@db/memory?password=s3cret&sslmode=require",
     "postgresql://tm@db/memory?password=***&sslmode=require"),
    ("postgres://tm@/memory?host=/run/postgresql", "postgres://tm@/memory?host=/run/postgresql"),
])
def test_passwords_are_masked(url, shown):
    assert masked(url) == shown


def test_a_url_in_the_settings_or_the_environment_selects_postgresql(make_project, monkeypatch):
    url = "postgresql://tm@db.example.org/memory"
    root = make_project({}, f'tm = "{url}"\n')
    assert memory_path(load_config(root, explicit=True)) == url
    monkeypatch.setenv("L10N_TM_URL", "postgresql://other@db/tm")
    assert memory_path(load_config(root, explicit=True)) == "postgresql://other@db/tm"
    monkeypatch.setenv("L10N_TM_URL", "memory.sqlite")
    with pytest.raises(ConfigError, match="L10N_TM_URL must be a postgresql:// URL"):
        memory_path(load_config(root, explicit=True))


def test_another_scheme_is_refused_at_its_line(make_project):
    root = make_project({}, 'tm = "mysql://tm@db/memory"\n')
    with pytest.raises(ConfigError, match="mysql:// is not a memory") as caught:
        load_config(root, explicit=True)
    assert caught.value.line == 6


def test_the_command_line_uses_the_configured_database(make_project, postgres_server):
    database = postgres_server.new_database(owner="translator")
    url = postgres_server.url(database, "translator", PASSWORD)
    root = make_project({"in.tmx": TMX}, f'tm = "{url}"\n')
    runner = CliRunner()
    result = runner.invoke(cli, ["-C", str(root), "tm", "import", str(root / "in.tmx")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["-C", str(root), "tm", "stats"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        f"memory: postgresql://translator:***@/{database}?host={postgres_server.folder}",
        "units: 2"]
    assert PASSWORD not in result.output
    assert "tm_sources" in tables(postgres_server, database)


# ----------------------------------------------------------------------------- the index

def _sentences(count: int) -> list[str]:
    rng = random.Random(5)
    words = ["".join(rng.choice("abcdefghijklmnoprstuvwy") for _ in range(rng.randint(3, 10)))
             for _ in range(3000)]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(10, 16))).capitalize() + "."
            for _ in range(count)]


def _scans(db) -> tuple[int, int]:
    """(sequential scans of tm_sources, scans of its English trigram index) so far, as
    PostgreSQL's statistics count them (this session's flushed first)."""
    db.execute("SELECT pg_stat_force_next_flush()")  # when the session is next idle
    db.execute("SELECT pg_stat_clear_snapshot()")
    return db.execute(
        "SELECT t.seq_scan, i.idx_scan FROM pg_stat_user_tables t JOIN pg_stat_user_indexes i "
        "ON i.relid = t.relid WHERE t.relname = 'tm_sources' AND "
        "i.indexrelname = 'tm_sources_key_en'").fetchone()


def test_fuzzy_candidates_come_from_the_trigram_index_not_a_scan(postgres_url):
    """PostgreSQL's own counts of the scans real lookups made: the GIN index once a lookup,
    the table never read whole (which its planner would choose at this size)."""
    sentences = _sentences(5000)
    with open_memory(path=postgres_url) as memory:
        memory.add(TMUnit(s, "en", "fr", s.upper()) for s in sentences)
        memory.add(TMUnit(s, "fr", "en", s.lower()) for s in sentences[:50])
        db = memory.backend.db
        db.execute("ANALYZE")
        before = _scans(db)
        for number in range(10):
            query = sentences[number].split()
            query[-2] = "amended"
            [match] = memory.lookup(" ".join(query), "en", "fr", threshold=70, limit=1)
            assert match.unit.source == sentences[number]
        after = _scans(db)
    assert (after[0] - before[0], after[1] - before[1]) == (0, 10)


def test_a_failed_add_leaves_the_memory_unchanged(postgres_url):
    def units():
        yield TMUnit("The Council met.", "en", "fr", "Le Conseil s'est réuni.")
        raise InputError("bad unit", path="in.tmx", line=3)

    with open_memory(path=postgres_url) as memory:
        memory.add([TMUnit("Welcome.", "en", "fr", "Bienvenue.")])
        before = (memory.stats(), list(memory.backend.iterate()))
        with pytest.raises(InputError, match="bad unit"):
            memory.add(units())
        assert (memory.stats(), list(memory.backend.iterate())) == before


# ----------------------------------------------------------------------------- bad input

def assert_one_line(result, url: str, message: str) -> None:
    assert result.exit_code == 2, result.output
    [line] = result.output.splitlines()
    assert line.startswith(f"{masked(url)}: error: {message}"), line
    assert PASSWORD not in result.output and "Traceback" not in result.output


def test_an_unreachable_server_is_one_line(tmp_path):
    url = f"postgresql://translator:{PASSWORD}@/tm?host={tmp_path}"  # no server there
    result = import_tmx(tmp_path, url, "--wait", "2")
    assert_one_line(result, url, "cannot connect to the translation memory: ")


def test_wrong_credentials_are_one_line(tmp_path, postgres_server):
    database = postgres_server.new_database()
    url = postgres_server.url(database, "translator", PASSWORD + "-wrong")
    result = import_tmx(tmp_path, url)
    assert_one_line(result, url, "cannot connect to the translation memory: ")
    assert "password authentication failed" in result.output
    assert tables(postgres_server, database) == set()


def test_a_database_without_pg_trgm_and_no_right_to_add_it_is_one_line(tmp_path,
                                                                       postgres_server):
    database = postgres_server.new_database(owner="l10n")  # translator may not CREATE there
    url = postgres_server.url(database, "translator", PASSWORD)
    result = import_tmx(tmp_path, url)
    assert_one_line(result, url, "the database has no pg_trgm extension and cannot add it")
    assert "CREATE EXTENSION pg_trgm" in result.output
    assert tables(postgres_server, database) == set()
    with postgres_server.admin(database) as db:
        assert db.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"
                          ).fetchone()[0] == 0
        db.execute("CREATE EXTENSION pg_trgm")  # once the administrator has added it ...
        db.execute("GRANT CREATE ON SCHEMA public TO translator")
    assert import_tmx(tmp_path, url).exit_code == 0  # ... the translator's import works


def test_a_database_whose_locale_hides_letters_from_pg_trgm_is_one_line(tmp_path,
                                                                        postgres_server):
    with postgres_server.admin() as db:
        db.execute("CREATE DATABASE tm_c_locale TEMPLATE template0 LC_CTYPE 'C' LC_COLLATE 'C'")
    url = postgres_server.url("tm_c_locale")
    result = import_tmx(tmp_path, url)
    assert_one_line(result, url, "the database's LC_CTYPE 'C' makes pg_trgm ignore letters")
    assert not {name for name in tables(postgres_server, "tm_c_locale")
                if name.startswith("tm_")}


def test_a_locked_memory_is_one_line_and_unchanged(tmp_path, postgres_server):
    database = postgres_server.new_database(owner="translator")
    url = postgres_server.url(database, "translator", PASSWORD)
    assert import_tmx(tmp_path, url).exit_code == 0
    with open_memory(path=url) as memory:
        before = list(memory.backend.iterate())
    (tmp_path / "more.tmx").write_text(TMX.replace("met today", "met again"), "utf-8")
    with postgres_server.admin(database) as other, other.transaction():
        other.execute("LOCK TABLE tm_meta IN EXCLUSIVE MODE")
        result = CliRunner().invoke(cli, ["-C", str(tmp_path), "tm", "import",
                                          str(tmp_path / "more.tmx"), "--memory", url,
                                          "--wait", "0.2"])
    assert_one_line(result, url, "the translation memory is locked by another process")
    with open_memory(path=url) as memory:
        assert list(memory.backend.iterate()) == before


def test_update_with_an_unreachable_memory_writes_nothing(make_project, tmp_path):
    url = f"postgresql://translator:{PASSWORD}@/tm?host={tmp_path}"
    root = make_project({"source/report.txt": "The Council met.\n"},
                        f'languages = ["en", "fr"]\ntm = "{url}"\n')
    runner = CliRunner()
    assert runner.invoke(cli, ["-C", str(root), "extract"]).exit_code == 0
    result = runner.invoke(cli, ["-C", str(root), "update", "--tm", "--wait", "2"])
    assert_one_line(result, url, "cannot connect to the translation memory: ")
    assert not (root / "po" / "fr").exists()
