"""Faults that used to cost good work (issue 14), each run through the real ``kg`` command.

Subprocesses where the fault is about the process itself (a FIFO that would block forever,
a driver line printed behind kg's back, exit codes under ``--traceback``); ``CliRunner``
elsewhere.  Every failure path is searched for the password.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import NO_NEO4J, kg
from files import same_name_in_two_folders

from cli.errors import ExitCode

KG = str(Path(sys.executable).with_name("kg"))
SECRET = "Secret123-not-for-logs"
TEXT = "date 2024-03-01\nRussia attacked Ukraine with drones.\n"


def kg_process(*args: object, env: dict[str, str] | None = None, timeout: float = 300,
               cwd: Path | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in NO_NEO4J}
    return subprocess.run([KG, *map(os.fspath, args)], capture_output=True, text=True,
                          env=base | (env or {}), timeout=timeout, cwd=cwd)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "x.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def report_of(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "report.jsonl").read_text("utf-8").splitlines()]


# ---------------------------------------------------------------------------- A, B, F


def test_symlink_loop_no_longer_aborts_the_build(tmp_path):
    """A: exit 70 and nothing written; now the loop is skipped and the article is in."""
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "self.txt").symlink_to("self.txt")
    result = kg("build", tmp_path / "in", "--out", tmp_path / "o", "-q")
    assert result.exit_code == ExitCode.SOME_SKIPPED, result.output
    graph = json.loads((tmp_path / "o" / "graph.json").read_text("utf-8"))
    assert list(graph["graph"]["documents"]) == ["sub/a"]
    assert [(r["kind"], r["reason"]) for r in report_of(tmp_path / "o")] == [
        ("skipped", "cannot read: symbolic link loop")]


def test_file_name_that_is_not_utf8_no_longer_aborts_build_or_extract(tmp_path):
    """B: ``UnicodeEncodeError ... surrogates not allowed`` in event_id, exit 70."""
    folder = os.fsencode(tmp_path / "in")
    os.makedirs(folder)
    with open(os.path.join(folder, b"caf\xe9.txt"), "w", encoding="utf-8") as fh:
        fh.write(TEXT)
    result = kg("build", tmp_path / "in", "--out", tmp_path / "o", "-q")
    assert result.exit_code == ExitCode.OK, result.output
    graph = json.loads((tmp_path / "o" / "graph.json").read_text("utf-8"))
    assert list(graph["graph"]["documents"]) == ["caf\\xe9"]
    assert any(ev["doc_id"] == "caf\\xe9" for e in graph["edges"] for ev in e["evidence"])
    extract = kg_process("extract", tmp_path / "in")
    assert extract.returncode == ExitCode.OK, extract.stderr
    assert {json.loads(line)["doc_id"] for line in extract.stdout.splitlines()} == {"caf\\xe9"}


def test_fifo_in_an_input_folder_is_skipped_not_waited_for(tmp_path):
    """F: the build hung forever on ``in/pipe.txt`` without a message."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    proc = kg_process("build", tmp_path / "in", "--out", tmp_path / "o", "-q", timeout=240)
    assert proc.returncode == ExitCode.SOME_SKIPPED, proc.stderr
    assert "pipe.txt: not read: a named pipe (FIFO)" in proc.stderr
    assert [r["where"] for r in report_of(tmp_path / "o")] == [str(tmp_path / "in" / "pipe.txt")]


# ---------------------------------------------------------------------------- E


@pytest.mark.parametrize("where", ["file/sub", "/proc/kg-test/out"])
def test_out_that_cannot_be_created_fails_before_any_extraction(tmp_path, where):
    """E: found only after the whole extraction, then no graph anywhere (exit 74).  The
    pipelines cannot even load here, so reaching extraction would be exit 4, not 2."""
    (tmp_path / "file").write_text("a file, not a folder")
    jsonl = tmp_path / "big.jsonl"
    jsonl.write_text("".join(json.dumps({"id": str(i), "text": "Putin threatened Poland."})
                             + "\n" for i in range(200)), encoding="utf-8")
    out = where if where.startswith("/") else tmp_path / where
    proc = kg_process("build", jsonl, "--out", out,
                      env={"KG_MODEL_NL": "/nonexistent", "KG_MODEL_EN": "/nonexistent"})
    assert proc.returncode == ExitCode.USAGE, proc.stderr
    assert proc.stderr.startswith(f"kg: error: --out {out}: cannot write there (")


def test_report_that_is_a_folder_fails_before_any_extraction(article, tmp_path):
    """E: with --report DIR the graph was kept but the run still exited 74."""
    result = kg("build", article, "--out", tmp_path / "o", "--report", tmp_path)
    assert result.exit_code == ExitCode.USAGE
    assert "is a folder; give a file name" in result.stderr
    assert not (tmp_path / "o").exists()


def test_graph_that_cannot_be_written_after_extraction_is_saved_elsewhere(article, tmp_path):
    """74 keeps its README meaning: the work is kept, and the message says where."""
    (tmp_path / "o" / "graph.html").mkdir(parents=True)  # the folder takes files, not this one
    result = kg("build", article, "--out", tmp_path / "o", "-q")
    assert result.exit_code == ExitCode.IO, result.output
    message = result.stderr.strip()
    assert message.startswith(f"kg: error: cannot write the graph to {tmp_path / 'o'}: ")
    rescued = Path(message.split("saved it to ")[1].split(" instead")[0])
    graph = json.loads(rescued.read_text("utf-8"))
    assert any(e["relation"] == "ATTACKS" for e in graph["edges"])


