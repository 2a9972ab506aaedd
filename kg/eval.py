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


#: "precision at confidence >= this" is reported beside the overall figures
CONFIDENT = 0.7


@dataclass(slots=True)
class GoldItem:
    id: str
    lang: str
    date: str | None
    context: str | None
    text: str
    triples: list[dict]
    optional: list[dict]
    difficulty: list[str] = field(default_factory=list)


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
    """Scores of one language (and split): overall, per PLOVER class, per difficulty tag."""

    strict: Scores = field(default_factory=Scores)
    by_class: Scores = field(default_factory=Scores)
    #: strict matching, predictions with confidence >= CONFIDENT only (their precision)
    confident: Scores = field(default_factory=Scores)
    #: by-class matching, per PLOVER class (gold's class for tp/fn, the prediction's for fp)
    per_class: dict[str, Scores] = field(default_factory=dict)
    #: strict recall per difficulty tag of the gold sentence
    per_tag: dict[str, Scores] = field(default_factory=dict)
    attribution_ok: int = 0
    attribution_total: int = 0
    #: gold events a prediction found by class (names aside), and those with both actors right
    actors_ok: int = 0
    actors_total: int = 0
    misses: list[tuple[str, dict]] = field(default_factory=list)
    extras: list[tuple[str, Triple]] = field(default_factory=list)

    def as_dict(self) -> dict:
        """Everything but the error lists, for ``kg eval --json``."""
        return {"strict": self.strict.as_dict(), "by_class": self.by_class.as_dict(),
                f"precision_at_{CONFIDENT}": round(self.confident.precision, 3),
                f"predictions_at_{CONFIDENT}": self.confident.tp + self.confident.fp,
                "attribution_accuracy": (round(self.attribution_ok / self.attribution_total, 3)
                                         if self.attribution_total else None),
                "actor_accuracy": (round(self.actors_ok / self.actors_total, 3)
                                   if self.actors_total else None),
                "per_class": {k: v.as_dict() for k, v in sorted(self.per_class.items())},
                "per_tag_recall": {k: {"recall": round(v.recall, 3), "gold": v.tp + v.fn}
                                   for k, v in sorted(self.per_tag.items())}}


def read_gold(paths: Sequence[Path]) -> list[GoldItem]:
    items = []
    for path in paths:
        if not path.is_file():
            raise InputError(f"gold file not found: {path}")
        for _, row in parse_jsonl(path.read_text("utf-8"), str(path), InputError):
            items.append(GoldItem(id=row["id"], lang=row["lang"], date=row.get("date"),
                                  context=row.get("context"), text=row["text"],
                                  triples=row.get("triples", []),
                                  optional=row.get("optional", []),
                                  difficulty=row.get("difficulty", [])))
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
        """The side rule, or the concept rule for a bracketed alternative."""
        return any(self._concept(alt, pred) if alt.startswith("[") and alt.endswith("]")
                   else self.side(alt, pred) for alt in gold.split("|"))

    @staticmethod
    def _concept(gold: str, pred: dict) -> bool:
        if pred["type"] not in ACTOR_TYPES:
            return True
        words = {w for w in norm(gold[1:-1]).split() if len(w) > 3}
        return bool(words & set(norm(pred["name"]).split()) | words & set(
            norm(pred.get("text", "")).split()))

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


def _plover_key(relation: str) -> str:
    return _plover(relation) or relation


def _score(items_preds: Iterable[tuple[GoldItem, list[Triple]]], matcher: Matcher,
           reports: dict[str, LangReport], key=lambda item: item.lang) -> None:
    """Match each item's predictions to its gold and add the counts to ``reports[key]``."""
    for item, preds in items_preds:
        rep = reports.setdefault(key(item), LangReport())
        pdicts = [p.to_dict() for p in preds]
        for strict in (True, False):
            hits, spare = _align(item, pdicts, matcher, strict)
            scores = rep.strict if strict else rep.by_class
            scores.tp += len(hits)
            scores.fn += len(item.triples) - len(hits)
            scores.fp += len(spare)
            if strict:
                _strict_details(item, preds, pdicts, hits, spare, matcher, rep)
            else:
                _actor_accuracy(item, pdicts, matcher, rep)
                for g, gold in enumerate(item.triples):
                    cls = rep.per_class.setdefault(_plover_key(gold["relation"]), Scores())
                    cls.tp += g in hits
                    cls.fn += g not in hits
                for i in spare:
                    rep.per_class.setdefault(_plover_key(pdicts[i]["relation"]),
                                             Scores()).fp += 1


def _actor_accuracy(item: GoldItem, pdicts: list[dict], matcher: Matcher,
                    rep: LangReport) -> None:
    """Of the gold events some prediction of the sentence found (same PLOVER class and
    negation, names aside), how many it found with both actors right."""
    for gold in item.triples:
        same = [p for p in pdicts if _plover_key(p["relation"]) == _plover_key(gold["relation"])
                and bool(p["negated"]) == bool(gold.get("negated", False))]
        if same:
            rep.actors_total += 1
            rep.actors_ok += any(matcher.match(gold, p, strict=False) for p in same)


def _align(item: GoldItem, pdicts: list[dict], matcher: Matcher,
           strict: bool) -> tuple[dict[int, int], list[int]]:
    """Gold index -> matched prediction, and the predictions that count as extras."""
    hits: dict[int, int] = {}
    for g, gold in enumerate(item.triples):
        hit = next((i for i, p in enumerate(pdicts)
                    if i not in hits.values() and matcher.match(gold, p, strict=strict)), None)
        if hit is not None:
            hits[g] = hit
    used = set(hits.values())
    spare = [i for i, p in enumerate(pdicts) if i not in used and not any(
        matcher.match(o, p, strict=strict) for o in item.optional)]
    return hits, spare


def _strict_details(item: GoldItem, preds: list[Triple], pdicts: list[dict],
                    hits: dict[int, int], spare: list[int], matcher: Matcher,
                    rep: LangReport) -> None:
    for g, gold in enumerate(item.triples):
        for tag in item.difficulty or ["none"]:
            tag_scores = rep.per_tag.setdefault(tag, Scores())
            tag_scores.tp += g in hits
            tag_scores.fn += g not in hits
        if g not in hits:
            rep.misses.append((item.id, gold))
            continue
        rep.attribution_total += 1
        want, got = gold.get("attributed_to"), pdicts[hits[g]]["attributed_to"]
        rep.attribution_ok += (want is None and got is None) or (
            want is not None and got is not None and matcher.side(want, got))
    rep.confident.tp += sum(1 for i in hits.values() if preds[i].confidence >= CONFIDENT)
    rep.confident.fp += sum(1 for i in spare if preds[i].confidence >= CONFIDENT)
    rep.extras.extend((item.id, preds[i]) for i in spare)


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
