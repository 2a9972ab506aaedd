"""Web boilerplate removal that keeps character offsets.

Cookie notices, video captions ("KIJK. ..."), share and newsletter prompts must never yield
sentences, let alone triples.  They are not cut out of the text: they are *blanked* with
spaces (newlines kept), so the cleaned text has the same length as ``Document.text`` and
every offset found in it is an offset in the original document.  The patterns are data,
in ``kg/data/boilerplate.json``, so a new site's chrome is a one-line addition there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.errors import LexiconError

#: key in boilerplate.json whose patterns apply to every language
ANY_LANGUAGE = "*"


@dataclass(frozen=True, slots=True)
class Patterns:
    """Compiled patterns of one language: whole-line matches and in-line spans."""

    lines: tuple[re.Pattern[str], ...]
    spans: tuple[re.Pattern[str], ...]


@cache
def patterns() -> dict[str, Patterns]:
    """All patterns by language, read and compiled once from the packaged data file."""
    raw = json.loads(resources.files("kg.data").joinpath("boilerplate.json").read_text("utf-8"))
    table: dict[str, Patterns] = {}
    for lang, entry in raw.items():
        if lang.startswith("_"):
            continue
        try:
            table[lang] = Patterns(
                lines=tuple(re.compile(p) for p in entry.get("lines", [])),
                spans=tuple(re.compile(p) for p in entry.get("spans", [])),
            )
        except (re.error, AttributeError, TypeError) as exc:
            raise LexiconError(f"kg/data/boilerplate.json, language {lang!r}: {exc}") from exc
    return table


def _selected(langs: Iterable[str] | None) -> list[Patterns]:
    table = patterns()
    if langs is None:
        return list(table.values())
    keys = {ANY_LANGUAGE, *langs}
    return [table[k] for k in keys if k in table]


def boilerplate_spans(text: str, langs: Iterable[str] | None = None) -> list[tuple[int, int]]:
    """Sorted, merged ``(start, end)`` character ranges of ``text`` that are boilerplate.

    ``langs=None`` uses every language's patterns, because pages mix languages in their
    chrome (an English cookie banner on a Dutch site).  Line ranges exclude the newline.
    """
    chosen = _selected(langs)
    found: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip() and any(p.search(line) for pats in chosen for p in pats.lines):
            found.append((start, end))
        start = end + 1
    for pats in chosen:
        for pattern in pats.spans:
            found.extend(m.span() for m in pattern.finditer(text) if m.end() > m.start())
    return _merge(found)


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces (newlines inside a span are kept)."""
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def clean(text: str, langs: Iterable[str] | None = None) -> str:
    """``text`` with boilerplate blanked: same length, same offsets, no boilerplate words."""
    return blank(text, boilerplate_spans(text, langs))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
