"""Several worker processes give exactly what one process gives, in the same order."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kg.pipeline import PipelineConfig, RunStats, extract_documents
from kg.read import read_documents
from kg.types import Document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(docs, **options) -> tuple[list[tuple[str, list[dict]]], RunStats]:
    stats = RunStats()
    results = extract_documents(docs, PipelineConfig(**options), stats=stats)
    return [(r.document.id, [t.to_dict() for t in r.triples]) for r in results], stats


def test_two_processes_give_the_triples_of_one_on_the_examples():
    one, stats1 = run(read_documents([EXAMPLES]), n_process=1)
    # chunks of two documents: several chunks in flight at once, results must keep order
    two, stats2 = run(read_documents([EXAMPLES]), n_process=2, chunk_docs=2)
    assert sum(len(triples) for _, triples in one) > 20
    assert two == one
    assert (stats2.documents, stats2.sentences, stats2.triples) == (
        stats1.documents, stats1.sentences, stats1.triples)


def test_in_workers_a_document_without_a_pipeline_is_skipped_and_the_rest_lands():
    docs = [Document("a", "Rusland bedreigt Polen.", lang="nl"),
            Document("b", "Russland bedroht Polen.", lang="de"),
            Document("c", "Russia threatened Poland.", lang="en")]
    results, stats = run(docs, n_process=2, chunk_docs=1)
    assert [doc_id for doc_id, _ in results] == ["a", "c"]
    assert all(triples for _, triples in results)
    assert len(stats.skipped) == 1 and "'de'" in stats.skipped[0].reason


def test_kg_extract_with_two_processes_prints_the_triples_of_one(tmp_path):
    expected, _ = run(read_documents([EXAMPLES]), n_process=1)
    out = tmp_path / "triples.jsonl"
    proc = subprocess.run([sys.executable, "-m", "cli", "extract", str(EXAMPLES), "-q",
                           "--processes", "2", "-o", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=EXAMPLES.parent)
    assert proc.returncode == 0, proc.stderr
    got = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert got == [t for _, triples in expected for t in triples]
