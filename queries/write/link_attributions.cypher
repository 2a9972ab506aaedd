// Write: (:Event)-[:ATTRIBUTED_TO]->(attributing actor). $rows: [{id, attributed_id}].
UNWIND $rows AS row
MATCH (e:Event {id: row.id})
MATCH (a:__LABEL__ {id: row.attributed_id})
MERGE (e)-[:ATTRIBUTED_TO]->(a)
