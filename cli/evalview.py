"""Tables of ``kg eval``: overall scores, PLOVER classes, difficulty tags, errors."""

from __future__ import annotations

from rich.table import Table

from cli.tables import out_console
from kg.eval import CONFIDENT, LangReport, Scores


def _prf(s: Scores) -> list[str]:
    return [f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp),
            str(s.fn)]


def show_reports(reports: dict[str, LangReport], *, errors: bool) -> None:
    """Print the score tables (and with ``errors`` every miss and extra)."""
    console = out_console()
    table = Table("set", "match", "P", "R", "F1", "tp", "fp", "fn", f"P@{CONFIDENT}",
                  "attribution", "actors")
    for key, rep in reports.items():
        for name, s in (("strict", rep.strict), ("by class", rep.by_class)):
            strict = name == "strict"
            conf = f"{rep.confident.precision:.3f} ({rep.confident.tp + rep.confident.fp})"
            attr = f"{rep.attribution_ok}/{rep.attribution_total}"
            actors = f"{rep.actors_ok}/{rep.actors_total}"
            table.add_row(key, name, *_prf(s), conf if strict else "", attr if strict else "",
                          actors if strict else "")
    console.print(table)
    if any(rep.per_class for rep in reports.values()):
        classes = sorted({c for rep in reports.values() for c in rep.per_class})
        ptable = Table("PLOVER class", *[f"{k} P / R (gold)" for k in reports])
        for cls in classes:
            cells = []
            for rep in reports.values():
                s = rep.per_class.get(cls, Scores())
                cells.append(f"{s.precision:.2f} / {s.recall:.2f} ({s.tp + s.fn})")
            ptable.add_row(cls, *cells)
        console.print(ptable)
        tags = sorted({t for rep in reports.values() for t in rep.per_tag})
        ttable = Table("difficulty", *[f"{k} R (gold)" for k in reports])
        for tag in tags:
            cells = [rep.per_tag.get(tag, Scores()) for rep in reports.values()]
            ttable.add_row(tag, *[f"{s.recall:.2f} ({s.tp + s.fn})" for s in cells])
        console.print(ttable)
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
