"""Save and load the embedded graph: node-link JSON, GraphML, GEXF, CSV for neo4j-admin, Cypher.

Node-link JSON is the canonical, lossless form (``kg load GRAPH_DIR`` reads it).  GraphML
and GEXF are views for Gephi and friends: they only hold scalars, so lists and dicts
(aliases, doc_ids, evidence) are stored as JSON strings.  The CSV files and the Cypher
script are built from the same rows and statements as :class:`kg.write.neo4j.Neo4jWriter`,
so every route into Neo4j ends in the same graph.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.aggregate import ACTOR, TOPIC, graph_documents, iter_triples
from kg.errors import InputError
from kg.queries import load, statements
from kg.write.html import write_html
from kg.write.model import (
    EntityRow,
    attrs_from_nodes,
    document_row,
    edge_rows,
    entity_row,
    event_row,
    relation_rows,
)
from kg.write.neo4j import (
    Statement,
    batch_statements,
    chunks,
    document_statements,
    plan_batch,
)

GRAPH_JSON = "graph.json"
#: The node-link field that holds the node key ("id" is one of our node attributes).
_NODE_KEY = "node"
FORMATS = ("json", "graphml", "gexf", "html", "csv", "cypher")
#: What ``save`` writes by default: the embedded graph a user opens without a server.
DEFAULT_FORMATS = ("json", "graphml", "gexf", "html")
#: Between array elements in the CSV files (U+001F cannot occur in names or ids).
ARRAY_DELIMITER = "\x1f"


# --- node-link JSON (canonical) -------------------------------------------------------

def write_json(graph: nx.MultiDiGraph, path: Path) -> Path:
    data = nx.node_link_data(graph, edges="edges", name=_NODE_KEY)
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), "utf-8")
    return path


def read_json(path: Path) -> nx.MultiDiGraph:
    try:
        data = json.loads(path.read_text("utf-8"))
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges",
                                  name=_NODE_KEY)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"cannot read graph {path}: {exc}") from None


def load_graph(path: Path) -> nx.MultiDiGraph:
    """Read a saved graph from its directory (``graph.json`` inside) or the JSON file."""
    target = path / GRAPH_JSON if path.is_dir() else path
    if not target.is_file():
        raise InputError(f"no {GRAPH_JSON} in {path}; build or export a graph first")
    return read_json(target)


# --- GraphML / GEXF ---------------------------------------------------------------------

def _scalar(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) \
        if isinstance(value, list | dict | tuple) else value


def flat_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes (lists/dicts as JSON strings, None dropped)."""
    flat = nx.MultiDiGraph(**{k: _scalar(v) for k, v in graph.graph.items() if v is not None})
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    for src, tgt, key, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(src, tgt, key=key,
                      **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    return flat


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> Path:
    nx.write_graphml(flat_copy(graph), path, encoding="utf-8")
    return path


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> Path:
    flat = flat_copy(graph)
    for _, _, key, attrs in flat.edges(keys=True, data=True):
        attrs["label"] = key  # Gephi shows the edge label; the key is not kept otherwise
    for _, attrs in flat.nodes(data=True):
        attrs["label"] = attrs.get("name", "")
    nx.write_gexf(flat, path, encoding="utf-8")
    return path


# --- CSV for neo4j-admin database import --------------------------------------------

_NODE_FILES: dict[str, list[str]] = {
    "actors": ["id:ID(Actor)", ":LABEL", "name", "type", "country", "wikidata",
               "aliases:string[]", "known:boolean"],
    "topics": ["id:ID(Topic)", ":LABEL", "name", "type", "lang"],
    "documents": ["id:ID(Document)", ":LABEL", "date", "lang", "source", "text_hash"],
    "events": ["id:ID(Event)", ":LABEL", "relation", "plover", "cameo", "quad:int",
               "negated:boolean", "sentence", "sentence_index:int", "doc_id", "date", "lang",
               "char_start:int", "char_end:int", "verb", "confidence:float", "source_text",
               "target_text", "attributed_to", "url", "source_id", "target_id"],
    "relations": ["name:ID(Relation)", ":LABEL", "plover", "cameo", "quad:int", "quad_class",
                  "description"],
}
_EDGE_PROPS = ["count:int", "first_date", "last_date", "plover", "cameo", "quad:int",
               "doc_ids:string[]", "caption", "sample_event", "sample_confidence:float",
               "sample_sentence", "sample_doc_id", "sample_date", "sample_url"]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return value


def _csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
    return path


def _field(column: str) -> str:
    return column.split(":")[0]


def _labels(row: EntityRow) -> list[str]:
    """``:LABEL`` cell of an actor: Actor plus its type label (array-delimited)."""
    return [ACTOR] if row.type_label == ACTOR else [ACTOR, row.type_label]


def admin_import_arguments(files: Iterable[Path]) -> list[str]:
    """Options of ``neo4j-admin database import full`` for the CSV files (run in their folder)."""
    files = sorted(files, key=lambda p: p.name)
    return (["--array-delimiter=U+001F", "--multiline-fields=true"]
            + [f"--nodes={p.name}" for p in files if p.name.startswith("nodes_")]
            + [f"--relationships={p.name}" for p in files if p.name.startswith("rels_")])


def write_csv(graph: nx.MultiDiGraph, out_dir: Path) -> list[Path]:
    """Node and relationship files plus ``neo4j-admin-import.sh`` with the exact command."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    entities = [entity_row(graph.nodes[node]) for node in sorted(graph.nodes)]
    events = [event_row(t) for t in iter_triples(graph)]
    documents = [document_row(d) for d in graph_documents(graph)]
    meta_keys = sorted({k for d in documents for k in d["meta"]})  # sidecar columns
    node_rows: dict[str, list[list[Any]]] = {
        "actors": [[e.id, _labels(e), *[e.props.get(_field(c)) for c in _NODE_FILES["actors"][2:]]]
                   for e in entities if e.label == ACTOR],
        "topics": [[e.id, TOPIC, *[e.props.get(_field(c)) for c in _NODE_FILES["topics"][2:]]]
                   for e in entities if e.label == TOPIC],
        "documents": [[d["id"], "Document", d["date"], d["lang"], d["source"], d["text_hash"],
                       *[d["meta"].get(k) for k in meta_keys]] for d in documents],
        "events": [[e.id, "Event", *[e.props.get(_field(c)) for c in _NODE_FILES["events"][2:]]]
                   for e in events],
        "relations": [[r["name"], "Relation",
                       *[r[_field(c)] for c in _NODE_FILES["relations"][2:]]]
                      for r in relation_rows()],
    }
    for name, header in _NODE_FILES.items():
        header = header + meta_keys if name == "documents" else header
        written.append(_csv(out_dir / f"nodes_{name}.csv", header, node_rows[name]))

    rels: dict[tuple[str, str, str], list[list[Any]]] = {}

    def add(start: str, end: str, kind: str, row: list[Any]) -> None:
        rels.setdefault((start, end, kind), []).append(row)

    for e in events:
        add(e.source_label, "Event", "SOURCE_OF", [e.source_id, e.id, "SOURCE_OF"])
        add("Event", e.target_label, "TARGETS", [e.id, e.target_id, "TARGETS"])
        add("Event", "Document", "FROM_DOCUMENT", [e.id, e.doc_id, "FROM_DOCUMENT"])
        if e.attributed_label:
            add("Event", e.attributed_label, "ATTRIBUTED_TO",
                [e.id, e.attributed_id, "ATTRIBUTED_TO"])
    for key, props in edge_rows(graph):
        add(key.source_label, key.target_label, "RELATION",
            [key.source_id, key.target_id, key.relation,
             *[props[_field(c)] for c in _EDGE_PROPS]])
    for (start, end, kind), rows in sorted(rels.items()):
        header = [f":START_ID({start})", f":END_ID({end})", ":TYPE"]
        if kind == "RELATION":
            header += _EDGE_PROPS
        path = out_dir / f"rels_{kind.lower()}_{start.lower()}_{end.lower()}.csv"
        written.append(_csv(path, header, rows))

    script = out_dir / "neo4j-admin-import.sh"
    script.write_text(
        "#!/bin/sh\n"
        "# Bulk-load these CSV files into a new, empty database (Neo4j 5.26), then create the\n"
        "# constraints and indexes: `kg load` does it on first connect, or run\n"
        "# queries/schema.cypher with cypher-shell.\n"
        "# Usage: sh neo4j-admin-import.sh [DATABASE]   (run from this directory)\n"
        'exec neo4j-admin database import full "${1:-neo4j}" \\\n  '
        + " \\\n  ".join(admin_import_arguments(written)) + "\n", "utf-8")
    written.append(script)
    return written


# --- Cypher script ------------------------------------------------------------------------

_PARAM_RE = re.compile(r"\$([A-Za-z_]\w*)")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a parameter value; every string is escaped, nothing is raw."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} as a Cypher literal")
        return repr(value)
    if isinstance(value, str):
        body = "".join(_ESCAPES.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 0x20 else c)
                       for c in value)
        return f"'{body}'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"`{str(k).replace('`', '``')}`: {cypher_literal(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    raise ValueError(f"cannot write {type(value).__name__} as a Cypher literal")


def inline(statement: Statement) -> str:
    """The statement with each ``$param`` replaced by its literal (scripts take no params)."""
    query, params = statement
    query = "\n".join(line for line in query.splitlines() if not line.lstrip().startswith("//"))

    def sub(match: re.Match[str]) -> str:
        if match[1] not in params:
            raise ValueError(f"statement uses ${match[1]} but it has no value")
        return cypher_literal(params[match[1]])

    return _PARAM_RE.sub(sub, query)


def script_statements(graph: nx.MultiDiGraph, *, batch_size: int = 500) -> Iterator[str]:
    """Schema, vocabulary, documents, then the loader's batch statements with literals."""
    yield from statements(load("schema").text)
    yield inline((load("write/upsert_relations").text, {"rows": relation_rows()}))
    docs = [document_row(d) for d in graph_documents(graph)]
    if docs:
        for statement in document_statements(docs):
            yield inline(statement)
    attrs_of = attrs_from_nodes(graph.nodes)
    for chunk in chunks(iter_triples(graph), batch_size):
        for statement in batch_statements(plan_batch(chunk, attrs_of)):
            yield inline(statement)


def write_cypher(graph: nx.MultiDiGraph, path: Path) -> Path:
    """A ``cypher-shell -f`` script; idempotent like the loader (MERGE, derived edges)."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("// kg graph as a Cypher script: cypher-shell -u neo4j -f graph.cypher\n")
        for statement in script_statements(graph):
            fh.write(statement.rstrip() + ";\n")
    return path


# --- dispatch -----------------------------------------------------------------------------

_WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path], list[Path]]] = {
    "json": lambda g, d: [write_json(g, d / GRAPH_JSON)],
    "graphml": lambda g, d: [write_graphml(g, d / "graph.graphml")],
    "gexf": lambda g, d: [write_gexf(g, d / "graph.gexf")],
    "html": lambda g, d: [write_html(g, d / "graph.html")],
    "csv": lambda g, d: write_csv(g, d / "neo4j-import"),
    "cypher": lambda g, d: [write_cypher(g, d / "graph.cypher")],
}


def export(graph: nx.MultiDiGraph, out_dir: Path,
           formats: Iterable[str] = DEFAULT_FORMATS) -> list[Path]:
    """Write the graph in each format into ``out_dir``; returns the files written."""
    formats = list(formats)
    unknown = [f for f in formats if f not in _WRITERS]
    if unknown:
        raise InputError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    return [path for fmt in formats for path in _WRITERS[fmt](graph, out_dir)]
