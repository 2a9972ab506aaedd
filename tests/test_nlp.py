"""The shipped Dutch pipeline and the English package load offline and parse news correctly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.nlp
from kg.nlp_eval import LABELS, evaluate

SHARED_TEST = Path(__file__).resolve().parents[2] / "shared" / "data" / "ud-dutch" / "test.conllu"
needs_shared = pytest.mark.skipif(not SHARED_TEST.is_file(),
                                  reason=f"../shared is absent ({SHARED_TEST} not found)")


@pytest.fixture(scope="module")
def nl():
    return kg.nlp.load("nl")


def test_dutch_pipeline_is_shipped_small_and_names_its_sources(nl):
    model_dir = kg.nlp.MODELS_DIR / "nl_kg_news"
    size_mb = sum(f.stat().st_size for f in model_dir.rglob("*") if f.is_file()) / 2**20
    assert size_mb <= 60
    for pipe in ("morphologizer", "trainable_lemmatizer", "parser"):
        assert pipe in nl.pipe_names
    meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    licences = " ".join(s["license"] for s in meta["sources"])
    assert "CC BY-SA 4.0" in licences and "LGPL-2.1" in licences
    assert meta["vectors"]["width"] == 0


def test_separable_verb_subject_and_object(nl):
    doc = nl("Poetin riep het leger op.")
    by_text = {t.text: t for t in doc}
    assert by_text["Poetin"].dep_ == "nsubj" and by_text["Poetin"].head.text == "riep"
    assert by_text["leger"].dep_ == "obj" and by_text["leger"].head.text == "riep"
    assert by_text["op"].dep_ == "compound:prt" and by_text["op"].head.text == "riep"
    assert by_text["riep"].pos_ == "VERB"


def test_passive_agent(nl):
    doc = nl("De stad werd door het Russische leger aangevallen.")
    by_text = {t.text: t for t in doc}
    assert by_text["stad"].dep_ == "nsubj:pass"
    assert by_text["leger"].dep_ == "obl:agent"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We gaan door,” zei de Wagner-baas.",
         ["“", "We", "gaan", "door", ",", "”", "zei", "de", "Wagner-baas", "."]),
        ("Zelensky’s woordvoerder sprak ‘onzin’.",
         ["Zelensky’s", "woordvoerder", "sprak", "‘", "onzin", "’", "."]),
        ("Hij vertrok ’s avonds naar ’s-Hertogenbosch.",
         ["Hij", "vertrok", "’s", "avonds", "naar", "’s-Hertogenbosch", "."]),
        ("De auto's van de NAVO-top.", ["De", "auto's", "van", "de", "NAVO-top", "."]),
        # spaCy's Dutch abbreviation "dat." must not swallow a sentence's full stop
        ("Nu doet ook Von der Leyen dat.", ["Nu", "doet", "ook", "Von", "der", "Leyen", "dat",
                                            "."]),
        ("Dat is het best.", ["Dat", "is", "het", "best", "."]),
    ],
)
def test_tokenizer_keeps_dutch_news_tokens(nl, text, expected):
    assert [t.text for t in nl.tokenizer(text)] == expected


def test_sentence_segmentation(nl):
    doc = nl("Rusland viel Oekraïne binnen. De NAVO reageerde dezelfde dag.")
    assert [s.text for s in doc.sents] == ["Rusland viel Oekraïne binnen.",
                                           "De NAVO reageerde dezelfde dag."]


def test_english_package_loads():
    en = kg.nlp.load("en")
    doc = en("Kadyrov threatened Germany.")
    assert [t.dep_ for t in doc][:3] == ["nsubj", "ROOT", "dobj"]


@needs_shared
def test_evaluate_scores_a_slice_of_the_test_set(nl):
    result = evaluate(nl, SHARED_TEST, limit=60, speed=False)
    assert result.sentences == 60
    assert 0.8 < result.upos <= 1.0
    assert 0.5 < result.las <= result.uas <= 1.0
    assert set(result.label_f) == set(LABELS)


@needs_shared
def test_kg_nlp_eval_prints_the_metrics():
    from cli.main import app

    result = CliRunner().invoke(app, ["nlp", "eval", "--lang", "nl", "--file", str(SHARED_TEST),
                                      "--limit", "40"])
    assert result.exit_code == 0, result.output
    for name in ("UPOS", "LAS", "UAS", "sentence F", "F nsubj:pass", "F compound:prt",
                 "words/s"):
        assert name in result.output


def test_ner_ships_disabled_and_can_be_switched_on():
    import spacy

    nlp = spacy.load(kg.nlp.MODELS_DIR / "nl_kg_news")
    assert "ner" in nlp.disabled and not nlp("Poetin reisde naar Moskou.").ents
    nlp.enable_pipe("ner")
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG"}
    assert ("Moskou", "LOC") in {(e.text, e.label_) for e in nlp("Poetin reisde naar Moskou.").ents}
