"""Load the Cypher files in ``queries/`` by name, in a checkout and in an installed wheel.

Cypher lives in files so analysts can read and reuse it; Python passes only parameters.
Analyst queries open with a header that ``kg query`` reads::

    // Question: Who threatens whom, and how often?
    // Param: limit int = 50  -- maximum number of rows

Write templates (``queries/write/``) may contain slots such as ``__REL__``: Cypher cannot
parametrise a relationship type or label, so :func:`render` fills them, and only with
values from the fixed whitelists (the relation vocabulary, the entity labels).  The same
validators check the values the loader sends as dynamic ``$(...)`` types and labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from neo4j import Driver, Record, RoutingControl
from neo4j.exceptions import Neo4jError

from kg.errors import InputError
from kg.vocab import relation_type, relations
from kg.write.model import type_labels

_HEADER = re.compile(r"^//\s*(Question|Param):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s+(string|int|float|bool|list)(?:\s*=\s*(\S+))?\s*(?:--\s*(.*))?$")
_SLOT = re.compile(r"__([A-Z_]+?)__")


def _label(value: str) -> str:
    if value not in ("Actor", "Topic"):
        raise InputError(f"label {value!r} is not an entity label")
    return value


def _type_label(value: str) -> str:
    if value != "Actor" and value not in type_labels():
        raise InputError(f"label {value!r} is not an actor type label")
    return value


def _all_relations(value: str) -> str:
    if value != "|".join(relations()):
        raise InputError("__RELS__ must be the full relation vocabulary, joined by |")
    return value


#: Slot name -> validator; a template can only be filled through these.
SLOTS: dict[str, Callable[[str], str]] = {
    "REL": relation_type,
    "LABEL": _label,
    "SOURCE_LABEL": _label,
    "TARGET_LABEL": _label,
    "TYPE_LABEL": _type_label,
    "RELS": _all_relations,
}


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str
    default: str | None
    help: str

    def coerce(self, raw: str) -> Any:
        """Turn a ``--param k=v`` string into the declared Cypher type."""
        try:
            if self.type == "int":
                return int(raw)
            if self.type == "float":
                return float(raw)
        except ValueError:
            raise InputError(f"parameter {self.name} must be {self.type}, got {raw!r}") from None
        if self.type == "bool":
            if raw.lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise InputError(f"parameter {self.name} must be true or false, got {raw!r}")
            return raw.lower() in ("true", "1", "yes")
        if self.type == "list":
            return [item.strip() for item in raw.split(",") if item.strip()]
        return raw


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    text: str
    question: str = ""
    params: list[Param] = field(default_factory=list)

    def parameters(self, raw: Mapping[str, str]) -> dict[str, Any]:
        """Declared parameters from ``raw`` strings plus defaults; unknown or missing fail."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(raw) - set(declared))
        if unknown:
            raise InputError(f"query {self.name} has no parameter {', '.join(unknown)}; "
                             f"it takes: {', '.join(declared) or 'none'}")
        values: dict[str, Any] = {}
        for p in self.params:
            if p.name in raw:
                values[p.name] = p.coerce(raw[p.name])
            elif p.default is not None:
                values[p.name] = p.coerce(p.default)
            else:
                raise InputError(f"query {self.name} needs --param {p.name}=… ({p.help})")
        return values


def queries_dir() -> Traversable:
    """``queries/`` beside the package in a checkout, else ``kg/_queries`` in the wheel."""
    repo = Path(__file__).resolve().parent.parent / "queries"
    if repo.is_dir():
        return repo
    return resources.files("kg").joinpath("_queries")


def parse(name: str, text: str) -> Query:
    question, params, in_question = "", [], False
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            if not line.strip().startswith("//"):
                break
            if in_question:  # the question continues on the next comment lines
                question += " " + line.strip().removeprefix("//").strip()
            continue
        kind, rest = match.groups()
        in_question = kind == "Question"
        if kind == "Question":
            question = rest.strip()
            continue
        pm = _PARAM.match(rest.strip())
        if not pm:
            raise InputError(f"query {name}: cannot read parameter line {line.strip()!r}")
        params.append(Param(pm[1], pm[2], pm[3], (pm[4] or "").strip()))
    return Query(name=name, text=text, question=question, params=params)


def load(name: str) -> Query:
    """A query by name (``who_threatens_whom``, ``write/upsert_events``) or by file path."""
    path = Path(name)
    if path.suffix == ".cypher" and path.is_file():
        return parse(path.stem, path.read_text("utf-8"))  # a user's file: read it every time
    return _load_named(name.removesuffix(".cypher"))


@cache
def _load_named(name: str) -> Query:
    """Shipped queries are read once per process (the loader uses them for every batch)."""
    parts = name.split("/")
    node = queries_dir()
    for part in parts[:-1]:
        node = node.joinpath(part)
    node = node.joinpath(parts[-1] + ".cypher")
    if not node.is_file():
        raise InputError(f"no query named {name!r}; see `kg query --list`")
    return parse(name, node.read_text("utf-8"))


def available() -> list[Query]:
    """The analyst queries (top-level ``*.cypher`` except the schema), sorted by name."""
    names = sorted(p.name for p in queries_dir().iterdir()
                   if p.name.endswith(".cypher") and p.name != "schema.cypher")
    return [load(n.removesuffix(".cypher")) for n in names]


def statements(text: str) -> list[str]:
    """Split a script into statements at ``;`` line ends, dropping comment-only lines."""
    out, current = [], []
    for line in text.splitlines():
        if line.strip().startswith("//") or not line.strip():
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            out.append("\n".join(current).rstrip().removesuffix(";"))
            current = []
    if current:
        out.append("\n".join(current))
    return out


def render(text: str, **slots: str) -> str:
    """Fill ``__SLOT__`` markers, each value checked against its whitelist."""
    def fill(match: re.Match[str]) -> str:
        slot = match[1]
        if slot not in SLOTS or slot not in slots:
            raise InputError(f"template slot __{slot}__ has no allowed value")
        return SLOTS[slot](slots[slot])

    return _SLOT.sub(fill, text)


class QueryFailed(InputError):
    """Neo4j rejected an analyst query (syntax, missing index, wrong parameter type)."""


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The last statement's column names and records, and how many statements ran."""

    keys: list[str]
    records: list[Record]
    statements: int = 1


def run(driver: Driver, query: Query, params: Mapping[str, Any], *,
        database: str | None = None) -> QueryResult:
    """Run a query: one statement as a read; a script of several (``schema``), which the
    driver refuses as one query, statement by statement as writes."""
    parts = statements(query.text)
    routing = RoutingControl.READ if len(parts) <= 1 else RoutingControl.WRITE
    keys: list[str] = []
    records: list[Record] = []
    for part in parts or [query.text]:
        try:
            records, _, found = driver.execute_query(part, dict(params), database_=database,
                                                     routing_=routing)
        except Neo4jError as exc:
            raise QueryFailed(f"query {query.name} failed: {exc.message or exc}") from None
        keys = list(found)
    return QueryResult(keys, records, len(parts))
