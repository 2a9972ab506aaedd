"""The few exceptions kg raises; the CLI turns each into one line and an exit code."""

from __future__ import annotations


class KgError(Exception):
    """Base class: every error kg raises on purpose."""


class InputError(KgError):
    """A path or document that cannot be read at all (missing path, bad option)."""


class ModelError(KgError):
    """A spaCy pipeline that is not installed or cannot be loaded."""


class LexiconError(KgError):
    """A data file (gazetteer, verb lexicon, vocabulary) that does not validate."""


class OutputError(KgError):
    """A file kg cannot write once the work is done; the message says where it was kept."""


class GraphWriteError(KgError):
    """Neo4j refused or failed a write after retries."""


class Neo4jUnavailable(KgError):
    """Neo4j cannot be reached, or authentication failed."""


class ServerError(KgError):
    """The local Neo4j server could not be installed, started or stopped."""
