"""The document fields users state in several places (date line, JSONL, HTML meta, sidecar
index, file names): one normalisation each, so a value means the same wherever it came from.

The date and language functions return the value kg uses and, when the input was not
usable, the warning to report; nothing here raises on bad input (bad metadata must not cost
the text).
"""

from __future__ import annotations

import os
import re
from datetime import date as _date

_DATE_VALUE = re.compile(r"\A(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ].*)?\Z")
_LANG_CODE = re.compile(r"\A[a-z]{2,3}\Z")
_NOT_KEY = re.compile(r"[^a-z0-9_]+")
#: longest piece of a bad value quoted back in a warning
_QUOTE_CHARS = 40


def quote(value: object) -> str:
    """A user's value in a message: repr, cut short (a junk field can be megabytes)."""
    text = repr(value)
    return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"


def norm_date(value: object) -> tuple[str | None, str | None]:
    """``YYYY-MM`` or ``YYYY-MM-DD`` (a timestamp is cut to its date), and a warning if the
    value was given but is not a date."""
    if value is None or value == "":
        return None, None
    match = _DATE_VALUE.match(value.strip()) if isinstance(value, str) else None
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            if day is None:
                _date(year, month, 1)  # type: ignore[arg-type]
                return f"{year:04d}-{month:02d}", None
            return _date(year, month, day).isoformat(), None  # type: ignore[arg-type]
        except ValueError:
            pass
    return None, f"date {quote(value)} is not YYYY-MM or YYYY-MM-DD; ignored"


def norm_lang(value: str | None) -> str | None:
    """``NL``, ``nl-BE``, ``nl_NL`` -> ``nl``: kg's pipelines are per language, not region."""
    if not value:
        return None
    return re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0] or None


def document_lang(value: object) -> tuple[str | None, str | None]:
    """A language a document states about itself, if kg can parse it; else None (the
    language is then detected) and a warning.  A code without a pipeline (``de``) or junk
    must not cost the document: detection still finds nl or en text."""
    if value is None or value == "":
        return None, None
    lang = norm_lang(value) if isinstance(value, str) else None
    if lang is None or not _LANG_CODE.match(lang):
        return None, f"lang {quote(value)} is not a language code; language detected instead"
    from kg import nlp  # late: spaCy is imported only when a document names its language
    from kg.errors import ModelError

    try:
        nlp.model_name(lang)
    except ModelError:
        known = ", ".join(nlp.supported_languages())
        return None, f"no pipeline for lang {lang!r} (kg has {known}); language detected instead"
    return lang, None


def meta_key(name: str) -> str:
    """A metadata column or field name as a property name (``Published At`` ->
    ``published_at``): safe as a Neo4j property, a CSV header and a JSON key."""
    return _NOT_KEY.sub("_", name.strip().lower()).strip("_")


def display_path(path: os.PathLike | str) -> str:
    """A path as valid text for ids, reports and JSON: a file name that is not UTF-8 (bytes
    Python keeps as surrogates) shows its odd bytes as ``\\xe9`` instead of failing later."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
