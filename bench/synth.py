"""Realistic synthetic ``kg.types.Triple`` streams for the load benchmarks.

Why synthetic: 200,000 extracted triples would take hours of parsing on two cores, and the
loaders only care about the shape of the data.  The shape follows news:

* actors from the packaged gazetteer when it is there (else the curated country and
  government names in ``kg/data``), popularity Zipf-like (a few actors in most triples),
  plus 15 % unknown actors minted from real names and 12 % concept targets (topics);
* relations from the fixed vocabulary (``kg.vocab``), 6 % negated, 8 % attributed
  ("according to ..."); 1-5 triples per document, sentences from the real text pools of
  :mod:`bench.textdata` (70 % Dutch, 30 % English), dates 2022-2024.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources

from bench.textdata import pool
from kg.ids import slug
from kg.types import Actor, Document, Entity, Triple
from kg.vocab import relations

_TOPICS = ["martial law", "sanctions", "ceasefire", "peace talks", "elections", "terrorism",
           "mobilisation", "grain deal", "nuclear weapons", "humanitarian aid", "corruption",
           "drone attacks", "air defence", "refugees", "independence", "the referendum"]
_UNKNOWN = ["Ivan Petrov", "Olena Shevchenko", "Ahmed Hassan", "Maria Kowalska", "Jan de Vries",
            "Pieter Janssens", "Hamid Karimi", "Sofia Rossi", "Lukas Novak", "Amina Yusuf",
            "Dmitri Volkov", "Yusuf Demir", "Anna Nowak", "Omar Khalil", "Elena Popescu"]


@dataclass
class ActorSet:
    """The known actors triples are drawn from; ``lookup`` stands in for the gazetteer's."""

    actors: list[Actor]
    weights: list[float]
    source: str
    by_id: dict[str, Actor] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {a.id: a for a in self.actors}

    def lookup(self, actor_id: str) -> Actor | None:
        return self.by_id.get(actor_id)


def _curated_actors() -> list[Actor]:
    """Countries and their governments from the gazetteer's own build inputs."""
    data = resources.files("kg.data")
    actors: list[Actor] = []
    for line in data.joinpath("countries_curated.txt").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")]
        iso3, name = fields[0], fields[1]
        actors.append(Actor(slug(name), name, "COUNTRY", iso3, None, []))
        actors.append(Actor(slug(f"Government of {name}"), f"Government of {name}",
                            "GOVERNMENT", iso3, None, []))
    return actors


def load_actors(limit: int = 3000) -> ActorSet:
    """Known actors, most popular first, with Zipf weights (s = 1.05)."""
    try:
        from kg.gazetteer import default_gazetteer

        gaz = default_gazetteer()
        ids = sorted({actor_id for _, actor_id in gaz.alias_patterns()})
        actors = [a for a in map(gaz.actor, ids) if a is not None]
        source = "kg gazetteer"
    except ImportError:
        actors = _curated_actors()
        source = "kg/data/countries_curated.txt (gazetteer absent)"
    rng = random.Random(11)
    rng.shuffle(actors)
    actors = actors[:limit]
    weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(actors))]
    return ActorSet(actors, weights, f"{source}: {len(actors)} actors")


def _entity(actor: Actor, rng: random.Random) -> Entity:
    text = rng.choice([actor.name, *actor.aliases]) if actor.aliases else actor.name
    return Entity(name=actor.name, text=text, type=actor.type, id=actor.id)


def triples(n: int, actors: ActorSet, *, seed: int = 3) -> tuple[list[Triple], list[Document]]:
    """``n`` triples in documents of 1-5 triples, and those documents (text left empty)."""
    rng = random.Random(seed)
    vocab = list(relations().values())
    sentences = {"nl": pool("nl").sentences, "en": pool("en").sentences}
    unknown = [Entity(name, name, rng.choice(["PERSON", "ORGANIZATION", "ARMED_GROUP"]),
                      slug(name)) for name in _UNKNOWN]
    topics = [Entity(t, t, "TOPIC", "topic:" + slug(t)) for t in _TOPICS]
    out: list[Triple] = []
    docs: list[Document] = []
    picks: Iterator[Actor] = iter(())

    def some_actor() -> Entity:
        nonlocal picks
        if rng.random() < 0.15:
            return rng.choice(unknown)
        actor = next(picks, None)
        if actor is None:
            picks = iter(rng.choices(actors.actors, actors.weights, k=4096))
            actor = next(picks)
        return _entity(actor, rng)

    for d in itertools.count():
        if len(out) >= n:
            break
        lang = "nl" if rng.random() < 0.7 else "en"
        date = f"{rng.choice((2022, 2023, 2024))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc_id = f"bench-{d:07d}"
        docs.append(Document(id=doc_id, text="", date=date, lang=lang, source=f"bench:{d}"))
        offset = 0
        for index in range(min(rng.randint(1, 5), n - len(out))):
            sentence = rng.choice(sentences[lang])
            source = some_actor()
            target = rng.choice(topics) if rng.random() < 0.12 else some_actor()
            while target.id == source.id:
                target = some_actor()
            rel = rng.choice(vocab)
            out.append(Triple(
                doc_id=doc_id, date=date, lang=lang, sentence=sentence, sentence_index=index,
                char_start=offset, char_end=offset + len(sentence), source=source,
                relation=rel.name, plover=rel.plover, cameo=rel.cameo, target=target,
                negated=rng.random() < 0.06,
                attributed_to=some_actor() if rng.random() < 0.08 else None,
                verb="", confidence=round(rng.uniform(0.5, 0.95), 2)))
            offset += len(sentence) + 1
    return out, docs