# ---------------------------------------------------------------------------- D, G: messages


def test_password_inside_the_uri_is_never_printed(article):
    """D: kg's own error prefix printed ``bolt://neo4j:Secret123@...``."""
    for uri in (f"bolt://neo4j:{SECRET}@127.0.0.1:1", f"neo4j://neo4j:{SECRET}@127.0.0.1:1"):
        for extra in ([], ["--password", "other"]):
            result = kg("build", article, "--neo4j", uri, *extra,
                        env={"NEO4J_PASSWORD": None if extra else SECRET})
            assert result.exit_code == ExitCode.NEO4J, result.output
            assert SECRET not in result.stdout + result.stderr
            assert "neo4j:***@127.0.0.1:1" in result.stderr


@pytest.mark.parametrize("command", ["build", "load", "stats", "query"])
@pytest.mark.parametrize("how", ["in the uri", "in the environment", "as an option"])
@pytest.mark.parametrize("traceback", [False, True])
def test_no_failure_path_prints_the_password(article, tmp_path, command, how, traceback):
    """Issue 14: every failure output of every Neo4j command, stack traces included."""
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "graph.json").write_text(json.dumps(
        {"directed": True, "multigraph": True, "graph": {"documents": {}}, "nodes": [],
         "edges": []}), encoding="utf-8")
    target = {"build": [article], "load": [tmp_path / "g"], "stats": [],
              "query": ["who_threatens_whom"]}[command]
    uri = f"bolt://neo4j:{SECRET}@127.0.0.1:1" if how == "in the uri" else "bolt://127.0.0.1:1"
    args = [*(["--traceback"] if traceback else []), command, *target, "--neo4j", uri]
    if how == "as an option":
        args += ["--password", SECRET]
    result = kg(*args, env={"NEO4J_PASSWORD": SECRET if how == "in the environment" else None})
    assert result.exit_code in (ExitCode.USAGE, ExitCode.NEO4J), result.output
    assert SECRET not in result.stdout + result.stderr
    assert SECRET not in repr(result.exception)


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_unreachable_server_is_one_formatted_line(article, scheme):
    """G: the driver's raw "Unable to retrieve routing information" line came first."""
    proc = kg_process("build", article, "--neo4j", f"{scheme}://127.0.0.1:1",
                      env={"NEO4J_PASSWORD": SECRET})
    assert proc.returncode == ExitCode.NEO4J
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("kg: error: cannot reach")
    assert SECRET not in proc.stdout + proc.stderr


def test_traceback_keeps_the_documented_exit_code(article):
    """G: ``--traceback`` turned exit 3 into Python's 1 ("some inputs skipped")."""
    proc = kg_process("--traceback", "build", article, "--neo4j", "bolt://127.0.0.1:1",
                      env={"NEO4J_PASSWORD": SECRET})
    assert proc.returncode == ExitCode.NEO4J
    assert "Traceback" in proc.stderr and "Neo4jUnavailable" in proc.stderr
    assert SECRET not in proc.stdout + proc.stderr


# ---------------------------------------------------------------------------- G: language


def test_jsonl_lang_de_is_detected_and_junk_is_not_echoed(tmp_path):
    """G: ``"lang": "de"`` was skipped; a junk value ended up in ``KG_MODEL_<junk>``."""
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "a", "lang": "de", "text": "Putin threatened Poland."})
                    + "\n" + json.dumps({"id": "b", "lang": "$(reboot)", "text":
                                         "Poetin bedreigde Polen."}) + "\n", encoding="utf-8")
    result = kg("build", path, "--out", tmp_path / "o", "--json")
    assert result.exit_code == ExitCode.OK, result.output
    summary = json.loads(result.stdout)
    assert summary["documents"] == 2 and summary["skipped"] == 0
    assert summary["by_relation"] == {"THREATENS": 2}
    assert "KG_MODEL" not in result.stdout + result.stderr


# ---------------------------------------------------------------------------- provenance


def test_sidecar_metadata_reaches_the_graph_and_undated_documents_are_counted(tmp_path):
    """Issue 13: INDEX.tsv was skipped; url/date now go with each statement."""
    news = same_name_in_two_folders(
        tmp_path, "file\turl\toutlet\tdate\n143.txt\thttps://nos.nl/a\tNOS\t2024-07-02\n")
    result = kg("build", news, "--out", tmp_path / "o", "--json")
    assert result.exit_code == ExitCode.OK, result.output
    summary = json.loads(result.stdout)
    assert (summary["documents"], summary["undated"]) == (2, 1)
    graph = json.loads((tmp_path / "o" / "graph.json").read_text("utf-8"))
    docs = graph["graph"]["documents"]
    assert sorted(docs) == ["en/143", "nl/143"]
    assert {k: docs["nl/143"][k] for k in ("date", "url", "outlet")} == {
        "date": "2024-07-02", "url": "https://nos.nl/a", "outlet": "NOS"}
    evidence = {ev["doc_id"]: ev for e in graph["edges"] for ev in e["evidence"]}
    assert (evidence["nl/143"]["url"], evidence["nl/143"]["date"]) == ("https://nos.nl/a",
                                                                       "2024-07-02")
    assert evidence["en/143"]["url"] is None
    html = (tmp_path / "o" / "graph.html").read_text("utf-8")
    assert "https://nos.nl/a" in html
    table = kg("build", news, "--out", tmp_path / "o2")
    assert "without a date" in table.stderr
