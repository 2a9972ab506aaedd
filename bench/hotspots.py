"""Where the time goes, for the figures of bench/run.py that miss their targets.

    python bench/hotspots.py extraction nl --words 6000 [--processes 2]
        pyinstrument profile of the ``kg extract`` path (after the same warm-up as run.py)
    python bench/hotspots.py memory --docs 3000
        tracemalloc: the Python objects a ``kg build`` (embedded, no export) still holds at
        the end, by allocation site, after a warm-up that loaded the pipelines
    python bench/hotspots.py neo4j --triples 20000
        the Neo4j writer's batches statement by statement (server time per statement kind,
        then the commit), after the first half of the triples has warmed the plan cache,
        plus a pyinstrument profile of the client side of ``Neo4jWriter.write``
    python bench/hotspots.py neo4j-cpu --triples 100000 --slice 10000
        CPU seconds of the server's threads (JIT compiler, Bolt worker, GC, ...) and of the
        client per slice of a load into a fresh server: how long the JVM takes to warm up,
        and the rate the worker alone would allow afterwards
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from neo4j import Transaction  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

from bench import extraction, neo4j_load, synth, textdata  # noqa: E402
from kg.aggregate import GraphBuilder  # noqa: E402
from kg.build import build  # noqa: E402
from kg.write.model import attrs_from_lookup  # noqa: E402
from kg.write.neo4j import Neo4jWriter, chunks, plan_batch, write_batch  # noqa: E402


def profile_extraction(lang: str, words: int, processes: int) -> None:
    with tempfile.TemporaryDirectory(prefix="kg-profile-") as tmp:
        path = textdata.write_jsonl(textdata.documents(lang, n_words=words),
                                    Path(tmp) / "docs.jsonl")
        warm = textdata.write_jsonl(textdata.documents("nl", n_docs=20)
                                    + textdata.documents("en", n_docs=20), Path(tmp) / "w.jsonl")
        extraction.end_to_end(warm, n_process=1, batch_size=32)
        profiler = Profiler(interval=0.002)
        profiler.start()
        run = extraction.end_to_end(path, n_process=processes, batch_size=32)
        profiler.stop()
    print(f"{run.words:,} words in {run.seconds:.2f} s = {run.words_per_s:,.0f} words/s")
    print(profiler.output_text(unicode=True, color=False))


def profile_memory(n: int) -> None:
    builders: list[GraphBuilder] = []
    init = GraphBuilder.__init__

    def keep(self: GraphBuilder, *args, **kwargs) -> None:  # the graph outlives build()
        init(self, *args, **kwargs)
        builders.append(self)

    GraphBuilder.__init__ = keep
    docs = textdata.mixed_documents(n)
    with tempfile.TemporaryDirectory(prefix="kg-profile-") as tmp:
        path = textdata.write_jsonl(docs, Path(tmp) / "docs.jsonl")
        warm = textdata.write_jsonl(docs[:50], Path(tmp) / "warm.jsonl")
        build([warm], out_dir=Path(tmp) / "warm", formats=[])
        tracemalloc.start(10)
        before = tracemalloc.take_snapshot()
        result = build([path], out_dir=Path(tmp) / "out", formats=[])
        after = tracemalloc.take_snapshot()
    diff = after.compare_to(before, "traceback")
    print(f"{result.stats.documents:,} documents, {result.stats.triples:,} triples: "
          f"{sum(d.size_diff for d in diff) / 2**20:.1f} MB of Python objects still held")
    for stat in diff[:8]:
        print(f"{stat.size_diff / 2**20:6.2f} MB in {stat.count_diff:,} blocks, allocated at")
        for line in stat.traceback.format()[-6:]:
            if line.strip() and not line.startswith("    "):
                print("      " + line.strip())


def family(query: str) -> str:
    """The write template a rendered statement came from (its first comment line, generic)."""
    head = query.lstrip().splitlines()[0]
    head = re.sub(r"aggregate \w+ relationships", "aggregate <REL> relationships", head)
    return re.sub(r"\(\w+[^)]*\)?$", "", head)[:80]


class Fetched(list):
    """A statement's records, all received (``consume`` has nothing left to wait for)."""

    def consume(self) -> None:
        return None

    def single(self, strict: bool = False) -> Any:
        [record] = self
        return record


