// Write: Events that find_nodes.cypher has just shown to be new, linked to their source, target,
// document and (when attributed) attributing actor, all found by the element ids find_nodes
// returned ($nodes: entity id -> element id, $documents: document id -> element id). CREATE,
// not MERGE: nothing to look up (the unique constraint event_id still refuses a duplicate).
// One statement for every label pair (a label on a lookup is only a check). $rows: [{id,
// source_id, target_id, doc_id, attributed_id, props}] sorted by id.
UNWIND $rows AS row
MATCH (s:Actor|Topic) WHERE elementId(s) = $nodes[row.source_id]
MATCH (t:Actor|Topic) WHERE elementId(t) = $nodes[row.target_id]
MATCH (d:Document) WHERE elementId(d) = $documents[row.doc_id]
OPTIONAL MATCH (a:Actor|Topic) WHERE elementId(a) = $nodes[row.attributed_id]
CREATE (s)-[:SOURCE_OF]->(e:Event {id: row.id})-[:TARGETS]->(t)
CREATE (e)-[:FROM_DOCUMENT]->(d)
SET e += row.props
FOREACH (attributing IN CASE WHEN a IS NULL THEN [] ELSE [a] END |
  CREATE (e)-[:ATTRIBUTED_TO]->(attributing))
