"""Which files a run reads, and the id each one's documents get.

Paths are checked before anything is read: a path that does not exist is a usage error (a
typo in one of five paths should be fixed, not silently give a partial graph).  Inside
folders nothing stops the walk: a FIFO, socket or device, a symbolic-link loop or an
unreadable folder is reported and passed over (a FIFO would otherwise block the run
forever), symbolic links to folders are followed once, and a sidecar index (``INDEX.tsv``,
``index.jsonl``) is read as metadata of the files it names.

Document ids (README, "Document identity"): the file's path relative to the *input root*
without its extension (``nl/143``), where the root is the folder given, or the folder that
holds every input of the run (``kg build news/nl news/en`` -> ``nl/143``, ``en/143``).
JSONL lines keep their own ``id``; stdin and unnamed JSONL lines are named by the reader.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.fields import display_path
from kg.sidecar import IndexEntry, Sidecars, is_sidecar

TEXT_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
STDIN = "-"

Report = Callable[..., None]  # note(where, reason, kind="skipped")


@dataclass(frozen=True, slots=True)
class Input:
    """One input after expanding folders: where to read it, how, and under which id."""

    path: Path | None  # None means stdin
    where: str  # how reports name it (always valid text)
    kind: str  # "text", "jsonl", "html" or "sniff" (decided from the content)
    doc_id: str  # id of its (first) document; prefix of unnamed JSONL lines ("" for stdin)
    index: IndexEntry | None = None  # what a sidecar index says about it


def expand(paths: Sequence[str | Path], note: Report) -> list[Input]:
    """Check every path, walk folders, and name each input; problems inside folders go to
    ``note``, problems with the paths themselves raise :class:`InputError`."""
    if not paths:
        raise InputError("no input given: pass files, folders, or - for stdin")
    raw = [os.fspath(p) for p in paths]
    _check_exist(raw)
    if raw.count(STDIN) > 1:
        raise InputError("- (stdin) can be given only once")
    files = [p for p in raw if p != STDIN]
    root = input_root(files)
    sidecars = Sidecars(lambda where, reason: note(where, reason, "warning"))
    listed: list[tuple[Path | None, str]] = []
    seen_dirs: set[tuple[int, int]] = set()
    for p in raw:
        if p == STDIN:
            listed.append((None, "sniff"))
        elif os.path.isdir(p):
            before = len(listed)
            listed.extend(_walk(Path(p), note, seen_dirs))
            if len(listed) == before:
                note(display_path(p), "folder has no .txt, .jsonl or .html files")
        elif _explicit_file_ok(Path(p), note):
            listed.append((Path(p), kind_of(Path(p)) or "sniff"))
    inputs = []
    seen_files: set[tuple[int, int]] = set()
    for path, kind in listed:
        if path is None:
            inputs.append(Input(None, "<stdin>", kind, ""))
            continue
        where = display_path(path)
        identity = _identity(path)
        if identity in seen_files:  # a file named twice (itself and in its folder)
            note(where, "given more than once; read once", "ignored")
            continue
        seen_files.add(identity)
        inputs.append(Input(path, where, kind, document_id(path, root),
                            sidecars.entry(path, root)))
    return inputs


def input_root(files: Sequence[str]) -> str:
    """The folder ids are relative to: the folder given, or the one holding all inputs."""
    if not files:
        return os.getcwd()
    bases = [os.path.abspath(p) if os.path.isdir(p) else os.path.dirname(os.path.abspath(p))
             for p in files]
    return os.path.commonpath(bases)


def document_id(path: Path, root: str) -> str:
    """``root/nl/143.txt`` -> ``nl/143`` (posix separators, valid text whatever the bytes)."""
    rel = Path(os.path.relpath(os.path.abspath(path), root))
    return display_path(rel.with_suffix("").as_posix())


def kind_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    return None


def _check_exist(raw: Sequence[str]) -> None:
    missing = [p for p in raw if p != STDIN and not os.path.lexists(p)]
    if missing:
        raise InputError("no such file or directory: " + ", ".join(map(display_path, missing)))
    broken = [p for p in raw if p != STDIN and not os.path.exists(p)]
    if broken:
        raise InputError("broken symbolic link or link loop: " + ", ".join(map(display_path,
                                                                               broken)))


def _identity(path: Path) -> tuple[int, int]:
    """Device and inode: the same file under two names (a link, ``./x``) is one file, and
    unlike ``Path.resolve`` this never fails on a link loop."""
    info = os.stat(path)
    return info.st_dev, info.st_ino


def _explicit_file_ok(path: Path, note: Report) -> bool:
    """A file named on the command line: regular files, and pipes or character devices too
    (``<(zcat x.gz)``, ``/dev/stdin``: the user asked for them); sockets and the like not."""
    mode = os.stat(path).st_mode
    if stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return True
    note(display_path(path), f"not read: {_file_type(mode)}, not a file")
    return False


def _walk(folder: Path, note: Report, seen_dirs: set[tuple[int, int]]
          ) -> Iterator[tuple[Path, str]]:
    """Readable files under ``folder`` in path order.  Hidden entries (``.git``) are passed
    over silently, sidecar indexes are metadata, other files are reported as ignored, and
    special files, link loops and unreadable folders are reported as skipped."""
    try:
        seen_dirs.add(_identity(folder))
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        note(display_path(folder), f"cannot read folder: {exc.strerror or exc}")
        return
    # a linked folder after the real ones, so a link back into the input is the one passed over
    for entry in sorted(entries, key=_linked_folder):
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        where = display_path(path)
        kind = kind_of(path)
        try:
            info = os.stat(path)  # follows symbolic links
        except OSError as exc:
            if kind is not None:
                loop = exc.errno == errno.ELOOP
                note(where, "cannot read: symbolic link loop" if loop
                     else f"cannot read: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(info.st_mode):
            if (info.st_dev, info.st_ino) in seen_dirs:
                note(where, "same folder as one already read (a symbolic link); read once",
                     "ignored")
            else:
                yield from _walk(path, note, seen_dirs)
        elif is_sidecar(entry.name):
            continue
        elif kind is None:
            note(where, f"not read: {path.suffix or 'no'} extension "
                 "(kg reads .txt, .jsonl, .html, .htm in folders)", "ignored")
        elif not stat.S_ISREG(info.st_mode):
            note(where, f"not read: {_file_type(info.st_mode)}, not a regular file")
        else:
            yield path, kind


def _linked_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink() and entry.is_dir()
    except OSError:  # a link loop: not a folder
        return False


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "a special file"
