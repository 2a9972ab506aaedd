"""Where tables go: a terminal's width on a tty; piped, one row per line, never wrapped.

Rich assumes 80 columns when stdout is not a terminal, which breaks every long sentence and
name over several lines and ruins ``| grep`` and ``| cut``.
"""

from __future__ import annotations

import sys

from rich.console import Console

#: Wide enough for any row kg prints (a table only takes the width its cells need).
PIPED_WIDTH = 100_000


def out_console() -> Console:
    """The console for stdout tables (create it per command: tests swap sys.stdout)."""
    return Console() if sys.stdout.isatty() else Console(width=PIPED_WIDTH)
