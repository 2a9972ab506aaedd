"""Saved graph files: JSON round trip, GraphML/GEXF views, neo4j-admin CSV, Cypher script, HTML."""

from __future__ import annotations

import csv
import json
import re

import networkx as nx
import pytest
from graph_fixtures import documents, follow_up_triples, lookup, seed_triples

from kg import queries
from kg.aggregate import aggregate
from kg.errors import InputError, LexiconError
from kg.write.files import (
    ARRAY_DELIMITER,
    cypher_literal,
    export,
    inline,
    load_graph,
)
from kg.write.html import json_for_script, render_html, vis_network_assets
from kg.write.model import type_styles


@pytest.fixture
def graph():
    return aggregate(seed_triples() + follow_up_triples(), documents=documents(), actors=lookup)


def test_json_round_trip_is_lossless(graph, tmp_path):
    export(graph, tmp_path, ["json"])
    back = load_graph(tmp_path)
    assert nx.utils.graphs_equal(graph, back)
    assert back.graph["documents"] == graph.graph["documents"]
    assert sorted(back.edges(keys=True)) == sorted(graph.edges(keys=True))


def test_load_graph_explains_a_missing_or_broken_file(tmp_path):
    with pytest.raises(InputError, match="no graph.json"):
        load_graph(tmp_path)
    (tmp_path / "graph.json").write_text("{not json", "utf-8")
    with pytest.raises(InputError, match="cannot read graph"):
        load_graph(tmp_path)


def test_graphml_and_gexf_hold_every_node_and_edge(graph, tmp_path):
    export(graph, tmp_path, ["graphml", "gexf"])
    for reader, name in ((nx.read_graphml, "graph.graphml"), (nx.read_gexf, "graph.gexf")):
        back = reader(tmp_path / name)
        assert set(back.nodes) == set(graph.nodes), name
        assert back.number_of_edges() == graph.number_of_edges(), name
    back = nx.read_graphml(tmp_path / "graph.graphml")
    data = back.edges["ramzan-kadyrov", "germany", "THREATENS"]
    assert data["count"] == 2
    assert json.loads(data["doc_ids"]) == ["000_dbff4a963a0d4a54", "follow-up-2023-06"]
    assert "Poetin" in json.loads(back.nodes["vladimir-putin"]["aliases"])


def test_csv_files_follow_the_neo4j_admin_import_format(graph, tmp_path):
    files = {p.name: p for p in export(graph, tmp_path, ["csv"])}
    with files["nodes_actors.csv"].open(encoding="utf-8") as fh:
        actors = list(csv.DictReader(fh))
    assert len(actors) == graph.number_of_nodes() - 7  # 7 topics
    putin = next(a for a in actors if a["id:ID(Actor)"] == "vladimir-putin")
    assert putin[":LABEL"].split(ARRAY_DELIMITER) == ["Actor", "Person"]
    assert "Poetin" in putin["aliases:string[]"].split(ARRAY_DELIMITER)
    with files["rels_relation_actor_actor.csv"].open(encoding="utf-8") as fh:
        rels = list(csv.DictReader(fh))
    threat = next(r for r in rels if r[":START_ID(Actor)"] == "ramzan-kadyrov"
                  and r[":END_ID(Actor)"] == "germany")
    assert (threat[":TYPE"], threat["count:int"]) == ("THREATENS", "2")
    # the negated May claim has no aggregate edge: only June's positive claim is counted
    with files["rels_relation_actor_topic.csv"].open(encoding="utf-8") as fh:
        claims = [r for r in csv.DictReader(fh)
                  if r[":END_ID(Topic)"] == "topic:strike-on-the-intelligence-headquarters"]
    assert [(r[":TYPE"], r["count:int"], r["first_date"]) for r in claims] == [
        ("CLAIMS", "1", "2023-06-02")]
    with files["nodes_events.csv"].open(encoding="utf-8") as fh:
        events = list(csv.DictReader(fh))
    assert len(events) == 23
    assert sum(e["negated:boolean"] == "true" for e in events) == 1
    script = files["neo4j-admin-import.sh"].read_text()
    assert "neo4j-admin database import full" in script
    assert all(f"={name}" in script for name in files if name.endswith(".csv"))


@pytest.mark.parametrize("value,literal", [
    (None, "null"), (True, "true"), (3, "3"), (0.5, "0.5"),
    ("it's", "'it\\'s'"), ("back\\slash", "'back\\\\slash'"), ("two\nlines", "'two\\nlines'"),
    ("nul\x00", "'nul\\u0000'"), (["a", 1], "['a', 1]"), ({"k`": "v"}, "{`k```: 'v'}"),
])
def test_cypher_literals_escape_everything(value, literal):
    assert cypher_literal(value) == literal


