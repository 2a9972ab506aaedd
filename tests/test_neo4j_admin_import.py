"""The CSV export really imports with neo4j-admin and equals the loader's graph.

Runs the admin tool of the jars kg.server installed into a fresh server directory, starts
a second local server on it and compares full dumps with a batched load (slow: one JVM for
the import, one for the server).
"""

from __future__ import annotations

import os
import subprocess

import neo4j
import pytest
from conftest import free_port
from graph_fixtures import documents, follow_up_triples, lookup, seed_triples
from neo4j_dump import dump

from kg import server
from kg.aggregate import aggregate
from kg.write.files import admin_import_arguments, export
from kg.write.neo4j import Neo4jWriter

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def test_neo4j_admin_import_of_the_csv_equals_a_batched_load(neo4j_driver, neo4j_server,
                                                            tmp_path):
    if neo4j_server.config is None:
        pytest.skip("needs the local kg server jars (NEO4J_URI points at an external server)")
    triples = seed_triples() + follow_up_triples()
    Neo4jWriter(neo4j_driver, actors=lookup).write(triples, documents=documents())
    loaded = dump(neo4j_driver)

    csv_dir = tmp_path / "export" / "neo4j-import"
    files = [p for p in export(aggregate(triples, documents=documents(), actors=lookup),
                               tmp_path / "export", ["csv"]) if p.suffix == ".csv"]
    config = server.ServerConfig(data_dir=tmp_path / "imported", bolt_port=free_port(),
                                 http_port=free_port(), heap="512m", pagecache="64m")
    home = config.data_dir
    for sub in ("conf", "data", "logs", "import"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text(server.neo4j_conf(config), encoding="utf-8")
    cmd = [str(server.find_java()), "-Xmx512m", "-cp", str(server.lib_dir() / "*"),
           server.ADMIN_TOOL, "database", "import", "full", "neo4j",
           *admin_import_arguments(files)]
    proc = subprocess.run(cmd, cwd=csv_dir, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NEO4J_HOME": str(home),
                               "NEO4J_CONF": str(home / "conf")})
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "IMPORT DONE" in proc.stdout

    password = "kg-import-test"
    started = server.start(config, initial_password=password)
    try:
        with neo4j.GraphDatabase.driver(started.info.bolt_uri,
                                        auth=(server.USER, password)) as driver:
            Neo4jWriter(driver, actors=lookup).setup_schema()  # constraints after a bulk import
            assert dump(driver) == loaded
    finally:
        server.stop(home)
