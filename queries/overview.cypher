// Question: What does the actor graph look like? Actors and the aggregate relationships between
// them only (no Events, Topics or Documents), strongest first; each relationship carries its
// caption ("THREATENS ×2") and one sample sentence, the most confident, with its document's id,
// date and url. In Neo4j Browser: drag queries/style.grass onto the window, run this, click an edge.
// Param: min_count int = 1  -- only relationships made of at least this many statements
// Param: limit int = 300  -- at most this many relationships
MATCH (s:Actor)-[r]->(t:Actor)
WHERE r.count >= $min_count
WITH s, r, t ORDER BY r.count DESC, s.name, type(r), t.name LIMIT $limit
OPTIONAL MATCH (d:Document {id: r.sample_doc_id})
RETURN s AS source, r AS relation, t AS target, r.count AS count, r.sample_sentence AS sample,
       r.sample_doc_id AS doc_id, coalesce(r.sample_date, d.date) AS date,
       coalesce(r.sample_url, d.url) AS url
