"""Neo4j load: the batched UNWIND loader vs one MERGE query per triple vs ``neo4j-admin import``.

All three load the same synthetic triples (:mod:`bench.synth`) into a throw-away local
server (``kg.server`` on free ports, a temporary data directory, the ``kg server start``
defaults of 1 GB heap and 256 MB page cache).

* **batched**: ``kg.write.neo4j.Neo4jWriter(driver, batch_size=...).write(triples, documents=...)``.
* **naive**: :func:`naive_load`, one auto-commit query per triple that MERGEs the same graph
  (source, target, document, Event with its three links, and the aggregate relationship with
  ``count`` incremented).  It runs on the first ``naive_n`` triples of the same stream into
  an empty database with the same schema (constraints and indexes), so its rate is if
  anything flattered (a small graph); the full-size time is extrapolated from that rate.
* **neo4j-admin**: the embedded graph of the same triples (``kg.aggregate.GraphBuilder``) is
  written with ``kg.write.files.write_csv`` and imported with the arguments of its
  ``neo4j-admin-import.sh`` (``admin_import_arguments``) into the empty data directory of a
  second server, which is then started; the constraints and indexes are created afterwards
  (as that script says).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import neo4j

from kg import server
from kg.aggregate import GraphBuilder
from kg.types import Document, Triple
from kg.vocab import relation_type
from kg.write.files import admin_import_arguments, write_csv
from kg.write.model import document_row, event_row, label
from kg.write.neo4j import Neo4jWriter

PASSWORD = "kg-bench-password"

#: One query per triple; ``__REL__`` and the labels are filled from the whitelist only.
NAIVE_QUERY = """
MERGE (s:__SOURCE__ {id: $source_id}) ON CREATE SET s.name = $source_name, s.type = $source_type
MERGE (t:__TARGET__ {id: $target_id}) ON CREATE SET t.name = $target_name, t.type = $target_type
MERGE (d:Document {id: $doc.id}) ON CREATE SET d += $doc
MERGE (e:Event {id: $event_id}) SET e += $props
MERGE (s)-[:SOURCE_OF]->(e)
MERGE (e)-[:TARGETS]->(t)
MERGE (e)-[:FROM_DOCUMENT]->(d)
"""
NAIVE_EDGE = """
WITH s, t
MERGE (s)-[r:__REL__]->(t)
ON CREATE SET r.count = 1, r.first_date = $date, r.last_date = $date, r.doc_ids = [$doc.id]
ON MATCH SET r.count = r.count + 1,
  r.first_date = CASE WHEN $date < r.first_date THEN $date ELSE r.first_date END,
  r.last_date = CASE WHEN $date > r.last_date THEN $date ELSE r.last_date END,
  r.doc_ids = CASE WHEN $doc.id IN r.doc_ids THEN r.doc_ids ELSE r.doc_ids + $doc.id END
"""


def naive_statement(triple: Triple) -> tuple[str, dict]:
    """The baseline's query for one triple: labels and type from whitelists, values as params."""
    query = NAIVE_QUERY.replace("__SOURCE__", label(triple.source)).replace(
        "__TARGET__", label(triple.target))
    if not triple.negated:
        query += NAIVE_EDGE.replace("__REL__", relation_type(triple.relation))
    row = event_row(triple)
    doc = document_row(Document(id=triple.doc_id, text="", date=triple.date, lang=triple.lang))
    params = {"source_id": triple.source.id, "source_name": triple.source.name,
              "source_type": triple.source.type, "target_id": triple.target.id,
              "target_name": triple.target.name, "target_type": triple.target.type,
              "doc": doc, "event_id": row.id, "props": row.props, "date": triple.date}
    return query, params


def naive_load(driver: neo4j.Driver, triples: list[Triple],
               max_seconds: float = float("inf")) -> tuple[int, float]:
    """One auto-commit transaction per triple (the loop people write first).

    Stops after ``max_seconds``; returns (triples loaded, seconds taken).
    """
    start = time.perf_counter()
    done = 0
    with driver.session() as session:
        for triple in triples:
            query, params = naive_statement(triple)
            session.run(query, params).consume()
            done += 1
            if time.perf_counter() - start > max_seconds:
                break
    return done, time.perf_counter() - start


