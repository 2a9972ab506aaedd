// Write: Document nodes; each property keeps its first non-null value (the embedded graph
// applies the same rule). $rows: [{id, date, lang, source}] sorted by id.
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.date = coalesce(d.date, row.date), d.lang = coalesce(d.lang, row.lang),
    d.source = coalesce(d.source, row.source)
