"""Sidecar indexes: an ``INDEX.tsv`` or ``index.jsonl`` beside the articles says where each
came from (url, outlet, date, ...).

A corpus collected from the web keeps its provenance there rather than in the text, so
without it half the statements of a real corpus would carry no date and no url.  Each row
names a ``file`` (relative to the index's folder); ``date`` and ``lang`` are normalised like
the document's own fields, every other non-empty column is kept as document metadata
(column names lower-cased, anything but letters, digits and ``_`` becomes ``_``).  A bad
row or an index without a ``file`` column is a warning: metadata never costs an article.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.fields import display_path, document_lang, meta_key, norm_date, quote

#: file names (any case) read as an index of their folder, never as documents
SIDECAR_NAMES = frozenset({"index.tsv", "index.jsonl"})
#: columns with a meaning of their own; the others become ``Document.meta``
_FIELDS = frozenset({"file", "date", "lang"})

Warn = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """What an index says about one file."""

    date: str | None = None
    lang: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def is_sidecar(name: str) -> bool:
    return name.lower() in SIDECAR_NAMES


def read_index(path: Path, where: str, warn: Warn) -> dict[str, IndexEntry]:
    """Entries of one index file, keyed by the normalised absolute path of the file named."""
    folder = os.path.abspath(path.parent)
    entries: dict[str, IndexEntry] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            rows = (_tsv_rows(stream, where, warn) if path.suffix.lower() == ".tsv"
                    else _jsonl_rows(stream, where, warn))
            for here, row in rows:
                entry = _entry(row, here, warn)
                name = str(row.get("file") or "").strip()
                if not name:
                    warn(here, "index row without a file name; ignored")
                    continue
                entries[os.path.normpath(os.path.join(folder, name))] = entry
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        warn(where, f"index not used: {reason or exc}")
        return {}
    return entries


def _tsv_rows(stream, where: str, warn: Warn) -> Iterator[tuple[str, dict[str, str]]]:
    reader = csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip().lower() for h in next(reader, [])]
    if "file" not in header:
        warn(where, "index has no 'file' column; not used")
        return
    for row in reader:
        here = f"{where}:{reader.line_num}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            warn(here, f"{len(row)} columns where the header has {len(header)}; row ignored")
            continue
        yield here, dict(zip(header, row, strict=True))


def _jsonl_rows(stream, where: str, warn: Warn) -> Iterator[tuple[str, dict[str, object]]]:
    for lineno, line in enumerate(stream, 1):
        here = f"{where}:{lineno}"
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            warn(here, f"invalid JSON in index: {exc.msg}; row ignored")
            continue
        if not isinstance(row, dict):
            warn(here, "index row is not a JSON object; ignored")
            continue
        yield here, {str(k).lower(): v for k, v in row.items()}


def _entry(row: dict, here: str, warn: Warn) -> IndexEntry:
    date, problem = norm_date(row.get("date"))
    if problem:
        warn(here, problem)
    lang, problem = document_lang(row.get("lang"))
    if problem:
        warn(here, problem)
    meta: dict[str, str] = {}
    for column, value in row.items():
        key = meta_key(column)
        if key and key not in _FIELDS and value not in (None, ""):
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            if text.strip():
                meta[key] = text.strip()
    if "url" in meta and not meta["url"].startswith(("http://", "https://")):
        warn(here, f"url {quote(meta['url'])} is not an http(s) address; kept as written")
    return IndexEntry(date=date, lang=lang, meta=meta)


class Sidecars:
    """The indexes of the folders a run reads, each read once, looked up per file.

    A file's entry comes from the nearest index between its folder and the input root, so
    both ``news/nl/INDEX.tsv`` (``001.txt``) and ``news/INDEX.tsv`` (``nl/001.txt``) work.
    """

    def __init__(self, warn: Warn) -> None:
        self._warn = warn
        self._by_folder: dict[str, dict[str, IndexEntry]] = {}

    def entry(self, path: Path, root: str) -> IndexEntry | None:
        key = os.path.normpath(os.path.abspath(path))
        folder = os.path.dirname(key)
        while True:
            found = self._folder(folder).get(key)
            if found is not None:
                return found
            if folder == root or os.path.commonpath([folder, root]) != root:
                return None
            folder = os.path.dirname(folder)

    def _folder(self, folder: str) -> dict[str, IndexEntry]:
        if folder not in self._by_folder:
            entries: dict[str, IndexEntry] = {}
            try:
                names = sorted(n for n in os.listdir(folder) if is_sidecar(n))
            except OSError:
                names = []
            for name in names:
                path = Path(folder) / name
                if path.is_file():
                    entries.update(read_index(path, display_path(path), self._warn))
            self._by_folder[folder] = entries
        return self._by_folder[folder]

