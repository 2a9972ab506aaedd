"""Every analyst query in queries/ runs against the seed graph in the real Neo4j server.

The seed graph is the seed article's triples plus the June follow-up (tests/graph_fixtures.py);
each query's rows are checked, and a query without a check here fails the suite.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from conftest import Neo4jTarget, reset_database
from graph_fixtures import documents, follow_up_triples, lookup, seed_triples

from kg import queries
from kg.vocab import relations
from kg.write.neo4j import Neo4jWriter

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def seed_db(neo4j_server: Neo4jTarget) -> Iterator[neo4j.Driver]:
    with neo4j.GraphDatabase.driver(neo4j_server.uri,
                                    auth=(neo4j_server.user, neo4j_server.password)) as driver:
        reset_database(driver)
        Neo4jWriter(driver, actors=lookup).write(seed_triples() + follow_up_triples(),
                                                 documents=documents())
        yield driver


def run(driver: neo4j.Driver, query_name: str, **raw: str) -> list[dict[str, Any]]:
    query = queries.load(query_name)
    records, _, _ = driver.execute_query(query.text, query.parameters(raw))
    return [r.data() for r in records]


def cols(rows: list[dict[str, Any]], *names: str) -> list[tuple]:
    return [tuple(r[n] for n in names) for r in rows]


CHECKED: set[str] = set()


def checks(name: str):
    CHECKED.add(name)
    return pytest.mark.parametrize("query_name", [name])


@checks("who_threatens_whom")
def test_who_threatens_whom(seed_db, query_name):
    rows = run(seed_db, query_name)
    assert cols(rows, "source", "relation", "target", "count") == [
        ("Ramzan Kadyrov", "THREATENS", "Germany", 2),
        ("Ramzan Kadyrov", "THREATENS", "Poland", 1),
        ("Ramzan Kadyrov", "THREATENS", "Western Europe", 1),
    ]
    assert rows[0]["last_date"] == "2023-06-02"
    assert len(run(seed_db, query_name, limit="1")) == 1


@checks("ego_network")
def test_ego_network_finds_the_actor_by_a_dutch_alias(seed_db, query_name):
    rows = run(seed_db, query_name, name="Poetin")
    assert {r["actor"] for r in rows} == {"Vladimir Putin"}
    assert cols(rows, "direction", "relation", "other", "count") == [
        ("out", "ACCUSES", "Government of Ukraine", 2),
        ("out", "CRITICIZES", "Russian air defence", 1),
        ("out", "PRAISES", "Russian air defence", 1),
        ("out", "RETALIATES_AGAINST", "Ukraine", 1),
    ]
    # Lucene syntax in the input is neutralised, not parsed: still one phrase
    for name in ('Kadyrow"', "Kadyrow\\", "Kadyrow)", "Kadyrow:"):
        assert run(seed_db, query_name, name=name)[0]["actor"] == "Ramzan Kadyrov", name


@checks("edge_evidence")
def test_edge_evidence_returns_every_sentence_behind_the_edge(seed_db, query_name):
    rows = run(seed_db, query_name, source="Kadyrov", relation="THREATENS", target="Duitsland")
    assert cols(rows, "date", "document", "negated") == [
        ("2023-05", "000_dbff4a963a0d4a54", False), ("2023-06-02", "follow-up-2023-06", False)]
    assert rows[0]["sentence"].startswith("Opnieuw dreigde hij met Russische aanvallen")
    assert rows[1]["sentence"].endswith("'knock on the door' <soon>.")
    assert rows[0]["file"] == "corpus/000_dbff4a963a0d4a54.txt"


@checks("pair_timeline")
def test_pair_timeline(seed_db, query_name):
    rows = run(seed_db, query_name, a="Vladimir Putin", b="Kiev")
    assert cols(rows, "date", "source", "relation", "target") == [
        ("2023-05", "Vladimir Putin", "ACCUSES", "Government of Ukraine"),
        ("2023-06-02", "Vladimir Putin", "ACCUSES", "Government of Ukraine"),
    ]


@checks("most_accused")
def test_most_accused(seed_db, query_name):
    rows = run(seed_db, query_name)
    assert cols(rows, "actor", "accusations", "accusers", "accused_by") == [
        ("Government of Ukraine", 2, 1, ["Vladimir Putin"]),
        ("Ministry of Defence of Russia", 1, 1, ["Yevgeny Prigozhin"]),
        ("Russian air defence", 1, 1, ["Vladimir Putin"]),
    ]


@checks("denials")
def test_denials(seed_db, query_name):
    rows = run(seed_db, query_name)
    assert cols(rows, "denier", "denied", "kind", "negated") == [
        ("Ukraine", "involvement in the drone attacks", "topic", False)]
    assert "ontkend" in rows[0]["sentence"]


@checks("claims_by_source")
def test_claims_by_source(seed_db, query_name):
    isw = run(seed_db, query_name, source="ISW")
    assert cols(isw, "according_to", "source", "relation", "target") == [
        ("Institute for the Study of War", "Russia", "RETALIATES_AGAINST", "Ukraine")]
    putin = run(seed_db, query_name, source="Poetin")
    assert cols(putin, "source", "relation", "target") == [
        ("Russian Armed Forces", "ATTACKS", "Main Directorate of Intelligence (Ukraine)")]


@checks("turning_hostile")
def test_turning_hostile(seed_db, query_name):
    june = run(seed_db, query_name, month="2023-06")
    # Kadyrov -> Germany and Putin -> Kyiv were hostile in May already
    assert cols(june, "source", "target", "hostile", "relations", "cooperative_before") == [
        ("Vladimir Putin", "Russian air defence", 1, ["CRITICIZES"], 1)]
    may = run(seed_db, query_name, month="2023-05")
    assert len(may) == 8
    assert all(r["cooperative_before"] == 0 for r in may)
    assert run(seed_db, query_name) == june  # default: the corpus's latest month, 2023-06
    assert {r["month"] for r in june} == {"2023-06"}
    assert run(seed_db, query_name, month="current") == []  # nothing in the fixture is recent


@checks("overview")
def test_overview_is_actors_and_aggregate_edges_strongest_first(seed_db, query_name):
    rows = run(seed_db, query_name)
    counts = [r["count"] for r in rows]
    assert counts == sorted(counts, reverse=True) and len(rows) == 13
    names = {r[end]["name"] for r in rows for end in ("source", "target")}
    assert "revenge" not in names and "drones" not in names  # topics stay out
    strong = run(seed_db, query_name, min_count="2")
    assert [(r["source"]["name"], r["relation"][1], r["target"]["name"], r["count"])
            for r in strong] == [("Ramzan Kadyrov", "THREATENS", "Germany", 2),
                                 ("Vladimir Putin", "ACCUSES", "Government of Ukraine", 2)]
    # each edge says why it is there: a sentence behind it, with its document and date
    threat = strong[0]
    assert threat["sample"] in {t.sentence for t in seed_triples() + follow_up_triples()
                                if (t.source.id, t.target.id) == ("ramzan-kadyrov", "germany")}
    assert threat["doc_id"] in {"000_dbff4a963a0d4a54", "follow-up-2023-06"}
    [doc] = seed_db.execute_query("MATCH (d:Document {id: $id}) RETURN d.url AS url, "
                                  "d.date AS date", id=threat["doc_id"]).records
    assert (threat["date"], threat["url"]) == (doc["date"], doc["url"])  # url may be null
    assert len(run(seed_db, query_name, limit="3")) == 3


@checks("new_actors")
def test_new_actors(seed_db, query_name):
    rows = run(seed_db, query_name, **{"from": "2023-06", "to": "2023-06"})
    assert cols(rows, "actor", "first_seen", "mentions") == [
        ("NATO", "2023-06-02", 1), ("Volodymyr Zelensky", "2023-06-02", 1)]
    assert len(run(seed_db, query_name, **{"from": "2023"})) == 16


@checks("shortest_path")
def test_shortest_path(seed_db, query_name):
    [row] = run(seed_db, query_name, a="Kadyrov", b="Oekraïne")
    assert row["hops"] == 2
    assert row["path"][0] == "Ramzan Kadyrov" and row["path"][-1] == "Ukraine"
    assert row["path"][1] in ("Germany", "Poland")
    assert row["steps"][0] == f"Ramzan Kadyrov THREATENS {row['path'][1]}"
    assert run(seed_db, query_name, a="NATO", b="Ukraine") == []


@checks("cooperation_vs_conflict")
def test_cooperation_vs_conflict(seed_db, query_name):
    rows = run(seed_db, query_name)
    assert cols(rows, "source_country", "target_country", "cooperative", "hostile",
                "balance") == [
        ("RUS", "UKR", 0, 4, -4), ("RUS", "DEU", 0, 2, -2), ("DEU", "UKR", 1, 0, 1),
        ("POL", "UKR", 1, 0, 1), ("RUS", "POL", 0, 1, -1)]


@checks("relation_vocabulary")
def test_relation_vocabulary(seed_db, query_name):
    rows = {r["relation"]: r for r in run(seed_db, query_name)}
    assert set(rows) == set(relations())
    assert cols([rows["THREATENS"]], "plover", "cameo", "quad", "statements", "negated") == [
        ("THREATEN", "130", 3, 4, 0)]
    assert cols([rows["CLAIMS"]], "plover", "cameo", "statements", "negated") == [
        (None, "015", 2, 1)]


@checks("negated_statements")
def test_negated_statements(seed_db, query_name):
    rows = run(seed_db, query_name)
    assert cols(rows, "source", "relation", "target") == [
        ("Ministry of Defence of Russia", "NOT CLAIMS", "strike on the intelligence headquarters")]


@checks("most_active")
def test_most_active(seed_db, query_name):
    rows = run(seed_db, query_name, limit="3")
    assert cols(rows, "actor", "made", "received") == [
        ("Ramzan Kadyrov", 6, 0), ("Ukraine", 1, 4), ("Vladimir Putin", 5, 0)]


def test_every_query_has_a_question_and_a_check():
    available = queries.available()
    assert len(available) >= 12
    for query in available:
        assert query.question.endswith("?") or "?" in query.question, query.name
    assert {q.name for q in available} == CHECKED
