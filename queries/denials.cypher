// Question: Who denies what? Every DENIES statement with what is denied and the sentence.
// Param: limit int = 100  -- maximum number of rows
MATCH (s)-[:SOURCE_OF]->(e:Event {relation: 'DENIES'})-[:TARGETS]->(t)
RETURN s.name AS denier, t.name AS denied, CASE WHEN t:Topic THEN 'topic' ELSE 'actor' END AS kind,
       e.negated AS negated, e.date AS date, e.sentence AS sentence
ORDER BY date, denier, denied
LIMIT $limit
