"""Batched, idempotent Neo4j loader: Events first, aggregate edges derived from them.

Every batch is one managed transaction (``session.execute_write``, so the driver retries
deadlocks and other transient errors; a retry re-runs all of it) that

1. MERGEs and write-locks the batch's Actor/Topic nodes in id order, and MERGEs its Documents
   (claimed beforehand with their text hash: a document whose id a different text holds is
   loaded under ``kg.ids.variant_id`` and reported, never merged into the other),
2. asks for their element ids and which of its Events (by the stable ``kg.ids.event_id``)
   exist: the new ones are CREATEd with all their links, the others MERGEd and updated,
3. adds the new positive Events to their (source, relation, target) relationship (``count``,
   dates min/max, ``doc_ids``), and recomputes from *all* its Events a relationship one of
   whose stored Events changed its date.

Each relationship holds the aggregate of every committed positive Event of its key, and every
transaction that changes those Events keeps it so; an Event is added to it only by the
transaction that creates the Event. So loading the same input twice, re-running after a
``kill -9`` (an interrupted transaction leaves nothing behind) and two concurrent loads
(serialised on the node locks of step 1, which every Event and edge of the batch hangs off)
all give the graph of one clean load. Relationship types and labels reach Cypher only through
:func:`kg.queries.render` or as dynamic ``$(...)`` values, each checked against its whitelist
(the relation vocabulary, the actor types); every value is a parameter.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import islice
from operator import attrgetter
from typing import Any, Protocol, TypeVar

import networkx as nx
from neo4j import Driver, ManagedTransaction, Result
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable

from kg.aggregate import (
    ACTOR,
    ActorLookup,
    default_actor_lookup,
    graph_documents,
    iter_triples,
)
from kg.errors import GraphWriteError, Neo4jUnavailable
from kg.ids import variant_id
from kg.queries import SLOTS, load, render, statements
from kg.types import Document, Triple
from kg.vocab import relation_type, relations
from kg.write.explain import best_event, sample_props
from kg.write.model import (
    AttrsOf,
    EdgeKey,
    EntityRow,
    EventRow,
    attrs_from_lookup,
    attrs_from_nodes,
    document_row,
    edge_key,
    entity_row,
    event_row,
    label,
    relation_rows,
    triple_entities,
    type_labels,
)

T = TypeVar("T")
R = TypeVar("R")
_NEW = object()  # the stored date of an Event that is not stored yet
_EDGE_ORDER = attrgetter("source_id", "relation", "target_id")  # rows of edge statements


@dataclass(slots=True)
class WriteStats:
    """What a load did; ``edges`` counts (re)computed relationships, not new ones."""

    triples: int = 0
    batches: int = 0
    documents: int = 0
    edges: int = 0
    #: document id -> the id it was loaded under, because a different text holds the first
    renamed: dict[str, str] = field(default_factory=dict)


def renamed_reason(old: str, new: str) -> str:
    """The warning for a document loaded under its variant id (``WriteStats.renamed``)."""
    return (f"document id {old!r} is in Neo4j already with a different text; loaded as "
            f"{new!r}, both kept")


#: One Cypher text (from ``queries/write``, slots filled from the whitelist) and its parameters.
Statement = tuple[str, dict[str, Any]]


@dataclass(slots=True)
class Batch:
    """The rows of one transaction: first mention wins per entity, events deduplicated.

    ``edges`` maps the id of each positive Event to the aggregate relationship it counts in.
    """

    entities: dict[tuple[str, str], EntityRow]
    events: dict[str, EventRow]
    documents: dict[str, dict[str, Any]]
    edges: dict[str, EdgeKey]


class Runner(Protocol):
    """What a batch needs from a transaction (a ``ManagedTransaction``, or a timing wrapper)."""

    def run(self, query: str, parameters: dict[str, Any]) -> Result: ...


def chunks(items: Iterable[Triple], size: int) -> Iterator[list[Triple]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def plan_batch(chunk: Iterable[Triple], attrs_of: AttrsOf) -> Batch:
    """Rows for a batch of triples (pure)."""
    batch = Batch(entities={}, events={}, documents={}, edges={})
    seen: set[tuple[str, str]] = set()  # an entity's row depends on its first mention only
    for triple in chunk:
        for entity in triple_entities(triple):
            seen_as = (label(entity), entity.id)
            if seen_as not in seen:
                seen.add(seen_as)
                row = entity_row(attrs_of(entity, triple.lang))
                batch.entities.setdefault((row.label, row.id), row)
        event = event_row(triple)  # computes the id (a hash) once
        if event.id in batch.events:
            continue
        batch.events[event.id] = event
        if triple.doc_id not in batch.documents:
            batch.documents[triple.doc_id] = document_row(
                Document(id=triple.doc_id, text="", date=triple.date, lang=triple.lang))
        key = edge_key(triple)
        if key is not None:
            batch.edges[event.id] = key
    return batch


def document_statements(rows: Iterable[dict[str, Any]]) -> list[Statement]:
    return [(load("write/upsert_documents").text,
             {"rows": sorted(rows, key=lambda r: r["id"])})]


def claim_documents(tx: Runner, rows: list[dict[str, Any]]) -> dict[str, str]:
    """Claim each row's id for its text and upsert the Documents; a row whose id a different
    text holds already is written under its variant id.  Returns ``{old id: new id}``.
    (``rows`` is left as it is: the driver may run this function again on a retry.)"""
    claims = [{"id": r["id"], "text_hash": r["text_hash"]} for r in rows]
    stored = {rec["id"]: rec["stored"]
              for rec in tx.run(load("write/claim_documents").text, {"rows": claims})}
    renamed = {r["id"]: variant_id(r["id"], r["text_hash"]) for r in rows
               if r["text_hash"] and stored.get(r["id"]) not in (None, r["text_hash"])}
    _run_all(tx, document_statements(
        [{**r, "id": renamed.get(r["id"], r["id"])} for r in rows]))
    return renamed


def entity_statements(batch: Batch) -> list[Statement]:
    """Upsert and write-lock the batch's nodes in one global order: actors, topics, by id."""
    actors = sorted((row for (label_, _), row in batch.entities.items() if label_ == ACTOR),
                    key=lambda row: row.id)
    topics = sorted((row for (label_, _), row in batch.entities.items() if label_ != ACTOR),
                    key=lambda row: row.id)
    out: list[Statement] = []
    if actors:
        # The extra type label is dynamic, $(row.type_label): one statement for every type,
        # each value checked against kg/data/actor_types.json here.
        out.append((load("write/upsert_actors").text, {
            "type_labels": type_labels(),
            "rows": [{**r.param(), "type_label": SLOTS["TYPE_LABEL"](r.type_label)}
                     for r in actors]}))
    if topics:
        out.append((load("write/upsert_topics").text, {"rows": [r.param() for r in topics]}))
    out += document_statements(batch.documents.values())
    return out


