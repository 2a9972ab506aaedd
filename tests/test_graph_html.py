"""graph.html in headless Chromium: renders offline, its controls work, text stays text.

A screenshot of the filtered page is kept in out/test-artifacts/graph-html.png.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from graph_fixtures import documents, follow_up_triples, lookup, seed_triples
from headless import artifact_path, chromium_driver

from kg.aggregate import aggregate
from kg.stats import compute
from kg.types import Entity
from kg.write.html import counts_line, page_data, write_html

pytestmark = pytest.mark.browser

VISIBLE_EDGES = "return window.kgNetwork.body.data.edges.get();"


def seed_graph():
    return aggregate(seed_triples() + follow_up_triples(), documents=documents(), actors=lookup)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chromium_driver(tmp_path_factory.mktemp("chromium-profile"), window="1400,900",
                             browser_log=True)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(browser, tmp_path_factory):
    path = write_html(seed_graph(), tmp_path_factory.mktemp("html") / "graph.html")
    browser.get(path.as_uri())
    deadline = time.monotonic() + 30
    while browser.execute_script("return document.body.dataset.rendered") != "true":
        assert time.monotonic() < deadline, "vis-network never drew the graph"
        time.sleep(0.1)
    return browser


def choose(page, select_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(page.find_element(By.ID, select_id)).select_by_value(value)


def test_seed_actors_are_drawn_and_counted_as_kg_stats_counts_them(page):
    labels = page.execute_script(
        "return window.kgNetwork.body.data.nodes.get().map(function (n) { return n.label; });")
    for name in ("Vladimir Putin", "Ramzan Kadyrov", "Germany", "Poland", "Ukraine",
                 "Government of Ukraine", "revenge"):
        assert name in labels
    stats = compute(seed_graph())
    header = page.execute_script("return document.getElementById('counts').textContent;")
    assert header.startswith(f"{stats.actors} actors ({stats.places} places), "
                             f"{stats.topics} topics; {stats.edges} edges")
    assert header == counts_line(page_data(seed_graph())["counts"])
    assert "not drawn" not in header  # every actor of the seed graph has an edge
    size = page.execute_script(
        "var c = document.querySelector('#graph canvas'); return [c.width, c.height];")
    assert min(size) > 100
    edges = page.execute_script(VISIBLE_EDGES)
    assert {"THREATENS ×2", "not CLAIMS ×1"} <= {e["label"] for e in edges}
    colours = {e["label"]: e["color"]["color"] for e in edges}
    assert colours["THREATENS ×2"] == "#C0392B" and colours["PRAISES ×1"] == "#2870C2"


def test_actors_named_only_as_sources_are_counted_not_drawn():
    reuters = Entity(name="Reuters", text="Reuters", type="MEDIA", id="reuters")
    triples = seed_triples()
    triples[0] = replace(triples[0], attributed_to=reuters)  # "according to Reuters, ..."
    graph = aggregate(triples, actors=lookup)
    data = page_data(graph)
    assert "reuters" not in {n["id"] for n in data["nodes"]}
    assert (data["counts"]["actors"], data["counts"]["unlinked"]) == (compute(graph).actors, 1)
    assert counts_line(data["counts"]).endswith("; 1 actors only named as sources, not drawn")


def test_tooltips_are_short_and_aliases_wait_for_a_click(page):
    putin = page.execute_script(
        "return window.kgNetwork.body.data.nodes.get('vladimir-putin');")
    assert putin["title"].splitlines() == [
        "Vladimir Putin", "PERSON · RUS", "5 statements: 5 made, 0 received"]
    page.execute_script("window.kgNetwork.emit('click', {nodes: ['vladimir-putin'], edges: []});")
    details = page.execute_script(
        "var d = document.querySelector('#evidence details'); "
        "return [d.open, d.textContent];")
    assert details[0] is False and "Poetin" in details[1]


def test_filters_reduce_the_visible_edges(page):
    from selenium.webdriver.common.by import By

    everything = page.execute_script(VISIBLE_EDGES)
    choose(page, "hostility", "hostile")
    hostile = page.execute_script(VISIBLE_EDGES)
    assert 0 < len(hostile) < len(everything)
    assert {e["hostility"] for e in hostile} == {"hostile"}
    count = page.find_element(By.ID, "min-count")
    count.clear()
    count.send_keys("2")
    strong = page.execute_script(VISIBLE_EDGES)
    assert sorted((e["from"], e["label"], e["to"]) for e in strong) == [
        ("ramzan-kadyrov", "THREATENS ×2", "germany"),
        ("vladimir-putin", "ACCUSES ×2", "government-of-ukraine")]
    nodes = page.execute_script("return window.kgNetwork.body.data.nodes.getIds();")
    assert sorted(nodes) == ["germany", "government-of-ukraine", "ramzan-kadyrov",
                             "vladimir-putin"]  # nodes without a visible edge are hidden
    assert "showing 2 of" in page.find_element(By.ID, "visible").text
    page.save_screenshot(str(shot := artifact_path("graph-html-filtered.png")))
    print(f"screenshot: {shot}")
    choose(page, "hostility", "")
    count.clear()
    count.send_keys("1")
    choose(page, "relation", "THREATENS")
    assert {e["relation"] for e in page.execute_script(VISIBLE_EDGES)} == {"THREATENS"}
    choose(page, "relation", "")
    page.find_element(By.ID, "topics").click()
    kinds = page.execute_script(
        "return window.kgNetwork.body.data.nodes.get().map(function (n) { return n.kind; });")
    assert set(kinds) == {"Actor"}


def test_search_by_any_spelling_focuses_the_node(page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = page.find_element(By.ID, "search")
    box.send_keys("poetin", Keys.ENTER)  # a Dutch alias, lower case
    assert page.execute_script("return window.kgNetwork.getSelectedNodes();") == [
        "vladimir-putin"]
    centre = page.execute_script("return window.kgNetwork.getViewPosition();")
    node = page.execute_script(
        "return window.kgNetwork.getPositions(['vladimir-putin'])['vladimir-putin'];")
    assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
    assert page.execute_script(
        "return document.querySelector('#evidence h2').textContent;") == "Vladimir Putin"
    page.save_screenshot(str(shot := artifact_path("graph-html-search.png")))
    print(f"screenshot: {shot}")


def test_top_actor_labels_stay_readable_at_the_overview_zoom(page):
    page.execute_script("window.kgNetwork.moveTo({scale: 0.2});")
    page.execute_script("window.kgNetwork.emit('zoom', {scale: 0.2});")
    sizes = page.execute_script("""
        var net = window.kgNetwork, scale = net.getScale();
        return window.kgData.nodes.filter(function (n) { return n.top; }).map(function (n) {
          return net.body.nodes[n.id].options.font.size * scale; });""")
    assert sizes and min(sizes) >= 13.9


def test_evidence_panel_shows_sentences_as_text(page):
    page.execute_script("""
        var edge = window.kgNetwork.body.data.edges.get().filter(function (e) {
          return e.from === 'ramzan-kadyrov' && e.to === 'germany'; })[0];
        window.kgNetwork.emit('click', {nodes: [], edges: [edge.id]});
    """)
    text = page.execute_script("return document.getElementById('evidence').textContent;")
    assert "Opnieuw dreigde hij met Russische aanvallen tegen West-Europa" in text
    assert "'knock on the door' <soon>." in text
    assert page.execute_script("return document.querySelector('soon');") is None


def test_page_made_no_network_request_and_logged_no_error(page):
    resources = page.execute_script(
        "return performance.getEntriesByType('resource').map(function (r) { return r.name; });")
    assert resources == []
    errors = [e for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
