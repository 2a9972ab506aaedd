"""kg: actor-relation-target knowledge graphs from news, with evidence, for Neo4j."""

from kg.types import Actor, Document, Entity, Sentence, Triple

__all__ = ["Actor", "Document", "Entity", "Sentence", "Triple"]
__version__ = "0.1.0"
