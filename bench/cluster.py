"""Documents/s of ``--dask local`` (1 and 2 workers) against ``--processes 1/2``, one run.

    .venv/bin/python bench/cluster.py            # 4,000 documents, fastest of 2 runs each
    .venv/bin/python bench/cluster.py --quick    # 600 documents, one run each (a smoke test)

The same JSONL (real Dutch and English sentences from ../shared, 70 % Dutch, 1-3 sentences a
document, no ``lang`` field: see bench/textdata.py) goes through ``kg.pipeline
.extract_documents`` four ways, in process and alternating so background load hits all of
them: kg's own worker pool (``PipelineConfig(n_process=N)``, forked from this warmed-up
process) and a ``distributed.LocalCluster`` of N single-threaded worker processes
(``PipelineConfig(dask=address)``, i.e. ``kg extract --dask local --processes N``).  Each
timed pass reads the file, extracts, and serialises every triple to JSON, as ``kg extract``
does.  Start-up is kept out of the timed passes and reported on its own: the LocalCluster's
start plus the workers' one-time load of pipelines, lexicons and gazetteer (a warm-up pass
on 40 documents of both languages).  Every pass must give the same triples as the first.
Prints a markdown table and writes bench/results_cluster.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.textdata import (  # noqa: E402
    count_words,
    documents,
    mixed_documents,
    require_shared,
    write_jsonl,
)
from kg import distributed as kd  # noqa: E402
from kg.pipeline import PipelineConfig, RunStats, extract_documents  # noqa: E402
from kg.read import read_documents  # noqa: E402

OUT = Path(__file__).resolve().parent / "results_cluster.md"


@dataclass
class Pass:
    seconds: float
    docs: int
    words: int
    triples: list[str]

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds


def one_pass(path: Path, config: PipelineConfig) -> Pass:
    stats = RunStats()
    triples: list[str] = []
    words = docs = 0
    start = time.perf_counter()
    for result in extract_documents(read_documents([path], report=stats.skipped), config,
                                    stats=stats):
        docs += 1
        words += count_words(result.document.text)
        triples.extend(json.dumps(t.to_dict(), ensure_ascii=False) for t in result.triples)
    return Pass(time.perf_counter() - start, docs, words, triples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="600 documents, one pass each")
    parser.add_argument("--docs", type=int, help="number of documents (default 4,000)")
    parser.add_argument("--repeats", type=int, help="passes per way, fastest kept (default 2)")
    args = parser.parse_args()
    require_shared()
    logging.getLogger("distributed").setLevel(logging.WARNING)
    n_docs = args.docs or (600 if args.quick else 4_000)
    repeats = args.repeats or (1 if args.quick else 2)
    workers = (1, 2)
    started = datetime.now(UTC)
    with TemporaryDirectory(prefix="kg-bench-cluster-") as tmp:
        path = write_jsonl(mixed_documents(n_docs), Path(tmp) / "docs.jsonl")
        warm = write_jsonl(documents("nl", n_docs=20) + documents("en", n_docs=20),
                           Path(tmp) / "warm.jsonl")
        t = time.perf_counter()
        one_pass(warm, PipelineConfig())  # this process: pipelines for the forked pools
        setup = {"processes": time.perf_counter() - t}
        clusters = {}
        for n in workers:
            t = time.perf_counter()
            cm = kd.connect(kd.LOCAL, workers=n)
            clusters[n] = (cm, cm.__enter__())
            one_pass(warm, PipelineConfig(dask=clusters[n][1].address))
            setup[f"dask {n}"] = time.perf_counter() - t
        best: dict[str, Pass] = {}
        reference: list[str] | None = None
        try:
            for _ in range(repeats):
                for n in workers:
                    ways = {f"processes {n}": PipelineConfig(n_process=n),
                            f"dask {n}": PipelineConfig(dask=clusters[n][1].address,
                                                        n_process=n)}
                    for name, config in ways.items():
                        p = one_pass(path, config)
                        if reference is None:
                            reference = sorted(p.triples)
                        assert sorted(p.triples) == reference, f"{name}: other triples"
                        print(f"{name}: {p.docs_per_s:,.1f} docs/s ({p.seconds:.1f} s)",
                              flush=True)
                        if name not in best or p.seconds < best[name].seconds:
                            best[name] = p
        finally:
            for cm, _ in clusters.values():
                cm.__exit__(None, None, None)
    words = best["processes 1"].words
    lines = [
        f"# --dask local vs --processes ({started:%Y-%m-%d %H:%M} UTC)", "",
        f"`python bench/cluster.py{' --quick' if args.quick else ''}`: {n_docs:,} documents "
        f"({words:,} words, {len(reference or []):,} triples), fastest of {repeats} pass(es) "
        f"each; {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
        f"load average {os.getloadavg()[0]:.1f} at the end.", "",
        "| workers | --processes N docs/s | --dask local docs/s | dask / processes "
        "| dask docs/s per worker core | processes docs/s per core |",
        "|---|---|---|---|---|---|",
    ]
    for n in workers:
        proc, dask = best[f"processes {n}"], best[f"dask {n}"]
        lines.append(f"| {n} | {proc.docs_per_s:,.1f} | {dask.docs_per_s:,.1f} | "
                     f"{dask.docs_per_s / proc.docs_per_s:.2f} | {dask.docs_per_s / n:,.1f} | "
                     f"{proc.docs_per_s / n:,.1f} |")
    lines += ["", "Start-up, not in the figures above: this process's pipelines "
              f"{setup['processes']:.1f} s; LocalCluster start + workers' first load "
              + ", ".join(f"{n} worker(s) {setup[f'dask {n}']:.1f} s" for n in workers)
              + ".", ""]
    text = "\n".join(lines)
    print("\n" + text)
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
