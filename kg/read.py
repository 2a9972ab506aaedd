"""Reading inputs: the only place kg opens input files or stdin.

Bad input must never cost good work, so every problem with one input becomes a
:class:`~kg.types.Skipped` entry in the caller's ``report`` list and reading goes on with the
next input.  Which files are read, and their ids, is :mod:`kg.inputs`' job; a path that does
not exist is a usage error raised *before anything is read*.

Everything streams: files are read in blocks and decoded incrementally, a very large text
file becomes several documents cut at paragraph boundaries (``id``, ``id#2``, ...), and
JSONL is read line by line, so memory stays bounded whatever the input size.

Document ids are unique within a run: a second document under a taken id with the same
text is the same document (read once); with a different text it becomes ``id~<hash>``
(:func:`kg.ids.variant_id`) with a warning, never a silent overwrite.  Text from stdin, and
JSONL lines from stdin without an ``id``, are named by their content (``stdin-<hash>``), so
two runs of different text never share an id.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError
from kg.fields import document_lang, meta_key, norm_date, norm_lang
from kg.html_text import HtmlText
from kg.ids import text_hash, variant_id
from kg.inputs import STDIN, Input, expand
from kg.sidecar import IndexEntry
from kg.types import Document, Skipped

__all__ = ["BLOCK_BYTES", "MAX_DOC_CHARS", "STDIN", "read_documents"]

#: a text document longer than this (characters) is split into several documents
MAX_DOC_CHARS = 1_000_000
#: bytes read at a time; also the sample used to recognise binary files
BLOCK_BYTES = 1 << 16

#: tried in order; latin-1 decodes any byte, so it is the last resort
ENCODINGS = ("utf-8", "cp1252", "latin-1")
#: JSONL fields with a meaning of their own; other scalar fields become ``Document.meta``
_JSONL_FIELDS = frozenset({"id", "text", "date", "lang"})

_DATE_HEADER = re.compile(
    r"\A\s*date\s*[:\t ]\s*(\d{4}-\d{1,2}(?:-\d{1,2})?)(?![\w-])[ \t]*\n?", re.IGNORECASE
)
_SURROGATE = re.compile("[\ud800-\udfff]")
#: control bytes that do not occur in text (everything below 0x20 but tab, LF, FF, CR, ESC)
_CONTROL = frozenset(set(range(32)) - {9, 10, 12, 13, 27})


class _Skip(Exception):
    """Internal: this input cannot be used; the message is the reason shown to the user."""


Report = Callable[..., None]  # note(where, reason, kind="skipped")


def read_documents(
    paths: Sequence[str | Path],
    *,
    lang: str | None = None,
    report: list[Skipped] | None = None,
    max_doc_chars: int = MAX_DOC_CHARS,
) -> Iterator[Document]:
    """Stream the documents in ``paths`` (files, folders, ``-`` for stdin).

    ``lang`` is the language of documents that do not state their own (a JSONL ``lang``
    field is more specific and wins).  Problems are appended to ``report``.  Missing paths
    raise :class:`InputError` at call time, before any document is produced.
    """
    if max_doc_chars < 1000:
        raise InputError(f"max_doc_chars must be at least 1000, got {max_doc_chars}")
    sink: list[Skipped] = report if report is not None else []

    def note(where: str, reason: str, kind: str = "skipped") -> None:
        sink.append(Skipped(where=where, reason=reason, kind=kind))

    inputs = expand(paths, note)
    return _generate(inputs, norm_lang(lang), note, max_doc_chars)


def _generate(
    inputs: list[Input], lang: str | None, note: Report, max_chars: int
) -> Iterator[Document]:
    seen: dict[str, str] = {}  # id -> text hash of the documents already produced
    for item in inputs:
        try:
            for doc in _read_input(item, lang, note, max_chars):
                _apply_index(doc, item.index)
                if _unique(doc, seen, note):
                    yield doc
        except _Skip as skip:
            note(item.where, str(skip))
        except OSError as exc:
            note(item.where, f"cannot read: {exc.strerror or exc}")
        except UnicodeDecodeError as exc:
            note(item.where, f"cannot decode as {exc.encoding}")


def _apply_index(doc: Document, index: IndexEntry | None) -> None:
    """Sidecar metadata fills what the document does not say itself (its own date wins)."""
    if index is None:
        return
    doc.date = doc.date or index.date
    doc.lang = doc.lang or index.lang
    doc.meta = {**index.meta, **doc.meta}


def _unique(doc: Document, seen: dict[str, str], note: Report) -> bool:
    """False for a repeat of a document already read; a different text under a taken id
    is renamed (stable: the name comes from its text) with a warning."""
    digest = doc.text_hash or text_hash(doc.text)
    doc.text_hash = digest
    if seen.get(doc.id, digest) != digest:
        new = variant_id(doc.id, digest)
        note(doc.source, f"document id {doc.id!r} is taken by a different text in this run; "
             f"this one is {new!r}", "warning")
        doc.id = new
    if doc.id in seen:
        note(doc.source, f"same text as document {doc.id!r} read before; read once", "ignored")
        return False
    seen[doc.id] = digest
    return True


def _read_input(item: Input, lang: str | None, note: Report, max_chars: int
                ) -> Iterator[Document]:
    if item.path is None:
        yield from _read_stream(sys.stdin.buffer, item, lang, note, max_chars)
        return
    with item.path.open("rb") as stream:
        yield from _read_stream(stream, item, lang, note, max_chars)


def _read_stream(
    stream: BinaryIO, item: Input, lang: str | None, note: Report, max_chars: int
) -> Iterator[Document]:
    blocks = _decoded_blocks(stream, item.where, note)
    first = next(blocks, "")
    kind = item.kind if item.kind != "sniff" else _sniff(first)
    blocks = chain([first], blocks)
    if kind == "jsonl":
        yield from _read_jsonl(blocks, item, lang, note)
    elif kind == "html":
        yield from _read_html(blocks, item, lang, note, max_chars)
    else:
        yield from _read_text(blocks, item, lang, note, max_chars)


def _sniff(sample: str) -> str:
    """Decide what stdin (or a file with an unknown extension) holds from its first block."""
    head = sample.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<p>")):
        return "html"
    return "text"


def _pieces(texts: Iterable[str], item: Input, date: str | None, lang: str | None
            ) -> Iterator[Document]:
    """One document per non-blank piece of a text or HTML input: ``id``, ``id#2``, ...

    Stdin has no name, so its id comes from the text of its first piece."""
    base = item.doc_id
    n = 0
    for text in texts:
        if not text.strip():
            continue
        n += 1
        digest = text_hash(text)
        base = base or f"stdin-{digest[:12]}"
        yield Document(id=base if n == 1 else f"{base}#{n}", text=text, date=date, lang=lang,
                       source=item.where, text_hash=digest)


def _read_text(
    blocks: Iterable[str], item: Input, lang: str | None, note: Report, max_chars: int
) -> Iterator[Document]:
    chunks = _chunks(blocks, max_chars)
    first = next(chunks, None)
    if first is None or not first.strip():
        raise _Skip("empty file")
    date, first = _date_header(first, item.where, note)
    produced = False
    for doc in _pieces(chain([first], chunks), item, date, lang):
        produced = True
        yield doc
    if not produced:
        raise _Skip("no text after the date line")


def _read_jsonl(blocks: Iterable[str], item: Input, lang: str | None, note: Report
                ) -> Iterator[Document]:
    """One document per line; a bad line is reported with ``file:line`` and skipped."""
    count = 0
    for lineno, line in _lines(blocks):
        if not line.strip():
            continue
        here = f"{item.where}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            note(here, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            note(here, f"not a JSON object but {type(obj).__name__}")
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            note(here, 'no "text" string' if not isinstance(text, str) else "empty text")
            continue
        text = _valid_text(text)
        digest = text_hash(text)
        raw_id = obj.get("id")
        doc_id = _valid_text(str(raw_id)) if isinstance(raw_id, str | int) and raw_id != "" \
            else f"{item.doc_id}:{lineno}" if item.path is not None else f"stdin-{digest[:12]}"
        doc_lang, problem = document_lang(obj.get("lang"))
        if problem:
            note(here, problem, "warning")
        count += 1
        yield Document(id=doc_id, text=text, date=_date(obj.get("date"), here, note),
                       lang=doc_lang or lang, source=here, text_hash=digest,
                       meta={meta_key(k): _valid_text(v) for k, v in obj.items()
                             if k not in _JSONL_FIELDS and meta_key(k) and isinstance(v, str)
                             and v.strip()})
    if count == 0:
        raise _Skip("no documents in JSONL file")


def _valid_text(text: str) -> str:
    """A JSON string may hold a lone surrogate (``"\\udce9"``), which no UTF-8 writer (file,
    Neo4j, hash) accepts: it becomes U+FFFD, the rest of the text is kept."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _read_html(
    blocks: Iterable[str], item: Input, lang: str | None, note: Report, max_chars: int
) -> Iterator[Document]:
    parser = HtmlText()

    def paragraphs() -> Iterator[str]:
        for block in blocks:
            parser.feed(block)
            yield from parser.drain()
        parser.close()
        yield from parser.drain()

    chunks = _chunks(paragraphs(), max_chars)
    first = next((c for c in chunks if c.strip()), None)
    if first is None:
        raise _Skip("HTML page with no text (after removing scripts, styles and navigation)")
    # the <meta> date is in <head>, parsed before the first paragraph
    yield from _pieces(chain([first], chunks), item, _date(parser.date, item.where, note), lang)


