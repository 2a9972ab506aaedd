"""The local Neo4j server (kg.server, ``kg server``) against the real thing.

Starts are expensive, so these tests share the session server of conftest.py; the restart
test stops and starts that same server.  Tests of failures that happen before any JVM is
launched (ports, permissions, prerequisites) need no server at all.
"""

from __future__ import annotations

import os
import shlex
import socket
import stat
import subprocess
import sys
import urllib.request
from pathlib import Path

import neo4j
import pytest
from conftest import Neo4jTarget, free_port, reset_database
from typer.testing import CliRunner

from cli.errors import ExitCode
from cli.main import app
from kg import server
from kg.errors import InputError, ServerError

runner = CliRunner()


def local(target: Neo4jTarget) -> server.ServerConfig:
    """The session server's config; the kg.server tests need the local one."""
    if target.config is None:
        pytest.skip("NEO4J_URI points at an external server; kg.server tests need the local one")
    return target.config


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def write_pid_file(data_dir: Path, pid: int) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "neo4j.pid"
    path.write_text(f'{{"pid": {pid}, "bolt_port": 1, "http_port": 2}}')
    return path


def exited_pid() -> int:
    """The pid of a process that has finished (and been reaped)."""
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(proc.stdout)


# --- against the running server -----------------------------------------------------------


@pytest.mark.neo4j
def test_bolt_round_trip_creates_reads_and_deletes_a_node(neo4j_driver):
    neo4j_driver.execute_query("CREATE (:Actor {name: $name})", name="Ramzan Kadyrov")
    records, _, _ = neo4j_driver.execute_query("MATCH (a:Actor) RETURN a.name AS name")
    assert [r["name"] for r in records] == ["Ramzan Kadyrov"]
    _, summary, _ = neo4j_driver.execute_query("MATCH (a:Actor) DELETE a")
    assert summary.counters.nodes_deleted == 1
    records, _, _ = neo4j_driver.execute_query("MATCH (n) RETURN count(n) AS c")
    assert records[0]["c"] == 0


@pytest.mark.neo4j
def test_driver_fixture_starts_from_an_empty_database_without_schema(neo4j_driver):
    neo4j_driver.execute_query("CREATE CONSTRAINT actor_id FOR (a:Actor) REQUIRE a.id IS UNIQUE")
    neo4j_driver.execute_query("CREATE INDEX actor_name FOR (a:Actor) ON (a.name)")
    neo4j_driver.execute_query("CREATE (:Actor {id: 'x'})-[:THREATENS]->(:Actor {id: 'y'})")
    reset_database(neo4j_driver)
    nodes, _, _ = neo4j_driver.execute_query("MATCH (n) RETURN count(n) AS c")
    names, _, _ = neo4j_driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"
    )
    constraints, _, _ = neo4j_driver.execute_query("SHOW CONSTRAINTS YIELD name")
    assert nodes[0]["c"] == 0 and names == [] and constraints == []


@pytest.mark.neo4j
def test_browser_is_served_at_slash_browser(neo4j_server):
    with urllib.request.urlopen(f"{neo4j_server.http_url}/browser/", timeout=30) as resp:
        body = resp.read().decode("utf-8", errors="replace")
        assert resp.status == 200
        assert resp.headers.get_content_type() == "text/html"
    assert "<title>Neo4j Browser</title>" in body


@pytest.mark.neo4j
def test_server_listens_on_loopback_with_auth_and_advertises_its_own_ports(neo4j_server):
    config = local(neo4j_server)
    conf = (config.data_dir / "conf" / "neo4j.conf").read_text()
    assert f"server.bolt.listen_address=127.0.0.1:{config.bolt_port}" in conf
    assert "dbms.security.auth_enabled=true" in conf
    with urllib.request.urlopen(neo4j_server.http_url + "/", timeout=30) as resp:
        discovery = resp.read().decode()
    assert f'"bolt_direct":"bolt://127.0.0.1:{config.bolt_port}"' in discovery
    assert '"neo4j_version":"5.26.' in discovery
    routing_uri = f"neo4j://127.0.0.1:{config.bolt_port}"  # routing uses the advertised port
    auth = (neo4j_server.user, neo4j_server.password)
    with neo4j.GraphDatabase.driver(routing_uri, auth=auth) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1
    wrong = ("neo4j", "wrong-password")
    with (
        neo4j.GraphDatabase.driver(neo4j_server.uri, auth=wrong) as d,
        pytest.raises(neo4j.exceptions.AuthError),
    ):
        d.verify_connectivity()


