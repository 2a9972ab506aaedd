"""The actor gazetteer: packaged data quality, lookups, demonyms, roles by date, extensions."""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.errors import LexiconError
from kg.gazetteer import ENV_VAR, Gazetteer, default_gazetteer
from kg.types import ACTOR_TYPES

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(),
                                  reason="../shared (Phoenix, eval gold) absent")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


def ids(actor) -> str | None:
    return actor.id if actor else None


# -- the packaged data -----------------------------------------------------------------------
def test_at_least_300_actors_and_every_un_member(gaz: Gazetteer) -> None:
    assert len(gaz) >= 300
    countries = [a for a in gaz.actors() if a.type == "COUNTRY"]
    assert len(countries) >= 193
    assert sum(1 for a in gaz.actors() if a.type == "GOVERNMENT"
               and "government" in gaz.tags(a.id)) >= 40
    for kind in ("PERSON", "MILITARY", "ARMED_GROUP", "IGO", "ORGANIZATION", "REGION"):
        assert any(a.type == kind for a in gaz.actors()), kind


def test_every_actor_is_complete_and_found_by_its_own_name(gaz: Gazetteer) -> None:
    for actor in gaz.actors():
        assert actor.name and actor.type in ACTOR_TYPES and actor.aliases, actor.id
        assert ids(gaz.lookup(actor.name)) == actor.id, actor.name


def test_wikidata_ids_are_qids_or_null(gaz: Gazetteer) -> None:
    for actor in gaz.actors():
        assert actor.wikidata is None or re.fullmatch(r"Q\d+", actor.wikidata), actor.id
    assert gaz.actor("vladimir-putin").wikidata == "Q7747"


def test_no_alias_is_shared_at_equal_priority(gaz: Gazetteer) -> None:
    assert gaz.ambiguous_aliases() == {}


def test_role_owners_exist(gaz: Gazetteer) -> None:
    for actor in gaz.actors():
        for role in gaz.roles(actor.id):
            assert gaz.country(role.of) or gaz.actor(role.of), (actor.id, role)


def test_countries_have_names_and_demonyms_in_four_languages(gaz: Gazetteer) -> None:
    russia = gaz.record("russia")
    assert {"Rusland", "Russland", "Russie"} <= {a for v in russia["aliases"].values() for a in v}
    assert set(russia["demonyms"]) == {"en", "nl", "de", "fr"}
    with_nl = [a for a in gaz.actors() if a.type == "COUNTRY"
               and gaz.record(a.id).get("demonyms", {}).get("nl")]
    assert len(with_nl) >= 170


def test_load_is_fast() -> None:
    best = min(_timed_load() for _ in range(3))
    assert best < 0.5, f"{best:.3f}s"


def _timed_load() -> float:
    start = time.perf_counter()
    Gazetteer.load()
    return time.perf_counter() - start


# -- names -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("het Kremlin", "nl", "government-of-russia"),
    ("the Kremlin", "en", "government-of-russia"),
    ("Poetin", "nl", "vladimir-putin"),
    ("Poutine", None, "vladimir-putin"),
    ("Путин", None, "vladimir-putin"),
    ("Putin's", "en", "vladimir-putin"),
    ("Poetins", "nl", "vladimir-putin"),
    ("Oekraïne", "nl", "ukraine"),
    ("Rusland", "nl", "russia"),
    ("Kiev", "nl", "government-of-ukraine"),
    ("Kyiv", "en", "government-of-ukraine"),
    ("Kiew", "de", "government-of-ukraine"),
    ("Moskou", "nl", "government-of-russia"),
    ("het Witte Huis", "nl", "government-of-united-states"),
    ("Wagner-groep", "nl", "wagner-group"),
    ("Wagner", None, "wagner-group"),
    ("Jevgeni Prigozjin", "nl", "yevgeny-prigozhin"),
    ("West-Europa", "nl", "western-europe"),
    ("het Westen", "nl", "the-west"),
    ("de VS", "nl", "united-states"),
    ("US", "en", "united-states"),
    ("IS", None, "islamic-state"),
    ("NAVO", "nl", "nato"),
    ("Institute for the Study of War", "nl", "institute-for-the-study-of-war"),
    ("het Russische ministerie van Defensie", "nl", "russian-ministry-of-defence"),
    ("Oekraïense militaire inlichtingendienst", "nl", "gur"),
    ("Russische troepen", "nl", "russian-armed-forces"),
    ("Houthi-rebellen", "nl", "houthis"),
    ("Assads troepen", "nl", "syrian-arab-army"),
])
def test_lookup(gaz: Gazetteer, text: str, lang: str | None, expected: str) -> None:
    assert ids(gaz.lookup(text, lang)) == expected


