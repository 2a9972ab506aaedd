"""Extraction on a Dask cluster: the optional extra ``kg[dask]`` (``dask`` + ``distributed``).

``kg extract`` and ``kg build`` with ``--dask ADDRESS`` (or ``KG_DASK_SCHEDULER``) run the
same per-chunk work as a local run (``kg.pipeline._extract_chunk``: prepare, ``nlp.pipe``,
extract, resolve) in the workers of a Dask cluster; ``--dask local`` starts a
``distributed.LocalCluster`` of ``--processes`` worker processes on this machine.

- **Lazy partitions.** This process reads the input as a stream and cuts it into the chunks
  of a local run (``PipelineConfig.chunk_docs`` / ``chunk_chars``); at most a few chunks per
  worker are in flight, so neither this process nor the scheduler ever holds the corpus.
  The workers need no access to the input files.
- **Loaded once per worker.** A worker plugin carries the caller's gazetteer and pipeline
  choices; when a worker joins (also one that replaces a dead worker) it loads the spaCy
  pipelines, lexicons and the gazetteer's phrase matchers once, and every partition it runs
  uses them.
- **Same result.** Partitions come back in input order through the same loop as a local run
  (``kg.pipeline.extract_documents``), so the aggregate and the writers take them unchanged
  and the triples are those of a plain run.  With ``dask_out`` the workers write each
  partition's triples as ``part-NNNNNN.jsonl`` into a shared folder (written to a temporary
  name, then renamed, so a rerun partition replaces its file) and send back counts only.
- **Failures.** A document whose extraction raises is retried alone and, if it fails again,
  reported as skipped; the rest of its partition is kept.  A worker that dies is Dask's to
  handle: its partitions run again elsewhere, and their results are taken once.  A partition
  that keeps killing workers (``KilledWorker``) is split into single documents, and only the
  document that kills a worker is lost (reported).

Nothing here is imported unless a run asks for Dask.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import uuid
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import nlp as nlp_registry
from kg.errors import InputError, ModelError
from kg.gazetteer import Gazetteer
from kg.lexicon import load_lexicon
from kg.pipeline import PipelineConfig, RunStats, _extract_chunk, _Extracted
from kg.resolve import phrase_matcher
from kg.types import Document, Skipped

try:
    import dask
    import distributed
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - the CLI checks first and says what to install
    distributed = None  # type: ignore[assignment]
    WorkerPlugin = object  # type: ignore[assignment,misc]

#: ``--dask local``: a LocalCluster on this machine
LOCAL = "local"
#: environment variable for the scheduler address (``--dask`` wins)
ENV_VAR = "KG_DASK_SCHEDULER"
#: partitions in flight per worker: one running, one queued, so no worker waits for input
IN_FLIGHT_PER_WORKER = 2
#: environment variables a worker takes from the client (paths must exist on the workers)
FORWARDED_ENV = ("KG_LEXICON_DIR",)
#: how long to wait for a scheduler or for the first worker
CONNECT_TIMEOUT_S = 60
PART_GLOB = "part-*.jsonl"

#: one parse at a time per worker process: spaCy pipelines are not shared between threads
_PARSE_LOCK = threading.Lock()


def available() -> bool:
    """Whether the ``kg[dask]`` extra is installed."""
    return distributed is not None


def _require() -> None:
    if distributed is None:
        raise InputError("--dask needs the Dask extra: pip install 'kg[dask]'")


@dataclass
class Cluster:
    """An open connection to a Dask cluster (and the LocalCluster, if kg started one)."""

    client: Any
    address: str
    workers: int
    dashboard: str | None = None
    local: Any = None


#: clients opened by ``connect``, by scheduler address, so a run in the same process uses
#: the connection (and the dashboard) the caller already has
_open: dict[str, Any] = {}


@contextmanager
def connect(address: str, *, workers: int = 1) -> Iterator[Cluster]:
    """Connect to the scheduler at ``address``, or start a LocalCluster of ``workers``
    single-threaded worker processes for ``local``; closed (and stopped) on exit."""
    _require()
    local = None
    try:
        if address == LOCAL:
            # no statistical profiler in the workers: it samples the parse's deep stacks
            # every 10 ms, costing ~10 % CPU and, on a busy machine, far more in GIL waits
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                local = distributed.LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    silence_logs=logging.ERROR)
            client = distributed.Client(local, set_as_default=False)
        else:
            client = distributed.Client(address, timeout=CONNECT_TIMEOUT_S,
                                        set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        if local is not None:
            local.close()
        raise InputError(f"--dask {address}: cannot reach a Dask scheduler there ({exc})"
                         ) from None
    cluster = Cluster(client, client.scheduler.address, 0, _dashboard(client), local)
    _open[cluster.address] = client
    try:
        cluster.workers = _wait_for_workers(client)
        yield cluster
    finally:
        _open.pop(cluster.address, None)
        client.close()
        if local is not None:
            local.close()


def _dashboard(client: Any) -> str | None:
    """The dashboard's address if the scheduler serves one (it needs ``bokeh``)."""
    services = client.scheduler_info().get("services", {})
    return client.dashboard_link if "dashboard" in services else None


