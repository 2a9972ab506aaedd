"""A local Neo4j 5.26 LTS Community server built from Maven Central jars, without Docker.

Why: CI and laptops without Docker still need a real server for the Neo4j writer and for
exploring graphs in Neo4j Browser.  Maven resolves the jars once into a cache (the recipe is
``kg/data/neo4j/pom.xml``); every later start runs offline.  The JVM runs detached in its own
session so it outlives the CLI, and a pid file lets ``stop`` end exactly that process.

Layout of a server directory (``--data-dir``)::

    conf/neo4j.conf   rewritten on every start from ServerConfig
    data/             databases and transaction logs
    logs/             console.log (JVM stdout/stderr), neo4j.log, debug.log, ...
    neo4j.pid         JSON: pid and ports of the running server
    password          the neo4j user's password, mode 0600
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import string
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kg.errors import InputError, ServerError

USER = "neo4j"
HOST = "127.0.0.1"
DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
DEFAULT_HEAP = "1g"
DEFAULT_PAGECACHE = "256m"
MIN_JAVA = 17
MIN_PASSWORD = 8  # Neo4j refuses shorter initial passwords
START_TIMEOUT = 120.0
STOP_TIMEOUT = 120.0
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

# Flags the Neo4j 5.26 launcher adds (server.jvm.additional); needed on Java 17+.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)

_SIZE = re.compile(r"^[1-9][0-9]*[kmg]$", re.IGNORECASE)
_PID_FILE = "neo4j.pid"
_PASSWORD_FILE = "password"
_INSTALLED_MARK = ".kg-pom-sha256"


# --- where things live --------------------------------------------------------------------


def pom_text() -> str:
    """The Maven recipe shipped with kg: the single source of the Neo4j and Browser versions."""
    return resources.files("kg.data").joinpath("neo4j/pom.xml").read_text(encoding="utf-8")


def versions() -> dict[str, str]:
    """``{"neo4j": "5.26.x", "browser": "5.24.0"}`` as pinned in the pom's properties."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    props = ET.fromstring(pom_text()).find("m:properties", ns)
    if props is None:
        raise ServerError("kg/data/neo4j/pom.xml has no <properties>; reinstall kg")
    return {
        "neo4j": props.findtext("m:neo4j.version", default="", namespaces=ns),
        "browser": props.findtext("m:neo4j-browser.version", default="", namespaces=ns),
    }


def cache_root() -> Path:
    """``$KG_NEO4J_CACHE``, else ``$XDG_CACHE_HOME/kg/neo4j`` (``~/.cache/kg/neo4j``)."""
    if os.environ.get("KG_NEO4J_CACHE"):
        return Path(os.environ["KG_NEO4J_CACHE"]).expanduser().absolute()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser().absolute() / "kg" / "neo4j"


def lib_dir() -> Path:
    """The folder of jars for the pinned Neo4j version."""
    return cache_root() / versions()["neo4j"] / "lib"


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME/kg/neo4j`` (``~/.local/share/kg/neo4j``): survives cache cleaning."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base).expanduser().absolute() / "kg" / "neo4j"


def _resolve_data_dir(data_dir: Path | str | None) -> Path:
    return Path(data_dir).expanduser().absolute() if data_dir else default_data_dir()


# --- prerequisites ------------------------------------------------------------------------


def find_java() -> Path:
    """``$JAVA_HOME/bin/java`` or ``java`` on PATH, checked to be Java 17 or newer."""
    home = os.environ.get("JAVA_HOME")
    candidate = Path(home) / "bin" / "java" if home else None
    if candidate is None or not candidate.is_file():
        found = shutil.which("java")
        if not found:
            raise ServerError(
                "Java not found: install a JDK/JRE 17 or 21 (e.g. `apt-get install "
                "openjdk-17-jre-headless`) or set JAVA_HOME"
            )
        candidate = Path(found)
    major = java_major(candidate)
    if major < MIN_JAVA:
        raise ServerError(
            f"Java {major} at {candidate} is too old: Neo4j 5.26 needs Java 17 or 21; "
            "install one and put it first on PATH or set JAVA_HOME"
        )
    return candidate


def java_major(java: Path) -> int:
    """The feature release of a java binary: 8 for ``1.8.0_x``, 17 for ``17.0.15``."""
    try:
        out = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except OSError as exc:
        raise ServerError(f"cannot run {java}: {exc}; check your Java installation") from None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        raise ServerError(f"cannot tell the version of {java}; check your Java installation")
    first, second = int(match.group(1)), int(match.group(2) or 0)
    return second if first == 1 else first


