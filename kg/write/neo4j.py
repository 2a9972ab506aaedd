"""Batched, idempotent Neo4j loader: Events first, aggregate edges derived from them.

Every batch is one managed transaction (``session.execute_write``, so the driver retries
deadlocks and other transient errors) that

1. MERGEs and write-locks the batch's Actor/Topic nodes in id order,
2. MERGEs its Documents and Events (by the stable ``kg.ids.event_id``) with their links,
3. recomputes each positive (source, relation, target) relationship it touched from *all*
   Event nodes of that key: ``count`` = number of Events, dates = min/max, ``doc_ids``.

Because step 3 never increments, loading the same input twice, re-running after a
``kill -9`` (an interrupted transaction leaves nothing behind) and two concurrent loads
(serialised on the node locks of step 1) all give the graph of one clean load.
Relationship types and labels reach Cypher only through :func:`kg.queries.render`,
whose whitelist is the relation vocabulary; every value is a parameter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

import networkx as nx
from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable

from kg.aggregate import (
    ACTOR,
    ActorLookup,
    default_actor_lookup,
    graph_documents,
    iter_triples,
)
from kg.errors import GraphWriteError, Neo4jUnavailable
from kg.queries import load, render, statements
from kg.types import Document, Triple
from kg.vocab import relation_type, relations
from kg.write.model import (
    AttrsOf,
    EdgeKey,
    EntityRow,
    EventRow,
    attrs_from_lookup,
    attrs_from_nodes,
    document_row,
    edge_key,
    entity_rows_for,
    event_row,
    relation_rows,
    type_labels,
)


@dataclass(slots=True)
class WriteStats:
    """What a load did; ``edges`` counts (re)computed relationships, not new ones."""

    triples: int = 0
    batches: int = 0
    documents: int = 0
    edges: int = 0


#: One Cypher text (from ``queries/write``, slots filled from the whitelist) and its parameters.
Statement = tuple[str, dict[str, Any]]


@dataclass(slots=True)
class Batch:
    """The rows of one transaction: first mention wins per entity, events deduplicated."""

    entities: dict[tuple[str, str], EntityRow]
    events: dict[str, EventRow]
    documents: dict[str, dict[str, Any]]
    edges: set[EdgeKey]


def chunks(items: Iterable[Triple], size: int) -> Iterator[list[Triple]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def plan_batch(chunk: Iterable[Triple], attrs_of: AttrsOf) -> Batch:
    """Rows for a batch of triples (pure)."""
    batch = Batch(entities={}, events={}, documents={}, edges=set())
    for triple in chunk:
        for row in entity_rows_for(triple, attrs_of):
            batch.entities.setdefault((row.label, row.id), row)
        batch.events.setdefault(triple.id, event_row(triple))
        batch.documents.setdefault(triple.doc_id, document_row(
            Document(id=triple.doc_id, text="", date=triple.date, lang=triple.lang)))
        key = edge_key(triple)
        if key is not None:
            batch.edges.add(key)
    return batch


def document_statements(rows: Iterable[dict[str, Any]]) -> list[Statement]:
    return [(load("write/upsert_documents").text,
             {"rows": sorted(rows, key=lambda r: r["id"])})]


def batch_statements(batch: Batch) -> list[Statement]:
    """The statements of one batch transaction, in lock order (entities first, sorted)."""
    out: list[Statement] = []
    # Lock order, the same in every transaction: actors by (type label, id), then topics by id.
    actors: dict[str, list[EntityRow]] = defaultdict(list)
    topics: list[EntityRow] = []
    for (label, _), row in sorted(batch.entities.items()):
        if label == ACTOR:
            actors[row.type_label].append(row)
        else:
            topics.append(row)
    for type_label, rows in sorted(actors.items()):
        out.append((render(load("write/upsert_actors").text, TYPE_LABEL=type_label,
                           TYPE_LABELS=":".join(type_labels())),
                    {"rows": [r.param() for r in rows]}))
    if topics:
        out.append((load("write/upsert_topics").text, {"rows": [r.param() for r in topics]}))
    out += document_statements(batch.documents.values())

    events: dict[tuple[str, str], list[EventRow]] = defaultdict(list)
    attributions: dict[str, list[EventRow]] = defaultdict(list)
    for _, row in sorted(batch.events.items()):
        events[row.source_label, row.target_label].append(row)
        if row.attributed_label:
            attributions[row.attributed_label].append(row)
    for (src, tgt), rows in sorted(events.items()):
        out.append((render(load("write/upsert_events").text, SOURCE_LABEL=src, TARGET_LABEL=tgt),
                    {"rows": [r.param() for r in rows]}))
    for label, rows in sorted(attributions.items()):
        out.append((render(load("write/link_attributions").text, LABEL=label),
                    {"rows": [r.param() for r in rows]}))

    # One recompute per label pair, every relation in it: the relationship type is a dynamic
    # $(row.relation), and each value has passed the vocabulary whitelist here.
    edges: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for key in sorted(batch.edges, key=lambda k: (k.source_id, k.relation, k.target_id)):
        vocab = relations()[relation_type(key.relation)]
        edges[key.source_label, key.target_label].append(
            {"source_id": key.source_id, "target_id": key.target_id, "relation": vocab.name,
             "plover": vocab.plover, "cameo": vocab.cameo, "quad": vocab.quad})
    for (src, tgt), rows in sorted(edges.items()):
        out.append((render(load("write/recompute_edges").text, SOURCE_LABEL=src,
                           TARGET_LABEL=tgt), {"rows": rows}))
    return out


class Neo4jWriter:
    """Load triples (or a saved embedded graph) into Neo4j in UNWIND batches.

    ``actors`` looks up known actors (default: the packaged gazetteer); ``batch_size`` is
    the number of triples per transaction.
    """

    def __init__(self, driver: Driver, *, database: str | None = None, batch_size: int = 1000,
                 actors: ActorLookup | None = None) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self._actors = actors
        self._schema_ready = False

    def setup_schema(self) -> None:
        """Constraints, indexes and the (:Relation) vocabulary; safe to run any number of times."""
        with self.driver.session(database=self.database) as session:
            try:
                for statement in statements(load("schema").text):
                    session.execute_write(_run_all, [(statement, {})])
                session.execute_write(_run_all, [(load("write/upsert_relations").text,
                                                  {"rows": relation_rows()})])
                session.run("CALL db.awaitIndexes(300)").consume()
            except ServiceUnavailable as exc:
                raise Neo4jUnavailable(f"Neo4j became unreachable: {exc}") from None
            except (Neo4jError, DriverError) as exc:
                raise GraphWriteError(f"schema setup failed: {exc}") from None
        self._schema_ready = True

    def write(self, triples: Iterable[Triple], *, documents: Iterable[Document] = (),
              nodes: Mapping[str, Mapping[str, Any]] | None = None) -> WriteStats:
        """Load triples in batches; ``nodes`` (saved node attributes) override the lookup."""
        if not self._schema_ready:
            self.setup_schema()
        attrs_of = (attrs_from_nodes(nodes) if nodes is not None
                    else attrs_from_lookup(self._actors or default_actor_lookup()))
        stats = WriteStats()
        doc_rows = [document_row(d) for d in documents]
        if doc_rows:
            self._execute(document_statements(doc_rows))
            stats.documents = len(doc_rows)
        for chunk in chunks(triples, self.batch_size):
            batch = plan_batch(chunk, attrs_of)
            self._execute(batch_statements(batch))
            stats.triples += len(chunk)
            stats.batches += 1
            stats.edges += len(batch.edges)
        return stats

    def write_graph(self, graph: nx.MultiDiGraph) -> WriteStats:
        """Load a saved embedded graph: its evidence, documents and node properties."""
        return self.write(iter_triples(graph), documents=graph_documents(graph),
                          nodes=graph.nodes)

    def _execute(self, work: list[Statement]) -> None:
        """Run statements in one managed transaction (retried by the driver)."""
        try:
            with self.driver.session(database=self.database) as session:
                session.execute_write(_run_all, work)
        except ServiceUnavailable as exc:
            raise Neo4jUnavailable(f"Neo4j became unreachable: {exc}") from None
        except (Neo4jError, DriverError) as exc:
            raise GraphWriteError(f"write failed after retries: {exc}") from None


def _run_all(tx: ManagedTransaction, work: list[Statement]) -> None:
    for query, params in work:
        tx.run(query, params).consume()
