"""Real sentences for the benchmarks, and documents built from them at a chosen size.

The sentence pools come only from ``../shared`` (never copied into the repo):

* Dutch: the ``# text =`` lines of ``data/ud-dutch/test.conllu``, the example article in
  ``corpus/`` (date line dropped, boilerplate blanked by ``kg.clean``, cut into sentences)
  and the ``text``/``context`` fields of ``eval/dev_nl.jsonl`` and ``eval/seed_gold.jsonl``;
* English: the ``text``/``context`` fields of ``eval/dev_en.jsonl`` (a small pool, so it is
  repeated many times).

Documents are 1-3 sentences drawn with a fixed seed, so every run sees the same text.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.clean import clean

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
LANGS = ("nl", "en")

_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"‘'])")
_DATES = [f"{y}-{m:02d}-{d:02d}" for y in (2022, 2023, 2024) for m in range(1, 13)
          for d in (1, 8, 15, 22)]


@dataclass(frozen=True, slots=True)
class Pool:
    """The distinct sentences of one language and where they came from."""

    lang: str
    sentences: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def words(self) -> int:
        return sum(count_words(s) for s in self.sentences)


def kg_command() -> list[str]:
    """argv prefix that runs the ``kg`` CLI of this checkout (installed or not)."""
    return [sys.executable, "-c", "from cli.main import app; app(prog_name='kg')"]


def kg_env() -> dict[str, str]:
    """Environment for a ``kg`` subprocess: this checkout first on the import path."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path}


def count_words(text: str) -> int:
    """Whitespace-separated words: the same measure for raw parsing and kg end to end."""
    return len(text.split())


def require_shared() -> None:
    if not SHARED.is_dir():
        raise SystemExit(f"the benchmarks read real text from {SHARED}, which is absent")


def _conllu_texts(path: Path) -> list[str]:
    prefix = "# text = "
    with path.open(encoding="utf-8") as fh:
        return [line[len(prefix):].strip() for line in fh if line.startswith(prefix)]


def _article_sentences(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].startswith("date "):
        lines = lines[1:]
    text = clean("\n".join(lines))
    return [s.strip() for para in text.split("\n") if para.strip()
            for s in _SENTENCE_END.split(para.strip()) if s.strip()]


def _gold_texts(path: Path) -> list[str]:
    out: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                item = json.loads(line)
                out += [item[k].strip() for k in ("context", "text") if item.get(k)]
    return out


@cache
def pool(lang: str) -> Pool:
    """Distinct real sentences of ``lang`` (first occurrence order)."""
    require_shared()
    if lang == "nl":
        parts = {
            "data/ud-dutch/test.conllu": _conllu_texts(SHARED / "data/ud-dutch/test.conllu"),
            "corpus/000_dbff4a963a0d4a54.txt": _article_sentences(
                SHARED / "corpus/000_dbff4a963a0d4a54.txt"),
            "eval/dev_nl.jsonl": _gold_texts(SHARED / "eval/dev_nl.jsonl"),
            "eval/seed_gold.jsonl": _gold_texts(SHARED / "eval/seed_gold.jsonl"),
        }
    elif lang == "en":
        parts = {"eval/dev_en.jsonl": _gold_texts(SHARED / "eval/dev_en.jsonl")}
    else:
        raise ValueError(f"no sentence pool for {lang!r}")
    seen: dict[str, None] = {}
    for sentences in parts.values():
        for s in sentences:
            seen.setdefault(s)
    return Pool(lang, tuple(seen), tuple(parts))


def documents(lang: str, *, n_docs: int | None = None, n_words: int | None = None,
              seed: int = 7, sizes: tuple[int, ...] = (1, 2, 2, 3),
              max_words: int | None = None) -> list[dict[str, str]]:
    """JSONL-ready documents of 1-3 sentences, until ``n_docs`` or ``n_words`` is reached.

    ``sizes``: the sentence counts a document is drawn from (``(1,)``: one sentence each);
    ``max_words``: only the pool's sentences of at most that many words.

    The pool is shuffled and cycled (reshuffled on every pass), so a small pool repeats
    but neighbouring documents differ.  No ``lang`` field: kg detects the language, as it
    would for a feed without metadata.
    """
    if (n_docs is None) == (n_words is None):
        raise ValueError("give exactly one of n_docs, n_words")
    rng = random.Random(seed)
    sentences = [s for s in pool(lang).sentences
                 if max_words is None or count_words(s) <= max_words]
    order: list[str] = []
    out: list[dict[str, str]] = []
    words = 0
    while (n_docs is not None and len(out) < n_docs) or (n_words is not None and words < n_words):
        k = rng.choice(sizes)
        while len(order) < k:
            rng.shuffle(sentences)
            order += sentences
        text, order = " ".join(order[:k]), order[k:]
        words += count_words(text)
        out.append({"id": f"{lang}-{len(out):07d}", "date": rng.choice(_DATES), "text": text})
    return out


def write_jsonl(docs: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def mixed_documents(n_docs: int, *, nl_share: float = 0.7, seed: int = 7,
                    sizes: tuple[int, ...] = (1, 2, 2, 3),
                    max_words: dict[str, int] | None = None) -> list[dict[str, str]]:
    """Dutch and English documents interleaved (``nl_share`` Dutch), ids unique."""
    n_nl = round(n_docs * nl_share)
    limit = max_words or {}
    docs = (documents("nl", n_docs=n_nl, seed=seed, sizes=sizes, max_words=limit.get("nl"))
            + documents("en", n_docs=n_docs - n_nl, seed=seed, sizes=sizes,
                        max_words=limit.get("en")))
    random.Random(seed).shuffle(docs)
    return docs
