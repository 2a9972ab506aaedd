"""Score a spaCy pipeline on a CoNLL-U treebank (UD Dutch test by default).

Scoring uses the gold tokenization: each predicted ``Doc`` is built from the treebank's words
(documents of ``SENTS_PER_DOC`` sentences, sentence boundaries predicted by the pipeline) and
scored with spaCy's own ``Scorer``, which is how spaCy's published model figures are made
(attachment scores leave out punctuation).  ``gold_sentences=True`` parses one sentence per
``Doc`` instead (gold tokens *and* gold sentence breaks, as in most UD parser papers); sentence
F is then not measured.  Speed is measured separately on the raw sentence
texts, tokenizer included, in this one process, as words per second of CPU time: that is
the one-core figure even when other jobs share the machine (CPU time of any extra BLAS
threads counts too, so it can only understate).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example

from kg.errors import InputError
from kg.training.corpus import SENTS_PER_DOC, read_conllu, to_docs

#: the relations the extractor reads; their F-scores are reported one by one
LABELS: tuple[str, ...] = (
    "nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "compound:prt",
    "conj", "ccomp", "xcomp", "acl:relcl",
)

#: published figures of spaCy's nl_core_news_sm 3.8 (model card), for the comparison table
PUBLISHED_NL_CORE_NEWS_SM = {"las": 0.80, "nsubj": 0.76, "obj": 0.70}


@dataclass
class EvalResult:
    """Scores of one pipeline on one treebank file (fractions, not percentages)."""

    path: str
    sentences: int
    words: int
    upos: float
    xpos: float | None
    morph: float | None
    lemma: float | None
    uas: float
    las: float
    sents_f: float | None
    label_f: dict[str, float | None] = field(default_factory=dict)
    words_per_second: float = 0.0


def _gold_docs(nlp: Language, path: Path, limit: int, per_doc: int) -> list[Doc]:
    if not path.is_file():
        raise InputError(f"no CoNLL-U file at {path}")
    sents = list(read_conllu(path))
    if limit:
        sents = sents[:limit]
    if not sents:
        raise InputError(f"{path} holds no sentences")
    return list(to_docs(nlp, sents, per_doc))


def words_per_second(nlp: Language, texts: Sequence[str], batch_size: int = 256) -> float:
    """Words per CPU-second of the whole pipeline (tokenizer included) in this process."""
    start = time.process_time()
    n_words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    return n_words / max(time.process_time() - start, 1e-9)


def evaluate(nlp: Language, path: Path, limit: int = 0, speed: bool = True,
             gold_sentences: bool = False) -> EvalResult:
    """Score ``nlp`` on the CoNLL-U file ``path`` (first ``limit`` sentences if > 0)."""
    gold = _gold_docs(nlp, path, limit, 1 if gold_sentences else SENTS_PER_DOC)
    predicted = nlp.pipe(Doc(nlp.vocab, words=[t.text for t in g],
                             spaces=[bool(t.whitespace_) for t in g]) for g in gold)
    examples = [Example(p, g) for p, g in zip(predicted, gold, strict=True)]
    scores = Scorer(nlp).score(examples)
    per_type = scores.get("dep_las_per_type") or {}
    n_sents = sum(1 for g in gold for _ in g.sents)
    n_words = sum(len(g) for g in gold)
    wps = 0.0
    if speed:
        texts = [s.text for g in gold for s in g.sents]
        wps = words_per_second(nlp, texts)
    return EvalResult(
        path=str(path),
        sentences=n_sents,
        words=n_words,
        upos=scores.get("pos_acc") or 0.0,
        xpos=scores.get("tag_acc") if "tagger" in nlp.pipe_names else None,
        morph=scores.get("morph_acc"),
        lemma=scores.get("lemma_acc"),
        uas=scores.get("dep_uas") or 0.0,
        las=scores.get("dep_las") or 0.0,
        sents_f=None if gold_sentences else scores.get("sents_f") or 0.0,
        label_f={label: per_type[label]["f"] if label in per_type else None
                 for label in LABELS},
        words_per_second=wps,
    )


__all__ = ["EvalResult", "LABELS", "PUBLISHED_NL_CORE_NEWS_SM", "SENTS_PER_DOC", "evaluate",
           "words_per_second"]
