"""Graph analytics with networkx, for the embedded graph and for a Neo4j database alike.

A Neo4j database is first read back into the embedded graph's shape (without evidence), so
both go through the same functions and give the same numbers for the same triples.
Negated statements are reported as a count but never weigh in degree, PageRank, dyads or
balance: they say that something did *not* happen.  Centrality and dyads are about actors
that act: places (``PLACE_TYPES``) and topics are left out, so a village hit once does not
rank among the powers and a sea is never half of a hostile dyad.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from neo4j import Driver, RoutingControl

from kg.agents import GROUP_PREFIX
from kg.aggregate import ACTOR, edge_key
from kg.queries import load
from kg.resolve.duplicates import near_duplicates
from kg.vocab import QUAD_COOPERATIVE, QUAD_HOSTILE, relations

COOPERATIVE_QUADS = frozenset(r.quad for r in relations().values()
                              if r.quad_class in QUAD_COOPERATIVE)
HOSTILE_QUADS = frozenset(r.quad for r in relations().values() if r.quad_class in QUAD_HOSTILE)
#: Actor types that are places: targets of actions, never ranked or counted as a dyad's actor.
PLACE_TYPES = frozenset({"LOCATION", "REGION"})


@dataclass(frozen=True, slots=True)
class ActorRank:
    name: str
    degree: int
    statements: int
    pagerank: float


@dataclass(frozen=True, slots=True)
class Dyad:
    source: str
    target: str
    statements: int
    relations: list[str]
    cooperative: int
    hostile: int

    @property
    def balance(self) -> int:
        """Positive: mostly cooperative; negative: mostly hostile."""
        return self.cooperative - self.hostile


@dataclass(slots=True)
class GraphStats:
    actors: int = 0
    places: int = 0  # of the actors: LOCATION and REGION, left out of rankings and dyads
    topics: int = 0
    documents: int = 0
    edges: int = 0
    statements: int = 0
    negated: int = 0
    by_degree: list[ActorRank] = field(default_factory=list)
    by_pagerank: list[ActorRank] = field(default_factory=list)
    dyads: list[Dyad] = field(default_factory=list)
    per_relation: list[tuple[str, int]] = field(default_factory=list)
    per_plover: list[tuple[str, int]] = field(default_factory=list)
    per_quad_class: list[tuple[str, int]] = field(default_factory=list)
    most_cooperative: list[Dyad] = field(default_factory=list)
    most_hostile: list[Dyad] = field(default_factory=list)
    #: actor names that probably denote one actor (a resolution bug or a gazetteer gap)
    near_duplicates: list[tuple[str, str, str]] = field(default_factory=list)


def is_place(attrs: dict[str, Any]) -> bool:
    return attrs.get("kind") == ACTOR and attrs.get("type") in PLACE_TYPES


def positive_actor_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Actors (not places) and the positive edges between them: what degree, PageRank and
    dyads are about."""
    actors = [n for n, attrs in graph.nodes(data=True)
              if attrs["kind"] == ACTOR and not is_place(attrs)]
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in actors)
    sub.add_edges_from((u, v, k, d) for u, v, k, d in graph.subgraph(actors).edges(
        keys=True, data=True) if not d["negated"])
    return sub


def totals(graph: nx.MultiDiGraph) -> GraphStats:
    """The counts alone (no rankings): what ``kg stats`` and ``graph.html`` both say."""
    kinds = Counter(kind for _, kind in graph.nodes(data="kind"))
    positive = [d for _, _, d in graph.edges(data=True) if not d["negated"]]
    return GraphStats(actors=kinds[ACTOR], topics=kinds["Topic"],
                      places=sum(1 for _, attrs in graph.nodes(data=True) if is_place(attrs)),
                      documents=len(graph.graph.get("documents", {})), edges=len(positive),
                      statements=sum(d["count"] for d in positive),
                      negated=sum(d["count"] for _, _, d in graph.edges(data=True)
                                  if d["negated"]))


