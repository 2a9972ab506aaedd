"""Resolve: turn argument tokens into canonical actors, and candidates into Triples.

One :class:`DocumentResolver` lives for one document, because names, roles and pronouns
are resolved against what the document said before: "de Tsjetsjeense leider" needs the
document date, "hij" needs the previous subjects, "de Amerikaanse denktank" needs the
think tank introduced earlier, "Okafor" needs the "Chidi Okafor" named before.
Role nouns, institutions and generic agents are in :mod:`kg.resolve.roles`; owners and
places of non-actor arguments in :mod:`kg.resolve.owners`; unknown names in
:mod:`kg.resolve.names`.
"""

from __future__ import annotations

from collections import deque

from spacy.matcher import PhraseMatcher
from spacy.tokens import Span, Token
from spacy.util import filter_spans

from kg.agents import default_agents
from kg.extract import ArgumentFinder, Candidate
from kg.gazetteer import Gazetteer, strip_article
from kg.ids import fold, slug
from kg.lexicon import Lexicon
from kg.resolve.mentions import (
    DocumentMemory,
    Mention,
    Resolved,
    actor_entity,
    compatible,
)
from kg.resolve.names import NameReader, same_person
from kg.resolve.owners import PLACE_TYPES, OwnerMixin
from kg.resolve.roles import PRONOUN_WINDOW, RoleMixin
from kg.types import Actor, Document, Entity, Sentence, Triple
from kg.vocab import relations

#: NER labels that veto a proper noun as an actor (other labels are only type hints)
_NOT_ACTORS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY",
                         "LANGUAGE", "LAW", "EVENT", "MISC"})
_WHEN = frozenset({"DATE", "TIME"})
#: how sure we are of an argument, by how it was resolved
_HOW_BONUS = {"name": 0.1, "role": -0.05, "pronoun": -0.15, "unknown": -0.15, "topic": -0.1,
              "demonym": -0.05, "owner": -0.15, "group": -0.1,
              "context": -0.2}
_HISTORY = 400  # mentions kept per document
#: kinds that are places: targets, never sources
_PLACES = frozenset({"LOCATION", "REGION"})


