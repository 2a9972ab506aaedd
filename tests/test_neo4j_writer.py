"""The Neo4j loader against the real server: idempotent, incremental, resumable, concurrent-safe.

Every comparison is a full dump (all nodes with all properties, all relationships with all
properties, sorted, duplicates kept), never a sample.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import replace
from pathlib import Path

import neo4j
import pytest
from conftest import Neo4jTarget, reset_database
from graph_fixtures import (
    documents,
    follow_up_triples,
    lookup,
    seed_triples,
    synthetic_triples,
)
from neo4j_dump import counts, dump

from kg.aggregate import aggregate
from kg.errors import LexiconError
from kg.queries import statements
from kg.types import Entity, Triple
from kg.vocab import relations
from kg.write.files import export, load_graph, script_statements, write_cypher
from kg.write.neo4j import Neo4jWriter

pytestmark = pytest.mark.neo4j
TESTS = Path(__file__).resolve().parent


def load(driver: neo4j.Driver, triples: list[Triple], *, batch_size: int = 1000, **kw) -> None:
    Neo4jWriter(driver, batch_size=batch_size, actors=lookup).write(triples, **kw)


def edge(driver: neo4j.Driver, source: str, rel: str, target: str) -> list[dict]:
    records, _, _ = driver.execute_query(
        "MATCH (s {name: $s})-[r]->(t {name: $t}) WHERE type(r) = $rel "
        "RETURN properties(r) AS props", s=source, t=target, rel=rel)
    return [r["props"] for r in records]


def test_seed_graph_has_the_documented_model(neo4j_driver):
    load(neo4j_driver, seed_triples(), documents=documents()[:1])
    n = counts(neo4j_driver)
    assert n["Event"] == 16
    assert n["Document"] == 1
    assert n["Relation"] == len(relations())
    assert n["Topic"] == 7
    assert n["Actor"] == 14  # 12 from the gazetteer fixture + Western Europe + GUR
    assert n["Person"] == 3 and n["Country"] == 4
    [threat] = edge(neo4j_driver, "Ramzan Kadyrov", "THREATENS", "Germany")
    sample = threat.pop("sample_sentence")
    assert threat == {"count": 1, "first_date": "2023-05", "last_date": "2023-05",
                      "plover": "THREATEN", "cameo": "130", "quad": 3,
                      "doc_ids": ["000_dbff4a963a0d4a54"], "caption": "THREATENS ×1",
                      "sample_event": threat["sample_event"], "sample_confidence": 0.8,
                      "sample_doc_id": "000_dbff4a963a0d4a54", "sample_date": "2023-05"}
    assert sample.startswith("Opnieuw dreigde hij")  # why the edge is there, on the edge
    # every edge leads to its sentence in one pattern
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (s:Actor {name: 'Ramzan Kadyrov'})-[:SOURCE_OF]->(e:Event {relation: 'THREATENS'})"
        "-[:TARGETS]->(t {name: 'Germany'}), (e)-[:FROM_DOCUMENT]->(d:Document) "
        "RETURN e.sentence AS sentence, d.source AS source")
    assert records[0]["sentence"].startswith("Opnieuw dreigde hij")
    assert records[0]["source"] == "corpus/000_dbff4a963a0d4a54.txt"
    # the negated claim is an Event only: no CLAIMS edge to that topic
    assert edge(neo4j_driver, "Ministry of Defence of Russia", "CLAIMS",
                "strike on the intelligence headquarters") == []
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (e:Event {negated: true}) RETURN e.relation AS rel, e.sentence AS s")
    assert [r["rel"] for r in records] == ["CLAIMS"]
    # attribution links to the attributing actor
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (s)-[:SOURCE_OF]->(e:Event)-[:ATTRIBUTED_TO]->(a:Actor) "
        "RETURN s.name AS s, e.relation AS rel, a.name AS a ORDER BY a")
    assert [(r["s"], r["rel"], r["a"]) for r in records] == [
        ("Russia", "RETALIATES_AGAINST", "Institute for the Study of War"),
        ("Russian Armed Forces", "ATTACKS", "Vladimir Putin")]


def test_schema_has_constraints_indexes_and_fulltext(neo4j_driver):
    writer = Neo4jWriter(neo4j_driver, actors=lookup)
    writer.setup_schema()
    writer.setup_schema()  # idempotent
    records, _, _ = neo4j_driver.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN *")
    unique = {(r["labelsOrTypes"][0], r["properties"][0]) for r in records
              if r["type"] == "UNIQUENESS"}
    assert unique == {("Actor", "id"), ("Topic", "id"), ("Document", "id"), ("Event", "id"),
                      ("Relation", "name")}
    records, _, _ = neo4j_driver.execute_query(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state RETURN *")
    by_name = {r["name"]: r for r in records}
    assert by_name["actor_names"]["type"] == "FULLTEXT"
    assert by_name["actor_names"]["properties"] == ["name", "aliases"]
    assert by_name["event_date"]["properties"] == ["date"]
    assert by_name["event_relation"]["properties"] == ["relation"]
    assert all(r["state"] == "ONLINE" for r in records)


def test_fulltext_index_finds_actors_by_alias(neo4j_driver):
    load(neo4j_driver, seed_triples())
    for alias, name in [("Poetin", "Vladimir Putin"), ("Kiev", "Government of Ukraine"),
                        ("ISW", "Institute for the Study of War"), ("Duitsland", "Germany")]:
        records, _, _ = neo4j_driver.execute_query(
            "CALL db.index.fulltext.queryNodes('actor_names', $q) YIELD node, score "
            "RETURN node.name AS name ORDER BY score DESC LIMIT 1", q=f'"{alias}"')
        assert records[0]["name"] == name, alias


def test_loading_the_same_input_twice_changes_nothing(neo4j_driver):
    triples = seed_triples() + follow_up_triples()
    load(neo4j_driver, triples, documents=documents(), batch_size=4)
    first = dump(neo4j_driver)
    load(neo4j_driver, triples, documents=documents(), batch_size=7)
    load(neo4j_driver, list(reversed(triples)), batch_size=1)
    assert dump(neo4j_driver) == first
    [threat] = edge(neo4j_driver, "Ramzan Kadyrov", "THREATENS", "Germany")
    assert threat["count"] == 2


def test_incremental_load_adds_counts_and_dates(neo4j_driver):
    load(neo4j_driver, seed_triples(), documents=documents()[:1])
    [before] = edge(neo4j_driver, "Ramzan Kadyrov", "THREATENS", "Germany")
    assert (before["count"], before["last_date"]) == (1, "2023-05")
    load(neo4j_driver, follow_up_triples(), documents=documents()[1:])
    [after] = edge(neo4j_driver, "Ramzan Kadyrov", "THREATENS", "Germany")
    assert after["count"] == 2
    assert (after["first_date"], after["last_date"]) == ("2023-05", "2023-06-02")
    assert after["doc_ids"] == ["000_dbff4a963a0d4a54", "follow-up-2023-06"]
    # the June statement is positive: a CLAIMS edge appears, counting only the positive event
    [claim] = edge(neo4j_driver, "Ministry of Defence of Russia", "CLAIMS",
                   "strike on the intelligence headquarters")
    assert claim["count"] == 1
    incremental = dump(neo4j_driver)
    reset_database(neo4j_driver)
    load(neo4j_driver, seed_triples() + follow_up_triples(), documents=documents())
    assert dump(neo4j_driver) == incremental


def test_edge_caption_and_sample_are_exact_in_any_load_order(neo4j_driver):
    """The sample is the most confident Event whichever load brought it (add path), and its
    url is its Document's; a date change (recompute path) gives the same edge."""
    def threat(t: Triple) -> bool:
        return (t.source.id, t.relation, t.target.id) == ("ramzan-kadyrov", "THREATENS", "germany")

    [weak] = [replace(t, confidence=0.6) for t in seed_triples() if threat(t)]
    [strong] = [replace(t, confidence=0.95) for t in follow_up_triples() if threat(t)]
    url = "https://example.org/follow-up?a=1&b='2'"
    dumps = []
    for order in ([weak], [strong]), ([strong], [weak]), ([weak, strong],):
        reset_database(neo4j_driver)
        neo4j_driver.execute_query("CREATE (:Document {id: $id, url: $url})",
                                   id=strong.doc_id, url=url)
        for triples in order:
            load(neo4j_driver, triples)
        dumps.append(dump(neo4j_driver))
    assert dumps[0] == dumps[1] == dumps[2]
    [edge_] = edge(neo4j_driver, "Ramzan Kadyrov", "THREATENS", "Germany")
    assert edge_["caption"] == "THREATENS ×2"
    assert (edge_["sample_event"], edge_["sample_confidence"]) == (strong.id, 0.95)
    assert (edge_["sample_sentence"], edge_["sample_doc_id"], edge_["sample_date"],
            edge_["sample_url"]) == (strong.sentence, strong.doc_id, strong.date, url)
    load(neo4j_driver, [replace(weak, date="2023-04"), strong])  # recomputed from its Events
    [recomputed] = edge(neo4j_driver, "Ramzan Kadyrov", "THREATENS", "Germany")
    assert recomputed == {**edge_, "first_date": "2023-04"}


