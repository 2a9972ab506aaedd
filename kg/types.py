"""Plain typed data passed between the pipeline stages.

read -> Document; segment -> Sentence; extract -> Triple (with Entity mentions);
resolve fills canonical ids; aggregate/write consume Triples.  Everything here is a
dataclass so that stages stay pure and tests can build values by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the extract stage's token pointers; types.py itself needs no spaCy
    from spacy.tokens import Span, Token

    from kg.lexicon import Frame

#: Entity types that denote actors (anything else, e.g. TOPIC, is a concept target).
ACTOR_TYPES = frozenset(
    {
        "PERSON",
        "COUNTRY",
        "GOVERNMENT",
        "MILITARY",
        "ARMED_GROUP",
        "ORGANIZATION",
        "IGO",
        "MEDIA",
        "POLICE",
        "OPPOSITION",
        "REBEL",
        "CIVILIANS",
        "LOCATION",
        "REGION",
        "ACTOR",
    }
)


@dataclass(slots=True)
class Document:
    """One input text, as read from a file, a JSONL line or stdin.

    ``meta`` holds what a sidecar index says about it beyond the date (``url``, ``outlet``,
    ...); ``text_hash`` (``kg.ids.text_hash``) lets a later run tell the same document from a
    different one that got the same id.
    """

    id: str
    text: str
    date: str | None = None
    lang: str | None = None
    source: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    text_hash: str | None = None

    @property
    def url(self) -> str | None:
        return self.meta.get("url") or None


@dataclass(slots=True)
class Sentence:
    """A sentence of a document; offsets are character offsets in ``Document.text``."""

    doc_id: str
    index: int
    text: str
    char_start: int
    char_end: int


@dataclass(slots=True)
class Actor:
    """A canonical actor from the gazetteer, or one minted for an unknown name."""

    id: str
    name: str
    type: str
    country: str | None = None
    wikidata: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    """One side of a triple: the canonical ``name`` and the ``text`` as written."""

    name: str
    text: str
    type: str
    id: str

    @property
    def is_actor(self) -> bool:
        return self.type in ACTOR_TYPES

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "text": self.text, "type": self.type, "id": self.id}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(name=data["name"], text=data.get("text", data["name"]),
                   type=data["type"], id=data["id"])


@dataclass(slots=True)
class Triple:
    """One extracted, resolved statement with its evidence (the output contract)."""

    doc_id: str
    date: str | None
    lang: str
    sentence: str
    sentence_index: int
    char_start: int
    char_end: int
    source: Entity
    relation: str
    plover: str | None
    cameo: str | None
    target: Entity
    negated: bool = False
    attributed_to: Entity | None = None
    verb: str = ""
    confidence: float = 0.5
    url: str | None = None  # of the document, from its sidecar index: evidence to click on

    @property
    def id(self) -> str:
        """Stable evidence id: same triple from the same sentence -> same id."""
        from kg.ids import event_id

        return event_id(self)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["source"] = self.source.to_dict()
        data["target"] = self.target.to_dict()
        data["attributed_to"] = self.attributed_to.to_dict() if self.attributed_to else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Triple:
        values = dict(data)
        values["source"] = Entity.from_dict(data["source"])
        values["target"] = Entity.from_dict(data["target"])
        attr = data.get("attributed_to")
        values["attributed_to"] = Entity.from_dict(attr) if attr else None
        return cls(**{k: values[k] for k in cls.__dataclass_fields__ if k in values})


@dataclass(slots=True)
class Skipped:
    """An input item that could not be used, with the reason (for the run report)."""

    where: str
    reason: str
    #: "skipped" (input lost), "warning" (used, with a caveat, e.g. decoded as cp1252) or
    #: "ignored" (a file in a folder that is not a kind kg reads); only "skipped" is lost work
    kind: str = "skipped"


@dataclass(slots=True)
class PreparedDocument:
    """A document ready for parsing: its language and the cleaned pieces to feed ``nlp.pipe``.

    Each piece is ``(char_start, char_end, text)``; offsets index ``document.text`` and
    ``text`` has boilerplate blanked with spaces, so sentence offsets stay document offsets.
    """

    document: Document
    lang: str
    pieces: list[tuple[int, int, str]]


@dataclass(slots=True)
class Candidate:
    """A matched predicate with its argument tokens (extract's output, resolve's input)."""

    sent: Span
    predicate: Token
    frame: Frame
    verb: str
    sources: list[Token]
    target_slots: Sequence[list[Token]]  # tried in order; may be computed lazily
    topic_slots: list[Span]
    negated: bool = False
    attribution: list[Token] = field(default_factory=list)
    nominal_sources: list[Token] = field(default_factory=list)
    extra_targets: list[Token] = field(default_factory=list)
