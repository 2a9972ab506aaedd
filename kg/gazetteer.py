"""The actor gazetteer: canonical actors, their aliases, roles with dates, and role nouns.

Everything is loaded once into plain dicts so that the extractor can ask many small questions
("who is 'het Kremlin'?", "who was the Russian president in 2023-05?") without cost. The data
is ``kg/data/actors.jsonl`` (built by ``scripts/build_gazetteer.py``) and ``kg/data/roles.json``;
users add or override actors with their own JSONL files (``KG_GAZETTEER`` or ``load(extra=...)``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import LexiconError
from kg.ids import fold
from kg.jsonl import parse_jsonl
from kg.types import ACTOR_TYPES, Actor

#: Environment variable: colon-separated extra JSONL files merged over the packaged actors.
ENV_VAR = "KG_GAZETTEER"
LANGS = ("en", "nl", "de", "fr", "ru", "other")
#: packaged extension files merged over ``actors.jsonl`` (same format as ``KG_GAZETTEER``):
#: nationality nouns ("Russen", "Ukrainians") are their country, as CAMEO codes them
PACKAGED_OVERLAYS = ("actors_nationals.jsonl", "actors_places.jsonl")

#: Leading articles (after fold) that never belong to a name: "het Kremlin" == "Kremlin".
_ARTICLES = ("de ", "het ", "the ", "der ", "die ", "das ", "le ", "la ", "les ", "l ")
_RAW_ARTICLE = re.compile(r"^(?:(?:de|het|the|der|die|das|le|la|les)\s+|l['’]\s*)", re.I)
#: Default priority by type, used when an alias is shared: the more important actor wins.
TYPE_PRIORITY = {"COUNTRY": 70, "IGO": 65, "GOVERNMENT": 50, "MILITARY": 45, "ARMED_GROUP": 45,
                 "PERSON": 40, "REGION": 40, "POLICE": 40, "ORGANIZATION": 35, "MEDIA": 30,
                 "LOCATION": 30}
#: Words that link a role noun to its owner: "president van Rusland", "chef de l'armée".
_OF_WORDS = frozenset({"van", "of", "von", "de", "du", "des", "der"})
_QID = re.compile(r"^Q\d+$")


def alias_key(text: str) -> str:
    """The lookup key of a name: folded, without a leading article or a possessive 's."""
    text = text.strip()
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    elif text.endswith(("s'", "s’")):
        text = text[:-1]
    key = fold(text)
    for article in _ARTICLES:
        if key.startswith(article) and len(key) > len(article):
            return key[len(article):]
    return key


def strip_article(text: str) -> str:
    """The name as written, without a leading article (for case checks and patterns)."""
    return _RAW_ARTICLE.sub("", text.strip(), count=1)


def is_acronym(form: str) -> bool:
    """Short all-capitals aliases (US, IS, EU, NAVO) match only text written in capitals."""
    letters = [c for c in strip_article(form) if c.isalpha()]
    return 0 < len(letters) <= 4 and all(c.isupper() for c in letters)


def _case_ok(text: str, form: str, case_sensitive: bool) -> bool:
    if not case_sensitive:
        return True
    written, wanted = strip_article(text), strip_article(form)
    if is_acronym(form):
        return not any(c.islower() for c in written)
    return written[:1] == wanted[:1]


@dataclass(frozen=True, slots=True)
class Role:
    """An office held by an actor, with an inclusive date range (None = open)."""

    role: str
    of: str
    start: str | None
    end: str | None


@dataclass(frozen=True, slots=True)
class _Entry:
    actor_id: str
    form: str
    case_sensitive: bool
    langs: frozenset[str]
    priority: int
    order: int


