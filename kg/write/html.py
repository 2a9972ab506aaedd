"""A self-contained ``graph.html``: the actor graph in any browser, no server, no network.

The vis-network library is read at render time from the installed ``pyvis`` package (a
PyPI dependency that ships ``vis-network.min.js``) and inlined, so nothing is fetched from
a CDN and no JavaScript is copied into this repository.  The page's Content-Security-Policy
forbids every network request.  Graph data travels as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and the
page's own script writes text only through ``textContent``/``innerText``: sentences full of
quotes and angle brackets stay text.
"""

from __future__ import annotations

import importlib.util
import json
import re
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

import networkx as nx

from kg.aggregate import ACTOR
from kg.errors import GraphWriteError
from kg.write.model import type_colour

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


def page_data(graph: nx.MultiDiGraph, *, max_evidence: int = MAX_EVIDENCE) -> dict[str, Any]:
    """Nodes and edges in vis-network's format, with evidence for the side panel."""
    degree = dict(graph.degree(weight="count"))
    nodes = []
    for node, attrs in sorted(graph.nodes(data=True)):
        kind = attrs["kind"]
        lines = [attrs["name"], f"{attrs.get('type', kind)} ({kind})"]
        if attrs.get("country"):
            lines.append(f"country: {attrs['country']}")
        if attrs.get("aliases"):
            lines.append("also: " + ", ".join(attrs["aliases"]))
        nodes.append({
            "id": node, "label": attrs["name"], "kind": kind, "type": attrs.get("type"),
            "color": type_colour(attrs.get("type", ""), kind),
            "shape": "dot" if kind == ACTOR else "box",
            "value": 1 + degree.get(node, 0), "title": "\n".join(lines),
        })
    edges = []
    for src, tgt, key, attrs in sorted(graph.edges(keys=True, data=True)):
        relation = ("not " if attrs["negated"] else "") + attrs["relation"]
        evidence = sorted(attrs["evidence"], key=lambda ev: (ev.get("date") or "", ev["id"]))
        edges.append({
            "id": f"{src}\x1f{key}\x1f{tgt}", "from": src, "to": tgt,
            "label": f"{relation} ×{attrs['count']}", "relation": attrs["relation"],
            "negated": attrs["negated"], "count": attrs["count"], "dashes": attrs["negated"],
            "title": f"{graph.nodes[src]['name']} {relation} {graph.nodes[tgt]['name']}\n"
                     f"{attrs['count']}× · {attrs['first_date']} – {attrs['last_date']}",
            "evidence": [{"sentence": ev["sentence"], "doc_id": ev["doc_id"],
                          "date": ev.get("date"), "url": ev.get("url"),
                          "negated": ev.get("negated", False),
                          "attributed_to": (ev.get("attributed_to") or {}).get("name"),
                          "source_text": ev["source"]["text"],
                          "target_text": ev["target"]["text"]}
                         for ev in evidence[:max_evidence]],
            "more_evidence": max(0, len(evidence) - max_evidence),
        })
    legend = sorted({(n["type"] or n["kind"], n["color"]) for n in nodes})
    return {"nodes": nodes, "edges": edges, "legend": [list(item) for item in legend]}


_STYLE = """
html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #222; }
#kg { display: flex; height: 100%; }
#graph { flex: 1; min-width: 0; border-right: 1px solid #ddd; }
#panel { width: 26rem; overflow: auto; padding: 0 1rem; }
#panel h1 { font-size: 1.1rem; }
#panel blockquote { margin: .5rem 0; padding: .3rem .6rem; border-left: 3px solid #888;
                    background: #f6f6f6; }
#panel .meta { color: #666; font-size: .85rem; }
#legend span { display: inline-block; margin: 0 .6rem .3rem 0; }
#legend i { display: inline-block; width: .8rem; height: .8rem; border-radius: 50%;
            margin-right: .25rem; vertical-align: middle; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var panel = document.getElementById("evidence");
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  var legend = document.getElementById("legend");
  data.legend.forEach(function (item) {
    var span = el("span"), dot = el("i");
    dot.style.background = item[1];
    span.appendChild(dot); span.appendChild(document.createTextNode(item[0]));
    legend.appendChild(span);
  });
  var nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  function showEdges(title, list) {
    panel.replaceChildren(el("h2", title));
    list.forEach(function (e) {
      panel.appendChild(el("h3", byId[e.from].label + " " + e.label + " " + byId[e.to].label));
      e.evidence.forEach(function (ev) {
        panel.appendChild(el("blockquote", ev.sentence));
        var meta = ev.doc_id + (ev.date ? " · " + ev.date : "") + " · " + ev.source_text +
          " → " + ev.target_text + (ev.negated ? " · negated" : "") +
          (ev.attributed_to ? " · according to " + ev.attributed_to : "");
        var line = panel.appendChild(el("div", meta, "meta"));
        if (ev.url && /^https?:[/][/]/i.test(ev.url)) {  // never a javascript: link
          var link = el("a", ev.url);
          link.href = ev.url; link.target = "_blank"; link.rel = "noopener noreferrer";
          line.appendChild(document.createTextNode(" · "));
          line.appendChild(link);
        }
      });
      if (e.more_evidence) panel.appendChild(el("p", "… and " + e.more_evidence + " more"));
    });
  }
  var network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges}, {
    nodes: {font: {size: 14}, scaling: {min: 8, max: 40}},
    edges: {arrows: "to", font: {size: 10, align: "middle"}, smooth: {type: "dynamic"}},
    physics: {stabilization: {iterations: 300}, barnesHut: {springLength: 160}},
    interaction: {hover: true, tooltipDelay: 150}
  });
  network.on("click", function (params) {
    if (params.edges.length && !params.nodes.length) {
      showEdges("Evidence", edges.get(params.edges));
    } else if (params.nodes.length) {
      var id = params.nodes[0];
      showEdges(byId[id].label, edges.get({filter: function (e) {
        return e.from === id || e.to === id; }}));
    }
  });
  network.once("afterDrawing", function () { document.body.dataset.rendered = "true"; });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: false});
  });
  window.kgNetwork = network;
  window.kgData = data;
})();
"""


def render_html(graph: nx.MultiDiGraph, *, title: str = "kg graph",
                max_evidence: int = MAX_EVIDENCE) -> str:
    js, css = vis_network_assets()
    data = page_data(graph, max_evidence=max_evidence)
    counts = (f"{sum(1 for n in data['nodes'] if n['kind'] == ACTOR)} actors, "
              f"{len(data['nodes'])} nodes, {len(data['edges'])} edges")
    return "\n".join([
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{escape(title)}</title>",
        f"<style>{css}</style><style>{_STYLE}</style>",
        f"<script>{js}</script>",
        "</head><body>",
        '<div id="kg"><div id="graph"></div><aside id="panel">',
        f"<h1>{escape(title)}</h1><p class=\"meta\">{escape(counts)}</p>",
        '<div id="legend"></div>',
        '<div id="evidence"><p>Click an edge (or a node) for the sentences behind it.</p></div>',
        "</aside></div>",
        f'<script type="application/json" id="kg-data">{json_for_script(data)}</script>',
        f"<script>{_SCRIPT}</script>",
        "</body></html>",
    ])


def write_html(graph: nx.MultiDiGraph, path: Path, *, title: str = "kg graph") -> Path:
    path.write_text(render_html(graph, title=title), "utf-8")
    return path
