"""Options shared by several commands, so flags mean the same everywhere."""

from __future__ import annotations

import re

import typer

from kg import nlp
from kg.errors import ModelError


def _check_lang(value: str | None) -> str | None:
    """``NL``, ``nl-BE`` -> ``nl``; a language without a pipeline is a usage error, found
    before any input is read (KG_MODEL_<LANG> adds languages)."""
    if not value:
        return None
    lang = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    try:
        nlp.model_name(lang)
    except ModelError as exc:
        raise typer.BadParameter(str(exc)) from None
    return lang


LangOption = typer.Option(
    None, "--lang", "-l", callback=_check_lang,
    help="Language of the input (nl, en); detected per document if unset.",
)
MinConfidenceOption = typer.Option(
    0.0, "--min-confidence", min=0.0, max=1.0, help="Drop triples below this confidence."
)
ProcessesOption = typer.Option(1, "--processes", "-j", min=1, help="Parser processes.")

# Neo4j connection: Neo4j's own environment variable names; the password is never echoed.
Neo4jUriOption = typer.Option(
    None, "--neo4j", "--uri", envvar="NEO4J_URI",
    help="Bolt URI of a Neo4j server (e.g. neo4j://127.0.0.1:7687). Unset: embedded graph.",
)
Neo4jUserOption = typer.Option("neo4j", "--user", envvar="NEO4J_USERNAME", help="Neo4j user.")
Neo4jPasswordOption = typer.Option(
    None, "--password", envvar="NEO4J_PASSWORD", show_default=False,
    help="Neo4j password (better: set NEO4J_PASSWORD).",
)
Neo4jDatabaseOption = typer.Option(
    None, "--database", envvar="NEO4J_DATABASE", help="Neo4j database (default: the server's)."
)
BatchSizeOption = typer.Option(1000, "--batch-size", min=1, help="Triples per Neo4j transaction.")
DaskOption = typer.Option(
    None, "--dask", envvar="KG_DASK_SCHEDULER", metavar="ADDRESS",
    help="Extract on a Dask cluster: its scheduler (tcp://host:8786), or 'local' for a "
    "LocalCluster of --processes workers here. Needs pip install 'kg[dask]'.",
)
