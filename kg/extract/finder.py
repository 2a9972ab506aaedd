"""Candidates: every predicate of a sentence with its argument tokens.

Verbal predicates with their frames, nominal events with an explicit owner, light verb +
event noun, and pro-verbs that repeat the predicate before them.  Only the tree is read:
the resolve stage turns the tokens of each :class:`~kg.types.Candidate` into actors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from kg.extract.arguments import Arguments
from kg.lexicon import Frame, Lexicon
from kg.types import Candidate


class ArgumentFinder(Arguments):
    """Reads predicates and their arguments off the tree of one sentence."""

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
            # light verb ("trof maatregelen tegen X": the noun's relation, not "treffen" = hit)
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
                    target_slots=self.lazy_slots(
                        tok, frame.targets, passive=passive,
                        then=[] if passive else self.mutual(frame, sources)),
                    topic_slots=self.topics(tok, frame, passive=passive),
                    negated=negated and not frame.negative,
                    attribution=self.attribution(tok),
                    extra_targets=self.elaboration(tok) if frame.elaborate else [],
                )
                if negated and not frame.negative:
                    yield from self.contrasted(tok, frame, key, sources)

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

    def noun_candidates(self, sent: Span) -> Iterator[Candidate]:
        """Nominal events with an explicit actor: "de Russische aanvallen op Kyiv"."""
        for tok in sent:
            if tok.pos_ != "NOUN":
                continue
            frames = self.noun_frames(tok)
            if not frames or self.governed_by_predicate(tok):
                continue
            if tok.head is not tok and tok.head.pos_ in ("VERB", "AUX") and (
                    self.modality(tok.head)):
                continue  # "zal de aanval hervatten": what a verb to come does with it
            frame = frames[0]
            sources = [
                c
                for c in tok.children
                if c.dep_ in ("amod", "nmod:poss", "poss") or (c.dep_ == "compound" and c.i < tok.i)
            ]
            sources += [n for p, n in self.preps(tok) if p in ("door", "by")]
            targets = [self.slot(tok, s, passive=False) for s in frame.targets]
            # "brak de strijd uit tussen A en B": the phrase may hang on the noun's verb
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
                frame = self.as_stated(replace(frames[0], nominal=False,
                                               key=f"{key} {obj.lemma_.lower()}"),
                                       self.modality(tok))
                if frame is None:  # "zal een offensief beginnen": not (yet) a fact
                    break
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


def extract_candidates(sent: Span, lexicon: Lexicon) -> list[Candidate]:
    """All predicate candidates of one sentence (verbal, nominal, light verbs, pro-verbs)."""
    return ArgumentFinder(lexicon).candidates(sent)
