// Question: Which actors appear for the first time in a date range? First mention as source,
// target or attributed source of any statement.
// Param: from string  -- first date (inclusive), e.g. 2023-06
// Param: to string = 9999  -- last date (inclusive; a prefix such as 2023-06 covers the month)
MATCH (a:Actor)--(e:Event)
WITH a, min(e.date) AS first_seen, count(DISTINCT e) AS mentions
WHERE first_seen >= $from AND (first_seen <= $to OR first_seen STARTS WITH $to)
RETURN a.name AS actor, a.type AS type, a.country AS country, first_seen, mentions
ORDER BY first_seen, actor
