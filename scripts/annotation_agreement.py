"""Agreement between two annotations of the same news excerpts, with kg eval's matching rules.

    python scripts/annotation_agreement.py eval/news/agreement/nl.jsonl eval/news/nl.jsonl

Each side's required triples are scored against the other's: with kg eval's rules (a triple
the other side lists as optional counts neither way) and with required triples only.  A
side of a triple matches when any alternative of one side matches any alternative of the
other under the rules of ``../shared/eval/README.md``.
Prints precision and recall of the first file against the second, and their F1 (symmetric).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kg.eval import Matcher, Scores, norm
from kg.gazetteer import default_gazetteer


def _entity(alts: str) -> list[dict]:
    return [{"name": a[1:-1] if a.startswith("[") else a, "text": a,
             "type": "TOPIC" if a.startswith("[") else "ACTOR", "id": norm(a)}
            for a in alts.split("|")]


def _match(m: Matcher, gold: dict, other: dict, strict: bool) -> bool:
    return any(m.match(gold, {**other, "source": s, "target": t}, strict=strict)
               for s in _entity(other["source"]) for t in _entity(other["target"]))


def agreement(first: Path, second: Path, strict: bool = True,
              optional: bool = True) -> Scores:
    rows_a = {(r["file"], r["char_start"]): r for r in map(json.loads, first.open())}
    rows_b = {(r["file"], r["char_start"]): r for r in map(json.loads, second.open())}
    m = Matcher(default_gazetteer())
    s = Scores()
    for key, a in rows_a.items():
        b = rows_b[key]
        used: set[int] = set()
        for gold in b["triples"]:
            hit = next((i for i, p in enumerate(a["triples"]) if i not in used
                        and _match(m, gold, p, strict)), None)
            if hit is None:
                s.fn += 1
            else:
                used.add(hit)
                s.tp += 1
        s.fp += sum(1 for i, p in enumerate(a["triples"]) if i not in used and not (
            optional and any(_match(m, o, p, strict) for o in b["optional"])))
    return s


if __name__ == "__main__":
    for optional in (True, False):
        for strict in (True, False):
            s = agreement(Path(sys.argv[1]), Path(sys.argv[2]), strict, optional)
            print(f"{'kg eval rules' if optional else 'required only'}, "
                  f"{'strict' if strict else 'by class'}: P {s.precision:.3f} R {s.recall:.3f} "
                  f"F1 {s.f1:.3f} (tp {s.tp}, fp {s.fp}, fn {s.fn})")
