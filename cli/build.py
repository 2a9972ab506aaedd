"""``kg build``: from a folder of news to a graph (embedded files, or Neo4j with --neo4j)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

from cli.dask import open_cluster
from cli.errors import ExitCode, handle_errors
from cli.main import app
from cli.options import (
    BatchSizeOption,
    DaskOption,
    LangOption,
    MinConfidenceOption,
    Neo4jDatabaseOption,
    Neo4jPasswordOption,
    Neo4jUriOption,
    Neo4jUserOption,
    ProcessesOption,
)
from cli.progress import report_skipped, run_progress, summary_table
from kg.build import build as build_graph
from kg.build import default_out_dir, write_report
from kg.connect import mask_uri, open_driver
from kg.pipeline import PipelineConfig, RunStats
from kg.write.files import DEFAULT_FORMATS, FORMATS
from kg.write.neo4j import Neo4jWriter


@app.command()
@handle_errors
def build(
    ctx: typer.Context,
    inputs: list[str] = typer.Argument(..., help="Files, folders, .jsonl files, or - for stdin."),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Folder for the embedded graph (default: next to the input)."
    ),
    formats: list[str] = typer.Option(
        list(DEFAULT_FORMATS), "--format", "-f",
        help=f"Embedded formats: {', '.join(FORMATS)}; repeat or comma-separate."
    ),
    neo4j: str | None = Neo4jUriOption,
    user: str = Neo4jUserOption,
    password: str | None = Neo4jPasswordOption,
    database: str | None = Neo4jDatabaseOption,
    batch_size: int = BatchSizeOption,
    lang: str | None = LangOption,
    min_confidence: float = MinConfidenceOption,
    processes: int = ProcessesOption,
    dask: str | None = DaskOption,
    report: Path | None = typer.Option(
        None, "--report", help="JSONL list of skipped inputs and warnings (default: "
        "report.jsonl in the output folder; with --neo4j, only when something was skipped)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q",
                               help="No progress bar, no summary; skipped inputs still listed."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON on stdout."),
) -> None:
    """Read articles, extract triples and write the actor graph.

    Without --neo4j (or NEO4J_URI) the graph is saved as files (graph.json, GraphML, GEXF,
    graph.html) next to the input or in --out; with it, it is loaded into Neo4j.

    Examples:

        kg build examples/ --out out/examples

        NEO4J_PASSWORD=... kg build news/ --neo4j neo4j://127.0.0.1:7687

        kg build news/ --dask local --processes 2 --out out/news

    Exit codes: 0 all inputs read, 1 some inputs skipped (see the report), 2 usage error
    (including an --out or --report that cannot be written, found before any extraction),
    3 Neo4j unreachable or login refused, 4 a language model cannot load, 74 a file cannot
    be written after the extraction (the graph is saved elsewhere; the message says where).
    """
    # everything that can be checked is checked before hours of extraction
    wanted = [f.strip() for item in formats for f in item.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise typer.BadParameter(f"unknown format {', '.join(unknown)}; choose from "
                                 f"{', '.join(FORMATS)}", param_hint="--format")
    if out is not None and out.exists() and not out.is_dir():
        raise typer.BadParameter(f"{out} is a file, not a folder", param_hint="--out")
    config = PipelineConfig(lang=lang, min_confidence=min_confidence, n_process=processes)
    stats = RunStats()
    writer = None
    driver = None
    if neo4j:
        if not password:
            raise typer.BadParameter("set NEO4J_PASSWORD or pass --password", param_hint="--neo4j")
        driver = open_driver(neo4j, user, password, database)
        writer = Neo4jWriter(driver, database=database, batch_size=batch_size)
    config.dask = open_cluster(ctx, dask, processes, quiet=quiet or as_json)
    try:
        result = build_graph(inputs, config, out_dir=out, formats=wanted, writer=writer,
                             stats=stats, report=report,
                             wrap=lambda results: run_progress(results, stats,
                                                               quiet=quiet or as_json))
    finally:
        if driver is not None:
            driver.close()
    report_path = report
    if report_path is None and (result.out_dir or stats.skipped):  # Neo4j: only if needed
        report_path = (result.out_dir or default_out_dir(inputs)) / "report.jsonl"
    if report_path is not None:
        write_report(report_path, stats.skipped)
    lost = [s for s in stats.skipped if s.kind == "skipped"]
    if as_json:
        typer.echo(json.dumps({
            "documents": stats.documents, "undated": stats.undated, "skipped": len(lost),
            "sentences": stats.sentences,
            "triples": stats.triples, "by_relation": dict(stats.by_relation),
            "actors": len(stats.actors), "elapsed_s": round(stats.elapsed, 2),
            "out_dir": str(result.out_dir) if result.out_dir else None,
            "neo4j": bool(writer), "report": str(report_path) if report_path else None,
            "report_items": [{"where": s.where, "kind": s.kind, "reason": s.reason}
                             for s in stats.skipped],
        }, ensure_ascii=False))
    else:
        # skipped inputs: one line each when quiet, else named in the summary table
        report_skipped([s for s in stats.skipped if quiet or s.kind != "skipped"], quiet=quiet)
        if not quiet:
            console = Console(stderr=True)
            console.print(summary_table(stats))
            where = (f"Neo4j ({mask_uri(neo4j)})" if writer and neo4j else str(result.out_dir))
            console.print(f"graph written to {where}", highlight=False, soft_wrap=True)
            if lost and report_path:
                console.print(f"skipped inputs listed in {report_path}", highlight=False,
                              soft_wrap=True)
    if lost:
        raise typer.Exit(int(ExitCode.SOME_SKIPPED))
