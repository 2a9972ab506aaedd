#!/usr/bin/env python3
"""Build kg/data/actors.jsonl from the Phoenix dictionaries, pycountry and kg's curated data.

    .venv/bin/python scripts/build_gazetteer.py [--phoenix ../shared/data/phoenix-dictionaries]

The gazetteer is built once and committed because kg must not need ../shared at run time and
must load in a fraction of a second. Inputs (all in kg/data/ except Phoenix):

* countries_curated.txt  - the UN members (+ PSE, VAT, TWN, XKX): names, QIDs, demonyms;
  nl/de/fr/ru names come from pycountry's translations (LGPL data), aliases from Phoenix.
* governments_curated.txt - which countries get a GOVERNMENT actor, with capitals and seats.
* actors_curated.jsonl   - people, militaries, groups, IGOs, think tanks, regions, in kg's
  format; ``"phoenix": [PRIMARY_PHRASE, ...]`` pulls that Phoenix entry's aliases and dated
  CAMEO roles (RUSGOV 080508-...) in.

Phoenix (PETRARCH2, MIT) is English and ends around 2015-2017, so it only contributes spelling
variants of country names and of the curated actors, and generic dated roles
(``government_official`` etc.); everything current is curated by hand.
"""

from __future__ import annotations

import argparse
import difflib
import gettext
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.gazetteer import LANGS, TYPE_PRIORITY, alias_key  # noqa: E402
from kg.ids import fold, slug  # noqa: E402
from kg.types import ACTOR_TYPES  # noqa: E402

DATA = ROOT / "kg" / "data"
PHOENIX_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                 "Phoenix.MilNonState.actors.txt")
#: Phoenix CAMEO sector suffix -> kg's generic role key for a dated country code (RUSGOV).
PHOENIX_SECTORS = {"GOV": "government_official", "MIL": "military_official", "ELI": "elite",
                   "OPP": "opposition", "LEG": "legislator", "JUD": "judiciary",
                   "SPY": "intelligence_official", "COP": "police_official"}
#: Words that make a Phoenix synonym a title phrase rather than a name ("PRESIDENT_PUTIN_").
TITLE_WORDS = {"president", "presidential", "prime", "minister", "secretary", "general",
               "leader", "chairman", "former", "ex", "king", "ambassador", "spokesman",
               "chancellor", "kanzler", "vice", "premier", "ayatollah", "sheik", "sheikh",
               "hojatolislam", "sayyed", "sayyid", "commander", "chief", "head", "director",
               "foreign", "defense", "defence", "russian", "soviet", "american", "israeli",
               "iranian", "turkish", "german", "french", "british", "chinese", "administration",
               "government", "regime", "office", "official", "mr", "dr", "senator",
               "bundeskanzler", "governor", "colonel"}
#: Government names that take "the": "Government of the United States".
THE_NAMES = {"Netherlands", "Philippines", "Czech Republic", "Central African Republic",
             "Democratic Republic of the Congo", "Republic of the Congo", "Dominican Republic"}
TYPE_ORDER = {"COUNTRY": 0, "GOVERNMENT": 1}
#: Endings of people-nouns Phoenix lists as country aliases (Israelis, Icelander, Cubans).
DEMONYM_ENDINGS = ("an", "ans", "ian", "ians", "ean", "er", "ers", "is", "im", "os", "ese", "ids",
                   "i")


# -- Phoenix ---------------------------------------------------------------------------------
@dataclass
class PhoenixRecord:
    primary: str
    synonyms: list[str] = field(default_factory=list)
    default: str | None = None
    dated: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def phoenix_date(value: str) -> str:
    """YYMMDD or YYYYMMDD -> YYYY-MM-DD (two-digit years above 30 are 19xx)."""
    if len(value) == 6:
        year = int(value[:2])
        value = f"{1900 + year if year > 30 else 2000 + year}{value[2:]}"
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}"


def parse_restriction(text: str) -> tuple[str, str | None, str | None] | None:
    """"RUSGOV 991231-080507" / "RUSGOV >080508" / "RUSGOV <080508" -> (code, from, to)."""
    parts = text.split()
    if len(parts) != 2:
        return None
    code, span = parts
    try:
        if span.startswith(">"):
            return code, phoenix_date(span[1:]), None
        if span.startswith("<"):
            return code, None, phoenix_date(span[1:])
        start, end = span.split("-")
        return code, phoenix_date(start), phoenix_date(end)
    except (ValueError, IndexError):
        return None