# ---------------------------------------------------------------------------- decoding


def _decoded_blocks(stream: BinaryIO, where: str, note: Report) -> Iterator[str]:
    """Decode ``stream`` block by block with universal newlines.

    The first block decides: NUL or many control bytes -> binary (skipped); a BOM fixes
    the encoding; otherwise UTF-8, falling back to cp1252 and then latin-1 from the first
    byte that does not decode, with a warning in the report.
    """
    data = stream.read(BLOCK_BYTES)
    if not data:
        raise _Skip("empty file")
    encodings: tuple[str, ...] = ENCODINGS
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            data = data[len(bom):]
            encodings = ENCODINGS if encoding == "utf-8" else (encoding,)
            break
    else:
        _check_not_binary(data)
    decoder = _FallbackDecoder(encodings, lambda enc, at: note(
        where, f"not UTF-8: decoded as {enc} from byte {at}", "warning"))
    carry = ""
    while True:
        final = not data
        text = carry + decoder.decode(data, final=final)
        carry = ""
        if text.endswith("\r") and not final:
            text, carry = text[:-1], "\r"
        if text:
            yield text.replace("\r\n", "\n").replace("\r", "\n")
        if final:
            return
        data = stream.read(BLOCK_BYTES)


def _check_not_binary(sample: bytes) -> None:
    if b"\x00" in sample:
        raise _Skip("binary file (contains NUL bytes)")
    control = sum(1 for byte in sample if byte in _CONTROL)
    if control > 0.02 * len(sample):
        raise _Skip(f"binary file ({control} control bytes in the first {len(sample)})")


