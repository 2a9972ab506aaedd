"""Calibrated confidence: each triple carries its cell's smoothed share right on tune."""

from __future__ import annotations

import json
from importlib import resources

from kg.calibrate import calibrated, cell
from kg.types import Entity, Triple


def triple(target_type: str, confidence: float) -> Triple:
    src = Entity(name="Russia", text="Russia", type="COUNTRY", id="russia")
    tgt = Entity(name="X", text="X", type=target_type, id="x")
    return Triple(doc_id="d", date=None, lang="en", sentence="", sentence_index=0, char_start=0,
                  char_end=1, source=src, relation="ATTACKS", plover="ASSAULT", cameo="190",
                  target=tgt, confidence=confidence)


def test_cells_split_target_kind_and_raw_score():
    assert cell(triple("COUNTRY", 0.9)) == "actor|high"
    assert cell(triple("LOCATION", 0.5)) == "place|low"
    assert cell(triple("TOPIC", 0.7)) == "topic|high"


def test_confidence_is_the_smoothed_share_right_of_its_cell():
    table = json.loads(resources.files("kg.data").joinpath("calibration.json").read_text())
    counts = table["cells"]["actor|high"]
    got = calibrated(triple("COUNTRY", 0.9)).confidence
    assert got == round((counts["right"] + 1) / (counts["total"] + 2), 2)
    # the shipped counts come from the tune split and rank named actors above places
    assert got > calibrated(triple("LOCATION", 0.9)).confidence
