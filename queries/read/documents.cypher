// Read: Document nodes (kg stats, graph rebuilt from Neo4j).
MATCH (d:Document)
RETURN d.id AS id, d.date AS date, d.lang AS lang, d.source AS source
ORDER BY id
