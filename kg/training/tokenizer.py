"""Dutch news tokenizer: spaCy's Dutch rules, adjusted to the Alpino/UD Dutch tokenization.

The adjustments are stored inside the trained pipeline (the tokenizer's regexes and special
cases are serialized with it), so loading the pipeline needs none of this code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.lang.char_classes import ALPHA
from spacy.language import Language
from spacy.util import compile_infix_regex

SPECIAL_CASES = Path(__file__).parent / "nl_tokenizer_exceptions.json"

#: the infix that splits a quote between letters; Dutch news writes the possessive and plural
#: with a typographic apostrophe (``Zelensky’s``, ``auto’s``), which UD Dutch keeps in one token
_QUOTE_INFIX = re.compile(r"\(\?<=\[.*\]\)\(\[.*’.*\]\)\(\?=\[.*\]\)")


def customize(nlp: Language) -> Language:
    """Keep ``Zelensky’s``/``auto’s`` and ``’s-Hertogenbosch`` whole, split typographic quotes."""
    tokenizer = nlp.tokenizer
    infixes = [p for p in nlp.Defaults.infixes if not _QUOTE_INFIX.fullmatch(p)]
    # straight and typographic apostrophes between letters stay in the word; other quotes split
    infixes.append(rf"(?<=[{ALPHA}])([\"“”‘„\)\]\(\[])(?=[{ALPHA}])")
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for text in json.loads(SPECIAL_CASES.read_text(encoding="utf-8"))["whole_tokens"]:
        tokenizer.add_special_case(text, [{"ORTH": text}])
    return split_sentence_final_words(nlp)


def split_sentence_final_words(nlp: Language) -> Language:
    """Drop spaCy's Dutch abbreviations that are everyday words (``dat.``, ``best.``).

    As special cases they swallow the full stop of a sentence ending in the word ("doet nu ook
    Von der Leyen dat."), and the parser then sees no sentence end and a strange token.
    """
    words = json.loads(SPECIAL_CASES.read_text(encoding="utf-8"))["words_not_abbreviations"]
    drop = {form for w in words for form in (w, w.capitalize())}
    nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items() if k not in drop}
    return nlp


@spacy.registry.callbacks("kg.nl_news_tokenizer.v1")
def make_customizer() -> Callable[[Language], Language]:
    """``[initialize.before_init]`` hook so training aligns against the same tokenization."""
    return customize
