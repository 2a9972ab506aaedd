"""Stable identifiers, computed before writing so every MERGE is on a known key."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.types import Triple


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation: the key for matching names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(text.split())


def slug(text: str) -> str:
    """An id fragment from a name: ``Ramzan Kadyrov`` -> ``ramzan-kadyrov``."""
    return fold(text).replace(" ", "-") or "x"


def event_id(triple: Triple) -> str:
    """Hash of where the triple was found and what it says; re-runs give the same id."""
    key = "\x1f".join(
        [
            triple.doc_id,
            str(triple.sentence_index),
            triple.source.id,
            triple.relation,
            triple.target.id,
            "1" if triple.negated else "0",
        ]
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def text_hash(text: str) -> str:
    """Fingerprint of a document's text: tells a re-run of the same document from a different
    document that happens to get the same id (``news.txt`` of another day)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def variant_id(doc_id: str, digest: str) -> str:
    """The id a document gets when ``doc_id`` is taken by a different text: stable for the
    same text, so loading it again finds it again (``news`` -> ``news~3fa2c1d0``)."""
    return f"{doc_id}~{digest[:8]}"
