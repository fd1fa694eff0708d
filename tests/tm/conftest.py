"""A real PostgreSQL server for the memory's tests, started once per test session.

initdb and pg_ctl come from PATH or Debian's /usr/lib/postgresql/<version>/bin (the
`postgresql` package, which .ci/run installs). The server listens on a unix socket in a
folder of its own (no port to collide with), with fsync off. initdb refuses to run as root:
as root, the server runs as the `postgres` user (Debian's package creates it) or `nobody`.
Tests that need it skip, with the reason, when psycopg is missing or no server can be
started.

Roles: ``l10n`` (the superuser, trusted on the socket) and ``translator`` (password
``s3cret-pw``, an ordinary role); every other connection needs its password.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

PASSWORD = "s3cret-pw"  # test_postgres.py says it too (conftest is not importable)
HBA = """\
local all l10n trust
local all all scram-sha-256
"""


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")
    candidates.sort(key=lambda path: [int(part) if part.isdigit() else 0
                                      for part in Path(path).parts[-3].split(".")])
    return candidates[-1] if candidates else None


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged user to run the server as, when the tests run as root."""
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    return None


@dataclass
class Server:
    folder: Path
    _numbers = itertools.count(1)

    def url(self, database: str = "postgres", user: str = "l10n",
            password: str | None = None) -> str:
        who = f"{user}:{password}" if password else user
        return f"postgresql://{who}@/{database}?host={self.folder}"

    def admin(self, database: str = "postgres"):
        import psycopg

        return psycopg.connect(self.url(database), autocommit=True)

    def new_database(self, owner: str = "l10n") -> str:
        name = f"tm_{os.getpid()}_{next(self._numbers)}"
        with self.admin() as db:
            db.execute(f'CREATE DATABASE "{name}" OWNER "{owner}"')
        return name


def _as_server_user():
    """A preexec_fn that drops root for the server's user (None when not root)."""
    if os.geteuid() != 0:
        return None
    user = _server_user()

    def preexec() -> None:  # initdb and postgres refuse to run as root
        os.setgroups([])
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)

    return preexec


def _start(folder: Path) -> tuple[subprocess.CompletedProcess | None, str]:
    """Start the server in ``folder``; the reason it could not be started, or ''."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        return None, "no PostgreSQL server binaries (initdb, pg_ctl): install Debian's postgresql"
    if os.geteuid() == 0:
        user = _server_user()
        if user is None:
            return None, "running as root, and no unprivileged user to run PostgreSQL as"
        os.chown(folder, user.pw_uid, user.pw_gid)
    preexec = _as_server_user()

    data = folder / "data"
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    steps = [
        [initdb, "-D", str(data), "-U", "l10n", "--auth=trust", "-E", "UTF8",
         "--locale=C.UTF-8", "--no-sync"],
        [pg_ctl, "-D", str(data), "-l", str(folder / "server.log"), "-w", "-t", "60", "-o",
         f"-c listen_addresses='' -c unix_socket_directories='{folder}' -c fsync=off "
         f"-c synchronous_commit=off -c full_page_writes=off", "start"],
    ]
    for number, command in enumerate(steps):
        if number == 1:
            (data / "pg_hba.conf").write_text(HBA)
        try:
            done = subprocess.run(command, capture_output=True, text=True, env=env,
                                  preexec_fn=preexec, cwd=folder, timeout=120)
        except (OSError, subprocess.SubprocessError) as exc:
            return None, f"{Path(command[0]).name} could not run: {exc}"
        if done.returncode != 0:
            log = folder / "server.log"
            detail = (done.stderr or done.stdout).strip().splitlines()
            if log.is_file():
                detail += log.read_text(errors="replace").strip().splitlines()[-3:]
            return None, f"{Path(command[0]).name} failed: {' / '.join(detail[-4:])}"
    return done, ""


@pytest.fixture(scope="session")
def postgres_server():
    """A running PostgreSQL server (skips the test, with the reason, when none can be had)."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install l10n[postgres])")
    folder = Path(tempfile.mkdtemp(prefix="l10n-pg-"))  # short: a socket path has 107 bytes
    os.chmod(folder, 0o755)
    _, reason = _start(folder)
    if reason:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"no PostgreSQL server could be started: {reason}")
    server = Server(folder)
    try:
        with server.admin() as db:
            db.execute(f"CREATE ROLE translator LOGIN PASSWORD '{PASSWORD}'")
        yield server
    finally:
        subprocess.run([_binary("pg_ctl"), "-D", str(folder / "data"), "-m", "immediate",
                        "-w", "stop"], capture_output=True, preexec_fn=_as_server_user(),
                       timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """The URL of a new, empty database on the test server (pg_trgm is added by l10n)."""
    return postgres_server.url(postgres_server.new_database())


@pytest.fixture(params=["sqlite", "postgresql"])
def memory_location(request, tmp_path) -> str:
    """Where a memory lives, once per backend: an SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "tm.sqlite")
    return request.getfixturevalue("postgres_url")
