// Question: Whom does an actor deal with, in both directions? The actor is found by any name or
// alias through the full-text index actor_names ("Poetin", "Putin" and "Vladimir Putin" all work).
// Param: name string  -- a name or alias, e.g. Poetin
// Param: limit int = 100  -- maximum number of rows
CALL db.index.fulltext.queryNodes('actor_names',
  '"' + replace(replace($name, '\\', ' '), '"', ' ') + '"') YIELD node, score
WITH node AS actor ORDER BY score DESC, actor.name LIMIT 1
MATCH (actor)-[r]-(other)
WHERE NOT other:Event
RETURN actor.name AS actor,
       CASE WHEN startNode(r) = actor THEN 'out' ELSE 'in' END AS direction,
       type(r) AS relation, other.name AS other, r.count AS count, r.last_date AS last_date
ORDER BY count DESC, direction DESC, relation, other
LIMIT $limit
