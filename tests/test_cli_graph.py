"""``kg export``, ``kg load``, ``kg stats`` and ``kg query`` through the typer app."""

from __future__ import annotations

import json

import pytest
from graph_fixtures import documents, follow_up_triples, lookup, seed_triples
from neo4j_dump import dump
from typer.testing import CliRunner

from cli.errors import ExitCode
from cli.main import app
from kg.aggregate import aggregate
from kg.write.files import export
from kg.write.neo4j import Neo4jWriter

runner = CliRunner()


def kg(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


@pytest.fixture
def graph_dir(tmp_path):
    graph = aggregate(seed_triples() + follow_up_triples(), documents=documents(), actors=lookup)
    export(graph, tmp_path / "seed.kg", ["json"])
    return tmp_path / "seed.kg"


def test_export_writes_each_requested_format(graph_dir, tmp_path):
    result = kg("export", str(graph_dir), "--format", "html", "-f", "csv,cypher",
                "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    names = {p.split("/")[-1] for p in result.stdout.split()}
    assert {"graph.html", "graph.cypher", "nodes_actors.csv", "neo4j-admin-import.sh"} <= names
    assert kg("export", str(graph_dir), "-f", "pdf").exit_code == ExitCode.USAGE
    assert kg("export", str(tmp_path / "nowhere")).exit_code == ExitCode.USAGE


def test_stats_json_on_the_embedded_graph(graph_dir):
    result = kg("stats", str(graph_dir), "--json", "--top", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["statements"] == 22 and data["negated"] == 1
    assert data["dyads"][0]["source"] == "Ramzan Kadyrov"
    assert len(data["by_pagerank"]) == 3
    table = kg("stats", str(graph_dir))
    assert table.exit_code == 0 and "Top actors by PageRank" in table.stdout
    # cooperative and hostile dyads side by side, one rank a line although piped (not 80 wide)
    [first] = [line for line in table.stdout.splitlines() if line.startswith("│ 1 ")]
    assert "Germany → Ukraine" in first and "Ramzan Kadyrov → Germany" in first
    assert len(first) > 80


def test_query_list_needs_no_server():
    result = kg("query", "--list")
    assert result.exit_code == 0
    assert "who_threatens_whom" in result.stdout


@pytest.mark.neo4j
def test_load_query_and_stats_against_neo4j(neo4j_driver, neo4j_server, graph_dir, tmp_path):
    conn = ["--neo4j", neo4j_server.uri, "--user", neo4j_server.user]
    env = {"NEO4J_PASSWORD": neo4j_server.password}
    result = kg("load", str(graph_dir), *conn, "--batch-size", "4", env=env)
    assert result.exit_code == 0, result.output
    assert "loaded 23 triples of 2 documents" in result.stdout
    loaded = dump(neo4j_driver)
    assert kg("load", str(graph_dir), *conn, env=env).exit_code == 0
    assert dump(neo4j_driver) == loaded  # idempotent through the CLI too

    # build-then-load gives the graph of a direct load
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    Neo4jWriter(neo4j_driver, actors=lookup).write(seed_triples() + follow_up_triples(),
                                                   documents=documents())
    assert dump(neo4j_driver) == loaded

    result = kg("query", "who_threatens_whom", "--json", *conn, env=env)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {"source": "Ramzan Kadyrov", "relation": "THREATENS", "target": "Germany",
            "count": 2, "first_date": "2023-05", "last_date": "2023-06-02"} in rows
    table = kg("query", "ego_network", "--param", "name=Poetin", *conn, env=env)
    assert table.exit_code == 0 and "Government of Ukraine" in table.stdout
    mine = tmp_path / "mine.cypher"
    mine.write_text("// Question: How many statements?\nMATCH (e:Event) RETURN count(e) AS n\n")
    assert json.loads(kg("query", str(mine), "--json", *conn, env=env).stdout) == [{"n": 23}]
    mine.write_text("MATCH (e:Event RETURN e\n")
    broken = kg("query", str(mine), *conn, env=env)
    assert broken.exit_code == ExitCode.USAGE and "query mine failed" in broken.stderr
    missing = kg("query", "ego_network", *conn, env=env)
    assert missing.exit_code == ExitCode.USAGE and "--param name" in missing.stderr

    # a script of several statements runs statement by statement (idempotent schema)
    schema = kg("query", "schema", *conn, env=env)
    assert schema.exit_code == 0, schema.stderr
    assert "statements ran; no rows" in schema.stderr
    # graph values print as Browser captions them; a piped table keeps each row on one line
    table = kg("query", "overview", "-p", "min_count=2", *conn, env=env)
    assert table.exit_code == 0, table.stderr
    [threat] = [line for line in table.stdout.splitlines() if line.startswith("│ Ramzan")]
    cells = [c.strip() for c in threat.split("│")[1:-1]]
    assert cells[:4] == ["Ramzan Kadyrov", "THREATENS", "Germany", "2"]
    assert cells[4] in {t.sentence for t in seed_triples() + follow_up_triples()}  # whole
    # no rows is said, not silent
    empty = kg("query", "turning_hostile", "-p", "month=1999-01", *conn, env=env)
    assert empty.exit_code == 0 and empty.stdout == ""
    assert "no rows (month=1999-01)" in empty.stderr

    from_db = kg("stats", "--json", *conn, env=env)
    from_files = kg("stats", str(graph_dir), "--json")
    assert json.loads(from_db.stdout) == json.loads(from_files.stdout)


@pytest.mark.neo4j
def test_wrong_password_is_one_line_without_the_password(neo4j_server, graph_dir):
    secret = "not-the-password-1234"
    result = kg("load", str(graph_dir), "--neo4j", neo4j_server.uri, "--password", secret)
    assert result.exit_code == ExitCode.NEO4J
    assert secret not in result.output and secret not in result.stderr
    assert "refused user 'neo4j'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unreachable_server_is_reported_with_exit_code_3(graph_dir):
    result = kg("stats", "--neo4j", "bolt://127.0.0.1:9", "--password", "whatever-123")
    assert result.exit_code == ExitCode.NEO4J
    assert "cannot reach Neo4j at bolt://127.0.0.1:9" in result.stderr
    assert "whatever-123" not in result.stderr
