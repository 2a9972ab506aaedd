"""``python -m cli`` runs the kg command line (``python -m cli.main`` would import it twice)."""

from cli.main import app

app(prog_name="kg")