def test_reload_with_a_changed_date_updates_the_event_and_recomputes_its_edge(neo4j_driver):
    # the event id does not cover the date: a reload finds the Event, so the edge is recomputed
    # only because its date changed, and must then equal a clean load of the new input
    triples = seed_triples() + follow_up_triples()
    load(neo4j_driver, triples, documents=documents())
    moved = [replace(t, date="2023-07-01") if t.doc_id == triples[-1].doc_id else t
             for t in triples]
    load(neo4j_driver, moved, documents=documents())
    [threat] = edge(neo4j_driver, "Ramzan Kadyrov", "THREATENS", "Germany")
    assert (threat["count"], threat["last_date"]) == (2, "2023-07-01")
    reloaded = dump(neo4j_driver)
    reset_database(neo4j_driver)
    load(neo4j_driver, moved, documents=documents())
    assert dump(neo4j_driver) == reloaded


_LOADER = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, os.environ["KG_TESTS"])
    import neo4j
    from graph_fixtures import lookup, synthetic_triples
    from kg.write.neo4j import Neo4jWriter
    auth = (os.environ["KG_USER"], os.environ["KG_PASSWORD"])
    with neo4j.GraphDatabase.driver(os.environ["KG_URI"], auth=auth) as driver:
        writer = Neo4jWriter(driver, batch_size=int(sys.argv[2]), actors=lookup)
        writer.write(synthetic_triples(int(sys.argv[1]), prefix=sys.argv[3]))
