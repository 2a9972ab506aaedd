"""Confidence that means something: the share of such statements that were right on the tune
split of the news evaluation corpus.

The extractor's raw score (frame confidence plus how each side was resolved) barely
separates right from wrong on news it was not written for; the kind of target does (a named
actor is right far more often than a place or a topic phrase).  So the confidence a triple
carries is looked up in ``kg/data/calibration.json``: for its target kind and whether the raw
score reaches ``RAW_HIGH``, the smoothed share right, (right + 1) / (total + 2), as counted
by ``scripts/calibrate.py`` on the tune split (never on test).
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from importlib import resources

from kg.types import Triple

#: the raw score that splits each target kind in two
RAW_HIGH = 0.7
_PLACES = frozenset({"LOCATION", "REGION"})


def cell(triple: Triple) -> str:
    """The calibration cell of a triple: target kind and raw score band."""
    kind = ("topic" if triple.target.type == "TOPIC"
            else "place" if triple.target.type in _PLACES else "actor")
    return f"{kind}|{'high' if triple.confidence >= RAW_HIGH else 'low'}"


@cache
def _table() -> dict[str, dict[str, int]]:
    raw = resources.files("kg.data").joinpath("calibration.json").read_text("utf-8")
    return json.loads(raw)["cells"]


def calibrated(triple: Triple) -> Triple:
    """The triple with the confidence its cell earned on the tune split."""
    counts = _table().get(cell(triple))
    if not counts:
        return triple
    share = (counts["right"] + 1) / (counts["total"] + 2)
    return replace(triple, confidence=round(share, 2))
