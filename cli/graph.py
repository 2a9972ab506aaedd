"""``kg load``, ``kg export``, ``kg stats`` and ``kg query``: the graph once it is built."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer
from neo4j import Driver, RoutingControl
from neo4j.exceptions import Neo4jError
from rich.console import Console
from rich.table import Table

from cli.errors import handle_errors
from cli.main import app
from cli.options import (
    BatchSizeOption,
    Neo4jDatabaseOption,
    Neo4jPasswordOption,
    Neo4jUserOption,
)
from kg import queries
from kg.connect import connect, mask_uri, resolve
from kg.errors import InputError
from kg.stats import GraphStats, compute, graph_from_neo4j
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


class QueryFailed(InputError):
    """Neo4j rejected an analyst query (syntax, missing index, wrong parameter type)."""


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


def _stats_json(stats: GraphStats) -> dict[str, Any]:
    return asdict(stats) | {"balance": [asdict(d) | {"balance": d.balance}
                                        for d in stats.balance]}


def _print_stats(stats: GraphStats, console: Console) -> None:
    console.print(f"{stats.actors} actors, {stats.topics} topics, {stats.documents} documents; "
                  f"{stats.edges} edges carrying {stats.statements} statements "
                  f"(+{stats.negated} negated, not counted)")
    ranks = Table("actor", "degree", "statements", "pagerank", title="Top actors by degree")
    for r in stats.by_degree:
        ranks.add_row(r.name, str(r.degree), str(r.statements), f"{r.pagerank:.4f}")
    console.print(ranks)
    pr = Table("actor", "pagerank", "degree", title="Top actors by PageRank")
    for r in stats.by_pagerank:
        pr.add_row(r.name, f"{r.pagerank:.4f}", str(r.degree))
    console.print(pr)
    dyads = Table("source", "target", "statements", "relations", title="Most frequent dyads")
    for d in stats.dyads:
        dyads.add_row(d.source, d.target, str(d.statements), ", ".join(d.relations))
    console.print(dyads)
    for title, rows in (("Statements per relation", stats.per_relation),
                        ("Statements per PLOVER type", stats.per_plover),
                        ("Statements per PLOVER quad class", stats.per_quad_class)):
        table = Table("", "statements", title=title)
        for key, n in rows:
            table.add_row(key, str(n))
        console.print(table)
    bal = Table("source", "target", "cooperative", "hostile", "balance",
                title="Hostile vs cooperative per dyad (PLOVER quad 1-2 vs 3-4)")
    for d in stats.balance:
        bal.add_row(d.source, d.target, str(d.cooperative), str(d.hostile), f"{d.balance:+d}")
    console.print(bal)


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
    """Top actors (degree, PageRank), frequent dyads, relation and PLOVER counts, balance.

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
        typer.echo(json.dumps(_stats_json(stats), ensure_ascii=False, indent=1))
    else:
        _print_stats(stats, Console())


def _parse_params(raw: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in raw:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InputError(f"--param needs key=value, got {item!r}")
        params[key.strip()] = value
    return params


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    return "" if value is None else str(value)


def _run_query(driver: Driver, query: queries.Query, params: dict[str, Any],
               database: str | None) -> tuple[list[str], list[dict[str, Any]]]:
    try:
        records, summary, keys = driver.execute_query(
            query.text, params, database_=database, routing_=RoutingControl.READ)
    except Neo4jError as exc:
        raise QueryFailed(f"query {query.name} failed: {exc.message or exc}") from None
    return list(keys), [r.data() for r in records]


@app.command("query")
@handle_errors
def query_cmd(
    name: str | None = typer.Argument(None, help="A query name from queries/ or a .cypher file."),
    param: list[str] = typer.Option([], "--param", "-p", help="key=value; repeat for more."),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as a JSON list."),
    list_queries: bool = typer.Option(False, "--list", help="List the available queries."),
    neo4j: str | None = Neo4jServerOption,
    user: str = Neo4jUserOption,
    password: str | None = Neo4jPasswordOption,
    database: str | None = Neo4jDatabaseOption,
) -> None:
    """Run an analyst query from queries/ against Neo4j; a table, or JSON with --json.

    Examples:

        kg query --list

        kg query who_threatens_whom

        kg query ego_network --param name=Poetin --json

        kg query edge_evidence -p source=Kadyrov -p relation=THREATENS -p target=Germany
    """
    if list_queries or name is None:
        table = Table("name", "question", "parameters", title="queries/")
        for q in queries.available():
            table.add_row(q.name, q.question, ", ".join(
                p.name + (f"={p.default}" if p.default is not None else "") for p in q.params))
        Console().print(table)
        return
    query = queries.load(name)
    params = query.parameters(_parse_params(param))
    with _driver(neo4j, user, password, database) as driver:
        keys, rows = _run_query(driver, query, params, database)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, default=str))
        return
    table = Table(*keys, title=query.question or query.name)
    for row in rows:
        table.add_row(*(_cell(row[k]) for k in keys))
    Console(width=None if sys.stdout.isatty() else 200).print(table)
