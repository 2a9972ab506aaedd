// Write: Events that find_events.cypher has just shown to be new, linked to their source, target
// and document (all written earlier in the same transaction). CREATE, not MERGE: nothing to look
// up (the unique constraint event_id still refuses a duplicate). Labels come from the whitelist
// Actor|Topic. $rows: [{id, source_id, target_id, doc_id, props}] sorted by id.
UNWIND $rows AS row
MATCH (s:__SOURCE_LABEL__ {id: row.source_id})
MATCH (t:__TARGET_LABEL__ {id: row.target_id})
MATCH (d:Document {id: row.doc_id})
CREATE (s)-[:SOURCE_OF]->(e:Event {id: row.id})-[:TARGETS]->(t)
CREATE (e)-[:FROM_DOCUMENT]->(d)
SET e += row.props
