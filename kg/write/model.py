"""The Neo4j graph model as plain rows, shared by the loader, the CSV export and the script.

Model (also in ``queries/schema.cypher`` and the README)::

    (:Actor:Person {id, name, type, country, wikidata, aliases, known})   + a label per type
    (:Topic {id, name, type, lang})                      non-actor targets
    (:Document {id, date, lang, source, text_hash, url, ...})   + any sidecar index column
    (:Event {id, relation, plover, cameo, quad, negated, sentence, sentence_index, doc_id,
             date, lang, char_start, char_end, verb, confidence, source_text,
             target_text, attributed_to, url, source_id, target_id})   one per extracted triple
    (:Relation {name, plover, cameo, quad, quad_class, description})   the vocabulary

    (source)-[:SOURCE_OF]->(:Event)-[:TARGETS]->(target)
    (:Event)-[:FROM_DOCUMENT]->(:Document)
    (:Event)-[:ATTRIBUTED_TO]->(:Actor)                  who reported / claimed it
    (source)-[:THREATENS {count, first_date, last_date, plover, cameo, quad, doc_ids,
                          caption, sample_*}]->(target)     see kg.write.explain

The aggregate relationship exists only for positive statements; a negated triple is an
Event with ``negated: true`` and never touches it.  Its properties are derived from the
Events (see ``queries/write/recompute_edges.cypher``), never incremented.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import networkx as nx

from kg.aggregate import ACTOR, DOCUMENT_FIELDS, TOPIC, ActorLookup, node_attrs
from kg.ids import text_hash
from kg.types import Document, Entity, Triple
from kg.vocab import relation_type, relations
from kg.write.explain import best_event, caption, sample_props

#: The only node labels a write template may be filled with.
ENTITY_LABELS = (ACTOR, TOPIC)


@dataclass(frozen=True, slots=True)
class TypeStyle:
    label: str | None
    colour: str


@cache
def type_styles() -> dict[str, TypeStyle]:
    """Per entity type: extra Neo4j label (Browser styles by label) and display colour."""
    raw = json.loads(resources.files("kg.data").joinpath("actor_types.json").read_text("utf-8"))
    return {name: TypeStyle(**row) for name, row in raw["types"].items()}


def type_label(entity_type: str) -> str:
    """The extra label of an actor type; plain ``Actor`` for generic or unlisted types."""
    style = type_styles().get(entity_type)
    return style.label if style and style.label else ACTOR


def type_labels() -> list[str]:
    """Every extra actor label, for removing a stale one when the gazetteer changes a type."""
    return sorted({s.label for s in type_styles().values() if s.label})


def type_colour(entity_type: str, kind: str = ACTOR) -> str:
    styles = type_styles()
    fallback = styles["TOPIC" if kind == TOPIC else "ACTOR"]
    return styles.get(entity_type, fallback).colour if kind == ACTOR else fallback.colour


@dataclass(frozen=True, slots=True)
class EntityRow:
    label: str
    id: str
    known: bool
    props: dict[str, Any]

    @property
    def type_label(self) -> str:
        return type_label(self.props.get("type", "")) if self.label == ACTOR else self.label

    def param(self) -> dict[str, Any]:
        return {"id": self.id, "known": self.known, "props": self.props}


@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    source_label: str
    source_id: str
    target_label: str
    target_id: str
    doc_id: str
    attributed_label: str | None
    attributed_id: str | None
    props: dict[str, Any]

    def param(self) -> dict[str, Any]:
        return {"id": self.id, "source_id": self.source_id, "target_id": self.target_id,
                "doc_id": self.doc_id, "attributed_id": self.attributed_id,
                "props": self.props}


@dataclass(frozen=True, slots=True, order=True)
class EdgeKey:
    """One aggregate relationship: positive statements of ``relation`` from source to target."""

    relation: str
    source_label: str
    source_id: str
    target_label: str
    target_id: str


def label(entity: Entity) -> str:
    return ACTOR if entity.is_actor else TOPIC


def entity_row(attrs: Mapping[str, Any]) -> EntityRow:
    """Row for a node from its embedded-graph attributes (see ``kg.aggregate.node_attrs``)."""
    kind = attrs["kind"]
    if kind not in ENTITY_LABELS:
        raise ValueError(f"not an entity node kind: {kind!r}")
    # Neo4j has no typed empty list (and the CSV import reads one as null): store null.
    props = {k: (None if v == [] else v) for k, v in attrs.items() if k != "kind"}
    return EntityRow(label=kind, id=attrs["id"], known=bool(attrs.get("known")), props=props)


def triple_entities(triple: Triple) -> Iterator[Entity]:
    yield triple.source
    yield triple.target
    if triple.attributed_to is not None:
        yield triple.attributed_to


#: Node attributes for an entity mentioned in a triple of the given language.
AttrsOf = Callable[[Entity, str | None], Mapping[str, Any]]


def attrs_from_lookup(lookup: ActorLookup) -> AttrsOf:
    """Node attributes from the gazetteer (direct loads)."""
    return lambda entity, lang: node_attrs(entity, lookup, lang)


def attrs_from_nodes(nodes: Mapping[str, Mapping[str, Any]]) -> AttrsOf:
    """Node attributes saved in an embedded graph (``kg load``), whatever the gazetteer says now."""
    return lambda entity, lang: nodes[entity.id]


def entity_rows_for(triple: Triple, attrs_of: AttrsOf) -> Iterator[EntityRow]:
    for entity in triple_entities(triple):
        yield entity_row(attrs_of(entity, triple.lang))


def event_row(triple: Triple) -> EventRow:
    """The Event node of one triple, with the ids it links to."""
    rel = relations()[relation_type(triple.relation)]
    attr = triple.attributed_to
    props = {
        "relation": triple.relation, "plover": rel.plover, "cameo": rel.cameo, "quad": rel.quad,
        "negated": triple.negated, "sentence": triple.sentence,
        "sentence_index": triple.sentence_index, "doc_id": triple.doc_id, "date": triple.date,
        "lang": triple.lang, "char_start": triple.char_start, "char_end": triple.char_end,
        "verb": triple.verb or None, "confidence": float(triple.confidence),
        "source_text": triple.source.text, "target_text": triple.target.text,
        "attributed_to": attr.name if attr else None, "url": triple.url,
        # the edge key again, so re-deriving an edge is one index seek (index event_edge)
        "source_id": triple.source.id, "target_id": triple.target.id,
    }
    return EventRow(id=triple.id, source_label=label(triple.source), source_id=triple.source.id,
                    target_label=label(triple.target), target_id=triple.target.id,
                    doc_id=triple.doc_id, attributed_label=label(attr) if attr else None,
                    attributed_id=attr.id if attr else None, props=props)


def edge_key(triple: Triple) -> EdgeKey | None:
    """The aggregate relationship a triple contributes to; None for negated triples."""
    if triple.negated:
        return None
    return EdgeKey(relation_type(triple.relation), label(triple.source), triple.source.id,
                   label(triple.target), triple.target.id)


def document_row(doc: Document) -> dict[str, Any]:
    """A Document node: its fields, and its sidecar metadata (``url``, ``outlet``, ...) as
    properties of their own so Cypher reads ``d.url``."""
    digest = doc.text_hash or (text_hash(doc.text) if doc.text else None)
    return {"id": doc.id, "date": doc.date, "lang": doc.lang, "source": doc.source or None,
            "text_hash": digest,
            "meta": {k: v for k, v in sorted(doc.meta.items()) if k not in DOCUMENT_FIELDS}}


def relation_rows() -> list[dict[str, Any]]:
    """The vocabulary as (:Relation) nodes, so Cypher users can join on codes."""
    return [{"name": r.name, "plover": r.plover, "cameo": r.cameo, "quad": r.quad,
             "quad_class": r.quad_class, "description": r.description}
            for r in relations().values()]


def edge_rows(graph: nx.MultiDiGraph) -> Iterator[tuple[EdgeKey, dict[str, Any]]]:
    """Positive aggregate relationships of an embedded graph, sorted, with their properties."""
    rows = []
    documents = graph.graph.get("documents", {})
    for src, tgt, data in graph.edges(data=True):
        if data["negated"]:
            continue
        key = EdgeKey(relation_type(data["relation"]), graph.nodes[src]["kind"], src,
                      graph.nodes[tgt]["kind"], tgt)
        sample = best_event(data["evidence"])  # and its Document's url (kg.write.explain)
        url = documents.get(sample["doc_id"], {}).get("url")
        rows.append((key, {"count": data["count"], "first_date": data["first_date"],
                           "last_date": data["last_date"], "plover": data["plover"],
                           "cameo": data["cameo"], "quad": data["quad"],
                           "doc_ids": list(data["doc_ids"]),
                           "caption": caption(key.relation, data["count"]),
                           **sample_props(sample, url)}))
    return iter(sorted(rows, key=lambda row: row[0]))
