"""kg.read on real files: every bad-input case is reported and never stops the run."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from files import read, write
from shared_data import REPO, SEED, needs_shared

from kg.errors import InputError
from kg.ids import text_hash
from kg.read import BLOCK_BYTES, read_documents

# ---------------------------------------------------------------------------- text and dates


@pytest.mark.parametrize(
    ("content", "date", "text"),
    [
        ("date 2023-05\nKiev ontkende.", "2023-05", "Kiev ontkende."),
        ("date 2023-05-30\n\nKiev ontkende.", "2023-05-30", "\nKiev ontkende."),
        ("date: 2024-02\nKyiv denied it.", "2024-02", "Kyiv denied it."),
        ("Date: 2024-1-5\nKyiv denied it.", "2024-01-05", "Kyiv denied it."),
        (" date 2023-05 Naast Vladimir Poetin, die", "2023-05", "Naast Vladimir Poetin, die"),
        ("Kiev ontkende.\ndate 2023-05", None, "Kiev ontkende.\ndate 2023-05"),
        ("dated reports say Kyiv denied it.", None, "dated reports say Kyiv denied it."),
    ],
)
def test_date_header_is_parsed_and_removed(tmp_path, content, date, text):
    docs, report = read([write(tmp_path / "art.txt", content)])
    assert [(d.id, d.date, d.text) for d in docs] == [("art", date, text)]
    assert report == []


def test_impossible_date_is_a_warning_and_the_text_is_kept(tmp_path):
    docs, report = read([write(tmp_path / "art.txt", "date 2023-13\nKyiv denied it.")])
    assert docs[0].date is None and docs[0].text == "Kyiv denied it."
    assert [(s.kind, "2023-13" in s.reason) for s in report] == [("warning", True)]


def test_windows_newlines_become_plain_newlines(tmp_path):
    docs, _ = read([write(tmp_path / "a.txt", b"date 2023-05\r\nA.\r\n\r\nB.\rC.\r\n")])
    assert docs[0].text == "A.\n\nB.\nC.\n"


@needs_shared
@pytest.mark.shared
def test_seed_corpus_file_has_its_date_and_id():
    docs, report = read([SEED])
    assert report == []
    [doc] = docs
    assert (doc.id, doc.date, doc.source) == ("000_dbff4a963a0d4a54", "2023-05", str(SEED))
    assert doc.text.startswith("Naast Vladimir Poetin")
    assert "date 2023-05" not in doc.text


# ---------------------------------------------------------------------------- paths


def test_folders_are_read_recursively_in_order_and_other_files_reported(tmp_path):
    write(tmp_path / "b.txt", "B sentence.")
    write(tmp_path / "a" / "c.txt", "C sentence.")
    write(tmp_path / "a" / "page.htm", "<p>Page sentence.</p>")
    write(tmp_path / "z" / "d.jsonl", '{"id": "d1", "text": "D sentence."}\n')
    write(tmp_path / "x.pdf", b"%PDF-1.4")
    write(tmp_path / "notes.md", "# notes")
    write(tmp_path / ".hidden.txt", "hidden")
    write(tmp_path / ".git" / "HEAD.txt", "ref")
    docs, report = read([tmp_path])
    assert [d.id for d in docs] == ["a/c", "a/page", "b", "d1"]
    assert sorted((Path(s.where).name, s.kind) for s in report) == [
        ("notes.md", "ignored"), ("x.pdf", "ignored")]


def test_same_stem_in_two_folders_gets_ids_relative_to_the_common_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path / "..")
    write(tmp_path / "a" / "x.txt", "A.")
    write(tmp_path / "b" / "x.txt", "B.")
    write(tmp_path / "b" / "y.txt", "Y.")
    docs, report = read([tmp_path / "a", tmp_path / "b"])
    assert [d.id for d in docs] == ["a/x", "b/x", "b/y"]
    assert report == []


def test_ids_are_relative_to_the_folder_given_whatever_the_working_folder(tmp_path,
                                                                           monkeypatch):
    """news/nl/143.txt and news/en/143.txt (issue 13): distinct, and the same from anywhere."""
    write(tmp_path / "news" / "nl" / "143.txt", "Poetin dreigde.")
    write(tmp_path / "news" / "en" / "143.txt", "Putin threatened.")
    ids = []
    for cwd in (tmp_path, tmp_path / "news" / "nl", Path("/")):
        monkeypatch.chdir(cwd)
        ids.append([d.id for d in read([tmp_path / "news"])[0]])
    assert ids == [["en/143", "nl/143"]] * 3
    assert [d.id for d in read([tmp_path / "news" / "nl" / "143.txt"])[0]] == ["143"]


def test_a_file_named_twice_is_read_once(tmp_path):
    path = write(tmp_path / "x.txt", "A.")
    docs, report = read([tmp_path, path])
    assert [d.id for d in docs] == ["x"]
    assert [s.kind for s in report] == ["ignored"]


def test_missing_path_is_a_usage_error_before_anything_is_read(tmp_path):
    good = write(tmp_path / "good.txt", "Kyiv denied it.")
    with pytest.raises(InputError, match="nope.txt"):
        read_documents([good, tmp_path / "nope.txt"])  # raised by the call, not by iterating


@pytest.mark.parametrize("paths", [[], ["-", "-"]])
def test_no_input_or_stdin_twice_is_a_usage_error(paths):
    with pytest.raises(InputError):
        read_documents(paths)


def test_file_with_unknown_extension_named_explicitly_is_sniffed(tmp_path):
    docs, report = read([write(tmp_path / "article", "date 2024-01\nKyiv denied it."),
                         write(tmp_path / "dump.json", '{"id": "j1", "text": "Moscow denied."}')])
    assert [(d.id, d.date) for d in docs] == [("article", "2024-01"), ("j1", None)]
    assert report == []


# ---------------------------------------------------------------------------- bad files


def test_empty_binary_and_garbage_files_are_skipped_with_reasons(tmp_path):
    files = [
        write(tmp_path / "empty.txt", b""),
        write(tmp_path / "blank.txt", "  \n\n\t\n"),
        write(tmp_path / "header_only.txt", "date 2023-05\n\n"),
        write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)),
        write(tmp_path / "controls.txt", bytes(range(1, 9)) * 400 + b"text"),
        write(tmp_path / "good.txt", "Kyiv denied it."),
    ]
    docs, report = read(files)
    assert [d.id for d in docs] == ["good"]
    reasons = {Path(s.where).name: s.reason for s in report}
    assert reasons == {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "header_only.txt": "no text after the date line",
        "image.txt": "binary file (contains NUL bytes)",
        "controls.txt": reasons["controls.txt"],
    }
    assert reasons["controls.txt"].startswith("binary file")
    assert all(s.kind == "skipped" for s in report)


def test_random_bytes_are_skipped(tmp_path):
    garbage = random.Random(7).randbytes(20_000)
    docs, report = read([write(tmp_path / "noise.txt", garbage)])
    assert docs == [] and report[0].reason.startswith("binary file")


def test_cp1252_file_is_decoded_with_a_warning(tmp_path):
    text = "Zelensky’s €5 miljard – café en ‘steun’."
    docs, report = read([write(tmp_path / "w.txt", text.encode("cp1252"))])
    assert docs[0].text == text
    assert [(s.kind, s.reason) for s in report] == [
        ("warning", "not UTF-8: decoded as cp1252 from byte 8")]


def test_latin1_file_falls_back_past_cp1252(tmp_path):
    data = "Café Zürich".encode("latin-1") + b" \x81\x8d done"  # 0x81 is undefined in cp1252
    docs, report = read([write(tmp_path / "l.txt", data)])
    assert docs[0].text == data.decode("latin-1")
    assert [s.reason for s in report] == [
        "not UTF-8: decoded as cp1252 from byte 3",
        "not UTF-8: decoded as latin-1 from byte 12",
    ]


def test_fallback_in_a_later_block_keeps_the_earlier_utf8(tmp_path):
    head = "Poetin – " + "a" * (BLOCK_BYTES + 10)
    data = head.encode("utf-8") + "é".encode("cp1252")
    docs, report = read([write(tmp_path / "mixed.txt", data)])
    assert docs[0].text == head + "é"
    assert report[0].reason == f"not UTF-8: decoded as cp1252 from byte {len(head.encode())}"


def test_utf8_character_split_across_blocks_is_not_an_error(tmp_path):
    text = "a" * (BLOCK_BYTES - 1) + "ë" + " Oekraïne"
    docs, report = read([write(tmp_path / "split.txt", text)])
    assert docs[0].text == text and report == []


def test_byte_order_marks_are_handled(tmp_path):
    utf8 = write(tmp_path / "bom8.txt", b"\xef\xbb\xbf" + "date 2023-05\nOekraïne.".encode())
    utf16 = write(tmp_path / "bom16.txt", "\ufeffdate 2024-02\nKyiv denied.".encode("utf-16-le"))
    docs, report = read([utf8, utf16])
    assert [(d.date, d.text) for d in docs] == [("2023-05", "Oekraïne."),
                                                ("2024-02", "Kyiv denied.")]
    assert report == []


# ---------------------------------------------------------------------------- HTML


PAGE = """<!DOCTYPE html><html lang="nl"><head><title>Site | Nieuws</title>
<meta property="article:published_time" content="2024-03-12T08:00:00+01:00">
<style>p { color: red }</style><script>var tracking = "Poetin";</script></head>
<body><nav><a href="/">Home</a> <a href="/buitenland">Buitenland</a></nav>
<article><h1>Kadyrov dreigt Duitsland</h1>
<p>De Tsjetsjeense leider <b>Ramzan Kadyrov</b> dreigde met aanvallen tegen
   Duitsland of Polen.</p><p>Kiev ontkende &eacute;lke betrokkenheid.<br>Moskou zweeg.</p>
