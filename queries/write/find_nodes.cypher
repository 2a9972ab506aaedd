// Write: the element ids of a batch's Actor, Topic and Document nodes (all upserted and locked
// earlier in the same transaction), and which of its Events exist already with the date each
// carries, as [id, value] pairs in one row. Later statements of the transaction reach the nodes
// by element id (a direct lookup, no index seek; an element id is stable while its node is
// locked). Every Event hangs off its locked source, so no other load can create one of these
// Events before this transaction ends, and the Events not returned can be CREATEd
// (create_events_linked.cypher). $actors, $topics, $documents, $events: [id].
CALL () {
  UNWIND $actors AS id
  MATCH (n:Actor {id: id})
  RETURN collect([id, elementId(n)]) AS actors
}
CALL () {
  UNWIND $topics AS id
  MATCH (n:Topic {id: id})
  RETURN collect([id, elementId(n)]) AS topics
}
CALL () {
  UNWIND $documents AS id
  MATCH (n:Document {id: id})
  RETURN collect([id, elementId(n)]) AS documents
}
CALL () {
  UNWIND $events AS id
  MATCH (n:Event {id: id})
  RETURN collect([id, n.date]) AS events
}
RETURN actors, topics, documents, events
