"""Exit codes and error messages of the real commands: one line on stderr, never a password.

Exit codes (cli/errors.py, documented in the README): 0 all good, 1 some inputs skipped,
2 usage error, 3 Neo4j unreachable or refused, 4 a model cannot load, 5 local server error,
74 a file cannot be read or written, 70 a bug in kg.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from cli.errors import ExitCode
from cli.main import app

runner = CliRunner()
KG = os.path.join(os.path.dirname(sys.executable), "kg")
NO_NEO4J = {"NEO4J_URI": None, "NEO4J_USERNAME": None, "NEO4J_PASSWORD": None,
            "NEO4J_DATABASE": None}
GOOD = "date 2023-05-02\nPoetin bedreigde Polen met een aanval.\n"
SECRET = "s3cret-Pa55word-not-for-logs"


def kg(*args: object, env: dict[str, str | None] | None = None):
    return runner.invoke(app, [str(a) for a in args], env=NO_NEO4J | (env or {}))


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def flat(text: str) -> str:
    """A usage error box as one line: no frame characters, single spaces."""
    return " ".join(text.replace("│", " ").split())


def one_error_line(result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kg: error: ")
    return lines[0]


# ---------------------------------------------------------------------------- 2: usage


@pytest.mark.parametrize("args", [
    ["--min-confidence", "2"],
    ["--format", "pdf"],
    ["-f", "json,xml"],
    ["--lang", "xx"],
    ["--processes", "0"],
    ["--batch-size", "0"],
    ["--neo4j", "bolt://127.0.0.1:1"],  # and no password
    ["--no-such-option"],
])
def test_bad_option_values_of_build_are_usage_errors_before_any_work(good, tmp_path, args):
    result = kg("build", good, "--out", tmp_path / "out", *args)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "Usage: kg build" in result.stderr
    assert not (tmp_path / "out").exists()


def test_out_that_is_a_file_is_a_usage_error(good):
    result = kg("build", good, "--out", good)
    assert result.exit_code == ExitCode.USAGE
    assert "is a file, not a folder" in flat(result.stderr)


@pytest.mark.parametrize("args", [
    ["extract", "{good}", "--format", "xml"],
    ["extract", "{good}", "--lang", "de"],
    ["extract"],
    ["query", "no_such_query", "--neo4j", "bolt://127.0.0.1:1", "--password", "x"],
    ["query", "who_threatens_whom", "--param", "limit=many", "--neo4j", "bolt://127.0.0.1:1",
     "--password", "x"],
    ["export", "{missing}"],
    ["nosuchcommand"],
])
def test_usage_errors_of_other_commands(good, tmp_path, args):
    args = [a.format(good=good, missing=tmp_path / "missing") for a in args]
    result = kg(*args)
    assert result.exit_code == ExitCode.USAGE, result.output


def test_lang_is_normalised_not_rejected(tmp_path):
    result = runner.invoke(app, ["extract", "-", "--lang", "NL", "-q"],
                           input="Poetin bedreigde Polen.\n", env=NO_NEO4J)
    assert result.exit_code == ExitCode.OK, result.output
    assert '"relation": "THREATENS"' in result.stdout


# ---------------------------------------------------------------------------- 3: Neo4j


def test_unreachable_neo4j_is_exit_3_in_one_line_without_the_password(good, tmp_path):
    result = kg("build", good, "--neo4j", "bolt://127.0.0.1:1", "--password", SECRET,
                "--out", tmp_path / "out")
    assert result.exit_code == ExitCode.NEO4J
    line = one_error_line(result)
    assert line.startswith("kg: error: cannot reach Neo4j at bolt://127.0.0.1:1")
    assert SECRET not in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()  # checked before reading anything


def test_unreachable_neo4j_with_the_password_in_the_environment(good):
    result = kg("build", good, "--neo4j", "bolt://127.0.0.1:1", env={"NEO4J_PASSWORD": SECRET})
    assert result.exit_code == ExitCode.NEO4J
    one_error_line(result)
    assert SECRET not in result.stdout + result.stderr


def test_bad_neo4j_uri_is_exit_3(good):
    result = kg("build", good, "--neo4j", "http://127.0.0.1:7474", "--password", SECRET)
    assert result.exit_code == ExitCode.NEO4J
    assert "that is Neo4j Browser's address" in one_error_line(result)
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.neo4j
def test_wrong_password_on_the_real_server_is_exit_3_without_the_password(neo4j_server, good):
    result = kg("build", good, "--neo4j", neo4j_server.uri, "--user", neo4j_server.user,
                env={"NEO4J_PASSWORD": SECRET})
    assert result.exit_code == ExitCode.NEO4J
    line = one_error_line(result)
    assert f"refused user '{neo4j_server.user}'" in line and "wrong user or password" in line
    assert SECRET not in result.stdout + result.stderr
    assert neo4j_server.password not in result.stdout + result.stderr


def test_help_never_shows_the_password():
    for command in ("build", "load", "stats", "query"):
        result = kg(command, "--help", env={"NEO4J_PASSWORD": SECRET})
        assert result.exit_code == 0
        assert "NEO4J_PASSWORD" in result.stdout
        assert SECRET not in result.stdout + result.stderr


# ---------------------------------------------------------------------------- 4, 5, 74


def test_model_that_cannot_load_is_exit_4(good, tmp_path):
    """A subprocess: the pipeline of this test process is already loaded and cached."""
    env = {k: v for k, v in os.environ.items() if k not in NO_NEO4J}
    env["KG_MODEL_NL"] = "/nonexistent"
    proc = subprocess.run([KG, "build", str(good), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == ExitCode.MODEL, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: cannot load spaCy pipeline "
                                                   "'/nonexistent' for 'nl'")
    assert "KG_MODEL_NL" in lines[0] and ".." not in lines[0]


def test_server_error_is_exit_5(tmp_path):
    result = kg("server", "password", "--data-dir", tmp_path / "no-server")
    assert result.exit_code == ExitCode.SERVER
    assert "no password stored" in one_error_line(result)


def test_report_that_cannot_be_written_is_a_usage_error_before_any_work(good, tmp_path):
    result = kg("build", good, "--out", tmp_path / "out", "--report", good / "report.jsonl",
                "--quiet")
    assert result.exit_code == ExitCode.USAGE
    assert str(good) in one_error_line(result)
    assert not (tmp_path / "out").exists()


def test_traceback_option_shows_the_exception_and_keeps_the_exit_code(tmp_path):
    result = kg("--traceback", "build", tmp_path / "missing.txt")
    assert result.exit_code == ExitCode.USAGE
    assert "Traceback" in result.stderr and "kg.errors.InputError" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("kg: error: no such file")
