"""The extraction pipeline: read -> segment -> parse -> extract -> resolve, streamed.

Documents are processed in chunks so memory stays flat however many documents come in.
With one process each chunk is prepared, parsed with ``nlp.pipe`` and resolved here.  With
several, a pool of long-lived worker processes does all of that (each loads the pipelines,
lexicons and gazetteer once) and sends back plain dataclasses; this process only reads the
input and consumes the results.  That matters on a small machine: extraction and
resolution run beside the parse instead of waiting for it, and no core is spent on
shipping parsed ``Doc`` objects between processes.  Results come back in input order, and
at most a few chunks are in flight, so memory stays bounded.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from kg import nlp as nlp_registry
from kg.calibrate import calibrated
from kg.errors import ModelError
from kg.extract import ArgumentFinder
from kg.gazetteer import Gazetteer, default_gazetteer
from kg.lexicon import load_lexicon
from kg.resolve import DocumentResolver, phrase_matcher
from kg.segment import prepare
from kg.types import Document, PreparedDocument, Sentence, Skipped, Triple

#: chunks queued per worker process: one being worked on, one waiting, so none idles
IN_FLIGHT_PER_PROCESS = 2


@dataclass(slots=True)
class PipelineConfig:
    """Options of one run; the CLI builds this from its flags."""

    lang: str | None = None  # force a language instead of detecting it
    batch_size: int = 32  # spaCy nlp.pipe batch size (pieces)
    n_process: int = 1  # worker processes that parse, extract and resolve (1: this one)
    chunk_docs: int = 64  # at most this many documents handled together ...
    chunk_chars: int = 50_000  # ... and about this much text (bounds memory per chunk)
    min_confidence: float = 0.0
    calibrate: bool = True  # confidence from the tune split's counts (kg.calibrate)
    dask: str | None = None  # a Dask scheduler address or "local": kg.distributed runs it
    dask_out: str | None = None  # with dask: workers write part-*.jsonl here, send counts


@dataclass(slots=True)
class RunStats:
    """What a run did, for the closing summary."""

    documents: int = 0
    undated: int = 0  # documents without a date: their statements cannot go on a timeline
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


@dataclass(slots=True)
class _Extracted:
    """What a worker sends back for one document (the document itself stays here)."""

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
    """Extract the triples of each document, yielding one result per document in order.

    A document in a language kg has no pipeline for is listed in ``stats.skipped`` and the
    run goes on; any other error stops the run (with several processes too).
    """
    config = config or PipelineConfig()
    gazetteer = gazetteer or default_gazetteer()
    stats = stats if stats is not None else RunStats()
    docs = iter(documents)
    chunks = iter(lambda: _take(docs, config.chunk_docs, config.chunk_chars), [])
    if config.dask:  # the same chunks and work in a Dask cluster's workers (kg[dask])
        from kg.distributed import dask_chunks
        done = dask_chunks(chunks, config, gazetteer, stats)
    elif config.n_process > 1:
        done = _in_workers(chunks, config, gazetteer)
    else:
        done = ((chunk, _extract_chunk(chunk, config, gazetteer)) for chunk in chunks)
    for chunk, outcomes in done:
        for doc, outcome in zip(chunk, outcomes, strict=True):
            if isinstance(outcome, Skipped):
                stats.skipped.append(outcome)
                continue
            result = DocumentResult(doc, outcome.lang, outcome.sentences, outcome.triples)
            stats.documents += 1
            stats.undated += doc.date is None
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


# ------------------------------------------------------------------- worker processes

#: set in each worker process by _init_worker: (config, gazetteer)
_worker_state: tuple[PipelineConfig, Gazetteer] | None = None


def _init_worker(config: PipelineConfig, gazetteer: Gazetteer,
                 models: dict[str, str]) -> None:
    """Runs once per worker: remember the run's options, use the caller's pipelines."""
    global _worker_state
    _worker_state = (config, gazetteer)
    for lang, name in models.items():  # spawned workers do not inherit set_model()
        if nlp_registry.model_name(lang) != name:
            nlp_registry.set_model(lang, name)


def _work(chunk: list[Document]) -> list[_Extracted | Skipped]:
    assert _worker_state is not None, "worker used before _init_worker"
    return _extract_chunk(chunk, *_worker_state)


def _start_method() -> str:
    """fork on Linux: workers start at once and share the pipelines already loaded here
    (spaCy's own ``n_process`` forks too); spawn where fork is unsafe (macOS) or absent."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _in_workers(chunks: Iterator[list[Document]], config: PipelineConfig,
                gazetteer: Gazetteer) -> Iterator[tuple[list[Document], list]]:
    """Each chunk through the worker pool; results in input order, few chunks in flight."""
    pool = ProcessPoolExecutor(
        config.n_process, mp_context=multiprocessing.get_context(_start_method()),
        initializer=_init_worker,
        initargs=(config, gazetteer, nlp_registry.model_overrides()))
    pending: deque[tuple[list[Document], Future]] = deque()
    limit = IN_FLIGHT_PER_PROCESS * config.n_process
    try:
        for chunk in chunks:
            pending.append((chunk, pool.submit(_work, chunk)))
            if len(pending) >= limit:
                head, future = pending.popleft()
                yield head, future.result()
        while pending:
            head, future = pending.popleft()
            yield head, future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------- the work itself

