// Read: the aggregate relation edges between Actor/Topic nodes (kg stats).
MATCH (s)-[r]->(t)
WHERE (s:Actor OR s:Topic) AND (t:Actor OR t:Topic)
RETURN s.id AS source, t.id AS target, type(r) AS relation, properties(r) AS props
ORDER BY source, relation, target
