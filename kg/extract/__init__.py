"""Extract stage: predicates from the lexicon and their arguments in the dependency tree.

``tree`` reads the tree in the label scheme of the language, ``slips`` repairs the Dutch
parser's common slips, ``predicates`` finds lexicon predicates with their mood and
attribution, ``arguments`` follows the lexicon's slot paths, and ``finder`` returns the
:class:`~kg.types.Candidate` of each predicate, for the resolve stage.
"""

from kg.extract.finder import ArgumentFinder, extract_candidates
from kg.types import Candidate

__all__ = ["ArgumentFinder", "Candidate", "extract_candidates"]
