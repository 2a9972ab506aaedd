"""``--dask``: kg extract and kg build on a real Dask cluster give what a plain run gives.

Two clusters, both real: a ``distributed.LocalCluster`` of two worker processes (one per
module, shared by the tests that only run on it), and a scheduler and two workers started as
separate processes with ``dask scheduler`` / ``dask worker`` on loopback, one of which is
killed mid-run.  ``kg build --dask local`` starts its own LocalCluster, as a user's run does.
Documents are few and short: the machine has two cores.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.errors import ExitCode
from cli.main import app
from kg.pipeline import PipelineConfig, RunStats, extract_documents
from kg.types import Document
from tests.shared_data import EXAMPLES, SEED, needs_shared

distributed = pytest.importorskip("distributed")
from kg import distributed as kd  # noqa: E402  (after the skip: needs the extra)

runner = CliRunner()
BIN = Path(sys.executable).parent
NO_NEO4J = {"NEO4J_URI": None, "NEO4J_PASSWORD": None, "KG_DASK_SCHEDULER": None}

#: short real sentences, one document each, both languages
SENTENCES = [
    ("nl", "Poetin bedreigde Polen met een aanval."),
    ("en", "Russia threatened Poland."),
    ("nl", "Kadyrov dreigde met aanvallen tegen Duitsland."),
    ("en", "The European Union imposed new sanctions on Russia."),
    ("nl", "Zelensky ontmoette Rutte in Kiev."),
    ("en", "Iran warned Israel against a war in Lebanon."),
]


def docs(n: int = 12) -> list[Document]:
    return [Document(f"d{i:02d}", SENTENCES[i % len(SENTENCES)][1],
                     lang=SENTENCES[i % len(SENTENCES)][0], date="2024-05-01")
            for i in range(n)]


def run(documents, **options) -> tuple[list[tuple[str, list[dict]]], RunStats]:
    stats = RunStats()
    results = extract_documents(documents, PipelineConfig(**options), stats=stats)
    return [(r.document.id, [t.to_dict() for t in r.triples]) for r in results], stats


def lines(text: str) -> list[str]:
    return sorted(line for line in text.splitlines() if line.strip())


@pytest.fixture(scope="module")
def cluster():
    with kd.connect(kd.LOCAL, workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def plain_extract() -> str:
    inputs = [str(EXAMPLES)] + ([str(SEED)] if SEED.exists() else [])
    result = runner.invoke(app, ["extract", *inputs, "-q"], env=NO_NEO4J)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_nothing_imports_dask_without_the_option():
    code = ("import sys\nfrom typer.testing import CliRunner\nfrom cli.main import app\n"
            "r = CliRunner().invoke(app, ['extract', '-', '--lang', 'en', '-q'], "
            "input='Russia threatened Poland.')\nassert r.exit_code == 0, r.output\n"
            "assert 'THREATENS' in r.stdout\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('dask', 'distributed', 'kg.distributed')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env={k: v for k, v in os.environ.items()
                                            if k != "KG_DASK_SCHEDULER"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_a_local_cluster_has_two_worker_processes(cluster):
    assert cluster.workers == 2
    pids = cluster.client.run(os.getpid)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()


@needs_shared
def test_kg_extract_on_the_cluster_prints_the_triples_of_a_plain_run(cluster, plain_extract):
    result = runner.invoke(app, ["extract", str(EXAMPLES), str(SEED), "-q",
                                 "--dask", cluster.address], env=NO_NEO4J)
    assert result.exit_code == 0, result.output
    assert len(lines(plain_extract)) > 40
    assert lines(result.stdout) == lines(plain_extract)


def test_the_scheduler_address_may_come_from_the_environment(cluster):
    result = runner.invoke(app, ["extract", "-", "--lang", "nl", "-q"],
                           input="Poetin bedreigde Polen.",
                           env={**NO_NEO4J, "KG_DASK_SCHEDULER": cluster.address})
    assert result.exit_code == 0, result.output
    assert '"relation": "THREATENS"' in result.stdout


def test_partitions_keep_input_order_and_the_statistics(cluster):
    plain, stats1 = run(docs())
    dask, stats2 = run(docs(), dask=cluster.address, chunk_docs=2)
    assert dask == plain  # in input order, even with six partitions in flight
    assert (stats2.documents, stats2.sentences, stats2.triples, stats2.by_relation) == (
        stats1.documents, stats1.sentences, stats1.triples, stats1.by_relation)


def test_with_out_the_workers_write_one_jsonl_per_partition(cluster, tmp_path, plain_extract):
    out = tmp_path / "parts"
    out.mkdir()
    (out / "part-000099.jsonl").write_text("stale\n")  # an earlier run's part: removed
    result = runner.invoke(app, ["extract", str(EXAMPLES), *([str(SEED)] if SEED.exists()
                                                             else []),
                                 "--dask", cluster.address, "--out", str(out)], env=NO_NEO4J)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # the triples are in the files, not sent back
    parts = sorted(out.glob("part-*.jsonl"))
    assert [p.name for p in parts] == [f"part-{i:06d}.jsonl" for i in range(len(parts))]
    written = "".join(p.read_text("utf-8") for p in parts)
    assert lines(written) == lines(plain_extract)
    assert f"{len(lines(plain_extract))} triples of " in result.stderr


def test_out_without_dask_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["extract", str(EXAMPLES), "--out", str(tmp_path)],
                           env=NO_NEO4J)
    assert result.exit_code == ExitCode.USAGE


def _poison_on_workers() -> None:
    """On each worker: resolving the document ``poison`` raises, as a kg bug would."""
    from kg import pipeline

    original = pipeline._resolve

    def resolve(prep, *args, **kwargs):
        if prep.document.id == "poison":
            raise ValueError("boom")
        return original(prep, *args, **kwargs)

    resolve.original = original
    pipeline._resolve = resolve


def _cure_workers() -> None:
    from kg import pipeline

    pipeline._resolve = getattr(pipeline._resolve, "original", pipeline._resolve)


def test_a_bad_document_costs_only_itself_and_is_reported(cluster, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i, (_, text) in enumerate(SENTENCES):
        (folder / f"{i}.txt").write_text(text + "\n", encoding="utf-8")
    (folder / "poison.txt").write_text("Poetin bedreigde Litouwen.\n", encoding="utf-8")
    cluster.client.run(_poison_on_workers)
    try:
        result = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "g"),
                                     "--dask", cluster.address, "--json"], env=NO_NEO4J)
    finally:
        cluster.client.run(_cure_workers)
    assert result.exit_code == ExitCode.SOME_SKIPPED, result.output
    summary = json.loads(result.stdout)
    assert summary["documents"] == len(SENTENCES)  # the poison's partition-mates are kept
    report = [json.loads(line) for line in
              (tmp_path / "g" / "report.jsonl").read_text("utf-8").splitlines()]
    assert [(r["kind"], Path(r["where"]).name) for r in report] == [("skipped", "poison.txt")]
    assert "ValueError: boom" in report[0]["reason"]


def test_kg_build_dask_local_writes_the_graph_of_a_plain_build(tmp_path):
    plain = runner.invoke(app, ["build", str(EXAMPLES), "--out", str(tmp_path / "plain"),
                                "-q"], env=NO_NEO4J)
    assert plain.exit_code == 0, plain.output
    dask = runner.invoke(app, ["build", str(EXAMPLES), "--out", str(tmp_path / "dask"),
                               "--dask", "local", "--processes", "2"], env=NO_NEO4J)
    assert dask.exit_code == 0, dask.output
    assert "LocalCluster tcp://127.0.0.1:" in dask.stderr and ": 2 workers" in dask.stderr
    assert "dashboard http://" in dask.stderr  # bokeh is in the extra: the dashboard is up
    graph = json.loads((tmp_path / "dask" / "graph.json").read_text("utf-8"))
    assert graph == json.loads((tmp_path / "plain" / "graph.json").read_text("utf-8"))
    assert len(graph["nodes"]) > 20


def test_an_unreachable_scheduler_is_a_usage_error(monkeypatch):
    monkeypatch.setattr(kd, "CONNECT_TIMEOUT_S", 1)
    result = runner.invoke(app, ["extract", "-", "--dask", "tcp://127.0.0.1:9"],
                           input="Russia threatened Poland.", env=NO_NEO4J)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "cannot reach a Dask scheduler" in result.stderr


# ------------------------------------------- a scheduler and workers as separate processes

def _free_port() -> int:
    from tests.conftest import free_port

    return free_port()


@pytest.fixture(scope="module")
def processes(tmp_path_factory):
    """``dask scheduler`` and two ``dask worker`` processes (no nanny: a killed worker stays
    dead) on loopback; yields (address, worker processes)."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("dask-logs")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
           "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}  # as the README advises
    started = [subprocess.Popen(
        [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
         "--no-dashboard"], stdout=subprocess.DEVNULL,
        stderr=(logs / "scheduler.log").open("w"), env=env, start_new_session=True)]
    try:
        workers = [subprocess.Popen(
            [str(BIN / "dask"), "worker", address, "--nthreads", "1", "--no-nanny",
             "--host", "127.0.0.1", "--no-dashboard", "--name", f"w{i}"],
            stdout=subprocess.DEVNULL, stderr=(logs / f"worker{i}.log").open("w"), env=env,
            start_new_session=True) for i in range(2)]
        started += workers
        client = distributed.Client(address, timeout=60)
        client.wait_for_workers(2, timeout=120)
        client.close()
        yield address, workers
    finally:
        for proc in reversed(started):
            if proc.poll() is None:
                proc.terminate()
        for proc in started:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@needs_shared
