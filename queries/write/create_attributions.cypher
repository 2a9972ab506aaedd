// Write: (:Event)-[:ATTRIBUTED_TO]->(attributing actor) for Events created in this transaction
// (see create_events.cypher). $rows: [{id, attributed_id}].
UNWIND $rows AS row
MATCH (e:Event {id: row.id})
MATCH (a:__LABEL__ {id: row.attributed_id})
CREATE (e)-[:ATTRIBUTED_TO]->(a)