def is_installed() -> bool:
    """True when the cache holds the jars of exactly the pom shipped with this kg."""
    mark = lib_dir() / _INSTALLED_MARK
    return mark.is_file() and mark.read_text().strip() == _pom_digest()


def _pom_digest() -> str:
    return hashlib.sha256(pom_text().encode("utf-8")).hexdigest()


def install(force: bool = False) -> Path:
    """Resolve the server and Browser jars with Maven into the cache; a no-op when cached.

    Maven downloads into a temporary folder that is renamed into place at the end, so an
    interrupted download never looks installed.
    """
    lib = lib_dir()
    if is_installed() and not force:
        return lib
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerError(
            f"Maven (mvn) is needed once to download Neo4j {versions()['neo4j']} into {lib}: "
            "install it (e.g. `apt-get install maven`) and run `kg server install`"
        )
    find_java()  # Maven needs it too; fail with the clear message
    lib.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="install-", dir=lib.parent) as tmp:
        work = Path(tmp)
        (work / "pom.xml").write_text(pom_text(), encoding="utf-8")
        staged = work / "lib"
        cmd = [
            mvn, "-B", "-q", "-f", str(work / "pom.xml"),
            "dependency:copy-dependencies", "-DincludeScope=runtime",
            f"-DoutputDirectory={staged}",
        ]  # fmt: skip
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0 or not any(staged.glob("neo4j-*.jar")):
            tail = _last_lines(proc.stdout + proc.stderr, 15)
            raise ServerError(
                f"Maven could not download Neo4j {versions()['neo4j']} (is Maven Central "
                f"reachable?); run `kg server install` again when online. mvn said:\n{tail}"
            )
        (staged / _INSTALLED_MARK).write_text(_pom_digest() + "\n")
        if lib.exists():
            shutil.rmtree(lib)
        staged.rename(lib)
    return lib


# --- configuration ------------------------------------------------------------------------


@dataclass(frozen=True)
class ServerConfig:
    """What a user may choose for a local server; everything else is fixed on purpose."""

    data_dir: Path = field(default_factory=default_data_dir)
    bolt_port: int = DEFAULT_BOLT_PORT
    http_port: int = DEFAULT_HTTP_PORT
    heap: str = DEFAULT_HEAP
    pagecache: str = DEFAULT_PAGECACHE

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_dir", _resolve_data_dir(self.data_dir))
        for name in ("bolt_port", "http_port"):
            port = getattr(self, name)
            if not 1 <= port <= 65535:
                raise InputError(f"--{name.replace('_', '-')} {port} is not a TCP port (1-65535)")
        if self.bolt_port == self.http_port:
            raise InputError(f"--bolt-port and --http-port are both {self.bolt_port}; pick two")
        for name in ("heap", "pagecache"):
            if not _SIZE.match(getattr(self, name)):
                raise InputError(f"--{name} {getattr(self, name)!r}: use a size like 512m or 1g")


def neo4j_conf(config: ServerConfig) -> str:
    """The neo4j.conf text for ``config``: loopback only, auth on, small memory footprint."""
    d = config.data_dir
    lines = [
        "# Written by kg (kg/server.py) on every start; edits here are overwritten.",
        f"server.default_listen_address={HOST}",
        f"server.default_advertised_address={HOST}",
        f"server.bolt.listen_address={HOST}:{config.bolt_port}",
        f"server.bolt.advertised_address={HOST}:{config.bolt_port}",
        f"server.http.listen_address={HOST}:{config.http_port}",
        f"server.http.advertised_address={HOST}:{config.http_port}",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        f"server.directories.data={d / 'data'}",
        f"server.directories.logs={d / 'logs'}",
        f"server.directories.import={d / 'import'}",
        f"server.memory.pagecache.size={config.pagecache}",
        f"server.memory.heap.initial_size={config.heap}",
        f"server.memory.heap.max_size={config.heap}",
        "dbms.usage_report.enabled=false",
        # Netty waits 5 s per event-loop group before closing Bolt (10 s per stop); the
        # databases are already checkpointed by then, so a short quiet period loses nothing.
        "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
    ]
    return "\n".join(lines) + "\n"


# --- state of a server directory ----------------------------------------------------------


@dataclass(frozen=True)
class ServerInfo:
    """A running server: where to reach it and which process it is."""

    pid: int
    data_dir: Path
    bolt_port: int
    http_port: int
    version: str

    @property
    def bolt_uri(self) -> str:
        return f"bolt://{HOST}:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://{HOST}:{self.http_port}"

    @property
    def browser_url(self) -> str:
        return f"{self.http_url}/browser/"

    @property
    def password_file(self) -> Path:
        return self.data_dir / _PASSWORD_FILE