def test_script_statements_carry_no_parameters(graph, tmp_path):
    export(graph, tmp_path, ["cypher"])
    text = (tmp_path / "graph.cypher").read_text("utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    assert not re.search(r"\$(rows|relation|plover|cameo|quad)\b", body)
    assert "MERGE (e:Event {id: row.id})" in body
    with pytest.raises(ValueError, match=r"\$rows"):
        inline(("UNWIND $rows AS row RETURN row", {}))


def test_queries_load_by_name_and_templates_take_only_whitelisted_values():
    query = queries.load("who_threatens_whom")
    assert "Who threatens" in query.question
    assert query.parameters({}) == {"limit": 50}
    assert query.parameters({"limit": "3"}) == {"limit": 3}
    with pytest.raises(InputError, match="needs --param name"):
        queries.load("ego_network").parameters({})
    with pytest.raises(InputError, match="has no parameter"):
        query.parameters({"limt": "3"})
    with pytest.raises(InputError, match="must be int"):
        query.parameters({"limit": "many"})
    with pytest.raises(InputError, match="no query named"):
        queries.load("drop_everything")
    template = "MATCH (s:__SOURCE_LABEL__), (t:__TARGET_LABEL__) MERGE (s)-[r:__REL__]->(t)"
    assert "[r:THREATENS]" in queries.render(template, REL="THREATENS", SOURCE_LABEL="Actor",
                                             TARGET_LABEL="Topic")
    with pytest.raises(LexiconError):
        queries.render(template, REL="THREATENS]->() DETACH DELETE n //", SOURCE_LABEL="Actor",
                       TARGET_LABEL="Actor")
    with pytest.raises(InputError):
        queries.render(template, REL="THREATENS", SOURCE_LABEL="Actor) DETACH DELETE (n",
                       TARGET_LABEL="Actor")


def test_schema_script_splits_into_idempotent_statements():
    stmts = queries.statements(queries.load("schema").text)
    assert len(stmts) >= 12
    assert all("IF NOT EXISTS" in s for s in stmts)


def test_html_inlines_vis_network_and_escapes_all_text(graph):
    js, css = vis_network_assets()
    assert "vis-network" in js[:400] and len(js) > 100_000
    html = render_html(graph)
    assert js in html and "<script src" not in html and "<link" not in html
    data = html.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and "&" not in data
    assert "\\u003csoon\\u003e" in data
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert json_for_script({"s": "</script><b>&"}) == (
        '{"s": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}')


def test_html_colours_and_style_grass_agree_with_the_type_table():
    grass = (queries.queries_dir() / "style.grass").read_text("utf-8")
    rules = _browser_grass_parse(grass)
    for style in type_styles().values():
        if style.label:
            assert rules[f"node.{style.label}"]["color"] == style.colour
            assert rules[f"node.{style.label}"]["caption"] == "{name}"
    from kg.vocab import relations

    for name in relations():
        # Browser 5 fills one {property} but leaves '<type> {count}' half literal: the edge
        # stores its caption (kg.write.explain.caption)
        assert rules[f"relationship.{name}"]["caption"] == "{caption}"
    assert rules["node.Topic"]["caption"] == "{name}"
    colours = [s.colour for s in type_styles().values()]
    assert len(set(colours)) == len(colours)  # REGION is not ACTOR's grey


def _browser_grass_parse(text: str) -> dict[str, dict[str, str]]:
    """Neo4j Browser's GraSS parser (GraphStyle.parse), to check the file as Browser reads it."""
    rules: dict[str, str] = {}
    inside_string = inside_props = False
    keyword = props = ""
    for c in text:
        if c == "{" and not inside_string:
            inside_props = True
            continue
        if c == "}" and not inside_string:
            inside_props = False
            rules[keyword] = props
            keyword = props = ""
            continue
        if c == "'":
            inside_string = not inside_string
            continue
        if inside_props:
            props += c
        elif not c.isspace():
            keyword += c
    parsed: dict[str, dict[str, str]] = {}
    for key, body in rules.items():
        parsed[key] = {}
        for prop in body.split(";"):
            parts = prop.split(":")
            if len(parts) >= 2 and parts[0].strip() and parts[1].strip():
                parsed[key][parts[0].strip()] = parts[1].strip()
    return parsed
