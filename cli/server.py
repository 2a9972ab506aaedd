"""``kg server``: install, start, stop and inspect the local Neo4j server (kg.server)."""

from __future__ import annotations

from pathlib import Path

import typer

from cli.errors import handle_errors
from cli.main import app
from kg import server

server_app = typer.Typer(
    name="server",
    help="""Run a local Neo4j 5.26 Community server (no Docker) for kg and Neo4j Browser.

Needs Java 17+; Maven downloads the jars once, later starts are offline.
Listens on 127.0.0.1 only (Bolt 7687, Browser http://127.0.0.1:7474/browser/), auth on.

Examples:

  kg server start

  kg server start --data-dir ./neo4j-test --bolt-port 7688 --http-port 7475

  kg server status

  kg server password

  kg server stop
""",
    no_args_is_help=True,
)
app.add_typer(server_app, name="server")

DATA_DIR = typer.Option(
    None,
    "--data-dir",
    help="Server directory (conf, data, logs, password). Default: ~/.local/share/kg/neo4j.",
)


def _print_notes(notes: list[str]) -> None:
    for note in notes:
        typer.echo(f"kg: {note}", err=True)


def _describe(info: server.ServerInfo) -> str:
    return (
        f"Neo4j {info.version} (pid {info.pid}) on {info.bolt_uri}, "
        f"Browser {info.browser_url}, user {server.USER}, data {info.data_dir}"
    )


@server_app.command("install")
@handle_errors
def install_cmd(
    force: bool = typer.Option(False, "--force", help="Download again even when cached."),
) -> None:
    """Download the Neo4j server and Browser jars into the cache (needs Maven, once).

    Example: kg server install   (cache: $KG_NEO4J_CACHE or ~/.cache/kg/neo4j)
    """
    lib = server.install(force=force)
    v = server.versions()
    typer.echo(f"Neo4j {v['neo4j']} with Browser {v['browser']} installed in {lib}")


@server_app.command("start")
@handle_errors
def start_cmd(
    data_dir: Path | None = DATA_DIR,
    bolt_port: int = typer.Option(server.DEFAULT_BOLT_PORT, "--bolt-port", help="Bolt port."),
    http_port: int = typer.Option(
        server.DEFAULT_HTTP_PORT, "--http-port", help="HTTP port (Neo4j Browser)."
    ),
    heap: str = typer.Option(server.DEFAULT_HEAP, "--heap", help="JVM heap, e.g. 512m, 1g."),
    pagecache: str = typer.Option(
        server.DEFAULT_PAGECACHE, "--pagecache", help="Neo4j page cache, e.g. 256m."
    ),
) -> None:
    """Start the server in the background; returns when Bolt accepts connections.

    First start: the password is NEO4J_PASSWORD, else generated;
    it is stored (mode 0600) in the data directory; `kg server password` (with the same
    --data-dir) shows it.

    Example: kg server start --heap 512m --pagecache 128m
    """
    config = server.ServerConfig(
        data_dir=data_dir or server.default_data_dir(),
        bolt_port=bolt_port,
        http_port=http_port,
        heap=heap,
        pagecache=pagecache,
    )
    result = server.start(config)
    _print_notes(result.notes)
    assert result.info is not None
    if result.already_running:
        typer.echo(f"already running: {_describe(result.info)}")
    else:
        typer.echo(f"started in {result.seconds:.1f} s: {_describe(result.info)}")


@server_app.command("stop")
@handle_errors
def stop_cmd(data_dir: Path | None = DATA_DIR) -> None:
    """Stop the server kg started for this data directory (and nothing else).

    Example: kg server stop --data-dir ./neo4j-test
    """
    result = server.stop(data_dir)
    _print_notes(result.notes)
    if result.stopped and result.info is not None:
        typer.echo(f"stopped Neo4j (pid {result.info.pid}) in {result.seconds:.1f} s")


@server_app.command("status")
@handle_errors
def status_cmd(data_dir: Path | None = DATA_DIR) -> None:
    """Say whether the server is running, and where.  Exit code 1 when it is not.

    Example: kg server status
    """
    result = server.status(data_dir)
    _print_notes(result.notes)
    if result.info is None:
        typer.echo(f"not running ({result.data_dir})")
        raise typer.Exit(1)
    typer.echo(f"running: {_describe(result.info)}")


@server_app.command("password")
@handle_errors
def password_cmd(data_dir: Path | None = DATA_DIR) -> None:
    """Print the password of the neo4j user of this data directory.

    Example: kg server password --data-dir ./neo4j-test
    """
    typer.echo(server.read_password(data_dir))
