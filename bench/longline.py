"""Peak memory of ``kg build`` on one multi-megabyte line without a sentence end (issue 14).

Two files of the same size and words: a normal article file (real Dutch sentences, one
paragraph of a few sentences each) and the same words as a single line with every sentence
end and newline removed.  Each is built as a subprocess (``kg build FILE --out ...``, one
process) and its peak RSS polled with psutil (``bench.memory.peak_rss``).  The pathological
file must stay within 1.5x of the normal one: the segmenter cuts a run of text without a
sentence end into bounded pieces before anything is parsed.

    .venv/bin/python bench/longline.py            # 5 MB each (about 5 minutes)
    .venv/bin/python bench/longline.py --mb 1     # a quicker check
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.memory import peak_rss  # noqa: E402
from bench.textdata import kg_command, kg_env, pool  # noqa: E402
from kg.clean import clean  # noqa: E402

LIMIT = 1.5
_PUNCT = re.compile(r"[.!?…;:]")


def texts(size: int) -> tuple[str, str]:
    """(normal, one line) of about ``size`` bytes, the same words in the same order."""
    # sentences kg.clean leaves alone: a boilerplate phrase would blank the whole one line
    sentences = [s for s in pool("nl").sentences if clean(s) == s]
    paragraphs: list[str] = []
    total = i = 0
    while total < size:
        paragraph = " ".join(sentences[(i + k) % len(sentences)] for k in range(4))
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
        i += 4
    normal = "\n\n".join(paragraphs) + "\n"
    line = " ".join(_PUNCT.sub(" ", normal).split()) + "\n"
    return normal, line


def measure(path: Path, work: Path) -> tuple[int, float]:
    """Peak RSS (bytes, process and children) and seconds of ``kg build path``."""
    cmd = kg_command() + ["build", str(path), "--out", str(work / f"{path.stem}.kg"), "-q"]
    peak, _, seconds, code, _, tail = peak_rss(cmd, kg_env(), work)
    if code not in (0, 1):
        raise SystemExit(f"kg build {path.name} failed ({code}):\n{tail}")
    return peak, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of each file in MB")
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)
    with tempfile.TemporaryDirectory(prefix="kg-longline-") as tmp:
        work = Path(tmp)
        normal, line = texts(size)
        files = {"normal": work / "normal.txt", "one line": work / "oneline.txt"}
        files["normal"].write_text(normal, encoding="utf-8")
        files["one line"].write_text(line, encoding="utf-8")
        peaks = {}
        for name, path in files.items():
            peak, seconds = measure(path, work)
            peaks[name] = peak
            print(f"{name:9} {path.stat().st_size / 1e6:5.1f} MB  peak RSS "
                  f"{peak / 2**20:7.0f} MiB  {seconds:6.1f} s", flush=True)
    ratio = peaks["one line"] / peaks["normal"]
    verdict = "met" if ratio <= LIMIT else "MISSED"
    print(f"ratio one line / normal: {ratio:.2f} (limit {LIMIT}): {verdict}")
    if ratio > LIMIT:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
