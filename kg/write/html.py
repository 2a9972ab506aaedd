"""A self-contained ``graph.html``: the actor graph in any browser, no server, no network.

The vis-network library is read at render time from the installed ``pyvis`` package (a
PyPI dependency that ships ``vis-network.min.js``) and inlined, so nothing is fetched from
a CDN and no JavaScript is copied into this repository.  The page's Content-Security-Policy
forbids every network request.  Graph data travels as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and the
page's own script (``kg/data/graph_view.js``, inlined) writes text only through
``textContent``: sentences full of quotes and angle brackets stay text.

What the page offers an analyst: a search box (any spelling: name or alias), filters by
relation, by hostile / cooperative (PLOVER quad class) and by minimum count, a topics toggle,
edges coloured by hostility, readable labels on the top actors at every zoom, short tooltips
(aliases on click) and the counts ``kg stats`` prints for the same graph.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.aggregate import ACTOR
from kg.errors import GraphWriteError
from kg.stats import totals
from kg.vocab import QUAD_COOPERATIVE, QUAD_HOSTILE, relations
from kg.write.model import type_colour

_CONTROLS = """<form id="controls" onsubmit="return false">
<input id="search" type="search" placeholder="Find an actor (any spelling)" list="names"
 autocomplete="off"><datalist id="names"></datalist>
