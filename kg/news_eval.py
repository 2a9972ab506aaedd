"""Scores on the news evaluation corpus: annotations in ``eval/news`` over the shared texts.

The annotations hold offsets, never text: each row names a file of the shared corpus and a
sentence span in it.  Each excerpt is run as one document, as users run kg (pronouns and
roles resolve across its sentences), and each predicted triple is scored against the gold
sentence its own sentence overlaps most: the parser's sentence breaks need not agree with
the annotation's units.  Reports are keyed ``lang/split``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.eval import GoldItem, LangReport, Matcher, _score
from kg.gazetteer import Gazetteer, default_gazetteer
from kg.jsonl import parse_jsonl
from kg.pipeline import PipelineConfig, extract_documents
from kg.read import date_line
from kg.types import Document, Triple

#: where the annotations live in a checkout of kg
DEFAULT_ANNOTATIONS = Path(__file__).resolve().parents[1] / "eval" / "news"
SPLITS = ("tune", "test")


@dataclass(slots=True)
class Unit:
    """One annotated sentence: its place in a shared file, its split and its gold."""

    file: str
    split: str
    char_start: int
    char_end: int
    item: GoldItem


def annotation_files(where: Path = DEFAULT_ANNOTATIONS) -> list[Path]:
    files = sorted(where.glob("*.jsonl"))
    if not files:
        raise InputError(f"no annotation files (*.jsonl) in {where}")
    return files


def read_units(paths: Sequence[Path], splits: Sequence[str] = SPLITS) -> list[Unit]:
    """The annotated sentences of ``paths`` in the given splits."""
    units = []
    for path in paths:
        if not path.is_file():
            raise InputError(f"annotation file not found: {path}")
        for _, row in parse_jsonl(path.read_text("utf-8"), str(path), InputError):
            if row["split"] not in splits:
                continue
            lang = row["file"].split("/")[0]
            item = GoldItem(id=f"{row['file']}:{row['char_start']}", lang=lang, date=None,
                            context=None, text="", triples=row.get("triples", []),
                            optional=row.get("optional", []),
                            difficulty=row.get("difficulty", []))
            units.append(Unit(row["file"], row["split"], row["char_start"], row["char_end"],
                              item))
    return units


def excerpt(root: Path, name: str) -> tuple[Document, int]:
    """The shared file ``name`` as kg reads it, and the length of its date line."""
    path = root / name
    if not path.is_file():
        raise InputError(f"news text not found: {path} (is --news the corpus folder?)")
    raw = path.read_text("utf-8")
    date, head = date_line(raw)
    date = date or _index_date(root, name)
    return Document(id=name, text=raw[head:], date=date, lang=name.split("/")[0]), head


def _index_date(root: Path, name: str) -> str | None:
    lang, file = name.split("/")
    index = root / lang / "INDEX.tsv"
    if not index.is_file():
        return None
    with index.open(encoding="utf-8") as fh:
        rows = {r["file"]: r for r in csv.DictReader(fh, delimiter="\t")}
    return (rows.get(file) or {}).get("date") or None


def assign(triples: Sequence[Triple], units: Sequence[Unit], shift: int) -> dict[int, list]:
    """Unit index -> the triples whose sentence overlaps that unit most."""
    out: dict[int, list] = {i: [] for i in range(len(units))}
    for t in triples:
        start, end = t.char_start + shift, t.char_end + shift
        overlaps = [(min(end, u.char_end) - max(start, u.char_start), i)
                    for i, u in enumerate(units)]
        best, i = max(overlaps, default=(0, -1))
        if best > 0:
            out[i].append(t)
    return out


def predictions(root: Path, units: Sequence[Unit], config: PipelineConfig | None = None,
                gazetteer: Gazetteer | None = None) -> Iterator[tuple[Unit, list[Triple]]]:
    """Each annotated unit with the triples kg finds in it, each excerpt run as one document."""
    by_file: dict[str, list[Unit]] = {}
    for unit in units:
        by_file.setdefault(unit.file, []).append(unit)
    docs, shifts = [], {}
    for name in by_file:
        doc, shifts[name] = excerpt(root, name)
        docs.append(doc)
    for result in extract_documents(docs, config, gazetteer=gazetteer):
        name = result.document.id
        found = assign(result.triples, by_file[name], shifts[name])
        yield from ((u, found[i]) for i, u in enumerate(by_file[name]))


def evaluate_news(root: Path, paths: Sequence[Path] | None = None, *,
                  splits: Sequence[str] = SPLITS, config: PipelineConfig | None = None,
                  gazetteer: Gazetteer | None = None) -> dict[str, LangReport]:
    """Run kg on every annotated excerpt of ``root`` and score it per language and split."""
    gazetteer = gazetteer or default_gazetteer()
    units = read_units(paths or annotation_files(), splits)
    pairs = [(u.item, found) for u, found in predictions(root, units, config, gazetteer)]
    split_of = {u.item.id: u.split for u in units}
    reports: dict[str, LangReport] = {}
    _score(pairs, Matcher(gazetteer), reports, key=lambda it: f"{it.lang}/{split_of[it.id]}")
    return dict(sorted(reports.items()))