class _FallbackDecoder:
    """Incremental decoder that moves to the next encoding at the first undecodable byte.

    Everything before that byte was valid in the earlier encoding, so nothing is decoded
    twice and the input is read only once (stdin cannot be rewound).
    """

    def __init__(self, encodings: Sequence[str], on_fallback: Callable[[str, int], None]):
        self._encodings = list(encodings)
        self._index = 0
        self._decoder = codecs.getincrementaldecoder(self._encodings[0])()
        self._consumed = 0  # bytes handed to earlier decoders, for the warning's position
        self._on_fallback = on_fallback

    def decode(self, data: bytes, *, final: bool = False) -> str:
        out = []
        while True:
            pending = len(self._decoder.getstate()[0])
            try:
                out.append(self._decoder.decode(data, final))
                self._consumed += len(data)
                return "".join(out)
            except UnicodeDecodeError as exc:
                if self._index + 1 >= len(self._encodings):
                    raise
                buffered: bytes = exc.object  # bytes buffered from before + data
                out.append(buffered[: exc.start].decode(self._encodings[self._index]))
                at = self._consumed - pending + exc.start
                self._consumed = at
                self._index += 1
                encoding = self._encodings[self._index]
                self._decoder = codecs.getincrementaldecoder(encoding)()
                self._on_fallback(encoding, at)
                data = buffered[exc.start:]


# ---------------------------------------------------------------------------- text helpers


def _chunks(blocks: Iterable[str], limit: int) -> Iterator[str]:
    """Regroup text blocks into pieces of at most ``limit`` characters, cut at a blank line
    when there is one in the second half, else at a newline, else at a space."""
    parts: list[str] = []
    size = 0
    for block in blocks:
        parts.append(block)
        size += len(block)
        while size > limit:
            text = "".join(parts)
            cut = _cut(text, limit)
            yield text[:cut]
            rest = text[cut:]
            parts, size = [rest], len(rest)
    if size:
        yield "".join(parts)


def _cut(text: str, limit: int) -> int:
    for sep in ("\n\n", "\n", " "):
        i = text.rfind(sep, limit // 2, limit)
        if i != -1:
            return i + len(sep)
    return limit


def _lines(blocks: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Numbered lines (1-based) of decoded blocks whose newlines are already ``\\n``."""
    lineno = 0
    parts: list[str] = []
    for block in blocks:
        start = 0
        while (end := block.find("\n", start)) != -1:
            parts.append(block[start:end])
            lineno += 1
            yield lineno, "".join(parts)
            parts = []
            start = end + 1
        if start < len(block):
            parts.append(block[start:])
    if parts:
        yield lineno + 1, "".join(parts)


def date_line(text: str) -> tuple[str | None, int]:
    """The raw value of an optional ``date YYYY-MM[-DD]`` (or ``date: ...``) first line and
    the number of characters it takes (offsets into the file start after it)."""
    match = _DATE_HEADER.match(text)
    return (match.group(1), match.end()) if match else (None, 0)


def _date_header(text: str, where: str, note: Report) -> tuple[str | None, str]:
    """Take an optional ``date`` header off the text."""
    value, length = date_line(text)
    if value is None:
        return None, text
    return _date(value, where, note), text[length:]


def _date(value: object, where: str, note: Report) -> str | None:
    date, problem = norm_date(value)
    if problem:
        note(where, problem, "warning")
    return date
