"""Repairs for the Dutch parser's common slips, found by the shape they leave in the tree.

Each method recognises one mistake of a small news parser (two objects and no subject, a
subject hung on a non-verb, an OVS reading of an SVO clause, a participle read as an
adjective, a particle attached to another word) and says what the tree should have said.
They only read the tree; :class:`kg.extract.ArgumentFinder` decides when to use them.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.tree import TreeReader


class ParserSlips(TreeReader):
    """What a slipped parse meant: subjects, objects and particles put back in place."""

    def loose_particle(self, verb: Token) -> str | None:
        """A separable verb whose particle the parser attached elsewhere ("riep op tot X").

        Accepts a particle that hangs on the verb, or a preposition stacked before another
        one ("op tot") under one of the verb's own arguments; returns the full verb.
        """
        lemma = verb.lemma_.lower().replace("_", "")
        doc = verb.doc
        for p in verb.subtree:
            if p.i <= verb.i or p.pos_ not in ("ADP", "ADV"):
                continue
            stacked = (p.dep_ in self.g.labels["case"] and p.head.head == verb
                       and p.i + 1 < len(doc) and doc[p.i + 1].pos_ == "ADP")
            if (p.head == verb or stacked) and p.lower_ + lemma in self.lex.verbs:
                return p.lower_ + lemma
        return None

    def stray_nouns(self, verb: Token) -> list[Token]:
        """Bare nouns hung on the verb with a label verbs do not take (amod, or obl without a
        preposition): the parser's slips for a subject or an object, in sentence order."""
        return [c for c in verb.children
                if c.pos_ in ("NOUN", "PROPN") and c.dep_ in ("amod", "obl", "obl:arg", "dep")
                and not self.g.is_time(c.lower_)
                and not any(g.dep_ in self.g.labels["case"] for g in c.children)]

    def fronted_object(self, verb: Token) -> bool:
        """"Oekraïne heeft Moskou aangevallen" is grammatical as OVS, and a parser sometimes
        reads it so; in news the first noun phrase is the subject far more often, so a
        clause-initial object before a full-noun subject is read as the subject."""
        if self.g.scheme != "ud":
            return False
        subj, objs = self.kids(verb, "subj"), self.kids(verb, "obj")
        if len(subj) != 1 or len(objs) != 1 or objs[0].i > subj[0].i:
            return False
        obj = objs[0]
        first = obj.left_edge.i == verb.sent.start
        return first and obj.pos_ in ("PROPN", "NOUN") and subj[0].pos_ in ("PROPN", "NOUN")

    def orphan_subject(self, verb: Token) -> Token | None:
        """A subject the parser hung on a non-verb in the same clause ("dat Russische troepen
        “twee dagen eerder” ... hadden aangevallen"): the nearest one before the verb, after
        the clause's start (a subordinator, or the sentence start)."""
        def predicate(t: Token) -> bool:  # "dinsdagochtend" tagged VERB is no predicate
            return t.pos_ in ("VERB", "AUX") and not self.g.is_time(t.lower_)

        for tok in reversed(self.before(verb)):
            if tok.dep_ == "mark" or (predicate(tok) and tok.head != verb):
                return None  # another clause starts here (the verb's own auxiliaries do not)
            if tok.dep_ in self.g.labels["subj"] and not predicate(tok.head):
                return tok
        return None

    def slipped_participle(self, verb: Token) -> bool:
        """"Oekraïne heeft ontkend iets ... te hebben": a participle after its auxiliary, hung
        (as an adjective, or a preposition) on the pronoun that starts its extraposed clause.
        Nothing modifies "iets" that way; the participle is the clause's verb and what follows
        is its content."""
        return (self.g.scheme == "ud" and verb.head.i > verb.i
                and verb.head.pos_ == "PRON" and "Part" in verb.morph.get("VerbForm")
                and any(t.pos_ == "AUX" for t in self.before(verb)))

    def second_subjects(self, verb: Token) -> list[Token]:
        """A parser may call both nouns of "die Kiev beschuldigde" or "Rusland bedreigt
        Duitsland" a subject; with no object, the later one is the object (in Dutch the
        subject comes first in both main and subordinate clauses)."""
        subj = self.subject_kids(verb)
        return subj[1:] if len(subj) > 1 else []

    def misread_verb(self, tok: Token) -> bool:
        """"zwoer" tagged as a noun: a known irregular verb form (grammar ``verb_forms``) with
        no article, possessor, adjective or preposition of its own, as a real noun would have."""
        return (self.g.scheme == "ud" and tok.pos_ == "NOUN" and tok.lower_ in self.g.verb_forms
                and not any(c.dep_ in ("det", "case", "nmod:poss", "amod")
                            for c in tok.children))

    def _heads_after(self, verb: Token) -> list[Token]:
        """Phrase heads after ``verb`` in its sentence: bare nouns and pronouns, not the
        modifiers, names and appositions inside a phrase, nor anything with a preposition."""
        inner = ("det", "amod", "nmod:poss", "flat", "flat:name", "appos", "compound", "nummod")
        return [t for t in self.after(verb)
                if t.pos_ in ("NOUN", "PROPN", "PRON") and t.dep_ not in inner
                and not self.g.is_time(t.lower_)
                and not any(c.dep_ in self.g.labels["case"] for c in t.children)]

    def following_subject(self, verb: Token) -> Token | None:
        """The subject after a verb-second verb the parser did not see as a verb: the first
        phrase after it ("zwoer [zijn naaste vertrouweling Ramzan Kadyrov] wraak")."""
        heads = self._heads_after(verb)
        return next((t for t in heads if t.dep_ in self.g.labels["subj"]),
                    heads[0] if heads else None)

    def following_object(self, verb: Token) -> Token | None:
        """The phrase after the subject of a misread verb: "zwoer [zijn vertrouweling] wraak"."""
        subj = self.kids(verb, "subj")
        subj = subj or [t for t in [self.following_subject(verb)] if t is not None]
        return next((t for t in self._heads_after(verb)
                     if t.pos_ != "PRON" and all(t.i > s.i for s in subj)), None)
