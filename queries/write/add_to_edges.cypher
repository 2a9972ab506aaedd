// Write: add the positive Events this transaction has just created (create_events_linked.cypher)
// to their aggregate relationships. Each relationship already holds the aggregate of every
// committed positive Event of its (source, relation, target) — every load keeps it so, in the
// transaction that changes the Events — so adding the new Events gives the aggregate of all of
// them, as a recompute from the Events would (recompute_edges.cypher, used when a stored Event
// changed its date). An Event that already existed is never added again, so a repeated,
// resumed or concurrent load converges on the same values. The sources are write-locked since
// the start of the transaction, so no other load changes these relationships meanwhile.
// $rows: [{source_id, target_id, relation, count, first_date, last_date, doc_ids, plover,
// cameo, quad, sample}] sorted; count, dates and doc_ids are those of the new Events, sample the
// best of them (kg.write.explain: highest confidence, then smallest id), which replaces the
// stored sample when better; the sample's url is its Document's. caption = 'RELATION ×count'. row.relation is a
// vocabulary name checked by kg.vocab.relation_type before it is sent, used as a dynamic type
// $(...); the existing relationship is looked for among the vocabulary's types (__RELS__, a
// static list: a dynamic type would make Neo4j walk every relationship of the two nodes).
// $nodes: entity id -> element id (find_nodes.cypher).
UNWIND $rows AS row
MATCH (s) WHERE elementId(s) = $nodes[row.source_id]
MATCH (t) WHERE elementId(t) = $nodes[row.target_id]
CALL (s, t, row) {
  OPTIONAL MATCH (s)-[old:__RELS__]->(t) WHERE type(old) = row.relation
  RETURN old LIMIT 1
}
CALL (s, t, row, old) {
  WITH * WHERE old IS NULL
  CREATE (s)-[r:$(row.relation)]->(t)
  RETURN r
  UNION ALL
  WITH * WHERE old IS NOT NULL
  RETURN old AS r
}
WITH s, t, row, old, r,
     old IS NULL OR old.sample_event IS NULL
     OR row.sample.sample_confidence > old.sample_confidence
     OR (row.sample.sample_confidence = old.sample_confidence
         AND row.sample.sample_event < old.sample_event) AS better
SET r.count = coalesce(old.count, 0) + row.count,
    r.first_date = CASE WHEN old.first_date IS NULL OR row.first_date < old.first_date
                        THEN coalesce(row.first_date, old.first_date) ELSE old.first_date END,
    r.last_date = CASE WHEN old.last_date IS NULL OR row.last_date > old.last_date
                       THEN coalesce(row.last_date, old.last_date) ELSE old.last_date END,
    r.doc_ids = COLLECT { UNWIND coalesce(old.doc_ids, []) + row.doc_ids AS doc_id
                          WITH DISTINCT doc_id ORDER BY doc_id RETURN doc_id },
    r.plover = row.plover, r.cameo = row.cameo, r.quad = row.quad
SET r.caption = row.relation + ' ×' + toString(r.count)
WITH r, row, better WHERE better
OPTIONAL MATCH (d:Document {id: row.sample.sample_doc_id})
SET r += row.sample, r.sample_url = d.url
