"""Hand-built triples from the seed article (and one follow-up) for the graph tests.

The extractor is developed separately; these triples are what it should produce for
``/work/shared/corpus/000_dbff4a963a0d4a54.txt`` (sentences quoted, offsets measured in
that file), so the graph, Neo4j and browser tests do not depend on the NLP stages.
"""

from __future__ import annotations

from kg.types import Actor, Document, Entity, Triple
from kg.vocab import relations

SEED_DOC = "000_dbff4a963a0d4a54"
FOLLOW_UP_DOC = "follow-up-2023-06"
FOLLOW_UP_URL = "https://example.org/news/2023/06/02/kadyrov-threatens-germany-again"

#: What the gazetteer knows about the seed actors (country codes ISO 3166-1 alpha-3).
ACTORS: dict[str, Actor] = {
    a.id: a
    for a in [
        Actor("vladimir-putin", "Vladimir Putin", "PERSON", "RUS", "Q7747",
              ["Putin", "Poetin", "Vladimir Poetin", "Wladimir Putin"]),
        Actor("ramzan-kadyrov", "Ramzan Kadyrov", "PERSON", "RUS", "Q298258",
              ["Kadyrov", "Kadyrow"]),
        Actor("yevgeny-prigozhin", "Yevgeny Prigozhin", "PERSON", "RUS", "Q4522426",
              ["Prigozhin", "Jevgeni Prigozjin", "Prigozjin"]),
        Actor("government-of-ukraine", "Government of Ukraine", "GOVERNMENT", "UKR", "Q3660740",
              ["Kiev", "Kyiv", "Kyiv government"]),
        Actor("ukraine", "Ukraine", "COUNTRY", "UKR", "Q212", ["Oekraïne"]),
        Actor("russia", "Russia", "COUNTRY", "RUS", "Q159", ["Rusland", "Russian Federation"]),
        Actor("germany", "Germany", "COUNTRY", "DEU", "Q183", ["Duitsland"]),
        Actor("poland", "Poland", "COUNTRY", "POL", "Q36", ["Polen"]),
        Actor("ministry-of-defence-of-russia", "Ministry of Defence of Russia", "GOVERNMENT",
              "RUS", "Q1969730",
              ["Russian Ministry of Defence", "Russische ministerie van Defensie"]),
        Actor("russian-air-defence", "Russian air defence", "MILITARY", "RUS", None,
              ["luchtverdediging"]),
        Actor("russian-armed-forces", "Russian Armed Forces", "MILITARY", "RUS", "Q842089",
              ["Russische troepen"]),
        Actor("volodymyr-zelensky", "Volodymyr Zelensky", "PERSON", "UKR", "Q3874799",
              ["Zelensky", "Zelenski", "Zelenskyj", "Volodymyr Zelenskyy"]),
        Actor("nato", "NATO", "IGO", None, "Q7184",
              ["NAVO", "North Atlantic Treaty Organization"]),
        Actor("institute-for-the-study-of-war", "Institute for the Study of War", "ORGANIZATION",
              "USA", "Q6040402", ["ISW", "Amerikaanse denktank"]),
    ]
}


def lookup(actor_id: str) -> Actor | None:
    """The fixture gazetteer (``default_gazetteer().actor`` has the same signature)."""
    return ACTORS.get(actor_id)


def actor(actor_id: str, text: str) -> Entity:
    known = ACTORS[actor_id]
    return Entity(name=known.name, text=text, type=known.type, id=actor_id)


def topic(name: str, text: str) -> Entity:
    return Entity(name=name, text=text, type="TOPIC", id="topic:" + name.replace(" ", "-"))


# Unknown to the gazetteer: Western Europe has only id/name/type.
WESTERN_EUROPE = Entity(name="Western Europe", text="West-Europa", type="LOCATION",
                        id="western-europe")