@dataclass
class Status:
    """Result of start/stop/status: the server (when running) and notes for the user."""

    data_dir: Path
    info: ServerInfo | None = None
    notes: list[str] = field(default_factory=list)
    already_running: bool = False
    stopped: bool = False
    seconds: float = 0.0

    @property
    def running(self) -> bool:
        return self.info is not None


def _cmdline(pid: int) -> list[str]:
    """The argv of ``pid`` (empty for zombies and vanished processes)."""
    proc = Path(f"/proc/{pid}/cmdline")
    if Path("/proc/self").exists():
        try:
            return [a for a in proc.read_bytes().decode(errors="replace").split("\0") if a]
        except OSError:
            return []
    out = subprocess.run(
        ["ps", "-ww", "-o", "command=", "-p", str(pid)], capture_output=True, text=True
    )
    return out.stdout.split()


def _reap(pid: int, wait: float = 0.0) -> None:
    """Collect ``pid`` if it is our own exited child, so it does not linger as a zombie.

    ``wait`` gives a child that is exiting right now that long to become collectable.
    """
    deadline = time.monotonic() + wait
    with contextlib.suppress(ChildProcessError, OSError):
        while os.waitpid(pid, os.WNOHANG) == (0, 0) and time.monotonic() < deadline:
            time.sleep(0.05)


def is_our_server(pid: int, data_dir: Path) -> bool:
    """True only for a live Neo4j JVM started by kg for exactly this data directory."""
    _reap(pid)
    args = _cmdline(pid)
    return ENTRY_POINT in args and f"--home-dir={data_dir}" in args


def _read_pid_file(data_dir: Path) -> dict | None:
    path = data_dir / _PID_FILE
    try:
        record = json.loads(path.read_text())
        int(record["pid"])
        return record
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return {"pid": -1}  # unreadable: treated as stale


def _check(data_dir: Path) -> Status:
    """Status of ``data_dir``, removing a pid file whose process is gone or not ours."""
    status = Status(data_dir=data_dir)
    record = _read_pid_file(data_dir)
    if record is None:
        return status
    pid = int(record["pid"])
    if pid > 0 and is_our_server(pid, data_dir):
        status.info = ServerInfo(
            pid=pid,
            data_dir=data_dir,
            bolt_port=int(record.get("bolt_port", DEFAULT_BOLT_PORT)),
            http_port=int(record.get("http_port", DEFAULT_HTTP_PORT)),
            version=str(record.get("version", "")),
        )
        return status
    with contextlib.suppress(FileNotFoundError):
        (data_dir / _PID_FILE).unlink()
    status.notes.append(
        f"removed stale pid file {data_dir / _PID_FILE} (pid {pid} is not a running kg Neo4j)"
    )
    return status


def status(data_dir: Path | str | None = None) -> Status:
    """Is a kg-started server running on ``data_dir``?  Never starts or stops anything."""
    return _check(_resolve_data_dir(data_dir))


# --- password -----------------------------------------------------------------------------


def command(verb: str, data_dir: Path | str | None = None) -> str:
    """The ``kg server`` command a message advises, with ``--data-dir`` unless it is the
    default one: advice that works when pasted."""
    d = _resolve_data_dir(data_dir)
    if d == default_data_dir():
        return f"kg server {verb}"
    return f"kg server {verb} --data-dir {shlex.quote(str(d))}"


def password_note(data_dir: Path | str | None, source: str) -> str:
    """What the first start says about the password it stored."""
    path = _resolve_data_dir(data_dir) / _PASSWORD_FILE
    return (f"password for user {USER} ({source}) stored in {path} (mode 0600); "
            f"show it with `{command('password', data_dir)}`")


def password_file(data_dir: Path | str | None = None) -> Path:
    return _resolve_data_dir(data_dir) / _PASSWORD_FILE


def read_password(data_dir: Path | str | None = None) -> str:
    """The password the server in ``data_dir`` was initialised with (kept mode 0600)."""
    path = password_file(data_dir)
    try:
        return path.read_text(encoding="utf-8").rstrip("\r\n")
    except FileNotFoundError:
        raise ServerError(
            f"no password stored in {path}: start the server once with "
            f"`{command('start', data_dir)}`"
        ) from None