<label>relation <select id="relation"><option value="">all</option></select></label>
<label>kind <select id="hostility"><option value="">all</option>
<option value="hostile">hostile (quad 3-4)</option>
<option value="cooperative">cooperative (quad 1-2)</option>
<option value="neutral">neutral</option></select></label>
<label>min count <input id="min-count" type="number" min="1" value="1"></label>
<label><input id="topics" type="checkbox" checked> topics</label>
<span id="visible" class="meta"></span>
</form>"""

#: Evidence sentences kept per edge in the page (the JSON export keeps all of them).
MAX_EVIDENCE = 25

_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data:")


@cache
def vis_network_assets() -> tuple[str, str]:
    """(JavaScript, CSS) of the newest vis-network bundled in the installed pyvis package."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise GraphWriteError("graph.html needs the pyvis package (it bundles vis-network); "
                              "install kg with its dependencies")
    root = Path(next(iter(spec.submodule_search_locations))) / "lib"

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(x) for x in re.findall(r"\d+", path.parent.name))

    scripts = sorted(root.glob("vis-*/vis-network.min.js"), key=version)
    if not scripts:
        raise GraphWriteError(f"no vis-network.min.js under {root}; reinstall pyvis")
    js = scripts[-1].read_text("utf-8")
    css = scripts[-1].with_name("vis-network.css").read_text("utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise GraphWriteError("vis-network bundle cannot be inlined safely")
    return js, css


def json_for_script(data: Any) -> str:
    """JSON that cannot end its ``<script>`` element or be read as markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


#: Edge colours by PLOVER quad class: hostile red, cooperative blue, the rest grey.
HOSTILITY_COLOURS = {"hostile": "#C0392B", "cooperative": "#2870C2", "neutral": "#A5ABB6",
                     "negated": "#BBBBBB"}
#: Actors whose labels stay readable at every zoom (by statements made and received).
TOP_LABELS = 15


def hostility(relation: str, negated: bool) -> str:
    """``hostile`` (PLOVER quad 3-4), ``cooperative`` (1-2), ``neutral``; a denial is none."""
    if negated:
        return "negated"
    quad_class = relations()[relation].quad_class
    return ("hostile" if quad_class in QUAD_HOSTILE
            else "cooperative" if quad_class in QUAD_COOPERATIVE else "neutral")


def _node(node: str, attrs: dict[str, Any], made: int, received: int) -> dict[str, Any]:
    kind = attrs["kind"]
    kind_text = attrs.get("type") or kind
    where = f" · {attrs['country']}" if attrs.get("country") else ""
    return {
        "id": node, "label": attrs["name"], "kind": kind, "type": attrs.get("type"),
        "country": attrs.get("country"), "wikidata": attrs.get("wikidata"),
        "aliases": list(attrs.get("aliases") or []),
        "color": type_colour(attrs.get("type", ""), kind),
        "shape": "dot", "value": 1 + made + received, "made": made, "received": received,
        "size": 25 if kind == ACTOR else 6,  # topics: small nodes
        # a short tooltip; aliases are shown on click, in the side panel
        "title": f"{attrs['name']}\n{kind_text}{where}\n"
                 f"{made + received} statements: {made} made, {received} received",
    }


def _edge(graph: nx.MultiDiGraph, src: str, tgt: str, key: str, attrs: dict[str, Any],
          max_evidence: int) -> dict[str, Any]:
    relation = ("not " if attrs["negated"] else "") + attrs["relation"]
    evidence = sorted(attrs["evidence"], key=lambda ev: (ev.get("date") or "", ev["id"]))
    kind = hostility(attrs["relation"], attrs["negated"])
    dates = " – ".join(dict.fromkeys(d for d in (attrs["first_date"], attrs["last_date"]) if d))
    return {
        "id": f"{src}\x1f{key}\x1f{tgt}", "from": src, "to": tgt,
        "label": f"{relation} ×{attrs['count']}", "relation": attrs["relation"],
        "negated": attrs["negated"], "count": attrs["count"], "dashes": attrs["negated"],
        "hostility": kind, "color": dict.fromkeys(("color", "highlight", "hover"),
                                                   HOSTILITY_COLOURS[kind]),
        "width": 1 + min(attrs["count"], 8) / 2,
        "title": f"{graph.nodes[src]['name']} {relation} {graph.nodes[tgt]['name']} "
                 f"×{attrs['count']}" + (f"\n{dates}" if dates else ""),
        "evidence": [{"sentence": ev["sentence"], "doc_id": ev["doc_id"],
                      "date": ev.get("date"), "url": ev.get("url"),
                      "negated": ev.get("negated", False),
                      "attributed_to": (ev.get("attributed_to") or {}).get("name"),
                      "source_text": ev["source"]["text"],
                      "target_text": ev["target"]["text"]}
                     for ev in evidence[:max_evidence]],
        "more_evidence": max(0, len(evidence) - max_evidence),
    }


def page_data(graph: nx.MultiDiGraph, *, max_evidence: int = MAX_EVIDENCE,
              top_labels: int = TOP_LABELS) -> dict[str, Any]:
    """Nodes and edges in vis-network's format, with evidence for the side panel.

    Nodes without an edge (actors named only as "according to" sources) are counted, as
    ``kg stats`` counts them, but not drawn: they would float unconnected.
    """
    made: Counter[str] = Counter()
    received: Counter[str] = Counter()
    for src, tgt, attrs in graph.edges(data=True):
        if not attrs["negated"]:
            made[src] += attrs["count"]
            received[tgt] += attrs["count"]
    linked = {n for edge in graph.edges() for n in edge}
    nodes = [_node(n, attrs, made[n], received[n])
             for n, attrs in sorted(graph.nodes(data=True)) if n in linked]
    actors = [n for n in nodes if n["kind"] == ACTOR]
    for n in sorted(actors, key=lambda n: (-n["value"], n["label"]))[:top_labels]:
        n["top"] = True
    edges = [_edge(graph, src, tgt, key, attrs, max_evidence)
             for src, tgt, key, attrs in sorted(graph.edges(keys=True, data=True))]
    legend = sorted({(n["type"] or n["kind"], n["color"]) for n in nodes})
    counts = totals(graph)
    unlinked = sum(1 for n, kind in graph.nodes(data="kind") if kind == ACTOR and n not in linked)
    return {"nodes": nodes, "edges": edges, "legend": [list(item) for item in legend],
            "relations": sorted({e["relation"] for e in edges}),
            "hostility": HOSTILITY_COLOURS,
            "counts": {"actors": counts.actors, "places": counts.places,
                       "topics": counts.topics, "edges": counts.edges,
                       "statements": counts.statements, "negated": counts.negated,
                       "unlinked": unlinked}}


@cache
def _asset(name: str) -> str:
    """The page's own script and style (``kg/data/graph_view.*``): data, not Python strings."""
    text = resources.files("kg.data").joinpath(name).read_text("utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise GraphWriteError(f"{name} cannot be inlined safely")
    return text


def counts_line(counts: dict[str, int]) -> str:
    """The header: the numbers ``kg stats`` prints for the same graph."""
    line = (f"{counts['actors']} actors ({counts['places']} places), {counts['topics']} topics; "
            f"{counts['edges']} edges carrying {counts['statements']} statements "
            f"(+{counts['negated']} negated)")
    if counts["unlinked"]:
        line += f"; {counts['unlinked']} actors only named as sources, not drawn"
    return line


def render_html(graph: nx.MultiDiGraph, *, title: str = "kg graph",
                max_evidence: int = MAX_EVIDENCE) -> str:
    js, css = vis_network_assets()
    data = page_data(graph, max_evidence=max_evidence)
    return "\n".join([
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{escape(title)}</title>",
        f"<style>{css}</style><style>{_asset('graph_view.css')}</style>",
        f"<script>{js}</script>",
        "</head><body>",
        '<div id="kg"><div id="graph"></div><aside id="panel">',
        f'<h1>{escape(title)}</h1>',
        f'<p class="meta" id="counts">{escape(counts_line(data["counts"]))}</p>',
        _CONTROLS,
        '<div id="legend"></div>',
        '<div id="evidence"><p>Click an edge (or a node) for the sentences behind it.</p></div>',
        "</aside></div>",
        f'<script type="application/json" id="kg-data">{json_for_script(data)}</script>',
        f"<script>{_asset('graph_view.js')}</script>",
        "</body></html>",
    ])


def write_html(graph: nx.MultiDiGraph, path: Path, *, title: str = "kg graph") -> Path:
    path.write_text(render_html(graph, title=title), "utf-8")
    return path
