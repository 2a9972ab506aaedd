"""``kg query``: an analyst query from ``queries/`` (or a .cypher file) as a table or JSON."""

from __future__ import annotations

import json
from typing import Any

import typer
from neo4j.graph import Node, Path, Relationship
from rich.table import Table

from cli.errors import handle_errors
from cli.graph import Neo4jServerOption, _driver
from cli.main import app
from cli.options import Neo4jDatabaseOption, Neo4jPasswordOption, Neo4jUserOption
from cli.tables import out_console
from kg import queries
from kg.errors import InputError


def parse_params(raw: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in raw:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InputError(f"--param needs key=value, got {item!r}")
        params[key.strip()] = value
    return params


def cell(value: Any) -> str:
    """A value as a table cell; nodes by name, relationships by type, as Browser captions them."""
    if isinstance(value, Node):
        return str(value.get("name", value.get("id", value.element_id)))
    if isinstance(value, Relationship):
        return value.type
    if isinstance(value, Path):
        names = [cell(n) for n in value.nodes]
        return names[0] + "".join(f" -{r.type}-> {n}"
                                  for r, n in zip(value.relationships, names[1:], strict=True))
    if isinstance(value, list):
        return ", ".join(cell(v) for v in value)
    return "" if value is None else str(value)


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

    A file of several statements (such as `schema`) runs them one after the other.

    Examples:

        kg query --list

        kg query overview --param min_count=2

        kg query ego_network --param name=Poetin --json

        kg query edge_evidence -p source=Kadyrov -p relation=THREATENS -p target=Germany

        kg query schema
    """
    if list_queries or name is None:
        table = Table("name", "question", "parameters", title="queries/")
        for q in queries.available():
            table.add_row(q.name, q.question, ", ".join(
                p.name + (f"={p.default}" if p.default is not None else "") for p in q.params))
        out_console().print(table)
        return
    query = queries.load(name)
    params = query.parameters(parse_params(param))
    with _driver(neo4j, user, password, database) as driver:
        result = queries.run(driver, query, params, database=database)
    if as_json:
        typer.echo(json.dumps([r.data() for r in result.records], ensure_ascii=False,
                              default=str))
        return
    if not result.records:
        given = ", ".join(f"{k}={v}" for k, v in params.items()) or "no parameters"
        ran = f"{result.statements} statements ran; " if result.statements > 1 else ""
        typer.echo(f"kg: {ran}no rows ({given})", err=True)
        return
    table = Table(*result.keys, title=query.question or query.name)
    for record in result.records:
        table.add_row(*(cell(record[k]) for k in result.keys))
    out_console().print(table)
