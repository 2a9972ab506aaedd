// Question: What did actors explicitly NOT say or do? Negated statements ("the ministry did not
// claim ...") are kept as Events with negated: true and never counted in the edges.
// Param: limit int = 100  -- maximum number of rows
MATCH (s)-[:SOURCE_OF]->(e:Event {negated: true})-[:TARGETS]->(t)
RETURN s.name AS source, 'NOT ' + e.relation AS relation, t.name AS target, e.date AS date,
       e.sentence AS sentence
ORDER BY date, source, relation, target
LIMIT $limit
