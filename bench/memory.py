"""Peak RSS of ``kg build`` on N vs 10 N short documents, embedded default and ``--neo4j``.

``kg build`` runs as a subprocess (the installed CLI of this checkout); its resident set,
plus that of any child process (parser workers), is polled with psutil every 50 ms and the
peak kept.  The Neo4j server's own memory is not counted: it is a separate service.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from bench.textdata import kg_command, kg_env

POLL_S = 0.05


@dataclass(slots=True)
class BuildRun:
    docs: int
    peak_rss: int  # bytes
    seconds: float


def peak_rss(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[int, float, int, str]:
    """Run ``cmd``; return (peak RSS of it and its children, seconds, exit code, stderr tail)."""
    start = time.perf_counter()
    with open(cwd / "stderr.txt", "w+b") as err:
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        root = psutil.Process(proc.pid)
        peak = 0
        while proc.poll() is None:
            try:
                rss = root.memory_info().rss + sum(
                    c.memory_info().rss for c in root.children(recursive=True))
            except psutil.Error:  # a child ended between listing and reading
                continue
            peak = max(peak, rss)
            time.sleep(POLL_S)
        seconds = time.perf_counter() - start
        err.seek(0)
        tail = err.read().decode("utf-8", "replace")[-2000:]
    return peak, seconds, proc.returncode, tail


def build_embedded(jsonl: Path, work: Path, docs: int) -> BuildRun:
    out = work / f"graph-{docs}"
    cmd = [*kg_command(), "build", str(jsonl), "--out", str(out), "-q"]
    peak, seconds, code, tail = peak_rss(cmd, kg_env(), work)
    if code != 0:
        raise RuntimeError(f"kg build failed ({code}): {tail}")
    return BuildRun(docs, peak, seconds)


def build_neo4j(jsonl: Path, work: Path, docs: int, uri: str, password: str) -> BuildRun:
    cmd = [*kg_command(), "build", str(jsonl), "--neo4j", uri, "-q"]
    env = {**kg_env(), "NEO4J_PASSWORD": password}
    peak, seconds, code, tail = peak_rss(cmd, env, work)
    if code != 0:
        raise RuntimeError(f"kg build --neo4j failed ({code}): {tail}")
    return BuildRun(docs, peak, seconds)


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
