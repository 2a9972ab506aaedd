"""Resolve stage: argument tokens -> canonical actors, candidates -> Triples."""

from kg.resolve.document import DocumentResolver
from kg.resolve.mentions import Mention, Resolved, actor_entity, phrase_matcher

__all__ = ["DocumentResolver", "Mention", "Resolved", "actor_entity", "phrase_matcher"]
