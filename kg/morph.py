"""Guess Dutch infinitives from inflected verb forms, for lexicon look-up only.

A trained lemmatizer misses unseen verbs ("bombardeerde" -> "bombardeeren"), so the
extractor also tries the infinitives a regular Dutch verb form can come from.  The guesses
are only ever compared with lexicon keys, so a wrong guess costs nothing; irregular verbs
list their forms in the lexicon (``"forms"``).
"""

from __future__ import annotations

from functools import lru_cache

_ENDINGS = ("den", "ten", "de", "te", "en", "d", "t")
_LONG = ("aa", "ee", "oo", "uu")
_VOICE = {"f": "v", "s": "z"}
_DIAERESIS = str.maketrans("ëïü", "eiu")  # ge-ëist, ge-ïnformeerd: the mark only splits ge-


def _stems(form: str) -> set[str]:
    stems = {form}
    participle = form[2:3].translate(_DIAERESIS) + form[3:] if form.startswith("ge") else None
    for base in (form, participle):
        if not base:
            continue
        stems.add(base)
        for end in _ENDINGS:
            if base.endswith(end) and len(base) > len(end) + 2:
                stems.add(base[: -len(end)])
    return stems


@lru_cache(maxsize=50_000)
def infinitives(form: str) -> tuple[str, ...]:
    """Possible infinitives of a Dutch verb form: doodde -> doden, bombardeerde -> bombarderen."""
    form = form.lower()
    out: list[str] = []
    for stem in sorted(_stems(form), key=len, reverse=True):
        guesses = [stem + "en", stem + "n"]
        if stem[-3:-1] in _LONG:  # bombardeer -> bombarderen, dood -> doden
            short = stem[:-3] + stem[-2:]
            guesses.append(short + "en")
            if stem[-1] in _VOICE:  # leef -> leven
                guesses.append(short[:-1] + _VOICE[stem[-1]] + "en")
        if len(stem) > 2 and stem[-1] not in "aeiou" and stem[-2] in "aeiou":
            guesses.append(stem + stem[-1] + "en")  # zeg -> zeggen, treft -> treffen
        if stem[-1] in _VOICE:
            guesses.append(stem[:-1] + _VOICE[stem[-1]] + "en")
        out.extend(g for g in guesses if g not in out)
    return tuple(out)


@lru_cache(maxsize=50_000)
def plural_stems(form: str) -> tuple[str, ...]:
    """Singulars a Dutch plural noun may come from, for lexicon look-up only:
    droneaanvallen -> droneaanval, vredesgesprekken -> vredesgesprek, grondoffensieven ->
    grondoffensief, protestacties -> protestactie, embargo's -> embargo, beloften -> belofte.
    Also repairs a lemmatizer's half-stripped plural ("droneaanvall", "straf_maatregel")."""
    word = form.lower().replace("_", "")
    out = [word]
    if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "aeiou":
        out.append(word[:-1])  # droneaanvall -> droneaanval
    if word.endswith("'s"):
        out.append(word[:-2])
    elif word.endswith("s") and len(word) > 4:
        out.append(word[:-1])
    if word.endswith("eren") and len(word) > 6:
        out.append(word[:-4])
    if word.endswith("en") and len(word) > 4:
        stem = word[:-2]
        out.append(stem)
        if stem[-1] == stem[-2] and stem[-1] not in "aeiou":
            out.append(stem[:-1])  # gesprekk -> gesprek
        if stem[-1] in _VOICE.values():
            out.append(stem[:-1] + {"v": "f", "z": "s"}[stem[-1]])  # offensiev -> offensief
        if len(stem) > 2 and stem[-2] in "aeou" and stem[-1] not in "aeiou" and (
                stem[-3] not in "aeiou"):
            out.append(stem[:-1] + stem[-2] + stem[-1])  # staten -> staat
        out.append(word[:-1])  # beloften -> belofte
    return tuple(dict.fromkeys(out))
