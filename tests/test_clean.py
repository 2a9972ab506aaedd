"""Boilerplate is blanked, not cut: offsets into the original text stay valid."""

from __future__ import annotations

import json

import pytest
from shared_data import EVAL, EXAMPLES, SEED, needs_shared

from kg.clean import blank, boilerplate_spans, clean, patterns
from kg.read import read_documents


def assert_only_blanked(original: str, cleaned: str) -> None:
    """Same length, and every character is either unchanged or a space (newlines kept)."""
    assert len(cleaned) == len(original)
    assert all(c == o or (c == " " and o != "\n") for c, o in zip(cleaned, original, strict=True))


@needs_shared
@pytest.mark.shared
def test_seed_cookie_notice_and_video_caption_are_blanked_offsets_kept():
    [doc] = read_documents([SEED])
    cleaned = clean(doc.text)
    assert_only_blanked(doc.text, cleaned)
    for gone in ("Je kan deze inhoud niet bekijken", "Aanvaard cookies", "KIJK.",
                 "Begin deze maand sloegen ook al twee drones in aan het Kremlin"):
        assert gone in doc.text and gone not in cleaned
    for kept in ("Poetin prees toen het werk van de luchtverdediging",
                 "Opnieuw dreigde hij met Russische aanvallen tegen West-Europa"):
        assert cleaned.find(kept) == doc.text.find(kept) > 0
    caption = doc.text.index("KIJK.")
    line_end = doc.text.index("\n", caption)
    assert cleaned[caption:line_end].strip() == ""  # the whole caption line


@needs_shared
@pytest.mark.shared
def test_no_gold_sentence_is_mistaken_for_boilerplate():
    """Precision guard: the patterns must not blank any sentence that carries a triple;
    the gold's one boilerplate item (no triples, the seed's cookie notice) is blanked."""
    rows = [json.loads(line) for path in EVAL for line in path.read_text("utf-8").splitlines()]
    assert len(rows) >= 40
    empty = [row for row in rows if not row["triples"] and not row["optional"]]
    for row in rows:
        if row not in empty:
            for text in filter(None, (row.get("context"), row["text"])):
                assert boilerplate_spans(text) == [], text
    assert [r["id"] for r in empty if boilerplate_spans(r["text"])] == ["seed-15"]


def test_each_example_has_its_boilerplate_blanked_and_its_news_kept():
    docs = {d.id: d for d in read_documents([EXAMPLES])}
    expected = {
        "nl_rusland_drones": ["KIJK. Beelden tonen", "Je kan deze inhoud niet bekijken."],
        "en_eu_sanctions": ["WATCH: Zelensky addresses", "Advertisement"],
        "nl_gaza_bestand": ["Lees ook: Wat staat er", "Volg ons op Facebook"],
        "en_sudan_fasher": ["Sign up for our newsletter", "Share this article"],
        "brief-001": ["Read more: What the G7"],
    }
    for doc_id, removed in expected.items():
        text = docs[doc_id].text
        spans = boilerplate_spans(text)
        assert sorted(text[s:e].split()[0] for s, e in spans) == sorted(
            r.split()[0] for r in removed), doc_id
        assert_only_blanked(text, clean(text))
    for doc in docs.values():  # every real sentence survives
        cleaned = clean(doc.text)
        for line in doc.text.splitlines():
            if line and not boilerplate_spans(line):
                assert line in cleaned


@pytest.mark.parametrize(
    "sentence",
    [
        "Kijk. Dat zei Poetin niet.",  # a caption is upper case
        "De Russische president kijkt toe hoe Kadyrov dreigt.",
        "Users must accept cookies under the new law, the EU said.",
        "Moscow said it would watch the talks closely.",
        "Ook interessant is dat Prigozjin niet schuimbekte tegen Kiev.",
        "Foto's van de aanval tonen dat het Kremlin werd geraakt.",
    ],
)
def test_news_sentences_that_look_like_boilerplate_are_kept(sentence):
    assert clean(sentence) == sentence


@pytest.mark.parametrize(
    ("text", "langs", "blanked"),
    [
        ("KIJK. Drones boven Moskou\nPoetin dreigde.", ["nl"], True),
        ("KIJK. Drones boven Moskou\nPoetin dreigde.", ["en"], False),
        ("WATCH: drones over Moscow\nPutin threatened.", None, True),
        ("© 2024 Voorbeeldkrant\nPutin threatened.", ["en"], True),  # '*' applies everywhere
    ],
)
def test_patterns_are_chosen_by_language(text, langs, blanked):
    first_line = text.split("\n")[0]
    result = clean(text, langs)
    assert (result.split("\n")[0].strip() == "") is blanked
    assert result.endswith(text.split("\n")[1])
    assert len(result) == len(text) and first_line


def test_inline_span_is_blanked_and_the_rest_of_the_line_kept():
    text = "Zelensky prees de steun (advertentie) van Polen."
    cleaned = clean(text)
    assert cleaned == "Zelensky prees de steun " + " " * len("(advertentie)") + " van Polen."


def test_blank_keeps_newlines_inside_a_span():
    assert blank("ab\ncd\nef", [(1, 5)]) == "a \n  \nef"


def test_every_language_in_the_data_file_compiles():
    table = patterns()
    assert {"*", "nl", "en"} <= set(table)
    assert all(table[lang].lines for lang in ("nl", "en"))


def test_datelines_of_two_cities_or_with_a_colon_are_blanked():
    from kg.clean import clean

    for text, rest in [("ISLAMABAD/NEW DELHI -- Pakistan and India agreed.", "Pakistan"),
                       ("KYIV: Ukraine's air force said so.", "Ukraine's")]:
        cleaned = clean(text)
        assert len(cleaned) == len(text) and cleaned.strip().startswith(rest)
    assert clean("Russia attacked Kyiv: the city burned.").startswith("Russia")
