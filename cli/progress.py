"""Progress bars and the closing summary, shared by the commands that read documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.pipeline import RunStats
from kg.types import Skipped

T = TypeVar("T")

_err = Console(stderr=True)

#: skipped inputs named in the summary table; all of them are in the report file
SHOWN_SKIPPED = 10


def run_progress(results: Iterable[T], stats: RunStats, *, quiet: bool) -> Iterator[T]:
    """Yield ``results`` while a progress line shows documents/s, sentences and triples."""
    if quiet or not _err.is_terminal:  # a log file gets the summary, not bar redraws
        yield from results
        return
    columns = (TextColumn("[bold]extracting"), BarColumn(),
               TextColumn("{task.fields[docs]} docs ({task.fields[rate]:.1f}/s)"),
               TextColumn("{task.fields[sents]} sentences"),
               TextColumn("{task.fields[triples]} triples"), TimeElapsedColumn())
    with Progress(*columns, console=_err, transient=True) as progress:
        task = progress.add_task("extract", total=None, docs=0, rate=0.0, sents=0, triples=0)
        for item in results:
            progress.update(task, docs=stats.documents, sents=stats.sentences,
                            triples=stats.triples,
                            rate=stats.documents / max(stats.elapsed, 1e-6))
            yield item


def summary_table(stats: RunStats) -> Table:
    """The closing summary: what was read, skipped, extracted, and how long it took."""
    table = Table(title="kg run", show_header=False)
    table.add_column(overflow="fold")  # paths of skipped inputs: whole, never cut with "…"
    table.add_column(overflow="fold")
    lost = [s for s in stats.skipped if s.kind == "skipped"]
    table.add_row("documents read", str(stats.documents))
    if stats.undated:
        table.add_row("  without a date", f"{stats.undated} (no date line, field or index entry)")
    table.add_row("inputs skipped", str(len(lost)))
    for s in lost[:SHOWN_SKIPPED]:
        table.add_row(f"  {s.where}", s.reason)
    if len(lost) > SHOWN_SKIPPED:
        table.add_row(f"  ... {len(lost) - SHOWN_SKIPPED} more", "see the report file")
    warnings = sum(1 for s in stats.skipped if s.kind == "warning")
    if warnings:
        table.add_row("warnings", str(warnings))
    table.add_row("sentences", str(stats.sentences))
    table.add_row("triples", str(stats.triples))
    for rel, n in stats.by_relation.most_common():
        table.add_row(f"  {rel}", str(n))
    table.add_row("actors", str(len(stats.actors)))
    table.add_row("elapsed", f"{stats.elapsed:.1f} s")
    return table


def report_skipped(skipped: list[Skipped], *, quiet: bool) -> None:
    """One line per skipped input or warning on stderr (always shown for lost input)."""
    for s in skipped:
        if quiet and s.kind != "skipped":
            continue
        _err.print(f"kg: {s.kind}: {s.where}: {s.reason}", highlight=False, markup=False,
                   soft_wrap=True)  # one line per item, whatever the terminal width
