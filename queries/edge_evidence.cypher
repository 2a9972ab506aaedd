// Question: Which sentences are the evidence for an edge "source RELATION target"? Every Event
// behind it (negated ones included and flagged), with its document, the document's url (from a
// sidecar index) and who reported it.
// Source and target match a node's name or one of its aliases.
// Param: source string  -- e.g. Ramzan Kadyrov
// Param: relation string  -- a relation type, e.g. THREATENS
// Param: target string  -- e.g. Germany
MATCH (s)-[:SOURCE_OF]->(e:Event {relation: $relation})-[:TARGETS]->(t)
WHERE (s.name = $source OR $source IN coalesce(s.aliases, []))
  AND (t.name = $target OR $target IN coalesce(t.aliases, []))
MATCH (e)-[:FROM_DOCUMENT]->(d:Document)
OPTIONAL MATCH (e)-[:ATTRIBUTED_TO]->(a)
RETURN e.date AS date, e.negated AS negated, e.sentence AS sentence, d.id AS document,
       d.source AS file, d.url AS url, e.source_text AS source_as_written, e.target_text AS target_as_written,
       a.name AS according_to, e.confidence AS confidence
ORDER BY date, document, e.sentence_index
