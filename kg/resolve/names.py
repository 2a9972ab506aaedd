"""Proper names the gazetteer lacks: where a name starts and ends, and what it names.

English has spaCy's NER to type a name; the shipped Dutch NER is disabled (F 0.52), so both
languages first use the same evidence a reader would: a title before it ("generaal X" is a
person), an organisation word in it ("Volksfront"), a place noun or a place preposition
("de stad X", "in X", remembered for the rest of the document), and the shape of the name
(two or more capitalised words are a person).  The words are data: ``kg/data/names.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from kg.gazetteer import Gazetteer
from kg.ids import fold
from kg.types import Actor

#: NER labels (OntoNotes and CoNLL style) -> kg types
NER_TYPES = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORGANIZATION", "GPE": "LOCATION",
             "LOC": "LOCATION", "FAC": "LOCATION", "NORP": "ORGANIZATION"}
#: the longest run of capitalised words still read as one person's name
_MAX_PERSON_WORDS = 4
#: articles the tagger may glue to a name at the start of a sentence
_ARTICLES = frozenset({"de", "het", "the", "een", "a", "an"})
#: lower-case particles inside names ("Mark van Dijk", "Abu Bakr al-Baghdadi")
_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "von", "al", "el", "bin", "ibn", "abu",
                        "da", "di", "du", "la", "le", "del"})


@dataclass(frozen=True, slots=True)
class NameRules:
    """The word lists of one language (see ``kg/data/names.json``)."""

    titles: frozenset[str]
    org_words: dict[str, str]
    place_words: frozenset[str]
    place_preps: frozenset[str]
    links: frozenset[str]


@cache
def name_rules(lang: str) -> NameRules:
    """The packaged word lists for ``lang`` (English ones for a language without its own)."""
    raw = json.loads(resources.files("kg.data").joinpath("names.json").read_text("utf-8"))

    def pick(key: str) -> list[str] | dict[str, str]:
        table = raw[key]
        return table.get(lang, table["en"])

    org = pick("org_words")
    assert isinstance(org, dict)
    return NameRules(frozenset(fold(t) for t in pick("titles")),
                     {fold(k): v for k, v in org.items()},
                     frozenset(fold(w) for w in pick("place_words")),
                     frozenset(fold(w) for w in pick("place_preps")),
                     frozenset(fold(w) for w in pick("name_links")))


class NameReader:
    """Titles, name runs and name types for one language, over one gazetteer."""

    def __init__(self, gazetteer: Gazetteer, lang: str) -> None:
        self.gaz = gazetteer
        self.lang = lang
        self.rules = name_rules(lang)

    def is_title(self, tok: Token) -> bool:
        """"President", "generaal", "Militiecommandant", "Russian": words before a name
        that are no part of it (titles, role nouns, closed compounds ending in one,
        demonyms)."""
        word = fold(tok.text).strip(".")
        if word in self.rules.titles or self.gaz.demonym(tok.text, self.lang):
            return True
        noun = self.gaz.role_noun(tok.text, self.lang)
        if noun is not None and noun[0] == "role":
            return True
        if "-" in tok.text:  # "Hamas-leider", "ex-president"
            return self.is_title_word(tok.text.rsplit("-", 1)[1])
        return self.lang == "nl" and any(  # closed compounds: "Militiecommandant"
            self.is_title_word(word[cut:]) for cut in range(3, len(word) - 3))

    def is_title_word(self, word: str) -> bool:
        key = fold(word)
        noun = self.gaz.role_noun(key, self.lang)
        return key in self.rules.titles or (noun is not None and noun[0] == "role")

    def strip_titles(self, parts: Sequence[Token]) -> list[Token]:
        """The name without leading titles: "President Kwame Mensah" -> "Kwame Mensah"."""
        out = list(parts)
        while len(out) > 1 and self._not_name(out[0], out[1]):
            out.pop(0)
        return out

    def _two_word_title(self, doc: Sequence[Token], at: int) -> bool:
        """"Prime Minister", "Vice President": a title of two words before a name."""
        return at + 2 < len(doc) and (
            fold(f"{doc[at].text} {doc[at + 1].text}") in self.rules.titles)

    def _linked(self, doc: Sequence[Token], lo: int, hi: int) -> int:
        """The end of an organisation's name that goes on past a link word: "Popular Front
        | for the Liberation of Tigray", "Raad | van Verzoening". Only a name that already
        has an organisation word goes on, and only into capitalised words."""
        if not any(self._org_word(fold(t.text)) for t in doc[lo:hi]):
            return hi
        for size in (2, 1):
            words = doc[hi:hi + size]
            nxt = hi + size
            if len(words) == size and nxt < len(doc) and " ".join(
                    fold(t.text) for t in words) in self.rules.links and (
                    doc[nxt].text[:1].isupper() and doc[nxt].pos_ in ("PROPN", "NOUN", "ADJ")
                    and doc[nxt].ent_type_ not in ("DATE", "TIME")):
                end = nxt
                while end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ in (
                        "PROPN", "NOUN", "ADJ") and doc[end].ent_type_ not in ("DATE", "TIME"):
                    end += 1
                return self._linked(doc, lo, end) if end > nxt else hi
        return hi

    def _org_word(self, word: str) -> bool:
        if word in self.rules.org_words:
            return True
        return self.lang == "nl" and any(len(org) > 3 and word.endswith(org)
                                         and len(word) > len(org) + 2
                                         for org in self.rules.org_words)

    def _not_name(self, tok: Token, nxt: Token | None) -> bool:
        """A title, or an owner before a title ("US President", "Hamas-leider")."""
        return self.is_title(tok) or (nxt is not None and self.is_title(nxt)
                                      and self.gaz.lookup(tok.text, self.lang) is not None)

    def run(self, first: int, last: int, doc: Sequence[Token],
            stop: Callable[[Token], bool] | None = None) -> tuple[int, int]:
        """The whole name around tokens ``first..last``: neighbouring capitalised proper
        nouns (and particles between them), titles excluded; a token for which ``stop``
        holds (another actor already found: "Biden Moskou") ends the run."""
        def more(tok: Token) -> bool:
            return self._name_word(tok) and not (stop and stop(tok))
        lo, hi = first, last + 1
        while lo > 0 and more(doc[lo - 1]):
            lo -= 1
        while hi < len(doc) and more(doc[hi]):
            hi += 1
        while hi - lo > 1 and (doc[lo].text in _PARTICLES  # lower-case: "de", not "El"
                               or doc[lo].lower_ in _ARTICLES  # "De Nationale Partij"
                               or self._not_name(doc[lo], doc[lo + 1])):
            lo += 1
        while hi - lo > 1 and doc[hi - 1].lower_ in _PARTICLES:  # "Mensah van | Ghana"
            hi -= 1
        while hi - lo > 2 and self._two_word_title(doc, lo):  # "Prime Minister Albin Kurti"
            lo += 2
        return lo, self._linked(doc, lo, hi)

    def _name_word(self, tok: Token) -> bool:
        if tok.text in ("-", "‑") or tok.lower_ in _PARTICLES and tok.pos_ != "DET":
            return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "PROPN" and (
                tok.i > 0 and tok.doc[tok.i - 1].pos_ == "PROPN")
        return tok.pos_ == "PROPN" and tok.text[:1].isupper()

    def type_of(self, parts: Sequence[Token], ner_label: str, places: set[str]) -> str:
        """The kind of an unknown name: from its own words, its neighbours, what the document
        said of it before (``places``: folded names seen as places), then the NER label;
        "ACTOR" when nothing tells."""
        words = [fold(p.text) for p in parts]
        for word in reversed(words):
            if word in self.rules.org_words:
                return self.rules.org_words[word]
            if self.lang == "nl":  # closed compounds: "Eenheidspartij", "Bevrijdingsbeweging"
                for org, kind in self.rules.org_words.items():
                    if len(org) > 3 and word.endswith(org) and len(word) > len(org) + 2:
                        return kind
        key = " ".join(words)
        head = parts[-1]
        if key in places or words[-1] in self.rules.place_words or self._place_context(parts):
            return "LOCATION"
        before = head.doc[parts[0].i - 1] if parts[0].i > 0 else None
        if before is not None and self.is_title(before) and before.pos_ != "ADJ":
            return "PERSON"
        if ner_label in NER_TYPES:
            return NER_TYPES[ner_label]
        if head.head.i != head.i and self.is_title(head.head) and head.head.pos_ == "NOUN":
            return "PERSON"  # "de commandant, Ibrahim Musa" (the name in apposition)
        capitalised = [p for p in parts if p.text[:1].isupper()]
        if 2 <= len(capitalised) <= _MAX_PERSON_WORDS and all(
                p.is_alpha or "-" in p.text for p in capitalised):
            return "PERSON"
        return "ACTOR"

    def _place_context(self, parts: Sequence[Token]) -> bool:
        """"in Idlib", "de stad Idlib", "the town of Bakhmut", "Idlib, een stad in ..."."""
        head = parts[-1]
        for tok in (head, *parts):
            for child in tok.children:
                if child.dep_ == "case" and fold(child.text) in self.rules.place_preps:
                    return True
        up = head.head
        if up.i != head.i:
            if up.dep_ == "prep" and fold(up.text) in self.rules.place_preps:
                return True
            if fold(up.lemma_) in self.rules.place_words or fold(up.text) in (
                    self.rules.place_words):
                return True
            if up.dep_ == "prep" and up.head.i != up.i and fold(up.head.text) in (
                    self.rules.place_words):
                return True  # "the town of Bakhmut"
        for child in head.children:
            if child.dep_ == "appos" and fold(child.lemma_) in self.rules.place_words:
                return True
        return False

    def places_in(self, sent: Sequence[Token]) -> set[str]:
        """Names a sentence uses as places ("in X", "de stad X"), folded, for the memory."""
        found = set()
        for tok in sent:
            if tok.pos_ != "PROPN" or any(c.dep_ in ("flat", "compound") and c.i > tok.i
                                          for c in tok.children):
                continue
            lo, hi = self.run(tok.i, tok.i, tok.doc)
            parts = list(tok.doc[lo:hi])
            if parts and self._place_context(parts) and self.gaz.lookup(
                    tok.doc[lo:hi].text, self.lang) is None:
                found.add(" ".join(fold(p.text) for p in parts))
        return found


def same_person(actor: Actor, run: Span) -> bool:
    """"Jevgenio Prigozjin" is Yevgeny Prigozhin: a two-word name whose surname is the
    person's alias and whose first name is a spelling of the person's first name (same first
    letter sound, mostly the same letters). "Kwame Jean-Pierre" is not Karine Jean-Pierre."""
    if len(run) != 2:
        return False
    first = fold(run[0].text)
    firsts = {fold(name).split()[0] for name in actor.aliases if len(name.split()) >= 2}
    return len(first) > 3 and any(
        SequenceMatcher(None, _spelling(first), _spelling(f)).ratio() >= 0.75 for f in firsts)


def _spelling(word: str) -> str:
    """A rough spelling key: Jevgeni, Yevgeny and Evgeny sound alike."""
    for old, new in (("j", "y"), ("ie", "y"), ("i", "y"), ("ks", "x"), ("w", "v")):
        word = word.replace(old, new)
    return word.lstrip("y")
