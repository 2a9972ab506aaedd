"""Per-language lexicons: verb and noun frames, grammar words and dependency labels.

All of it is data (``kg/data/lang/<lang>.json`` and ``verbs_<lang>.jsonl``) so an analyst
can add a verb without touching code.  ``KG_LEXICON_DIR`` adds a folder whose files of
the same names extend the packaged ones (entries are appended; grammar keys override).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path

from kg.errors import LexiconError
from kg.jsonl import parse_jsonl
from kg.vocab import relations

#: a slot path: steps such as ``obj``, ``iobj``, ``clause`` or ``prep:tegen``, joined by ``>``;
#: ``step=lemma`` keeps only nouns with that lemma (``prep:op=steun>prep:uit``)
#: ``inner:X`` is ``prep:X`` under a noun that is not a violent event: "the release of X"
#: holds a target, "the invasion of X" holds the victim, not the target of a condemnation
SLOT_STEPS = ("subj", "obj", "dobj", "iobj", "dative", "clause", "prep", "inner")


@dataclass(frozen=True, slots=True)
class Frame:
    """One lexicon entry: a predicate and where its target is found."""

    key: str  # verb (with particle) or noun lemma
    relation: str
    targets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()  # required object lemmas (``wraak nemen``)
    confidence: float = 0.7
    nominal: bool = False
    elaborate: bool = False  # a threat spelled out in a speech clause adds targets
    factive: bool = False  # its content happened (condemned the attack): not just reported
    source_types: tuple[str, ...] = ()  # only these actor types may be the source
    sources: tuple[str, ...] = ()  # reversed frames: the actor is in a slot, not the subject
    negative: bool = False  # an idiom that needs its negation ("ziet geen heil in"): not negated
    complements: tuple[str, ...] = ()  # required predicate word ("noemde X absurd")


@dataclass(slots=True)
class Grammar:
    """Closed word classes and the dependency labels of the pipeline's scheme."""

    lang: str
    scheme: str
    labels: dict[str, tuple[str, ...]]
    negation: frozenset[str]
    negation_det: frozenset[str]
    relative_pronouns: frozenset[str]
    pronouns: dict[str, tuple[str, ...]]
    attribution_preps: tuple[str, ...]
    reporting_verbs: frozenset[str]
    articles: frozenset[str]
    particles: frozenset[str] = frozenset()  # separable-verb particles (nl)
    verb_forms: dict[str, str] = field(default_factory=dict)  # irregular form -> infinitive
    anaphors: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "de groep" -> types
    time_words: frozenset[str] = frozenset()  # "zondag", "dinsdagochtend": never an argument
    place_nouns: frozenset[str] = frozenset()  # "NATO territory" stands for NATO
    pro_verbs: dict[str, frozenset[str]] = field(default_factory=dict)  # "doet ... dat"
    contrast: frozenset[str] = frozenset()  # "niet tegen A, maar (wel) tegen B": maar, but
    reciprocals: frozenset[str] = frozenset()  # "vallen elkaar aan", "each other"
    sides: frozenset[str] = frozenset()  # "de partijen", "both sides": the two named before
    subject_pronouns: frozenset[str] = frozenset()  # "het", "it": an actor only as subject
    #: an actor inside the object phrase is the target ("demanded the release of X")
    nested_target_preps: tuple[str, ...] = ()
    #: relations whose target may sit in the action complement ("threatened to close X")
    complement_relations: frozenset[str] = frozenset()
    #: verbs that take their meaning from an event noun object ("carried out a raid on X")
    light_verbs: frozenset[str] = frozenset()
    #: auxiliaries of what is intended or to come ("will", "zal"), and of what is only
    #: possible or required ("would", "could", "zou", "kan"): such predicates are no facts
    future_forms: frozenset[str] = frozenset()
    hypothetical_forms: frozenset[str] = frozenset()
    #: verbs whose action complement is only intended ("plans to attack", "wil aanvallen")
    intention_verbs: frozenset[str] = frozenset()
    #: "the war between A and B", "het bestand tussen A en B": both sides act on each other
    between_preps: frozenset[str] = frozenset()
    #: relations whose coordinated subjects act on each other when no target is named
    mutual_relations: frozenset[str] = frozenset()
    #: where a struck place lies ("depots in the X region", "a district of X")
    place_preps: tuple[str, ...] = ()
    #: an object that only counts what its of-phrase names ("dozens of rockets")
    quantity_nouns: frozenset[str] = frozenset()
    #: plural subject pronouns: in a clause under coordinated subjects, those subjects
    plural_pronouns: frozenset[str] = frozenset()

    def is_time(self, word: str) -> bool:
        """"zondag", "dagen", or a glued pair such as "dinsdagochtend"."""
        word = word.lower()
        return word in self.time_words or any(
            word.startswith(w) and word[len(w):] in self.time_words for w in self.time_words)



