"""Predicates: which words of a sentence are lexicon predicates, in what mood, and whose
statement they are.

A predicate is a verb (or a verb the tagger misread) with frames in the lexicon; its mood
(``modality``) and negation decide what it states; content governed by another predicate
("denied attacking X") and reported speech (``attribution``) are told apart here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from kg.extract.slips import ParserSlips
from kg.lexicon import Frame
from kg.morph import infinitives, plural_stems
from kg.vocab import QUAD_COOPERATIVE, relations

#: deps through which a clause hangs under the verb that governs it
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "parataxis", "pcomp", "csubj"})
#: deps through which a clause is the *content* of the verb above it (denied doing X)
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "pcomp", "advcl"})


class Predicates(ParserSlips):
    """Lexicon keys, frames, mood, negation and attribution of predicate words."""

    def verb_keys(self, tok: Token) -> Iterator[str]:
        """Lexicon keys a verb token may have: its lemma, then guesses from its form.

        The guesses (irregular forms from the grammar file, regular Dutch inflection, a
        particle glued to a participle as in "binnengetrokken") make the match independent
        of the lemmatizer's mistakes on unseen verbs.
        """
        yield self.verb_key(tok)
        if self.g.scheme != "ud":
            return
        particles = self.particles(tok)
        prt = particles[0] if particles else ""
        form = tok.lower_
        glued = [(p, form[len(p):]) for p in self.g.particles
                 if not prt and form.startswith(p + "ge") and len(form) > len(p) + 4]
        for particle, rest in [(prt, form), *glued]:
            irregular = self.g.verb_forms.get(rest)
            if irregular:
                yield particle + irregular
            for guess in infinitives(rest):
                yield particle + guess

    def frames_for(self, tok: Token) -> tuple[str, list[Frame]]:
        """The first of ``verb_keys`` that is in the lexicon, with its frames."""
        for key in self.verb_keys(tok):
            if key in self.lex.verbs:
                return key, self.lex.verbs[key]
        if self.g.scheme == "ud":
            key = self.loose_particle(tok)
            if key:
                return key, self.lex.verbs[key]
        return self.verb_key(tok), []

    def is_predicate(self, tok: Token) -> bool:
        """A verb, or a token the tagger called a noun but the parser gave a subject."""
        if tok.pos_ in ("VERB", "AUX") or self.misread_verb(tok):
            return True
        return tok.pos_ in ("NOUN", "ADJ") and bool(self.kids(tok, "subj")) and (
            tok.dep_ in self.g.labels["relcl"] or tok.dep_ in ("ROOT", "root", "conj"))

    def objects_match(self, verb: Token, frame: Frame) -> bool:
        """The verb's own noun (``wraak nemen``) in any argument position the parser chose,
        and its required predicate word ("noemde de beschuldigingen absurd")."""
        # a word fixed under a separable particle counts too ("nam ... in beslag")
        kids = [*verb.children, *(g for c in self.kids(verb, "particle") for g in c.children)]
        if frame.complements and not any(c.lemma_.lower() in frame.complements
                                         or c.lower_ in frame.complements for c in kids):
            return False
        if not frame.objects:
            return True
        objs = [c for c in verb.children if c.pos_ in ("NOUN", "PROPN") and not any(
            g.dep_ in self.g.labels["case"] for g in c.children)]
        objs += [n for o in objs if o.lemma_.lower() in self.g.quantity_nouns  # "thousands
                 for p, m in self.preps(o) if p in ("of", "van")  # of missiles"
                 for n in self.coordinated(m)]
        lemmas = {o.lemma_.lower() for o in objs} | {o.lower_ for o in objs}
        return any(lem.endswith(want) for lem in lemmas for want in frame.objects)

    def noun_frames(self, tok: Token) -> list[Frame]:
        """The frames of an event noun, by lemma, compound head or plural stem (memoised on
        the lexicon: every noun of every sentence is asked)."""
        key = (tok.lemma_.lower(), tok.lower_)
        found = self.lex.noun_memo.get(key)
        if found is None:
            if len(self.lex.noun_memo) >= 1 << 16:  # bounded: news has endless word forms
                self.lex.noun_memo.clear()
            found = self.lex.noun_memo[key] = self._noun_frames(tok)
        return found

    def _noun_frames(self, tok: Token) -> list[Frame]:
        lemma = tok.lemma_.lower()
        if lemma in self.lex.nouns:
            return self.lex.nouns[lemma]
        # Dutch compounds: raketaanval -> aanval; then the singulars of a plural the
        # lemmatizer missed (droneaanvallen, vredesgesprekken -> droneaanval, vredesgesprek)
        forms = [lemma]
        if self.g.scheme == "ud":
            forms += [f for w in (lemma, tok.lower_) for f in plural_stems(w) if f != lemma]
        for i, form in enumerate(dict.fromkeys(forms)):
            if i and form in self.lex.nouns:
                return self.lex.nouns[form]
            for key, frames in self.lex.nouns.items():
                if len(key) >= 5 and form.endswith(key):
                    return frames
        return []

    def violent_event(self, tok: Token) -> bool:
        """A noun for an act of force ("invasion", "aanval"): its of-phrase is its victim."""
        return any(relations()[f.relation].quad_class == "MATERIAL_CONFLICT"
                   for f in self.noun_frames(tok))

    def modality(self, tok: Token) -> str:
        """"future" for an intended or coming act ("will withdraw", "plans to attack", "wil
        aanvallen"), "hypothetical" for a possible or required one ("could strike", "zou
        aanvallen"), "" for a stated fact.  "could not" states a failure: a (negated) fact."""
        aux = [c.lower_ for c in tok.children if c.dep_ in ("aux", "aux:pass")]
        if any(a in self.g.hypothetical_forms for a in aux):
            return "" if self.is_negated(tok) and any(a in ("could", "kon", "konden")
                                                      for a in aux) else "hypothetical"
        if any(a in self.g.future_forms for a in aux):
            return "future"
        head = tok.head
        if head is tok or tok.dep_ not in ("xcomp", "ccomp"):
            return ""
        intends = {self.verb_key(head), head.lower_} | {  # "is van plan ... te"
            g.lower_ for c in head.children if c.dep_ in self.g.labels["prep"]
            for g in c.children if g.dep_ == "fixed"}
        return "future" if intends & (self.g.intention_verbs | self.g.future_forms) else ""

    def is_negated(self, tok: Token) -> bool:
        for c in tok.children:
            if c.lower_ in self.g.negation and c.dep_ in ("advmod", "neg", "det", "punct"):
                return True
        return False

    def object_negated(self, verb: Token) -> bool:
        for obj in self.kids(verb, "obj"):
            if any(c.lower_ in self.g.negation_det for c in obj.children):
                return True
        return False

    def attribution(self, verb: Token) -> list[Token]:
        """Who the statement is attributed to: volgens/according to, or a reporting verb."""
        tok: Token | None = verb
        while tok is not None:
            for p, n in self.preps(tok):
                if p in self.g.attribution_preps:
                    return self.coordinated(n)
            head = tok.head
            if head is tok:
                return []
            if tok.dep_ in _CLAUSE_DEPS or tok.dep_ in self.g.labels["conj"]:
                if self.verb_key(head) in self.g.reporting_verbs and tok.dep_ not in (
                    self.g.labels["conj"]
                ):
                    return self.subjects(head, passive=False)
                tok = head
                continue
            return []
        return []

    def governed_by_predicate(self, tok: Token) -> bool:
        """True when ``tok`` is the content of another lexicon predicate (denied X, warned of X).

        Such content is not a fact the text asserts, so it yields no triple of its own.
        """
        child = tok
        while child.head is not child:
            head = child.head
            infinitival = any(c.lower_ in ("om", "te", "to") for c in child.children)
            if (child.dep_ in _CONTENT_DEPS and (child.dep_ != "advcl" or infinitival)
                    or child.dep_ in self.g.labels["obj"]) or (
                child.dep_ in self.g.labels["prep"] and self.g.scheme == "ud"
            ):
                key, frames = self.frames_for(head)
                if head.pos_ in ("VERB", "AUX") and key not in self.g.reporting_verbs and any(
                        self.objects_match(head, f) and not f.factive for f in frames):
                    return True
                if head.pos_ in ("VERB", "AUX") and child.dep_ != "xcomp":
                    # "niet aanmoedigt of in staat stelt om doelen aan te vallen"
                    coordinated = head.dep_ in self.g.labels["conj"] and head.head.pos_ == "VERB"
                    return coordinated and any(self.objects_match(head.head, f) and not f.factive
                                               for f in self.frames_for(head.head)[1])
                child = head  # through "urged X to stop arming": urge governs arming
                continue
            if child.dep_ in ("pobj", "prep", "pcomp"):
                child = head
                continue
            return False
        return False

    @staticmethod
    def as_stated(frame: Frame, mood: str) -> Frame | None:
        """What a predicate states in its mood: a fact as it is; a cooperative act to come
        as a pledge (VOWS, PLOVER's AGREE: "will withdraw", "zal steun leveren"); anything
        else merely possible or intended as nothing (not a fact)."""
        if not mood:
            return frame
        rel = relations()[frame.relation]
        if mood == "future" and rel.quad_class in QUAD_COOPERATIVE and rel.plover != "AGREE":
            return replace(frame, relation="VOWS")
        return frame if mood == "future" and rel.plover == "AGREE" else None
