"""``kg load``, ``kg export`` and ``kg stats``: the graph once it is built (``kg query``:
cli/query.py)."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import typer

from cli.errors import handle_errors
from cli.main import app
from cli.options import (
    BatchSizeOption,
    Neo4jDatabaseOption,
    Neo4jPasswordOption,
    Neo4jUserOption,
)
from cli.statsview import print_stats, stats_json
from cli.tables import out_console
from kg.connect import connect, mask_uri, resolve
from kg.stats import compute, graph_from_neo4j
from kg.write.files import DEFAULT_FORMATS, FORMATS, export, load_graph
from kg.write.neo4j import Neo4jWriter, renamed_reason

#: Like cli.options.Neo4jUriOption, but these commands always need a server: unset means the
#: local one of ``kg server start``.
Neo4jServerOption = typer.Option(
    None, "--neo4j", "--uri", envvar="NEO4J_URI",
    help="Bolt URI of a Neo4j server, e.g. neo4j://127.0.0.1:7687. Unset: the local `kg server`.",
)
GraphDirArgument = typer.Argument(..., help="A graph folder written by kg build/export "
                                            "(holds graph.json).")


@contextmanager
def _driver(uri: str | None, user: str, password: str | None, database: str | None):
    driver = connect(resolve(uri, user, password, database))
    try:
        yield driver
    finally:
        driver.close()


def _where(uri: str | None) -> str:
    return mask_uri(uri) if uri else "the local kg server"


@app.command("load")
@handle_errors
def load_cmd(
    graph_dir: Path = GraphDirArgument,
    neo4j: str | None = Neo4jServerOption,
    user: str = Neo4jUserOption,
    password: str | None = Neo4jPasswordOption,
    database: str | None = Neo4jDatabaseOption,
    batch_size: int = BatchSizeOption,
) -> None:
    """Load a saved graph into Neo4j (idempotent: loading it again changes nothing).

    Creates the constraints, indexes and relation vocabulary on first use, then writes
    every triple of graph.json as an Event with its aggregate edges, in batches.

    Examples:

        kg load news.kg/                                   # into the local `kg server`

        NEO4J_PASSWORD=... kg load news.kg/ --neo4j neo4j://db.example:7687 --batch-size 500
    """
    graph = load_graph(graph_dir)
    with _driver(neo4j, user, password, database) as driver:
        stats = Neo4jWriter(driver, database=database, batch_size=batch_size).write_graph(graph)
    for old, new in stats.renamed.items():  # never a silent overwrite of another's evidence
        typer.echo(f"kg: warning: {old}: {renamed_reason(old, new)}", err=True)
    typer.echo(f"loaded {stats.triples} triples of {stats.documents} documents in "
               f"{stats.batches} batches into {_where(neo4j)}")


@app.command("export")
@handle_errors
def export_cmd(
    graph_dir: Path = GraphDirArgument,
    formats: list[str] = typer.Option(
        list(DEFAULT_FORMATS), "--format", "-f",
        help=f"One of {', '.join(FORMATS)}; repeat or comma-separate for several."),
    out: Path | None = typer.Option(None, "--out", "-o",
                                    help="Output folder (default: GRAPH_DIR)."),
) -> None:
    """Write a saved graph in other formats.

    json (node-link, canonical), graphml and gexf (Gephi), html (offline interactive view),
    csv (neo4j-admin database import files, in neo4j-import/), cypher (cypher-shell script).

    Examples:

        kg export news.kg/ --format html --out /tmp/view

        kg export news.kg/ -f csv,cypher
    """
    wanted = [f.strip() for item in formats for f in item.split(",") if f.strip()]
    written = export(load_graph(graph_dir), out or graph_dir, wanted)
    for path in written:
        typer.echo(str(path))


@app.command("stats")
@handle_errors
def stats_cmd(
    graph_dir: Path | None = typer.Argument(None, help="A graph folder; omit to read Neo4j."),
    neo4j: str | None = Neo4jServerOption,
    user: str = Neo4jUserOption,
    password: str | None = Neo4jPasswordOption,
    database: str | None = Neo4jDatabaseOption,
    top: int = typer.Option(10, "--top", min=1, help="Rows per ranking."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Top actors (degree, PageRank; places left out), frequent dyads, relation and PLOVER
    counts, and the most cooperative beside the most hostile dyads.

    Examples:

        kg stats news.kg/

        kg stats --neo4j neo4j://127.0.0.1:7687 --json
    """
    if graph_dir is not None:
        graph = load_graph(graph_dir)
    else:
        with _driver(neo4j, user, password, database) as driver:
            graph = graph_from_neo4j(driver, database=database)
    stats = compute(graph, top=top)
    if as_json:
        typer.echo(json.dumps(stats_json(stats), ensure_ascii=False, indent=1))
    else:
        print_stats(stats, out_console())