def _by_labels(rows: Iterable[EventRow]) -> tuple[dict[tuple[str, str], list[EventRow]],
                                                  dict[str, list[EventRow]]]:
    """Event rows by (source label, target label), and attributed ones by attributing label."""
    events: dict[tuple[str, str], list[EventRow]] = defaultdict(list)
    attributions: dict[str, list[EventRow]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r.id):
        events[row.source_label, row.target_label].append(row)
        if row.attributed_label:
            attributions[row.attributed_label].append(row)
    return events, attributions


def event_statements(rows: Iterable[EventRow]) -> list[Statement]:
    """MERGE (and update) Events with their links, one statement per label pair."""
    events, attributions = _by_labels(rows)
    out: list[Statement] = []
    for (src, tgt), group in sorted(events.items()):
        out.append((render(load("write/upsert_events").text, SOURCE_LABEL=src, TARGET_LABEL=tgt),
                    {"rows": [r.param() for r in group]}))
    for label_, group in sorted(attributions.items()):
        out.append((render(load("write/link_attributions").text, LABEL=label_),
                    {"rows": [r.param() for r in group]}))
    return out


def _edge_row(key: EdgeKey) -> dict[str, Any]:
    """The ends of an aggregate relationship and its vocabulary properties; the relation has
    passed the vocabulary whitelist here, as the dynamic ``$(row.relation)`` type needs."""
    vocab = relations()[relation_type(key.relation)]
    return {"source_id": key.source_id, "target_id": key.target_id, "relation": vocab.name,
            "plover": vocab.plover, "cameo": vocab.cameo, "quad": vocab.quad}


def recompute_statements(keys: Iterable[EdgeKey],
                         new: Mapping[EdgeKey, int] | None = None) -> list[Statement]:
    """One recompute per label pair, every relation in it.

    ``new`` counts each key's positive Events created in this transaction (see
    ``recompute_edges.cypher``). The relationship type is a dynamic ``$(row.relation)``;
    each value has passed the vocabulary whitelist here.
    """
    new = new or {}
    edges: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for key in sorted(set(keys), key=_EDGE_ORDER):
        edges[key.source_label, key.target_label].append(
            {**_edge_row(key), "new": new.get(key, 0)})
    return [(render(load("write/recompute_edges").text, SOURCE_LABEL=src, TARGET_LABEL=tgt,
                    RELS="|".join(relations())),
             {"rows": rows}) for (src, tgt), rows in sorted(edges.items())]


def batch_statements(batch: Batch) -> list[Statement]:
    """The whole batch without reading the database first (the Cypher script's form).

    Every Event is MERGEd and every touched relationship recomputed; :func:`write_batch`
    does the same work with less, after asking which Events exist.
    """
    return (entity_statements(batch) + event_statements(batch.events.values())
            + recompute_statements(batch.edges.values()))


