"""Measure kg's proper-name recogniser (kg.resolve.names) on hand-labelled sentences.

Usage: python scripts/measure_names.py tests/data/names_nl.jsonl --lang nl

Each line: {"text", "names": {name as written: PERSON|ORGANIZATION|ARMED_GROUP|LOCATION}}.
A gold name counts as found when a run of proper nouns the reader builds around its last
word, titles removed, is exactly the name; as typed when its type matches (ORGANIZATION
and ARMED_GROUP count as one "organisation" class, as in CoNLL).  Extra runs that are no
gold name are false positives.  Prints span P/R/F and typed P/R/F.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg import nlp
from kg.gazetteer import default_gazetteer
from kg.resolve.names import NameReader

_CLASS = {"ARMED_GROUP": "ORG", "ORGANIZATION": "ORG", "GOVERNMENT": "ORG", "MEDIA": "ORG",
          "PERSON": "PER", "LOCATION": "LOC"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold", type=Path)
    parser.add_argument("--lang", default="nl")
    args = parser.parse_args()
    pipe = nlp.load(args.lang)
    reader = NameReader(default_gazetteer(), args.lang)
    tp = typed = fp = fn = 0
    places: set[str] = set()
    for line in args.gold.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        doc = pipe(item["text"])
        places |= reader.places_in(doc)
        found: dict[str, str] = {}
        i = 0
        while i < len(doc):
            if doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
                lo, hi = reader.run(i, i, doc)
                words = reader.strip_titles(list(doc[lo:hi]))
                if words and default_gazetteer().lookup(doc[lo:hi].text, args.lang) is None:
                    span = doc[words[0].i:words[-1].i + 1]
                    found[span.text] = reader.type_of(words, "", places)
                i = max(hi, i + 1)
            else:
                i += 1
        gold = item["names"]
        for name, kind in gold.items():
            if name in found:
                tp += 1
                typed += _CLASS.get(found[name]) == _CLASS[kind]
            else:
                fn += 1
        fp += sum(1 for name in found if name not in gold)
    def prf(hit: int) -> str:
        p = hit / (tp + fp) if tp + fp else 0.0
        r = hit / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f} R {r:.3f} F {f:.3f}"
    print(f"names: gold {tp + fn}, found {tp + fp}, exact spans {tp}, typed right {typed}")
    print(f"spans: {prf(tp)}")
    print(f"typed: {prf(typed)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
