"""A full, order-independent dump of a Neo4j database, to compare graphs exactly."""

from __future__ import annotations

import json

import neo4j

_NODES = """
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
"""
_RELS = """
MATCH (a)-[r]->(b)
RETURN labels(a) AS a_labels, coalesce(a.id, a.name) AS a_key, type(r) AS type,
       properties(r) AS props, labels(b) AS b_labels, coalesce(b.id, b.name) AS b_key
"""


def _canon(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def dump(driver: neo4j.Driver) -> dict[str, list[str]]:
    """Every node (labels + all properties) and relationship (ends, type, all properties).

    Lists are sorted but not deduplicated, so a duplicate node or edge shows up.
    """
    nodes, _, _ = driver.execute_query(_NODES)
    rels, _, _ = driver.execute_query(_RELS)
    return {
        "nodes": sorted(_canon([sorted(r["labels"]), r["props"]]) for r in nodes),
        "relationships": sorted(
            _canon([sorted(r["a_labels"]), r["a_key"], r["type"], r["props"],
                    sorted(r["b_labels"]), r["b_key"]]) for r in rels),
    }


def counts(driver: neo4j.Driver) -> dict[str, int]:
    records, _, _ = driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n")
    return {r["label"]: r["n"] for r in records}
