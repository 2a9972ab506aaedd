// Write: Actor nodes with one extra label per actor type (__TYPE_LABEL__, e.g. Person, from
// kg/data/actor_types.json) so that Neo4j Browser can colour them by type.
// Actors known to the gazetteer always take its values (and lose a stale type label); unknown
// actors keep the properties of their first load, so a repeated or resumed load changes nothing.
// Every node is write-locked (SET/REMOVE of a dummy property) in id order at the start of the
// batch transaction: concurrent loads then take their locks in one global order (fewer
// deadlocks), and the edge recompute of this batch reads Events no one else is changing.
// $rows: [{id, known, props}] sorted by id.
UNWIND $rows AS row
MERGE (n:Actor {id: row.id})
ON CREATE SET n += row.props, n:__TYPE_LABEL__
SET n._kg_lock = true
REMOVE n._kg_lock
WITH n, row
WHERE row.known
REMOVE n:__TYPE_LABELS__
SET n += row.props, n:__TYPE_LABEL__
