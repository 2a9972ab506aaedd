"""Triples -> one networkx MultiDiGraph: the embedded graph every writer starts from.

Nodes are keyed by entity id and carry ``kind`` ``Actor`` or ``Topic``.  Between two
nodes there is one edge per (relation, negated), keyed ``RELATION`` or
``RELATION|negated``, so a denial never inflates the positive edge.  Each edge keeps its
evidence: the full triple of every extraction (``Triple.to_dict()`` plus its event id),
so the saved graph can be turned back into the exact triples (``kg load``) and Neo4j
gets the same Events as from a direct build.

The aggregate numbers are *derived* from the evidence (count = distinct event ids,
dates = min/max, doc_ids = sorted distinct), the same rule the Neo4j writer applies to
its Event nodes: adding a triple twice changes nothing.

Documents are not nodes here (they would distort degree and PageRank); their metadata
lives in ``graph.graph["documents"]``.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import networkx as nx

from kg.errors import InputError
from kg.types import Actor, Document, Entity, Triple
from kg.vocab import relation_type, relations

#: Document properties with a meaning of their own; any other key is sidecar metadata
DOCUMENT_FIELDS = ("id", "date", "lang", "source", "text_hash")

#: Looks up the canonical actor for an id (``default_gazetteer().actor``); None if unknown.
ActorLookup = Callable[[str], Actor | None]

ACTOR, TOPIC = "Actor", "Topic"
NEGATED_SUFFIX = "|negated"


def edge_key(relation: str, negated: bool) -> str:
    """The MultiDiGraph key: positive and negated statements never share an edge."""
    return relation + NEGATED_SUFFIX if negated else relation


def default_actor_lookup() -> ActorLookup:
    """The packaged gazetteer; imported late so the graph code loads without it."""
    from kg.gazetteer import default_gazetteer

    return default_gazetteer().actor


def node_attrs(entity: Entity, lookup: ActorLookup, lang: str | None) -> dict[str, Any]:
    """Node properties for an entity: gazetteer values for known actors, else the mention."""
    if not entity.is_actor:
        return {"kind": TOPIC, "id": entity.id, "name": entity.name, "type": entity.type,
                "lang": lang}
    known = lookup(entity.id)
    if known is not None:
        return {"kind": ACTOR, "id": known.id, "name": known.name, "type": known.type,
                "country": known.country, "wikidata": known.wikidata,
                "aliases": sorted(set(known.aliases)), "known": True}
    return {"kind": ACTOR, "id": entity.id, "name": entity.name, "type": entity.type,
            "country": None, "wikidata": None, "aliases": [], "known": False}


class GraphBuilder:
    """Accumulate triples one at a time; memory grows with the graph, not the input read.

    ``add`` is idempotent per event id, so re-reading a document does not double-count.
    Known actors take their properties from ``actors``; unknown actors and topics keep
    the first mention seen (the Neo4j writer uses the same first-writer rule).

    The graph must hold every event until it is written, so what an event holds is kept
    small: equal mentions (``{"name": "Russia", ...}``), dates and languages are one shared
    object, not a copy per event (about a third less memory per event and per document).
    Nothing mutates evidence rows after they are added.
    """

    def __init__(self, *, actors: ActorLookup | None = None) -> None:
        self.graph = nx.MultiDiGraph(documents={})
        self._lookup = actors or default_actor_lookup()
        self._events: set[str] = set()
        self._shared: dict[Any, Any] = {}

    def _share(self, value: Any) -> Any:
        """The first equal value seen (strings, or entity dicts keyed by their items)."""
        if value is None:
            return None
        key = tuple(value.items()) if isinstance(value, dict) else value
        return self._shared.setdefault(key, value)

    def add_document(self, doc: Document) -> None:
        """Record a document's metadata (its source path, text hash and sidecar metadata
        are not carried by triples); its properties are those of its Neo4j node."""
        docs = self.graph.graph["documents"]
        entry = docs.setdefault(doc.id, {"id": doc.id, "date": self._share(doc.date),
                                         "lang": self._share(doc.lang), "source": None,
                                         "text_hash": None})
        entry["source"] = doc.source or entry["source"]
        entry["date"] = entry["date"] or self._share(doc.date)
        entry["lang"] = entry["lang"] or self._share(doc.lang)
        entry["text_hash"] = entry["text_hash"] or doc.text_hash
        entry.update((k, self._share(v)) for k, v in doc.meta.items() if k not in entry)

    def add(self, triple: Triple) -> bool:
        """Add one triple; return False when its event id was already in the graph."""
        relation_type(triple.relation)
        event = triple.id
        if event in self._events:
            return False
        self._events.add(event)
        self.add_document(Document(id=triple.doc_id, text="", date=triple.date, lang=triple.lang))
        for entity in (triple.source, triple.target, triple.attributed_to):
            if entity is not None:
                self._add_node(entity, triple.lang)
        self._add_evidence(triple, event)
        return True

    def add_all(self, triples: Iterable[Triple]) -> nx.MultiDiGraph:
        for triple in triples:
            self.add(triple)
        return self.graph

    def _add_node(self, entity: Entity, lang: str | None) -> None:
        attrs = self.graph.nodes.get(entity.id)
        kind = ACTOR if entity.is_actor else TOPIC
        if attrs is None:
            self.graph.add_node(entity.id, **node_attrs(entity, self._lookup, lang))
        elif attrs["kind"] != kind:
            raise InputError(f"entity id {entity.id!r} is used for both an actor and a topic")

    def _add_evidence(self, triple: Triple, event: str) -> None:
        src, tgt = triple.source.id, triple.target.id
        key = edge_key(triple.relation, triple.negated)
        if not self.graph.has_edge(src, tgt, key):
            rel = relations()[triple.relation]
            self.graph.add_edge(src, tgt, key=key, relation=triple.relation,
                                negated=triple.negated, plover=rel.plover, cameo=rel.cameo,
                                quad=rel.quad, count=0, first_date=None, last_date=None,
                                doc_ids=[], evidence=[])
        data = self.graph.edges[src, tgt, key]
        data["count"] += 1
        if triple.date:
            data["first_date"] = min(filter(None, (data["first_date"], triple.date)))
            data["last_date"] = max(filter(None, (data["last_date"], triple.date)))
        if triple.doc_id not in data["doc_ids"]:
            insort(data["doc_ids"], triple.doc_id)
        row = {"id": event, **triple.to_dict()}
        for name in ("date", "lang", "verb", "source", "target", "attributed_to"):
            row[name] = self._share(row[name])
        data["evidence"].append(row)


def aggregate(triples: Iterable[Triple], *, documents: Iterable[Document] = (),
              actors: ActorLookup | None = None) -> nx.MultiDiGraph:
    """Build the embedded graph from triples (and optional document metadata)."""
    builder = GraphBuilder(actors=actors)
    for doc in documents:
        builder.add_document(doc)
    return builder.add_all(triples)


def iter_triples(graph: nx.MultiDiGraph) -> Iterator[Triple]:
    """The evidence of a saved graph as triples again, in event-id order."""
    rows = [ev for _, _, evidence in graph.edges(data="evidence") for ev in evidence]
    for row in sorted(rows, key=lambda ev: ev["id"]):
        yield Triple.from_dict(row)


def graph_documents(graph: nx.MultiDiGraph) -> list[Document]:
    """Document metadata stored with the graph, sorted by id."""
    docs = graph.graph.get("documents", {})
    return [Document(id=d["id"], text="", date=d.get("date"), lang=d.get("lang"),
                     source=d.get("source") or "", text_hash=d.get("text_hash"),
                     meta={k: v for k, v in d.items() if k not in DOCUMENT_FIELDS and v})
            for _, d in sorted(docs.items())]
