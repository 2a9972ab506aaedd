"""Input folders as they are found in the wild (issue 14 A, B, F, G; issue 13 provenance).

On real files in a temporary folder: a symbolic-link loop, a file name that is not UTF-8, a
FIFO, a linked subfolder, JSONL languages kg has no pipeline for, sidecar indexes, and the
rule that gives every document its id.  Each case is reported and never costs the others.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from files import read, write
from shared_data import REPO, SHARED, needs_shared

from kg.ids import text_hash
from kg.read import read_documents
from kg.types import Skipped

NEWS = SHARED / "corpus" / "news"


def reasons(report: list[Skipped]) -> dict[str, tuple[str, str]]:
    return {Path(s.where).name: (s.kind, s.reason) for s in report}


# ---------------------------------------------------------------------------- special files


def test_symlink_loop_in_a_folder_is_skipped_and_the_rest_is_read(tmp_path):
    """A: ``Path.resolve()`` raised RuntimeError and the whole build died with exit 70."""
    write(tmp_path / "in" / "sub" / "a.txt", "Russia attacked Ukraine.")
    (tmp_path / "in" / "self.txt").symlink_to("self.txt")
    (tmp_path / "in" / "ping.txt").symlink_to("pong.txt")
    (tmp_path / "in" / "pong.txt").symlink_to("ping.txt")
    docs, report = read([tmp_path / "in"])
    assert [d.id for d in docs] == ["sub/a"]
    found = reasons(report)
    assert {name: kind for name, (kind, _) in found.items()} == {
        "self.txt": "skipped", "ping.txt": "skipped", "pong.txt": "skipped"}
    assert found["self.txt"][1] == "cannot read: symbolic link loop"


def test_symlink_loop_named_on_the_command_line_is_a_usage_error(tmp_path):
    from kg.errors import InputError

    (tmp_path / "self.txt").symlink_to("self.txt")
    with pytest.raises(InputError, match="broken symbolic link or link loop"):
        read_documents([tmp_path / "self.txt"])


def test_file_name_that_is_not_utf8_is_read_under_a_printable_id(tmp_path):
    """B: the surrogate in ``café`` (latin-1 bytes) made ``event_id`` raise UnicodeEncodeError."""
    folder = os.fsencode(tmp_path / "in")
    os.makedirs(folder)
    with open(os.path.join(folder, b"caf\xe9.txt"), "w", encoding="utf-8") as fh:
        fh.write("Russia attacked Ukraine.")
    docs, report = read([tmp_path / "in"])
    assert report == []
    [doc] = docs
    assert doc.id == "caf\\xe9" and doc.source.endswith("caf\\xe9.txt")
    doc.id.encode("utf-8")
    json.dumps(doc.source, ensure_ascii=False).encode("utf-8")


def test_fifo_in_a_folder_is_skipped_without_opening_it(tmp_path):
    """F: opening a FIFO nobody writes to blocked the build forever.  A subprocess with a
    timeout, so a regression fails instead of hanging the suite."""
    write(tmp_path / "in" / "a.txt", "Russia attacked Ukraine.")
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    code = ("import json, sys\nfrom kg.read import read_documents\nreport = []\n"
            "ids = [d.id for d in read_documents([sys.argv[1]], report=report)]\n"
            "print(json.dumps([ids, [[r.where, r.kind, r.reason] for r in report]]))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "in")], cwd=REPO,
                         capture_output=True, text=True, timeout=60, check=True,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    ids, report = json.loads(out.stdout)
    assert ids == ["a"]
    assert report == [[str(tmp_path / "in" / "pipe.txt"), "skipped",
                       "not read: a named pipe (FIFO), not a regular file"]]


def test_linked_subfolder_is_read_and_a_link_back_is_reported(tmp_path):
    """G: a symlinked subfolder was skipped silently (not in report.jsonl)."""
    write(tmp_path / "corpus" / "nl" / "1.txt", "Poetin dreigde Polen.")
    write(tmp_path / "in" / "own.txt", "Russia attacked Ukraine.")
    (tmp_path / "in" / "nl").symlink_to(tmp_path / "corpus" / "nl")
    (tmp_path / "in" / "again").symlink_to(tmp_path / "in")
    docs, report = read([tmp_path / "in"])
    assert [d.id for d in docs] == ["own", "nl/1"]  # linked folders after the real entries
    assert [(Path(s.where).name, s.kind) for s in report] == [("again", "ignored")]


def test_socket_named_on_the_command_line_is_skipped(tmp_path):
    import socket

    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        docs, report = read([path, write(tmp_path / "a.txt", "Kyiv denied it.")])
    assert [d.id for d in docs] == ["a"]
    assert [(s.kind, s.reason) for s in report] == [("skipped", "not read: a socket, not a file")]


# ---------------------------------------------------------------------------- languages


def test_jsonl_lang_without_a_pipeline_is_detected_not_skipped(tmp_path):
    """G: ``"lang": "de"`` skipped the document; junk was echoed into an env var name."""
    junk = "x; rm -rf / #" + "y" * 100
    path = write(tmp_path / "d.jsonl", "\n".join(json.dumps(o) for o in [
        {"id": "de", "lang": "de", "text": "Russia attacked Ukraine."},
        {"id": "junk", "lang": junk, "text": "Poetin bedreigde Polen."},
        {"id": "nl", "lang": "nl-BE", "text": "Poetin bedreigde Polen."},
    ]) + "\n")
    docs, report = read([path])
    assert [(d.id, d.lang) for d in docs] == [("de", None), ("junk", None), ("nl", "nl")]
    assert [s.kind for s in report] == ["warning", "warning"]
    assert "no pipeline for lang 'de'" in report[0].reason
    assert "KG_MODEL" not in report[1].reason and junk not in report[1].reason
    assert len(report[1].reason) < 120


# ---------------------------------------------------------------------------- identity


def test_stdin_documents_are_named_by_their_content():
    """C: two ``kg build -`` runs both used the id ``stdin``."""
    code = ("import json\nfrom kg.read import read_documents\n"
            "print(json.dumps([d.id for d in read_documents(['-'])]))")
    ids = [json.loads(subprocess.run([sys.executable, "-c", code], input=text, cwd=REPO,
                                     capture_output=True, text=True, check=True).stdout)
           for text in ("Russia attacked Ukraine with drones.\n",
                        "Russia attacked Ukraine with missiles.\n",
                        "Russia attacked Ukraine with drones.\n")]
    assert ids[0] == ids[2] != ids[1]
    assert ids[0] == [f"stdin-{text_hash('Russia attacked Ukraine with drones.' + chr(10))[:12]}"]


def test_jsonl_id_and_text_with_lone_surrogates_are_made_valid(tmp_path):
    path = write(tmp_path / "d.jsonl", '{"id": "a\\udce9", "text": "Kyiv\\ud800 denied it."}\n')
    [doc], report = read([path])
    assert (doc.id, doc.text) == ("a\ufffd", "Kyiv\ufffd denied it.")
    assert report == []


# ---------------------------------------------------------------------------- sidecars


INDEX = ("file\turl\toutlet\tdate\tsplit\n"
         "001.txt\thttps://example.org/a\tDe Krant\t2024-07\ttune\n"
         "002.txt\thttps://example.org/b\tThe Paper\t\ttest\n"
         "003.txt\thttps://example.org/c\tX\t2024-13\ttest\n"
         "broken row\n")


def test_sidecar_index_gives_url_date_and_other_columns(tmp_path):
    write(tmp_path / "nl" / "INDEX.tsv", INDEX)
    write(tmp_path / "nl" / "001.txt", "date 2024-07-28\nIsraël viel Hezbollah aan.")
    write(tmp_path / "nl" / "002.txt", "Russia attacked Ukraine.")
    write(tmp_path / "nl" / "003.txt", "Kyiv denied it.")
    docs, report = read([tmp_path / "nl"])
    assert [(d.id, d.date, d.meta) for d in docs] == [
        ("001", "2024-07-28", {"url": "https://example.org/a", "outlet": "De Krant",
                               "split": "tune"}),  # the file's own date is more precise
        ("002", None, {"url": "https://example.org/b", "outlet": "The Paper", "split": "test"}),
        ("003", None, {"url": "https://example.org/c", "outlet": "X", "split": "test"}),
    ]
    assert docs[0].url == "https://example.org/a"
    assert [(s.where.rsplit("/", 1)[1], s.kind) for s in report] == [
        ("INDEX.tsv:4", "warning"), ("INDEX.tsv:5", "warning")]


def test_sidecar_in_a_parent_folder_and_jsonl_index(tmp_path):
    write(tmp_path / "news" / "index.jsonl",
          '{"file": "en/1.txt", "url": "https://e.org/1", "date": "2023-05-02"}\n'
          '{"file": "nl/1.txt", "Published By": "NOS"}\n')
    write(tmp_path / "news" / "en" / "1.txt", "Russia attacked Ukraine.")
    write(tmp_path / "news" / "nl" / "1.txt", "Poetin bedreigde Polen.")
    docs, report = read([tmp_path / "news"])
    assert [(d.id, d.date, d.meta) for d in docs] == [
        ("en/1", "2023-05-02", {"url": "https://e.org/1"}),
        ("nl/1", None, {"published_by": "NOS"})]
    assert report == []  # the index itself is neither a document nor an ignored file


def test_sidecar_without_a_file_column_is_a_warning_and_costs_nothing(tmp_path):
    write(tmp_path / "INDEX.tsv", "name\turl\n1.txt\thttps://e.org\n")
    write(tmp_path / "1.txt", "Russia attacked Ukraine.")
    docs, report = read([tmp_path])
    assert [(d.id, d.meta) for d in docs] == [("1", {})]
    assert [(s.kind, s.reason) for s in report] == [
        ("warning", "index has no 'file' column; not used")]


@needs_shared
@pytest.mark.shared
def test_real_news_corpus_gets_distinct_ids_urls_and_dates():
    """Issue 13: nl/001 and en/001 collided, INDEX.tsv was skipped, half had no date."""
    docs, report = read([NEWS])
    ids = [d.id for d in docs]
    assert len(ids) == len(set(ids)) == 121
    assert {"nl/001", "en/001"} <= set(ids)
    assert all(d.url and d.url.startswith(("http://", "https://")) for d in docs)
    assert all(d.meta.get("outlet") and d.meta.get("split") in ("tune", "test") for d in docs)
    indexed = {}
    for lang in ("nl", "en"):
        rows = (NEWS / lang / "INDEX.tsv").read_text("utf-8").splitlines()[1:]
        indexed |= {f"{lang}/{r.split(chr(9))[0][:-4]}": r.split(chr(9))[3] for r in rows}
    assert all((d.date or "").startswith(indexed[d.id]) for d in docs)  # index fills the gaps
    assert not [s for s in report if s.kind == "skipped"]