def _write_secret(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    os.chmod(path, 0o600)


def _initialise_password(
    config: ServerConfig, java: Path, lib: Path, password: str | None
) -> str | None:
    """Before the very first start: set the neo4j user's password and store it (0600).

    Uses ``password``, else ``NEO4J_PASSWORD`` when set, else a random one.  The password
    goes to the admin tool through a 0600 argument file, never on a command line other
    users could read.
    Returns a note for the user, or None when the server was initialised before.
    """
    d = config.data_dir
    if (d / "data" / "databases" / "system").exists():
        return None
    from_env = os.environ.get("NEO4J_PASSWORD")
    chosen = (
        password
        or from_env
        or "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(24))
    )
    if len(chosen) < MIN_PASSWORD:
        raise ServerError(
            f"the initial password (NEO4J_PASSWORD?) is shorter than {MIN_PASSWORD} "
            "characters, which Neo4j refuses; set a longer one or unset it to get a generated one"
        )
    argfile = d / "conf" / "set-password.args"
    args = ["-cp", str(lib / "*"), ADMIN_TOOL, "dbms", "set-initial-password", "--", chosen]
    _write_secret(argfile, "\n".join(_java_quote(a) for a in args))
    env = {**os.environ, "NEO4J_HOME": str(d), "NEO4J_CONF": str(d / "conf")}
    try:
        proc = subprocess.run(
            [str(java), "-Xmx256m", f"@{argfile}"],
            capture_output=True, text=True, env=env, cwd=d, timeout=300, check=False,
        )  # fmt: skip
    finally:
        argfile.unlink(missing_ok=True)
    if proc.returncode != 0:
        raise ServerError(
            "setting the initial Neo4j password failed: "
            + _last_lines(proc.stdout + proc.stderr, 5).replace(chosen, "***")
        )
    _write_secret(d / _PASSWORD_FILE, chosen)
    source = "given" if password else "from NEO4J_PASSWORD" if from_env else "generated"
    return password_note(d, source)


def _java_quote(arg: str) -> str:
    """Quote one argument for a java @argfile (backslashes and quotes escaped)."""
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- start / stop -------------------------------------------------------------------------


def _ensure_writable(data_dir: Path) -> None:
    try:
        for sub in ("", "conf", "data", "logs", "import"):
            (data_dir / sub).mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=data_dir / "data", prefix=".kg-write-test-"):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ServerError(
            f"data directory {data_dir} is not writable ({reason}): fix its permissions "
            "or choose another with --data-dir"
        ) from None


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def _bolt_answers(port: int) -> bool:
    """True when a Bolt server on ``port`` completes the version handshake."""
    # magic preamble, then four proposals: Bolt 5.0-5.8, 4.4, none, none
    hello = bytes.fromhex("6060b017" + "00080805" + "00000404" + "00000000" * 2)
    try:
        with socket.create_connection((HOST, port), timeout=2) as sock:
            sock.sendall(hello)
            reply = sock.recv(4)
    except OSError:
        return False
    return len(reply) == 4 and reply != b"\0\0\0\0"


def _http_answers(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=2):
            return True
    except OSError:
        return False


def _last_lines(text: str, n: int) -> str:
    return "\n".join(text.strip().splitlines()[-n:])


def log_tail(data_dir: Path, n: int = 20) -> str:
    """The last lines the JVM wrote to ``logs/console.log``."""
    try:
        return _last_lines((data_dir / "logs" / "console.log").read_text(errors="replace"), n)
    except OSError:
        return "(no console.log)"