def naive_warmup(driver: neo4j.Driver, triples: list[Triple]) -> int:
    """Run each distinct query text of the baseline once, so the timed loop is not planning.

    The relationship type cannot be a parameter, so the baseline has one query text per
    relation, target label and polarity; over a long load each is planned once and cached,
    but in a short timed prefix first-time planning would dominate.  Returns the variants.
    """
    first: dict[str, Triple] = {}
    for triple in triples:
        first.setdefault(naive_statement(triple)[0], triple)
    naive_load(driver, list(first.values()))
    return len(first)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((server.HOST, 0))
        return sock.getsockname()[1]


def server_config(data_dir: Path) -> server.ServerConfig:
    return server.ServerConfig(data_dir=data_dir, bolt_port=free_port(), http_port=free_port())


@contextlib.contextmanager
def running_server(data_dir: Path) -> Iterator[tuple[server.ServerInfo, neo4j.Driver]]:
    """A throw-away server on ``data_dir`` and a driver to it; stopped on exit."""
    config = server_config(data_dir)
    started = server.start(config, initial_password=PASSWORD)
    assert started.info is not None
    try:
        with neo4j.GraphDatabase.driver(started.info.bolt_uri,
                                        auth=(server.USER, PASSWORD)) as driver:
            yield started.info, driver
    finally:
        server.stop(data_dir)


def counts(driver: neo4j.Driver) -> tuple[int, int]:
    """(nodes, relationships) from the count store."""
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS n } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r")
    return records[0]["n"], records[0]["r"]


def wipe(driver: neo4j.Driver) -> None:
    """Delete every node and relationship (schema kept), in chunks."""
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
                    ).consume()


@dataclass(slots=True)
class LoadResult:
    triples: int
    documents: int
    batch_size: int
    batched_seconds: float
    batched_nodes: int
    batched_rels: int
    naive_triples: int
    naive_seconds: float
    naive_variants: int
    schema_seconds: float
    admin_csv_seconds: float
    admin_import_seconds: float
    admin_start_seconds: float
    admin_schema_seconds: float
    admin_nodes: int
    admin_rels: int
    marks: list[tuple[int, float]]

    def segment_rates(self) -> list[float]:
        """Batched triples/s in each tenth of the load (does the rate fall as the graph grows?)."""
        return [(n2 - n1) / (t2 - t1) for (n1, t1), (n2, t2) in itertools.pairwise(self.marks)
                if t2 > t1]

    @property
    def batched_rate(self) -> float:
        return self.triples / self.batched_seconds

    @property
    def batched_graph_rel_rate(self) -> float:
        return self.batched_rels / self.batched_seconds

    @property
    def naive_rate(self) -> float:
        return self.naive_triples / self.naive_seconds

    @property
    def naive_extrapolated_seconds(self) -> float:
        return self.triples / self.naive_rate

    @property
    def speedup(self) -> float:
        return self.batched_rate / self.naive_rate

    @property
    def admin_total_seconds(self) -> float:
        return (self.admin_csv_seconds + self.admin_import_seconds + self.admin_start_seconds
                + self.admin_schema_seconds)


def admin_import(csv_files: list[Path], data_dir: Path) -> float:
    """``neo4j-admin database import full`` with the arguments of kg's import script.

    Runs ``org.neo4j.cli.AdminTool`` from the server jars directly, as ``kg.server`` does:
    ``Neo4jAdminCommand`` would only start this same class in a second JVM.
    """
    csv_dir = csv_files[0].parent
    config = server_config(data_dir)
    for sub in ("conf", "data", "logs", "import"):
        (data_dir / sub).mkdir(parents=True, exist_ok=True)
    (data_dir / "conf" / "neo4j.conf").write_text(server.neo4j_conf(config), encoding="utf-8")
    java = server.find_java()
    lib = server.install()
    cmd = [str(java), "-Xmx1g", "-cp", str(lib / "*"), server.ADMIN_TOOL,
           "database", "import", "full", "neo4j", *admin_import_arguments(csv_files)]
    env = {**os.environ, "NEO4J_HOME": str(data_dir), "NEO4J_CONF": str(data_dir / "conf")}
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=csv_dir, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"neo4j-admin import failed ({proc.returncode}):\n"
                           f"{(proc.stdout + proc.stderr)[-3000:]}")
    return elapsed


