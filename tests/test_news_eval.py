"""The news evaluation corpus: sentence units, scoring by overlap, and the annotations."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest

from kg.news_eval import DEFAULT_ANNOTATIONS, assign, evaluate_news, read_units
from kg.read import date_line
from kg.sentences import sentence_spans
from kg.types import Entity, Triple
from kg.vocab import relations
from tests.shared_data import SHARED

NEWS = SHARED / "corpus" / "news"
needs_news = pytest.mark.skipif(not NEWS.is_dir(),
                                reason="../shared/corpus/news (the news texts) is absent")
TAGS = {"pronoun", "role", "passive", "negation", "attribution", "coordination",
        "separable_verb", "subclause", "nominal", "light_verb", "generic_actor",
        "unknown_actor"}


def test_sentence_spans_skip_the_date_line_and_keep_abbreviations_whole():
    text = "date 2024-03\nDr. Smith met Mr. Jones in the U.S. on Monday. Talks failed!\nCaption"
    assert date_line(text) == ("2024-03", 13)
    got = [text[a:b] for a, b in sentence_spans(text)]
    assert got == ["Dr. Smith met Mr. Jones in the U.S. on Monday.", "Talks failed!", "Caption"]


def test_sentence_spans_end_after_closing_quotes():
    text = 'Hij zei: "We vallen aan." De regering zweeg.'
    assert [text[a:b] for a, b in sentence_spans(text)] == ['Hij zei: "We vallen aan."',
                                                             "De regering zweeg."]


def _triple(start: int, end: int) -> Triple:
    e = Entity(name="X", text="X", type="COUNTRY", id="x")
    return Triple(doc_id="d", date=None, lang="en", sentence="", sentence_index=0,
                  char_start=start, char_end=end, source=e, relation="ATTACKS", plover="ASSAULT",
                  cameo="190", target=e)


def test_a_triple_goes_to_the_unit_its_sentence_overlaps_most(tmp_path):
    ann = tmp_path / "en.jsonl"
    rows = [{"file": "en/001.txt", "split": "tune", "char_start": a, "char_end": b,
             "triples": [], "optional": [], "difficulty": []} for a, b in ((0, 10), (11, 30))]
    ann.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    units = read_units([ann])
    # a parser sentence spanning 5..25 in the document, shifted by a 13-char date line
    found = assign([_triple(0, 6), _triple(5, 25)], units, shift=0)
    assert [len(found[0]), len(found[1])] == [1, 1]


def test_evaluate_news_runs_each_excerpt_as_one_document(tmp_path):
    root = tmp_path / "news"
    (root / "en").mkdir(parents=True)
    text = "date 2024-03\nPresident Putin met Erdogan. Later he threatened Poland."
    (root / "en" / "001.txt").write_text(text, encoding="utf-8")
    (root / "en" / "INDEX.tsv").write_text("file\turl\toutlet\tdate\tsplit\ttopic\n"
                                           "001.txt\thttp://x\tX\t2024-03\ttest\tt\n")
    rows = []
    for a, b in sentence_spans(text):
        gold = []
        if text[a:b].startswith("Later"):
            gold = [{"source": "Vladimir Putin", "relation": "THREATENS", "target": "Poland",
                     "negated": False, "attributed_to": None}]
        rows.append({"file": "en/001.txt", "split": "test", "char_start": a, "char_end": b,
                     "triples": gold, "optional": [], "difficulty": ["pronoun"] if gold else []})
    ann = tmp_path / "en.jsonl"
    ann.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    reports = evaluate_news(root, [ann])
    assert list(reports) == ["en/test"]
    rep = reports["en/test"]
    assert rep.strict.tp == 1  # "he" resolves to Putin across the sentence break
    assert rep.per_tag["pronoun"].recall == 1.0
    assert evaluate_news(root, [ann], splits=("tune",)) == {}


# --- the committed annotations ------------------------------------------------------------

def _rows(lang: str) -> list[dict]:
    path = DEFAULT_ANNOTATIONS / f"{lang}.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _index(lang: str) -> dict[str, str]:
    with (NEWS / lang / "INDEX.tsv").open(encoding="utf-8") as fh:
        return {r["file"]: r["split"] for r in csv.DictReader(fh, delimiter="\t")}


@needs_news
@pytest.mark.parametrize("lang,minimum", [("nl", 45), ("en", 35)])
def test_annotations_cover_every_sentence_of_enough_excerpts(lang, minimum):
    rows = _rows(lang)
    by_file: dict[str, list[tuple[int, int]]] = {}
    for row in rows:
        assert "text" not in row and "sentence" not in row  # offsets only, never the text
        by_file.setdefault(row["file"], []).append((row["char_start"], row["char_end"]))
    assert len(by_file) >= minimum
    index = _index(lang)
    for name, spans in by_file.items():
        text = (NEWS / name).read_text("utf-8")
        assert sorted(spans) == sentence_spans(text), f"{name}: units are not its sentences"
    splits = Counter(index[name.split("/")[1]] for name in by_file)
    share = splits["test"] / len(by_file)
    assert 0.3 <= share <= 0.5, f"{lang}: test share {share:.2f} is off the INDEX proportion"
    for row in rows:
        assert row["split"] == index[row["file"].split("/")[1]]


@needs_news
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_annotations_use_the_vocabulary_and_cover_every_plover_class(lang):
    vocab = relations()
    classes: Counter[str] = Counter()
    for row in _rows(lang):
        assert set(row["difficulty"]) <= TAGS, row["difficulty"]
        for t in row["triples"] + row["optional"]:
            assert t["relation"] in vocab, t
            assert t["source"] and t["target"] and isinstance(t["negated"], bool)
            assert not t["source"].startswith("["), f"a concept cannot act: {t}"
        for t in row["triples"] + row["optional"]:
            classes[vocab[t["relation"]].plover or t["relation"]] += 1
    plover = {r.plover for r in vocab.values() if r.plover}
    thin = {c: classes[c] for c in plover if classes[c] < 5}
    assert not thin, f"{lang}: PLOVER classes annotated fewer than 5 times: {thin}"

