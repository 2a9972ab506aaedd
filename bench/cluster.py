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
start plus the workers' one-time load of pipelines, lexicons and gazetteer, and a warm-up
pass on 800 other documents (a cold pass costs ~2.5x the CPU of a warm one, in any way).
The LocalCluster is kg's own (``kg.distributed.connect``), so its workers run without
Dask's statistical profiler, as ``kg --dask local`` does.  Every pass must give the same
triples as the first.  Prints a markdown table and writes bench/results_cluster.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.textdata import (  # noqa: E402
    count_words,
    mixed_documents,
    require_shared,
    write_jsonl,
)
from kg import distributed as kd  # noqa: E402
from kg.pipeline import PipelineConfig, RunStats, extract_documents  # noqa: E402
from kg.read import read_documents  # noqa: E402

OUT = Path(__file__).resolve().parent / "results_cluster.md"
WARM_DOCS = 800


@dataclass
class Pass:
    seconds: float
    docs: int
    words: int
    triples: list[str]
    worker_cpu: float = 0.0  # CPU seconds of the worker processes
    main_cpu: float = 0.0  # CPU seconds of this process (reading, JSON; for Dask: + scheduler)

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds

    @property
    def docs_per_worker_cpu_s(self) -> float:
        return self.docs / self.worker_cpu if self.worker_cpu else 0.0


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the pool's joined workers)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _own_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _process_cpu() -> float:
    """On a Dask worker: its CPU seconds so far."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def one_pass(path: Path, config: PipelineConfig, client=None) -> Pass:
    """One timed pass; with ``client`` the CPU of the cluster's workers is counted, else the
    CPU of the worker processes this pass forks (none with one process: then this one's)."""
    stats = RunStats()
    triples: list[str] = []
    words = docs = 0
    workers0 = sum(client.run(_process_cpu).values()) if client else _children_cpu()
    own0 = _own_cpu()
    start = time.perf_counter()
    for result in extract_documents(read_documents([path], report=stats.skipped), config,
                                    stats=stats):
        docs += 1
        words += count_words(result.document.text)
        triples.extend(json.dumps(t.to_dict(), ensure_ascii=False) for t in result.triples)
    seconds = time.perf_counter() - start
    own = _own_cpu() - own0
    workers = (sum(client.run(_process_cpu).values()) if client else _children_cpu()) - workers0
    if not client and config.n_process == 1:  # no workers: this process did the work
        workers = own
    return Pass(seconds, docs, words, triples, workers, own)


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
        # warm-up: other documents from the same sentence pools, so that every way starts
        # with its pipelines loaded and its vocabulary and caches warm (a cold pass costs
        # about 2.5x the CPU of a warm one; on a real corpus that cost is soon amortised)
        warm = write_jsonl(mixed_documents(WARM_DOCS, seed=11), Path(tmp) / "warm.jsonl")
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
                    ways = {f"processes {n}": (PipelineConfig(n_process=n), None),
                            f"dask {n}": (PipelineConfig(dask=clusters[n][1].address,
                                                         n_process=n), clusters[n][1].client)}
                    for name, (config, client) in ways.items():
                        p = one_pass(path, config, client)
                        if reference is None:
                            reference = sorted(p.triples)
                        assert sorted(p.triples) == reference, f"{name}: other triples"
                        print(f"{name}: {p.docs_per_s:,.1f} docs/s ({p.seconds:.1f} s; "
                              f"worker CPU {p.worker_cpu:.1f} s, this process "
                              f"{p.main_cpu:.1f} s)", flush=True)
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
        "Wall clock: documents/s of the pass. Per worker core: documents/s divided by the "
        "workers, and documents per CPU-second of the worker processes (what one core "
        "does when it is the worker's alone; the second figure does not depend on "
        "other load on the machine). Main: CPU-seconds of this process per 1,000 documents "
        "(reading, JSON, and for Dask the client and the LocalCluster's scheduler).", "",
        "| workers | way | docs/s | dask / processes | docs/s per worker | "
        "docs per worker CPU-s | main CPU-s / 1,000 docs |",
        "|---|---|---|---|---|---|---|",
    ]
    for n in workers:
        proc, dask = best[f"processes {n}"], best[f"dask {n}"]
        for way, p in ((f"--processes {n}", proc), (f"--dask local, {n} worker(s)", dask)):
            ratio = f"{dask.docs_per_s / proc.docs_per_s:.2f}" if p is dask else ""
            lines.append(f"| {n} | {way} | {p.docs_per_s:,.1f} | {ratio} | "
                         f"{p.docs_per_s / n:,.1f} | {p.docs_per_worker_cpu_s:,.1f} | "
                         f"{1000 * p.main_cpu / p.docs:,.1f} |")
    lines += ["", "Start-up and warm-up, not in the figures above: this process "
              f"{setup['processes']:.1f} s; LocalCluster start + workers' first load "
              + ", ".join(f"{n} worker(s) {setup[f'dask {n}']:.1f} s" for n in workers)
              + ".", ""]
    text = "\n".join(lines)
    print("\n" + text)
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
