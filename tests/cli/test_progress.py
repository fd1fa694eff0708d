"""Progress bars on long runs: drawn on a terminal only, never in piped output or CI logs."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

import pytest

from l10n.cli.support import progress, show_progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream, environ, shown", [
    (Terminal(), {}, True),
    (Terminal(), {"CI": "true"}, False),
    (Terminal(), {"CI": "1"}, False),
    (Terminal(), {"CI": "false"}, True),
    (Terminal(), {"CI": ""}, True),
    (io.StringIO(), {}, False),
], ids=["terminal", "ci", "ci-1", "ci-false", "ci-empty", "pipe"])
def test_the_decision(stream, environ, shown):
    assert show_progress(stream, environ) is shown


def test_no_bar_off_a_terminal(capsys):
    with progress("Working")(10) as tick:
        for _ in range(10):
            tick()
    captured = capsys.readouterr()
    assert captured.out == captured.err == ""


SOURCES = {f"source/doc{i}.txt": f"Sentence number {i}. Another one.\n" for i in range(4)}
SETTINGS = 'source-language = "en"\nlanguages = ["en", "fr"]\n'


def _env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    return {**env, **extra}


def _run_on_a_terminal(root, args, env) -> tuple[str, str]:
    """Run l10n with standard error on a pseudo-terminal and standard output piped."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "l10n", "-C", str(root), *args],
                               stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end closed
            break
        if not chunk:
            break
        shown += chunk
    out = process.stdout.read()
    process.wait(timeout=120)
    os.close(leader)
    assert process.returncode == 0, (out, shown)
    return out.decode(), shown.decode(errors="replace")


@pytest.mark.parametrize("args, label", [(["extract"], "Extracting"),
                                         (["update"], "Updating")])
def test_a_terminal_sees_the_bar_and_stdout_does_not(make_project, args, label):
    root = make_project(SOURCES, SETTINGS)
    if args != ["extract"]:
        subprocess.run([sys.executable, "-m", "l10n", "-C", str(root), "extract"], check=True,
                       capture_output=True)
    out, terminal = _run_on_a_terminal(root, args, _env())
    assert label in terminal and "100%" in terminal
    assert label not in out


def test_ci_and_pipes_get_no_bar(make_project):
    root = make_project(SOURCES, SETTINGS)
    _, terminal = _run_on_a_terminal(root, ["extract"], _env(CI="true"))
    assert "Extracting" not in terminal
    piped = subprocess.run([sys.executable, "-m", "l10n", "-C", str(root), "update"],
                           capture_output=True, text=True, env=_env())
    assert piped.returncode == 0, piped.stderr
    assert "Updating" not in piped.stderr + piped.stdout
    assert "%" not in piped.stderr


def test_check_draws_no_bar_in_ci_even_on_a_terminal(make_project):
    """`l10n check` drew its bar on any terminal; a CI runner with a TTY logs it no more."""
    root = make_project(SOURCES, SETTINGS)
    for step in ("extract", "update"):
        subprocess.run([sys.executable, "-m", "l10n", "-C", str(root), step], check=True,
                       capture_output=True)
    _, terminal = _run_on_a_terminal(root, ["check", "--fail-on", "never"], _env())
    assert "Checking" in terminal
    _, terminal = _run_on_a_terminal(root, ["check", "--fail-on", "never"], _env(CI="true"))
    assert "Checking" not in terminal
