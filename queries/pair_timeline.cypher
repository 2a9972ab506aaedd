// Question: What happened between two actors over time? Every statement either makes about the
// other, oldest first. Actors match by name or alias.
// Param: a string  -- first actor, e.g. Vladimir Putin
// Param: b string  -- second actor, e.g. Kiev
MATCH (x:Actor) WHERE x.name = $a OR $a IN coalesce(x.aliases, [])
MATCH (y:Actor) WHERE y.name = $b OR $b IN coalesce(y.aliases, [])
MATCH (s:Actor)-[:SOURCE_OF]->(e:Event)-[:TARGETS]->(t:Actor)
WHERE (s = x AND t = y) OR (s = y AND t = x)
RETURN e.date AS date, s.name AS source, e.relation AS relation, e.negated AS negated,
       t.name AS target, e.sentence AS sentence, e.doc_id AS document
ORDER BY date, document, e.sentence_index, relation
