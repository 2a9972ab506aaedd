"""Triples -> the embedded MultiDiGraph: one edge per (source, relation, target, negated)."""

from __future__ import annotations

import copy

import pytest
from graph_fixtures import (
    FOLLOW_UP_DOC,
    SEED_DOC,
    documents,
    follow_up_triples,
    lookup,
    seed_triples,
)

from kg.aggregate import GraphBuilder, aggregate, edge_key, graph_documents, iter_triples
from kg.errors import InputError, LexiconError
from kg.types import Entity


def seed_graph():
    return aggregate(seed_triples() + follow_up_triples(), documents=documents(), actors=lookup)


def test_repeated_dyad_is_one_edge_with_count_dates_and_evidence():
    graph = seed_graph()
    data = graph.edges["ramzan-kadyrov", "germany", "THREATENS"]
    assert data["count"] == 2
    assert (data["first_date"], data["last_date"]) == ("2023-05", "2023-06-02")
    assert data["doc_ids"] == [SEED_DOC, FOLLOW_UP_DOC]
    assert (data["plover"], data["cameo"], data["quad"]) == ("THREATEN", "130", 3)
    assert [ev["sentence"][:20] for ev in data["evidence"]] == [
        "Opnieuw dreigde hij ", "Kadyrov again threat"]
    assert graph.number_of_edges("ramzan-kadyrov", "germany") == 1


def test_negated_statement_gets_its_own_edge():
    graph = seed_graph()
    keys = set(graph["ministry-of-defence-of-russia"]
               ["topic:strike-on-the-intelligence-headquarters"])
    assert keys == {"CLAIMS", "CLAIMS|negated"}
    negated = graph.edges["ministry-of-defence-of-russia",
                          "topic:strike-on-the-intelligence-headquarters", "CLAIMS|negated"]
    assert negated["negated"] is True and negated["count"] == 1
    assert edge_key("CLAIMS", True) == "CLAIMS|negated"


def test_nodes_carry_gazetteer_properties_or_the_mention():
    graph = seed_graph()
    putin = graph.nodes["vladimir-putin"]
    assert putin["kind"] == "Actor" and putin["country"] == "RUS" and putin["known"]
    assert "Poetin" in putin["aliases"]
    west = graph.nodes["western-europe"]  # not in the gazetteer
    assert (west["name"], west["type"], west["known"], west["aliases"]) == (
        "Western Europe", "LOCATION", False, [])
    topic = graph.nodes["topic:martial-law-in-Russia"]
    assert (topic["kind"], topic["lang"]) == ("Topic", "nl")
    # the attributing source is a node even without edges of its own in that sentence
    assert graph.nodes["institute-for-the-study-of-war"]["kind"] == "Actor"


def test_adding_the_same_triples_again_changes_nothing():
    builder = GraphBuilder(actors=lookup)
    triples = seed_triples()
    assert all(builder.add(t) for t in triples)
    before = {(u, v, k): d["count"] for u, v, k, d in builder.graph.edges(keys=True, data=True)}
    assert not any(builder.add(t) for t in triples)
    after = {(u, v, k): d["count"] for u, v, k, d in builder.graph.edges(keys=True, data=True)}
    assert after == before


def test_triples_round_trip_through_the_evidence():
    triples = seed_triples() + follow_up_triples()
    back = list(iter_triples(seed_graph()))
    assert sorted(t.to_dict().items().__repr__() for t in back) == sorted(
        t.to_dict().items().__repr__() for t in triples)
    assert [d.source for d in graph_documents(seed_graph())] == [
        "corpus/000_dbff4a963a0d4a54.txt", "follow-up.txt"]


def test_relation_outside_the_vocabulary_is_refused():
    bad = seed_triples()[0]
    bad.relation = "HUGS"
    with pytest.raises(LexiconError):
        aggregate([bad], actors=lookup)


def test_one_id_for_an_actor_and_a_topic_is_refused():
    first = seed_triples()[0]
    clash = seed_triples()[1]
    clash.target = Entity("Ukraine gov", "Kiev", "TOPIC", first.target.id)
    with pytest.raises(InputError, match="both an actor and a topic"):
        aggregate([first, clash], actors=lookup)


def test_equal_mentions_in_the_evidence_are_one_object_not_a_copy_per_event():
    """The graph holds every event until it is written: repeated values are shared."""
    first = seed_triples()[0]
    again = copy.deepcopy(first)  # the same statement in another document: its own objects
    again.doc_id = "another-document"
    graph = aggregate([first, again], actors=lookup)
    src, tgt, key = first.source.id, first.target.id, edge_key(first.relation, first.negated)
    rows = graph.edges[src, tgt, key]["evidence"]
    assert len(rows) == 2 and rows[0]["target"] is rows[1]["target"]
    assert rows[0]["source"] is rows[1]["source"] and rows[0]["date"] is rows[1]["date"]
    assert [t.to_dict() for t in iter_triples(graph)] == [
        t.to_dict() for t in sorted([first, again], key=lambda t: t.id)]