def compute(graph: nx.MultiDiGraph, *, top: int = 10) -> GraphStats:
    """All statistics ``kg stats`` prints; ``top`` limits each ranking."""
    stats = totals(graph)
    positive = [(u, v, d) for u, v, d in graph.edges(data=True) if not d["negated"]]
    vocab = relations()
    per_rel: Counter[str] = Counter()
    per_plover: Counter[str] = Counter()
    per_quad: Counter[str] = Counter()
    for _, _, d in positive:
        per_rel[d["relation"]] += d["count"]
        per_plover[d["plover"] or "(none)"] += d["count"]
        per_quad[vocab[d["relation"]].quad_class] += d["count"]
    stats.per_relation = sorted(per_rel.items(), key=lambda kv: (-kv[1], kv[0]))
    stats.per_plover = sorted(per_plover.items(), key=lambda kv: (-kv[1], kv[0]))
    stats.per_quad_class = sorted(per_quad.items(), key=lambda kv: (-kv[1], kv[0]))

    actors = positive_actor_graph(graph)
    name = {n: graph.nodes[n]["name"] for n in graph.nodes}
    weighted = nx.DiGraph()
    weighted.add_nodes_from(actors.nodes)
    for u, v, d in actors.edges(data=True):
        if weighted.has_edge(u, v):
            weighted[u][v]["weight"] += d["count"]
        else:
            weighted.add_edge(u, v, weight=d["count"])
    pagerank = nx.pagerank(weighted, weight="weight") if weighted.number_of_edges() else {}
    ranks = [ActorRank(name[n], actors.degree(n), int(actors.degree(n, weight="count")),
                       round(pagerank.get(n, 0.0), 6)) for n in actors.nodes]
    stats.by_degree = sorted(ranks, key=lambda r: (-r.degree, -r.statements, r.name))[:top]
    stats.by_pagerank = sorted(ranks, key=lambda r: (-r.pagerank, r.name))[:top]

    pairs: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"n": 0, "rels": set(), "coop": 0, "host": 0})
    for u, v, d in actors.edges(data=True):
        pair = pairs[u, v]
        pair["n"] += d["count"]
        pair["rels"].add(d["relation"])
        if d["quad"] in COOPERATIVE_QUADS:
            pair["coop"] += d["count"]
        elif d["quad"] in HOSTILE_QUADS:
            pair["host"] += d["count"]
    dyads = [Dyad(name[u], name[v], p["n"], sorted(p["rels"]), p["coop"], p["host"])
             for (u, v), p in pairs.items()]
    stats.dyads = sorted(dyads, key=lambda d: (-d.statements, d.source, d.target))[:top]
    stats.most_cooperative = sorted((d for d in dyads if d.cooperative),
                                    key=lambda d: (-d.cooperative, -d.balance,
                                                   d.source, d.target))[:top]
    stats.most_hostile = sorted((d for d in dyads if d.hostile),
                                key=lambda d: (-d.hostile, d.balance, d.source, d.target))[:top]
    stats.near_duplicates = near_duplicates(  # generic groups ("Syrian rebels", "rebels")
        d["name"] for n, d in graph.nodes(data=True)  # are distinct by design
        if d.get("kind") == ACTOR and d.get("type") not in PLACE_TYPES
        and not str(n).startswith(GROUP_PREFIX))
    return stats


def graph_from_neo4j(driver: Driver, *, database: str | None = None) -> nx.MultiDiGraph:
    """The Neo4j graph in the embedded graph's shape (nodes, aggregate and negated edges)."""
    def rows(name: str) -> list[Any]:
        records, _, _ = driver.execute_query(load(name).text, database_=database,
                                             routing_=RoutingControl.READ)
        return records

    graph = nx.MultiDiGraph(documents={r["id"]: dict(r) for r in rows("read/documents")})
    for r in rows("read/graph_nodes"):
        graph.add_node(r["id"], kind=r["kind"], **{k: v for k, v in r["props"].items()
                                                   if not k.startswith("_")})
    vocab = relations()
    for r in rows("read/graph_edges"):
        rel = vocab[r["relation"]]
        props = {"plover": rel.plover, "cameo": rel.cameo, "first_date": None,
                 "last_date": None, **r["props"]}
        graph.add_edge(r["source"], r["target"], key=edge_key(r["relation"], False),
                       relation=r["relation"], negated=False, **props)
    for r in rows("read/graph_negated"):
        rel = vocab[r["relation"]]
        graph.add_edge(r["source"], r["target"], key=edge_key(r["relation"], True),
                       relation=r["relation"], negated=True, plover=rel.plover,
                       cameo=rel.cameo, quad=rel.quad, count=r["count"],
                       first_date=r["first_date"], last_date=r["last_date"],
                       doc_ids=list(r["doc_ids"]))
    return graph
