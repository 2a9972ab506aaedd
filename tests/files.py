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


def same_name_in_two_folders(root: Path, index: str) -> Path:
    """``root/news`` with nl/143.txt and en/143.txt (one file name, two documents) and the
    nl folder's ``INDEX.tsv`` sidecar ``index``."""
    news = root / "news"
    write(news / "nl" / "143.txt", "Poetin bedreigde Polen.\n")
    write(news / "en" / "143.txt", "Putin threatened Poland.\n")
    write(news / "nl" / "INDEX.tsv", index)
    return news
