// Question: Which actors are accused or criticised most, and by whom?
// Param: limit int = 20  -- maximum number of rows
MATCH (s)-[r:ACCUSES|CRITICIZES]->(t:Actor)
WITH t, s, sum(r.count) AS n ORDER BY s.name
RETURN t.name AS actor, sum(n) AS accusations, count(s) AS accusers, collect(s.name) AS accused_by
ORDER BY accusations DESC, actor
LIMIT $limit
