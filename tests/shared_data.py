"""Where the tests find the repo's examples and the project's shared data (../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"
SEED = SHARED / "corpus" / "000_dbff4a963a0d4a54.txt"
EVAL = sorted((SHARED / "eval").glob("*.jsonl"))
needs_shared = pytest.mark.skipif(not SEED.exists(), reason="../shared (seed corpus) is absent")
