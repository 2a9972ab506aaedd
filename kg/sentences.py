"""Rule-based sentence spans of a raw text, for the evaluation corpus.

The annotation of ``eval/news/`` points into the shared news texts by character offsets, so
its sentence units must not move when a parser is retrained.  These spans come from fixed
rules (lines, then sentence-final punctuation before a capital, with abbreviations kept
whole); ``kg eval`` maps each predicted triple to the gold sentence its own sentence
overlaps most, so the parser's segmentation may differ from these units.
"""

from __future__ import annotations

import re

from kg.read import date_line

#: a sentence end: punctuation, closing quotes or brackets, then white space
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9À-ÖØ-Þ])")
#: words that end in a full stop without ending a sentence (lower-cased, without the stop)
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "sgt", "capt", "adm", "rep",
    "sen", "gov", "st", "jr", "sr", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.n", "u.k", "e.u", "dhr", "mevr", "mw", "drs", "ir", "ing", "mgr", "o.a", "bijv", "ca",
    "jl", "nl", "blz", "nr", "vgl", "m.a.w", "d.w.z", "i.p.v", "t.o.v", "a.s", "e.d",
    "z.g.a.n", "min", "mln", "mld",
})


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text`` after its date line, trimmed."""
    spans: list[tuple[int, int]] = []
    offset = date_line(text)[1]
    for line in re.finditer(r"[^\n]+", text[offset:]):
        start = offset + line.start()
        body = line.group()
        cut = 0
        for end in _END.finditer(body):
            before = body[cut:end.start()].split()
            word = before[-1].lower().rstrip(".") if before else ""
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            spans.append((start + cut, start + end.end()))
            cut = end.end()
        spans.append((start + cut, start + len(body)))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s is not None]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    piece = text[start:end]
    if not piece.strip():
        return None
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    return start, end
