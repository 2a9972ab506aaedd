// Read: negated statements per (source, relation, target), which have no aggregate edge (kg stats).
MATCH (s)-[:SOURCE_OF]->(e:Event {negated: true})-[:TARGETS]->(t)
WITH s, t, e ORDER BY e.doc_id
RETURN s.id AS source, t.id AS target, e.relation AS relation, count(e) AS count,
       min(e.date) AS first_date, max(e.date) AS last_date, collect(DISTINCT e.doc_id) AS doc_ids
ORDER BY source, relation, target
