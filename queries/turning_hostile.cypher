// Question: Which dyads turned hostile in a month? Source -> target pairs with hostile statements
// (PLOVER quad class 3 verbal or 4 material conflict, not negated) in that month and none
// before it; cooperative_before counts their earlier cooperative statements (quad 1-2).
// The default month is the corpus's latest (of its dated Events), so an older corpus still
// answers; the rows name the month they are about.
// Param: month string = latest  -- YYYY-MM; "latest": the newest month in the graph; "current": this month
CALL () {
  MATCH (e:Event) WHERE e.date IS NOT NULL
  RETURN substring(max(e.date), 0, 7) AS latest
}
WITH CASE $month WHEN 'current' THEN substring(toString(date()), 0, 7)
                 WHEN 'latest' THEN latest ELSE $month END AS month
MATCH (s:Actor)-[:SOURCE_OF]->(e:Event {negated: false})-[:TARGETS]->(t:Actor)
WHERE e.quad IN [3, 4] AND e.date STARTS WITH month
WITH month, s, t, count(e) AS hostile, collect(DISTINCT e.relation) AS relations
OPTIONAL MATCH (s)-[:SOURCE_OF]->(p:Event {negated: false})-[:TARGETS]->(t)
WHERE p.date < month
WITH month, s, t, hostile, relations,
     sum(CASE WHEN p.quad IN [3, 4] THEN 1 ELSE 0 END) AS hostile_before,
     sum(CASE WHEN p.quad IN [1, 2] THEN 1 ELSE 0 END) AS cooperative_before
WHERE hostile_before = 0
RETURN month, s.name AS source, t.name AS target, hostile, relations, cooperative_before
ORDER BY cooperative_before DESC, hostile DESC, source, target