</article><aside>Meest gelezen</aside><footer>© 2024 Voorbeeldkrant</footer></body></html>"""


def test_html_page_keeps_article_paragraphs_only(tmp_path):
    docs, report = read([write(tmp_path / "page.html", PAGE)])
    assert report == []
    [doc] = docs
    assert (doc.id, doc.date) == ("page", "2024-03-12")
    assert doc.text == (
        "Kadyrov dreigt Duitsland\n\n"
        "De Tsjetsjeense leider Ramzan Kadyrov dreigde met aanvallen tegen Duitsland of Polen."
        "\n\nKiev ontkende élke betrokkenheid.\n\nMoskou zweeg.\n\n"
    )


def test_html_page_without_text_is_skipped(tmp_path):
    page = "<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>"
    docs, report = read([write(tmp_path / "empty.html", page)])
    assert docs == [] and report[0].reason.startswith("HTML page with no text")


# ---------------------------------------------------------------------------- JSONL


def test_malformed_jsonl_lines_are_reported_and_the_rest_is_read(tmp_path):
    lines = [
        '{"id": "a1", "text": "Kyiv denied it.", "date": "2023-05", "lang": "en"}',
        '{"id": "a2", "text": "broken',
        "[1, 2]",
        '{"id": "a4"}',
        '{"id": "a5", "text": "   "}',
        "",
        '{"text": "Zonder id.", "lang": "NL-be"}',
        '{"id": 8, "text": "Numeric id.", "date": "May 2023"}',
    ]
    path = write(tmp_path / "docs.jsonl", "\n".join(lines) + "\n")
    docs, report = read([path], lang="en")
    assert [(d.id, d.date, d.lang, d.source) for d in docs] == [
        ("a1", "2023-05", "en", f"{path}:1"),
        ("docs:7", None, "nl", f"{path}:7"),
        ("8", None, "en", f"{path}:8"),
    ]
    assert [(s.where, s.kind) for s in report] == [
        (f"{path}:2", "skipped"), (f"{path}:3", "skipped"), (f"{path}:4", "skipped"),
        (f"{path}:5", "skipped"), (f"{path}:8", "warning")]
    assert report[0].reason.startswith("invalid JSON")
    assert report[2].reason == 'no "text" string'


def test_duplicate_ids_are_renamed_with_a_warning(tmp_path):
    path = write(tmp_path / "d.jsonl", '{"id": "x", "text": "A."}\n{"id": "x", "text": "B."}\n')
    docs, report = read([path])
    second = f"x~{text_hash('B.')[:8]}"
    assert [d.id for d in docs] == ["x", second]
    assert report[0].kind == "warning" and second in report[0].reason


def test_the_same_document_twice_in_a_run_is_read_once(tmp_path):
    path = write(tmp_path / "d.jsonl", '{"id": "x", "text": "A."}\n{"id": "x", "text": "A."}\n')
    docs, report = read([path])
    assert [d.id for d in docs] == ["x"]
    assert [(s.where, s.kind) for s in report] == [(f"{path}:2", "ignored")]


def test_jsonl_without_any_document_is_skipped(tmp_path):
    docs, report = read([write(tmp_path / "bad.jsonl", "not json\n")])
    assert docs == []
    assert [s.reason for s in report][-1] == "no documents in JSONL file"


def test_lang_option_fills_only_documents_without_their_own(tmp_path):
    path = write(tmp_path / "d.jsonl", '{"id": "a", "text": "A.", "lang": "nl"}\n'
                                       '{"id": "b", "text": "B."}\n')
    txt = write(tmp_path / "c.txt", "C.")
    docs, _ = read([path, txt], lang="EN")
    assert [(d.id, d.lang) for d in docs] == [("a", "nl"), ("b", "en"), ("c", "en")]


# ---------------------------------------------------------------------------- stdin


def _stdin(data: bytes) -> list[list[str]]:
    code = ("import json, sys\nfrom kg.read import read_documents\n"
            "print(json.dumps([[d.id, d.date, d.text] for d in read_documents(['-'])]))")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True,
                         check=True, env=env, cwd=REPO)
    return json.loads(out.stdout)


def test_stdin_text_and_jsonl_are_sniffed():
    text = "Kyiv denied it.\n"
    assert _stdin(b"date 2023-05\n" + text.encode()) == [
        [f"stdin-{text_hash(text)[:12]}", "2023-05", text]]
    jsonl = b'{"id": "s1", "text": "A."}\n{"text": "B.", "date": "2024-02-01"}\n'
    assert _stdin(jsonl) == [["s1", None, "A."],
                             [f"stdin-{text_hash('B.')[:12]}", "2024-02-01", "B."]]


# ---------------------------------------------------------------------------- size


def test_long_text_is_split_at_paragraphs_into_bounded_documents(tmp_path):
    paragraph = ("Poetin beschuldigde Kiev van terreur. " * 8).strip()
    body = "\n\n".join(f"{i}. {paragraph}" for i in range(40))
    docs, _ = read([write(tmp_path / "long.txt", "date 2023-05\n" + body)], max_doc_chars=2000)
    assert len(docs) > 5
    assert [d.id for d in docs[:3]] == ["long", "long#2", "long#3"]
    assert all(len(d.text) <= 2000 and d.date == "2023-05" for d in docs)
    assert all(d.text.endswith("\n\n") for d in docs[:-1])  # cut at blank lines
    assert "".join(d.text for d in docs) == body  # nothing lost, nothing repeated


@pytest.mark.slow
def test_hundred_megabyte_file_is_streamed_in_bounded_memory(tmp_path):
    path = tmp_path / "huge.txt"
    paragraph = ("De Russische president beschuldigde Oekraïne van terreur en kondigde een "
                 "tegenreactie aan. " * 6 + "\n\n").encode()
    block = paragraph * 1000
    with path.open("wb") as out:
        out.write(b"date 2023-05\n")
        while out.tell() < 100_000_000:
            out.write(block)
    size = path.stat().st_size
    tracemalloc.start()
    started = time.perf_counter()
    chars = count = 0
    try:
        for doc in read_documents([path]):
            count += 1
            chars += len(doc.text)
            assert len(doc.text) <= 1_000_000 and doc.date == "2023-05"
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    expected = len(path.read_bytes()[len(b"date 2023-05\n"):].decode())
    path.unlink()  # pytest keeps recent tmp folders; do not leave 100 MB behind
    assert count > 90
    assert chars == expected
    assert peak < 25_000_000, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.0f} MB file"
    print(f"{size / 1e6:.0f} MB -> {count} documents in {elapsed:.1f} s, "
          f"peak {peak / 1e6:.1f} MB traced")
