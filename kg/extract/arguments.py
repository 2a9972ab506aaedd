"""Arguments: where a predicate's subjects, targets and topics sit in the tree.

Slot paths of the lexicon (``obj>prep:van``, ``clause>obj``, ``inner:of``) are followed
here, with the parser's slips put right (:mod:`kg.extract.slips`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import overload

from spacy.tokens import Span, Token

from kg.extract.predicates import Predicates
from kg.lexicon import Frame

#: slot names in the lexicon -> grammar label roles
_SLOT_ROLE = {"obj": "obj", "dobj": "obj", "iobj": "iobj", "dative": "iobj", "subj": "subj"}
_MAX_TOPIC_TOKENS = 14


class LazySlots(Sequence[list[Token]]):
    """Target slots filled on first use: the resolver stops at the first slot that names an
    actor, so the fallbacks after it (nested, complement, place) are rarely read."""

    def __init__(self, fills: list[Callable[[], list[Token]]]) -> None:
        self._fills = fills
        self._done: dict[int, list[Token]] = {}

    def __len__(self) -> int:
        return len(self._fills)

    @overload
    def __getitem__(self, i: int) -> list[Token]: ...
    @overload
    def __getitem__(self, i: slice) -> list[list[Token]]: ...

    def __getitem__(self, i: int | slice) -> list[Token] | list[list[Token]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = range(len(self))[i]
        if i not in self._done:
            self._done[i] = self._fills[i]()
        return self._done[i]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


class Arguments(Predicates):
    """Subjects, slot fillers and topic phrases of a predicate."""

    def lazy_slots(self, tok: Token, paths: Sequence[str], *, passive: bool,
                   then: Sequence[list[Token]] = ()) -> LazySlots:
        """The slots of ``paths`` from ``tok``, each followed when first read, then ``then``."""
        fills = [partial(self.slot, tok, p, passive=passive) for p in paths]
        fills += [partial(list, extra) for extra in then]
        return LazySlots(fills)

    def subjects(self, verb: Token, *, passive: bool) -> list[Token]:
        """The agent of the action: subject, door/by-agent when passive, or inherited."""
        if passive:
            agents = [n for p, n in self.preps(verb) if p in ("door", "by")]
            agents += [a for a in [self.hyphen_agent(verb)] if a is not None]
            return [t for a in agents for t in self.coordinated(a)]
        if self.fronted_object(verb):
            return self.coordinated(self.kids(verb, "obj")[0])
        subj = self.subject_kids(verb) or self.kids(verb, "subj_pass")
        # of several "subjects", a phrase with a preposition or a bare adjective is a slip
        subj = [s for s in subj if s.pos_ != "ADJ" and not any(
            c.dep_ in self.g.labels["case"] for c in s.children)] or subj
        if not subj:  # "X heeft ... aangekondigd" with X hung on the auxiliary
            subj = [s for a in verb.children if a.dep_ in ("aux", "aux:pass")
                    for s in self.kids(a, "subj")]
        if subj:
            head = subj[0]
            if head.lower_ in self.g.relative_pronouns and verb.dep_ in self.g.labels["relcl"]:
                head = verb.head
            if head.lower_ in self.g.plural_pronouns and verb.dep_ in self.g.labels["clause"] and (
                    verb.head.pos_ in ("VERB", "AUX")):
                # "A and B said that they had met": the pronoun is the
                # coordinated subject of the clause above
                above = self.subject_kids(verb.head)
                if above and len(self.coordinated(above[0])) > 1:
                    return self.coordinated(above[0])
            return self.coordinated(head)
        # no own subject: inherit it through coordination, control or a participle clause
        infinitive = any(c.lower_ in ("te", "to") for c in verb.children)
        inherits = (verb.dep_ in self.g.labels["conj"] or verb.dep_ in ("xcomp", "advcl")
                    or (verb.dep_ == "ccomp" and infinitive))
        if inherits and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
            return self.subjects(verb.head, passive=self.is_passive(verb.head))
        if verb.dep_ in self.g.labels["relcl"]:
            return self.coordinated(verb.head)
        if self.g.scheme == "ud":  # repairs for two common Dutch parser slips
            objs = self.kids(verb, "obj")
            if len(objs) > 1:  # "heeft de luchtverdediging drones neergeschoten"
                first = objs[0]
                owners = [c for c in first.children  # "Poetin consequent" read as a possessor
                          if c.dep_ == "nmod:poss" and c.pos_ == "PROPN"]
                return self.coordinated(first if first.pos_ == "PROPN" or not owners
                                        else owners[0])
            if self.slipped_participle(verb):  # its subject, or a clause-initial "object"
                before = self.before(verb)
                subj = [t for t in before if t.dep_ in self.g.labels["subj"]] or [
                    t for t in before
                    if t.dep_ in self.g.labels["obj"] and t.left_edge.i == verb.sent.start]
                return self.coordinated(subj[-1]) if subj else []
            if verb.pos_ == "NOUN" and (following := self.following_subject(verb)):
                return self.coordinated(following)  # "zwoer [NOUN] zijn vertrouweling"
            orphan = self.orphan_subject(verb) or next(iter(self.stray_nouns(verb)), None)
            if orphan is not None:
                return self.coordinated(orphan)
        return []

    def passive_subjects(self, verb: Token) -> list[Token]:
        if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
            return [verb.head]
        return self.kids(verb, "subj_pass")

    def slot(self, tok: Token, path: str, *, passive: bool) -> list[Token]:
        """Follow a slot path such as ``obj>prep:van`` from ``tok``."""
        current = [tok]
        for step in path.split(">"):
            step, _, lemma = step.partition("=")
            name, _, arg = step.partition(":")
            found: list[Token] = []
            for t in current:
                if name in ("prep", "nmod"):
                    found.extend(n for p, n in self.preps(t) if p == arg)
                elif name == "inner":
                    if not self.violent_event(t):
                        found.extend(n for p, n in self.preps(t) if p == arg)
                elif name == "clause":
                    found.extend(self.kids(t, "clause"))
                elif _SLOT_ROLE.get(name) == "obj" and passive and t is tok:
                    found.extend(self.passive_subjects(t))
                elif _SLOT_ROLE.get(name) == "obj" and t is tok:
                    found.extend(self.direct_objects(t))
                else:
                    found.extend(self.kids(t, _SLOT_ROLE.get(name, name)))
            if lemma:
                found = [f for f in found if f.lemma_.lower().endswith(lemma)]
            current = [f for f in found if not self.g.is_time(f.lower_)]
        return current

    def direct_objects(self, verb: Token) -> list[Token]:
        """The verb's object, with the parser's slips put right; the fallbacks, tried in
        order only when there is no object, are repairs too."""
        # "vuurde zo’n honderd granaten": a quantifier read as a second object;
        # "sprak dinsdag zijn ambtgenoot": a day read as a second object
        objs = [o for o in self.kids(verb, "obj") if not self.g.is_time(o.lower_)]
        objs = [o for o in objs if o.pos_ not in ("ADJ", "DET", "NUM")] or objs
        has_subject = bool(self.kids(verb, "subj"))
        if self.fronted_object(verb):
            return self.kids(verb, "subj")
        if len(objs) > 1:  # two objects is a parser slip: without a subject the first was the
            # subject (see ``subjects``); with one, the second belongs to a clause further on
            # ("beschuldigde het Westen ervan Rusland ... te willen delen")
            return objs[:1] if has_subject else objs[1:]
        if objs:
            return objs
        found = self.second_subjects(verb) or self.shared_object(verb)
        if found or self.g.scheme != "ud":
            return found
        stray = self.stray_nouns(verb)[0 if has_subject else 1:]  # else the first is the subject
        if stray:
            return stray[:1]
        misread = self.following_object(verb) if verb.pos_ == "NOUN" else None
        return [misread] if misread is not None else []

    def topics(self, verb: Token, frame: Frame, *, passive: bool) -> list[Span]:
        """The topic phrase of the first topic slot that is filled; for a verb the tagger
        called a noun just the word its slot found (its subtree is the parser's guess), for a
        slipped participle the rest of the clause."""
        found = [self.phrase(t) if verb.pos_ != "NOUN" else t.doc[t.i:t.i + 1]
                 for s in frame.topics for t in self.slot(verb, s, passive=passive)[:1]]
        if not found and frame.topics and self.slipped_participle(verb):
            found = [self.rest_of_clause(verb)]
        return found

    def elaboration(self, verb: Token) -> list[Token]:
        """Who else a threat names when the speaker spells it out: "dreigde met aanvallen,
        waarbij hij zei dat Rusland kon aankloppen bij Duitsland of Polen" adds Germany
        and Poland.  Only arguments of a speech clause hanging on the threat verb count."""
        found: list[Token] = []
        for speech in verb.children:
            if speech.dep_ not in ("advcl", "conj", "parataxis") or (
                    self.verb_key(speech) not in self.g.reporting_verbs):
                continue
            for clause in self.kids(speech, "clause"):
                for arg in clause.children:
                    if arg.dep_ in self.g.labels["obj"] or arg.dep_ in self.g.labels["prep"] or (
                            arg.dep_ in ("obl", "pobj")):
                        found.extend(self.coordinated(arg))
        return found

    def shared_object(self, verb: Token) -> list[Token]:
        """"captured or killed several soldiers": the object of the last conjunct is shared."""
        for c in verb.children:
            if c.dep_ in self.g.labels["conj"] and c.pos_ == "VERB" and not self.kids(c, "subj"):
                return self.kids(c, "obj")
        return []

    def mutual(self, frame: Frame, sources: list[Token]) -> list[list[Token]]:
        """"A and B signed a truce", "A en B onderhandelden": with no target of
        their own, coordinated subjects of a mutual relation (grammar
        ``mutual_relations``) act on each other.  Tried after the frame's own slots; never
        for the agents of a passive ("a deal brokered by A and B")."""
        if frame.relation in self.g.mutual_relations and len(sources) > 1:
            return [sources]
        return []

    def rest_of_clause(self, tok: Token) -> Span:
        """The words after ``tok`` to the end of the sentence, as a topic phrase."""
        words = self.after(tok)
        end = len(words)
        while end > 1 and words[end - 1].is_punct:
            end -= 1
        return words[:min(end, _MAX_TOPIC_TOKENS)]

    def phrase(self, tok: Token) -> Span:
        """The phrase a topic slot names: the token's subtree, without leading function words
        or a leading time word ("weigerde gisteren commentaar te geven")."""
        doc = tok.doc
        start, end = tok.left_edge.i, tok.right_edge.i + 1
        while start < end and (
            doc[start].is_punct or doc[start].lower_ in self.g.articles
            or (doc[start].dep_ in ("mark", "case", "aux") or self.g.is_time(doc[start].lower_))
            and start < tok.i
        ):
            start += 1
        while end > start + 1 and doc[end - 1].is_punct:
            end -= 1
        end = min(end, start + _MAX_TOPIC_TOKENS)
        return doc[start:end]
