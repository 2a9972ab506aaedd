"""Fixtures shared by the whole suite.

Neo4j: ``neo4j_server`` is one throw-away local server per test session (kg.server on free
ports, a temporary data directory, a known password), or the server named by NEO4J_URI /
NEO4J_USERNAME / NEO4J_PASSWORD when NEO4J_URI is set (its database is wiped before every
test that uses ``neo4j_driver``: point it at a scratch database only).  Without Java or
Maven the fixture errors instead of skipping: CI installs both (scripts/system-deps.sh).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import neo4j
import pytest

from kg import server

# --- Neo4j --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Neo4jTarget:
    """Where the tests' Neo4j is; ``config`` is None for an external server."""

    uri: str
    user: str
    password: str
    http_url: str
    config: server.ServerConfig | None = None

    @property
    def data_dir(self) -> Path | None:
        return self.config.data_dir if self.config else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((server.HOST, 0))
        return sock.getsockname()[1]


def _external_target() -> Neo4jTarget | None:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    password = os.environ.get("NEO4J_PASSWORD")
    if not password:
        pytest.fail("NEO4J_URI is set but NEO4J_PASSWORD is not", pytrace=False)
    host = urlsplit(uri).hostname or server.HOST
    http_url = os.environ.get("NEO4J_HTTP_URL", f"http://{host}:{server.DEFAULT_HTTP_PORT}")
    return Neo4jTarget(uri, os.environ.get("NEO4J_USERNAME", server.USER), password, http_url)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jTarget]:
    """The session's Neo4j; a local one is started once and stopped at the end."""
    external = _external_target()
    if external is not None:
        yield external
        return
    config = server.ServerConfig(
        data_dir=tmp_path_factory.mktemp("neo4j"),
        bolt_port=free_port(),
        http_port=free_port(),
        heap="512m",
        pagecache="64m",
    )
    password = "kg-test-password"
    started = server.start(config, initial_password=password)  # ServerError fails loudly
    assert started.info is not None
    try:
        yield Neo4jTarget(
            uri=started.info.bolt_uri,
            user=server.USER,
            password=password,
            http_url=started.info.http_url,
            config=config,
        )
    finally:
        server.stop(config.data_dir)


def reset_database(driver: neo4j.Driver) -> None:
    """Empty the database: nodes, relationships, constraints and indexes (not the lookups)."""
    driver.execute_query("MATCH (n) DETACH DELETE n")
    constraints, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name")
    for record in constraints:
        driver.execute_query("DROP CONSTRAINT $name IF EXISTS", name=record["name"])
    indexes, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"
    )
    for record in indexes:
        driver.execute_query("DROP INDEX $name IF EXISTS", name=record["name"])


@pytest.fixture
def neo4j_driver(neo4j_server: Neo4jTarget) -> Iterator[neo4j.Driver]:
    """A driver to the session's Neo4j, on an empty database (mark tests ``neo4j``)."""
    with neo4j.GraphDatabase.driver(
        neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)
    ) as driver:
        reset_database(driver)
        yield driver
