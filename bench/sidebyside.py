"""Two versions of the Neo4j loader side by side, on the same triples, under the same load.

    python bench/sidebyside.py HEAD~1 --triples 200000 --chunk 5000 --warm 80000 --dump

The old loader is ``git archive REV`` of ``kg``, ``queries`` and ``bench`` in a temporary
directory, the new one this checkout. Each runs in its own process (two ``kg`` packages cannot
share one) against its own fresh server; the parent hands both the same chunks of
:mod:`bench.synth` triples in turn, the order swapped every chunk, so background load hits
both alike. Prints triples/s of each, their ratio overall and after ``--warm`` triples (the
servers' JIT warm-up), the node and relationship counts, and with ``--dump`` whether the two
graphs are identical. ``--new-conf``/``--new-jvm`` add a neo4j.conf line or JVM flag to the
new side's server only (to try a server setting with the same loader: pass ``HEAD``).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# a child process imports kg (and bench) from the tree it loads with, not from this checkout
TREE = Path(sys.argv[sys.argv.index("--child") + 1]) if "--child" in sys.argv else REPO
sys.path.insert(0, str(TREE))

import neo4j  # noqa: E402

from bench import neo4j_load  # noqa: E402
from kg import server  # noqa: E402


def child(uri: str, n: int, chunk: int) -> None:
    """Load chunk after chunk on each ``go`` line; print ``count seconds`` for each."""
    from bench import synth
    from kg.write.neo4j import Neo4jWriter

    actors = synth.load_actors()
    triples, _ = synth.triples(n, actors)
    with neo4j.GraphDatabase.driver(uri, auth=(server.USER, neo4j_load.PASSWORD)) as driver:
        writer = Neo4jWriter(driver, actors=actors.lookup)
        writer.setup_schema()
        print("ready", flush=True)
        for pos in range(0, n, chunk):
            if sys.stdin.readline().strip() != "go":
                return
            part = triples[pos:pos + chunk]
            start = time.perf_counter()
            writer.write(part)
            print(f"{len(part)} {time.perf_counter() - start:.6f}", flush=True)


def extract(rev: str, into: Path) -> Path:
    """``kg``, ``queries`` and ``bench`` of ``rev``, beside a link to the shared data."""
    tree = into / "old"
    tree.mkdir()
    blob = subprocess.run(["git", "-C", str(REPO), "archive", rev, "kg", "queries", "bench"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(tree, filter="data")
    (into / "shared").symlink_to(REPO.parent / "shared")
    return tree


@contextlib.contextmanager
def fresh_server(root: Path, conf: list[str], jvm: list[str]) -> Iterator[tuple]:
    """A throw-away server, with extra conf lines and JVM flags if given."""
    plain_conf, plain_flags = server.neo4j_conf, server.JVM_FLAGS
    server.neo4j_conf = lambda config: plain_conf(config) + "".join(f"{c}\n" for c in conf)
    server.JVM_FLAGS = (*plain_flags, *jvm)
    try:
        with neo4j_load.running_server(root) as out:
            yield out
    finally:
        server.neo4j_conf, server.JVM_FLAGS = plain_conf, plain_flags


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old", help="git revision of the old loader (e.g. HEAD~1)")
    parser.add_argument("--triples", type=int, default=200_000)
    parser.add_argument("--chunk", type=int, default=5_000)
    parser.add_argument("--warm", type=int, default=80_000,
                        help="triples before the 'after warm-up' rate starts")
    parser.add_argument("--dump", action="store_true", help="compare the two graphs in full")
    parser.add_argument("--new-conf", action="append", default=[])
    parser.add_argument("--new-jvm", action="append", default=[])
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)  # tree, uri, n, chunk
    args = parser.parse_args()
    if args.child:
        child(args.child[1], int(args.child[2]), int(args.child[3]))
        return
    with tempfile.TemporaryDirectory(prefix="kg-sidebyside-") as tmp:
        root = Path(tmp)
        trees = {"old": extract(args.old, root), "new": REPO}
        extra = {"old": ([], []), "new": (args.new_conf, args.new_jvm)}
        with fresh_server(root / "old-server", *extra["old"]) as (old_info, old_driver), \
                fresh_server(root / "new-server", *extra["new"]) as (new_info, new_driver):
            uris = {"old": old_info.bolt_uri, "new": new_info.bolt_uri}
            procs = {side: subprocess.Popen(
                [sys.executable, __file__, args.old, "--child", str(trees[side]), uris[side],
                 str(args.triples), str(args.chunk)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=trees[side])
                for side in trees}
            for proc in procs.values():
                assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
            spent = {side: [0.0, 0.0] for side in procs}  # all, after warm-up
            done = {side: [0, 0] for side in procs}
            for i, pos in enumerate(range(0, args.triples, args.chunk)):
                for side in (("old", "new") if i % 2 == 0 else ("new", "old")):
                    proc = procs[side]
                    assert proc.stdin is not None and proc.stdout is not None
                    proc.stdin.write("go\n")
                    proc.stdin.flush()
                    count, seconds = proc.stdout.readline().split()
                    for k in (0, 1) if pos >= args.warm else (0,):
                        spent[side][k] += float(seconds)
                        done[side][k] += int(count)
                neo4j_load.say(f"{done['new'][0]:,} triples: " + ", ".join(
                    f"{side} {done[side][0] / spent[side][0]:,.0f}" for side in procs)
                    + " triples/s")
            for proc in procs.values():
                proc.communicate("")
            counts = {"old": neo4j_load.counts(old_driver), "new": neo4j_load.counts(new_driver)}
            for side in procs:
                rate = done[side][0] / spent[side][0]
                print(f"{side}: {done[side][0]:,} triples in {spent[side][0]:.1f} s = "
                      f"{rate:,.0f} triples/s, {counts[side][1] / spent[side][0]:,.0f} rels/s "
                      f"({counts[side][0]:,} nodes, {counts[side][1]:,} rels)")
            rates = {side: [d / s if s else float("nan") for d, s in zip(done[side], spent[side],
                                                                       strict=True)]
                     for side in procs}
            print(f"new / old: {rates['new'][0] / rates['old'][0]:.3f} overall, "
                  f"{rates['new'][1] / rates['old'][1]:.3f} after {args.warm:,} triples; "
                  f"node and rel counts equal: {counts['old'] == counts['new']}")
            if args.dump:
                sys.path.insert(0, str(REPO / "tests"))  # the tests' full graph dump
                from neo4j_dump import dump
                print(f"graphs identical: {dump(old_driver) == dump(new_driver)}")


if __name__ == "__main__":
    main()
