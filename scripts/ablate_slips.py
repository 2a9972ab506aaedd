"""Measure each parser-slip repair of ``kg/slips.py`` on the tune split: the score with the
repair switched off against the score with all repairs on.

    python scripts/ablate_slips.py ../shared/corpus/news [--lang nl]

A repair that changes nothing on tune (nor on the seed and dev sets) is a candidate to go;
one that costs precision is a rule for the sentences it was written for.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.extract.slips import ParserSlips
from kg.news_eval import annotation_files, evaluate_news
from kg.pipeline import PipelineConfig

#: each repair and the value that means "no slip here"
OFF = {
    "loose_particle": None, "stray_nouns": [], "fronted_object": False,
    "orphan_subject": None, "slipped_participle": False, "second_subjects": [],
    "misread_verb": False, "following_subject": None, "following_object": None,
}


def score(root: Path, lang: str) -> tuple[int, int, int]:
    files = [p for p in annotation_files() if p.stem == lang]
    rep = evaluate_news(root, files, splits=("tune",), config=PipelineConfig())
    s = rep[f"{lang}/tune"].strict
    return s.tp, s.fp, s.fn


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("root", type=Path)
    ap.add_argument("--lang", default="nl")
    args = ap.parse_args()
    print(f"all repairs on: tp/fp/fn = {score(args.root, args.lang)}")
    for name, value in OFF.items():
        original = getattr(ParserSlips, name)
        setattr(ParserSlips, name, lambda self, *a, _v=value, **k: _v)
        try:
            print(f"{name:20s} off: tp/fp/fn = {score(args.root, args.lang)}")
        finally:
            setattr(ParserSlips, name, original)


if __name__ == "__main__":
    main()