@pytest.mark.neo4j
def test_password_file_is_private_and_matches_local_connection(neo4j_server):
    config = local(neo4j_server)
    mode = stat.S_IMODE(server.password_file(config.data_dir).stat().st_mode)
    assert mode == 0o600
    saved = os.environ.pop("NEO4J_PASSWORD", None)
    try:
        uri, user, password = server.local_connection(config.data_dir)
    finally:
        if saved is not None:
            os.environ["NEO4J_PASSWORD"] = saved
    assert (uri, user, password) == (neo4j_server.uri, "neo4j", neo4j_server.password)


@pytest.mark.neo4j
def test_second_start_says_already_running_and_changes_nothing(neo4j_server):
    config = local(neo4j_server)
    before = server.status(config.data_dir).info
    again = server.start(config)
    assert again.already_running and again.info == before
    code, out, err = cli("server", "start", "--data-dir", str(config.data_dir),
                         "--bolt-port", str(config.bolt_port),
                         "--http-port", str(config.http_port))  # fmt: skip
    assert code == 0, err
    assert out.startswith("already running:") and str(before.pid) in out
    assert neo4j_server.password not in out + err


@pytest.mark.neo4j
def test_status_and_password_commands(neo4j_server):
    config = local(neo4j_server)
    code, out, err = cli("server", "status", "--data-dir", str(config.data_dir))
    assert code == 0 and neo4j_server.uri in out and "/browser/" in out
    assert neo4j_server.password not in out + err
    code, out, _ = cli("server", "password", "--data-dir", str(config.data_dir))
    assert (code, out) == (0, neo4j_server.password + "\n")


@pytest.mark.neo4j
def test_password_advice_names_the_data_dir_and_works_as_pasted(neo4j_server):
    """`kg server start --data-dir D` used to advise `kg server password`, which reads the
    default directory; the advice now carries --data-dir and prints the password as given."""
    config = local(neo4j_server)
    note = server.password_note(config.data_dir, "given")
    advised = note.split("`")[1]
    assert "--data-dir" in advised
    code, out, err = cli(*shlex.split(advised)[1:])  # the words after "kg"
    assert (code, out) == (0, neo4j_server.password + "\n"), err
    assert server.command("password", server.default_data_dir()) == "kg server password"
    missing = config.data_dir.parent / "no such dir"
    code, _, err = cli("server", "password", "--data-dir", str(missing))
    assert code == ExitCode.SERVER and f"--data-dir '{missing}'" in err


@pytest.mark.neo4j
def test_stop_never_kills_a_process_that_is_not_the_server_of_that_directory(
    neo4j_server, tmp_path
):
    config = local(neo4j_server)
    ours = server.status(config.data_dir).info
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        for pid in (sleeper.pid, ours.pid):  # a stranger, and our JVM for another directory
            other = tmp_path / f"other-{pid}"
            pid_file = write_pid_file(other, pid)
            result = server.stop(other)
            assert not result.stopped
            assert not pid_file.exists()
            assert any("stale pid file" in note for note in result.notes)
        assert sleeper.poll() is None
        assert server.is_our_server(ours.pid, config.data_dir)
    finally:
        sleeper.kill()
        sleeper.wait()