def _extract_chunk(chunk: list[Document], config: PipelineConfig,
                   gazetteer: Gazetteer) -> list[_Extracted | Skipped]:
    """Prepare, parse, extract and resolve a chunk; one outcome per document, in order."""
    outcomes: list[_Extracted | Skipped | None] = []
    prepared: list[tuple[int, PreparedDocument]] = []
    for doc in chunk:
        prep = prepare(doc, lang=config.lang)
        try:
            nlp_registry.model_name(prep.lang)
        except ModelError as exc:  # a language kg has no pipeline for: skip, go on
            outcomes.append(Skipped(doc.source or doc.id, str(exc)))
            continue
        prepared.append((len(outcomes), prep))
        outcomes.append(None)
    parsed: dict[int, list] = {slot: [] for slot, _ in prepared}
    for lang in sorted({p.lang for _, p in prepared}):
        nlp = nlp_registry.load(lang)
        items = [(piece[2], (slot, piece[0])) for slot, p in prepared if p.lang == lang
                 for piece in p.pieces]
        for doc, (slot, offset) in nlp.pipe(items, as_tuples=True, batch_size=config.batch_size):
            parsed[slot].append((offset, doc))
    for slot, prep in prepared:
        outcomes[slot] = _resolve(prep, sorted(parsed[slot], key=lambda x: x[0]), config,
                                  gazetteer)
    return outcomes  # type: ignore[return-value]  # every None slot was filled


def _resolve(prep: PreparedDocument, parsed: list, config: PipelineConfig,
             gazetteer: Gazetteer) -> _Extracted:
    nlp = nlp_registry.load(prep.lang)
    lexicon = load_lexicon(prep.lang)
    resolver = DocumentResolver(prep.document, prep.lang, lexicon, gazetteer,
                                phrase_matcher(gazetteer, nlp))
    finder = ArgumentFinder(lexicon)
    triples: list[Triple] = []
    index = 0
    for offset, doc in parsed:
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            resolver.start_sentence(sent, index)
            sentence = Sentence(prep.document.id, index, sent.text,
                                offset + sent.start_char, offset + sent.end_char)
            for cand in finder.candidates(sent):  # extract, then resolve
                found = resolver.triples(cand, sentence)
                if config.calibrate:
                    found = [calibrated(t) for t in found]
                triples.extend(t for t in found if t.confidence >= config.min_confidence)
            index += 1
    for triple in triples:  # the url goes with each statement, as the date does
        triple.url = prep.document.url
    return _Extracted(prep.lang, index, _dedupe(triples))


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
