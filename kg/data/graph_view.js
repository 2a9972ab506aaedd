// graph.html's own script (kg/write/html.py inlines it): filters, search, labels, evidence.
// Text reaches the page only through textContent: sentences stay text.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var panel = document.getElementById("evidence");
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function swatch(colour, text, line) {
    var span = el("span"), dot = el("i", undefined, line ? "line" : undefined);
    dot.style.background = colour;
    span.appendChild(dot); span.appendChild(document.createTextNode(text));
    return span;
  }
  var legend = $("legend");
  data.legend.forEach(function (item) { legend.appendChild(swatch(item[1], item[0])); });
  ["hostile", "cooperative", "neutral"].forEach(function (kind) {
    legend.appendChild(swatch(data.hostility[kind], kind, true));
  });
  data.relations.forEach(function (name) {
    var option = el("option", name); option.value = name; $("relation").appendChild(option);
  });

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);

  // --- filters: an edge shows when it passes every control, a node when one of its edges does
  var filter = {relation: "", hostility: "", minCount: 1, topics: true};
  function edgeShown(e) {
    return (!filter.relation || e.relation === filter.relation) &&
      (!filter.hostility || e.hostility === filter.hostility) &&
      e.count >= filter.minCount &&
      (filter.topics || (byId[e.from].kind !== "Topic" && byId[e.to].kind !== "Topic"));
  }
  var shownNodes = {};
  var edgeView = new vis.DataView(edges, {filter: edgeShown});
  var nodeView = new vis.DataView(nodes, {filter: function (n) { return !!shownNodes[n.id]; }});
  function refresh() {
    shownNodes = {};
    edgeView.refresh();
    edgeView.get().forEach(function (e) { shownNodes[e.from] = shownNodes[e.to] = true; });
    nodeView.refresh();
    $("visible").textContent = "showing " + edgeView.length + " of " + edges.length +
      " edges, " + nodeView.length + " nodes";
  }
  refresh();
  $("relation").addEventListener("change", function (ev) {
    filter.relation = ev.target.value; refresh(); });
  $("hostility").addEventListener("change", function (ev) {
    filter.hostility = ev.target.value; refresh(); });
  $("min-count").addEventListener("input", function (ev) {
    filter.minCount = Math.max(1, parseInt(ev.target.value, 10) || 1); refresh(); });
  $("topics").addEventListener("change", function (ev) {
    filter.topics = ev.target.checked; refresh(); });

  // --- the side panel: a node's details (aliases behind a click) and evidence of edges
  function showEvidence(list) {
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
  function showNode(id) {
    var n = byId[id];
    panel.replaceChildren(el("h2", n.label));
    panel.appendChild(el("p", (n.type || n.kind) + (n.country ? " · " + n.country : "") +
      " · " + n.made + " statements made, " + n.received + " received", "meta"));
    if (n.aliases.length) {
      var more = el("details");
      more.appendChild(el("summary", "also known as (" + n.aliases.length + ")"));
      more.appendChild(el("p", n.aliases.join(", ")));
      panel.appendChild(more);
    }
    showEvidence(edgeView.get({filter: function (e) { return e.from === id || e.to === id; }}));
  }

  var network = new vis.Network($("graph"), {nodes: nodeView, edges: edgeView}, {
    nodes: {font: {size: 14}, scaling: {min: 6, max: 40}},
    edges: {arrows: "to", font: {size: 10, align: "middle"}, smooth: {type: "dynamic"}},
    physics: {stabilization: {iterations: 300}, barnesHut: {springLength: 160}},
    interaction: {hover: true, tooltipDelay: 150}
  });

  // --- labels of the top actors stay readable at any zoom: their font grows as the view shrinks
  var top = data.nodes.filter(function (n) { return n.top; });
  function keepTopLabels() {
    var size = Math.max(14, Math.round(14 / network.getScale()));
    nodes.update(top.map(function (n) {
      return {id: n.id, font: {size: size, strokeWidth: 4, strokeColor: "#ffffff"}};
    }));
  }
  network.on("zoom", keepTopLabels);

  // --- search: any spelling (name or alias), case and accents ignored; focus the node
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  var names = $("names"), spellings = [];
  data.nodes.forEach(function (n) {
    [n.label].concat(n.aliases).forEach(function (s) { spellings.push([fold(s), n.id]); });
    var option = el("option"); option.value = n.label; names.appendChild(option);
  });
  function find(text) {
    var q = fold(text), hit = null;
    if (!q) return null;
    spellings.forEach(function (s) { if (!hit && s[0] === q) hit = s[1]; });
    spellings.forEach(function (s) { if (!hit && s[0].indexOf(q) === 0) hit = s[1]; });
    return hit;
  }
  function focus(id) {
    if (!shownNodes[id]) {  // filtered out: clear the filters that hide it
      filter = {relation: "", hostility: "", minCount: 1, topics: true};
      $("relation").value = ""; $("hostility").value = ""; $("min-count").value = 1;
      $("topics").checked = true;
      refresh();
    }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(1, network.getScale()), animation: false});
    keepTopLabels();
    showNode(id);
  }
  $("search").addEventListener("change", function (ev) {
    var id = find(ev.target.value);
    if (id) focus(id);
  });

  network.on("click", function (params) {
    if (params.edges.length && !params.nodes.length) {
      panel.replaceChildren(el("h2", "Evidence"));
      showEvidence(edges.get(params.edges));
    } else if (params.nodes.length) {
      showNode(params.nodes[0]);
    }
  });
  network.once("afterDrawing", function () { document.body.dataset.rendered = "true"; });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: false});
    network.fit();
    keepTopLabels();
  });
  window.kgNetwork = network;
  window.kgData = data;
  window.kgFocus = function (text) { var id = find(text); if (id) focus(id); return id; };
})();