@pytest.mark.parametrize("text", ["us", "is", "het westen", "trump", "Congo", "turkey", "island",
                                  "army", "Khartoem"])
def test_common_words_and_ambiguous_names_do_not_match(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text) is None


def test_alias_patterns_are_names_without_articles(gaz: Gazetteer) -> None:
    patterns = set(gaz.alias_patterns())
    assert ("Poetin", "vladimir-putin") in patterns
    assert ("Kremlin", "government-of-russia") in patterns
    assert not any(a.lower().startswith(("het ", "the ", "de ")) for a, _ in patterns)
    safe = set(gaz.alias_patterns(include_case_sensitive=False))
    assert ("US", "united-states") in patterns and ("US", "united-states") not in safe
    assert ("US", "united-states") in set(gaz.case_sensitive_patterns())


def test_seats_are_known(gaz: Gazetteer) -> None:
    assert gaz.is_seat("Kiev") and gaz.is_seat("het Kremlin")
    assert not gaz.is_seat("Rusland")


def test_country_and_government(gaz: Gazetteer) -> None:
    assert ids(gaz.country("RUS")) == "russia"
    assert ids(gaz.government_of("RUS")) == "government-of-russia"
    assert ids(gaz.government_of("russia")) == "government-of-russia"
    assert ids(gaz.country("chechnya")) == "chechnya"
    assert gaz.country("XXX") is None and gaz.actor("no-such-actor") is None


# -- demonyms and role nouns -----------------------------------------------------------------
@pytest.mark.parametrize(("word", "lang", "expected"), [
    ("Russische", "nl", "RUS"), ("Russisch", "nl", "RUS"), ("Tsjetsjeense", "nl", "chechnya"),
    ("Amerikaanse", "nl", "USA"), ("Oekraïense", "nl", "UKR"), ("Duitse", "nl", "DEU"),
    ("Chinese", "nl", "CHN"), ("Russian", "en", "RUS"), ("Chechen", "en", "chechnya"),
    ("US", "en", "USA"), ("russischen", "de", "RUS"), ("ukrainienne", "fr", "UKR"),
    ("us", "en", None), ("Westerse", "nl", "the-west"),
])
def test_demonym(gaz: Gazetteer, word: str, lang: str, expected: str | None) -> None:
    assert gaz.demonym(word, lang) == expected


@pytest.mark.parametrize(("noun", "lang", "expected"), [
    ("president", "nl", ("role", "president")), ("leider", "nl", ("role", "leader")),
    ("baas", "nl", ("role", "leader")), ("premier", "nl", ("role", "prime_minister")),
    ("minister van Defensie", "nl", ("role", "defence_minister")),
    ("woordvoerder", "nl", ("role", "spokesperson")),
    ("denktank", "nl", ("tag", "think_tank")), ("think tank", "en", ("tag", "think_tank")),
    ("ministerie van Defensie", "nl", ("org", "defence_ministry")),
    ("leger", "nl", ("org", "armed_forces")), ("regering", "nl", ("org", "government")),
    ("state television", "en", ("org", "state_tv")), ("Verteidigungsminister", "de",
                                                      ("role", "defence_minister")),
    ("porte-parole", "fr", ("role", "spokesperson")), ("tafel", "nl", None),
    ("inli_chtingendienst", "nl", ("org", "intelligence_service")),
])
def test_role_noun(gaz: Gazetteer, noun: str, lang: str, expected) -> None:
    assert gaz.role_noun(noun, lang) == expected