class DocumentResolver(RoleMixin, OwnerMixin):
    """Resolves the argument tokens of one document, sentence by sentence."""

    def __init__(self, document: Document, lang: str, lexicon: Lexicon,
                 gazetteer: Gazetteer, matcher: PhraseMatcher) -> None:
        self.document = document
        self.lang = lang
        self.lex = lexicon
        self.g = lexicon.grammar
        self.gaz = gazetteer
        self.matcher = matcher
        self.finder = ArgumentFinder(lexicon)
        #: mentions in document order; bounded, so a very long document costs no more per
        #: sentence than a short one (pronouns and role nouns look only a few sentences back)
        self.history: deque[Mention] = deque(maxlen=_HISTORY)
        self.sentence = -1
        self.memory = DocumentMemory()
        self.names = NameReader(gazetteer, lang)
        self.agents = default_agents()

    # -- mentions ---------------------------------------------------------------------------
    def start_sentence(self, sent: Span, index: int) -> None:
        """Find the names of ``sent`` (gazetteer first, then NER/proper nouns)."""
        self.sentence = index
        self.memory.next_sentence()
        self.memory.places |= self.names.places_in(sent)
        # on a Span, the PhraseMatcher returns offsets in the whole Doc
        spans = [sent.doc[s:e] for _, s, e in self.matcher(sent, as_spans=False)]
        for span in filter_spans(spans):
            found = self._known(span)
            if found is not None:
                self._remember(span, *found)
                self.memory.count_country(found[1].country if found[1] else None, span.start)
        for tok in sent:
            if tok.pos_ == "ADJ" and tok.dep_ == "amod":  # "de Russische troepen"
                self.memory.count_country(self.gaz.demonym(tok.text, self.lang), tok.i)
        for tok in sent:  # subjects, and organisations anywhere ("de reguliere troepen")
            if (tok.dep_ in self.g.labels["subj"] or self._org_noun(tok)) and (
                    self._mention_at(tok) is None and self._apposed(tok) is None):
                found = self._titled_name(tok) or self._role(tok) or self._name(tok)
                if found is not None:
                    self._remember(sent.doc[tok.i:tok.i + 1], found.entity, None,
                                   "context" if found.how == "context" else "name")

    def _known(self, span: Span) -> tuple[Entity, Actor | None] | None:
        """The actor a gazetteer match stands for, unless it is part of a longer name the
        gazetteer does not know: "Kwame Jean-Pierre" is not Karine Jean-Pierre, and a later
        "Jean-Pierre" is the one the document introduced."""
        actor = self.gaz.lookup(span.text, self.lang)
        if actor is None:
            return None
        if actor.type != "PERSON":
            return actor_entity(actor, span.text), actor
        lo, hi = self.names.run(span.start, span.end - 1, span.doc)
        run = span.doc[lo:hi]
        if (lo, hi) != (span.start, span.end) and self.gaz.lookup(run.text, self.lang) is None:
            own = set(fold(actor.name).split())
            if not own <= {fold(t.text) for t in run} and not same_person(actor, run):
                return None  # an unknown full name: _name makes it a new actor
        if (lo, hi) == (span.start, span.end) and (
                person := self.memory.person(span.text)) is not None:
            return person, None
        return actor_entity(actor, span.text), actor

    def _org_noun(self, tok: Token) -> bool:
        """An organisation noun ("de troepen", "the ministry"), worth remembering as a mention."""
        if tok.pos_ != "NOUN":
            return False
        noun = self._role_noun(tok)
        return noun is not None and noun[0] == "org"

    def _reciprocal(self, tok: Token) -> bool:
        """"elkaar", "elkaars posities", "each other('s positions)"."""
        def word(t: Token) -> bool:
            before = t.doc[t.i - 1].lower_ + " " if t.i > 0 else ""
            return t.lower_ in self.g.reciprocals or before + t.lower_ in self.g.reciprocals
        return word(tok) or any(c.dep_ in ("poss", "nmod:poss", "det") and word(c)
                                for c in tok.children)

    def _sides(self, tok: Token) -> list[Resolved]:
        """"De partijen", "both sides": the two latest different actors named before."""
        if tok.lower_ not in self.g.sides:
            return []
        before = [m for m in reversed(self.history)
                  if self.sentence - m.sentence < PRONOUN_WINDOW
                  and (m.sentence < self.sentence or m.end <= tok.i) and m.entity.is_actor
                  and m.entity.type not in ("LOCATION", "REGION")]
        found: dict[str, Entity] = {}
        for m in [m for m in before if m.is_subject] + before:  # the sides acted: subjects
            if len(found) < 2:
                found.setdefault(m.entity.id, m.entity)
        return [Resolved(e, "pronoun") for e in found.values()] if len(found) == 2 else []

    def _apposed(self, tok: Token) -> Mention | None:
        """A name beside a noun: "zijn vertrouweling Ramzan Kadyrov", "Hamas-leider Yahya
        Sinwar" (the name wins over what the role would mean at the date)."""
        for child in tok.children:
            if child.dep_ == "compound" and tok.pos_ != "PROPN" and (
                    tok.lemma_.lower() not in self.g.place_nouns):
                continue  # "the RSF proposal" is a proposal; "NATO territory" is NATO
            if child.dep_ in self.g.labels["appos"] or child.dep_ in self.g.labels["name"]:
                m = self._mention_at(child)
                if m is not None:
                    return m
        return None

    def _remember(self, span: Span, entity: Entity, actor: Actor | None,
                  how: str = "name") -> None:
        subject = any(t.dep_ in self.g.labels["subj"] or t.dep_ in self.g.labels["subj_pass"]
                      or (t.head.dep_ in self.g.labels["subj"] and (
                          t.dep_ in self.g.labels["name"] or t.dep_ in self.g.labels["conj"]))
                      for t in span)
        self.history.append(Mention(span.start, span.end, entity, self.sentence, subject, actor,
                                    how))

    def _mention_at(self, tok: Token) -> Mention | None:
        for m in reversed(self.history):
            if m.sentence != self.sentence:
                break  # history is in document order: earlier sentences from here on
            if m.start <= tok.i < m.end:
                return m
        return None

    # -- one token --------------------------------------------------------------------------
    def resolve(self, tok: Token) -> Resolved | None:
        """The actor a token stands for, or None when it is not an actor."""
        m = self._mention_at(tok) or self._apposed(tok)
        if m is not None:
            return Resolved(m.entity, m.how)
        if tok.pos_ == "PRON" or tok.lower_ in self.g.pronouns:
            return self._pronoun(tok)
        found = self._role(tok) or self._name(tok)
        if found is not None and found.how != "name":
            self._remember(tok.doc[tok.i:tok.i + 1], found.entity, None)
        return found

    def _titled_name(self, tok: Token) -> Resolved | None:
        """"Legerleider Abdel Fattah al-Burhan ziet ...": a title the parser made a second
        subject beside the name right after it stands for the person named."""
        doc = tok.doc
        if tok.i + 1 >= len(doc) or tok.dep_ not in self.g.labels["subj"]:
            return None
        name = doc[tok.i + 1]
        m = (self._mention_at(name) or self._apposed(name)
             if name.dep_ == tok.dep_ and name.head == tok.head else None)
        return Resolved(m.entity, "name") if m is not None and m.entity.type == "PERSON" else None

    def _stranded(self, tok: Token) -> list[Resolved]:
        """"de Houthi-rebellen in Jemen en Hezbollah in Libanon": the parser hangs the second
        actor on the first one's place ("Jemen en Hezbollah"); such a conjunct counts beside
        ``tok`` when it is an actor and not a place itself.  Likewise each further demonym of
        a generic group ("Chadian and Nigerien troops"): the same group of each country."""
        out = self._co_owned(tok)
        for prep, place in self.finder.preps(tok):
            if prep != "in":
                continue
            for conj in place.children:
                if conj.dep_ in self.g.labels["conj"] and conj.pos_ == "PROPN" and (
                        r := self.resolve(conj)) and r.entity.is_actor and (
                        r.entity.type not in PLACE_TYPES):
                    out.append(r)
        return out

    def _co_owned(self, tok: Token) -> list[Resolved]:
        codes = [code for mod in tok.children if mod.dep_ == "amod"
                 and self.gaz.demonym(mod.text, self.lang)
                 for conj in mod.children if conj.dep_ in self.g.labels["conj"]
                 and (code := self.gaz.demonym(conj.text, self.lang))]
        group = self.agents.noun(tok.text, self.lang) if codes else None
        first = self._agent(tok) if group is not None else None
        if first is None:
            return []
        return [Resolved(self.agents.entity(group, code, self.gaz, tok.text), first.how)
                for code in codes]

    def _pronoun(self, tok: Token) -> Resolved | None:
        wanted = self.g.pronouns.get(tok.lower_)
        if not wanted or tok.lower_ in self.g.relative_pronouns:
            return None
        if tok.lower_ in self.g.subject_pronouns and tok.dep_ not in self.g.labels["subj"]:
            return None  # "Israël wijst het af": the proposal, not an organisation
        bound = self._coarguments(tok)
        for back in range(PRONOUN_WINDOW):
            sentence = self.sentence - back
            recent = [m for m in reversed(self.history) if m.sentence >= sentence][::-1]
            pool = [m for m in recent if m.sentence == sentence and m.entity.is_actor
                    and (back > 0 or m.end <= tok.i) and compatible(m.entity, wanted)
                    and m.entity.id not in bound]
            if pool:
                subjects = [m for m in pool if m.is_subject]
                pick = (subjects or pool)[-1]
                return Resolved(pick.entity, "pronoun")
        return None

    def _coarguments(self, tok: Token) -> set[str]:
        """Who a non-reflexive object pronoun cannot be: the subject of its own verb
        ("Poetin bedreigde hem", "Putin threatened him": not Putin)."""
        if tok.dep_ in self.g.labels["subj"] or tok.dep_ in self.g.labels["subj_pass"]:
            return set()
        if tok.head.i == tok.i or tok.head.pos_ not in ("VERB", "AUX"):
            return set()  # possessives hang on a noun: "Rusland en zijn bondgenoten"
        mentions = map(self._mention_at, self.finder.kids(tok.head, "subj"))
        return {m.entity.id for m in mentions if m is not None}


    def _name(self, tok: Token) -> Resolved | None:
        """A proper name, titles removed: the gazetteer's actor when the whole name is one
        of its aliases, else the person the document introduced with this surname, else a
        new actor typed by :class:`NameReader` (never a gazetteer entry that merely shares a
        word with it)."""
        if tok.pos_ != "PROPN":
            return None
        parts = [tok] + [c for c in tok.children
                         if c.dep_ in self.g.labels["name"] and c.pos_ == "PROPN"]
        lo, hi = self.names.run(min(p.i for p in parts), max(p.i for p in parts), tok.doc,
                                stop=lambda t: self._mention_at(t) is not None)
        span = tok.doc[lo:hi]
        words = list(span)
        person = self.memory.person(span.text)  # a surname the document introduced
        if person is not None:
            return Resolved(person, "name")
        actor = self.gaz.lookup(span.text, self.lang)
        if actor is not None:
            return Resolved(actor_entity(actor, span.text), "name")
        if len(words) == 1 and self.names.is_title(words[0]):
            return None  # "President" alone is a role, not a name
        if len(words) == 1:  # a surname seen in full earlier in the document
            for m in reversed(self.history):
                if m.entity.type == "PERSON" and m.entity.name.split()[-1] == tok.text:
                    return Resolved(m.entity, "name")
        label = next((e.label_ for e in tok.doc.ents if e.start <= tok.i < e.end), "")
        if self._vetoed(label, words):
            return None
        etype = self.names.type_of(words, label, self.memory.places)
        entity = Entity(name=span.text, text=span.text, type=etype, id=slug(span.text))
        if etype == "PERSON":
            self.memory.add_person(entity)
        return Resolved(entity, "unknown")

    def _vetoed(self, label: str, parts: list[Token]) -> bool:
        """Whether the NER label says the name is no actor. A time with no time word in the
        name ("Odesa overnight" read as one TIME) and a language that is no demonym ("attacked
        Odesa" with Odesa read as LANGUAGE) are the NER's slips, not vetoes."""
        if label in _WHEN:
            return any(self.g.is_time(p.text) for p in parts)
        if label == "LANGUAGE":
            return self.gaz.demonym(parts[0].text, self.lang) is not None
        return label in _NOT_ACTORS

    # -- candidates -> triples --------------------------------------------------------------
    def triples(self, cand: Candidate, sentence: Sentence) -> list[Triple]:
        """The resolved triples of one candidate; ``sentence`` carries the evidence."""
        if cand.frame.nominal:
            sources = [r for t in cand.nominal_sources
                       if (r := self._demonym_actor(t) or self.resolve(t)
                           or self._event_owner(cand.predicate))]
        else:  # "Israeli strikes killed ...": the strikes' owner acted
            sources = [r for t in cand.sources if (r := self.resolve(t) or self._event_owner(t))]
            sources += [r for t in cand.sources for r in self._stranded(t) + self._sides(t)]
        physical = relations()[cand.frame.relation].places
        sources = [s for s in sources if s.entity.is_actor and (
            not cand.frame.source_types or s.entity.type in cand.frame.source_types)
            and s.entity.type not in _PLACES]  # places do not act
        if not sources:
            return []
        targets: list[Resolved] = []
        for slot in cand.target_slots:
            if any(self._reciprocal(t) for t in slot):  # each source acts on the others
                targets = [Resolved(s.entity, "pronoun") for s in sources]
                break
            found = [r for t in slot for c in self.finder.coordinated(t)
                     if (r := self.resolve(c) or self._possessor(c) or self._event_owner(c)
                         or (self._struck_place(c, cand.predicate) if physical else None))]
            found += [r for t in slot for r in self._stranded(t)]
            targets = [self._struck_seat(r) if physical else r
                       for r in found if r.entity.is_actor]
            if targets:
                break
        extra = [r for t in cand.extra_targets if (r := self.resolve(t)) and r.entity.is_actor]
        if targets and extra:
            ids = {s.entity.id for s in sources} | {t.entity.id for t in targets}
            targets += [Resolved(r.entity, "pronoun") for r in extra if r.entity.id not in ids]
        if not targets and cand.topic_slots and not cand.frame.nominal:
            span = cand.topic_slots[0]
            named = len(span) > 0 and (self._mention_at(span.root) is not None
                                       or span.root.pos_ == "PROPN")
            if span.text.strip() and not named:  # an empty span has no root: no topic
                targets = [Resolved(Entity(name=span.text, text=span.text, type="TOPIC",
                                           id=f"topic-{self.lang}-{slug(span.text)[:80]}"),
                                    "topic")]
        if not targets:
            return []
        attributed = None
        for tok in cand.attribution:
            r = self.resolve(tok)
            if r is not None and r.entity.is_actor:
                attributed = r.entity
                break
        rel = relations()[cand.frame.relation]
        out: list[Triple] = []
        seen: set[tuple[str, str]] = set()
        for s in sources:
            for t in targets:
                if s.entity.id == t.entity.id or (s.entity.id, t.entity.id) in seen or (
                        self._own_country(s, t) or self._own_country(t, s)):
                    continue
                seen.add((s.entity.id, t.entity.id))
                conf = cand.frame.confidence + _HOW_BONUS.get(s.how, 0) + _HOW_BONUS.get(t.how, 0)
                if cand.frame.nominal:
                    conf -= 0.1
                out.append(Triple(
                    doc_id=self.document.id, date=self.document.date, lang=self.lang,
                    sentence=sentence.text, sentence_index=sentence.index,
                    char_start=sentence.char_start, char_end=sentence.char_end,
                    source=s.entity, relation=rel.name, plover=rel.plover, cameo=rel.cameo,
                    target=t.entity, negated=cand.negated, attributed_to=attributed,
                    verb=cand.verb, confidence=round(min(0.95, max(0.05, conf)), 2),
                ))
        return out


    def _struck_seat(self, found: Resolved) -> Resolved:
        """A capital hit by an attack is the city, not its government ("a strike on Kyiv")."""
        record = self.gaz.record(found.entity.id) if self.gaz.is_seat(found.entity.text) else None
        if record is None:
            return found
        seats = record.get("seats", [])
        key = fold(found.entity.text)
        at = next((i for i, seat in enumerate(seats) if fold(seat).endswith(key)), 0)
        buildings = [i for i, seat in enumerate(seats) if self.gaz.is_article_name(seat)]
        first = buildings[0] if buildings and at >= buildings[0] else 0  # "the Kremlin"
        name = strip_article(seats[first]) if seats else found.entity.text
        return Resolved(Entity(name=name, text=found.entity.text, type="LOCATION",
                               id=f"place-{slug(name)}"), found.how)

    def _own_country(self, context: Resolved, other: Resolved) -> bool:
        """An institution found from the document's country ("the government") acting on
        that same country is a misreading: "The government criticised Russia" is not
        Russia's government."""
        if context.how != "context":
            return False
        mine = self.gaz.actor(context.entity.id)
        theirs = self.gaz.actor(other.entity.id)
        return bool(mine and theirs and mine.country and theirs.type in ("COUNTRY", "GOVERNMENT")
                    and mine.country == theirs.country)
