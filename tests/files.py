"""Reading and writing input files in tests: the read stage's documents and its report."""

from __future__ import annotations

import os
from pathlib import Path

from kg.read import read_documents
from kg.types import Skipped


def read(paths, **kwargs) -> tuple[list, list[Skipped]]:
    """The documents read from ``paths`` and what was skipped."""
    report: list[Skipped] = []
    docs = list(read_documents([os.fspath(p) for p in paths], report=report, **kwargs))
    return docs, report


def write(path: Path, data: str | bytes) -> Path:
    """``data`` written to ``path`` (text as UTF-8), parent folders made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path
