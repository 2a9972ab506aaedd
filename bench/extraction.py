"""Extraction throughput: ``kg extract`` end to end vs the raw ``nlp.pipe`` of the same pipeline.

Both sides get the same documents (JSONL written by :mod:`bench.textdata`) and the same
``batch_size``; words are whitespace-separated words of the input text.  The raw side is
``nlp.pipe`` over the document texts with nothing else done with the parses.  The end-to-end
side is what ``kg extract FILE.jsonl`` runs: ``read_documents`` -> ``extract_documents``
(clean, detect language, segment, parse, extract, resolve, dedupe) -> one JSON line per
triple.  Loading the pipelines, lexicons and gazetteer happens once, in a warm-up on a few documents
of both languages before the clocks start; it is reported separately, and a ``kg extract``
subprocess run gives the wall time with start-up included.

With 2 processes the raw side is spaCy's own ``nlp.pipe(n_process=2)`` (the main process
tokenises, forked workers parse, parsed ``Doc`` objects come back serialised); the end-to-end
side is kg's worker pool (``PipelineConfig(n_process=2)``: forked workers each prepare, parse,
extract and resolve whole chunks and send back triples; the main process reads the input and
serialises the triples).  Both fork from the same warmed-up process, so both start with the
pipelines loaded, and both pay their process start inside the timed run.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.textdata import REPO, count_words, documents, kg_command, kg_env, write_jsonl
from kg import nlp as nlp_registry
from kg.pipeline import PipelineConfig, RunStats, extract_documents
from kg.read import read_documents
from kg.types import Skipped


@dataclass(slots=True)
class Run:
    """One timed pass over the documents."""

    seconds: float
    words: int
    docs: int
    triples: int = 0
    langs: Counter = field(default_factory=Counter)
    skipped: int = 0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def raw_parse(lang: str, texts: list[str], *, n_process: int, batch_size: int) -> Run:
    """Only ``nlp.pipe``: the ceiling kg's own work is measured against."""
    nlp = nlp_registry.load(lang)
    words = sum(count_words(t) for t in texts)
    start = time.perf_counter()
    n = 0
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        n += 1
    return Run(time.perf_counter() - start, words, n)


def end_to_end(path: Path, *, n_process: int, batch_size: int) -> Run:
    """The ``kg extract`` path, in process: read, prepare, parse, extract, resolve, serialise."""
    skipped: list[Skipped] = []
    stats = RunStats(skipped=skipped)
    config = PipelineConfig(n_process=n_process, batch_size=batch_size)
    start = time.perf_counter()
    run = Run(0.0, 0, 0)
    with open(os.devnull, "w", encoding="utf-8") as sink:
        docs = read_documents([path], report=skipped)
        for result in extract_documents(docs, config, stats=stats):
            run.docs += 1
            run.words += count_words(result.document.text)
            run.langs[result.lang] += 1
            for triple in result.triples:
                sink.write(json.dumps(triple.to_dict(), ensure_ascii=False) + "\n")
                run.triples += 1
    run.seconds = time.perf_counter() - start
    run.skipped = sum(1 for s in skipped if s.kind == "skipped")
    return run


def cli_extract(path: Path, *, n_process: int) -> float:
    """Wall time of ``kg extract`` as a subprocess (start-up and model loading included)."""
    cmd = [*kg_command(), "extract", str(path), "-q",
           "--processes", str(n_process), "-o", os.devnull]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False,
                          env=kg_env())
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # 1: some inputs skipped
        raise RuntimeError(f"kg extract failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed


@dataclass(slots=True)
class LangResult:
    lang: str
    words: int
    docs: int
    model: str
    raw: dict[int, Run]
    e2e: dict[int, Run]
    cli_seconds: float | None = None
    warmup_seconds: float = 0.0


def bench_language(lang: str, n_words: int, tmp: Path, *, processes: tuple[int, ...] = (1, 2),
                   batch_size: int = 32, repeats: int = 2, with_cli: bool = True) -> LangResult:
    """Raw vs end to end for one language, 1 and 2 processes, alternating to share noise.

    Each is run ``repeats`` times and the fastest run kept (the machine is shared: the
    fastest run is the one least disturbed by others).
    """
    docs = documents(lang, n_words=n_words)
    path = write_jsonl(docs, tmp / f"extract_{lang}.jsonl")
    texts = [d["text"] for d in docs]
    # Both pipelines: detection may send a few documents to the other language's pipeline.
    warm = write_jsonl(documents("nl", n_docs=20) + documents("en", n_docs=20),
                       tmp / "warm.jsonl")
    start = time.perf_counter()
    end_to_end(warm, n_process=1, batch_size=batch_size)
    warmup = time.perf_counter() - start
    result = LangResult(lang, sum(count_words(t) for t in texts), len(docs),
                        nlp_registry.model_name(lang), {}, {}, warmup_seconds=warmup)
    for _ in range(repeats):
        for n in processes:
            raw = raw_parse(lang, texts, n_process=n, batch_size=batch_size)
            e2e = end_to_end(path, n_process=n, batch_size=batch_size)
            if n not in result.raw or raw.seconds < result.raw[n].seconds:
                result.raw[n] = raw
            if n not in result.e2e or e2e.seconds < result.e2e[n].seconds:
                result.e2e[n] = e2e
    if with_cli:
        result.cli_seconds = cli_extract(path, n_process=1)
    return result