_S = {  # sentence index -> (char_start, char_end, text)
    0: (14, 178, "Naast Vladimir Poetin, die Kiev na de droneaanvallen van terreur beschuldigde "
                 "en een tegenreactie aankondigde, zwoer zijn naaste vertrouweling Ramzan Kadyrov "
                 "wraak."),
    1: (179, 307, "De Tsjetsjeense leider riep op tot het instellen van de staat van beleg in "
                  "Rusland om harder tegen de vijand te kunnen optreden."),
    3: (468, 619, "Opnieuw dreigde hij met Russische aanvallen tegen West-Europa, waarbij hij zei "
                  "dat Rusland aan de deur kon kloppen van bijvoorbeeld Duitsland of Polen."),
    5: (668, 894, "Opmerkelijk daarbij is dat Jevgeni Prigozjin niet schuimbekte tegen wie achter "
                  "de aanval zit, maar wel tegen de “bureaucraten” van het Russische ministerie "
                  "van Defensie die niet voldoende zouden doen om het land te beschermen."),
    6: (896, 993, "In de Russische hoofdstad heeft de luchtverdediging dinsdagochtend meerdere "
                  "drones neergeschoten."),
    10: (1204, 1288, "Poetin prees toen het werk van de luchtverdediging, maar zei ook dat het "
                     "beter moet."),
    11: (1289, 1367, "Oekraïne heeft trouwens ontkend iets met de droneaanvallen te maken te "
                     "hebben."),
    14: (1610, 1767, "In het verleden heeft Poetin consequent wraak genomen op Oekraïne voor "
                     "daadwerkelijke of vermeende Oekraïense acties met een rakettenregen en "
                     "droneaanvallen."),
    15: (1769, 1961, "Volgens het Institute for the Study of War (ISW) probeert Poetin de "
                     "droneaanvallen op Moskou te minimaliseren om de beperkte "
                     "vergeldingsmogelijkheden van Rusland tegen Oekraïne te verdoezelen."),
    16: (1962, 2184, "De Russische president beweerde dat Russische troepen “twee tot drie dagen "
                     "eerder” het hoofdkantoor van de Oekraïense militaire inlichtingendienst "
                     "hadden aangevallen en ook andere militaire infrastructuur hadden beschoten."),
    17: (2185, 2280, "Ook het Russische ministerie van Defensie sprak van meerdere aanvallen met "
                     "langeafstandswapens."),
    18: (2281, 2377, "Het ministerie claimde echter niet dat de basis van de militaire "
                     "inlichtingendienst was geraakt."),
    19: (2378, 2479, "Volgens de Amerikaanse denktank is er dan ook helemaal geen bevestiging van "
                     "wat Poetin heeft beweerd."),
}


def _triple(index: int, source: Entity, relation: str, target: Entity, verb: str, *,
            negated: bool = False, attributed_to: Entity | None = None,
            doc_id: str = SEED_DOC, date: str = "2023-05", lang: str = "nl",
            sentence: tuple[int, int, str] | None = None, confidence: float = 0.8,
            url: str | None = None) -> Triple:
    start, end, text = sentence or _S[index]
    rel = relations()[relation]
    return Triple(doc_id=doc_id, date=date, lang=lang, sentence=text, sentence_index=index,
                  char_start=start, char_end=end, source=source, relation=relation,
                  plover=rel.plover, cameo=rel.cameo, target=target, negated=negated,
                  attributed_to=attributed_to, verb=verb, confidence=confidence, url=url)


def seed_triples() -> list[Triple]:
    """16 triples of the seed article: one negated, two attributed, three topic targets."""
    putin, kadyrov = actor("vladimir-putin", "Vladimir Poetin"), actor("ramzan-kadyrov", "Kadyrov")
    mod = actor("ministry-of-defence-of-russia", "Russische ministerie van Defensie")
    return [
        _triple(0, putin, "ACCUSES", actor("government-of-ukraine", "Kiev"), "beschuldigen"),
        _triple(0, kadyrov, "VOWS", topic("revenge", "wraak"), "zweren"),
        _triple(1, actor("ramzan-kadyrov", "De Tsjetsjeense leider"), "DEMANDS",
                topic("martial law in Russia", "de staat van beleg in Rusland"), "oproepen"),
        _triple(3, actor("ramzan-kadyrov", "hij"), "THREATENS", WESTERN_EUROPE, "dreigen"),
        _triple(3, actor("ramzan-kadyrov", "hij"), "THREATENS", actor("germany", "Duitsland"),
                "dreigen"),
        _triple(3, actor("ramzan-kadyrov", "hij"), "THREATENS", actor("poland", "Polen"),
                "dreigen"),
        _triple(5, actor("yevgeny-prigozhin", "Jevgeni Prigozjin"), "CRITICIZES", mod,
                "schuimbekken"),
        _triple(6, actor("russian-air-defence", "de luchtverdediging"), "SHOOTS_DOWN",
                topic("drones", "meerdere drones"), "neerschieten"),
        _triple(10, actor("vladimir-putin", "Poetin"), "PRAISES",
                actor("russian-air-defence", "de luchtverdediging"), "prijzen"),
        _triple(11, actor("ukraine", "Oekraïne"), "DENIES",
                topic("involvement in the drone attacks", "iets met de droneaanvallen"),
                "ontkennen"),
        _triple(14, actor("vladimir-putin", "Poetin"), "RETALIATES_AGAINST",
                actor("ukraine", "Oekraïne"), "wraak nemen"),
        _triple(15, actor("russia", "Rusland"), "RETALIATES_AGAINST", actor("ukraine", "Oekraïne"),
                "vergelding", attributed_to=actor("institute-for-the-study-of-war", "ISW"),
                confidence=0.6),
        _triple(16, actor("russian-armed-forces", "Russische troepen"), "ATTACKS",
                Entity("Main Directorate of Intelligence (Ukraine)",
                       "de Oekraïense militaire inlichtingendienst", "MILITARY",
                       "main-directorate-of-intelligence-ukraine"),
                "aanvallen", attributed_to=actor("vladimir-putin", "De Russische president")),
        _triple(17, mod, "CLAIMS", topic("long-range strikes", "meerdere aanvallen"), "spreken"),
        _triple(18, actor("ministry-of-defence-of-russia", "Het ministerie"), "CLAIMS",
                topic("strike on the intelligence headquarters",
                      "de basis van de militaire inlichtingendienst"), "claimen", negated=True),
        _triple(19, actor("institute-for-the-study-of-war", "de Amerikaanse denktank"), "REJECTS",
                topic("Putin's claim", "wat Poetin heeft beweerd"), "bevestigen", confidence=0.55),
    ]


