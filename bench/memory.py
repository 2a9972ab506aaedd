"""Peak RSS of ``kg build`` on N vs 10 N short documents, embedded default and ``--neo4j``.

``kg build`` runs as a subprocess (the CLI of this checkout, ``--processes 2``); the resident
set of it and of its worker processes is polled with psutil every 50 ms and the peak kept.
The embedded and the Neo4j build of the same input run side by side, each measured on its
own process tree: that halves the section's wall time, and both see the same background
load.  The Neo4j server's own memory is not counted: it is a separate service.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from bench.textdata import kg_command, kg_env

POLL_S = 0.05
PROCESSES = 2


@dataclass(slots=True)
class BuildRun:
    docs: int
    peak_rss: int  # bytes, the build and its worker processes together
    seconds: float
    main_peak_rss: int = 0  # bytes, the build's own process (reader, graph, writer) alone
    summary: dict = field(default_factory=dict)  # the ``kg build --json`` summary


def peak_rss(cmd: list[str], env: dict[str, str],
             cwd: Path) -> tuple[int, int, float, int, str, str]:
    """Run ``cmd`` in ``cwd``; return (peak RSS of it and its children, peak RSS of it alone,
    seconds, exit code, stdout, stderr tail)."""
    start = time.perf_counter()
    with open(cwd / "stdout.txt", "w+b") as out, open(cwd / "stderr.txt", "w+b") as err:
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=err)
        root = psutil.Process(proc.pid)
        peak = main_peak = 0
        while proc.poll() is None:
            try:
                own = root.memory_info().rss
                rss = own + sum(c.memory_info().rss for c in root.children(recursive=True))
            except psutil.Error:  # a child ended between listing and reading
                continue
            peak = max(peak, rss)
            main_peak = max(main_peak, own)
            time.sleep(POLL_S)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        tail = err.read().decode("utf-8", "replace")[-2000:]
    return peak, main_peak, seconds, proc.returncode, stdout, tail


def _build(args: list[str], work: Path, docs: int, env: dict[str, str]) -> BuildRun:
    work.mkdir(parents=True, exist_ok=True)
    cmd = [*kg_command(), "build", *args, "--processes", str(PROCESSES), "--json"]
    peak, main_peak, seconds, code, stdout, tail = peak_rss(cmd, env, work)
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd[3:])} failed ({code}): {tail}")
    return BuildRun(docs, peak, seconds, main_peak, json.loads(stdout))


def build_embedded(jsonl: Path, work: Path, docs: int) -> BuildRun:
    return _build([str(jsonl), "--out", str(work / "graph")], work, docs, kg_env())


def build_neo4j(jsonl: Path, work: Path, docs: int, uri: str, password: str) -> BuildRun:
    return _build([str(jsonl), "--neo4j", uri], work, docs,
                  {**kg_env(), "NEO4J_PASSWORD": password})


def build_both(jsonl: Path, work: Path, docs: int, uri: str,
               password: str) -> tuple[BuildRun, BuildRun]:
    """The embedded and the Neo4j build of ``jsonl`` at the same time, each measured alone."""
    runs: dict[str, BuildRun] = {}
    errors: list[BaseException] = []

    def run(name: str, fn, *args) -> None:
        try:
            runs[name] = fn(*args)
        except BaseException as exc:  # re-raised below, in the caller's thread
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=("embedded", build_embedded, jsonl,
                                           work / f"embedded-{docs}", docs)),
        threading.Thread(target=run, args=("neo4j", build_neo4j, jsonl, work / f"neo4j-{docs}",
                                           docs, uri, password)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return runs["embedded"], runs["neo4j"]


def machine() -> dict[str, str]:
    """Cores, RAM, CPU model and the load when the run started (others share this machine)."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()
    return {"cores": str(psutil.cpu_count(logical=True)),
            "ram": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
            "cpu": model or "unknown",
            "load": f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"}
