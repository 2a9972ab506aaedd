"""Evaluation against gold triples, with the matching rules of ``shared/eval/README.md``.

Each gold item becomes one document (context + text); only triples extracted from the
``text`` sentence are scored.  Scores are reported per language, strict (same relation)
and by class (same PLOVER type), with misses and extras for error analysis.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.gazetteer import Gazetteer, default_gazetteer
from kg.jsonl import parse_jsonl
from kg.pipeline import PipelineConfig, extract_documents
from kg.types import ACTOR_TYPES, Document, Triple
from kg.vocab import relations

_ARTICLES = {"the", "de", "het", "der", "die", "das"}


def norm(text: str) -> str:
    """Accents off, lower case, punctuation and articles removed (the README's rule)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.sub(r"[^\w\s]", " ", text).split()
    return " ".join(w for w in words if w not in _ARTICLES)


@dataclass(slots=True)
class GoldItem:
    id: str
    lang: str
    date: str | None
    context: str | None
    text: str
    triples: list[dict]
    optional: list[dict]


@dataclass(slots=True)
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass(slots=True)
class LangReport:
    strict: Scores = field(default_factory=Scores)
    by_class: Scores = field(default_factory=Scores)
    attribution_ok: int = 0
    attribution_total: int = 0
    misses: list[tuple[str, dict]] = field(default_factory=list)
    extras: list[tuple[str, Triple]] = field(default_factory=list)


def read_gold(paths: Sequence[Path]) -> list[GoldItem]:
    items = []
    for path in paths:
        if not path.is_file():
            raise InputError(f"gold file not found: {path}")
        for _, row in parse_jsonl(path.read_text("utf-8"), str(path), InputError):
            items.append(GoldItem(id=row["id"], lang=row["lang"], date=row.get("date"),
                                  context=row.get("context"), text=row["text"],
                                  triples=row.get("triples", []),
                                  optional=row.get("optional", [])))
    return items


class Matcher:
    """The README's matching rules, with aliases from the gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

    def _names(self, entity: dict | None, aliases: bool) -> list[str]:
        if not entity:
            return []
        names = [entity["name"], entity.get("text", "")]
        if aliases:
            actor = self.gaz.actor(entity["id"])
            if actor is not None:
                names += actor.aliases
        return [n for n in (norm(x) for x in names) if n]

    def side(self, gold: str, pred: dict) -> bool:
        alts = [norm(a) for a in gold.split("|")]
        full = set(self._names(pred, aliases=True))
        if any(a in full for a in alts):
            return True
        for a in alts:
            for p in self._names(pred, aliases=False):
                if a and p and a.split()[-1] == p.split()[-1] and len(a.split()[-1]) > 3:
                    return True
                if len(a) >= 5 and len(p) >= 5 and (a in p or p in a):
                    return True
        return False

    def target(self, gold: str, pred: dict) -> bool:
        if gold.startswith("[") and gold.endswith("]"):
            if pred["type"] not in ACTOR_TYPES:
                return True
            words = {w for w in norm(gold[1:-1]).split() if len(w) > 3}
            return bool(words & set(norm(pred["name"]).split()) | words & set(
                norm(pred.get("text", "")).split()))
        return self.side(gold, pred)

    def match(self, gold: dict, pred: dict, *, strict: bool) -> bool:
        if strict or not _plover(gold["relation"]) or not _plover(pred["relation"]):
            if gold["relation"] != pred["relation"]:
                return False
        elif _plover(gold["relation"]) != _plover(pred["relation"]):
            return False
        if bool(gold.get("negated", False)) != bool(pred["negated"]):
            return False
        return self.side(gold["source"], pred["source"]) and self.target(gold["target"],
                                                                          pred["target"])


def _plover(relation: str) -> str | None:
    rel = relations().get(relation)
    return rel.plover if rel else None


def _score(items_preds: Iterable[tuple[GoldItem, list[Triple]]], matcher: Matcher,
           reports: dict[str, LangReport]) -> None:
    for item, preds in items_preds:
        rep = reports.setdefault(item.lang, LangReport())
        for strict, scores in ((True, rep.strict), (False, rep.by_class)):
            pdicts = [p.to_dict() for p in preds]
            used: set[int] = set()
            for gold in item.triples:
                hit = next((i for i, p in enumerate(pdicts)
                            if i not in used and matcher.match(gold, p, strict=strict)), None)
                if hit is None:
                    scores.fn += 1
                    if strict:
                        rep.misses.append((item.id, gold))
                    continue
                used.add(hit)
                scores.tp += 1
                if strict:
                    rep.attribution_total += 1
                    want, got = gold.get("attributed_to"), pdicts[hit]["attributed_to"]
                    ok = (want is None and got is None) or (
                        want is not None and got is not None and matcher.side(want, got))
                    rep.attribution_ok += ok
            for i, p in enumerate(pdicts):
                if i in used:
                    continue
                if any(matcher.match(o, p, strict=strict) for o in item.optional):
                    continue
                scores.fp += 1
                if strict:
                    rep.extras.append((item.id, preds[i]))


def evaluate(paths: Sequence[Path], *, config: PipelineConfig | None = None,
             gazetteer: Gazetteer | None = None) -> dict[str, LangReport]:
    """Run the extractor on gold files and score it per language."""
    gazetteer = gazetteer or default_gazetteer()
    items = read_gold(paths)
    docs, offsets = [], {}
    for item in items:
        prefix = f"{item.context} " if item.context else ""
        offsets[item.id] = len(prefix)
        docs.append(Document(id=item.id, text=prefix + item.text, date=item.date,
                             lang=item.lang))
    by_id = {item.id: item for item in items}
    pairs = []
    for result in extract_documents(docs, config, gazetteer=gazetteer):
        start = offsets[result.document.id]
        scored = [t for t in result.triples if t.char_end > start]
        pairs.append((by_id[result.document.id], scored))
    reports: dict[str, LangReport] = {}
    _score(pairs, Matcher(gazetteer), reports)
    return reports
