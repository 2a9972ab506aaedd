"""Open a verified Neo4j driver, or fail with one clear message (never showing the password).

Shared by ``kg load``, ``kg stats --neo4j``, ``kg query`` and ``kg build --neo4j``: without a
URI the local server of ``kg server start`` is used, with the password it stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

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

# The driver logs its own failures (e.g. "Unable to retrieve routing information"); without a
# handler Python prints them raw to stderr, before kg's one-line message says the same.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


@dataclass(frozen=True, slots=True)
class Connection:
    """Where to connect; ``repr`` hides the password so it cannot end up in a log."""

    uri: str
    user: str
    password: str
    database: str | None = None

    def __repr__(self) -> str:
        return (f"Connection(uri={mask_uri(self.uri)!r}, user={self.user!r}, "
                f"database={self.database!r})")


def mask_uri(uri: str) -> str:
    """``bolt://neo4j:secret@host:7687`` -> ``bolt://neo4j:***@host:7687``: the form of a URI
    kg prints anywhere (a password inside it must never reach a terminal or a log)."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        parts = None
    if parts is None or "@" not in parts.netloc:
        return uri if "@" not in uri else "***@" + uri.rsplit("@", 1)[1]
    userinfo, host = parts.netloc.rsplit("@", 1)
    user = userinfo.split(":", 1)[0]
    return parts._replace(netloc=f"{user}:***@{host}" if ":" in userinfo
                          else f"{user}@{host}").geturl()


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


def _scrub(text: str, secret: str, uri: str) -> str:
    """One line, and never the password (a driver message could echo a URI or config)."""
    text = " ".join(text.split()).replace(uri, mask_uri(uri))
    return text.replace(secret, "***") if secret else text


def open_driver(uri: str, user: str, password: str, database: str | None = None) -> neo4j.Driver:
    """A driver whose server answered and accepted the credentials (and has ``database``)."""
    shown = mask_uri(uri)
    where = f"Neo4j at {shown}"
    if uri.lower().startswith(("http://", "https://")):  # the driver's HTTP mode is a preview
        raise Neo4jUnavailable(f"bad Neo4j URI {shown!r}: that is Neo4j Browser's address; kg "
                               "connects over Bolt, e.g. neo4j://127.0.0.1:7687")
    if shown != uri:
        raise Neo4jUnavailable(f"bad Neo4j URI {shown!r}: kg takes no credentials in the URI; "
                               "pass --user and set NEO4J_PASSWORD (or --password)")
    try:
        driver = neo4j.GraphDatabase.driver(
            uri, auth=(user, password),
            # "relationship type does not exist" warnings are normal on a young graph
            notifications_min_severity="OFF")
    except (ConfigurationError, ValueError) as exc:
        raise Neo4jUnavailable(f"bad Neo4j URI {shown!r}: {_scrub(str(exc), password, uri)}"
                               ) from None
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
        raise Neo4jUnavailable(f"cannot reach {where}: {_scrub(str(exc), password, uri)}; "
                               "is it running? (`kg server start`)") from None
    except ClientError as exc:
        driver.close()
        raise Neo4jUnavailable(_client_error(exc, where, user, database,
                                             lambda text: _scrub(text, password, uri))) from None
    except (Neo4jError, DriverError, OSError) as exc:
        driver.close()
        raise Neo4jUnavailable(f"{where}: {_scrub(str(exc), password, uri)}") from None
    return driver


def _client_error(exc: ClientError, where: str, user: str, database: str | None,
                  scrub: Callable[[str], str]) -> str:
    """What a refusal at connect time means: the server locks a user out for a while after
    repeated wrong passwords (a Security error, not an AuthError), else the database."""
    detail = scrub(exc.message or str(exc))
    if (exc.code or "").startswith("Neo.ClientError.Security."):
        return (f"{where} refused user {user!r}: {detail} (after repeated wrong passwords the "
                "server refuses logins for a while; check --user/--password)")
    if database:
        return f"{where}: database {database!r} is not available: {detail}"
    return f"{where}: {detail}"


def connect(connection: Connection) -> neo4j.Driver:
    return open_driver(connection.uri, connection.user, connection.password,
                       connection.database)
