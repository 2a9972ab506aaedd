"""Reading inputs: the only place kg opens input files or stdin.

Bad input must never cost good work, so every problem with one input becomes a
:class:`~kg.types.Skipped` entry in the caller's ``report`` list and reading goes on with the
next input.  The one exception is a path that does not exist: that is a usage error, raised
as :class:`~kg.errors.InputError` *before anything is read* (a typo in one of five paths
should be fixed and the run repeated, not silently produce a partial graph).

Everything streams: files are read in blocks and decoded incrementally, a very large text
file becomes several documents cut at paragraph boundaries (``stem``, ``stem#2``, ...), and
JSONL is read line by line, so memory stays bounded whatever the input size.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date as _date
from html.parser import HTMLParser
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError
from kg.types import Document, Skipped

#: a text document longer than this (characters) is split into several documents
MAX_DOC_CHARS = 1_000_000
#: bytes read at a time; also the sample used to recognise binary files
BLOCK_BYTES = 1 << 16

TEXT_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
READABLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

#: tried in order; latin-1 decodes any byte, so it is the last resort
ENCODINGS = ("utf-8", "cp1252", "latin-1")

STDIN = "-"

_DATE_HEADER = re.compile(
    r"\A\s*date\s*[:\t ]\s*(\d{4}-\d{1,2}(?:-\d{1,2})?)(?![\w-])[ \t]*\n?", re.IGNORECASE
)
_DATE_VALUE = re.compile(r"\A(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ].*)?\Z")
#: control bytes that do not occur in text (everything below 0x20 but tab, LF, FF, CR, ESC)
_CONTROL = frozenset(set(range(32)) - {9, 10, 12, 13, 27})


class _Skip(Exception):
    """Internal: this input cannot be used; the message is the reason shown to the user."""


@dataclass(frozen=True, slots=True)
class _Input:
    """One input after expanding folders: where to read it and how."""

    path: Path | None  # None means stdin
    where: str  # how reports name it
    kind: str  # "text", "jsonl", "html" or "sniff" (decided from the content)
    doc_id: str  # id of its (first) document, for text and HTML


Report = Callable[[str, str, str], None]


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

    inputs = _expand(paths, note)
    return _generate(inputs, _norm_lang(lang), note, max_doc_chars)


# ---------------------------------------------------------------------------- inputs


def _expand(paths: Sequence[str | Path], note: Report) -> list[_Input]:
    """Check every path, walk folders, and give each text/HTML file a unique id."""
    if not paths:
        raise InputError("no input given: pass files, folders, or - for stdin")
    raw = [str(p) for p in paths]
    missing = [p for p in raw if p != STDIN and not Path(p).exists()]
    if missing:
        raise InputError("no such file or directory: " + ", ".join(missing))
    if raw.count(STDIN) > 1:
        raise InputError("- (stdin) can be given only once")

    listed: list[tuple[Path | None, str]] = []
    for p in raw:
        if p == STDIN:
            listed.append((None, "sniff"))
        elif Path(p).is_dir():
            before = len(listed)
            listed.extend(_walk(Path(p), note))
            if len(listed) == before:
                note(p, "folder has no .txt, .jsonl or .html files")
        else:
            listed.append((Path(p), _kind(Path(p)) or "sniff"))

    found: list[tuple[Path | None, str]] = []
    real: set[Path] = set()
    for path, kind in listed:  # a file named twice (itself and in its folder) is read once
        if path is not None:
            if path.resolve() in real:
                note(str(path), "given more than once; read once", "ignored")
                continue
            real.add(path.resolve())
        found.append((path, kind))

    stems = Counter(path.stem for path, kind in found if path is not None and kind != "jsonl")
    inputs = []
    for path, kind in found:
        if path is None:
            inputs.append(_Input(None, "<stdin>", kind, "stdin"))
            continue
        doc_id = path.stem if stems[path.stem] == 1 else _relative_id(path)
        inputs.append(_Input(path, str(path), kind, doc_id))
    return inputs


def _walk(folder: Path, note: Report) -> Iterator[tuple[Path, str]]:
    """Readable files under ``folder``, sorted by path; hidden files and folders are passed
    over silently (``.git``, ``.DS_Store``), other files are reported as ignored."""
    paths = []
    def unreadable(exc: OSError) -> None:
        note(str(exc.filename), f"cannot read folder: {exc.strerror or exc}")

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        paths.extend(Path(root) / name for name in files if not name.startswith("."))
    for path in sorted(paths, key=lambda p: p.relative_to(folder).parts):
        kind = _kind(path)
        if kind is None:
            note(str(path), f"not read: {path.suffix or 'no'} extension "
                 "(kg reads .txt, .jsonl, .html, .htm in folders)", "ignored")
        else:
            yield path, kind


def _kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    return None


def _relative_id(path: Path) -> str:
    """Id for a file whose stem is shared: its path (relative to the working folder when
    possible) without the extension, so ``a/x.txt`` and ``b/x.txt`` become ``a/x``, ``b/x``."""
    try:
        rel = path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        rel = path
    return rel.with_suffix("").as_posix()


# ---------------------------------------------------------------------------- reading


def _generate(
    inputs: list[_Input], lang: str | None, note: Report, max_chars: int
) -> Iterator[Document]:
    seen: set[str] = set()
    for item in inputs:
        try:
            for doc in _read_input(item, lang, note, max_chars):
                doc.id = _unique(doc.id, seen, doc.source, note)
                yield doc
        except _Skip as skip:
            note(item.where, str(skip))
        except OSError as exc:
            note(item.where, f"cannot read: {exc.strerror or exc}")
        except UnicodeDecodeError as exc:
            note(item.where, f"cannot decode as {exc.encoding}")


def _read_input(item: _Input, lang: str | None, note: Report, max_chars: int) -> Iterator[Document]:
    if item.path is None:
        yield from _read_stream(sys.stdin.buffer, item, lang, note, max_chars)
        return
    with item.path.open("rb") as stream:
        yield from _read_stream(stream, item, lang, note, max_chars)


def _read_stream(
    stream: BinaryIO, item: _Input, lang: str | None, note: Report, max_chars: int
) -> Iterator[Document]:
    blocks = _decoded_blocks(stream, item.where, note)
    first = next(blocks, "")
    kind = item.kind if item.kind != "sniff" else _sniff(first)
    blocks = chain([first], blocks)
    if kind == "jsonl":
        stem = "stdin" if item.path is None else item.path.stem
        yield from _read_jsonl(blocks, stem, item.where, lang, note)
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


def _read_text(
    blocks: Iterable[str], item: _Input, lang: str | None, note: Report, max_chars: int
) -> Iterator[Document]:
    chunks = _chunks(blocks, max_chars)
    first = next(chunks, None)
    if first is None or not first.strip():
        raise _Skip("empty file")
    date, first = _date_header(first, item.where, note)
    n = 0
    for text in chain([first], chunks):
        if not text.strip():
            continue
        n += 1
        doc_id = item.doc_id if n == 1 else f"{item.doc_id}#{n}"
        yield Document(id=doc_id, text=text, date=date, lang=lang, source=item.where)
    if n == 0:
        raise _Skip("no text after the date line")


def _read_jsonl(
    blocks: Iterable[str], stem: str, where: str, lang: str | None, note: Report
) -> Iterator[Document]:
    """One document per line; a bad line is reported with ``file:line`` and skipped."""
    count = 0
    for lineno, line in _lines(blocks):
        if not line.strip():
            continue
        here = f"{where}:{lineno}"
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
        raw_id = obj.get("id")
        doc_id = str(raw_id) if isinstance(raw_id, str | int) and raw_id != "" else None
        doc_lang = obj.get("lang")
        count += 1
        yield Document(
            id=doc_id or f"{stem}:{lineno}",
            text=text,
            date=_norm_date(obj.get("date"), here, note),
            lang=_norm_lang(doc_lang) if isinstance(doc_lang, str) and doc_lang else lang,
            source=here,
        )
    if count == 0:
        raise _Skip("no documents in JSONL file")


def _read_html(
    blocks: Iterable[str], item: _Input, lang: str | None, note: Report, max_chars: int
) -> Iterator[Document]:
    parser = _HtmlText()

    def paragraphs() -> Iterator[str]:
        for block in blocks:
            parser.feed(block)
            yield from parser.drain()
        parser.close()
        yield from parser.drain()

    n = 0
    date: str | None = None
    for text in _chunks(paragraphs(), max_chars):
        if not text.strip():
            continue
        n += 1
        if n == 1:  # the <meta> date is in <head>, parsed before the first paragraph
            date = _norm_date(parser.date, item.where, note)
        doc_id = item.doc_id if n == 1 else f"{item.doc_id}#{n}"
        yield Document(id=doc_id, text=text, date=date, lang=lang, source=item.where)
    if n == 0:
        raise _Skip("HTML page with no text (after removing scripts, styles and navigation)")


def _unique(doc_id: str, seen: set[str], where: str, note: Report) -> str:
    """Ids are unique within a run; a repeated one gets ``~2``, ``~3``... and a warning."""
    if doc_id not in seen:
        seen.add(doc_id)
        return doc_id
    n = 2
    while f"{doc_id}~{n}" in seen:
        n += 1
    new = f"{doc_id}~{n}"
    seen.add(new)
    note(where, f"duplicate document id {doc_id!r} renamed to {new!r}", "warning")
    return new


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


def _date_header(text: str, where: str, note: Report) -> tuple[str | None, str]:
    """Take an optional ``date YYYY-MM[-DD]`` (or ``date: ...``) header off the text."""
    match = _DATE_HEADER.match(text)
    if not match:
        return None, text
    return _norm_date(match.group(1), where, note), text[match.end():]


def _norm_date(value: object, where: str, note: Report) -> str | None:
    """``YYYY-MM`` or ``YYYY-MM-DD`` (a timestamp is cut to its date); else a warning."""
    if value is None or value == "":
        return None
    match = _DATE_VALUE.match(value.strip()) if isinstance(value, str) else None
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            if day is None:
                _date(year, month, 1)  # type: ignore[arg-type]
                return f"{year:04d}-{month:02d}"
            return _date(year, month, day).isoformat()  # type: ignore[arg-type]
        except ValueError:
            pass
    note(where, f"date {value!r} is not YYYY-MM or YYYY-MM-DD; ignored", "warning")
    return None


def _norm_lang(lang: str | None) -> str | None:
    """``NL``, ``nl-BE``, ``nl_NL`` -> ``nl``: kg's pipelines are per language, not region."""
    if not lang:
        return None
    return re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0] or None


