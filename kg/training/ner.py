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


def propn_chunks(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of PROPN tokens (plus ``flat`` dependents): the no-NER baseline."""
    spans: list[tuple[int, int]] = []
    start = None
    for tok in doc:
        inside = tok.pos_ == "PROPN" or (start is not None and tok.dep_ == "flat")
        if inside and start is None:
            start = tok.i
        elif not inside and start is not None:
            spans.append((start, tok.i))
            start = None
    if start is not None:
        spans.append((start, len(doc)))
    return spans


def _prf(gold: set, pred: set) -> dict[str, float]:
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate(nlp: spacy.language.Language, split: Path) -> dict[str, dict[str, float]]:
    """NER scores on a held-out split, next to the PROPN-chunk baseline (exact spans).

    ``labelled``: span and type must match; ``unlabelled``: span only, which is what the
    actor gazetteer needs from either source.
    """
    gold_docs = list(DocBin().from_disk(split).get_docs(nlp.vocab))
    gold_l: set = set()
    pred_l: set = set()
    propn: set = set()
    by_type: dict[str, tuple[set, set]] = {}
    for n, (gold, pred) in enumerate(zip(gold_docs, nlp.pipe(g.text for g in gold_docs),
                                         strict=True)):
        g = {(n, e.start_char, e.end_char, e.label_) for e in gold.ents}
        p = {(n, e.start_char, e.end_char, e.label_) for e in pred.ents}
        gold_l |= g
        pred_l |= p
        propn |= {(n, pred[s].idx, pred[e - 1].idx + len(pred[e - 1])) for s, e in
                  propn_chunks(pred)}
        for label in ("PER", "LOC", "ORG"):
            gs, ps = by_type.setdefault(label, (set(), set()))
            gs |= {x for x in g if x[3] == label}
            ps |= {x for x in p if x[3] == label}
    gold_u = {x[:3] for x in gold_l}
    scores = {
        "ner labelled": _prf(gold_l, pred_l),
        "ner unlabelled": _prf(gold_u, {x[:3] for x in pred_l}),
        "propn chunks unlabelled": _prf(gold_u, propn),
    }
    scores.update({f"ner {label}": _prf(*pair) for label, pair in by_type.items()})
    return scores
