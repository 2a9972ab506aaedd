// Write: claim each document id for one text before anything hangs off it. A Document created
// here (or stored before without a hash) takes the row's text hash; the stored hash comes
// back, so the loader sees an id already held by a different text and names this document
// kg.ids.variant_id instead of overwriting the other's evidence. MERGE on the unique id
// locks the node, so two concurrent loads agree on who came first. $rows: [{id, text_hash}].
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.text_hash = coalesce(d.text_hash, row.text_hash)
RETURN row.id AS id, d.text_hash AS stored