@pytest.mark.neo4j
@pytest.mark.slow
def test_restart_keeps_data_and_cleans_a_stale_pid_file(neo4j_server):
    """Stops and starts the session server itself, so it costs one start, not two."""
    config = local(neo4j_server)
    auth = (neo4j_server.user, neo4j_server.password)
    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=auth) as driver:
        driver.execute_query("MERGE (:Restart {marker: $m})", m="still here")
    pid = server.status(config.data_dir).info.pid

    stopped = server.stop(config.data_dir)
    assert stopped.stopped and not server.is_our_server(pid, config.data_dir)
    assert not server.status(config.data_dir).running
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)

    write_pid_file(config.data_dir, exited_pid())
    restarted = server.start(config)
    assert restarted.running and restarted.info.pid != pid
    assert any("removed stale pid file" in note for note in restarted.notes)
    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=auth) as driver:
        records, _, _ = driver.execute_query("MATCH (r:Restart) RETURN r.marker AS m")
        driver.execute_query("MATCH (r:Restart) DELETE r")
    assert [r["m"] for r in records] == ["still here"]


# --- failures before any JVM starts --------------------------------------------------------


def test_stale_pid_file_is_removed_and_reported(tmp_path):
    pid_file = write_pid_file(tmp_path, exited_pid())
    code, out, err = cli("server", "status", "--data-dir", str(tmp_path))
    assert code == 1 and out.startswith("not running")
    assert "removed stale pid file" in err and not pid_file.exists()
    code, _, err = cli("server", "stop", "--data-dir", str(tmp_path))
    assert code == 0 and "no kg Neo4j server is running" in err


@pytest.mark.neo4j  # needs the jars (installed by the session server), not a new server
def test_port_in_use_is_a_one_line_server_error(neo4j_server, tmp_path):
    with socket.socket() as busy:
        busy.bind((server.HOST, 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ServerError, match=f"port {port} .* already in use.*--bolt-port"):
            server.start(server.ServerConfig(tmp_path, bolt_port=port, http_port=free_port()))
        code, out, err = cli("server", "start", "--data-dir", str(tmp_path),
                             "--bolt-port", str(free_port()), "--http-port", str(port))  # fmt: skip
    assert code == ExitCode.SERVER
    assert err.count("\n") == 1 and "--http-port" in err
    assert not (tmp_path / "neo4j.pid").exists()


def test_unwritable_data_dir_is_a_one_line_server_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(ServerError, match="not writable.*--data-dir"):
        server.start(server.ServerConfig(blocker / "neo4j"))
    code, _, err = cli("server", "start", "--data-dir", str(blocker / "neo4j"))
    assert code == ExitCode.SERVER and err.count("\n") == 1
    if os.geteuid() != 0:  # root writes anywhere; the mode test only means something for users
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(ServerError, match="not writable"):
            server.start(server.ServerConfig(locked))


def test_bad_options_are_usage_errors(tmp_path):
    with pytest.raises(InputError, match="--heap"):
        server.ServerConfig(tmp_path, heap="lots")
    code, _, err = cli("server", "start", "--data-dir", str(tmp_path), "--bolt-port", "70000")
    assert code == ExitCode.USAGE and "--bolt-port" in err


def _fake_java(bin_dir: Path, version: str) -> None:
    """A ``java`` that only answers ``-version``, as an old JDK would."""
    bin_dir.mkdir()
    java = bin_dir / "java"
    java.write_text(f"#!/bin/sh\necho 'openjdk version \"{version}\" 2019-01-15' >&2\n")
    java.chmod(0o755)


def test_missing_or_old_java_and_missing_maven_are_clear(tmp_path, monkeypatch):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(ServerError, match="Java not found"):
        server.find_java()
    _fake_java(tmp_path / "old", "11.0.2")
    monkeypatch.setenv("PATH", str(tmp_path / "old"))
    with pytest.raises(ServerError, match="Java 11 .* too old"):
        server.find_java()
    monkeypatch.setenv("KG_NEO4J_CACHE", str(tmp_path / "cache"))  # nothing cached here
    with pytest.raises(ServerError, match=r"Maven \(mvn\) is needed"):
        server.install()
    code, _, err = cli("server", "start", "--data-dir", str(tmp_path / "d"))
    assert code == ExitCode.SERVER and "too old" in err and err.count("\n") == 1


def test_java_versions_are_read_in_both_numbering_schemes(tmp_path):
    for version, major in (("1.8.0_392", 8), ("17.0.15", 17), ("21", 21)):
        _fake_java(tmp_path / version, version)
        assert server.java_major(tmp_path / version / "java") == major