def say(text: str) -> None:
    """Progress on stderr: the long phases take minutes."""
    print(f"  [{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def _ticking(triples: list[Triple], step: int,
             marks: list[tuple[int, float]]) -> Iterator[Triple]:
    """Yield the triples, noting when the writer pulls every ``step``-th (its progress)."""
    for i, triple in enumerate(triples):
        if i % step == 0:
            marks.append((i, time.perf_counter()))
            say(f"batched: {i:,} triples sent")
        yield triple


def bench_load(triples: list[Triple], documents: list[Document], *, warmup: list[Triple],
               naive_n: int, naive_max_s: float = 90.0, batch_size: int = 1000, lookup=None,
               tmp: Path | None = None) -> LoadResult:
    """Naive on a prefix (``naive_n`` triples or ``naive_max_s`` seconds, whichever comes
    first; its query variants planned first on ``warmup`` triples, then wiped), then batched
    on everything from a cold start, then the admin import path."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-neo4j-", dir=tmp) as root:
        root_dir = Path(root)
        with running_server(root_dir / "server") as (_, driver):
            writer = Neo4jWriter(driver, batch_size=batch_size, actors=lookup)
            start = time.perf_counter()
            writer.setup_schema()
            schema_s = time.perf_counter() - start
            say("naive baseline: planning its query variants")
            variants = naive_warmup(driver, warmup)
            wipe(driver)
            say(f"naive baseline: up to {naive_n:,} triples or {naive_max_s:.0f} s")
            naive_done, naive_s = naive_load(driver, triples[:naive_n], naive_max_s)
            wipe(driver)
            writer.setup_schema()  # the (:Relation) vocabulary nodes again
            marks: list[tuple[int, float]] = []
            start = time.perf_counter()
            writer.write(_ticking(triples, max(batch_size, len(triples) // 10), marks),
                         documents=documents)
            batched_s = time.perf_counter() - start
            marks.append((len(triples), time.perf_counter()))
            nodes, rels = counts(driver)
        say("neo4j-admin path: graph, CSV, import, start, schema")
        start = time.perf_counter()
        builder = GraphBuilder(actors=lookup)
        for doc in documents:
            builder.add_document(doc)
        builder.add_all(triples)
        csv_dir = root_dir / "csv"
        csv_files = [p for p in write_csv(builder.graph, csv_dir) if p.suffix == ".csv"]
        del builder
        csv_s = time.perf_counter() - start
        admin_dir = root_dir / "admin"
        import_s = admin_import(csv_files, admin_dir)
        start = time.perf_counter()
        with running_server(admin_dir) as (_, driver):
            start_s = time.perf_counter() - start
            start = time.perf_counter()
            Neo4jWriter(driver, actors=lookup).setup_schema()
            admin_schema_s = time.perf_counter() - start
            admin_nodes, admin_rels = counts(driver)
    return LoadResult(
        triples=len(triples), documents=len(documents), batch_size=batch_size,
        batched_seconds=batched_s, batched_nodes=nodes, batched_rels=rels,
        naive_triples=naive_done, naive_seconds=naive_s, naive_variants=variants,
        schema_seconds=schema_s,
        admin_csv_seconds=csv_s, admin_import_seconds=import_s, admin_start_seconds=start_s,
        admin_schema_seconds=admin_schema_s, admin_nodes=admin_nodes, admin_rels=admin_rels,
        marks=marks)