""")


def _loader(target: Neo4jTarget, n_docs: int, batch: int, prefix: str) -> subprocess.Popen:
    env = {**os.environ, "KG_TESTS": str(TESTS), "KG_URI": target.uri, "KG_USER": target.user,
           "KG_PASSWORD": target.password}
    return subprocess.Popen([sys.executable, "-c", _LOADER, str(n_docs), str(batch), prefix],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _events(driver: neo4j.Driver) -> int:
    records, _, _ = driver.execute_query("MATCH (e:Event) RETURN count(e) AS n")
    return records[0]["n"]


def test_kill_9_mid_load_then_rerun_equals_one_clean_load(neo4j_driver, neo4j_server):
    n_docs, batch = 300, 5
    total = len({t.id for t in synthetic_triples(n_docs, prefix="bulk")})
    proc = _loader(neo4j_server, n_docs, batch, "bulk")
    deadline = time.monotonic() + 120
    while _events(neo4j_driver) < total // 3:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "loader made no progress"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    interrupted = _events(neo4j_driver)
    assert total // 3 <= interrupted < total, "the kill did not land mid-load"

    load(neo4j_driver, synthetic_triples(n_docs, prefix="bulk"), batch_size=batch)
    resumed = dump(neo4j_driver)
    reset_database(neo4j_driver)
    load(neo4j_driver, synthetic_triples(n_docs, prefix="bulk"), batch_size=1000)
    clean = dump(neo4j_driver)
    assert len(clean["nodes"]) > total
    assert resumed == clean


def test_two_concurrent_loads_equal_the_sequential_loads(neo4j_driver, neo4j_server):
    inputs = [synthetic_triples(120, prefix="left"), synthetic_triples(120, prefix="right")]
    Neo4jWriter(neo4j_driver, actors=lookup).setup_schema()
    errors: list[BaseException] = []

    def run(triples: list[Triple]) -> None:
        try:
            with neo4j.GraphDatabase.driver(
                    neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)) as drv:
                Neo4jWriter(drv, batch_size=3, actors=lookup).write(triples)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(t,)) for t in inputs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    concurrent = dump(neo4j_driver)

    records, _, _ = neo4j_driver.execute_query(
        "MATCH (n) WHERE n.id IS NOT NULL WITH labels(n) AS l, n.id AS id, count(*) AS c "
        "WHERE c > 1 RETURN count(*) AS duplicates")
    assert records[0]["duplicates"] == 0
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (a)-[r]->(b) WITH a, type(r) AS t, b, count(*) AS c WHERE c > 1 "
        "RETURN count(*) AS duplicates")
    assert records[0]["duplicates"] == 0

    reset_database(neo4j_driver)
    for triples in inputs:
        load(neo4j_driver, triples)
    assert concurrent == dump(neo4j_driver)


def test_build_then_load_and_the_cypher_script_give_the_direct_graph(neo4j_driver, tmp_path):
    triples = seed_triples() + follow_up_triples()
    load(neo4j_driver, triples, documents=documents())
    direct = dump(neo4j_driver)

    graph = aggregate(triples, documents=documents(), actors=lookup)
    export(graph, tmp_path, ["json", "cypher"])
    reset_database(neo4j_driver)
    # a gazetteer that no longer knows anyone: the saved node properties still win
    Neo4jWriter(neo4j_driver, batch_size=3, actors=lambda _id: None).write_graph(
        load_graph(tmp_path))
    assert dump(neo4j_driver) == direct

    reset_database(neo4j_driver)
    with neo4j_driver.session() as session:
        for statement in statements((tmp_path / "graph.cypher").read_text("utf-8")):
            session.run(statement).consume()
    assert dump(neo4j_driver) == direct


def test_relation_outside_the_vocabulary_is_refused_before_any_write(neo4j_driver):
    bad = seed_triples()[0]
    bad.relation = "THREATENS]->(x) DETACH DELETE x //"
    with pytest.raises(LexiconError):
        load(neo4j_driver, [bad])
    assert _events(neo4j_driver) == 0


def test_injection_text_in_names_and_sentences_is_stored_as_a_value(neo4j_driver, tmp_path):
    evil = "x'}) DETACH DELETE n // `; MATCH (m) DELETE m \\ \" <script>"
    base = seed_triples()[3]
    triple = Triple(**{**{f: getattr(base, f) for f in Triple.__dataclass_fields__},
                       "source": Entity(evil, evil, "PERSON", "evil-" + evil),
                       "sentence": evil + " dreigde"})
    load(neo4j_driver, seed_triples() + [triple])
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (a:Actor {id: $id})-[r:THREATENS]->(t) RETURN a.name AS name, t.name AS target",
        id="evil-" + evil)
    assert [(r["name"], r["target"]) for r in records] == [(evil, "Western Europe")]
    direct = dump(neo4j_driver)
    assert len(direct["nodes"]) > 40

    # the same text through the Cypher script's escaped literals
    reset_database(neo4j_driver)
    graph = aggregate(seed_triples() + [triple], actors=lookup)
    write_cypher(graph, tmp_path / "graph.cypher")
    with neo4j_driver.session() as session:
        for statement in script_statements(graph):
            session.run(statement).consume()
    assert dump(neo4j_driver) == direct
