"""kg benchmarks: extraction throughput, Neo4j load rate, memory of ``kg build``. ``make bench``.

Every figure and ratio in the table comes from this one run.  Prints the table and the
machine, and writes ``bench/results.md``.  ``--quick`` uses small sizes (a smoke test in
about three minutes); the default sizes are the published ones (see bench/README.md).
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import extraction, memory, neo4j_load, synth, textdata  # noqa: E402

SECTIONS = ("extraction", "neo4j", "memory")


@dataclass(frozen=True)
class Sizes:
    extract_words: dict[str, int]
    load_triples: int
    naive_triples: int
    memory_docs: tuple[int, int]
    batch_size: int = 1000  # the Neo4jWriter / kg build --batch-size default


FULL = Sizes(extract_words={"nl": 40_000, "en": 20_000}, load_triples=200_000,
             naive_triples=2_000, memory_docs=(10_000, 100_000))
QUICK = Sizes(extract_words={"nl": 3_000, "en": 2_000}, load_triples=5_000,
              naive_triples=200, memory_docs=(200, 2_000))


@dataclass
class Row:
    section: str
    measure: str
    value: str
    target: str = ""
    met: bool | None = None

    def cells(self) -> list[str]:
        mark = "" if self.met is None else ("yes" if self.met else "**no**")
        return [self.section, self.measure, self.value, self.target, mark]


def _short(model: str) -> str:
    """A pipeline path inside the checkout, relative to it (package names unchanged)."""
    return model.removeprefix(str(textdata.REPO) + os.sep)


def _n(x: float) -> str:
    return f"{x:,.0f}"


def _mb(x: int) -> str:
    return f"{x / 2**20:,.0f} MB"


class Report:
    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.notes: list[str] = []

    def add(self, *args, **kwargs) -> None:
        row = Row(*args, **kwargs)
        self.rows.append(row)
        print(" | ".join(row.cells()), flush=True)

    def table(self) -> str:
        head = ["section", "measure", "value", "target", "met"]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r.cells()) + " |" for r in self.rows]
        return "\n".join(lines)


def run_extraction(sizes: Sizes, work: Path, report: Report) -> None:
    for lang in textdata.LANGS:
        pool = textdata.pool(lang)
        neo4j_load.say(f"extraction {lang}: {sizes.extract_words[lang]:,} words")
        result = extraction.bench_language(lang, sizes.extract_words[lang], work)
        sec = f"extract {lang}"
        report.notes.append(
            f"extract {lang}: {result.docs:,} documents, {result.words:,} words, from "
            f"{len(pool.sentences):,} distinct sentences ({pool.words:,} words) of "
            f"{', '.join(pool.sources)}; pipeline `{_short(result.model)}`; batch_size 32; "
            "each figure the fastest of 2 runs (raw and end to end alternating); "
            f"languages detected end to end: {dict(result.e2e[1].langs)}; "
            f"{result.e2e[1].triples:,} triples")
        for n in sorted(result.raw):
            raw, e2e = result.raw[n], result.e2e[n]
            ratio = e2e.words_per_s / raw.words_per_s
            report.add(sec, f"raw nlp.pipe, {n} process(es)", f"{_n(raw.words_per_s)} words/s")
            report.add(sec, f"kg extract end to end, {n} process(es)",
                       f"{_n(e2e.words_per_s)} words/s"
                       + (f" ({_n(e2e.words_per_s / n)}/core)" if n > 1 else ""),
                       "≥ 5,000 words/s per core" if lang == "nl" else "",
                       e2e.words_per_s / n >= 5000 if lang == "nl" else None)
            report.add(sec, f"end to end / raw, {n} process(es)", f"{ratio:.2f}", "≥ 0.80",
                       ratio >= 0.80)
        if len(result.raw) == 2:
            raw2, e2e2 = (result.raw[2].words_per_s / result.raw[1].words_per_s,
                          result.e2e[2].words_per_s / result.e2e[1].words_per_s)
            report.add(sec, "speed-up of 2 processes over 1 (raw / end to end)",
                       f"{raw2:.2f} / {e2e2:.2f}")
        if result.cli_seconds is not None:
            report.add(sec, "`kg extract` subprocess, 1 process, wall",
                       f"{result.cli_seconds:.1f} s ({_n(result.words / result.cli_seconds)} "
                       "words/s incl. start-up)")
        report.add(sec, "one-time load (pipeline, lexicon, gazetteer, matcher)",
                   f"{result.warmup_seconds:.1f} s")


def run_neo4j(sizes: Sizes, work: Path, report: Report) -> None:
    actors = synth.load_actors()
    triples, docs = synth.triples(sizes.load_triples, actors)
    warmup, _ = synth.triples(20_000, actors, seed=99)
    r = neo4j_load.bench_load(triples, docs, warmup=warmup, naive_n=sizes.naive_triples,
                              batch_size=sizes.batch_size, lookup=actors.lookup, tmp=work)
    report.notes.append(
        f"neo4j: {r.triples:,} synthetic triples in {r.documents:,} documents "
        f"({actors.source}; sentences from the real pools); batched writer batch_size "
        f"{r.batch_size}; naive baseline on the first {r.naive_triples:,} of the same triples "
        f"(at most {sizes.naive_triples:,} or 90 s) into an empty database with the same "
        f"schema, after its {r.naive_variants} query texts (one per relation, target label and "
        f"polarity) were planned once on other triples; its rate is extrapolated to "
        f"{r.triples:,}; the batched writer starts cold (its first tenth includes planning "
        f"and all {r.documents:,} Document nodes); "
        f"server: kg.server defaults (heap 1g, page cache 256m), data on local disk")
    sec = "neo4j load"
    report.add(sec, f"batched Neo4jWriter, {r.triples:,} triples",
               f"{_n(r.batched_rate)} triples/s ({r.batched_seconds:.1f} s)")
    rates = r.segment_rates()
    if len(rates) >= 2:
        report.add(sec, "batched: rate in the first / last tenth of the load",
                   f"{_n(rates[0])} / {_n(rates[-1])} triples/s")
    report.add(sec, "batched: graph relationships written per second",
               f"{_n(r.batched_graph_rel_rate)} rels/s ({r.batched_rels:,} rels, "
               f"{r.batched_nodes:,} nodes)", "≥ 20,000 rel/s",
               r.batched_graph_rel_rate >= 20_000)
    report.add(sec, f"naive 1 MERGE query per triple, {r.naive_triples:,} triples",
               f"{_n(r.naive_rate)} triples/s ({r.naive_seconds:.1f} s; "
               f"{r.naive_extrapolated_seconds / 60:,.0f} min extrapolated to {r.triples:,})")
    report.add(sec, "batched / naive", f"{r.speedup:.1f}×", "≥ 10×", r.speedup >= 10)
    report.add(sec, "neo4j-admin import path, total",
               f"{r.admin_total_seconds:.1f} s ({_n(r.triples / r.admin_total_seconds)} "
               "triples/s)")
    report.add(sec, "  graph + write_csv / import / server start / schema",
               f"{r.admin_csv_seconds:.1f} / {r.admin_import_seconds:.1f} / "
               f"{r.admin_start_seconds:.1f} / {r.admin_schema_seconds:.1f} s")
    same = (r.admin_nodes, r.admin_rels) == (r.batched_nodes, r.batched_rels)
    report.add(sec, "admin import graph = batched graph (node, rel counts)",
               f"{r.admin_nodes:,} nodes, {r.admin_rels:,} rels", "equal", same)
    report.add(sec, "schema setup (constraints, indexes; not in the rates)",
               f"{r.schema_seconds:.1f} s")


#: Dutch sentences of the memory builds: at most this many words (the English pool is
#: kept whole: it is small and its sentences carry the triples that fill the graph)
MEMORY_MAX_WORDS = {"nl": 12}


def run_memory(sizes: Sizes, work: Path, report: Report) -> None:
    small, large = sizes.memory_docs
    docs = textdata.mixed_documents(large, sizes=(1,), max_words=MEMORY_MAX_WORDS)
    files = {n: textdata.write_jsonl(docs[:n], work / f"build_{n}.jsonl") for n in (small, large)}
    words = {n: sum(textdata.count_words(d["text"]) for d in docs[:n]) for n in (small, large)}
    runs: dict[int, tuple[memory.BuildRun, memory.BuildRun]] = {}
    with neo4j_load.running_server(work / "memory-server") as (info, driver):
        for n in (small, large):
            neo4j_load.wipe(driver)
            neo4j_load.say(f"kg build, {n:,} documents, embedded and --neo4j side by side")
            runs[n] = memory.build_both(files[n], work, n, info.bolt_uri, neo4j_load.PASSWORD)
    report.notes.append(
        f"memory: {small:,} vs {large:,} documents of one real sentence each (70 % Dutch "
        f"sentences of at most {MEMORY_MAX_WORDS['nl']} words, 30 % English; {words[small]:,} "
        f"vs {words[large]:,} words; {runs[small][0].summary['triples']:,} vs "
        f"{runs[large][0].summary['triples']:,} triples), run as `kg build FILE.jsonl "
        f"(--out DIR | --neo4j URI) --processes {memory.PROCESSES} --json`, the embedded and "
        "the Neo4j build of the same file side by side (4 parser processes on 2 cores), peak "
        "RSS of each build's own process tree (main + workers; pages shared after the fork "
        "count once per process)")
    sec = "memory"
    for i, what in enumerate(("embedded (default)", "--neo4j")):
        _memory_rows(report, sec, what, runs[small][i], runs[large][i])


def _memory_rows(report: Report, sec: str, what: str, small: memory.BuildRun,
                 large: memory.BuildRun) -> None:
    growth = large.peak_rss / small.peak_rss
    report.add(sec, f"kg build {what}, {small.docs:,} docs: peak RSS",
               f"{_mb(small.peak_rss)} ({small.seconds:.0f} s)")
    report.add(sec, f"kg build {what}, {large.docs:,} docs: peak RSS",
               f"{_mb(large.peak_rss)} ({large.seconds:.0f} s)")
    report.add(sec, f"kg build {what}: peak RSS {large.docs:,} / {small.docs:,} docs",
               f"{growth:.2f}", "≤ 1.15", growth <= 1.15)
    report.add(sec, f"kg build {what}: main process alone (without the workers), "
               f"{small.docs:,} / {large.docs:,} docs",
               f"{_mb(small.main_peak_rss)} / {_mb(large.main_peak_rss)} = "
               f"{large.main_peak_rss / small.main_peak_rss:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke test)")
    parser.add_argument("--sections", default=",".join(SECTIONS),
                        help=f"comma-separated subset of {', '.join(SECTIONS)}")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("results.md"),
                        help="markdown results file (default bench/results.md)")
    parser.add_argument("--note", default="",
                        help="a condition to record with the results (e.g. other load)")
    args = parser.parse_args()
    sections = [s for s in args.sections.split(",") if s]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    textdata.require_shared()
    sizes = QUICK if args.quick else FULL
    command = "python bench/run.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    host = memory.machine()
    began = time.perf_counter()
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"kg bench ({'quick' if args.quick else 'full'}) on {host['cores']} cores, "
          f"{host['ram']} RAM, {host['cpu']}; load average {host['load']}", flush=True)
    report = Report()
    runners = {"extraction": run_extraction, "neo4j": run_neo4j, "memory": run_memory}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for section in sections:
            work = Path(tmp) / section
            work.mkdir()
            t0 = time.perf_counter()
            neo4j_load.say(f"section {section}")
            runners[section](sizes, work, report)
            report.notes.append(f"{section} section took {time.perf_counter() - t0:.0f} s")
    total = time.perf_counter() - began
    end_load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    text = "\n".join([
        "# kg benchmark results", "",
        f"Command: `{command.strip()}` (from the repository root; `make bench` runs it "
        "without options)  ",
        f"Run: {started}, {total / 60:.1f} min in all  ",
        f"Machine: {host['cores']} cores ({host['cpu']}), {host['ram']} RAM; load average "
        f"(1/5/15 min) {host['load']} at the start, {end_load} at the end"
        + (f"  \nNote: {args.note}" if args.note else ""), "",
        report.table(), "",
        "Sizes and conditions:", "",
        *[f"- {note}" for note in report.notes], "",
    ])
    args.out.write_text(text, encoding="utf-8")
    print(f"\n{text}\nwritten to {args.out}", flush=True)


if __name__ == "__main__":
    main()
