"""Count, on the tune split of the news evaluation corpus, how many triples of each
calibration cell (``kg.calibrate.cell``) were right, and write ``kg/data/calibration.json``.

    python scripts/calibrate.py ../shared/corpus/news > kg/data/calibration.json

Right: the triple matched a gold triple (strict rules of ``kg eval``); wrong: it matched
neither a gold nor an optional triple; a triple matching only an optional one is not
counted.  Runs the extractor with raw scores (calibration off).  Never run on ``test``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from kg.calibrate import cell
from kg.eval import Matcher, _align
from kg.gazetteer import default_gazetteer
from kg.news_eval import annotation_files, predictions, read_units
from kg.pipeline import PipelineConfig


def main(root: Path) -> None:
    matcher = Matcher(default_gazetteer())
    right, total = Counter(), Counter()
    units = read_units(annotation_files(), ("tune",))
    for unit, preds in predictions(root, units, PipelineConfig(calibrate=False)):
        hits, spare = _align(unit.item, [p.to_dict() for p in preds], matcher, True)
        for j, pred in enumerate(preds):
            if j in hits.values() or j in spare:
                total[cell(pred)] += 1
                right[cell(pred)] += j in hits.values()
    json.dump({"_source": f"scripts/calibrate.py on the tune split of eval/news, {date.today()}",
               "cells": {k: {"right": right[k], "total": total[k]} for k in sorted(total)}},
              sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
