"""Document identity in the real Neo4j: a re-run never silently overwrites evidence (issue 14 C),
sidecar provenance lands on the Document node and on each Event (issue 13), and the login
messages say what happened without the password (issue 14 G).

Every load goes through the real ``kg build`` / ``kg load`` command into the session's server.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import neo4j
import pytest
from cli_run import kg
from files import same_name_in_two_folders
from neo4j_dump import dump

from cli.errors import ExitCode
from kg.ids import text_hash, variant_id

pytestmark = pytest.mark.neo4j
DAY1 = "date 2024-03-01\nRussia attacked Ukraine with drones.\n"
DAY2 = "date 2024-03-02\nRussia attacked Ukraine with missiles.\n"


def kg_neo4j(server, *args: object, input: str | None = None):
    result = kg(*args, "--neo4j", server.uri, "--user", server.user, input=input,
                env={"NEO4J_PASSWORD": server.password})
    assert server.password not in result.stdout + result.stderr
    return result


def attacks(driver: neo4j.Driver) -> tuple[int, list[tuple[str, str | None]], list[str]]:
    """ATTACKS count, the Documents (id, date) and the Event sentences."""
    [edge], _, _ = driver.execute_query(
        "MATCH (:Actor {name: 'Russia'})-[r:ATTACKS]->(:Actor {name: 'Ukraine'}) "
        "RETURN r.count AS n")
    docs, _, _ = driver.execute_query(
        "MATCH (d:Document) RETURN d.id AS id, d.date AS date ORDER BY id")
    events, _, _ = driver.execute_query(
        "MATCH (e:Event)-[:FROM_DOCUMENT]->(d:Document) WHERE e.doc_id = d.id "
        "RETURN e.sentence AS s ORDER BY s")
    return edge["n"], [(d["id"], d["date"]) for d in docs], [e["s"] for e in events]


@pytest.fixture
def days(tmp_path: Path) -> Path:
    for day, text in (("day1", DAY1), ("day2", DAY2)):
        (tmp_path / "in" / day).mkdir(parents=True)
        (tmp_path / "in" / day / "news.txt").write_text(text, encoding="utf-8")
    return tmp_path / "in"


def test_two_runs_with_the_same_file_name_keep_both_documents(neo4j_server, neo4j_driver, days):
    """C: the second run replaced the first's Event; ATTACKS count 1, day 1's date kept."""
    first = kg_neo4j(neo4j_server, "build", days / "day1", "-q")
    assert first.exit_code == ExitCode.OK, first.output
    second = kg_neo4j(neo4j_server, "build", days / "day2", "--report", days / "r.jsonl", "-q")
    assert second.exit_code == ExitCode.OK, second.output  # nothing lost: a warning, not a skip
    renamed = variant_id("news", text_hash(DAY2.split("\n", 1)[1]))
    count, docs, sentences = attacks(neo4j_driver)
    assert count == 2
    assert docs == [("news", "2024-03-01"), (renamed, "2024-03-02")]
    assert sentences == ["Russia attacked Ukraine with drones.",
                         "Russia attacked Ukraine with missiles."]
    [warning] = [json.loads(line) for line in (days / "r.jsonl").read_text().splitlines()]
    assert warning["kind"] == "warning" and warning["where"] == str(days / "day2" / "news.txt")
    assert f"loaded as {renamed!r}" in warning["reason"]

    before = dump(neo4j_driver)  # a re-run of either day finds its own document again
    for day in ("day2", "day1"):
        assert kg_neo4j(neo4j_server, "build", days / day, "-q").exit_code == ExitCode.OK
    assert dump(neo4j_driver) == before


def test_one_run_over_both_folders_gives_the_same_count(neo4j_server, neo4j_driver, days):
    result = kg_neo4j(neo4j_server, "build", days / "day1", days / "day2", "-q")
    assert result.exit_code == ExitCode.OK, result.output
    count, docs, _ = attacks(neo4j_driver)
    assert count == 2
    assert docs == [("day1/news", "2024-03-01"), ("day2/news", "2024-03-02")]


def test_two_stdin_runs_never_share_a_document(neo4j_server, neo4j_driver):
    """C: two ``kg build -`` runs collided on the id ``stdin``."""
    for text in (DAY1, DAY2, DAY1):
        result = kg_neo4j(neo4j_server, "build", "-", "-q", input=text)
        assert result.exit_code == ExitCode.OK, result.output
    count, docs, _ = attacks(neo4j_driver)
    assert count == 2
    assert sorted(date for _, date in docs) == ["2024-03-01", "2024-03-02"]
    assert all(doc_id.startswith("stdin-") for doc_id, _ in docs)


def test_kg_load_of_two_graphs_with_a_shared_id_keeps_both(neo4j_server, neo4j_driver, days,
                                                           tmp_path):
    for day in ("day1", "day2"):
        assert kg("build", days / day, "--out", tmp_path / day, "-q").exit_code == ExitCode.OK
    for day in ("day1", "day2"):
        result = kg_neo4j(neo4j_server, "load", tmp_path / day)
        assert result.exit_code == ExitCode.OK, result.output
    assert "loaded as" in result.stderr  # said, not silent
    count, docs, _ = attacks(neo4j_driver)
    assert count == 2 and len(docs) == 2


def test_sidecar_provenance_is_on_the_document_and_each_event(neo4j_server, neo4j_driver,
                                                              tmp_path):
    news = same_name_in_two_folders(
        tmp_path,
        "file\turl\toutlet\tdate\ttopic\n143.txt\thttps://nos.nl/a\tNOS\t2024-07-02\tRU-PL\n")
    result = kg_neo4j(neo4j_server, "build", news, "--json")
    assert result.exit_code == ExitCode.OK, result.output
    assert json.loads(result.stdout)["undated"] == 1
    docs, _, _ = neo4j_driver.execute_query(
        "MATCH (d:Document) RETURN d.id AS id, properties(d) AS p ORDER BY id")
    props = {r["id"]: r["p"] for r in docs}
    assert sorted(props) == ["en/143", "nl/143"]
    nl = props["nl/143"]
    assert {k: nl[k] for k in ("date", "url", "outlet", "topic")} == {
        "date": "2024-07-02", "url": "https://nos.nl/a", "outlet": "NOS", "topic": "RU-PL"}
    events, _, _ = neo4j_driver.execute_query(
        "MATCH (e:Event {relation: 'THREATENS'}) RETURN e.doc_id AS doc, e.url AS url, "
        "e.date AS date ORDER BY doc")
    assert [(e["doc"], e["url"], e["date"]) for e in events] == [
        ("en/143", None, None), ("nl/143", "https://nos.nl/a", "2024-07-02")]
    query = kg_neo4j(neo4j_server, "query", "edge_evidence", "-p", "source=Putin", "-p",
                     "relation=THREATENS", "-p", "target=Poland", "--json")
    assert query.exit_code == ExitCode.OK, query.output
    assert [(r["document"], r["url"], r["date"]) for r in json.loads(query.stdout)] == [
        ("nl/143", "https://nos.nl/a", "2024-07-02"), ("en/143", None, None)]


@pytest.fixture
def locked_out(neo4j_server):
    """Afterwards, wait until the server takes the right password again: it refuses every
    login for a while after repeated wrong ones (dbms.security.auth_lock_time, 5 s), and the
    tests after this one share the server."""
    yield
    deadline = time.monotonic() + 120
    while True:
        try:
            with neo4j.GraphDatabase.driver(
                    neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)) as driver:
                driver.execute_query("RETURN 1")  # a real login: verify_connectivity may not
            return
        except neo4j.exceptions.Neo4jError:
            if time.monotonic() > deadline:
                raise
            time.sleep(2)


def test_repeated_wrong_passwords_are_still_a_login_failure(neo4j_server, tmp_path, locked_out):
    """G: after three bad logins the server's rate limit was reported as "database None"."""
    article = tmp_path / "x.txt"
    article.write_text(DAY1, encoding="utf-8")
    secret = "wrong-Secret-4-times"
    for _ in range(4):
        result = kg("build", article, "--neo4j", neo4j_server.uri, "--user", neo4j_server.user,
                    env={"NEO4J_PASSWORD": secret})
        assert result.exit_code == ExitCode.NEO4J
        line = result.stderr.strip()
        assert f"refused user '{neo4j_server.user}'" in line and "None" not in line, line
        assert secret not in result.stdout + result.stderr
        assert neo4j_server.password not in result.stdout + result.stderr
