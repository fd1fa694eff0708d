"""The ``segment`` command, run alone through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.errors import InputError
from l10n.segment.commands import segment

TEXT = "H.E. Mr. Smith opened the Summit. It closed on 6 November.\n\n204. The Committee\nwas informed."


def test_lines_from_stdin() -> None:
    result = CliRunner().invoke(segment, ["--lang", "en"], input=TEXT.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "H.E. Mr. Smith opened the Summit.", "It closed on 6 November.",
        "204. The Committee was informed."]


def test_json_from_file(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("会议开幕。“我们必须行动！”他说。", "utf-8")
    result = CliRunner().invoke(segment, ["--lang", "zh-Hans", str(source), "--json"])
    assert result.exit_code == 0, result.output
    assert "“" in result.output  # ensure_ascii=False
    assert json.loads(result.output) == ["会议开幕。", "“我们必须行动！”他说。"]


def test_dash_means_stdin() -> None:
    result = CliRunner().invoke(segment, ["--lang", "xx", "-", "--json"], input=b"One. Two.")
    assert json.loads(result.output) == ["One.", "Two."]


def test_lang_is_required() -> None:
    result = CliRunner().invoke(segment, [], input=b"One.")
    assert result.exit_code == 2
    assert "--lang" in result.output


def test_bad_utf8_on_stdin_raises_input_error() -> None:
    result = CliRunner().invoke(segment, ["--lang", "en"], input=b"ok\n\xff")
    assert isinstance(result.exception, InputError)
    assert str(result.exception).startswith("<stdin>:2:")


@pytest.mark.parametrize(("content", "message"), [(None, "no such file"), (b"\xfe", "not valid UTF-8")],
                         ids=["missing", "bad-utf8"])
def test_bad_file_raises_input_error(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "in.txt"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(segment, ["--lang", "en", str(path)])
    assert isinstance(result.exception, InputError)
    assert message in str(result.exception)