def test_pickled_gazetteer_answers_alike(gaz: Gazetteer) -> None:
    """Spawned workers get the gazetteer pickled; its noun memo is rebuilt, not sent."""
    assert gaz.role_noun("leger", "nl") == ("org", "armed_forces")  # memo filled
    copy = pickle.loads(pickle.dumps(gaz))
    assert copy.role_noun("leger", "nl") == ("org", "armed_forces")
    assert copy.role_noun("tafel", "nl") is None
    assert copy.lookup("Poetin", "nl").id == gaz.lookup("Poetin", "nl").id


def test_org_by_kind(gaz: Gazetteer) -> None:
    assert ids(gaz.org_by_kind("defence_ministry", "RUS")) == "russian-ministry-of-defence"
    assert ids(gaz.org_by_kind("government", "RUS")) == "government-of-russia"
    assert ids(gaz.org_by_kind("armed_forces", "SDN")) == "sudanese-armed-forces"
    assert ids(gaz.org_by_kind("military_intelligence", "UKR")) == "gur"
    assert ids(gaz.org_by_kind("state_tv", "IRN")) == "irib"
    assert gaz.org_by_kind("defence_ministry", None) is None
    assert "think_tank" in gaz.tags("institute-for-the-study-of-war")
    assert gaz.actor("institute-for-the-study-of-war").country == "USA"


# -- roles by date ---------------------------------------------------------------------------
@pytest.mark.parametrize(("role", "of", "when", "expected"), [
    ("president", "RUS", "2023-05", "vladimir-putin"),
    ("president", "RUS", "2010", "dmitry-medvedev"),
    ("leader", "chechnya", "2023-05", "ramzan-kadyrov"),
    ("leader", "wagner-group", "2023-05", "yevgeny-prigozhin"),
    ("leader", "wagner-group", "2023-09", None),
    ("president", "USA", "2023-05", "joe-biden"),
    ("president", "USA", "2025-03", "donald-trump"),
    ("president", "USA", "2019-06-01", "donald-trump"),
    ("leader", "RUS", "2023-05", "vladimir-putin"),
    ("leader", "DEU", "2023-05", "olaf-scholz"),
    ("leader", "DEU", "2025-06", "friedrich-merz"),
    ("leader", "IRN", "2024-04", "ali-khamenei"),
    ("defence_minister", "RUS", "2023-06", "sergei-shoigu"),
    ("defence_minister", "RUS", "2024-06", "andrei-belousov"),
    ("foreign_minister", "UKR", "2023-01", "dmytro-kuleba"),
    ("foreign_minister", "UKR", "2024-12", "andrii-sybiha"),
    ("secretary_general", "nato", "2023-01", "jens-stoltenberg"),
    ("secretary_general", "nato", "2025-01", "mark-rutte"),
    ("spokesperson", "government-of-russia", "2023-05", "dmitry-peskov"),
    ("prime_minister", "GBR", "2023-02", "rishi-sunak"),
    ("prime_minister", "GBR", "2024-09", "keir-starmer"),
    ("leader", "hezbollah", "2024-12", "naim-qassem"),
    ("commander", "RUS", "2023-05", "valery-gerasimov"),
])
def test_role_holder(gaz: Gazetteer, role: str, of: str, when: str, expected: str | None) -> None:
    assert ids(gaz.role_holder(role, of, when)) == expected


def test_role_holder_without_date_is_the_current_holder(gaz: Gazetteer) -> None:
    assert ids(gaz.role_holder("president", "RUS")) == "vladimir-putin"
    assert gaz.role_holder("leader", "wagner-group") is None


