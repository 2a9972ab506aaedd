// Write: (re)derive the aggregate relationships of the given (source, relation, target) triples
// from their positive Events (found through the composite index event_edge). Never increments:
// a repeated, resumed or concurrent load converges on the same values. The loader has
// write-locked every source node at the start of the transaction (upsert_actors.cypher,
// upsert_topics.cypher), so two transactions touching the same edge recompute one after the
// other, each reading all committed Events.
// $rows: [{source_id, target_id, relation, new, plover, cameo, quad}] sorted. row.relation is a
// vocabulary name checked by kg.vocab.relation_type before it is sent, and is used as a dynamic
// type $(...) so that one statement serves every relation. row.new is the number of the key's
// positive Events this transaction has just created (0 when not known): when they are all its
// Events, the relationship cannot exist yet (it exists exactly when positive Events do) and is
// CREATEd. Otherwise it is looked for among the vocabulary's types (__RELS__, a static list:
// a dynamic type would make Neo4j walk every relationship of the two nodes, Events included)
// and created if missing; no other transaction can create it meanwhile, as its source is
// write-locked (locked again here for the Cypher script, which runs each statement in a
// transaction of its own). The caption and the sample sentence (highest confidence, then
// smallest event id, with its Document's url) are those of kg.write.explain.
UNWIND $rows AS row
MATCH (s:__SOURCE_LABEL__ {id: row.source_id})
MATCH (t:__TARGET_LABEL__ {id: row.target_id})
CALL (s, t, row) {
  MATCH (e:Event {source_id: s.id, relation: row.relation, target_id: t.id})
  WHERE e.negated = false
  WITH e ORDER BY e.doc_id
  RETURN count(e) AS n, min(e.date) AS first_date, max(e.date) AS last_date,
         collect(DISTINCT e.doc_id) AS doc_ids
}
WITH s, t, row, n, first_date, last_date, doc_ids
WHERE n > 0
CALL (s, t, row) {
  MATCH (e:Event {source_id: s.id, relation: row.relation, target_id: t.id})
  WHERE e.negated = false
  WITH e ORDER BY e.confidence DESC, e.id LIMIT 1
  OPTIONAL MATCH (d:Document {id: e.doc_id})
  RETURN {sample_event: e.id, sample_confidence: e.confidence, sample_sentence: e.sentence,
          sample_doc_id: e.doc_id, sample_date: e.date, sample_url: d.url} AS sample
}
CALL (s, t, row, n) {
  WITH * WHERE n = row.new
  CREATE (s)-[r:$(row.relation)]->(t)
  RETURN r
  UNION ALL
  WITH * WHERE n <> row.new
  SET s._kg_lock = true
  REMOVE s._kg_lock
  WITH s, t, row
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
  RETURN r
}
SET r.count = n, r.first_date = first_date, r.last_date = last_date, r.doc_ids = doc_ids,
    r.plover = row.plover, r.cameo = row.cameo, r.quad = row.quad,
    r.caption = row.relation + ' ×' + toString(n)
SET r += sample
