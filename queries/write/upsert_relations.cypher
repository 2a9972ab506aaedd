// Write: the relation vocabulary as (:Relation) nodes (kg/data/relations.json); $rows from
// kg.write.model.relation_rows().
UNWIND $rows AS row
MERGE (r:Relation {name: row.name})
SET r.plover = row.plover, r.cameo = row.cameo, r.quad = row.quad, r.quad_class = row.quad_class,
    r.description = row.description