def start(
    config: ServerConfig | None = None,
    timeout: float = START_TIMEOUT,
    initial_password: str | None = None,
) -> Status:
    """Start the server and return once Bolt and HTTP accept connections.

    ``initial_password`` only matters on the very first start of a data directory.
    A second start on a running server changes nothing and reports ``already_running``.
    """
    config = config or ServerConfig()
    d = config.data_dir
    began = time.monotonic()
    _ensure_writable(d)
    current = _check(d)
    if current.running:
        current.already_running = True
        return current
    notes = current.notes
    java = find_java()
    lib = install()
    for flag, port in (("--bolt-port", config.bolt_port), ("--http-port", config.http_port)):
        if not _port_free(port):
            raise ServerError(
                f"port {port} on {HOST} is already in use: stop what listens there "
                f"or choose another with {flag}"
            )
    (d / "conf" / "neo4j.conf").write_text(neo4j_conf(config), encoding="utf-8")
    note = _initialise_password(config, java, lib, initial_password)
    if note:
        notes.append(note)
    elif (
        os.environ.get("NEO4J_PASSWORD")
        and password_file(d).is_file()
        and (os.environ["NEO4J_PASSWORD"] != read_password(d))
    ):
        notes.append(
            "NEO4J_PASSWORD differs from the password this server was initialised with; "
            "the server keeps its own (change it in Browser with ALTER CURRENT USER)"
        )
    proc = _spawn(config, java, lib)
    version = versions()["neo4j"]
    record = {"pid": proc.pid, "bolt_port": config.bolt_port, "http_port": config.http_port,
              "version": version}  # fmt: skip
    try:
        _write_pid_file(d, record)
    except FileExistsError:
        _terminate(proc.pid, d, remove_pid_file=False)
        raise ServerError(f"another `kg server start` on {d} got there first; try again") from None
    deadline = began + timeout
    while not (_bolt_answers(config.bolt_port) and _http_answers(config.http_port)):
        if proc.poll() is not None:
            (d / _PID_FILE).unlink(missing_ok=True)
            raise ServerError(
                f"Neo4j exited with code {proc.returncode} while starting; see "
                f"{d / 'logs'}. Last lines:\n{log_tail(d)}"
            )
        if time.monotonic() > deadline:
            _terminate(proc.pid, d)
            raise ServerError(
                f"Neo4j did not accept Bolt connections within {timeout:.0f} s and was "
                f"stopped; see {d / 'logs'}. Last lines:\n{log_tail(d)}"
            )
        time.sleep(0.25)
    info = ServerInfo(proc.pid, d, config.bolt_port, config.http_port, version)
    return Status(data_dir=d, info=info, notes=notes, seconds=time.monotonic() - began)


def _spawn(config: ServerConfig, java: Path, lib: Path) -> subprocess.Popen:
    """Launch the JVM detached (own session), output appended to logs/console.log."""
    d = config.data_dir
    cmd = [
        str(java), f"-Xms{config.heap}", f"-Xmx{config.heap}", *JVM_FLAGS,
        "-cp", str(lib / "*"), ENTRY_POINT,
        f"--home-dir={d}", f"--config-dir={d / 'conf'}", "--console-mode",
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    env.update(NEO4J_HOME=str(d), NEO4J_CONF=str(d / "conf"))
    with open(d / "logs" / "console.log", "ab") as log:
        return subprocess.Popen(
            cmd, cwd=d, env=env, stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True, close_fds=True,
        )  # fmt: skip


def _write_pid_file(data_dir: Path, record: dict) -> None:
    path = data_dir / _PID_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w") as fh:
        json.dump(record, fh)


def _terminate(
    pid: int, data_dir: Path, timeout: float = STOP_TIMEOUT, remove_pid_file: bool = True
) -> bool:
    """SIGTERM our server and wait until it is gone; never signals any other process."""
    if not is_our_server(pid, data_dir):
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while is_our_server(pid, data_dir):
        if time.monotonic() > deadline:
            raise ServerError(
                f"Neo4j (pid {pid}) did not stop within {timeout:.0f} s; see "
                f"{data_dir / 'logs'} and end it with `kill {pid}` if it hangs"
            )
        time.sleep(0.2)
    _reap(pid, wait=5.0)  # its command line is gone; when it is our child, collect it now
    if remove_pid_file:
        (data_dir / _PID_FILE).unlink(missing_ok=True)
    return True


def stop(data_dir: Path | str | None = None) -> Status:
    """Stop the server kg started on ``data_dir`` (the pid in its pid file), nothing else."""
    d = _resolve_data_dir(data_dir)
    began = time.monotonic()
    current = _check(d)
    if not current.running:
        current.notes.append(f"no kg Neo4j server is running for {d}")
        return current
    assert current.info is not None
    current.stopped = _terminate(current.info.pid, d)
    current.seconds = time.monotonic() - began
    return current


# --- for the rest of kg -------------------------------------------------------------------


def local_connection(data_dir: Path | str | None = None) -> tuple[str, str, str]:
    """``(uri, user, password)`` of the local server in ``data_dir``.

    The port comes from the running server (else from the last written neo4j.conf, else
    7687); the password from ``NEO4J_PASSWORD`` when set, else from the stored file.
    """
    d = _resolve_data_dir(data_dir)
    current = _check(d)
    if current.info is not None:
        uri = current.info.bolt_uri
    else:
        port = DEFAULT_BOLT_PORT
        with contextlib.suppress(OSError):
            conf = (d / "conf" / "neo4j.conf").read_text(encoding="utf-8")
            match = re.search(r"^server\.bolt\.listen_address=.*:(\d+)$", conf, re.MULTILINE)
            if match:
                port = int(match.group(1))
        uri = f"bolt://{HOST}:{port}"
    password = os.environ.get("NEO4J_PASSWORD") or read_password(d)
    return uri, USER, password
