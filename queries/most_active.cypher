// Question: Which actors make the most statements, and about how many others? Statements made
// (out) and received (in), counted over the aggregate edges.
// Param: limit int = 20  -- maximum number of rows
MATCH (a:Actor)
OPTIONAL MATCH (a)-[o]->(x) WHERE o.count IS NOT NULL
WITH a, sum(o.count) AS made, count(DISTINCT x) AS targets
OPTIONAL MATCH (y)-[i]->(a) WHERE i.count IS NOT NULL
WITH a, made, targets, sum(i.count) AS received
WHERE made + received > 0
RETURN a.name AS actor, a.type AS type, made, received, targets
ORDER BY made + received DESC, actor
LIMIT $limit
