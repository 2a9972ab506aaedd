"""``kg build`` run for real on real files: bad input is reported and never costs good work.

One folder holds a good article beside each kind of bad input (empty, binary, cp1252, an
HTML page, a JSONL file with a broken line); the build of that folder is run once per module
and each test checks one promise against its outputs: exit code, ``--json`` summary,
``report.jsonl``, and the graph in ``graph.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.errors import ExitCode
from cli.main import app

runner = CliRunner()
KG = Path(sys.executable).with_name("kg")

#: an embedded run must not pick up a developer's Neo4j settings
NO_NEO4J = {"NEO4J_URI": None, "NEO4J_USERNAME": None, "NEO4J_PASSWORD": None,
            "NEO4J_DATABASE": None}

GOOD = "date 2023-05-02\nPoetin bedreigde Polen met een aanval.\n"
CP1252 = "Putin accused Ukraine of “terrorism” in a café.\n"
HTML = """<!doctype html><html><head>
<meta property="article:published_time" content="2024-03-01T10:00:00Z">
<title>Putin praised Hungary.</title><style>p { color: red }</style>
<script>var tracking = "Putin praised Hungary.";</script></head>
<body><nav>Home | World | Putin threatened Estonia.</nav>
<article><p>Kadyrov threatened <b>Germany</b>.</p></article>
<footer>Putin threatened Finland.</footer></body></html>
"""
JSONL = "\n".join([
    '{"id": "brief-1", "lang": "en", "text": "Zelensky accused Russia of war crimes."}',
    '{"id": "brief-2", "text": "Putin threatened Lithuania."',  # no closing brace
    '{"id": "brief-3", "date": "2024-02", "text": "Russia threatened Moldova."}',
]) + "\n"
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4

GOOD_DOCUMENTS = {"good", "windows", "page", "brief-1", "brief-3"}


def kg(*args: object, env: dict[str, str | None] | None = None):
    return runner.invoke(app, [str(a) for a in args], env=NO_NEO4J | (env or {}))


def make_news(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "windows.txt").write_bytes(CP1252.encode("cp1252"))
    (folder / "page.html").write_text(HTML, encoding="utf-8")
    (folder / "briefs.jsonl").write_text(JSONL, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.txt").write_bytes(BINARY)
    return folder


def edges(graph: dict) -> set[tuple[str, str, str]]:
    return {(e["source"], e["relation"], e["target"]) for e in graph["edges"]}


def evidence(graph: dict, doc_id: str) -> list[dict]:
    return [ev for e in graph["edges"] for ev in e["evidence"] if ev["doc_id"] == doc_id]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """``kg build news/ --json`` on the folder of good and bad inputs."""
    root = tmp_path_factory.mktemp("mixed")
    news = make_news(root / "news")
    result = kg("build", news, "--out", root / "out", "--json")
    graph = json.loads((root / "out" / "graph.json").read_text("utf-8"))
    return news, root / "out", result, graph


def test_some_inputs_skipped_is_exit_code_1(mixed):
    _, _, result, _ = mixed
    assert result.exit_code == ExitCode.SOME_SKIPPED, result.output


def test_json_summary_parses_and_counts_the_run(mixed):
    news, out, result, _ = mixed
    summary = json.loads(result.stdout)
    assert summary["documents"] == len(GOOD_DOCUMENTS)
    assert summary["skipped"] == 3
    assert summary["triples"] >= 5 and summary["sentences"] >= 5
    assert summary["by_relation"]["THREATENS"] >= 3
    assert summary["out_dir"] == str(out) and summary["report"] == str(out / "report.jsonl")
    assert not summary["neo4j"]
    skipped = {i["where"] for i in summary["report_items"] if i["kind"] == "skipped"}
    assert skipped == {f"{news}/empty.txt", f"{news}/scan.txt", f"{news}/briefs.jsonl:2"}


def test_good_inputs_beside_bad_ones_land_in_the_graph(mixed):
    _, _, _, graph = mixed
    assert set(graph["graph"]["documents"]) == GOOD_DOCUMENTS
    assert {("vladimir-putin", "ACCUSES", "ukraine"),
            ("ramzan-kadyrov", "THREATENS", "germany"),
            ("volodymyr-zelensky", "ACCUSES", "russia"),
            ("russia", "THREATENS", "moldova")} <= edges(graph)
    # the Dutch article: its date and its one statement (direction is the parser's business)
    [dutch] = evidence(graph, "good")
    assert dutch["date"] == "2023-05-02" and dutch["relation"] == "THREATENS"
    assert {dutch["source"]["id"], dutch["target"]["id"]} == {"vladimir-putin", "poland"}


def test_empty_file_is_skipped_with_reason(mixed):
    news, _, result, _ = mixed
    items = json.loads(result.stdout)["report_items"]
    assert {"where": f"{news}/empty.txt", "kind": "skipped", "reason": "empty file"} in items


def test_binary_file_is_skipped_with_reason(mixed):
    news, _, result, _ = mixed
    item = next(i for i in json.loads(result.stdout)["report_items"]
                if i["where"] == f"{news}/scan.txt")
    assert item["kind"] == "skipped" and item["reason"].startswith("binary file")


def test_cp1252_file_is_read_with_a_warning(mixed):
    news, _, result, graph = mixed
    item = next(i for i in json.loads(result.stdout)["report_items"]
                if i["where"] == f"{news}/windows.txt")
    assert item["kind"] == "warning" and "decoded as cp1252" in item["reason"]
    sentences = {ev["sentence"] for ev in evidence(graph, "windows")}
    assert sentences == {CP1252.strip()}  # curly quotes and é decoded, not mojibake


def test_html_page_is_read_without_tags_scripts_or_navigation(mixed):
    _, _, _, graph = mixed
    assert [ev["sentence"] for ev in evidence(graph, "page")] == ["Kadyrov threatened Germany."]
    assert [ev["date"] for ev in evidence(graph, "page")] == ["2024-03-01"]
    text = json.dumps(graph)
    for outside_the_article in ("<b>", "tracking", "Hungary", "Estonia", "Finland"):
        assert outside_the_article not in text


def test_malformed_jsonl_line_is_skipped_with_file_and_line(mixed):
    news, _, result, graph = mixed
    item = next(i for i in json.loads(result.stdout)["report_items"]
                if i["where"].startswith(f"{news}/briefs.jsonl"))
    assert item["where"] == f"{news}/briefs.jsonl:2"
    assert item["reason"].startswith("invalid JSON")
    assert {"brief-1", "brief-3"} <= set(graph["graph"]["documents"])
    assert "lithuania" not in {t for _, _, t in edges(graph)}


def test_report_file_lists_what_was_skipped_and_warned(mixed):
    _, out, result, _ = mixed
    lines = (out / "report.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == json.loads(result.stdout)["report_items"]
    assert len(lines) == 4


def test_summary_table_names_skipped_inputs_with_reasons(mixed, tmp_path, monkeypatch):
    news, *_ = mixed
    monkeypatch.chdir(news.parent)  # short relative paths: table cells do not fold them
    result = kg("build", "news", "--out", tmp_path / "out")
    assert result.exit_code == ExitCode.SOME_SKIPPED
    assert result.stdout == ""
    rows = {tuple(cell.strip() for cell in line.strip("│").split("│"))
            for line in result.stderr.splitlines() if line.startswith("│")}
    assert {("documents read", "5"), ("inputs skipped", "3"), ("warnings", "1"),
            ("news/empty.txt", "empty file"),
            ("news/scan.txt", "binary file (contains NUL bytes)")} <= rows
    labels = {row[0] for row in rows}
    assert {"sentences", "triples", "THREATENS", "ACCUSES", "actors", "elapsed",
            "news/briefs.jsonl:2"} <= labels
    lines = result.stderr.splitlines()
    assert "kg: warning: news/windows.txt: not UTF-8: decoded as cp1252 from byte 25" in lines
    assert f"skipped inputs listed in {tmp_path / 'out' / 'report.jsonl'}" in lines
    assert not any(line.startswith("kg: skipped:") for line in lines)  # named once, in the table


def test_quiet_prints_only_the_skipped_inputs(mixed, tmp_path):
    news, *_ = mixed
    result = kg("build", news, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == ExitCode.SOME_SKIPPED
    assert result.stdout == ""
    assert sorted(result.stderr.splitlines()) == [
        f"kg: skipped: {news}/briefs.jsonl:2: invalid JSON: Expecting ',' delimiter (column 56)",
        f"kg: skipped: {news}/empty.txt: empty file",
        f"kg: skipped: {news}/scan.txt: binary file (contains NUL bytes)",
    ]
    assert (tmp_path / "out" / "graph.json").is_file()


@pytest.mark.neo4j
def test_build_into_neo4j_loads_the_good_inputs_and_reports_the_bad(mixed, neo4j_server,
                                                                     neo4j_driver):
    news, *_ = mixed
    result = kg("build", news, "--neo4j", neo4j_server.uri, "--user", neo4j_server.user,
                "--json", env={"NEO4J_PASSWORD": neo4j_server.password})
    assert result.exit_code == ExitCode.SOME_SKIPPED, result.output
    summary = json.loads(result.stdout)
    assert summary["neo4j"] and summary["out_dir"] is None and summary["skipped"] == 3
    report = news.parent / "news.kg" / "report.jsonl"  # where the embedded graph would go
    assert summary["report"] == str(report)
    assert len(report.read_text("utf-8").splitlines()) == 4
    assert neo4j_server.password not in result.stdout + result.stderr
    docs, _, _ = neo4j_driver.execute_query("MATCH (d:Document) RETURN d.id AS id")
    assert {r["id"] for r in docs} == GOOD_DOCUMENTS
    rows, _, _ = neo4j_driver.execute_query(
        "MATCH (s:Actor)-[r:THREATENS]->(t:Actor) RETURN s.name AS s, t.name AS t")
    assert {("Ramzan Kadyrov", "Germany"), ("Russia", "Moldova")} <= {(r["s"], r["t"])
                                                                       for r in rows}


def test_all_good_inputs_exit_0_with_an_empty_report(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = kg("build", tmp_path / "good.txt", "--out", tmp_path / "out", "-f", "json,graphml",
                "--json")
    assert result.exit_code == ExitCode.OK, result.output
    summary = json.loads(result.stdout)
    assert summary["documents"] == 1 and summary["skipped"] == 0
    assert summary["report_items"] == []
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "graph.graphml", "graph.json", "report.jsonl"]
    assert (tmp_path / "out" / "report.jsonl").read_text() == ""


def test_default_output_folder_is_next_to_the_input(tmp_path, monkeypatch):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "good.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = kg("build", "news", "-q")
    assert result.exit_code == ExitCode.OK, result.output
    assert (tmp_path / "news.kg" / "graph.json").is_file()


def test_missing_path_is_one_line_and_exit_2_before_anything_runs(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    missing = tmp_path / "typo.txt"
    result = kg("build", tmp_path / "good.txt", missing, "--out", tmp_path / "out")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == f"kg: error: no such file or directory: {missing}\n"
    assert not (tmp_path / "out").exists()
    extract = kg("extract", missing)
    assert extract.exit_code == ExitCode.USAGE
    assert extract.stderr == f"kg: error: no such file or directory: {missing}\n"


@pytest.mark.slow
def test_hundred_megabyte_file_is_streamed_through_kg_build(tmp_path):
    """A 100 MB file goes through the real command in bounded memory, cut into documents.

    The text is sparse (a sentence, then blank lines) so the test times reading, not
    parsing; the peak RSS of the command is compared with that of a one-line input.
    """
    big = tmp_path / "big.txt"
    news = b"Poetin bedreigde Polen met een aanval.\n\n"
    blank = b"\n" * 4096 + b" " * 4096
    with big.open("wb") as out:
        out.write(b"date 2023-05\n")
        n = 0
        while out.tell() < 100_000_000:
            if n % 120 == 0:
                out.write(news)
            out.write(blank)
            n += 1
    small = tmp_path / "small.txt"
    small.write_text(GOOD, encoding="utf-8")
    measure = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode;"
               " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")
    env = {k: v for k, v in os.environ.items() if k not in NO_NEO4J}

    def run(path: Path) -> tuple[dict, int]:
        proc = subprocess.run([sys.executable, "-c", measure, str(KG), "build", str(path),
                               "--out", str(tmp_path / path.stem), "--json"],
                              capture_output=True, text=True, env=env, timeout=600)
        assert proc.returncode == 0, proc.stderr
        summary, peak_kb = proc.stdout.splitlines()
        return json.loads(summary), int(peak_kb) * 1024

    summary, peak = run(big)
    _, baseline = run(small)
    big.unlink()  # pytest keeps recent tmp folders; do not leave 100 MB behind
    assert summary["documents"] == 100  # cut at paragraphs into documents of <= 1M characters
    assert summary["skipped"] == 0 and summary["by_relation"] == {"THREATENS": 102}
    graph = json.loads((tmp_path / "big" / "graph.json").read_text("utf-8"))
    assert {"big", "big#2", "big#100"} <= set(graph["graph"]["documents"])
    growth = peak - baseline
    print(f"peak RSS {peak / 1e6:.0f} MB, one-line input {baseline / 1e6:.0f} MB")
    assert growth < 100_000_000, f"the 100 MB file added {growth / 1e6:.0f} MB"