def test_kg_extract_on_separate_scheduler_and_worker_processes(processes, plain_extract):
    address, _ = processes
    result = runner.invoke(app, ["extract", str(EXAMPLES), str(SEED), "-q",
                                 "--dask", address], env=NO_NEO4J)
    assert result.exit_code == 0, result.output
    assert lines(result.stdout) == lines(plain_extract)


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(processes):
    address, workers = processes
    documents = docs(16)
    plain, _ = run(documents)
    with kd.connect(address) as cluster:
        pids = cluster.client.run(os.getpid)
        assert set(pids.values()) == {w.pid for w in workers}
        victim = next(addr for addr, pid in pids.items() if pid == workers[0].pid)
        stats = RunStats()
        got = []
        killed_busy = False
        config = PipelineConfig(dask=address, chunk_docs=1)
        for result in extract_documents(documents, config, stats=stats):
            got.append((result.document.id, [t.to_dict() for t in result.triples]))
            if workers[0].poll() is None and cluster.client.processing([victim])[victim]:
                os.kill(workers[0].pid, signal.SIGKILL)  # in the middle of a partition
                workers[0].wait(timeout=10)
                killed_busy = True
        assert killed_busy, "the worker to kill never had a partition"
        deadline = time.time() + 30
        while len(cluster.client.nthreads()) > 1 and time.time() < deadline:
            time.sleep(0.2)
        assert len(cluster.client.nthreads()) == 1  # the scheduler knows one is gone
    assert got == plain  # nothing lost, nothing twice, input order
    assert stats.documents == len(documents) and not stats.skipped
