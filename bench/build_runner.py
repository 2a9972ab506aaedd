"""Stand-in for ``kg build`` while that CLI command is not registered: the same library call.

Usage: python bench/build_runner.py INPUT.jsonl (--out DIR | --neo4j URI); password from
NEO4J_PASSWORD.  It does what ``cli/build.py`` does minus the progress bar and summary.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.build import build  # noqa: E402
from kg.connect import open_driver  # noqa: E402
from kg.pipeline import PipelineConfig  # noqa: E402
from kg.write.neo4j import Neo4jWriter  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--neo4j")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("-q", "--quiet", action="store_true", help="accepted, as kg build does")
    args = parser.parse_args()
    config = PipelineConfig(n_process=args.processes)
    if args.neo4j:
        driver = open_driver(args.neo4j, "neo4j", os.environ["NEO4J_PASSWORD"])
        try:
            build(args.inputs, config, writer=Neo4jWriter(driver))
        finally:
            driver.close()
    else:
        build(args.inputs, config, out_dir=args.out)


if __name__ == "__main__":
    main()