def follow_up_triples() -> list[Triple]:
    """A second (English, June) document: repeats two edges, states the negated claim,
    turns Putin against the air defence he praised in May, and brings two new actors."""
    def s(i: int, text: str) -> tuple[int, int, str]:
        return (i * 100, i * 100 + len(text), text)

    kw = {"doc_id": FOLLOW_UP_DOC, "date": "2023-06-02", "lang": "en", "url": FOLLOW_UP_URL}
    t0 = s(0, "Kadyrov again threatened Germany, saying Russia could 'knock on the door' <soon>.")
    t1 = s(1, "Putin accused Kyiv & its allies of \"terrorism\".")
    t2 = s(2, "The Russian defence ministry claimed it had hit the intelligence headquarters.")
    t3 = s(3, "Germany and Poland pledged more air-defence aid to Ukraine.")
    t4 = s(4, "Putin later criticised the air defence for letting the drones through.")
    t5 = s(5, "Volodymyr Zelensky met NATO's secretary general in Brussels.")
    return [
        _triple(0, actor("ramzan-kadyrov", "Kadyrov"), "THREATENS", actor("germany", "Germany"),
                "threaten", sentence=t0, **kw),
        _triple(1, actor("vladimir-putin", "Putin"), "ACCUSES",
                actor("government-of-ukraine", "Kyiv"), "accuse", sentence=t1, **kw),
        _triple(2, actor("ministry-of-defence-of-russia", "The Russian defence ministry"),
                "CLAIMS", topic("strike on the intelligence headquarters",
                                "it had hit the intelligence headquarters"),
                "claim", sentence=t2, **kw),
        _triple(3, actor("germany", "Germany"), "AIDS", actor("ukraine", "Ukraine"), "pledge",
                sentence=t3, **kw),
        _triple(3, actor("poland", "Poland"), "AIDS", actor("ukraine", "Ukraine"), "pledge",
                sentence=t3, **kw),
        _triple(4, actor("vladimir-putin", "Putin"), "CRITICIZES",
                actor("russian-air-defence", "the air defence"), "criticise", sentence=t4, **kw),
        _triple(5, actor("volodymyr-zelensky", "Volodymyr Zelensky"), "MEETS",
                actor("nato", "NATO"), "meet", sentence=t5, **kw),
    ]


def documents() -> list[Document]:
    return [
        Document(id=SEED_DOC, text="", date="2023-05", lang="nl",
                 source="corpus/000_dbff4a963a0d4a54.txt"),
        Document(id=FOLLOW_UP_DOC, text="", date="2023-06-02", lang="en", source="follow-up.txt",
                 text_hash="5eedf011043a5e0f",  # sidecar metadata, as from an INDEX.tsv
                 meta={"url": FOLLOW_UP_URL, "outlet": "The Paper (Reuters)", "split": "test"}),
    ]


def synthetic_triples(n_docs: int, *, prefix: str = "bulk") -> list[Triple]:
    """Many small documents over the seed actors, for batching, resume and concurrency tests.

    Dyads repeat across documents, so aggregate edges collect many events each.
    """
    ids = sorted(ACTORS)
    names = ["THREATENS", "ACCUSES", "MEETS", "AIDS", "CRITICIZES", "ATTACKS"]
    out: list[Triple] = []
    for d in range(n_docs):
        for k in range(3):
            src, tgt = ids[(d + k) % len(ids)], ids[(3 * d + 2 * k + 1) % len(ids)]
            if src == tgt:
                continue
            text = f"Sentence {k} of {prefix} document {d}: {src} vs {tgt}."
            out.append(_triple(k, actor(src, src), names[(d * 7 + k) % len(names)],
                               actor(tgt, tgt), "verb", doc_id=f"{prefix}-{d:05d}",
                               date=f"2023-{1 + d % 12:02d}-{1 + d % 28:02d}", lang="en",
                               sentence=(k * 80, k * 80 + len(text), text),
                               negated=(d % 11 == 0 and k == 1)))
    return out
