"""``kg stats`` output: rankings and counts as tables, or one JSON object."""

from __future__ import annotations

from dataclasses import asdict
from itertools import zip_longest
from typing import Any

from rich.console import Console
from rich.table import Table

from kg.stats import Dyad, GraphStats


def stats_json(stats: GraphStats) -> dict[str, Any]:
    def dyads(rows: list[Dyad]) -> list[dict[str, Any]]:
        return [asdict(d) | {"balance": d.balance} for d in rows]

    return asdict(stats) | {"most_cooperative": dyads(stats.most_cooperative),
                            "most_hostile": dyads(stats.most_hostile)}


def dyad_balance_table(stats: GraphStats) -> Table:
    """The most cooperative dyads beside the most hostile ones, one rank per row."""
    table = Table("#", "cooperative dyad", "coop", "host", "│", "hostile dyad", "host", "coop",
                  title="Most cooperative vs most hostile dyads (PLOVER quad 1-2 | 3-4)")
    for rank, (coop, host) in enumerate(
            zip_longest(stats.most_cooperative, stats.most_hostile), start=1):
        left = ([f"{coop.source} → {coop.target}", str(coop.cooperative), str(coop.hostile)]
                if coop else ["", "", ""])
        right = ([f"{host.source} → {host.target}", str(host.hostile), str(host.cooperative)]
                 if host else ["", "", ""])
        table.add_row(str(rank), *left, "│", *right)
    return table


def print_stats(stats: GraphStats, console: Console) -> None:
    console.print(f"{stats.actors} actors ({stats.places} of them places, not ranked), "
                  f"{stats.topics} topics, {stats.documents} documents; "
                  f"{stats.edges} edges carrying {stats.statements} statements "
                  f"(+{stats.negated} negated, not counted)")
    ranks = Table("actor", "degree", "statements", "pagerank", title="Top actors by degree")
    for r in stats.by_degree:
        ranks.add_row(r.name, str(r.degree), str(r.statements), f"{r.pagerank:.4f}")
    console.print(ranks)
    pr = Table("actor", "pagerank", "degree", title="Top actors by PageRank")
    for r in stats.by_pagerank:
        pr.add_row(r.name, f"{r.pagerank:.4f}", str(r.degree))
    console.print(pr)
    dyads = Table("source", "target", "statements", "relations", title="Most frequent dyads")
    for d in stats.dyads:
        dyads.add_row(d.source, d.target, str(d.statements), ", ".join(d.relations))
    console.print(dyads)
    for title, rows in (("Statements per relation", stats.per_relation),
                        ("Statements per PLOVER type", stats.per_plover),
                        ("Statements per PLOVER quad class", stats.per_quad_class)):
        table = Table("", "statements", title=title)
        for key, n in rows:
            table.add_row(key, str(n))
        console.print(table)
    console.print(dyad_balance_table(stats))
    if stats.near_duplicates:
        dup = Table("name", "name", "why", title="Possibly one actor under two names")
        for a, b, why in stats.near_duplicates:
            dup.add_row(a, b, why)
        console.print(dup)
