"""Print the sentence units of the shared news excerpts, as the annotation skeleton.

    python scripts/news_sentences.py ../shared/corpus/news nl/005.txt en/003.txt
    python scripts/news_sentences.py ../shared/corpus/news --all > skeleton.jsonl

Each line: file, split, char_start, char_end and the sentence text (for the annotator's
eyes only: the committed annotation holds no text).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from kg.sentences import sentence_spans


def splits(root: Path, lang: str) -> dict[str, str]:
    with (root / lang / "INDEX.tsv").open(encoding="utf-8") as fh:
        return {row["file"]: row["split"] for row in csv.DictReader(fh, delimiter="\t")}


def main(argv: list[str]) -> None:
    root = Path(argv[0])
    names = argv[1:]
    if names == ["--all"]:
        names = [f"{p.parent.name}/{p.name}" for lang in ("nl", "en")
                 for p in sorted((root / lang).glob("*.txt"))]
    for name in names:
        lang, file = name.split("/")
        text = (root / name).read_text("utf-8")
        split = splits(root, lang)[file]
        for start, end in sentence_spans(text):
            print(json.dumps({"file": name, "split": split, "char_start": start,
                              "char_end": end, "text": text[start:end]}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
