// Read: Actor and Topic nodes with their properties, to rebuild the graph in networkx (kg stats).
MATCH (n)
WHERE n:Actor OR n:Topic
RETURN n.id AS id, CASE WHEN n:Actor THEN 'Actor' ELSE 'Topic' END AS kind, properties(n) AS props
ORDER BY id
