"""Training recipe for kg's own Dutch spaCy pipeline (``python -m kg.training nl``).

Training is not part of CI and not needed at run time: the trained pipeline is shipped in
``kg/models/nl_kg_news``.  This package only rebuilds it from the treebanks in ``../shared/data``.
"""