def _interval(when: str) -> tuple[dt.date, dt.date]:
    """The days a date string covers: "2023" -> the year, "2023-05" -> May, a day -> itself."""
    parts = [int(p) for p in when.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        year, month = parts
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return dt.date(year, month, 1), dt.date.fromordinal(nxt.toordinal() - 1)
    day = dt.date(*parts[:3])
    return day, day


def _bound(value: str | None, upper: bool) -> dt.date | None:
    if value is None:
        return None
    start, end = _interval(value)
    return end if upper else start


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Actor records from one JSONL file; a bad line is a LexiconError naming file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(f"cannot read gazetteer file {path}: {exc.strerror}") from exc
    records = []
    for number, record in parse_jsonl("\n".join(lines), str(path), LexiconError):
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            raise LexiconError(f"{path}:{number}: an actor needs a string 'id'")
        record["_where"] = f"{path}:{number}"
        records.append(record)
    return records


def merge_record(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """An extension record over a known one: scalars override, lists and aliases are added to.

    ``"replace": true`` in the extension drops the old record instead.
    """
    if extra.get("replace"):
        return {k: v for k, v in extra.items() if k != "replace"}
    merged = dict(base)
    for key, value in extra.items():
        if key == "aliases":
            aliases = {lang: list(v) for lang, v in base.get("aliases", {}).items()}
            for lang, names in value.items():
                have = aliases.setdefault(lang, [])
                have.extend(n for n in names if n not in have)
            merged["aliases"] = aliases
        elif key == "demonyms":
            dems = {lang: list(v) for lang, v in base.get("demonyms", {}).items()}
            for lang, words in value.items():
                have = dems.setdefault(lang, [])
                have.extend(w for w in words if w not in have)
            merged["demonyms"] = dems
        elif key in ("tags", "seats", "case_sensitive"):
            merged[key] = list(dict.fromkeys([*base.get(key, []), *value]))
        elif key == "roles":
            roles = [r for r in base.get("roles", [])
                     if not any((r["role"], r["of"], r.get("from")) ==
                                (n["role"], n["of"], n.get("from")) for n in value)]
            merged["roles"] = roles + list(value)
        else:
            merged[key] = value
    return merged


def _validate(record: dict[str, Any]) -> None:
    where = record.get("_where", record.get("id"))
    for key in ("name", "type"):
        if not isinstance(record.get(key), str) or not record[key]:
            raise LexiconError(f"{where}: actor {record['id']!r} needs a {key}")
    if record["type"] not in ACTOR_TYPES:
        raise LexiconError(f"{where}: unknown actor type {record['type']!r}")
    qid = record.get("wikidata")
    if qid is not None and not (isinstance(qid, str) and _QID.match(qid)):
        raise LexiconError(f"{where}: wikidata must look like Q123 or be null, not {qid!r}")
    aliases = record.get("aliases", {})
    if not isinstance(aliases, dict) or any(lang not in LANGS for lang in aliases):
        raise LexiconError(f"{where}: aliases must be an object keyed by {', '.join(LANGS)}")
    for role in record.get("roles", []):
        if not {"role", "of"} <= role.keys():
            raise LexiconError(f"{where}: a role needs 'role' and 'of'")
        for key in ("from", "to"):
            try:
                if role.get(key) is not None:
                    _interval(role[key])
            except (ValueError, TypeError) as exc:
                raise LexiconError(f"{where}: bad role date {role.get(key)!r}") from exc


class Gazetteer:
    """Canonical actors with alias, demonym, role and role-noun lookups (all dict-based)."""

    def __init__(self, records: Iterable[dict[str, Any]], roles: dict[str, Any]) -> None:
        self._records: dict[str, dict[str, Any]] = {}
        for record in records:
            known = self._records.get(record["id"])
            self._records[record["id"]] = merge_record(known, record) if known else record
        for record in self._records.values():
            _validate(record)
        self._actors = {rid: self._make_actor(r) for rid, r in self._records.items()}
        self._index: dict[str, list[_Entry]] = {}
        self._seats: set[str] = set()
        self._countries: dict[str, str] = {}
        self._governments: dict[str, str] = {}
        self._demonyms: dict[str, dict[str, tuple[str, str]]] = {lang: {} for lang in LANGS}
        self._roles: dict[str, list[tuple[str, Role]]] = {}
        self._tags = {rid: frozenset(r.get("tags", [])) for rid, r in self._records.items()}
        self._by_tag: dict[str, list[str]] = {}
        for order, record in enumerate(self._records.values()):
            self._add(record, order)
        for entries in self._index.values():
            entries.sort(key=lambda e: (-e.priority, -e.order))
        self._fallbacks: dict[str, list[str]] = roles.get("fallbacks", {})
        self._shared: frozenset[str] = frozenset(roles.get("shared", []))
        self._nouns: dict[str, dict[str, dict[str, str]]] = {
            lang: {alias_key(k): v for k, v in nouns.items()}
            for lang, nouns in roles.get("nouns", {}).items()}
        self._memoize()

    def _memoize(self) -> None:
        """The extractor asks about every noun it meets; the tables never change after
        loading, and the bound keeps a long run's memory flat."""
        self._noun = lru_cache(maxsize=1 << 16)(self._find_noun)

    def __getstate__(self) -> dict[str, Any]:
        """Picklable for spawned worker processes: the memo is rebuilt there, not sent."""
        return {k: v for k, v in self.__dict__.items() if k != "_noun"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._memoize()

    # -- loading ----------------------------------------------------------------------------
    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> Gazetteer:
        """The packaged actors, then files named in ``KG_GAZETTEER``, then ``extra`` (last wins)."""
        data = resources.files("kg.data")
        records = []
        for number, line in enumerate(data.joinpath("actors.jsonl")
                                      .read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                record = json.loads(line)
                record["_where"] = f"actors.jsonl:{number}"
                records.append(record)
        for overlay in PACKAGED_OVERLAYS:  # hand-written additions to the generated file
            path = data.joinpath(overlay)
            for number, record in parse_jsonl(path.read_text(encoding="utf-8"), overlay,
                                              LexiconError):
                record["_where"] = f"{overlay}:{number}"
                records.append(record)
        roles = json.loads(data.joinpath("roles.json").read_text(encoding="utf-8"))
        env = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
        for path in [*env, *extra]:
            records.extend(read_jsonl(Path(path)))
        return cls(records, roles)

    def _make_actor(self, record: dict[str, Any]) -> Actor:
        names = [record["name"]]
        for lang in LANGS:
            names.extend(record.get("aliases", {}).get(lang, []))
        return Actor(id=record["id"], name=record["name"], type=record["type"],
                     country=record.get("country"), wikidata=record.get("wikidata"),
                     aliases=list(dict.fromkeys(names)))

    def _add(self, record: dict[str, Any], order: int) -> None:
        rid = record["id"]
        priority = int(record.get("priority", TYPE_PRIORITY.get(record["type"], 30)))
        explicit = set(record.get("case_sensitive", []))
        forms: dict[str, set[str]] = {record["name"]: {"name"}}
        for lang, names in record.get("aliases", {}).items():
            for name in names:
                forms.setdefault(name, set()).add(lang)
        for form, langs in forms.items():
            key = alias_key(form)
            if not key:
                continue
            entry = _Entry(rid, form, form in explicit or is_acronym(form), frozenset(langs),
                           priority, order)
            self._index.setdefault(key, []).append(entry)
        for seat in record.get("seats", []):
            self._seats.add(alias_key(seat))
        code = record.get("country")
        if record["type"] == "COUNTRY" and code:
            self._countries[code] = rid
        if record["type"] == "GOVERNMENT" and code and "government" in record.get("tags", []):
            self._governments.setdefault(code, rid)
        owner = code if record["type"] == "COUNTRY" else rid
        for lang, words in record.get("demonyms", {}).items():
            for word in words:
                self._demonyms.setdefault(lang, {}).setdefault(fold(word), (owner, word))
        for role in record.get("roles", []):
            held = Role(role["role"], role["of"], role.get("from"), role.get("to"))
            self._roles.setdefault(role["role"], []).append((rid, held))
        for tag in record.get("tags", []):
            self._by_tag.setdefault(tag, []).append(rid)

    # -- actors -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._actors)

    def actors(self) -> Iterator[Actor]:
        """Every actor, in file order."""
        return iter(self._actors.values())

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None when the gazetteer does not know it; composed
        group actors ("group-irn:protesters", see ``kg.agents``) are read from their id."""
        found = self._actors.get(actor_id)
        if found is None and actor_id.startswith("group-"):
            from kg.agents import default_agents  # kg.agents builds on this module

            return default_agents().actor(actor_id, self)
        return found

    def record(self, actor_id: str) -> dict[str, Any] | None:
        """The full data record (roles, tags, demonyms, seats) behind an actor."""
        return self._records.get(actor_id)

    def tags(self, actor_id: str) -> frozenset[str]:
        """Kinds an actor is (think_tank, pmc, state_media, ...); empty for unknown ids."""
        return self._tags.get(actor_id, frozenset())

    def roles(self, actor_id: str) -> list[Role]:
        record = self._records.get(actor_id, {})
        return [Role(r["role"], r["of"], r.get("from"), r.get("to"))
                for r in record.get("roles", [])]

    def country(self, code: str) -> Actor | None:
        """The COUNTRY actor for an ISO alpha-3 code; a region or union for its own id."""
        rid = self._countries.get(code)
        if rid is None and code in self._records and self._records[code].get("demonyms"):
            rid = code
        return self._actors.get(rid) if rid else None

    def government_of(self, code: str) -> Actor | None:
        """The government of a country (ISO alpha-3 code or country actor id)."""
        code = self._code(code) or code
        rid = self._governments.get(code)
        return self._actors.get(rid) if rid else None

    def _code(self, of: str) -> str | None:
        """The ISO code behind an owner: the code itself, a country or its government."""
        if of in self._countries:
            return of
        record = self._records.get(of)
        if record and record["type"] in ("COUNTRY", "GOVERNMENT") and (
                record["type"] == "COUNTRY" or "government" in record.get("tags", [])):
            return record.get("country")
        return None

    # -- names ------------------------------------------------------------------------------
    def _entries(self, text: str) -> list[_Entry]:
        key = alias_key(text)
        found = self._index.get(key)
        if not found and len(key) > 4 and key.endswith("s"):  # genitive: Poetins, Russlands
            found = self._index.get(key[:-1])
        return found or []

    def lookup(self, text: str, lang: str | None = None) -> Actor | None:
        """The actor a name denotes ("het Kremlin", "Poetin", "Kiev"), or None.

        Matching is on the folded name without articles; short acronyms (US, IS, VS) and names
        marked case-sensitive only match when written the same way. When an alias is shared,
        the higher-priority actor wins, then one that has the alias in ``lang``.
        """
        entries = [e for e in self._entries(text) if _case_ok(text, e.form, e.case_sensitive)]
        if not entries:
            return None
        if lang:
            top = entries[0].priority
            for entry in entries:
                if entry.priority == top and lang in entry.langs:
                    return self._actors[entry.actor_id]
        return self._actors[entries[0].actor_id]

    @staticmethod
    def is_article_name(text: str) -> bool:
        """Whether a name is written with its article ("the Kremlin", "het Witte Huis")."""
        return strip_article(text) != text.strip()

    def is_seat(self, text: str) -> bool:
        """Whether a name is a capital or seat used for a government (Kiev, het Kremlin)."""
        return alias_key(text) in self._seats

    def alias_patterns(self, include_case_sensitive: bool = True) -> Iterator[tuple[str, str]]:
        """(alias, actor id) pairs for a PhraseMatcher on LOWER, articles already removed.

        Only the alias's winning actor is yielded. Case-sensitive aliases (US, IS, "Trump") are
        included unless asked not to; confirm every match with :meth:`lookup`, which applies
        the case rule.
        """
        seen: set[tuple[str, str]] = set()
        for key, entries in self._index.items():
            winner = entries[0].actor_id
            for entry in entries:
                if entry.actor_id != winner:
                    continue
                if entry.case_sensitive and not include_case_sensitive:
                    continue
                form = strip_article(entry.form)
                if (fold(form), winner) not in seen and key:
                    seen.add((fold(form), winner))
                    yield form, winner

    def case_sensitive_patterns(self) -> Iterator[tuple[str, str]]:
        """(alias, actor id) for the aliases that must match as written (an ORTH matcher)."""
        for key, entries in self._index.items():
            for entry in entries:
                if entry.case_sensitive and entry.actor_id == entries[0].actor_id and key:
                    yield strip_article(entry.form), entry.actor_id

    def ambiguous_aliases(self) -> dict[str, list[str]]:
        """Alias keys shared by actors of equal top priority (the data should have none)."""
        out = {}
        for key, entries in self._index.items():
            tops = {e.actor_id for e in entries if e.priority == entries[0].priority}
            if len(tops) > 1:
                out[key] = sorted(tops)
        return out

    # -- demonyms and role nouns ------------------------------------------------------------
    def demonym(self, word: str, lang: str | None = None) -> str | None:
        """The owner an adjective names: "Russische" -> "RUS", "Tsjetsjeense" -> "chechnya"."""
        key = fold(word)
        tables = [self._demonyms.get(lang, {})] if lang else []
        tables += [self._demonyms[lg] for lg in LANGS if lg != lang]
        for table in tables:
            hit = table.get(key)
            if hit and _case_ok(word, hit[1], is_acronym(hit[1])):
                return hit[0]
        return None

    def role_noun(self, word_or_phrase: str, lang: str | None = None) -> tuple[str, str] | None:
        """What a role noun means: ("role", "president"), ("org", "defence_ministry") for an
        organisation a country has one of, ("tag", "think_tank") for a kind that must be found
        earlier in the document."""
        entry = self._noun(word_or_phrase, lang)
        if entry is None:
            return None
        kind = next(k for k in ("role", "org", "tag") if k in entry)
        return kind, entry[kind]

    def role_noun_owner(self, word_or_phrase: str, lang: str | None = None) -> str | None:
        """The owner a noun implies by itself ("Commissievoorzitter" -> "european-commission")."""
        entry = self._noun(word_or_phrase, lang)
        return entry.get("of") if entry else None

    def _find_noun(self, text: str, lang: str | None) -> dict[str, str] | None:
        key = alias_key(text).replace("_", "")  # Alpino lemmas mark compounds: leger_leider
        langs = [lang] if lang in self._nouns else []
        langs += [lg for lg in self._nouns if lg != lang]
        for lg in langs:
            entry = self._nouns[lg].get(key)
            if entry:
                return entry
        return None

    # -- roles ------------------------------------------------------------------------------
    def _owners(self, of: str) -> list[set[str]]:
        """Owner ids to try, best first: the owner itself (country and government count as
        one), then the country's armed forces (for commanders)."""
        code = self._code(of)
        if code is None:
            return [{of}]
        direct = {code} | {rid for rid in (self._countries.get(code),
                                           self._governments.get(code)) if rid}
        forces = {rid for rid in self._by_tag.get("armed_forces", [])
                  if self._records[rid].get("country") == code}
        return [direct, forces]

    def _role_chain(self, role: str, of: str) -> list[str]:
        chain = list(self._fallbacks.get(role, [role]))
        code = self._code(of)
        if role == "leader" and code and code in self._countries:
            first = self._records[self._countries[code]].get("leader_role", "president")
            chain = [first, "leader"] + [r for r in chain if r not in (first, "leader")]
        return chain if role in chain else [role, *chain]

    def role_holder(self, role: str, of: str, date: str | None = None) -> Actor | None:
        """Who held ``role`` of ``of`` (ISO code or actor id) at ``date`` ("YYYY-MM[-DD]").

        ``date`` None means today's holder. "leader" of a country is the office its politics
        turn on (president of Russia, chancellor of Germany, supreme leader of Iran).
        """
        if date:
            try:
                lo, hi = _interval(date)
            except (ValueError, TypeError):
                lo = hi = dt.date.today()
        else:
            lo = hi = dt.date.today()
        for owners in self._owners(of):
            for key in self._role_chain(role, of):
                best: tuple[int, str, str] | None = None
                for rid, held in self._roles.get(key, []):
                    if held.of not in owners:
                        continue
                    start = _bound(held.start, upper=False) or dt.date.min
                    end = _bound(held.end, upper=True) or dt.date.max
                    overlap = (min(end, hi) - max(start, lo)).days
                    if overlap < 0:
                        continue
                    rank = (overlap, held.start or "", rid)
                    if best is None or rank > best:
                        best = rank
                if best is not None:
                    return self._actors[best[2]]
        return None

    def org_by_kind(self, kind: str, of: str | None) -> Actor | None:
        """The organisation of a kind that an owner has: ("defence_ministry", "RUS") -> the
        Russian Ministry of Defence; ("government", "RUS") -> Government of Russia."""
        if of is None:
            return None
        code = self._code(of)
        candidates = [rid for rid in self._by_tag.get(kind, [])
                      if (code and self._records[rid].get("country") == code) or rid == of]
        if not candidates:
            return None
        candidates.sort(key=lambda rid: (-int(self._records[rid].get(
            "priority", TYPE_PRIORITY.get(self._records[rid]["type"], 30))), rid))
        return self._actors[candidates[0]]

    def actors_with_tag(self, tag: str, of: str | None = None) -> list[Actor]:
        """All actors of a kind, optionally only those of one country."""
        code = self._code(of) if of else None
        return [self._actors[rid] for rid in self._by_tag.get(tag, [])
                if of is None or self._records[rid].get("country") == (code or of)]

    def resolve_role(self, phrase: str, lang: str | None = None,
                     date: str | None = None) -> Actor | None:
        """A whole role phrase to its actor: "de Russische president", "de Wagner-baas",
        "Kremlinwoordvoerder", "het Russische ministerie van Defensie", "the president of
        Russia". Kinds that need the document ("de Amerikaanse denktank") give None."""
        raw = re.sub(r"['’]s\b", "", strip_article(phrase))
        words = [w for w in re.split(r"[\s\-–]+", raw) if w]
        if not words:
            return None
        for i in range(len(words)):  # owner before the noun: "Russische president"
            entry = self._noun(" ".join(words[i:]), lang)
            if entry is not None:
                owner = entry.get("of") or (self._owner(words[:i], lang) if i else None)
                found = self._apply(entry, owner, date)
                if found is not None:
                    return found
        for i in range(len(words) - 1, 0, -1):  # after it: "president van Rusland", "russe"
            entry = self._noun(" ".join(words[:i]), lang)
            if entry is not None:
                found = self._apply(entry, self._owner(words[i:], lang), date)
                if found is not None:
                    return found
        if len(words) == 1:  # closed compound: "Kremlinwoordvoerder"
            word = words[0]
            for cut in range(3, len(word) - 3):
                entry = self._noun(word[cut:], lang)
                owner = self._owner([word[:cut]], lang) if entry else None
                if entry is not None and owner is not None:
                    return self._apply(entry, owner, date)
        return None

    def _owner(self, words: list[str], lang: str | None) -> str | None:
        """Whose role: a demonym ("Russische") or a name ("van het Kremlin", "Wagner")."""
        if words and words[0].lower() in _OF_WORDS:
            words = words[1:]
        text = strip_article(" ".join(words))
        if not text:
            return None
        code = self.demonym(text, lang)
        if code:
            return code
        actor = self.lookup(text, lang)
        if actor is None:
            return None
        return actor.country if actor.type == "COUNTRY" else actor.id

    def _apply(self, entry: dict[str, str], owner: str | None, date: str | None) -> Actor | None:
        if owner is None:
            return None
        if "role" in entry:
            if entry["role"] in self._shared and (
                    owner in self._countries or owner in self._countries.values()):
                return None  # "the Russian commander": one of many, no one in particular
            return self.role_holder(entry["role"], owner, date)
        if "org" in entry:
            return self.org_by_kind(entry["org"], owner)
        return None


@cache
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer plus ``KG_GAZETTEER`` files, loaded once per process."""
    return Gazetteer.load()
