// Write: Actor nodes with one extra label per actor type (row.type_label, e.g. Person, from
// kg/data/actor_types.json; plain Actor for the generic type) so that Neo4j Browser can colour
// them by type. The label is dynamic, $(...): row.type_label and $type_labels (every extra
// label) are checked against actor_types.json by the loader before they are sent.
// Actors known to the gazetteer always take its values (and lose a stale type label); unknown
// actors keep the properties of their first load, so a repeated or resumed load changes nothing.
// Every node is write-locked (SET/REMOVE of a dummy property) in id order at the start of the
// batch transaction: concurrent loads then take their locks in one global order (fewer
// deadlocks), and the Event lookup and edge recompute of this batch read Events no one else is
// changing. $rows: [{id, known, props, type_label}] sorted by id.
UNWIND $rows AS row
MERGE (n:Actor {id: row.id})
ON CREATE SET n += row.props, n:$(row.type_label)
SET n._kg_lock = true
REMOVE n._kg_lock
WITH n, row
WHERE row.known
REMOVE n:$($type_labels)
SET n += row.props, n:$(row.type_label)