@dataclass(slots=True)
class Lexicon:
    grammar: Grammar
    verbs: dict[str, list[Frame]] = field(default_factory=dict)
    nouns: dict[str, list[Frame]] = field(default_factory=dict)
    #: (lemma, form) -> noun frames, filled by the extractor as it reads (kg.extract)
    noun_memo: dict[tuple[str, str], list[Frame]] = field(default_factory=dict)


def _check_slot(slot: str, where: str) -> None:
    for step in slot.split(">"):
        head = step.split("=", 1)[0].split(":", 1)[0]
        if head not in SLOT_STEPS and head not in ("nmod",):
            raise LexiconError(f"{where}: unknown slot step {step!r} in {slot!r}")


def _frame(row: dict, where: str) -> Frame:
    if row.get("relation") not in relations():
        raise LexiconError(f"{where}: relation {row.get('relation')!r} is not in the vocabulary")
    key = row.get("verb") or row.get("noun")
    if not key:
        raise LexiconError(f"{where}: an entry needs 'verb' or 'noun'")
    for slot in [*row.get("targets", []), *row.get("topics", []), *row.get("sources", [])]:
        _check_slot(slot, where)
    return Frame(
        key=key.lower(),
        relation=row["relation"],
        targets=tuple(row.get("targets", ())),
        topics=tuple(row.get("topics", ())),
        objects=tuple(o.lower() for o in row.get("object", ())),
        confidence=float(row.get("confidence", 0.7)),
        nominal="noun" in row,
        elaborate=bool(row.get("elaborate", False)),
        sources=tuple(row.get("sources", ())),
        factive=bool(row.get("factive", False)),
        source_types=tuple(row.get("source_types", ())),
        negative=bool(row.get("negative", False)),
        complements=tuple(c.lower() for c in row.get("complement", ())),
    )


def _grammar(lang: str, raw: dict) -> Grammar:
    return Grammar(
        lang=lang,
        scheme=raw["scheme"],
        labels={k: tuple(v) for k, v in raw["labels"].items()},
        negation=frozenset(raw["negation"]),
        negation_det=frozenset(raw["negation_det"]),
        relative_pronouns=frozenset(raw["relative_pronouns"]),
        pronouns={k: tuple(v) for k, v in raw["pronouns"].items()},
        attribution_preps=tuple(raw["attribution_preps"]),
        reporting_verbs=frozenset(raw["reporting_verbs"]),
        articles=frozenset(raw["articles"]),
        particles=frozenset(raw.get("particles", ())),
        verb_forms=dict(raw.get("verb_forms", {})),
        anaphors={k: tuple(v) for k, v in raw.get("anaphors", {}).items()},
        time_words=frozenset(raw.get("time_words", ())),
        place_nouns=frozenset(raw.get("place_nouns", ())),
        pro_verbs={k: frozenset(v) for k, v in raw.get("pro_verbs", {}).items()},
        contrast=frozenset(raw.get("contrast", ())),
        reciprocals=frozenset(raw.get("reciprocals", ())),
        sides=frozenset(raw.get("sides", ())),
        subject_pronouns=frozenset(raw.get("subject_pronouns", ())),
        nested_target_preps=tuple(raw.get("nested_target_preps", ())),
        complement_relations=frozenset(raw.get("complement_relations", ())),
        light_verbs=frozenset(raw.get("light_verbs", ())),
        future_forms=frozenset(raw.get("future_forms", ())),
        hypothetical_forms=frozenset(raw.get("hypothetical_forms", ())),
        intention_verbs=frozenset(raw.get("intention_verbs", ())),
        between_preps=frozenset(raw.get("between_preps", ())),
        mutual_relations=frozenset(raw.get("mutual_relations", ())),
        place_preps=tuple(raw.get("place_preps", ())),
        quantity_nouns=frozenset(raw.get("quantity_nouns", ())),
        plural_pronouns=frozenset(raw.get("plural_pronouns", ())),
    )


