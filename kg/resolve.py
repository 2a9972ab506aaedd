"""Resolve: turn argument tokens into canonical actors, and candidates into Triples.

One :class:`DocumentResolver` lives for one document, because names, roles and pronouns
are resolved against what the document said before: "de Tsjetsjeense leider" needs the
document date, "hij" needs the previous subjects, "de Amerikaanse denktank" needs the
think tank introduced earlier.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span, Token
from spacy.util import filter_spans

from kg.extract import ArgumentFinder, Candidate
from kg.gazetteer import Gazetteer
from kg.ids import slug
from kg.lexicon import Lexicon
from kg.types import ACTOR_TYPES, Actor, Document, Entity, Sentence, Triple
from kg.vocab import relations

#: NER labels (OntoNotes and CoNLL style) -> kg types for names the gazetteer lacks
_NER_TYPES = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORGANIZATION", "GPE": "LOCATION",
              "LOC": "LOCATION", "NORP": "ORGANIZATION"}
#: NER labels that veto a proper noun as an actor (other labels are only type hints)
_NOT_ACTORS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY",
                         "LANGUAGE", "LAW", "EVENT", "MISC"})
_WHEN = frozenset({"DATE", "TIME"})
_PERSONAL = frozenset({"PERSON"})
#: how sure we are of an argument, by how it was resolved
_HOW_BONUS = {"name": 0.1, "role": -0.05, "pronoun": -0.15, "unknown": -0.15, "topic": -0.1,
              "demonym": -0.05, "owner": -0.15,
              "context": -0.2}
_PRONOUN_WINDOW = 3  # sentences back
_HISTORY = 400  # mentions kept per document
_PLACE_PREPS = frozenset({"in", "on", "of", "inside", "near", "op", "van", "bij", "nabij"})
_PLACE_TYPES = frozenset({"COUNTRY", "GOVERNMENT", "REGION", "LOCATION"})


@dataclass(slots=True)
class Mention:
    """An actor seen in the document, kept for pronouns and role nouns later on."""

    start: int
    end: int
    entity: Entity
    sentence: int
    is_subject: bool
    actor: Actor | None


@dataclass(slots=True)
class Resolved:
    entity: Entity
    how: str


@cache
def phrase_matcher(gazetteer: Gazetteer, nlp: Language) -> PhraseMatcher:
    """A PhraseMatcher over every alias, built once per gazetteer and pipeline."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_actor: dict[str, list[str]] = {}
    for alias, actor_id in gazetteer.alias_patterns():
        by_actor.setdefault(actor_id, []).append(alias)
    for actor_id, aliases in by_actor.items():
        matcher.add(actor_id, list(nlp.tokenizer.pipe(aliases)))
    return matcher


def actor_entity(actor: Actor, text: str) -> Entity:
    return Entity(name=actor.name, text=text, type=actor.type, id=actor.id)


