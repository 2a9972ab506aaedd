"""Reading JSONL data files (lexicons, gazetteer, gold sets): one place for the error rule.

A data file that does not parse is the user's to fix, so the first bad line stops the load
with ``where:line`` in the message (input documents are different: see ``kg.read``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from kg.errors import KgError


def parse_jsonl(text: str, where: str, error: type[KgError]) -> Iterator[tuple[int, Any]]:
    """(line number, value) for every non-blank line that is not a ``//`` comment."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise error(f"{where}:{number}: not JSON ({exc.msg})") from exc
