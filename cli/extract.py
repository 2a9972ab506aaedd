"""``kg extract`` and ``kg eval``: triples out as JSONL or a table, and scores on gold."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from cli.dask import open_cluster
from cli.errors import ExitCode, handle_errors
from cli.evalview import show_reports
from cli.main import app
from cli.options import DaskOption, LangOption, MinConfidenceOption, ProcessesOption
from cli.progress import report_skipped, run_progress
from cli.tables import out_console
from kg.eval import evaluate
from kg.news_eval import SPLITS, evaluate_news
from kg.pipeline import PipelineConfig, RunStats, extract_documents
from kg.read import read_documents
from kg.types import Skipped


@app.command()
@handle_errors
def extract(
    ctx: typer.Context,
    inputs: list[str] = typer.Argument(..., help="Files, folders, .jsonl files, or - for stdin."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one triple a line) or table."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here, not stdout."),
    lang: str | None = LangOption,
    min_confidence: float = MinConfidenceOption,
    processes: int = ProcessesOption,
    dask: str | None = DaskOption,
    out_dir: Path | None = typer.Option(None, "--out", help="With --dask: the workers write "
                                    "the triples here, a part-NNNNNN.jsonl per partition."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no summary."),
) -> None:
    """Extract actor-relation-target triples and print them.

    Examples:

        kg extract examples/ --format table

        kg extract news.jsonl -o triples.jsonl

        echo "Poetin bedreigde Polen." | kg extract - --lang nl

        kg extract news/ --dask tcp://10.0.0.5:8786 --out /shared/triples/
    """
    if fmt not in ("jsonl", "table"):
        raise typer.BadParameter("use jsonl or table", param_hint="--format")
    if out_dir is not None and not dask:
        raise typer.BadParameter("--out needs --dask (or use --output)", param_hint="--out")
    skipped: list[Skipped] = []
    stats = RunStats(skipped=skipped)
    docs = read_documents(inputs, lang=lang, report=skipped)
    config = PipelineConfig(lang=lang, min_confidence=min_confidence, n_process=processes,
                            dask=open_cluster(ctx, dask, processes, quiet=quiet),
                            dask_out=str(out_dir) if out_dir else None)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    rows = []
    try:
        results = extract_documents(docs, config, stats=stats)
        for result in run_progress(results, stats, quiet=quiet or out is sys.stdout and
                                   fmt == "jsonl" and not sys.stderr.isatty()):
            for triple in result.triples:
                if fmt == "jsonl":
                    out.write(json.dumps(triple.to_dict(), ensure_ascii=False) + "\n")
                else:
                    rows.append(triple)
    finally:
        if output:
            out.close()
    if fmt == "table":
        table = Table("doc", "source", "relation", "target", "neg", "attributed to", "conf")
        for t in rows:
            table.add_row(t.doc_id, t.source.name, t.relation, t.target.name,
                          "yes" if t.negated else "", t.attributed_to.name if t.attributed_to
                          else "", f"{t.confidence:.2f}")
        out_console().print(table)
    if out_dir is not None and not quiet:
        typer.echo(f"{stats.triples} triples of {stats.documents} documents in "
                   f"{out_dir}/part-*.jsonl", err=True)
    report_skipped(skipped, quiet=quiet)
    if any(s.kind == "skipped" for s in skipped):
        raise typer.Exit(int(ExitCode.SOME_SKIPPED))


@app.command("eval")
@handle_errors
def eval_(
    gold: list[Path] = typer.Argument(None, help="Gold JSONL files (format of shared/eval); "
                                      "with --news: annotation files (default eval/news/*)."),
    news: Path | None = typer.Option(None, "--news", help="The shared news corpus folder: "
                                     "score the annotations of eval/news on its texts."),
    split: str = typer.Option("all", "--split", help="With --news: tune, test or all."),
    errors: bool = typer.Option(False, "--errors", help="List misses and extras."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    processes: int = ProcessesOption,
) -> None:
    """Score the extractor on gold triples: precision, recall, F1 per language (and split).

    Examples:

        kg eval ../shared/eval/dev_nl.jsonl ../shared/eval/dev_en.jsonl --errors

        kg eval --news ../shared/corpus/news --split tune --errors
    """
    config = PipelineConfig(n_process=processes)
    if news is not None:
        if split not in ("tune", "test", "all"):
            raise typer.BadParameter("use tune, test or all", param_hint="--split")
        reports = evaluate_news(news, gold or None, config=config,
                                splits=SPLITS if split == "all" else (split,))
    elif not gold:
        raise typer.BadParameter("give gold files, or --news CORPUS", param_hint="GOLD")
    else:
        reports = evaluate(gold, config=config)
    if as_json:
        typer.echo(json.dumps({k: r.as_dict() for k, r in reports.items()}, indent=1))
        return
    show_reports(reports, errors=errors)
