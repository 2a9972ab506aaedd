"""The extraction pipeline: read -> segment -> parse -> extract -> resolve, streamed.

Documents are processed in chunks so memory stays flat however many documents come in:
each chunk is parsed with ``nlp.pipe`` (batched, optionally in several processes), then
resolved document by document, in input order.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from kg import nlp as nlp_registry
from kg.errors import ModelError
from kg.gazetteer import Gazetteer, default_gazetteer
from kg.lexicon import load_lexicon
from kg.resolve import DocumentResolver, phrase_matcher
from kg.segment import prepare
from kg.types import Document, PreparedDocument, Sentence, Skipped, Triple


@dataclass(slots=True)
class PipelineConfig:
    """Options of one run; the CLI builds this from its flags."""

    lang: str | None = None  # force a language instead of detecting it
    batch_size: int = 32  # spaCy nlp.pipe batch size (pieces)
    n_process: int = 1
    chunk_docs: int = 256  # at most this many documents parsed together before resolving
    chunk_chars: int = 200_000  # ... and about this much text (bounds memory per chunk)
    min_confidence: float = 0.0


@dataclass(slots=True)
class RunStats:
    """What a run did, for the closing summary."""

    documents: int = 0
    sentences: int = 0
    triples: int = 0
    by_relation: Counter = field(default_factory=Counter)
    actors: set[str] = field(default_factory=set)
    skipped: list[Skipped] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def add(self, triples: list[Triple]) -> None:
        self.triples += len(triples)
        for t in triples:
            self.by_relation[t.relation] += 1
            self.actors.add(t.source.id)
            if t.target.is_actor:
                self.actors.add(t.target.id)


@dataclass(slots=True)
class DocumentResult:
    document: Document
    lang: str
    sentences: int
    triples: list[Triple]


def extract_documents(
    documents: Iterable[Document],
    config: PipelineConfig | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    stats: RunStats | None = None,
    on_document: Callable[[DocumentResult], None] | None = None,
) -> Iterator[DocumentResult]:
    """Extract the triples of each document, yielding one result per document in order."""
    config = config or PipelineConfig()
    gazetteer = gazetteer or default_gazetteer()
    stats = stats if stats is not None else RunStats()
    docs = iter(documents)
    # several processes pay a fork and join per nlp.pipe call: give them bigger chunks
    scale = 5 if config.n_process > 1 else 1
    while chunk := _take(docs, config.chunk_docs * scale, config.chunk_chars * scale):
        prepared = []
        for doc in chunk:
            prep = prepare(doc, lang=config.lang)
            try:
                nlp_registry.model_name(prep.lang)
            except ModelError as exc:  # a language kg has no pipeline for: skip, go on
                stats.skipped.append(Skipped(doc.source or doc.id, str(exc)))
                continue
            prepared.append(prep)
        for result in _process_chunk(prepared, config, gazetteer):
            stats.documents += 1
            stats.sentences += result.sentences
            stats.add(result.triples)
            if on_document is not None:
                on_document(result)
            yield result


def _take(docs: Iterator[Document], max_docs: int, max_chars: int) -> list[Document]:
    """The next documents, up to ``max_docs`` of them or about ``max_chars`` of text."""
    chunk: list[Document] = []
    size = 0
    for doc in docs:
        chunk.append(doc)
        size += len(doc.text)
        if len(chunk) >= max_docs or size >= max_chars:
            break
    return chunk


def _process_chunk(prepared: list[PreparedDocument], config: PipelineConfig,
                   gazetteer: Gazetteer) -> Iterator[DocumentResult]:
    parsed: dict[int, list] = {i: [] for i in range(len(prepared))}
    for lang in sorted({p.lang for p in prepared}):
        nlp = nlp_registry.load(lang)
        items = [(piece[2], (i, piece[0])) for i, p in enumerate(prepared) if p.lang == lang
                 for piece in p.pieces]
        for doc, (i, offset) in nlp.pipe(items, as_tuples=True, batch_size=config.batch_size,
                                         n_process=config.n_process):
            parsed[i].append((offset, doc))
    for i, prep in enumerate(prepared):
        nlp = nlp_registry.load(prep.lang)
        lexicon = load_lexicon(prep.lang)
        resolver = DocumentResolver(prep.document, prep.lang, lexicon, gazetteer,
                                    phrase_matcher(gazetteer, nlp))
        triples: list[Triple] = []
        index = 0
        for offset, doc in sorted(parsed[i], key=lambda x: x[0]):
            for sent in doc.sents:
                if not sent.text.strip():
                    continue
                resolver.start_sentence(sent, index)
                sentence = Sentence(prep.document.id, index, sent.text,
                                    offset + sent.start_char, offset + sent.end_char)
                for cand in resolver.finder.candidates(sent):
                    triples.extend(t for t in resolver.triples(cand, sentence)
                                   if t.confidence >= config.min_confidence)
                index += 1
        yield DocumentResult(prep.document, prep.lang, index, _dedupe(triples))


def _dedupe(triples: list[Triple]) -> list[Triple]:
    """One triple per evidence id (a sentence stating the same thing twice counts once)."""
    seen: dict[str, Triple] = {}
    for t in triples:
        if t.id not in seen or t.confidence > seen[t.id].confidence:
            seen[t.id] = t
    return list(seen.values())


def extract_text(text: str, *, lang: str | None = None, date: str | None = None,
                 doc_id: str = "text") -> list[Triple]:
    """Convenience for notebooks and tests: the triples of one text."""
    doc = Document(id=doc_id, text=text, date=date, lang=lang)
    return [t for r in extract_documents([doc]) for t in r.triples]
