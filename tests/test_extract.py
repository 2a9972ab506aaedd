"""The argument finder on hand-built parses: each rule tested apart from parser mistakes."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract import extract_candidates
from kg.lexicon import load_lexicon


def parse(lang: str, rows: list[tuple[str, str, str, str, int]]) -> Doc:
    """Build a Doc from (word, lemma, pos, dep, head index) rows; head -1 means root."""
    nlp = spacy.blank(lang)
    words = [r[0] for r in rows]
    heads = [r[4] if r[4] >= 0 else i for i, r in enumerate(rows)]
    return Doc(nlp.vocab, words=words, lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
               deps=[r[3] for r in rows], heads=heads,
               sent_starts=[i == 0 for i in range(len(rows))])


def texts(tokens) -> list[str]:
    return [t.text for t in tokens]


def only(doc: Doc, lang: str):
    cands = extract_candidates(doc[:], load_lexicon(lang))
    assert len(cands) == 1, [c.verb for c in cands]
    return cands[0]


def test_dutch_separable_verb_with_particle_and_topic():
    # De leider riep op tot de staat van beleg .
    doc = parse("nl", [
        ("De", "de", "DET", "det", 1), ("leider", "leider", "NOUN", "nsubj", 2),
        ("riep", "roepen", "VERB", "ROOT", -1), ("op", "op", "ADP", "compound:prt", 2),
        ("tot", "tot", "ADP", "case", 6), ("de", "de", "DET", "det", 6),
        ("staat", "staat", "NOUN", "obl", 2), ("van", "van", "ADP", "case", 8),
        ("beleg", "beleg", "NOUN", "nmod", 6), (".", ".", "PUNCT", "punct", 2),
    ])
    cand = only(doc, "nl")
    assert cand.verb == "oproepen" and cand.frame.relation == "DEMANDS"
    assert texts(cand.sources) == ["leider"]
    assert cand.topic_slots[0].text == "staat van beleg"


def test_dutch_passive_door_agent_is_the_source():
    # Shukr werd door Israël gedood .
    doc = parse("nl", [
        ("Shukr", "Shukr", "PROPN", "nsubj:pass", 4), ("werd", "worden", "AUX", "aux:pass", 4),
        ("door", "door", "ADP", "case", 3), ("Israël", "Israël", "PROPN", "obl:agent", 4),
        ("gedood", "doden", "VERB", "ROOT", -1), (".", ".", "PUNCT", "punct", 4),
    ])
    cand = only(doc, "nl")
    assert cand.frame.relation == "KILLS"
    assert texts(cand.sources) == ["Israël"]
    assert texts(cand.target_slots[0]) == ["Shukr"]


def test_dutch_relative_clause_subject_is_the_antecedent_and_negation_is_kept():
    # Poetin , die Kiev niet beschuldigde , ...
    doc = parse("nl", [
        ("Poetin", "Poetin", "PROPN", "ROOT", -1), (",", ",", "PUNCT", "punct", 5),
        ("die", "die", "PRON", "nsubj", 5), ("Kiev", "Kiev", "PROPN", "obj", 5),
        ("niet", "niet", "ADV", "advmod", 5), ("beschuldigde", "beschuldigen", "VERB",
                                                "acl:relcl", 0),
    ])
    cand = only(doc, "nl")
    assert cand.frame.relation == "ACCUSES" and cand.negated
    assert texts(cand.sources) == ["Poetin"]
    assert texts(cand.target_slots[0]) == ["Kiev"]


def test_dutch_coordinated_targets_are_each_found():
    # Rusland bedreigt Duitsland of Polen .
    doc = parse("nl", [
        ("Rusland", "Rusland", "PROPN", "nsubj", 1), ("bedreigt", "bedreigen", "VERB", "ROOT", -1),
        ("Duitsland", "Duitsland", "PROPN", "obj", 1), ("of", "of", "CCONJ", "cc", 4),
        ("Polen", "Polen", "PROPN", "conj", 2),
    ])
    from kg.extract import ArgumentFinder

    cand = only(doc, "nl")
    finder = ArgumentFinder(load_lexicon("nl"))
    assert texts(t for slot in cand.target_slots for h in slot
                 for t in finder.coordinated(h)) == ["Duitsland", "Polen"]


def test_content_of_a_denial_is_not_asserted_as_an_event():
    # Kyiv denied carrying out an attack on the Kremlin.
    doc = parse("en", [
        ("Kyiv", "Kyiv", "PROPN", "nsubj", 1), ("denied", "deny", "VERB", "ROOT", -1),
        ("carrying", "carry", "VERB", "xcomp", 1), ("out", "out", "ADP", "prt", 2),
        ("an", "an", "DET", "det", 5), ("attack", "attack", "NOUN", "dobj", 2),
        ("on", "on", "ADP", "prep", 5), ("the", "the", "DET", "det", 8),
        ("Kremlin", "Kremlin", "PROPN", "pobj", 6),
    ])
    cand = only(doc, "en")
    assert cand.frame.relation == "DENIES"
    assert cand.topic_slots[0].text.startswith("carrying out an attack")


def test_english_reported_speech_is_attributed_to_the_speaker():
    # Podolyak said Kyiv does n't strike Russia .
    doc = parse("en", [
        ("Podolyak", "Podolyak", "PROPN", "nsubj", 1), ("said", "say", "VERB", "ROOT", -1),
        ("Kyiv", "Kyiv", "PROPN", "nsubj", 5), ("does", "do", "AUX", "aux", 5),
        ("n't", "not", "PART", "neg", 5), ("strike", "strike", "VERB", "ccomp", 1),
        ("Russia", "Russia", "PROPN", "dobj", 5),
    ])
    cand = only(doc, "en")
    assert cand.frame.relation == "ATTACKS" and cand.negated
    assert texts(cand.attribution) == ["Podolyak"]
    assert texts(cand.sources) == ["Kyiv"]


def test_english_nominal_event_needs_an_explicit_actor():
    # its invasion of Ukraine  /  an invasion of Ukraine
    with_owner = parse("en", [
        ("its", "its", "PRON", "poss", 1), ("invasion", "invasion", "NOUN", "ROOT", -1),
        ("of", "of", "ADP", "prep", 1), ("Ukraine", "Ukraine", "PROPN", "pobj", 2),
    ])
    cand = only(with_owner, "en")
    assert cand.frame.relation == "INVADES" and texts(cand.nominal_sources) == ["its"]
    without = parse("en", [
        ("an", "an", "DET", "det", 1), ("invasion", "invasion", "NOUN", "ROOT", -1),
        ("of", "of", "ADP", "prep", 1), ("Ukraine", "Ukraine", "PROPN", "pobj", 2),
    ])
    assert extract_candidates(without[:], load_lexicon("en")) == []


def test_time_words_are_whole_words_or_glued_day_parts():
    nl, en = load_lexicon("nl").grammar, load_lexicon("en").grammar
    assert nl.is_time("dinsdagochtend") and nl.is_time("zondag") and nl.is_time("dagen")
    assert not nl.is_time("Dagestan") and not nl.is_time("weekblad")
    assert en.is_time("Monday") and not en.is_time("mayor")


def test_dutch_irregular_verb_form_tagged_as_noun_is_still_the_predicate():
    # Toen zwoer Kadyrov wraak . -- the tagger called "zwoer" a noun and hung it on "wraak"
    doc = parse("nl", [
        ("Toen", "toen", "ADV", "advmod", 3), ("zwoer", "zwoer", "NOUN", "advmod", 3),
        ("Kadyrov", "Kadyrov", "PROPN", "nsubj", 3), ("wraak", "wraak", "NOUN", "ROOT", -1),
        (".", ".", "PUNCT", "punct", 3),
    ])
    cand = only(doc, "nl")
    assert (cand.verb, cand.frame.relation) == ("zweren", "VOWS")
    assert texts(cand.sources) == ["Kadyrov"]
    assert [s.text for s in cand.topic_slots] == ["wraak"]


def test_dutch_real_noun_with_an_article_is_not_read_as_a_verb_form():
    # Hij viel in de sloot . -- "sloot" is also a form of "sluiten", but it has an article
    from kg.extract import ArgumentFinder

    doc = parse("nl", [
        ("Hij", "hij", "PRON", "nsubj", 1), ("viel", "vallen", "VERB", "ROOT", -1),
        ("in", "in", "ADP", "case", 4), ("de", "de", "DET", "det", 4),
        ("sloot", "sloot", "NOUN", "obl", 1), (".", ".", "PUNCT", "punct", 1),
    ])
    finder = ArgumentFinder(load_lexicon("nl"))
    assert "sloot" in finder.g.verb_forms and not finder.misread_verb(doc[4])
    bare = parse("nl", [("Toen", "toen", "ADV", "advmod", 1),
                        ("sloot", "sloot", "NOUN", "ROOT", -1)])
    assert finder.misread_verb(bare[1])
