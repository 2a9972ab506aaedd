"""Language per document, and pieces whose offsets are offsets in the document."""

from __future__ import annotations

import json

import pytest
from shared_data import EVAL, EXAMPLES, SEED, needs_shared

from kg.clean import clean
from kg.read import read_documents
from kg.segment import RUN_CHARS, detect_language, paragraphs, prepare
from kg.types import Document

# ---------------------------------------------------------------------------- language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kiev ontkende elke betrokkenheid.", "nl"),
        ("Kyiv denied any involvement.", "en"),
        ("Hamas roept op tot een staking.", "nl"),
        ("The RSF denied the accusation.", "en"),
    ],
)
def test_short_sentences_get_their_language(text, lang):
    assert detect_language(text)[0] == lang


def test_example_documents_get_their_language():
    found = {d.id: prepare(d).lang for d in read_documents([EXAMPLES])}
    assert found == {"brief-001": "en", "brief-002": "nl", "brief-003": "nl",
                     "en_eu_sanctions": "en", "en_sudan_fasher": "en",
                     "nl_gaza_bestand": "nl", "nl_rusland_drones": "nl"}


@needs_shared
@pytest.mark.shared
def test_language_accuracy_on_every_gold_sentence():
    rows = [json.loads(line) for path in EVAL for line in path.read_text("utf-8").splitlines()]
    sentences = [(row["text"], row["lang"]) for row in rows]
    with_context = [((row.get("context") or "") + " " + row["text"], row["lang"]) for row in rows]
    for items in (sentences, with_context):
        wrong = [(t, g) for t, g in items if detect_language(t)[0] != g]
        assert len(wrong) <= len(items) // 25, wrong  # at least 96 % right


def test_only_candidate_languages_are_answered():
    assert detect_language("Der Kreml drohte mit Vergeltung.", ["nl", "en"])[0] in {"nl", "en"}
    assert detect_language("Der Kreml drohte mit Vergeltung.", ["de", "en"])[0] == "de"


def test_text_without_letters_gets_the_first_candidate_with_zero_confidence():
    assert detect_language("  12 — 34 \n", ["nl", "en"]) == ("en", 0.0)


def test_language_precedence_option_then_document_then_detection():
    dutch = "De Russische president beschuldigde Kiev van terreur."
    assert prepare(Document(id="a", text=dutch)).lang == "nl"
    assert prepare(Document(id="a", text=dutch, lang="en")).lang == "en"
    assert prepare(Document(id="a", text=dutch, lang="en"), lang="nl").lang == "nl"


# ---------------------------------------------------------------------------- pieces


def test_paragraphs_are_trimmed_spans_cut_at_blank_lines_and_sentence_ends():
    text = ("  Kop zonder punt\n\nEerste zin. Tweede zin.\nDerde zin die\ndoorloopt.\n"
            "   \n\tLaatste zin!  ")
    spans = paragraphs(text)
    assert [text[s:e] for s, e in spans] == [
        "Kop zonder punt", "Eerste zin. Tweede zin.", "Derde zin die\ndoorloopt.", "Laatste zin!"]


def test_a_long_paragraph_is_cut_after_sentences_within_the_bound():
    text = " ".join(f"Zin nummer {i} gaat over Kiev." for i in range(400))
    spans = paragraphs(text, max_chars=1000)
    assert len(spans) > 10
    assert all(e - s <= 1000 for s, e in spans)
    assert all(text[s:e].endswith(".") for s, e in spans)  # cut after a sentence end
    assert " ".join(text[s:e] for s, e in spans) == text


def test_a_paragraph_without_sentence_ends_is_cut_at_spaces():
    text = "woord " * 1000
    spans = paragraphs(text, max_chars=500)
    assert all(0 < e - s <= 500 for s, e in spans)
    assert sum(len(text[s:e].split()) for s, e in spans) == 1000


def test_a_megabyte_line_without_a_sentence_end_is_cut_into_bounded_pieces():
    """Issue 14 G: such a line was parsed as sentences of thousands of tokens (4x the memory
    of the same text in sentences; bench/longline.py measures it).  Real sentences stay
    whole: only a stretch of more than RUN_CHARS without a sentence end is cut."""
    words = "Poetin dreigde Polen en de Baltische staten met raketten "
    line = (words * (1_000_000 // len(words))).strip()
    pieces = prepare(Document(id="x", text=line, lang="nl")).pieces
    assert all(0 < end - start <= RUN_CHARS for start, end, _ in pieces)
    assert [w for _, _, t in pieces for w in t.split()] == line.split()
    assert all(text == line[start:end] for start, end, text in pieces)
    article = " ".join(f"Zin {i} gaat over Kiev, Moskou en de oorlog." for i in range(100))
    assert paragraphs(article) == [(0, len(article))]


def test_example_pieces_cover_all_cleaned_text_at_document_offsets():
    for doc in read_documents([EXAMPLES]):
        prepared = prepare(doc)
        assert prepared.document is doc and prepared.pieces
        for start, end, text in prepared.pieces:
            assert text == doc.text[start:end]  # no boilerplate inside a piece here
            assert text.strip() == text
        words = [w for _, _, t in prepared.pieces for w in t.split()]
        assert words == clean(doc.text).split()


@needs_shared
@pytest.mark.shared
def test_seed_pieces_leave_out_caption_and_cookie_notice():
    [doc] = read_documents([SEED])
    prepared = prepare(doc)
    assert prepared.lang == "nl"
    texts = [t for _, _, t in prepared.pieces]
    assert len(texts) == 5
    assert not any("KIJK" in t or "cookies" in t for t in texts)
    for start, end, text in prepared.pieces:
        assert doc.text[start:end] == text
    start = doc.text.index("Poetin prees toen")
    assert any(s <= start < e for s, e, _ in prepared.pieces)
