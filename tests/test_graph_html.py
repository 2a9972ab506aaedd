"""graph.html in headless Chromium: renders offline, shows the seed actors, text stays text."""

from __future__ import annotations

import time

import pytest
from graph_fixtures import documents, follow_up_triples, lookup, seed_triples
from headless import chromium_driver

from kg.aggregate import aggregate
from kg.write.html import write_html

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chromium_driver(tmp_path_factory.mktemp("chromium-profile"), window="1400,900",
                             browser_log=True)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory):
    graph = aggregate(seed_triples() + follow_up_triples(), documents=documents(), actors=lookup)
    path = write_html(graph, tmp_path_factory.mktemp("html") / "graph.html")
    browser.get(path.as_uri())
    deadline = time.monotonic() + 30
    while browser.execute_script("return document.body.dataset.rendered") != "true":
        assert time.monotonic() < deadline, "vis-network never drew the graph"
        time.sleep(0.1)
    return browser


def test_seed_actors_are_drawn(page):
    labels = page.execute_script(
        "return window.kgNetwork.body.data.nodes.get().map(function (n) { return n.label; });")
    for name in ("Vladimir Putin", "Ramzan Kadyrov", "Germany", "Poland", "Ukraine",
                 "Government of Ukraine", "Institute for the Study of War"):
        assert name in labels
    positions = page.execute_script("return window.kgNetwork.getPositions();")
    assert {"vladimir-putin", "ramzan-kadyrov", "germany"} <= set(positions)
    size = page.execute_script(
        "var c = document.querySelector('#graph canvas'); return [c.width, c.height];")
    assert min(size) > 100
    edges = page.execute_script(
        "return window.kgNetwork.body.data.edges.get().map(function (e) { return e.label; });")
    assert "THREATENS ×2" in edges
    assert "not CLAIMS ×1" in edges


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
