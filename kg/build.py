"""``build``: read -> extract -> aggregate -> write, streamed into one of two sinks.

Without Neo4j the triples go into the embedded networkx graph, saved as files; with a
Neo4j writer they are loaded batch by batch while documents are still being read, so a
long run needs neither the whole corpus nor the whole graph in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.aggregate import GraphBuilder
from kg.pipeline import DocumentResult, PipelineConfig, RunStats, extract_documents
from kg.read import STDIN, read_documents
from kg.types import Document, Triple
from kg.write.files import DEFAULT_FORMATS, export
from kg.write.neo4j import Neo4jWriter


@dataclass(slots=True)
class BuildResult:
    stats: RunStats
    files: list[Path] = field(default_factory=list)
    out_dir: Path | None = None
    loaded_triples: int = 0


def default_out_dir(paths: Sequence[str | Path]) -> Path:
    """Next to the input: ``news/`` -> ``news.kg/``, ``a.txt`` -> ``a.kg/``; else ``kg-graph/``."""
    if len(paths) == 1 and str(paths[0]) != STDIN:
        path = Path(paths[0]).resolve()
        return path.parent / f"{path.stem if path.is_file() else path.name}.kg"
    return Path("kg-graph")


class _Neo4jSink:
    """Buffers documents until a batch of triples is due, then loads them."""

    def __init__(self, writer: Neo4jWriter) -> None:
        self.writer = writer
        self.docs: list[Document] = []
        self.triples: list[Triple] = []
        self.loaded = 0

    def add(self, result: DocumentResult) -> None:
        self.docs.append(result.document)
        self.triples.extend(result.triples)
        if len(self.triples) >= self.writer.batch_size:
            self.flush()

    def flush(self) -> None:
        if self.docs:
            self.writer.write(self.triples, documents=self.docs)
            self.loaded += len(self.triples)
        self.docs, self.triples = [], []


def build(
    paths: Sequence[str | Path],
    config: PipelineConfig | None = None,
    *,
    out_dir: Path | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    writer: Neo4jWriter | None = None,
    stats: RunStats | None = None,
    wrap: Callable = lambda results: results,
) -> BuildResult:
    """Build the graph of ``paths``: embedded files in ``out_dir``, or into Neo4j via ``writer``.

    ``wrap`` lets the CLI put a progress bar around the stream of document results.
    Inputs that cannot be read are listed in ``stats.skipped`` and the run goes on.
    """
    config = config or PipelineConfig()
    stats = stats if stats is not None else RunStats()
    docs = read_documents(paths, lang=config.lang, report=stats.skipped)
    results = wrap(extract_documents(docs, config, stats=stats))
    if writer is not None:
        sink = _Neo4jSink(writer)
        for result in results:
            sink.add(result)
        sink.flush()
        return BuildResult(stats=stats, loaded_triples=sink.loaded)
    builder = GraphBuilder()
    for result in results:
        builder.add_document(result.document)
        for triple in result.triples:
            builder.add(triple)
    target = out_dir or default_out_dir(paths)
    files = export(builder.graph, target, formats)
    return BuildResult(stats=stats, files=files, out_dir=target)
