// Write: Document nodes; each field keeps its first non-null value (the embedded graph
// applies the same rule), while sidecar metadata (url, outlet, ...) takes the latest load's
// values, so a corrected index updates the node. $rows: [{id, date, lang, source, text_hash,
// meta}] sorted by id; meta keys are [a-z0-9_] names that never shadow a field.
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.date = coalesce(d.date, row.date), d.lang = coalesce(d.lang, row.lang),
    d.source = coalesce(d.source, row.source), d.text_hash = coalesce(d.text_hash, row.text_hash)
SET d += row.meta
