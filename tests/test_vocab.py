"""The relation vocabulary is the whitelist for relationship types."""

import pytest

from kg.errors import LexiconError
from kg.vocab import relation_type, relations

REQUIRED = [
    "THREATENS", "DENIES", "ACCUSES", "CRITICIZES", "PRAISES", "SUPPORTS", "DEMANDS", "WARNS",
    "REJECTS", "ATTACKS", "SHOOTS_DOWN", "RETALIATES_AGAINST", "VOWS", "MEETS",
    "NEGOTIATES_WITH", "AGREES_WITH", "AIDS", "SANCTIONS", "ARRESTS", "KILLS", "INVADES",
    "OCCUPIES", "PROTESTS_AGAINST", "MOBILIZES", "CLAIMS",
]


def test_vocabulary_has_every_required_relation_with_codes():
    table = relations()
    for name in REQUIRED:
        rel = table[name]
        assert rel.cameo and rel.cameo.isdigit()
        assert rel.quad in (0, 1, 2, 3, 4)
    assert table["THREATENS"].plover == "THREATEN"
    assert table["CLAIMS"].plover is None


@pytest.mark.parametrize("text", ["THREATENS]->() DETACH DELETE n //", "threatens", "FOO"])
def test_relation_type_refuses_anything_outside_the_vocabulary(text):
    with pytest.raises(LexiconError):
        relation_type(text)