def with_fallbacks(frame: Frame, g: Grammar) -> Frame:
    """The frame's target slots, then the general places a target also sits in: inside the
    object phrase (``obj>inner:X`` for the grammar's ``nested_target_preps``), for the
    ``complement_relations`` in the action complement (``clause>obj``, ``clause>prep:X``),
    for a physical relation in the place its target lies in ("struck facilities in the
    X region", "airstrikes on a district of X": ``place_preps``), and for an idiom
    with its own object noun the object's preposition hung on the verb instead.  Fallbacks come
    last: the frame's own slots are tried first and the first actor wins."""
    obj = "obj" if g.scheme == "ud" else "dobj"
    extra: list[str] = []
    if frame.objects:  # "carried out airstrikes on X": the parser hangs the PP on either
        extra += [t.split(">", 1)[1] for t in frame.targets
                  if t.startswith(("obj>prep:", "dobj>prep:")) and t.count(">") == 1]
        extra += [f"{obj}>{t}" for t in frame.targets if t.startswith("prep:")]
    if relations()[frame.relation].places:
        extra += [f"{t}>inner:{p}" for t in frame.targets if "inner" not in t
                  for p in g.place_preps]
    if not frame.nominal and any(t in ("obj", "dobj") for t in frame.targets):
        extra += [f"{obj}>inner:{p}" for p in g.nested_target_preps]
    if not frame.nominal and frame.relation in g.complement_relations:
        extra += [f"clause>{obj}", *(f"clause>{obj}>inner:{p}" for p in g.nested_target_preps),
                  *(f"clause>prep:{p}" for p in g.nested_target_preps)]
    new = tuple(e for e in dict.fromkeys(extra) if e not in frame.targets)
    return replace(frame, targets=frame.targets + new) if new else frame


def _sources(name: str) -> list[tuple[str, str]]:
    """(where, text) of the packaged file and of the user's extension, if any."""
    found = []
    packaged = resources.files("kg.data").joinpath("lang", name)
    if packaged.is_file():
        found.append((f"kg/data/lang/{name}", packaged.read_text("utf-8")))
    extra = os.environ.get("KG_LEXICON_DIR")
    if extra and (Path(extra) / name).is_file():
        found.append((str(Path(extra) / name), (Path(extra) / name).read_text("utf-8")))
    return found


@cache
def load_lexicon(lang: str) -> Lexicon:
    """Read and validate the lexicon of ``lang`` (once per process)."""
    grammar_raw: dict = {}
    for where, text in _sources(f"{lang}.json"):
        try:
            grammar_raw.update(json.loads(text))
        except json.JSONDecodeError as exc:
            raise LexiconError(f"{where}: {exc}") from exc
    if not grammar_raw:
        raise LexiconError(f"no lexicon for language {lang!r} (kg/data/lang/{lang}.json)")
    lex = Lexicon(grammar=_grammar(lang, grammar_raw))
    curated: set[str] = set()
    for where, text in _sources(f"verbs_{lang}.jsonl") + _sources(f"verbs_{lang}.cameo.jsonl"):
        derived = where.endswith(".cameo.jsonl")  # converted by scripts/cameo_lexicon.py
        for n, row in parse_jsonl(text, where, LexiconError):
            frame = _frame(row, f"{where}:{n}")
            if derived and frame.key in curated:
                continue  # a curated entry for this word wins over a converted dictionary's
            table = lex.nouns if frame.nominal else lex.verbs
            table.setdefault(frame.key, []).append(with_fallbacks(frame, lex.grammar))
        if not derived:
            curated |= set(lex.verbs)  # a noun (release, rally) leaves the verb alone
    for frames in [*lex.verbs.values(), *lex.nouns.values()]:
        # the most specific frame first: "wraak nemen op" before plain "nemen"
        frames.sort(key=lambda f: not (f.objects or f.sources or f.complements))
    return lex
