// Write: which of a batch's Events exist already, and the date each carries. The loader runs it
// after the batch's Actor/Topic nodes are write-locked: every Event hangs off its locked source,
// so no other load can create one of these Events before this transaction ends, and the Events
// not returned can be CREATEd (create_events.cypher). $ids: [event id].
UNWIND $ids AS id
MATCH (e:Event {id: id})
RETURN e.id AS id, e.date AS date
