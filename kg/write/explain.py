"""What an aggregate relationship carries to explain itself in a picture.

Neo4j Browser 5 fills one ``{property}`` in a GraSS caption but not ``<type>`` beside it, so
each aggregate relationship stores its caption (``ATTACKS ×3``); and a click on it should say
why it exists, so it stores one sample sentence: its highest-confidence positive Event's
(ties: the smallest event id), with that Event's document id and date and the Document's
``url``.  The sample is a function of the set of Events, so the loader's add path
(``add_to_edges.cypher``), its recompute path (``recompute_edges.cypher``) and the CSV
export (:func:`kg.write.model.edge_rows`) agree exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: Sample properties on every aggregate relationship, in CSV column order.
SAMPLE_PROPS = ("sample_event", "sample_confidence", "sample_sentence", "sample_doc_id",
                "sample_date", "sample_url")


def caption(relation: str, count: int) -> str:
    """The text Browser shows on the relationship (``queries/style.grass``: ``{caption}``)."""
    return f"{relation} ×{count}"


def sample_rank(confidence: float, event_id: str) -> tuple[float, str]:
    """Smaller is better: highest confidence first, then the smallest event id."""
    return (-float(confidence), event_id)


def best_event(events: Iterable[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The sample among event rows ``{id, confidence, ...}`` (at least one)."""
    return min(events, key=lambda ev: sample_rank(ev["confidence"], ev["id"]))


def sample_props(event: Mapping[str, Any], url: str | None) -> dict[str, Any]:
    """The sample properties of a relationship from its sample event row."""
    return {"sample_event": event["id"], "sample_confidence": float(event["confidence"]),
            "sample_sentence": event["sentence"], "sample_doc_id": event["doc_id"],
            "sample_date": event.get("date"), "sample_url": url}
