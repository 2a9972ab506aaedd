"""Extract: find predicates from the lexicon in a parsed sentence and collect their arguments.

This stage only reads the dependency tree.  It returns :class:`Candidate` objects that point
at tokens (subject heads, target heads per slot, topic phrases, attribution heads); the
resolve stage turns those tokens into actors.  Both dependency schemes in use are handled
through the label table of the language's grammar file (UD for Dutch, ClearNLP for English).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from kg.lexicon import Frame, Lexicon
from kg.morph import infinitives, plural_stems
from kg.slips import ParserSlips
from kg.vocab import QUAD_COOPERATIVE, relations

#: slot names in the lexicon -> grammar label roles
_SLOT_ROLE = {"obj": "obj", "dobj": "obj", "iobj": "iobj", "dative": "iobj", "subj": "subj"}
#: deps through which a clause hangs under the verb that governs it
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "parataxis", "pcomp", "csubj"})
#: deps through which a clause is the *content* of the verb above it (denied doing X)
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "pcomp", "advcl"})
_MAX_TOPIC_TOKENS = 14


@dataclass(slots=True)
class Candidate:
    """A matched predicate with its argument tokens, before actors are resolved."""

    sent: Span
    predicate: Token
    frame: Frame
    verb: str
    sources: list[Token]
    target_slots: list[list[Token]]
    topic_slots: list[Span]
    negated: bool = False
    attribution: list[Token] = field(default_factory=list)
    nominal_sources: list[Token] = field(default_factory=list)
    extra_targets: list[Token] = field(default_factory=list)


class ArgumentFinder(ParserSlips):
    """Reads predicates and their arguments off the tree of one sentence."""

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

    # -- subjects -------------------------------------------------------------------------
    def subjects(self, verb: Token, *, passive: bool) -> list[Token]:
        """The agent of the action: subject, door/by-agent when passive, or inherited."""
        if passive:
            agents = [n for p, n in self.preps(verb) if p in ("door", "by")]
            return [t for a in agents for t in self.coordinated(a)]
        if self.fronted_object(verb):
            return self.coordinated(self.kids(verb, "obj")[0])
        subj = self.subject_kids(verb) or self.kids(verb, "subj_pass")
        # of several "subjects", a phrase with a preposition or a bare adjective is a slip
        subj = [s for s in subj if s.pos_ != "ADJ" and not any(
            c.dep_ in self.g.labels["case"] for c in s.children)] or subj
        if subj:
            head = subj[0]
            if head.lower_ in self.g.relative_pronouns and verb.dep_ in self.g.labels["relcl"]:
                head = verb.head
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

    # -- slots ----------------------------------------------------------------------------
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
        lemmas = {o.lemma_.lower() for o in objs} | {o.lower_ for o in objs}
        return any(lem.endswith(want) for lem in lemmas for want in frame.objects)

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

    # -- candidates -----------------------------------------------------------------------
    def verb_candidates(self, sent: Span) -> Iterator[Candidate]:
        for tok in sent:
            if not self.is_predicate(tok):
                continue
            key, frames = self.frames_for(tok)
            if not frames:
                continue
            if self.governed_by_predicate(tok):
                continue
            passive = self.is_passive(tok)
            negated = self.is_negated(tok) or self.object_negated(tok)
            mood = self.modality(tok)
            # frames come most specific first: a matched one rules out the plain reading
            # ("released prisoners", not "released"); so does an event noun object of a
            # light verb ("trof sancties": the noun's relation, not "treffen" = hit)
            specific = key in self.g.light_verbs and any(
                o.pos_ == "NOUN" and self.noun_frames(o)
                for o in self.slot(tok, "obj", passive=passive))
            for frame in frames:
                plain = not (frame.objects or frame.sources or frame.complements)
                if (plain and specific) or not self.objects_match(tok, frame) or (
                        frame.negative and not negated):
                    continue
                sources = ([t for sl in frame.sources for t in self.slot(tok, sl, passive=passive)]
                           if frame.sources else self.subjects(tok, passive=passive))
                if frame.sources and not sources:
                    continue
                specific = specific or not plain
                frame = self.as_stated(frame, mood)
                if frame is None:
                    continue
                yield Candidate(
                    sent=sent,
                    predicate=tok,
                    frame=frame,
                    verb=key,
                    sources=sources,
                    target_slots=[*(self.slot(tok, s, passive=passive) for s in frame.targets),
                                  *([] if passive else self.mutual(frame, sources))],
                    topic_slots=self.topics(tok, frame, passive=passive),
                    negated=negated and not frame.negative,
                    attribution=self.attribution(tok),
                    extra_targets=self.elaboration(tok) if frame.elaborate else [],
                )
                if negated and not frame.negative:
                    yield from self.contrasted(tok, frame, key, sources)

    def mutual(self, frame: Frame, sources: list[Token]) -> list[list[Token]]:
        """"Pakistan and India agreed on a ceasefire", "the leaders met": with no target of
        their own, coordinated subjects of a mutual relation (grammar
        ``mutual_relations``) act on each other.  Tried after the frame's own slots; never
        for the agents of a passive ("a deal brokered by the US and France")."""
        if frame.relation in self.g.mutual_relations and len(sources) > 1:
            return [sources]
        return []

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

    def contrasted(self, verb: Token, frame: Frame, key: str,
                   sources: list[Token]) -> Iterator[Candidate]:
        """"schuimbekte niet tegen A, maar wel tegen B": the remnant after the contrast word
        (grammar ``contrast``) fills the negated verb's slot, and that triple is not negated.
        The parser hangs such a remnant anywhere, so it is found by its own shape: a conjunct
        with the contrast word and a preposition, after the verb."""
        if self.g.scheme != "ud":
            return
        for tok in self.after(verb):
            if (tok.dep_ not in self.g.labels["conj"] and tok.dep_ != "parataxis") or not any(
                    c.dep_ == "cc" and c.lower_ in self.g.contrast for c in tok.children):
                continue
            preps = {c.lower_ for c in tok.children if c.dep_ in self.g.labels["case"]}
            slots = []
            for path in frame.targets:
                first, _, rest = path.partition(">")
                if first.partition(":")[2] in preps and first.startswith("prep:"):
                    slots.append(self.slot(tok, rest, passive=False) if rest else [tok])
            if slots:
                yield Candidate(sent=verb.sent, predicate=verb, frame=frame, verb=key,
                                sources=sources, target_slots=slots, topic_slots=[],
                                attribution=self.attribution(verb))

    def object_negated(self, verb: Token) -> bool:
        for obj in self.kids(verb, "obj"):
            if any(c.lower_ in self.g.negation_det for c in obj.children):
                return True
        return False

    def violent_event(self, tok: Token) -> bool:
        """A noun for an act of force ("invasion", "aanval"): its of-phrase is its victim."""
        return any(relations()[f.relation].quad_class == "MATERIAL_CONFLICT"
                   for f in self.noun_frames(tok))

    def noun_frames(self, tok: Token) -> list[Frame]:
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

    def noun_candidates(self, sent: Span) -> Iterator[Candidate]:
        """Nominal events with an explicit actor: "de Russische aanvallen op Kyiv"."""
        for tok in sent:
            if tok.pos_ != "NOUN":
                continue
            frames = self.noun_frames(tok)
            if not frames or self.governed_by_predicate(tok):
                continue
            frame = frames[0]
            sources = [
                c
                for c in tok.children
                if c.dep_ in ("amod", "nmod:poss", "poss") or (c.dep_ == "compound" and c.i < tok.i)
            ]
            sources += [n for p, n in self.preps(tok) if p in ("door", "by")]
            targets = [self.slot(tok, s, passive=False) for s in frame.targets]
            # "brak het conflict uit tussen A en B": the phrase may hang on the noun's verb
            holders = [tok, tok.head] if tok.dep_ in self.g.labels["subj"] else [tok]
            sides = [m for h in holders for p, n in self.preps(h) if p in self.g.between_preps
                     for m in self.coordinated(n)]
            if not sources and len(sides) > 1:  # "the war between A and B": each on the other
                sources, targets = sides, [sides]
            verb = tok.head
            if tok.dep_ in self.g.labels["agent"] or (verb.dep_ == "agent" and verb.head):
                # "Khartoem werd opgeschrikt door bombardementen van het leger": the event's
                # owner acted on the passive subject
                verb = verb.head if verb.dep_ == "agent" else verb
                sources += [n for p, n in self.preps(tok) if p in ("van", "of")]
                targets.append(self.kids(verb, "subj_pass"))
            if not sources:
                continue
            yield Candidate(
                sent=sent,
                predicate=tok,
                frame=frame,
                verb=tok.lemma_.lower(),
                sources=[],
                nominal_sources=sources,
                target_slots=targets,
                topic_slots=[],
                negated=False,
                attribution=self.attribution(tok.head) if tok.head is not tok else [],
            )

    def light_verb_candidates(self, sent: Span, taken: set[int]) -> Iterator[Candidate]:
        """Light verb + event noun: "carried out a raid on X", "pleegde een aanslag op X",
        "held talks with X".  The verb (grammar ``light_verbs``) lends its subject, the noun
        its relation; the target is in the noun's slots or the verb's own prepositions.
        A verb that a lexicon frame already read (``taken``) is left to that frame."""
        for tok in sent:
            if tok.i in taken or not self.is_predicate(tok):
                continue
            key = self.frames_for(tok)[0]
            if key not in self.g.light_verbs or self.governed_by_predicate(tok):
                continue
            passive = self.is_passive(tok)
            for obj in self.slot(tok, "obj", passive=passive):
                frames = self.noun_frames(obj) if obj.pos_ == "NOUN" else []
                if not frames:
                    continue
                frame = replace(frames[0], nominal=False, key=f"{key} {obj.lemma_.lower()}")
                slots = [*frame.targets, *(s for s in frame.targets if s.startswith("prep:"))]
                yield Candidate(
                    sent=sent, predicate=tok, frame=frame, verb=frame.key,
                    sources=self.subjects(tok, passive=passive),
                    target_slots=[self.slot(obj, s, passive=False) for s in frame.targets]
                    + [self.slot(tok, s, passive=False) for s in slots[len(frame.targets):]],
                    topic_slots=[], negated=self.is_negated(tok) or self.object_negated(tok),
                    attribution=self.attribution(tok))
                break

    def echoes(self, sent: Span, found: list[Candidate]) -> Iterator[Candidate]:
        """"Nadat Biden Moskou had gewaarschuwd, doet nu ook Von der Leyen dat": a pro-verb
        (grammar ``pro_verbs``) repeats the predicate before it, with its own subject."""
        verbal = [c for c in found if not c.frame.nominal]
        for tok in sent:
            forms = self.g.pro_verbs.get(tok.lemma_.lower())
            if not forms or not any(c.lower_ in forms and c.dep_ not in ("mark", "cc")
                                    for c in tok.children):
                continue
            before = [c for c in verbal if c.predicate.i < tok.i]
            sources = [s for s in self.subjects(tok, passive=False) if s.lower_ not in forms]
            if before and sources:
                yield replace(before[-1], predicate=tok, sources=sources,
                              negated=self.is_negated(tok), attribution=self.attribution(tok),
                              extra_targets=[])

    def candidates(self, sent: Span) -> list[Candidate]:
        """All predicate candidates of one sentence (verbal, nominal, then pro-verbs)."""
        found = [*self.verb_candidates(sent), *self.noun_candidates(sent)]
        taken = {c.predicate.i for c in found}
        found += self.light_verb_candidates(sent, taken)
        return [*found, *self.echoes(sent, found)]

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


def extract_candidates(sent: Span, lexicon: Lexicon) -> list[Candidate]:
    """All predicate candidates of one sentence (verbal, then nominal)."""
    return ArgumentFinder(lexicon).candidates(sent)
