// Write: Topic nodes (non-actor targets such as "[martial law in Russia]"); they keep the
// properties of their first load. Locked in id order like actors (see upsert_actors.cypher).
// $rows: [{id, known, props}] sorted by id.
UNWIND $rows AS row
MERGE (n:Topic {id: row.id})
ON CREATE SET n += row.props
SET n._kg_lock = true
REMOVE n._kg_lock
