// Question: Which relation types does kg use, with their PLOVER event type, CAMEO code and
// PLOVER quad class (1 verbal / 2 material cooperation, 3 verbal / 4 material conflict,
// 0 neutral), and how many positive and negated statements of each does this graph hold?
MATCH (v:Relation)
OPTIONAL MATCH (e:Event {relation: v.name})
RETURN v.name AS relation, v.plover AS plover, v.cameo AS cameo, v.quad AS quad,
       v.quad_class AS quad_class, count(CASE WHEN NOT e.negated THEN 1 END) AS statements,
       count(CASE WHEN e.negated THEN 1 END) AS negated, v.description AS description
ORDER BY relation