def created_event_statement(rows: Iterable[EventRow], nodes: Mapping[str, str],
                            documents: Mapping[str, str]) -> list[Statement]:
    """CREATE new Events with all their links, every label pair in one statement.

    ``nodes`` and ``documents`` map ids to the element ids :func:`write_batch` looked up.
    """
    params = [r.param() for r in sorted(rows, key=lambda r: r.id)]
    if not params:
        return []
    return [(load("write/create_events_linked").text,
             {"rows": params, "nodes": nodes, "documents": documents})]


def added_edge_statement(added: Mapping[EdgeKey, list[EventRow]],
                         nodes: Mapping[str, str]) -> list[Statement]:
    """Add each key's new positive Events to its relationship (``add_to_edges.cypher``).

    The relationship type is a dynamic ``$(row.relation)``; each value has passed the
    vocabulary whitelist here.
    """
    rows = []
    for key in sorted(added, key=_EDGE_ORDER):
        events = added[key]
        dates = [d for d in (e.props["date"] for e in events) if d is not None]
        best = best_event({**e.props, "id": e.id} for e in events)
        rows.append({**_edge_row(key), "count": len(events),
                     "first_date": min(dates, default=None), "last_date": max(dates, default=None),
                     "doc_ids": sorted({e.doc_id for e in events}),
                     "sample": sample_props(best, None)})
    if not rows:
        return []
    return [(render(load("write/add_to_edges").text, RELS="|".join(relations())),
             {"rows": rows, "nodes": nodes})]


def write_batch(tx: Runner, batch: Batch) -> int:
    """One batch transaction; returns the number of relationships changed.

    After the batch's nodes are locked, one query returns their element ids and tells which
    Events exist. New Events are CREATEd with all their links in one statement (their nodes
    reached by element id); existing ones are MERGEd as before (their properties may have
    changed). A relationship that gains new Events only has them added to its aggregate
    (``add_to_edges.cypher``); one whose stored Event changed its date is recomputed from all
    its Events (``recompute_edges.cypher``). For the others the Events they derive from are
    unchanged, so their values are too.
    """
    _run_all(tx, entity_statements(batch))
    entities = sorted(batch.entities)
    found = tx.run(load("write/find_nodes").text, {
        "actors": [id_ for label_, id_ in entities if label_ == ACTOR],
        "topics": [id_ for label_, id_ in entities if label_ != ACTOR],
        "documents": sorted(batch.documents), "events": sorted(batch.events)}).single(strict=True)
    nodes = dict(found["actors"] + found["topics"])
    documents = dict(found["documents"])
    stored = dict(found["events"])
    new = [row for event_id, row in batch.events.items() if event_id not in stored]
    old = [row for event_id, row in batch.events.items() if event_id in stored]
    changed = {key for event_id, key in batch.edges.items()
               if stored.get(event_id, _NEW) not in (_NEW, batch.events[event_id].props["date"])}
    added: dict[EdgeKey, list[EventRow]] = defaultdict(list)
    created: Counter[EdgeKey] = Counter()  # new Events of the keys to recompute
    for event_id, key in batch.edges.items():
        if event_id in stored:
            continue
        if key in changed:
            created[key] += 1
        else:
            added[key].append(batch.events[event_id])
    _run_all(tx, created_event_statement(new, nodes, documents)
             + event_statements(old) + added_edge_statement(added, nodes)
             + recompute_statements(changed, created))
    return len(added) + len(changed)


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
        doc_rows = sorted((document_row(d) for d in documents), key=lambda r: r["id"])
        if doc_rows:
            stats.renamed = self._execute(claim_documents, doc_rows)
            stats.documents = len(doc_rows)
        if stats.renamed:  # a document renamed by its claim takes its evidence along
            renamed = stats.renamed
            triples = (replace(t, doc_id=renamed[t.doc_id]) if t.doc_id in renamed else t
                       for t in triples)
        for chunk in chunks(triples, self.batch_size):
            stats.edges += self._execute(write_batch, plan_batch(chunk, attrs_of))
            stats.triples += len(chunk)
            stats.batches += 1
        return stats

    def write_graph(self, graph: nx.MultiDiGraph) -> WriteStats:
        """Load a saved embedded graph: its evidence, documents and node properties."""
        return self.write(iter_triples(graph), documents=graph_documents(graph),
                          nodes=graph.nodes)

    def _execute(self, work: Callable[[ManagedTransaction, T], R], arg: T) -> R:
        """``work(tx, arg)`` in one managed transaction (retried by the driver)."""
        try:
            with self.driver.session(database=self.database) as session:
                return session.execute_write(work, arg)
        except ServiceUnavailable as exc:
            raise Neo4jUnavailable(f"Neo4j became unreachable: {exc}") from None
        except (Neo4jError, DriverError) as exc:
            raise GraphWriteError(f"write failed after retries: {exc}") from None


def _run_all(tx: Runner, work: list[Statement]) -> None:
    for query, params in work:
        tx.run(query, params).consume()
