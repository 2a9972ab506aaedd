// Question: How much do countries cooperate versus fight? For each (source country, target
// country) pair, the statements of their actors classed cooperative (PLOVER quad 1-2) and
// hostile (quad 3-4), and the balance (cooperative - hostile).
// Param: limit int = 50  -- maximum number of rows
MATCH (s:Actor)-[r]->(t:Actor)
WHERE s.country IS NOT NULL AND t.country IS NOT NULL AND s.country <> t.country
  AND r.quad IS NOT NULL
WITH s.country AS source_country, t.country AS target_country,
     sum(CASE WHEN r.quad IN [1, 2] THEN r.count ELSE 0 END) AS cooperative,
     sum(CASE WHEN r.quad IN [3, 4] THEN r.count ELSE 0 END) AS hostile
WHERE cooperative + hostile > 0
RETURN source_country, target_country, cooperative, hostile, cooperative - hostile AS balance
ORDER BY cooperative + hostile DESC, source_country, target_country
LIMIT $limit