class _HtmlText(HTMLParser):
    """Visible article text of an HTML page: one paragraph per block element.

    Scripts, styles, navigation, footers, asides and forms are dropped; a publication date
    is taken from the usual ``<meta>`` tags when present.
    """

    SKIP = frozenset({"script", "style", "nav", "footer", "aside", "noscript", "template",
                      "svg", "form", "button", "iframe", "head", "select"})
    BLOCK = frozenset({"p", "div", "section", "article", "main", "header", "h1", "h2", "h3",
                       "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "th",
                       "blockquote", "figure", "figcaption", "pre", "br", "hr", "dd", "dt",
                       "time", "body"})
    DATE_META = frozenset({"article:published_time", "date", "dc.date", "dcterms.date",
                           "dc.date.issued", "pubdate", "publishdate", "og:published_time",
                           "datepublished"})
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.date: str | None = None
        self._skip_depth = 0
        self._words: list[str] = []
        self._ready: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" and self.date is None:
            values = dict(attrs)
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "")
            if key.lower() in self.DATE_META and values.get("content"):
                self.date = (values["content"] or "")[:10]
        if tag in self.VOID:
            if tag in self.BLOCK:
                self._flush()
            return
        if tag in self.SKIP:
            self._skip_depth += 1
        elif tag in self.BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in self.BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._words.append(data)

    def _flush(self) -> None:
        paragraph = " ".join("".join(self._words).split())
        self._words = []
        if paragraph:
            self._ready.append(paragraph + "\n\n")

    def close(self) -> None:
        super().close()
        self._flush()

    def drain(self) -> list[str]:
        ready, self._ready = self._ready, []
        return ready
