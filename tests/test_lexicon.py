"""Lexicon files: the CAMEO conversion, and curated entries winning over converted ones."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from kg.lexicon import load_lexicon
from kg.vocab import relations

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("cameo_lexicon",
                                               REPO / "scripts" / "cameo_lexicon.py")
cameo = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cameo)  # type: ignore[union-attr]

SAMPLE = """\
&HOSTAGE
+HOSTAGE
+CAPTIVE
---  FREE   [084]  ---
FREE
LIBERATE
RELEASE
- * &HOSTAGE                          [0841]   # RELEASE
- * INFORMATION                       [064]    # RELEASE
- &MILITARY * (INTO)                  [190]    # FREE
---  STAGE   [---]  ---
STAGE
- * RAID (ON +)                       [190]    # STAGE
- * RAID                              [154]    # STAGE
- * RALLY                             [141]    # STAGE
"""


def test_cameo_codes_map_to_relations_by_longest_prefix():
    assert cameo.relation("0841") == "RELEASES"
    assert cameo.relation("085") == "EASES_SANCTIONS"
    assert cameo.relation("1123") == "ACCUSES" and cameo.relation("111") == "CRITICIZES"
    assert cameo.relation("186") == "KILLS" and cameo.relation("195") == "ATTACKS"
    assert cameo.relation("010") is None and cameo.relation("---") is None
    assert set(cameo.CODE_TO_RELATION.values()) <= set(relations())


def test_conversion_gives_plain_and_light_verb_frames():
    rows = cameo.convert(SAMPLE)
    plain = {(r["verb"], r["relation"]) for r in rows if "object" not in r}
    assert ("free", "RELEASES") in plain  # the block's head verb
    assert ("liberate", "RELEASES") not in plain  # a synonym acts only through its patterns
    assert ("release", "RELEASES") not in plain  # a light verb carries no relation alone
    objects = {(r["verb"], r["relation"], tuple(r["object"])) for r in rows if "object" in r}
    assert ("release", "RELEASES", ("captive", "hostage")) in objects
    assert ("release", "COOPERATES_WITH", ("information",)) in objects
    assert ("stage", "PROTESTS_AGAINST", ("rally",)) in objects
    # "stage a raid" is coded two ways: the dictionary cannot decide, so neither is kept
    assert not any(r["verb"] == "stage" and "raid" in r.get("object", ()) for r in rows)
    # a pattern with words before the verb constrains the source: not a frame
    assert not any(r["relation"] == "ATTACKS" for r in rows)


def test_shipped_conversion_is_valid_and_curated_entries_win():
    lex = load_lexicon("en")
    rows = [json.loads(line) for line in
            (REPO / "kg" / "data" / "lang" / "verbs_en.cameo.jsonl").read_text().splitlines()]
    assert len({r["verb"] for r in rows}) > 700
    curated = {json.loads(line).get("verb") for line in
               (REPO / "kg" / "data" / "lang" / "verbs_en.jsonl").read_text().splitlines()}
    assert "threaten" in curated
    # the curated frame of "threaten", not the converted one (which has no prep targets)
    assert all(f.confidence == 0.7 for f in lex.verbs["threaten"])
    assert any(f.relation == "RELEASES" and "prisoner" in f.objects for f in lex.verbs["release"])
    assert any(f.relation == "SANCTIONS" and "diplomat" in f.objects for f in lex.verbs["expel"])
