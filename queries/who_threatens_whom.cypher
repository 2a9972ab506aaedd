// Question: Who threatens (or warns) whom, and how often?
// Param: limit int = 50  -- maximum number of rows
MATCH (s)-[r:THREATENS|WARNS]->(t)
RETURN s.name AS source, type(r) AS relation, t.name AS target, r.count AS count,
       r.first_date AS first_date, r.last_date AS last_date
ORDER BY count DESC, source, relation, target
LIMIT $limit
