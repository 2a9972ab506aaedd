"""``build``: read -> extract -> aggregate -> write, streamed into one of two sinks.

Without Neo4j the triples go into the embedded networkx graph, saved as files; with a
Neo4j writer they are loaded batch by batch while documents are still being read, so a
long run needs neither the whole corpus nor the whole graph in memory.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.aggregate import GraphBuilder
from kg.errors import InputError, OutputError
from kg.pipeline import DocumentResult, PipelineConfig, RunStats, extract_documents
from kg.read import STDIN, read_documents
from kg.types import Document, Skipped, Triple
from kg.write.files import DEFAULT_FORMATS, GRAPH_JSON, export, write_json
from kg.write.neo4j import Neo4jWriter, renamed_reason


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


def check_writable(folder: Path, option: str) -> None:
    """Make sure ``folder`` exists (creating it) and takes a file, *before* any extraction:
    a bad ``--out`` or ``--report`` must cost seconds, not hours of work."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".kg-probe-"):
            pass
    except OSError as exc:
        raise InputError(f"{option} {folder}: cannot write there ({exc.strerror or exc})"
                         ) from None


def check_report_path(path: Path) -> None:
    if path.is_dir():
        raise InputError(f"--report {path}: is a folder; give a file name, e.g. "
                         f"{path / 'report.jsonl'}")
    check_writable(path.parent, "--report")


class _Neo4jSink:
    """Buffers documents until a batch of triples is due, then loads them; a document that
    had to be renamed (its id holds a different text in Neo4j) is reported as a warning."""

    def __init__(self, writer: Neo4jWriter, report: list[Skipped]) -> None:
        self.writer = writer
        self.report = report
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
            written = self.writer.write(self.triples, documents=self.docs)
            self.loaded += len(self.triples)
            sources = {d.id: d.source for d in self.docs}
            self.report.extend(Skipped(sources[old] or old, renamed_reason(old, new), "warning")
                               for old, new in written.renamed.items())
        self.docs, self.triples = [], []


def write_report(path: Path, skipped: Sequence[Skipped]) -> None:
    """``report.jsonl``: one object per skipped input, warning or ignored file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for s in skipped:
            fh.write(json.dumps({"where": s.where, "kind": s.kind, "reason": s.reason},
                                ensure_ascii=False) + "\n")



def build(
    paths: Sequence[str | Path],
    config: PipelineConfig | None = None,
    *,
    out_dir: Path | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    writer: Neo4jWriter | None = None,
    stats: RunStats | None = None,
    report: Path | None = None,
    wrap: Callable = lambda results: results,
) -> BuildResult:
    """Build the graph of ``paths``: embedded files in ``out_dir``, or into Neo4j via ``writer``.

    ``wrap`` lets the CLI put a progress bar around the stream of document results.
    Inputs that cannot be read are listed in ``stats.skipped`` and the run goes on.  The
    input paths, the output folder and the ``report`` location are checked before anything
    is extracted.
    """
    config = config or PipelineConfig()
    stats = stats if stats is not None else RunStats()
    docs = read_documents(paths, lang=config.lang, report=stats.skipped)
    if report is not None:
        check_report_path(report)
    if writer is None:
        check_writable(out_dir or default_out_dir(paths), "--out")
    results = wrap(extract_documents(docs, config, stats=stats))
    if writer is not None:
        sink = _Neo4jSink(writer, stats.skipped)
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
    try:
        files = export(builder.graph, target, formats)
    except OSError as exc:  # disk full, folder removed: the extraction must not be lost
        rescue = Path(tempfile.mkdtemp(prefix="kg-graph-"))
        write_json(builder.graph, rescue / GRAPH_JSON)
        raise OutputError(f"cannot write the graph to {target}: "
                          f"{exc.strerror or exc} ({exc.filename or target}); saved it to "
                          f"{rescue / GRAPH_JSON} instead (kg export {rescue} --out DIR)"
                          ) from None
    return BuildResult(stats=stats, files=files, out_dir=target)
