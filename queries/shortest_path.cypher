// Question: How are two actors connected? The shortest chain of relation edges between them
// (either direction, at most 6 hops, through actors and topics, not through Events).
// Param: a string  -- first actor (name or alias), e.g. Ramzan Kadyrov
// Param: b string  -- second actor (name or alias), e.g. Ukraine
MATCH (x:Actor) WHERE x.name = $a OR $a IN coalesce(x.aliases, [])
MATCH (y:Actor) WHERE y.name = $b OR $b IN coalesce(y.aliases, [])
MATCH p = shortestPath((x)-[rels*..6]-(y))
WHERE x <> y
  AND none(r IN rels WHERE type(r) IN ['SOURCE_OF', 'TARGETS', 'FROM_DOCUMENT', 'ATTRIBUTED_TO'])
RETURN [n IN nodes(p) | n.name] AS path,
       [r IN relationships(p) | startNode(r).name + ' ' + type(r) + ' ' + endNode(r).name] AS steps,
       length(p) AS hops
ORDER BY hops
LIMIT 1