@pytest.mark.parametrize(("phrase", "lang", "when", "expected"), [
    ("de Russische president", "nl", "2023-05", "vladimir-putin"),
    ("de Tsjetsjeense leider", "nl", "2023-05", "ramzan-kadyrov"),
    ("de Wagner-baas", "nl", "2023-05", "yevgeny-prigozhin"),
    ("het Russische ministerie van Defensie", "nl", "2023-05", "russian-ministry-of-defence"),
    ("Kremlinwoordvoerder", "nl", "2023-05", "dmitry-peskov"),
    ("Europees Commissievoorzitter", "nl", "2021-12", "ursula-von-der-leyen"),
    ("the president of Russia", "en", "2023", "vladimir-putin"),
    ("Iran's state television", "en", "2024-04", "irib"),
    ("VN-chef", "nl", "2023", "antonio-guterres"),
    ("le président russe", "fr", "2023", "vladimir-putin"),
    ("de Amerikaanse denktank", "nl", "2023-05", None),
])
def test_resolve_role(gaz: Gazetteer, phrase: str, lang: str, when: str, expected) -> None:
    assert ids(gaz.resolve_role(phrase, lang, when)) == expected


# -- extension files -------------------------------------------------------------------------
def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def test_extension_adds_and_overrides(tmp_path: Path) -> None:
    ext = _write(tmp_path / "mine.jsonl", [
        {"id": "vladimir-putin", "aliases": {"nl": ["Vladimir Vladimirovitsj"]},
         "wikidata": "Q7747"},
        {"id": "kursk-partisans", "name": "Kursk Partisans", "type": "ARMED_GROUP",
         "country": "RUS", "aliases": {"nl": ["Koersk-partizanen"]},
         "roles": [], "tags": ["militia"]},
        {"id": "ramzan-kadyrov", "roles": [{"role": "leader", "of": "akhmat",
                                            "from": "2022-01-01", "to": None}]},
    ])
    gaz = Gazetteer.load(extra=[ext])
    assert gaz.lookup("Vladimir Vladimirovitsj").id == "vladimir-putin"
    assert gaz.lookup("Poetin").id == "vladimir-putin"  # packaged aliases kept
    assert gaz.lookup("Koersk-partizanen").name == "Kursk Partisans"
    assert gaz.role_holder("leader", "akhmat", "2023").id == "ramzan-kadyrov"
    assert gaz.role_holder("leader", "chechnya", "2023").id == "ramzan-kadyrov"
    assert len(gaz) == len(default_gazetteer()) + 1


def test_extension_replace_and_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ext = _write(tmp_path / "env.jsonl", [
        {"id": "wagner-group", "replace": True, "name": "PMC Wagner", "type": "ARMED_GROUP",
         "country": "RUS", "aliases": {"en": ["Wagner"]}},
    ])
    monkeypatch.setenv(ENV_VAR, str(ext))
    gaz = Gazetteer.load()
    assert gaz.lookup("Wagner").name == "PMC Wagner"
    assert gaz.lookup("Wagner-groep") is None  # replaced, not merged


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "not JSON"),
    ('{"id": "x", "name": "X", "type": "WIZARD"}', "unknown actor type"),
    ('{"id": "x", "name": "X", "type": "PERSON", "wikidata": "7747"}', "wikidata"),
    ('{"id": "x", "type": "PERSON"}', "needs a name"),
])
def test_bad_extension_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    ext = tmp_path / "bad.jsonl"
    ext.write_text("\n" + line + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as info:
        Gazetteer.load(extra=[ext])
    assert "bad.jsonl" in str(info.value)


def test_missing_extension_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read"):
        Gazetteer.load(extra=[tmp_path / "absent.jsonl"])


# -- the build and the gold ------------------------------------------------------------------
@pytest.mark.shared
@needs_shared
def test_committed_gazetteer_is_what_the_build_produces(tmp_path: Path) -> None:
    out = tmp_path / "actors.jsonl"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--out",
                    str(out)], check=True, capture_output=True)
    committed = (ROOT / "kg" / "data" / "actors.jsonl").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed


@pytest.mark.shared
@needs_shared
def test_gold_actor_names_resolve(gaz: Gazetteer) -> None:
    """Every actor the eval gold names is in the gazetteer under at least one alternative."""
    missing = []
    for path in sorted((SHARED / "eval").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            for triple in item["triples"] + item.get("optional", []):
                for side in ("source", "target", "attributed_to"):
                    name = triple.get(side)
                    if name and not name.startswith("[") and not any(
                            gaz.lookup(alt) for alt in name.split("|")):
                        missing.append(name)
    assert missing == ["Western allies of Israel"]
