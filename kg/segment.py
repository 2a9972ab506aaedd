"""Segment stage: language per document, and the bounded pieces of text to parse.

Sentence splitting itself is the parser's job (the extractor walks ``doc.sents``).  This
stage decides which pipeline a document goes to and cuts the cleaned text into pieces that
``nlp.pipe`` can take in batches: paragraphs, and lines that end a sentence, never longer
than ``max_chars``.  Each piece keeps its character offset, so an offset inside a piece plus
the piece's start is an offset in ``Document.text``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from langid.langid import LanguageIdentifier, model

from kg.clean import clean
from kg.nlp import supported_languages
from kg.types import Document, PreparedDocument

#: longest piece handed to the parser (characters); paragraphs are nearly always shorter
PIECE_CHARS = 10_000
#: longest stretch without a sentence end handed to the parser as one piece: a multi-megabyte
#: line without punctuation would otherwise be parsed as sentences of thousands of tokens,
#: which costs several times the memory of the same text in real sentences (bench/longline.py)
RUN_CHARS = 1_000
#: language identification looks at this much cleaned text; more does not change the answer
LANGID_SAMPLE_CHARS = 5_000

#: a line ending like this ends a sentence, so a single newline after it is a safe cut
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*$")
#: a run of non-space characters, for the language sample
_WORD = re.compile(r"\S+")
#: a sentence end followed by white space, inside an over-long paragraph
_SENTENCE_GAP = re.compile(r"[.!?…][\"'”’»)\]]*\s+")


@cache
def _identifier(candidates: tuple[str, ...]) -> LanguageIdentifier | None:
    """langid's offline model restricted to ``candidates`` (own instance: no global state)."""
    ident = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    known = [lang for lang in candidates if lang in ident.nb_classes]
    if not known:
        return None
    ident.set_languages(known)
    return ident


def detect_language(text: str, candidates: Sequence[str] | None = None) -> tuple[str, float]:
    """The most likely language of ``text`` among ``candidates`` and its probability.

    ``candidates`` defaults to the languages kg has pipelines for: choosing among those only
    is both more accurate and the only useful answer (a text we cannot parse is no use).
    Text without letters gets the first candidate with probability 0.
    """
    langs = tuple(sorted(candidates if candidates is not None else supported_languages()))
    if not langs:
        raise ValueError("no candidate languages")
    sample = _sample(text, LANGID_SAMPLE_CHARS)
    ident = _identifier(langs)
    if ident is None or not any(c.isalpha() for c in sample):
        return langs[0], 0.0
    lang, prob = ident.classify(sample)
    return lang, float(prob)


def _sample(text: str, size: int) -> str:
    """About ``size`` characters of words from the start of ``text``, white space collapsed:
    blanked boilerplate or a long blank stretch must not leave the sample without words."""
    words: list[str] = []
    length = 0
    for match in _WORD.finditer(text):
        words.append(match.group())
        length += len(match.group()) + 1
        if length >= size:
            break
    return " ".join(words)


def paragraphs(text: str, max_chars: int = PIECE_CHARS,
               max_run: int = RUN_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the non-blank pieces of ``text``, trimmed of white space.

    Cuts at blank (or whitespace-only, e.g. blanked boilerplate) lines, and at single
    newlines after a sentence end.  A single newline elsewhere may be a wrapped line in
    mid-sentence, so it is kept unless the piece would exceed ``max_chars``.  A stretch of
    more than ``max_run`` characters without a sentence end is cut at white space.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    last_end = 0
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            if start is None:
                start = pos + len(line) - len(line.lstrip())
            last_end = pos + len(line.rstrip())
            if _ENDS_SENTENCE.search(stripped):
                spans.append((start, last_end))
                start = None
        elif start is not None:
            spans.append((start, last_end))
            start = None
        pos += len(line) + 1
    if start is not None:
        spans.append((start, last_end))
    return [piece for s, e in spans for rs, re_ in _runs(text, s, e, max_run)
            for piece in _bounded(text, rs, re_, max_chars)]


def _runs(text: str, start: int, end: int, max_run: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut so that no part holds more than ``max_run`` characters
    without a sentence end: each over-long stretch is cut at its last white space before
    the limit (hard at the limit when there is none).  Text with sentence ends is one part."""
    out: list[tuple[int, int]] = []
    run = piece = start
    ends = [m.end() for m in _SENTENCE_GAP.finditer(text, start, end)] + [end]
    for stop in ends:
        while stop - run > max_run:
            space = text.rfind(" ", run + max_run // 2, run + max_run)
            cut = space + 1 if space != -1 else run + max_run
            out.append((piece, cut))
            run = piece = cut
        run = stop
    out.append((piece, end))
    return [(s, e) for s, e in (_trim(text, s, e) for s, e in out) if e > s]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _bounded(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into spans of at most ``max_chars``: after the last sentence
    end in the second half of the window, else at the last white space, else hard."""
    out: list[tuple[int, int]] = []
    while end - start > max_chars:
        window = text[start : start + max_chars]
        cut = 0
        for match in _SENTENCE_GAP.finditer(window, max_chars // 2):
            cut = match.end()
        if not cut:
            space = max(window.rfind(" ", max_chars // 2), window.rfind("\n", max_chars // 2))
            cut = space + 1 if space > 0 else max_chars
        piece_end = start + len(window[:cut].rstrip())
        out.append((start, piece_end))
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out


def prepare(doc: Document, *, lang: str | None = None) -> PreparedDocument:
    """Clean ``doc``, settle its language, and cut it into pieces to parse.

    Language: ``lang`` (the user's ``--lang``) wins, then ``doc.lang`` (set by the reader
    from JSONL or ``--lang``), then detection on the cleaned text.
    """
    cleaned = clean(doc.text)
    language = lang or doc.lang or detect_language(cleaned)[0]
    pieces = [(s, e, cleaned[s:e]) for s, e in paragraphs(cleaned)]
    return PreparedDocument(document=doc, lang=language, pieces=pieces)