class DocumentResolver:
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

    # -- mentions ---------------------------------------------------------------------------
    def start_sentence(self, sent: Span, index: int) -> None:
        """Find the names of ``sent`` (gazetteer first, then NER/proper nouns)."""
        self.sentence = index
        # on a Span, the PhraseMatcher returns offsets in the whole Doc
        spans = [sent.doc[s:e] for _, s, e in self.matcher(sent, as_spans=False)]
        for span in filter_spans(spans):
            actor = self.gaz.lookup(span.text, self.lang)
            if actor is not None:
                self._remember(span, actor_entity(actor, span.text), actor)
        for tok in sent:  # subjects, and organisations anywhere ("de reguliere troepen")
            if (tok.dep_ in self.g.labels["subj"] or self._org_noun(tok)) and (
                    self._mention_at(tok) is None and self._apposed(tok) is None):
                found = self._titled_name(tok) or self._role(tok) or self._name(tok)
                if found is not None:
                    self._remember(sent.doc[tok.i:tok.i + 1], found.entity, None)

    def _org_noun(self, tok: Token) -> bool:
        """An organisation noun ("de troepen", "the ministry"), worth remembering as a mention."""
        if tok.pos_ != "NOUN":
            return False
        noun = self._role_noun(tok)
        return noun is not None and noun[0] == "org"

    def _role_noun(self, tok: Token) -> tuple[str, str] | None:
        """What the noun denotes (see ``Gazetteer.role_noun``), by its lemma or its form."""
        return self.gaz.role_noun(tok.lemma_, self.lang) or self.gaz.role_noun(tok.text, self.lang)

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
                  if self.sentence - m.sentence < _PRONOUN_WINDOW
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

    def _remember(self, span: Span, entity: Entity, actor: Actor | None) -> None:
        subject = any(t.dep_ in self.g.labels["subj"] or t.dep_ in self.g.labels["subj_pass"]
                      or (t.head.dep_ in self.g.labels["subj"] and (
                          t.dep_ in self.g.labels["name"] or t.dep_ in self.g.labels["conj"]))
                      for t in span)
        self.history.append(Mention(span.start, span.end, entity, self.sentence, subject, actor))

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
            return Resolved(m.entity, "name")
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
        ``tok`` when it is an actor and not a place itself."""
        out = []
        for prep, place in self.finder.preps(tok):
            if prep != "in":
                continue
            for conj in place.children:
                if conj.dep_ in self.g.labels["conj"] and conj.pos_ == "PROPN" and (
                        r := self.resolve(conj)) and r.entity.is_actor and (
                        r.entity.type not in _PLACE_TYPES):
                    out.append(r)
        return out

    def _pronoun(self, tok: Token) -> Resolved | None:
        wanted = self.g.pronouns.get(tok.lower_)
        if not wanted or tok.lower_ in self.g.relative_pronouns:
            return None
        if tok.lower_ in self.g.subject_pronouns and tok.dep_ not in self.g.labels["subj"]:
            return None  # "Israël wijst het af": the proposal, not an organisation
        bound = self._coarguments(tok)
        for back in range(_PRONOUN_WINDOW):
            sentence = self.sentence - back
            recent = [m for m in reversed(self.history) if m.sentence >= sentence][::-1]
            pool = [m for m in recent if m.sentence == sentence and m.entity.is_actor
                    and (back > 0 or m.end <= tok.i) and _compatible(m.entity, wanted)
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

    def _role(self, tok: Token) -> Resolved | None:
        """Role phrases: de Russische president, de Wagner-baas, de Amerikaanse denktank."""
        phrase = self._role_phrase(tok)
        holder = self.gaz.resolve_role(phrase, self.lang, self.document.date)
        if holder is not None:
            return Resolved(actor_entity(holder, phrase), "role")
        if "-" in tok.text.strip("-"):  # Houthi-rebellen, Wagner-troepen: the group itself
            left, right = tok.text.rsplit("-", 1)
            owner = self.gaz.lookup(left, self.lang)
            if owner is not None and self.gaz.role_noun(right, self.lang) is not None:
                return Resolved(actor_entity(owner, tok.text), "role")
        noun = self._role_noun(tok)
        if noun is None and tok.lemma_.lower() in self.g.anaphors and any(
                c.lower_ in self.g.articles for c in tok.children):
            return self._anaphor(tok)  # "de groep" / "the group": the one named before
        if noun is None or noun[0] == "role":
            return None
        if noun[0] == "org":  # "de luchtverdediging" in a story about Russia
            owners = [c for c in tok.children if c.dep_ in ("poss", "nmod:poss")]
            anaphoric = bool(owners) and owners[0].lemma_.lower() in self.g.anaphors
            if owners and not anaphoric:  # "Assads troepen": the owner's country
                found = self._name(owners[0])  # "his troops": unknown
                owner = (found.entity.id if found and found.entity.type == "COUNTRY" else
                         self._country_of(found.entity.id) if found else None)
            else:  # "the country's defence ministry": the country of the story
                owner = self._context_country(tok)
            org = self.gaz.org_by_kind(noun[1], owner) if owner else None
            return Resolved(actor_entity(org, phrase), "context") if org else None
        of = self._owner(tok)  # "de Amerikaanse denktank": the one introduced earlier
        for m in reversed(self.history):
            if m.actor is not None and noun[1] in self.gaz.tags(m.actor.id) and (
                    of is None or m.actor.country == of):
                return Resolved(m.entity, "role")
        return None

    def _anaphor(self, tok: Token) -> Resolved | None:
        wanted = self.g.anaphors[tok.lemma_.lower()]
        for m in reversed(self.history):
            if self.sentence - m.sentence >= _PRONOUN_WINDOW:
                break
            if m.entity.type in wanted and (m.sentence < self.sentence or m.end <= tok.i):
                return Resolved(m.entity, "pronoun")
        return None

    def _country_of(self, actor_id: str) -> str | None:
        actor = self.gaz.actor(actor_id)
        return actor.country if actor is not None else None

    def _context_country(self, tok: Token) -> str | None:
        """The country a bare organisation noun belongs to, from the text around it: a
        demonym in the same sentence ("in de Russische hoofdstad"), else the country of the
        latest actor mentioned before it."""
        for other in tok.sent:
            if other.pos_ == "ADJ" and (code := self.gaz.demonym(other.text, self.lang)):
                return code
        for m in reversed(self.history):
            if m.sentence == self.sentence and m.start > tok.i:
                continue
            if m.actor is not None and m.actor.country:
                return m.actor.country
        return None

    def _role_phrase(self, tok: Token) -> str:
        """The token with its adjectives and a following "van X"/"of X" phrase."""
        doc = tok.doc
        left = [c.i for c in tok.children if c.i < tok.i and c.dep_ in (
            "amod", "compound", "nmod", "flat", "poss", "nmod:poss") and c.pos_ != "PRON"]
        lo = min([*left, tok.i])
        hi = tok.i + 1
        for prep, noun in self.finder.preps(tok):
            if prep in ("van", "of") and noun.i > tok.i:
                hi = max(hi, noun.i + 1)
        return doc[lo:hi].text

    def _owner(self, tok: Token) -> str | None:
        """Whose role: a demonym adjective (Russische) or a "van Rusland" / "of Russia"."""
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "nmod", "flat") and child.i < tok.i:
                code = self.gaz.demonym(child.text, self.lang)
                if code:
                    return code
        for prep, noun in self.finder.preps(tok):
            if prep in ("van", "of"):
                m = self._mention_at(noun)
                if m is not None and m.actor is not None:
                    return m.actor.country if m.actor.type == "COUNTRY" else m.actor.id
        return None

    def _name(self, tok: Token) -> Resolved | None:
        """A proper name the gazetteer lacks: an actor of its own, merged by name."""
        if tok.pos_ != "PROPN":
            return None
        parts = [tok] + [c for c in tok.children
                         if c.dep_ in self.g.labels["name"] and c.pos_ == "PROPN"]
        lo, hi = min(p.i for p in parts), max(p.i for p in parts) + 1
        span = tok.doc[lo:hi]
        actor = self.gaz.lookup(span.text, self.lang)
        if actor is not None:
            return Resolved(actor_entity(actor, span.text), "name")
        if hi - lo == 1:  # a surname seen in full earlier in the document
            for m in reversed(self.history):
                if m.entity.type == "PERSON" and m.entity.name.split()[-1] == tok.text:
                    return Resolved(m.entity, "name")
        label = next((e.label_ for e in tok.doc.ents if e.start <= tok.i < e.end), "")
        if self._vetoed(label, parts):
            return None
        etype = _NER_TYPES.get(label, "ACTOR")
        return Resolved(Entity(name=span.text, text=span.text, type=etype, id=slug(span.text)),
                        "unknown")

    def _vetoed(self, label: str, parts: list[Token]) -> bool:
        """Whether the NER label says the name is no actor. A time with no time word in the
        name ("Odesa overnight" read as one TIME) and a language that is no demonym ("attacked
        Odesa" with Odesa read as LANGUAGE) are the NER's slips, not vetoes."""
        if label in _WHEN:
            return any(self.g.is_time(p.text) for p in parts)
        if label == "LANGUAGE":
            return self.gaz.demonym(parts[0].text, self.lang) is not None
        return label in _NOT_ACTORS

    def _possessor(self, tok: Token) -> Resolved | None:
        """The owner of a target that is not an actor itself: "Wagner's field camps"."""
        owners = [c for c in tok.children if c.pos_ == "PROPN" and (
            c.dep_ in ("poss", "nmod:poss") or c.dep_ == "compound" and c.i < tok.i)]
        # "Hezbollah targets"; "doelen van Hezbollah", "de aanval van Rusland", "the positions
        # of the RSF"
        # ... but not the victim of an event noun that takes it ("de invasie van Oekraïne")
        victim = {s.split(">")[0] for f in self.finder.noun_frames(tok) for s in f.targets}
        owners += [n for p, n in self.finder.preps(tok)
                   if p in ("van", "of") and n.i > tok.i and f"prep:{p}" not in victim]
        for owner in owners:
            found = self.resolve(owner)
            if found is not None and found.entity.is_actor:
                return Resolved(found.entity, "owner")
        return None

    def _event_owner(self, tok: Token) -> Resolved | None:
        """Who did the event a target names: "veroordeelde de Russische aanval" -> Russia."""
        if not self.finder.noun_frames(tok):
            return None
        flag = self._flag(tok)
        return Resolved(flag.entity, "owner") if flag is not None else self._possessor(tok)

    def _flag(self, tok: Token) -> Resolved | None:
        """The country a demonym before the noun names: "Russian missile strikes", "een Brits
        vrachtschip"."""
        for left in tok.doc[tok.left_edge.i:tok.i]:
            if left.pos_ == "ADJ" and left.dep_ == "amod":
                found = self._demonym_actor(left)
                if found is not None:
                    return found
        return None

    def _location(self, tok: Token, depth: int = 3) -> Resolved | None:
        """Where a struck object is: "facilities on the territory of the Russian Federation".

        Used only for material conflict (attacks, occupation), where the place named is
        what was hit."""
        if depth == 0:
            return None
        for child in tok.children:
            if child.dep_ == "compound" and child.pos_ == "PROPN":
                found = self.resolve(child)
                if found is not None and found.entity.type in _PLACE_TYPES:
                    return Resolved(found.entity, "owner")
        for prep, noun in self.finder.preps(tok):
            if prep not in _PLACE_PREPS:
                continue
            found = self.resolve(noun)
            if found is not None and found.entity.type in _PLACE_TYPES:
                return Resolved(found.entity, "owner")
            deeper = self._location(noun, depth - 1)
            if deeper is not None:
                return deeper
        return None

    def _struck_place(self, tok: Token, predicate: Token) -> Resolved | None:
        """Where a struck object is: its own place phrase, else the verb's ("did not attack
        any facilities on the territory of the Russian Federation", the phrase on the verb)."""
        found = self._location(tok)
        if found is None and tok.pos_ == "NOUN":  # else its flag, else the verb's place
            found = self._flag(tok) or self._location(predicate)
        return found

    def _demonym_actor(self, tok: Token) -> Resolved | None:
        code = self.gaz.demonym(tok.text, self.lang)
        country = self.gaz.country(code) if code else None
        if country is None:
            return None
        return Resolved(actor_entity(country, tok.text), "demonym")

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
        sources = [s for s in sources if s.entity.is_actor and (
            not cand.frame.source_types or s.entity.type in cand.frame.source_types)]
        if not sources:
            return []
        targets: list[Resolved] = []
        physical = relations()[cand.frame.relation].places
        for slot in cand.target_slots:
            if any(self._reciprocal(t) for t in slot):  # each source acts on the others
                targets = [Resolved(s.entity, "pronoun") for s in sources]
                break
            found = [r for t in slot for c in self.finder.coordinated(t)
                     if (r := self.resolve(c) or self._possessor(c) or self._event_owner(c)
                         or (self._struck_place(c, cand.predicate) if physical else None))]
            found += [r for t in slot for r in self._stranded(t)]
            targets = [r for r in found if r.entity.is_actor]
            if targets:
                break
        extra = [r for t in cand.extra_targets if (r := self.resolve(t)) and r.entity.is_actor]
        if targets and extra:
            ids = {s.entity.id for s in sources} | {t.entity.id for t in targets}
            targets += [Resolved(r.entity, "pronoun") for r in extra if r.entity.id not in ids]
        if not targets and cand.topic_slots and not cand.frame.nominal:
            span = cand.topic_slots[0]
            head = span.root
            named = self._mention_at(head) is not None or head.pos_ == "PROPN"
            if span.text.strip() and not named:
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
                if s.entity.id == t.entity.id or (s.entity.id, t.entity.id) in seen:
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


def _compatible(entity: Entity, wanted: tuple[str, ...]) -> bool:
    if entity.type in _PERSONAL:
        return "PERSON" in wanted
    return entity.type in ACTOR_TYPES and ("ORG" in wanted or "GROUP" in wanted)


