"""Convert the CAMEO verb dictionary (PETRARCH2, MIT) into kg's English lexicon format.

    python scripts/cameo_lexicon.py ../shared/data/phoenix-dictionaries/CAMEO.2.0.txt \\
        > kg/data/lang/verbs_en.cameo.jsonl

Each verb synset block gives its head verb (the block's name) and any verb with a code of
its own a plain frame with that CAMEO code (object target): the other members of a block
share its code only loosely ("lead" and "control" sit in a block coded 060, cooperation), so
they act only through the patterns that name them; each pattern "* NOUN ..." gives the
verbs it names a frame that requires that noun as the object (light verb + event noun:
"launch an attack", "give support", "impose sanctions"); a pattern "(PREP +)" adds that
preposition as a target slot.  CAMEO codes map to kg relations through the PLOVER classes of
``CAMEO2PLOVER-2021.txt`` (``CODE_TO_RELATION`` below, longest prefix first).  Codes with
no kg relation (public statements, investigations, the "---" of no event) give no frame.
Curated entries in ``verbs_en.jsonl`` win: the loader skips a generated key they define.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

#: CAMEO code prefix -> kg relation; the longest matching prefix wins
CODE_TO_RELATION = {
    "015": "CLAIMS", "016": "DENIES",
    "02": "DEMANDS", "03": "AGREES_WITH", "030": "VOWS", "035": "CONCEDES",
    "04": "MEETS", "045": "NEGOTIATES_WITH", "046": "NEGOTIATES_WITH",
    "05": "SUPPORTS", "051": "PRAISES", "057": "AGREES_WITH",
    "06": "COOPERATES_WITH", "07": "AIDS",
    "08": "CONCEDES", "084": "RELEASES", "085": "EASES_SANCTIONS", "086": "WITHDRAWS_FROM",
    "087": "WITHDRAWS_FROM",
    "10": "DEMANDS", "11": "CRITICIZES", "112": "ACCUSES", "114": "ACCUSES", "115": "ACCUSES",
    "116": "ACCUSES", "12": "REJECTS", "13": "THREATENS", "14": "PROTESTS_AGAINST",
    "15": "MOBILIZES", "16": "SANCTIONS", "171": "SEIZES", "1712": "ATTACKS", "173": "ARRESTS",
    "175": "ATTACKS", "18": "ATTACKS", "181": "ARRESTS", "1823": "KILLS", "185": "ATTACKS",
    "186": "KILLS", "19": "ATTACKS", "191": "ATTACKS", "192": "OCCUPIES", "20": "ATTACKS",
    "202": "KILLS",
}
#: verbs too common to carry a relation on their own; they keep their object frames
LIGHT_VERBS = frozenset({
    "be", "have", "do", "make", "take", "give", "get", "go", "come", "put", "set", "say",
    "tell", "hold", "keep", "let", "see", "show", "find", "run", "move", "turn", "call", "use",
    "bring", "leave", "meet", "ask", "seek", "try", "want", "need", "offer", "express",
    "voice", "issue", "release", "open", "start", "begin", "continue", "end", "stage",
    "launch", "mount", "carry", "conduct", "pay", "raise", "reach", "file", "lodge", "level",
    "lift", "ease", "impose", "announce", "declare", "sign", "send", "provide", "extend",
    "grant", "step", "boost", "increase", "stop", "halt", "break", "cut", "close",
})
#: the default target slots of a frame with a required object noun
OBJECT_TARGETS = ["prep:on", "prep:against", "prep:to", "prep:with", "prep:for", "dative",
                  "dobj>prep:on", "dobj>prep:against", "dobj>prep:to", "dobj>prep:with",
                  "dobj>prep:of", "dobj>prep:for"]
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_PATTERN = re.compile(r"^-\s+(.*?)\s+\[([^\]]*)\]\s*(?:#\s*(.*))?$")


def relation(code: str) -> str | None:
    code = code.strip().lstrip(":").split(":")[0]
    best = max((p for p in CODE_TO_RELATION if code.startswith(p)), key=len, default=None)
    return CODE_TO_RELATION[best] if best else None


def _lemma(line: str) -> str:
    return line.split("{")[0].split("#")[0].strip().lower().replace("_", " ")


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    name = ""
    for line in lines:
        if line.startswith("&"):
            name = line.split()[0].rstrip("_")
            sets[name] = []
        elif line.startswith("+") and name:
            sets[name].append(line[1:].split("#")[0].strip().lower().replace("_", " "))
        elif line.strip() and not line.startswith("#"):
            name = ""
    return sets


def convert(text: str) -> list[dict]:
    lines = text.splitlines()
    synsets = read_synsets(lines)
    frames: dict[tuple, dict] = {}
    block_verbs: list[str] = []
    block_rel: str | None = None
    inside = False  # before the first verb block, "+" lines belong to synsets
    head = ""
    for line in lines:
        if m := _BLOCK.match(line):
            block_verbs, block_rel, inside = [], relation(m.group(2)), True
            head = m.group(1).lower().replace("_", " ")
            continue
        if inside and line and (line[0].isalpha() or line[0] == "+"):
            verb = _lemma(line.lstrip("+")).split("[")[0].strip()
            own = re.search(r"\[([^\]]*)\]", line.split("#")[0])
            rel = relation(own.group(1)) if own else block_rel
            if verb and verb not in block_verbs:
                block_verbs.append(verb)
                if rel and verb not in LIGHT_VERBS and (own or verb == head):
                    _add(frames, verb, rel, (), ["dobj"])
            continue
        if (m := _PATTERN.match(line)) and block_verbs:
            _pattern(frames, m.group(1).split(), relation(m.group(2)),
                     [_lemma(v) for v in (m.group(3) or "").split(",") if v.strip()]
                     or block_verbs, synsets, block_verbs)
    return _unambiguous([frames[k] for k in sorted(frames)])


def _unambiguous(rows: list[dict]) -> list[dict]:
    """Drop an object noun that two relations claim for the same verb ("stage an attack" is
    coded ATTACKS and MOBILIZES), and the plain frames of a verb listed in blocks of two
    relations: the dictionary cannot tell them apart, so neither is sure."""
    claims: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        for obj in row.get("object", ()):
            claims[(row["verb"], obj)].add(row["relation"])
        if "object" not in row and row["targets"] == ["dobj"]:
            claims[(row["verb"], "")].add(row["relation"])  # a verb in two synset blocks
    out = []
    for row in rows:
        if "object" not in row and row["targets"] == ["dobj"] and len(
                claims[(row["verb"], "")]) > 1:
            continue
        if "object" in row:
            row["object"] = [o for o in row["object"] if len(claims[(row["verb"], o)]) == 1]
            if not row["object"]:
                continue
        out.append(row)
    return out


def _pattern(frames: dict, words: list[str], rel: str | None, verbs: list[str],
             synsets: dict[str, list[str]], block_verbs: list[str]) -> None:
    if rel is None or "*" not in words or words[0] != "*":
        return  # words before the verb constrain the source: not expressible as a frame
    after = words[words.index("*") + 1:]
    preps = [w.strip("(").lower() for i, w in enumerate(after) if w.startswith("(")
             and any(x.rstrip(")") == "+" for x in after[i + 1:])]
    nouns = []
    for w in after:
        if w.startswith("(") or w in ("+", "$", "%", "^") or not w.strip("{}&").isalpha():
            break
        nouns.append(w.strip("{}"))
    verbs = [v for v in verbs if v in block_verbs] or block_verbs
    targets = [f"prep:{p}" for p in preps]
    if nouns:
        head = nouns[-1]
        objects = synsets.get(head, [head.lower()]) if head.startswith("&") else [head.lower()]
        objects = [o.split()[-1] for o in objects if o]
        for verb in verbs:
            _add(frames, verb, rel, tuple(sorted(set(objects))), targets or OBJECT_TARGETS)
    elif targets:
        for verb in verbs:
            if verb not in LIGHT_VERBS:
                _add(frames, verb, rel, (), targets)


def _add(frames: dict, verb: str, rel: str, objects: tuple, targets: list[str]) -> None:
    key = (verb, rel, objects)
    row = frames.setdefault(key, {"verb": verb, "relation": rel, "targets": ["dobj"] if not
                                  objects else [], "topics": [],
                                  "confidence": 0.6 if objects else 0.55})
    if objects:
        row["object"] = list(objects)
    for t in targets:
        if t not in row["targets"]:
            row["targets"].append(t)


def merged(rows: list[dict]) -> list[dict]:
    """One object frame per (verb, relation, targets) with all its object nouns."""
    out: dict[tuple, dict] = {}
    for row in rows:
        key = (row["verb"], row["relation"], tuple(row["targets"]), "object" in row)
        if key in out and "object" in row:
            out[key]["object"] = sorted(set(out[key]["object"]) | set(row["object"]))
        else:
            out.setdefault(key, dict(row))
    return list(out.values())


def main(argv: list[str]) -> None:
    rows = merged(convert(Path(argv[0]).read_text("utf-8", errors="replace")))
    by_verb: dict[str, int] = defaultdict(int)
    for row in rows:
        by_verb[row["verb"]] += 1
        print(json.dumps(row, ensure_ascii=False))
    print(f"{len(rows)} frames for {len(by_verb)} verbs", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
