"""Europeana NER (19th-century Dutch newspapers, IOB, no sentence breaks) -> .spacy splits.

The OCR text is re-tokenized with kg's tokenizer (punctuation glued to words is split off) and
the entities are carried over as character spans, so the NER learns on the tokenization it
will see.  The file is cut into contiguous blocks: the last 10 % is the held-out test split,
the 10 % before it dev, the rest train; no document straddles two splits.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from kg.training.tokenizer import customize

SENTS_PER_DOC = 10
_END = (".", "?", "!")
_TRAILING = ".,;:!?'\")»”’"


def read_bio(path: Path) -> list[tuple[str, str]]:
    """(token, IOB tag) pairs; malformed lines are skipped."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.rsplit(" ", 1)
        if len(parts) == 2 and parts[0]:
            pairs.append((parts[0], parts[1]))
    return pairs


def sentences(pairs: list[tuple[str, str]]) -> Iterator[list[tuple[str, str]]]:
    """Cut the running text after a token ending a sentence when a capital follows."""
    current: list[tuple[str, str]] = []
    for i, (tok, tag) in enumerate(pairs):
        current.append((tok, tag))
        nxt = pairs[i + 1][0] if i + 1 < len(pairs) else ""
        if tok.endswith(_END) and (not nxt or nxt[0].isupper() or nxt == "?"):
            yield current
            current = []
    if current:
        yield current


def chunk_to_text(chunk: list[list[tuple[str, str]]]) -> tuple[str, list[tuple[int, int, str]]]:
    """Text of a chunk of sentences and its entity character spans (trailing punct. trimmed)."""
    text = ""
    spans: list[tuple[int, int, str]] = []
    open_span: list = []
    for sent in chunk:
        for tok, tag in sent:
            start = len(text) + (1 if text else 0)
            text = f"{text} {tok}" if text else tok
            end = start + len(tok.rstrip(_TRAILING) or tok)
            if tag.startswith("B-") or (tag.startswith("I-") and not open_span):
                if open_span:
                    spans.append(tuple(open_span))
                open_span = [start, end, tag[2:]]
            elif tag.startswith("I-") and open_span and open_span[2] == tag[2:]:
                open_span[1] = end
            else:
                if open_span:
                    spans.append(tuple(open_span))
                open_span = []
    if open_span:
        spans.append(tuple(open_span))
    return text, spans


def docs(nlp: spacy.language.Language, sents: list) -> Iterator[Doc]:
    for i in range(0, len(sents), SENTS_PER_DOC):
        text, spans = chunk_to_text(sents[i:i + SENTS_PER_DOC])
        doc = nlp.make_doc(text)
        ents = []
        for start, end, label in spans:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None and (not ents or span.start >= ents[-1].end):
                ents.append(span)
        doc.set_ents(ents, default="outside")
        yield doc


def write_corpora(bio: Path, out: Path) -> dict[str, int]:
    """Write train/dev/test .spacy files (80/10/10, contiguous) and return their sizes."""
    out.mkdir(parents=True, exist_ok=True)
    nlp = customize(spacy.blank("nl"))
    sents = list(sentences(read_bio(bio)))
    n = len(sents)
    cut_dev, cut_test = int(n * 0.8), int(n * 0.9)
    parts = {"train": sents[:cut_dev], "dev": sents[cut_dev:cut_test],
             "test": sents[cut_test:]}
    counts: dict[str, int] = {}
    for name, part in parts.items():
        bin_ = DocBin(docs=docs(nlp, part))
        bin_.to_disk(out / f"{name}.spacy")
        counts[f"{name} sentences"] = len(part)
        counts[f"{name} tokens"] = sum(len(s) for s in part)
    (out / "counts.json").write_text(json.dumps(counts, indent=2))
    return counts
