"""``python -m kg.training nl --data ../shared/data``: convert, train, add NER, package.

Stages (each can be run alone with ``--stage``): ``corpus`` writes .spacy files into the work
directory (outside the repo or git-ignored), ``train`` trains the tagger/morphologizer/
lemmatizer/parser, ``ner`` trains the Europeana NER, ``package`` assembles
``kg/models/nl_kg_news`` with its meta.json.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import spacy

from kg.training import corpus, ner, package
from kg.training.tokenizer import customize

CONFIGS = Path(__file__).parent / "configs"
log = logging.getLogger("kg.training")


def train(config: Path, corpus_dir: Path, out: Path, overrides: dict[str, object]) -> None:
    """Train with spaCy's loop in this process (so the tokenizer callback is registered)."""
    from spacy.cli.train import train as spacy_train

    settings = {
        "paths.train": str(corpus_dir / "train.spacy"),
        "paths.dev": str(corpus_dir / "dev.spacy"),
        **overrides,
    }
    spacy_train(config, out, use_gpu=-1, overrides=settings)


def config_overrides(settings: list[str]) -> dict[str, object]:
    """``KEY=VALUE`` pairs as spaCy overrides; values are JSON where they parse as JSON."""
    out: dict[str, object] = {}
    for setting in settings:
        key, sep, value = setting.partition("=")
        if not sep or not key:
            raise SystemExit(f"--set wants KEY=VALUE, got {setting!r}")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kg.training", description=__doc__)
    parser.add_argument("lang", choices=["nl"])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--work", type=Path, default=Path("training-runs/nl"),
                        help="work directory for corpora and checkpoints (git-ignored)")
    parser.add_argument("--config", default="nl_news",
                        help="config name in kg/training/configs "
                             "(nl_news, nl_news_deep, nl_efficiency)")
    parser.add_argument("--legacy", choices=["none", "2018", "all"], default="none",
                        help="which train_legacy_wiki sentences to add")
    parser.add_argument("--no-non-news", action="store_true",
                        help="leave out alpino-ud question sets and grammar suites")
    parser.add_argument("--max-steps", type=int, default=0, help="0: the config's value")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a config setting, e.g. training.dropout=0.2 (repeatable)")
    parser.add_argument("--run", default="", help="run name (default: config + data choice)")
    parser.add_argument("--stage", action="append",
                        choices=["corpus", "train", "ner", "package"],
                        help="run only these stages (repeatable); default all")
    parser.add_argument("--out", type=Path, default=package.MODEL_DIR)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")

    stages = args.stage or ["corpus", "train", "ner", "package"]
    choice = corpus.DataChoice(legacy=args.legacy, non_news=not args.no_non_news)
    corpus_dir = args.work / "corpus" / choice.tag()
    run_dir = args.work / "runs" / (args.run or f"{args.config}_{choice.tag()}")
    ner_dir = args.work / "ner"

    if "corpus" in stages:
        nlp = customize(spacy.blank("nl"))
        counts = corpus.write_corpora(nlp, args.data, corpus_dir, choice)
        (corpus_dir / "counts.json").write_text(json.dumps(counts, indent=2))
        log.info("corpus %s: %s", corpus_dir, counts)
    if "train" in stages:
        overrides: dict[str, object] = {}
        if args.max_steps:
            overrides["training.max_steps"] = args.max_steps
        overrides.update(config_overrides(args.set))
        train(CONFIGS / f"{args.config}.cfg", corpus_dir, run_dir, overrides)
    if "ner" in stages:
        ner.write_corpora(args.data / "europeana-ner-nl" / "enp_NL.kb.bio", ner_dir)
        train(CONFIGS / "nl_ner.cfg", ner_dir, ner_dir / "run", {})
    if "package" in stages:
        counts = json.loads((corpus_dir / "counts.json").read_text())
        ner_model = ner_dir / "run" / "model-best"
        package.build(run_dir / "model-best", ner_model if ner_model.exists() else None,
                      args.out, counts)
        log.info("packaged %s", args.out)


if __name__ == "__main__":
    main()
