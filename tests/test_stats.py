"""kg.stats on the seed graph, embedded and read back from the real Neo4j server."""

from __future__ import annotations

import networkx as nx
import pytest
from graph_fixtures import documents, follow_up_triples, lookup, seed_triples

from kg.aggregate import aggregate
from kg.stats import compute, graph_from_neo4j
from kg.write.neo4j import Neo4jWriter


def seed_graph():
    return aggregate(seed_triples() + follow_up_triples(), documents=documents(), actors=lookup)


def test_counts_rankings_dyads_and_balance():
    stats = compute(seed_graph(), top=5)
    assert (stats.actors, stats.topics, stats.documents) == (16, 7, 2)
    assert (stats.edges, stats.statements, stats.negated) == (20, 22, 1)
    assert stats.per_relation[0] == ("THREATENS", 4)
    assert dict(stats.per_relation)["CLAIMS"] == 2  # the negated claim is not counted
    assert dict(stats.per_plover)["(none)"] == 3  # CLAIMS x2 + DENIES have no PLOVER type
    assert dict(stats.per_quad_class) == {"VERBAL_CONFLICT": 10, "MATERIAL_CONFLICT": 4,
                                          "NEUTRAL": 3, "VERBAL_COOPERATION": 3,
                                          "MATERIAL_COOPERATION": 2}
    # degree over actor-to-actor edges: Putin has 4 (ACCUSES, PRAISES, CRITICIZES, RETALIATES)
    assert [(r.name, r.degree) for r in stats.by_degree[:2]] == [
        ("Vladimir Putin", 4), ("Ukraine", 4)]
    assert stats.by_pagerank[0].name == "Ukraine"  # most targeted
    assert [(d.source, d.target, d.statements) for d in stats.dyads[:2]] == [
        ("Ramzan Kadyrov", "Germany", 2), ("Vladimir Putin", "Government of Ukraine", 2)]
    mixed = next(d for d in compute(seed_graph(), top=50).dyads
                 if d.target == "Russian air defence" and d.source == "Vladimir Putin")
    assert (mixed.cooperative, mixed.hostile, mixed.balance) == (1, 1, 0)
    # side by side: the most cooperative and the most hostile dyads
    assert [(d.source, d.target, d.cooperative) for d in stats.most_cooperative[:2]] == [
        ("Germany", "Ukraine", 1), ("Poland", "Ukraine", 1)]
    assert [(d.source, d.target, d.hostile) for d in stats.most_hostile[:2]] == [
        ("Ramzan Kadyrov", "Germany", 2), ("Vladimir Putin", "Government of Ukraine", 2)]


def test_places_are_neither_ranked_nor_half_of_a_dyad():
    """Kadyrov THREATENS Western Europe (a LOCATION): a statement, but no dyad, no rank."""
    stats = compute(seed_graph(), top=50)
    assert (stats.actors, stats.places) == (16, 1)
    ranked = {r.name for r in stats.by_degree} | {r.name for r in stats.by_pagerank}
    assert "Western Europe" not in ranked and "Ramzan Kadyrov" in ranked
    for dyads in (stats.dyads, stats.most_hostile, stats.most_cooperative):
        assert all("Western Europe" not in (d.source, d.target) for d in dyads)
    assert dict(stats.per_relation)["THREATENS"] == 4  # the statement itself still counts


@pytest.mark.neo4j
def test_neo4j_stats_equal_embedded_stats(neo4j_driver):
    Neo4jWriter(neo4j_driver, actors=lookup).write(seed_triples() + follow_up_triples(),
                                                   documents=documents())
    assert compute(graph_from_neo4j(neo4j_driver), top=50) == compute(seed_graph(), top=50)


def test_stats_lists_actor_names_that_look_like_one_actor():
    graph = nx.MultiDiGraph()
    for node, name, type_ in (("a", "President Jane Okafor", "PERSON"), ("b", "Jane Okafor",
                              "PERSON"), ("c", "Ghana", "COUNTRY"), ("d", "Kumasi", "LOCATION")):
        graph.add_node(node, kind="Actor", id=node, name=name, type=type_)
    stats = compute(graph)
    assert [(a, b) for a, b, _ in stats.near_duplicates] == [("Jane Okafor",
                                                               "President Jane Okafor")]
