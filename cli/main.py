"""``kg``: the typer application.  Each command parses options and calls the library."""

from __future__ import annotations

import typer

from cli.errors import SHOW_TRACEBACK

app = typer.Typer(
    name="kg",
    help="Build knowledge graphs of conflict actors from news articles.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@app.callback()
def main(
    traceback: bool = typer.Option(False, "--traceback", help="Show the Python stack on errors."),
) -> None:
    """kg turns Dutch and English news into actor-relation-target triples for Neo4j."""
    SHOW_TRACEBACK["on"] = traceback


# Sub-command modules register themselves on ``app`` when imported.
from cli import (
    build,  # noqa: E402,F401
    extract,  # noqa: E402,F401
    graph,  # noqa: E402,F401
    nlp,  # noqa: E402,F401
    query,  # noqa: E402,F401
    server,  # noqa: E402,F401
)

if __name__ == "__main__":
    app()