def _wait_for_workers(client: Any) -> int:
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
    except TimeoutError:
        raise InputError(f"the Dask scheduler at {client.scheduler.address} has no workers "
                         f"(waited {CONNECT_TIMEOUT_S} s); start some with "
                         f"`dask worker {client.scheduler.address} --nthreads 1`") from None
    return len(client.scheduler_info(n_workers=-1)["workers"])


@contextmanager
def _session(config: PipelineConfig) -> Iterator[Any]:
    """The client for ``config.dask``: the caller's from ``connect``, else one for this run."""
    if config.dask in _open:
        yield _open[config.dask]
        return
    with connect(config.dask or LOCAL, workers=config.n_process) as cluster:
        yield cluster.client


# ------------------------------------------------------------------------- the workers

class KgWorker(WorkerPlugin):
    """The run's gazetteer and pipeline choices, loaded once when a worker joins.

    Named by its content, and idempotent: a run with the same choices on a long-lived
    cluster reuses what the workers loaded for an earlier one instead of loading it again.
    """

    idempotent = True

    def __init__(self, gazetteer: Gazetteer, models: dict[str, str],
                 env: dict[str, str]) -> None:
        self.gazetteer = gazetteer
        self.models = models
        self.env = env
        tables = {k: v for k, v in gazetteer.__getstate__().items()
                  if k != "_index"}  # derived from the records, with frozensets inside
        state = [tables, sorted(models.items()), sorted(env.items())]
        digest = hashlib.sha256(json.dumps(state, sort_keys=True, default=_stable).encode())
        self.name = f"kg-{digest.hexdigest()[:16]}"

    def setup(self, worker: Any = None) -> None:
        os.environ.update(self.env)
        for lang, name in self.models.items():
            if nlp_registry.model_name(lang) != name:
                nlp_registry.set_model(lang, name)
        for lang in nlp_registry.supported_languages():
            try:
                nlp = nlp_registry.load(lang)
            except ModelError:  # reported by the first document that needs it
                continue
            load_lexicon(lang)
            phrase_matcher(self.gazetteer, nlp)

    def run(self, chunk: list[Document], config: PipelineConfig) -> list[_Extracted | Skipped]:
        """One partition; a document that raises costs only itself."""
        with _PARSE_LOCK:
            try:
                return _extract_chunk(chunk, config, self.gazetteer)
            except ModelError:
                raise  # no pipeline: the run stops, as a local one does
            except Exception:
                return [self._one(doc, config) for doc in chunk]

    def _one(self, doc: Document, config: PipelineConfig) -> _Extracted | Skipped:
        try:
            return _extract_chunk([doc], config, self.gazetteer)[0]
        except ModelError:
            raise
        except Exception as exc:
            return Skipped(doc.source or doc.id, "extraction failed: "
                           f"{type(exc).__name__}: {' '.join(str(exc).split())}")


def _stable(value: Any) -> Any:
    """JSON for the fingerprint: sets sorted (their order differs between processes)."""
    if isinstance(value, set | frozenset):
        return sorted(map(repr, value))
    return repr(value)


