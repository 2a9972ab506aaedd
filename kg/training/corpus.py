"""CoNLL-U treebanks -> spaCy ``.spacy`` corpora, with the data choices of the recipe.

Sentences are grouped into documents of ``SENTS_PER_DOC`` consecutive sentences so the parser
also learns sentence boundaries.  Missing XPOS (column ``_``, legacy wiki files) stays missing
instead of being filled with UPOS, so the tagger does not learn a wrong tag.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

SENTS_PER_DOC = 10

#: alpino-ud files that are not running text: question sets and grammar test suites
NON_NEWS = (
    "qa", "qtleap1q", "qtleap1a", "g_suite", "h_suite", "i_suite", "j_suite",
    "leuven_yellow_pages", "cgn_exs",
)


@dataclass
class Sentence:
    """One CoNLL-U sentence: its comment lines and 10-column token rows."""

    comments: list[str]
    rows: list[list[str]]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(r[1] for r in self.rows)

    def comment(self, key: str) -> str:
        prefix = f"# {key} = "
        return next((c[len(prefix):] for c in self.comments if c.startswith(prefix)), "")


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Sentences of a CoNLL-U file; multiword-token and empty-node rows are skipped."""
    comments: list[str] = []
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield Sentence(comments, rows)
                comments, rows = [], []
            elif line.startswith("#"):
                comments.append(line)
            else:
                cols = line.split("\t")
                if cols[0].isdigit():
                    rows.append(cols)
    if rows:
        yield Sentence(comments, rows)


#: features alud 2.17 writes that the UD Dutch releases (dev/test) do not: Mood on verbs,
#: PronType on determiners.  Dropped, so one word does not get two competing analyses.
DROP_FEATS: dict[str, tuple[str, ...]] = {"Mood": (), "PronType": ("DET",)}


def _feats(upos: str, feats: str) -> str:
    if feats == "_":
        return ""
    kept = [f for f in feats.split("|")
            if not ((uposes := DROP_FEATS.get(f.split("=", 1)[0])) is not None
                    and (not uposes or upos in uposes))]
    return "|".join(kept)


def _missing_morphosyntax(row: list[str]) -> bool:
    """paco-test/paco-realtest carry trees only: UPOS X, empty lemma, no XPOS."""
    return row[2] == "" and row[3] == "X" and row[4] == "_"


def sentence_to_doc(nlp: Language, sent: Sentence) -> Doc:
    """A gold ``Doc`` for one sentence (UPOS, XPOS, morphology, lemma, heads, deprels).

    Missing annotation stays empty (spaCy then leaves it out of the loss): XPOS ``_`` in the
    legacy wiki files, and POS/lemma/features of the tree-only paco files.
    """
    rows = sent.rows
    missing = [_missing_morphosyntax(r) for r in rows]
    doc = Doc(
        nlp.vocab,
        words=[r[1] for r in rows],
        spaces=["SpaceAfter=No" not in r[9].split("|") for r in rows],
        pos=["" if m else r[3] for r, m in zip(rows, missing, strict=True)],
        morphs=["" if m else _feats(r[3], r[5]) for r, m in zip(rows, missing, strict=True)],
        lemmas=["" if m else r[2] for r, m in zip(rows, missing, strict=True)],
        heads=[int(r[6]) - 1 if r[6] != "0" else i for i, r in enumerate(rows)],
        deps=["ROOT" if r[6] == "0" else r[7] for r in rows],
    )
    for token, row in zip(doc, rows, strict=True):
        if row[4] != "_":
            token.tag_ = row[4]
    return doc


def to_docs(nlp: Language, sents: Iterable[Sentence],
            per_doc: int = SENTS_PER_DOC) -> Iterator[Doc]:
    """Documents of ``per_doc`` consecutive sentences."""
    batch: list[Doc] = []
    for sent in sents:
        batch.append(sentence_to_doc(nlp, sent))
        if len(batch) == per_doc:
            yield Doc.from_docs(batch)
            batch = []
    if batch:
        yield Doc.from_docs(batch)


@dataclass
class DataChoice:
    """Which training parts to use; the recipe compares these on dev.conllu."""

    legacy: str = "none"  # "none" | "2018" (UD 2.1-era part, has XPOS) | "all"
    non_news: bool = True  # alpino-ud question sets and grammar suites
    exclude: tuple[str, ...] = field(default=())

    def tag(self) -> str:
        return f"legacy-{self.legacy}_{'all' if self.non_news else 'nonews'}"


def training_sentences(data: Path, choice: DataChoice) -> tuple[list[Sentence], dict[str, int]]:
    """The combined training set and per-part sentence counts (test.conllu is never read)."""
    counts: dict[str, int] = {}
    alpino: list[Sentence] = []
    for path in sorted((data / "alpino-ud").glob("*.conllu")):
        part = path.stem
        if part in choice.exclude or (not choice.non_news and part in NON_NEWS):
            continue
        sents = list(read_conllu(path))
        counts[f"alpino-ud/{part}"] = len(sents)
        alpino.extend(sents)
    # the older (2017) annotation of cdb sentences: alpino-ud/cdb has the current conversion
    newer = {s.words for s in alpino}
    current = [s for s in read_conllu(data / "ud-dutch" / "train_current.conllu")]
    kept = [s for s in current if s.words not in newer]
    counts["ud-dutch/train_current"] = len(kept)
    counts["ud-dutch/train_current dropped (older cdb copies)"] = len(current) - len(kept)
    legacy: list[Sentence] = []
    if choice.legacy != "none":
        for s in read_conllu(data / "ud-dutch" / "train_legacy_wiki.conllu"):
            if choice.legacy == "all" or "2018-01" in s.comment("annotation_version"):
                legacy.append(s)
        counts["ud-dutch/train_legacy_wiki"] = len(legacy)
    return kept + alpino + legacy, counts


def write_corpora(nlp: Language, data: Path, out: Path, choice: DataChoice) -> dict[str, int]:
    """Write ``train.spacy`` and ``dev.spacy`` for ``choice`` into ``out``; returns counts."""
    out.mkdir(parents=True, exist_ok=True)
    train, counts = training_sentences(data, choice)
    DocBin(docs=to_docs(nlp, train), store_user_data=False).to_disk(out / "train.spacy")
    dev = list(read_conllu(data / "ud-dutch" / "dev.conllu"))
    DocBin(docs=to_docs(nlp, dev)).to_disk(out / "dev.spacy")
    counts["train sentences"] = len(train)
    counts["train tokens"] = sum(len(s.rows) for s in train)
    counts["dev sentences"] = len(dev)
    return counts
