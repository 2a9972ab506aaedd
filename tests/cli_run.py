"""Running the real ``kg`` CLI in tests, with no Neo4j settings leaking in from the shell."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()
#: environment that unsets every Neo4j connection variable for one invocation
NO_NEO4J = {"NEO4J_URI": None, "NEO4J_USERNAME": None, "NEO4J_PASSWORD": None,
            "NEO4J_DATABASE": None}


def kg(*args: object, env: dict[str, str | None] | None = None, input: str | None = None):
    """``kg ARGS`` in-process; paths may be given as Path objects."""
    return runner.invoke(app, [os.fspath(a) if isinstance(a, Path) else str(a) for a in args],
                         env=NO_NEO4J | (env or {}), input=input)
