// kg graph model (Neo4j 5.26). Run by the loader before its first write (Neo4jWriter.setup_schema);
// every statement is idempotent (IF NOT EXISTS).
//
// Nodes
//   (:Actor    {id, name, type, country, wikidata, aliases, known})  actors; known = in the gazetteer;
//              plus one label per actor type (:Person, :Country, :Government, ... from
//              kg/data/actor_types.json) so that Neo4j Browser colours them (queries/style.grass)
//   (:Topic    {id, name, type, lang})                               non-actor targets ("[martial law]")
//   (:Document {id, date, lang, source})                             one input text
//   (:Event    {id, relation, plover, cameo, quad, negated, sentence, sentence_index, doc_id, date,
//               lang, char_start, char_end, verb, confidence, source_text, target_text,
//               attributed_to, source_id, target_id})                one extracted triple = evidence
//   (:Relation {name, plover, cameo, quad, quad_class, description}) the relation vocabulary
//
// Relationships
//   (source)-[:SOURCE_OF]->(:Event)-[:TARGETS]->(target)     source/target: Actor or Topic
//   (:Event)-[:FROM_DOCUMENT]->(:Document)
//   (:Event)-[:ATTRIBUTED_TO]->(:Actor)                      "according to ISW ..."
//   (source)-[:<RELATION> {count, first_date, last_date, plover, cameo, quad, doc_ids, caption,
//                          sample_event, sample_confidence, sample_sentence, sample_doc_id,
//                          sample_date, sample_url}]->(target)
//      one per relation type of kg/data/relations.json (THREATENS, ACCUSES, ...). Its properties are
//      derived from the positive Events of that (source, relation, target): count = number of Events,
//      first/last_date = min/max Event.date, doc_ids = sorted distinct Event.doc_id.
//      caption = '<RELATION> ×<count>' (what Browser shows, queries/style.grass); sample_* = the
//      most confident Event's sentence, id, doc_id and date, and its Document's url.
//      Negated statements (negated: true) exist only as Events and never create or change it.
//
// Full-text index actor_names: find an actor by any spelling, e.g.
//   CALL db.index.fulltext.queryNodes('actor_names', '"Poetin"') YIELD node RETURN node.name
// Dates are ISO strings as found in the input ("2023-05" or "2023-05-30"); they sort as text.

CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT relation_name IF NOT EXISTS FOR (n:Relation) REQUIRE n.name IS UNIQUE;
CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date);
CREATE INDEX event_relation IF NOT EXISTS FOR (n:Event) ON (n.relation);
CREATE INDEX event_doc IF NOT EXISTS FOR (n:Event) ON (n.doc_id);
CREATE INDEX event_edge IF NOT EXISTS FOR (n:Event) ON (n.source_id, n.relation, n.target_id);
CREATE INDEX document_date IF NOT EXISTS FOR (n:Document) ON (n.date);
CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name);
CREATE INDEX actor_country IF NOT EXISTS FOR (n:Actor) ON (n.country);
CREATE INDEX topic_name IF NOT EXISTS FOR (n:Topic) ON (n.name);
CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (n:Actor) ON EACH [n.name, n.aliases];
