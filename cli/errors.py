"""Exit codes and the one place where kg's exceptions become messages."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from enum import IntEnum
from functools import wraps
from typing import Any, TypeVar

import typer
from typer.exceptions import Abort, Exit, TyperException

from kg.errors import (
    GraphWriteError,
    InputError,
    KgError,
    LexiconError,
    ModelError,
    Neo4jUnavailable,
    OutputError,
    ServerError,
)


class ExitCode(IntEnum):
    """Documented in the README; tests check each one."""

    OK = 0
    SOME_SKIPPED = 1
    USAGE = 2
    NEO4J = 3
    MODEL = 4
    SERVER = 5
    INTERNAL = 70  # a bug in kg: please report it with the --traceback output
    IO = 74  # a file could not be written or read (permissions, disk full, --out is a file)


_CODES: list[tuple[type[KgError], ExitCode]] = [
    (InputError, ExitCode.USAGE),
    (LexiconError, ExitCode.USAGE),
    (Neo4jUnavailable, ExitCode.NEO4J),
    (GraphWriteError, ExitCode.NEO4J),
    (ModelError, ExitCode.MODEL),
    (ServerError, ExitCode.SERVER),
    (OutputError, ExitCode.IO),
]

F = TypeVar("F", bound=Callable[..., Any])

#: set by the ``--traceback`` option of the root command
SHOW_TRACEBACK = {"on": False}


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> typer.Exit:
    """Print ``kg: error: message`` to stderr and return the Exit to raise."""
    typer.echo(f"kg: error: {message}", err=True)
    return typer.Exit(int(code))


def handle_errors(func: F) -> F:
    """Turn kg exceptions into one line on stderr and the documented exit code.

    Anything else also becomes one line (and never Python's exit code 1, which means
    "some inputs skipped"); ``--traceback`` shows the stack as well, with the same exit code
    (a script must not read a login failure as "some inputs skipped").
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (TyperException, Exit, Abort):  # usage errors and deliberate exits
            raise
        except KgError as exc:
            code = next((c for t, c in _CODES if isinstance(exc, t)), ExitCode.INTERNAL)
            raise _failure(str(exc), code) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise _failure(f"{where}{exc.strerror or exc}", ExitCode.IO) from None
        except KeyboardInterrupt:
            typer.echo("kg: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            raise _failure(f"internal error ({type(exc).__name__}: {' '.join(str(exc).split())}); "
                           "rerun with --traceback and report it", ExitCode.INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def _failure(message: str, code: ExitCode) -> typer.Exit:
    """The one-line message (after the stack, with ``--traceback``) and the Exit to raise;
    called inside the ``except`` block, so the stack is the exception being handled."""
    if SHOW_TRACEBACK["on"]:
        traceback.print_exc(file=sys.stderr)
    return fail(message, code)
