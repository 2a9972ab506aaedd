"""``kg nlp``: inspect and score the spaCy pipelines kg uses."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from cli.errors import handle_errors
from cli.main import app
from cli.tables import out_console
from kg import nlp as registry
from kg.nlp_eval import LABELS, PUBLISHED_NL_CORE_NEWS_SM, evaluate

nlp_app = typer.Typer(help="The spaCy pipelines kg uses: which one, and how well it parses.",
                      no_args_is_help=True)
app.add_typer(nlp_app, name="nlp")

DEFAULT_TREEBANK = Path("../shared/data/ud-dutch/test.conllu")


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


@nlp_app.command("eval")
@handle_errors
def eval_cmd(
    lang: str = typer.Option("nl", "--lang", help="Language whose kg pipeline is scored."),
    file: Path = typer.Option(DEFAULT_TREEBANK, "--file", help="CoNLL-U file to score on."),
    limit: int = typer.Option(0, "--limit", help="Score only the first N sentences (0: all)."),
    model: str = typer.Option("", "--model", help="Pipeline name or path instead of kg's."),
    speed: bool = typer.Option(True, "--speed/--no-speed", help="Also measure words/s."),
    gold_sentences: bool = typer.Option(
        False, "--gold-sentences",
        help="Parse one gold sentence at a time (default: 10-sentence documents, predicted "
             "sentence breaks, as spaCy's published figures)."),
) -> None:
    """Print UPOS, LAS, UAS, sentence F and per-label F (gold tokenization) and words/s."""
    if model:
        registry.set_model(lang, model)
    nlp = registry.load(lang)
    result = evaluate(nlp, file, limit=limit, speed=speed, gold_sentences=gold_sentences)
    setting = "gold tokens, gold sentences" if gold_sentences else "gold tokens"
    table = Table(title=f"{registry.model_name(lang)} on {file} "
                        f"({result.sentences} sentences, {result.words} words, {setting})")
    table.add_column("metric")
    table.add_column("score", justify="right")
    table.add_column("nl_core_news_sm 3.8", justify="right")
    published = PUBLISHED_NL_CORE_NEWS_SM if lang == "nl" else {}
    rows: list[tuple[str, float | None, float | None]] = [
        ("UPOS", result.upos, None),
        ("XPOS", result.xpos, None),
        ("morph", result.morph, None),
        ("lemma", result.lemma, None),
        ("UAS", result.uas, None),
        ("LAS", result.las, published.get("las")),
        ("sentence F", result.sents_f, None),
    ]
    rows += [(f"F {label}", result.label_f[label], published.get(label)) for label in LABELS]
    for name, value, ref in rows:
        table.add_row(name, _fmt(value), _fmt(ref))
    if speed:
        table.add_row("words/s (1 core, CPU time)", f"{result.words_per_second:,.0f}", "-")
    out_console().print(table)