def parse_phoenix(folder: Path) -> dict[str, PhoenixRecord]:
    """Phoenix actor files -> records keyed by primary phrase (upper case, no trailing _)."""
    records: dict[str, PhoenixRecord] = {}
    for name in PHOENIX_FILES:
        current: PhoenixRecord | None = None
        for raw in (folder / name).read_text(encoding="utf-8", errors="replace").splitlines():
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            codes = re.findall(r"\[([^\]]+)\]", line)
            phrase = re.sub(r"\[[^\]]*\]", "", line).split(";", 1)[0].strip()
            if raw[:1] in ("\t", " ") and codes and not phrase:
                if current is not None:
                    for code in codes:
                        dated = parse_restriction(code)
                        if dated:
                            current.dated.append(dated)
                        elif " " not in code.strip():
                            current.default = current.default or code.strip()
                continue
            if phrase.startswith("+"):
                if current is not None:
                    current.synonyms.append(phrase[1:].strip())
                continue
            current = PhoenixRecord(primary=phrase.strip().rstrip("_").upper())
            current.default = codes[0].strip() if codes and " " not in codes[0].strip() else None
            records.setdefault(current.primary, current)
    return records


def phrase_text(phrase: str) -> str:
    """VLADIMIR_V._PUTIN_ -> Vladimir V. Putin."""
    words = phrase.replace("_", " ").split()
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in words)


def name_aliases(record: PhoenixRecord) -> list[str]:
    """The synonyms of a Phoenix entry that are names, not titles or short codes."""
    out = []
    for phrase in [record.primary, *record.synonyms]:
        text = phrase_text(phrase)
        words = set(fold(text).split())
        if len(fold(text)) <= 4 or words & TITLE_WORDS or "(" in text:
            continue
        out.append(text)
    return out


def phoenix_roles(record: PhoenixRecord, countries: set[str]) -> list[dict[str, Any]]:
    """Dated country codes (RUSGOV 080508-...) as generic roles; undated ones are skipped."""
    roles = []
    for code, start, end in record.dated:
        iso, sector = code[:3], code[3:6]
        if iso in countries and sector in PHOENIX_SECTORS:
            roles.append({"role": PHOENIX_SECTORS[sector], "of": iso, "from": start, "to": end,
                          "source": "phoenix"})
    return roles


# -- countries -------------------------------------------------------------------------------
def split_list(field_text: str) -> list[str]:
    return [] if field_text.strip() == "-" else [v.strip() for v in field_text.split(";")
                                                if v.strip()]


