"""Assemble the shipped pipeline ``kg/models/nl_kg_news`` from the trained runs.

The parser run and the NER run are trained separately (the NER has its own small tok2vec), so
the NER is sourced into the parser pipeline here.  The training-only hook (tokenizer callback)
is removed from the config: loading the shipped pipeline needs spaCy and nothing from kg.

The NER ships *disabled* (``nlp.enable_pipe("ner")`` turns it on): trained on 19th-century
OCR text it finds places but hardly any people in current news, and it costs about a fifth of
the parse speed; see README.md for its scores.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import spacy

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "nl_kg_news"
META = Path(__file__).parent / "meta_sources.json"
MAX_MB = 60


def build(parser_model: Path, ner_model: Path | None, out: Path,
          counts: dict[str, int], scores: dict[str, object] | None = None) -> Path:
    """Write the combined pipeline to ``out`` (replacing it) with kg's meta.json."""
    from kg.training.tokenizer import split_sentence_final_words  # registers the callback too

    nlp = split_sentence_final_words(spacy.load(parser_model))
    if ner_model is not None:
        nlp.add_pipe("ner", source=spacy.load(ner_model))
        nlp.disable_pipe("ner")
    nlp.config["initialize"]["before_init"] = None
    for key in ("train", "dev"):
        nlp.config["paths"][key] = None
    extra = json.loads(META.read_text(encoding="utf-8"))
    meta = dict(nlp.meta)
    meta.update(extra)
    meta["training_data"] = counts
    if scores:
        meta["kg_scores"] = scores
    nlp.meta.clear()
    nlp.meta.update(meta)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(tmp)
    size = sum(f.stat().st_size for f in tmp.rglob("*") if f.is_file()) / 2**20
    if size > MAX_MB:
        shutil.rmtree(tmp)
        raise ValueError(f"pipeline is {size:.1f} MB, over the {MAX_MB} MB budget")
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return out
