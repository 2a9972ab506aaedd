#!/usr/bin/env python3
"""Build kg/data/actors_places.jsonl: cities and regions with their country, from Phoenix.

    .venv/bin/python scripts/build_places.py [--phoenix ../shared/data/phoenix-dictionaries]

Why: a place the gazetteer does not know is typed by the English NER or by its shape, so
"Kharkiv" came out as a PERSON and "Khartoum" did not tell the resolver that the document is
about Sudan ("het leger" then stayed no one). Phoenix files the cities and regions of a country
as synonyms of the country (SUDAN_ +KHARTOUM_ +OMDURMAN_); the spelling variants of the
country itself (+UKRAINA_) are told apart as kg's country builder does (similar to the name).
Every place is a LOCATION of its country, case-sensitive (written with a capital), with low
priority so that any actor sharing the name wins; a name filed under two countries is dropped.
Dutch spellings are added by the usual transliteration (Kharkiv -> Charkiv, Mariupol ->
Marioepol, Khartoum -> Chartoem).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_gazetteer import (  # noqa: E402
    DEMONYM_ENDINGS,
    parse_phoenix,
    phrase_text,
)

import kg.gazetteer as gazetteer  # noqa: E402
from kg.gazetteer import Gazetteer  # noqa: E402
from kg.ids import fold, slug  # noqa: E402

OUT = ROOT / "kg" / "data" / "actors_places.jsonl"
CURATED = ROOT / "kg" / "data" / "places_curated.tsv"
#: below the lowest actor priority (MEDIA 30): any actor with the same name wins
PRIORITY = 20
#: places whose country is contested or that name more than a place in the news
SKIP = frozenset({"jerusalem", "occupied territories", "hebrew state", "new flower",
                  "big congo", "south congo", "sodom", "gomorrah", "gomorrha"})
#: people nouns Phoenix files under a country (Englishman, Scotswoman)
_PEOPLE = re.compile(r"((ish|ch|ts|sh)(wo)?m[ae]n|inhabitants|ese|ish|ians?|ans)$")
#: English transliteration -> Dutch, in order (ch before kh: Chernihiv -> Tsjernihiv)
_NL_SPELLING = (("Ch", "Tsj"), ("ch", "tsj"), ("Kh", "Ch"), ("kh", "ch"), ("Zh", "Zj"),
                ("zh", "zj"), ("Sh", "Sj"), ("sh", "sj"), ("ou", "oe"), ("u", "oe"))


def dutch_spelling(name: str) -> str:
    """"Kharkiv" -> "Charkiv", "Mariupol" -> "Marioepol", "Khartoum" -> "Chartoem"."""
    out = name
    for old, new in _NL_SPELLING:
        out = out.replace(old, new)
    return out


def is_place(text: str, country_names: list[str], gaz: Gazetteer) -> bool:
    """A synonym of a country that is a place: not a variant of its name, a people noun, an
    abbreviation or a name the gazetteer already gives to an actor."""
    key = fold(text)
    if len(key) <= 3 or "." in text or "(" in text or key in SKIP or " of " in f" {key} ":
        return False
    if any(difflib.SequenceMatcher(None, key, fold(n)).ratio() >= 0.6 for n in country_names):
        return False
    if _PEOPLE.search(key) or key.endswith(DEMONYM_ENDINGS) and gaz.demonym(text) is not None:
        return False
    return gaz.lookup(text) is None and gaz.demonym(text) is None


def build(phoenix_dir: Path) -> list[dict]:
    # the actors without the places built last time: a place must not hide behind itself
    gazetteer.PACKAGED_OVERLAYS = tuple(o for o in gazetteer.PACKAGED_OVERLAYS if o != OUT.name)
    gaz = Gazetteer.load()
    found: dict[str, tuple[str, str]] = {}
    clash: set[str] = set()
    for record in parse_phoenix(phoenix_dir).values():
        code = record.default or next(  # UKRAINE_ has only dated codes: [UKR >911221]
            (c for c, _, end in record.dated if end is None and len(c) == 3), None)
        country = gaz.country(code) if code and len(code) == 3 else None
        if country is None:
            continue
        names = [country.name, *country.aliases, phrase_text(record.primary)]
        if difflib.SequenceMatcher(None, fold(phrase_text(record.primary)),
                                   fold(country.name)).ratio() < 0.8:
            continue  # a person or group filed under the country, not the country itself
        for phrase in record.synonyms:
            text = phrase_text(phrase)
            if not is_place(text, names, gaz):
                continue
            key = fold(text)
            if key in found and found[key][1] != country.country:
                clash.add(key)
            found.setdefault(key, (text, country.country or ""))
    extra: dict[str, list[str]] = {}
    for line in CURATED.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, code, *more = line.split("\t")
        if gaz.lookup(name) is not None:
            continue  # an actor already (a region of the gazetteer, a seat)
        found[fold(name)] = (name, code)
        clash.discard(fold(name))
        extra[fold(name)] = [v.strip() for v in (more[0].split(",") if more else []) if v.strip()]
    for key, (text, _) in list(found.items()):  # Charkiv is Kharkiv spelt the Dutch way
        nl = fold(dutch_spelling(text))
        if nl != key and nl in found and found[nl][1] == found[key][1] and nl not in extra:
            extra.setdefault(key, []).append(found.pop(nl)[0])
    out = []
    taken = set(found) | {fold(v) for vs in extra.values() for v in vs}
    for key, (text, code) in sorted(found.items()):
        if key in clash:
            continue
        nl = dutch_spelling(text)
        aliases = {"nl": [nl]} if nl != text and fold(nl) not in taken else {}
        taken.add(fold(nl))
        if extra.get(key):
            aliases["other"] = [v for v in extra[key] if gaz.lookup(v) is None
                                and fold(v) not in found]
        out.append({"id": f"place-{slug(text)}", "name": text, "type": "LOCATION",
                    "country": code, "priority": PRIORITY, "aliases": aliases,
                    "case_sensitive": [text, *(a for v in aliases.values() for a in v)],
                    "tags": ["place"]})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phoenix", type=Path,
                        default=ROOT.parent / "shared" / "data" / "phoenix-dictionaries")
    args = parser.parse_args()
    if not args.phoenix.is_dir():
        print(f"Phoenix dictionaries not found at {args.phoenix}", file=sys.stderr)
        return 2
    records = build(args.phoenix)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                   encoding="utf-8")
    print(f"{len(records)} places -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
