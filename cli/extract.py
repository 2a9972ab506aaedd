"""``kg extract`` and ``kg eval``: triples out as JSONL or a table, and scores on gold."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from cli.errors import ExitCode, handle_errors
from cli.main import app
from cli.options import LangOption, MinConfidenceOption, ProcessesOption
from cli.progress import report_skipped, run_progress
from kg.eval import evaluate
from kg.pipeline import PipelineConfig, RunStats, extract_documents
from kg.read import read_documents
from kg.types import Skipped


@app.command()
@handle_errors
def extract(
    inputs: list[str] = typer.Argument(..., help="Files, folders, .jsonl files, or - for stdin."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one triple a line) or table."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here, not stdout."),
    lang: str | None = LangOption,
    min_confidence: float = MinConfidenceOption,
    processes: int = ProcessesOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no summary."),
) -> None:
    """Extract actor-relation-target triples and print them.

    Examples:

        kg extract examples/ --format table

        kg extract news.jsonl -o triples.jsonl

        echo "Poetin bedreigde Polen." | kg extract - --lang nl
    """
    if fmt not in ("jsonl", "table"):
        raise typer.BadParameter("use jsonl or table", param_hint="--format")
    skipped: list[Skipped] = []
    stats = RunStats(skipped=skipped)
    docs = read_documents(inputs, lang=lang, report=skipped)
    config = PipelineConfig(lang=lang, min_confidence=min_confidence, n_process=processes)
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
        Console().print(table)
    report_skipped(skipped, quiet=quiet)
    if any(s.kind == "skipped" for s in skipped):
        raise typer.Exit(int(ExitCode.SOME_SKIPPED))


@app.command("eval")
@handle_errors
def eval_(
    gold: list[Path] = typer.Argument(..., help="Gold JSONL files (format of shared/eval)."),
    errors: bool = typer.Option(False, "--errors", help="List misses and extras."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score the extractor on gold triples: precision, recall, F1 per language.

    Example:

        kg eval ../shared/eval/dev_nl.jsonl ../shared/eval/dev_en.jsonl --errors
    """
    reports = evaluate(gold)
    if as_json:
        typer.echo(json.dumps({lang: {"strict": r.strict.as_dict(),
                                      "by_class": r.by_class.as_dict(),
                                      "attribution_accuracy": (r.attribution_ok /
                                                               r.attribution_total
                                                               if r.attribution_total else None)}
                               for lang, r in sorted(reports.items())}, indent=1))
        return
    console = Console()
    table = Table("lang", "match", "P", "R", "F1", "tp", "fp", "fn", "attribution")
    for lang, rep in sorted(reports.items()):
        for name, s in (("strict", rep.strict), ("by class", rep.by_class)):
            attr = (f"{rep.attribution_ok}/{rep.attribution_total}" if name == "strict" else "")
            table.add_row(lang, name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                          str(s.tp), str(s.fp), str(s.fn), attr)
    console.print(table)
    if errors:
        for rep in reports.values():
            for item_id, g in rep.misses:
                console.print(f"[red]miss[/red]  {item_id}: {g['source']} {g['relation']} "
                              f"{g['target']}{' (negated)' if g.get('negated') else ''}",
                              highlight=False)
            for item_id, t in rep.extras:
                console.print(f"[yellow]extra[/yellow] {item_id}: {t.source.name} {t.relation} "
                              f"{t.target.name}{' (negated)' if t.negated else ''}  "
                              f"[dim]{t.verb}, {t.confidence}[/dim]", highlight=False)