@dataclass(slots=True)
class _Summary:
    """What a partition written to a file contributes to the run's statistics."""

    triples: int = 0
    by_relation: Counter = field(default_factory=Counter)
    actors: set[str] = field(default_factory=set)


def _partition(chunk: list[Document], config: PipelineConfig, plugin: str,
               index: int) -> tuple[list[_Extracted | Skipped], _Summary | None]:
    """The task: run one partition on this worker (and write it, with ``dask_out``)."""
    outcomes = distributed.get_worker().plugins[plugin].run(chunk, config)
    if not config.dask_out:
        return outcomes, None
    summary = RunStats()
    folder = Path(config.dask_out)
    tmp = folder / f".part-{index:06d}.{uuid.uuid4().hex}.tmp"
    with tmp.open("w", encoding="utf-8") as fh:
        for outcome in outcomes:
            if isinstance(outcome, _Extracted):
                summary.add(outcome.triples)
                for triple in outcome.triples:
                    fh.write(json.dumps(triple.to_dict(), ensure_ascii=False) + "\n")
    os.replace(tmp, part_path(folder, index))  # a rerun of the partition replaces it whole
    lean = [_Extracted(o.lang, o.sentences, []) if isinstance(o, _Extracted) else o
            for o in outcomes]
    return lean, _Summary(summary.triples, summary.by_relation, summary.actors)


def part_path(folder: Path, index: int) -> Path:
    return folder / f"part-{index:06d}.jsonl"


# -------------------------------------------------------------------------- the client

def dask_chunks(chunks: Iterator[list[Document]], config: PipelineConfig,
                gazetteer: Gazetteer, stats: RunStats
                ) -> Iterator[tuple[list[Document], list[_Extracted | Skipped]]]:
    """Each chunk through the cluster's workers: ``(chunk, outcomes)`` in input order, like
    ``kg.pipeline._in_workers``; with ``config.dask_out`` the triples go to part files and
    only their counts into ``stats``."""
    _require()
    if config.dask_out:
        _prepare_out(Path(config.dask_out))
    with _session(config) as client:
        models = nlp_registry.model_overrides()
        models.update({k[len("KG_MODEL_"):].lower(): v for k, v in os.environ.items()
                       if k.startswith("KG_MODEL_") and v})
        plugin = KgWorker(gazetteer, models,
                          {k: os.environ[k] for k in FORWARDED_ENV if os.environ.get(k)})
        client.register_plugin(plugin, name=plugin.name)
        run = uuid.uuid4().hex[:8]
        counter = iter(range(1 << 62))

        def submit(chunk: list[Document]) -> tuple[int, Any]:
            index = next(counter)
            return index, client.submit(_partition, chunk, config, plugin.name, index,
                                        key=f"kg-partition-{run}-{index}", pure=False)

        def outcome(chunk: list[Document], index: int, future: Any) -> list:
            try:
                outcomes, summary = future.result()
            except distributed.KilledWorker:
                if len(chunk) == 1:
                    return [Skipped(chunk[0].source or chunk[0].id, "a Dask worker died on "
                                    "this document, several times (out of memory?)")]
                # find the document that kills workers: the others are kept
                singles = [(doc, *submit([doc])) for doc in chunk]
                return [outcome([doc], i, f)[0] for doc, i, f in singles]
            if summary is not None:
                stats.triples += summary.triples
                stats.by_relation.update(summary.by_relation)
                stats.actors |= summary.actors
            return outcomes

        pending: deque[tuple[list[Document], int, Any]] = deque()
        try:
            for chunk in chunks:
                pending.append((chunk, *submit(chunk)))
                limit = IN_FLIGHT_PER_WORKER * max(1, len(client.nthreads()))
                while len(pending) >= limit:
                    head = pending.popleft()
                    yield head[0], outcome(*head)
            while pending:
                head = pending.popleft()
                yield head[0], outcome(*head)
        finally:
            if pending:
                client.cancel([f for _, _, f in pending])


def _prepare_out(folder: Path) -> None:
    """The shared output folder, without the part files of an earlier run."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in list(folder.glob(PART_GLOB)) + list(folder.glob(".part-*.tmp")):
        old.unlink()