def read_table(path: Path, width: int) -> list[list[str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split(" | ")]
        if len(fields) != width:
            raise SystemExit(f"{path}:{number}: expected {width} fields, got {len(fields)}")
        rows.append(fields)
    return rows


def nl_forms(base: str) -> list[str]:
    """Dutch adjective + its inflected form: Russisch -> Russische, Chinees -> Chinese."""
    inflected = base[:-3] + "ese" if base.endswith("ees") else base + "e"
    return [base, inflected]


def de_forms(stem: str) -> list[str]:
    """German adjective endings; capitalised forms (Schweizer) do not inflect."""
    if stem[:1].isupper() and stem.endswith("er"):
        return [stem]
    return [stem + end for end in ("", "e", "en", "er", "es")]


def fr_forms(spec: str) -> list[str]:
    """French masculine/feminine, singular/plural: ukrainien -> ukrainienne(s)."""
    masc, _, fem = spec.partition("/")
    if not fem:
        if masc.endswith(("e", "è")):
            fem = masc
        elif masc.endswith("en"):
            fem = masc + "ne"
        else:
            fem = masc + "e"
    plural = [w if w.endswith(("s", "x")) else w + "s" for w in (masc, fem)]
    return list(dict.fromkeys([masc, fem, *plural]))


def translations() -> dict[str, gettext.NullTranslations]:
    return {lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
            for lang in ("nl", "de", "fr", "ru")}


def pycountry_names(iso3: str, tr: dict[str, gettext.NullTranslations]) -> dict[str, list[str]]:
    """Country names per language; "Korea, Republic of" style inverted names are left out."""
    entry = pycountry.countries.get(alpha_3=iso3)
    if entry is None:
        return {}
    english = [getattr(entry, a) for a in ("name", "common_name", "official_name")
               if hasattr(entry, a)]
    out = {"en": english}
    for lang, t in tr.items():
        out[lang] = [t.gettext(n) for n in english]
    return {lang: [n for n in dict.fromkeys(names) if "," not in n and "(" not in n]
            for lang, names in out.items()}


def build_countries(phoenix: dict[str, PhoenixRecord]) -> list[dict[str, Any]]:
    tr = translations()
    by_code: dict[str, list[PhoenixRecord]] = {}
    for record in phoenix.values():
        if record.default and len(record.default) == 3:
            by_code.setdefault(record.default, []).append(record)
    out = []
    for row in read_table(DATA / "countries_curated.txt", 9):
        iso3, name, qid, en_d, nl_d, de_d, fr_d, extra, leader = row
        aliases = pycountry_names(iso3, tr)
        aliases.setdefault("en", [])
        case_sensitive, dropped = [], set()
        for item in split_list(extra):
            lang, _, value = item.partition(":")
            if lang == "cs":
                case_sensitive.append(value)
            elif lang == "-":
                dropped.add(fold(value))
            else:
                aliases.setdefault(lang if lang in LANGS else "other", []).append(value)
        demonyms = {"en": split_list(en_d),
                    "nl": [f for b in split_list(nl_d) for f in nl_forms(b)],
                    "de": [f for s in split_list(de_d) for f in de_forms(s)],
                    "fr": [f for s in split_list(fr_d) for f in fr_forms(s)]}
        demonym_keys = {fold(w) for words in demonyms.values() for w in words}
        known = {fold(n) for names in aliases.values() for n in names} | {fold(name)}
        for record in by_code.get(iso3, []):
            if not any(difflib.SequenceMatcher(None, fold(record.primary.replace("_", " ")), k)
                       .ratio() >= 0.8 for k in known):
                continue
            for text in name_aliases(record):
                key = fold(text)
                best = max(difflib.SequenceMatcher(None, key, k).ratio() for k in known)
                people = key.endswith(DEMONYM_ENDINGS) and any(  # Australians, Hollander
                    len(key) > len(k) and key.startswith(k[:-1]) for k in known)
                if "." not in text and key not in demonym_keys and best >= 0.8 and not people:
                    aliases.setdefault("other", []).append(text)
        aliases = {lang: [n for n in dict.fromkeys(names) if fold(n) not in dropped]
                   for lang, names in aliases.items()}
        out.append({"id": slug(name), "name": name, "type": "COUNTRY", "country": iso3,
                    "wikidata": None if qid == "-" else qid, "aliases": aliases,
                    "case_sensitive": case_sensitive, "tags": ["country"],
                    "demonyms": {k: v for k, v in demonyms.items() if v},
                    "leader_role": leader if leader != "-" else "president"})
    return out


def build_governments(countries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_code = {c["country"]: c for c in countries}
    out = []
    for iso3, seats_field, extra in read_table(DATA / "governments_curated.txt", 3):
        country = by_code[iso3]
        name = country["name"]
        the = "the " if name.startswith("United ") or name in THE_NAMES else ""
        dem = country["demonyms"]
        aliases: dict[str, list[str]] = {"en": [f"Government of {the}{name}"]}
        if dem.get("en"):
            d = dem["en"][0]
            aliases["en"] += [f"{d} government", f"{d} authorities", f"{d} regime",
                              f"{d} leadership"]
        if dem.get("nl"):
            d = dem["nl"][1]
            nl_name = (country["aliases"].get("nl") or [name])[0]
            aliases["nl"] = [f"{d} regering", f"{d} overheid", f"{d} autoriteiten",
                             f"{d} regime", f"{d} leiding", f"regering van {nl_name}"]
        if dem.get("de"):
            forms = dem["de"]
            aliases["de"] = ([f"{forms[0]} Regierung"] if len(forms) == 1 else
                             [f"{forms[1]} Regierung", f"{forms[2]} Regierung",
                              f"{forms[1]} Führung", f"{forms[2]} Behörden"])
        if dem.get("fr"):
            masc, fem = dem["fr"][0], dem["fr"][1]
            fem_pl = fem if fem.endswith(("s", "x")) else fem + "s"
            aliases["fr"] = [f"gouvernement {masc}", f"autorités {fem_pl}", f"régime {masc}"]
        for item in split_list(seats_field) + split_list(extra):
            lang, _, value = item.partition(":")
            aliases.setdefault(lang if lang in LANGS else "other", []).append(value)
        seats = list(dict.fromkeys(item.partition(":")[2] for item in split_list(seats_field)))
        out.append({"id": f"government-of-{country['id']}", "name": f"Government of {the}{name}",
                    "type": "GOVERNMENT", "country": iso3, "wikidata": None,
                    "aliases": {k: list(dict.fromkeys(v)) for k, v in aliases.items()},
                    "tags": ["government"], "seats": seats})
    return out


# -- curated actors --------------------------------------------------------------------------
def build_curated(phoenix: dict[str, PhoenixRecord], countries: set[str]) -> list[dict[str, Any]]:
    out = []
    path = DATA / "actors_curated.jsonl"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{number}: {exc}") from exc
        own = {w for n in [record["name"], *(a for v in record.get("aliases", {}).values()
                                           for a in v)] for w in fold(n).split() if len(w) > 3}
        for phrase in record.pop("phoenix", []):
            source = phoenix.get(phrase.rstrip("_").upper())
            if source is None:
                raise SystemExit(f"{path}:{number}: no Phoenix entry {phrase!r}")
            # Phoenix files people under their group (Nasrallah under Hezbollah): keep only
            # synonyms that share a word with the actor's own names.
            found = [a for a in name_aliases(source) if own & set(fold(a).split())]
            aliases = record.setdefault("aliases", {})
            aliases["en"] = list(dict.fromkeys([*aliases.get("en", []), *found]))
            record["roles"] = [*record.get("roles", []), *phoenix_roles(source, countries)]
        forms = {"nl": nl_forms, "de": de_forms, "fr": fr_forms}
        record["demonyms"] = {lang: list(dict.fromkeys(
            f for w in words for f in (forms[lang](w) if lang in forms else [w])))
            for lang, words in record.get("demonyms", {}).items()}
        out.append(record)
    return out


def merge(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Records by id; a later record with a known id adds to the earlier one."""
    from kg.gazetteer import merge_record

    merged: dict[str, dict[str, Any]] = {}
    for record in records:
        rid = record["id"]
        merged[rid] = merge_record(merged[rid], record) if rid in merged else record
    return merged


def tidy(record: dict[str, Any]) -> dict[str, Any]:
    """Fixed key order, empty optional fields left out, aliases de-duplicated per language."""
    aliases = {}
    for lang in LANGS:
        names = [n for n in dict.fromkeys(record.get("aliases", {}).get(lang, []))
                 if n != record["name"]]
        if names:
            aliases[lang] = names
    out = {"id": record["id"], "name": record["name"], "type": record["type"],
           "country": record.get("country"), "wikidata": record.get("wikidata"),
           "priority": record.get("priority", TYPE_PRIORITY.get(record["type"], 30)),
           "aliases": aliases}
    for key in ("case_sensitive", "tags", "roles", "demonyms", "leader_role", "seats"):
        if record.get(key):
            out[key] = record[key]
    return out


def check(records: dict[str, dict[str, Any]], countries: set[str]) -> list[str]:
    """Problems that must not reach the committed file."""
    problems = []
    for rid, r in records.items():
        if r["type"] not in ACTOR_TYPES:
            problems.append(f"{rid}: unknown type {r['type']}")
        if r.get("wikidata") and not re.fullmatch(r"Q\d+", r["wikidata"]):
            problems.append(f"{rid}: bad QID {r['wikidata']}")
        for role in r.get("roles", []):
            if role["of"] not in countries and role["of"] not in records:
                problems.append(f"{rid}: role of unknown owner {role['of']!r}")
    owners: dict[str, dict[int, set[str]]] = {}
    for rid, r in records.items():
        for name in {r["name"], *(n for ns in r.get("aliases", {}).values() for n in ns)}:
            owners.setdefault(alias_key(name), {}).setdefault(r["priority"], set()).add(rid)
    for key, by_priority in owners.items():
        top = by_priority[max(by_priority)]
        if len(top) > 1:
            problems.append(f"alias {key!r} shared at equal priority by {sorted(top)}")
    for rid, r in records.items():  # an actor's own name must lead to that actor
        top = owners[alias_key(r["name"])]
        if rid not in top[max(top)]:
            problems.append(f"name of {rid} is won by {sorted(top[max(top)])}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phoenix", type=Path,
                        default=ROOT.parent / "shared" / "data" / "phoenix-dictionaries")
    parser.add_argument("--out", type=Path, default=DATA / "actors.jsonl")
    args = parser.parse_args()
    if not args.phoenix.is_dir():
        print(f"Phoenix dictionaries not found at {args.phoenix} (use --phoenix)", file=sys.stderr)
        return 2
    phoenix = parse_phoenix(args.phoenix)
    countries = build_countries(phoenix)
    codes = {c["country"] for c in countries}
    records = merge([*countries, *build_governments(countries), *build_curated(phoenix, codes)])
    records = {rid: tidy(r) for rid, r in records.items()}
    problems = check(records, codes)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    ordered = sorted(records.values(), key=lambda r: (TYPE_ORDER.get(r["type"], 2), r["id"]))
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ordered),
                        encoding="utf-8")
    counts: dict[str, int] = {}
    for r in ordered:
        counts[r["type"]] = counts.get(r["type"], 0) + 1
    print(f"wrote {len(ordered)} actors to {args.out}: "
          + ", ".join(f"{t} {n}" for t, n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
