// Question: What does a given source report? The statements attributed to it ("according to
// ISW ..."), matched by the source's name or alias.
// Param: source string  -- the attributing actor, e.g. ISW
// Param: limit int = 100  -- maximum number of rows
MATCH (a:Actor) WHERE a.name = $source OR $source IN coalesce(a.aliases, [])
MATCH (s)-[:SOURCE_OF]->(e:Event)-[:ATTRIBUTED_TO]->(a)
MATCH (e)-[:TARGETS]->(t)
RETURN a.name AS according_to, s.name AS source, e.relation AS relation, e.negated AS negated,
       t.name AS target, e.date AS date, e.sentence AS sentence
ORDER BY date, source, relation, target
LIMIT $limit
