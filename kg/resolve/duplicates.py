"""Near-duplicate actor names: the check that one actor became one node.

``kg stats`` (or an analyst) can list pairs of actor names in a graph that probably denote
the same actor: equal after folding, equal once titles are removed ("President X Y" / "X Y"),
or one a shorter form of the other sharing the surname ("Y" / "X Y").  A pair listed here is
a bug in resolution or a gap in the gazetteer.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.ids import fold
from kg.resolve.names import name_rules


def _core(name: str, titles: frozenset[str]) -> list[str]:
    words = fold(name).split()
    while len(words) > 1 and (words[0] in titles or " ".join(words[:2]) in titles):
        words = words[2:] if " ".join(words[:2]) in titles else words[1:]
    return words


def _state_and_government(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return fold(long) in (fold(f"Government of {short}"), fold(f"Government of the {short}"))


def near_duplicates(names: Iterable[str], langs: Iterable[str] = ("en", "nl"),
                    ) -> list[tuple[str, str, str]]:
    """Pairs ``(a, b, why)`` of distinct names that look like one actor."""
    titles = frozenset().union(*(name_rules(lang).titles for lang in langs))
    unique = sorted(set(names))
    cores = {n: _core(n, titles) for n in unique}
    out = []
    by_last: dict[str, list[str]] = {}
    for n in unique:
        if cores[n]:
            by_last.setdefault(cores[n][-1], []).append(n)
    for group in by_last.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                ca, cb = cores[a], cores[b]
                if _state_and_government(a, b):
                    continue  # a country and its government are two actors by design
                if ca == cb:
                    out.append((a, b, "same name" if fold(a) == fold(b) else "title"))
                elif len(ca) == 1 or len(cb) == 1 or set(ca) <= set(cb) or set(cb) <= set(ca):
                    out.append((a, b, "surname"))
    return out
