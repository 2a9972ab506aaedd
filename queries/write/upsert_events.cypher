// Write: one Event per triple, linked to its source, target and document. Labels come from the
// whitelist Actor|Topic. $rows: [{id, source_id, target_id, doc_id, props}] sorted by id.
UNWIND $rows AS row
MERGE (e:Event {id: row.id})
SET e += row.props
WITH e, row
MATCH (s:__SOURCE_LABEL__ {id: row.source_id})
MATCH (t:__TARGET_LABEL__ {id: row.target_id})
MATCH (d:Document {id: row.doc_id})
MERGE (s)-[:SOURCE_OF]->(e)
MERGE (e)-[:TARGETS]->(t)
MERGE (e)-[:FROM_DOCUMENT]->(d)
