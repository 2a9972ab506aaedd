"""Writers: the embedded graph files, the offline HTML view and the Neo4j loader.

All of them share the row model in :mod:`kg.write.model`, so a CSV bulk import, the
Cypher script and the batched loader produce the same Neo4j graph.
"""
