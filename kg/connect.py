"""Open a verified Neo4j driver, or fail with one clear message (never showing the password).

Shared by ``kg load``, ``kg stats --neo4j``, ``kg query`` and ``kg build --neo4j``: without a
URI the local server of ``kg server start`` is used, with the password it stored.
"""

from __future__ import annotations

from dataclasses import dataclass

import neo4j
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
)

from kg.errors import InputError, Neo4jUnavailable, ServerError


@dataclass(frozen=True, slots=True)
class Connection:
    """Where to connect; ``repr`` hides the password so it cannot end up in a log."""

    uri: str
    user: str
    password: str
    database: str | None = None

    def __repr__(self) -> str:
        return f"Connection(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


def resolve(uri: str | None, user: str, password: str | None,
            database: str | None = None) -> Connection:
    """Fill in the local ``kg server`` when no URI is given; require a password otherwise."""
    if uri is None:
        from kg import server

        try:
            local_uri, local_user, local_password = server.local_connection()
        except (ServerError, InputError) as exc:
            raise Neo4jUnavailable(f"no --neo4j URI given and no local kg server: {exc}; "
                                   "start one with `kg server start` or pass --neo4j") from None
        return Connection(local_uri, local_user, password or local_password, database)
    if not password:
        raise InputError("no Neo4j password: pass --password or set NEO4J_PASSWORD")
    return Connection(uri, user, password, database)


def _scrub(text: str, secret: str) -> str:
    """One line, and never the password (a driver message could echo a URI or config)."""
    text = " ".join(text.split())
    return text.replace(secret, "***") if secret else text


def open_driver(uri: str, user: str, password: str, database: str | None = None) -> neo4j.Driver:
    """A driver whose server answered and accepted the credentials (and has ``database``)."""
    where = f"Neo4j at {uri}"
    if uri.lower().startswith(("http://", "https://")):  # the driver's HTTP mode is a preview
        raise Neo4jUnavailable(f"bad Neo4j URI {uri!r}: that is Neo4j Browser's address; kg "
                               "connects over Bolt, e.g. neo4j://127.0.0.1:7687")
    try:
        driver = neo4j.GraphDatabase.driver(
            uri, auth=(user, password),
            # "relationship type does not exist" warnings are normal on a young graph
            notifications_min_severity="OFF")
    except (ConfigurationError, ValueError) as exc:
        raise Neo4jUnavailable(f"bad Neo4j URI {uri!r}: {_scrub(str(exc), password)}") from None
    try:
        driver.verify_connectivity()
        if database:
            driver.execute_query("RETURN 1", database_=database)
    except AuthError:
        driver.close()
        raise Neo4jUnavailable(f"{where} refused user {user!r}: wrong user or password "
                               "(--user/--password, NEO4J_USERNAME/NEO4J_PASSWORD)") from None
    except ServiceUnavailable as exc:
        driver.close()
        raise Neo4jUnavailable(f"cannot reach {where}: {_scrub(str(exc), password)}; "
                               "is it running? (`kg server start`)") from None
    except ClientError as exc:
        driver.close()
        raise Neo4jUnavailable(f"{where}: database {database!r} is not available: "
                               f"{_scrub(exc.message or str(exc), password)}") from None
    except (Neo4jError, DriverError, OSError) as exc:
        driver.close()
        raise Neo4jUnavailable(f"{where}: {_scrub(str(exc), password)}") from None
    return driver


def connect(connection: Connection) -> neo4j.Driver:
    return open_driver(connection.uri, connection.user, connection.password,
                       connection.database)