class TimedRun:
    """A transaction whose ``run`` waits for each result and adds its time to its kind."""

    def __init__(self, tx: Transaction, spent: dict[str, float], calls: dict[str, int]) -> None:
        self.tx, self.spent, self.calls = tx, spent, calls

    def run(self, query: str, parameters: dict) -> Fetched:
        t0 = time.perf_counter()
        records = Fetched(self.tx.run(query, parameters))
        kind = family(query)
        self.spent[kind] += time.perf_counter() - t0
        self.calls[kind] += 1
        return records


def profile_neo4j(n: int, batch_size: int) -> None:
    actors = synth.load_actors()
    triples, docs = synth.triples(n, actors)
    half = n // 2
    with tempfile.TemporaryDirectory(prefix="kg-profile-") as tmp, \
            neo4j_load.running_server(Path(tmp)) as (_, driver):
        writer = Neo4jWriter(driver, batch_size=batch_size, actors=actors.lookup)
        writer.write(triples[:half], documents=docs)
        attrs = attrs_from_lookup(actors.lookup)
        spent: dict[str, float] = defaultdict(float)
        calls: dict[str, int] = defaultdict(int)
        profiler = Profiler(interval=0.002)
        profiler.start()
        start = time.perf_counter()
        with driver.session() as session:
            for chunk in chunks(triples[half:], batch_size):
                batch = plan_batch(chunk, attrs)
                with session.begin_transaction() as tx:
                    write_batch(TimedRun(tx, spent, calls), batch)
                    t0 = time.perf_counter()
                    tx.commit()
                    spent["commit"] += time.perf_counter() - t0
                    calls["commit"] += 1
        total = time.perf_counter() - start
        profiler.stop()
    print(f"{n - half:,} triples in {total:.1f} s = {(n - half) / total:,.0f} triples/s "
          f"(batch_size {batch_size}); time per statement kind:")
    for kind, seconds in sorted(spent.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {seconds:7.2f} s {100 * seconds / total:5.1f} %  {calls[kind]:5d}×  {kind}")
    print(profiler.output_text(unicode=True, color=False))


def thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds per thread group of a process (digits dropped: "C2 CompilerThread0")."""
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[str, float] = defaultdict(float)
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            name = re.sub(r"[\d#-]+", "", (task / "comm").read_text().strip())
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # the thread ended meanwhile
            continue
        out[name] += (int(fields[11]) + int(fields[12])) / tick
    return out


def profile_neo4j_cpu(n: int, size: int) -> None:
    actors = synth.load_actors()
    triples, _ = synth.triples(n, actors)
    with tempfile.TemporaryDirectory(prefix="kg-profile-") as tmp, \
            neo4j_load.running_server(Path(tmp)) as (info, driver):
        writer = Neo4jWriter(driver, actors=actors.lookup)
        writer.setup_schema()
        print("triples   triples/s  client CPU  server threads (CPU s in the slice, top 3)")
        for start in range(0, n, size):
            before, client, t0 = thread_cpu(info.pid), time.process_time(), time.perf_counter()
            writer.write(triples[start:start + size])
            wall, client = time.perf_counter() - t0, time.process_time() - client
            after = thread_cpu(info.pid)
            spent = sorted(((after[k] - before.get(k, 0.0), k) for k in after), reverse=True)
            print(f"{start + size:>7,}  {size / wall:>9,.0f}  {client:>9.2f}  "
                  + "  ".join(f"{name} {sec:.2f}" for sec, name in spent[:3]), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    ex = sub.add_parser("extraction")
    ex.add_argument("lang", choices=textdata.LANGS)
    ex.add_argument("--words", type=int, default=6000)
    ex.add_argument("--processes", type=int, default=1)
    mem = sub.add_parser("memory")
    mem.add_argument("--docs", type=int, default=3000)
    neo = sub.add_parser("neo4j")
    neo.add_argument("--triples", type=int, default=20_000)
    neo.add_argument("--batch-size", type=int, default=1000)
    cpu = sub.add_parser("neo4j-cpu")
    cpu.add_argument("--triples", type=int, default=100_000)
    cpu.add_argument("--slice", type=int, default=10_000)
    args = parser.parse_args()
    if args.what == "extraction":
        profile_extraction(args.lang, args.words, args.processes)
    elif args.what == "memory":
        profile_memory(args.docs)
    elif args.what == "neo4j":
        profile_neo4j(args.triples, args.batch_size)
    else:
        profile_neo4j_cpu(args.triples, args.slice)


if __name__ == "__main__":
    main()
