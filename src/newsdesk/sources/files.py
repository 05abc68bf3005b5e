"""Local inputs: folders and files of .html/.htm (optionally .gz), .txt articles and .jsonl article lines."""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

MAX_FILE_BYTES = 20 * 1024 * 1024  # bigger HTML/text inputs are quarantined, not read into memory
MAX_LINE_BYTES = 20 * 1024 * 1024  # one JSONL record; a JSONL file is streamed line by line and has no cap

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
TEXT_SUFFIXES = (".txt", ".txt.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")


@dataclass
class InputRecord:
    """One article as read from disk, before cleaning."""

    source_ref: str
    format: str  # html | txt | jsonl-html | jsonl-text
    html: str | bytes | None = None
    text: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    file_mtime: datetime | None = None
    authors: list[str] | None = None  # as given by a JSONL text record; HTML pages name their own
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReadFailure:
    """An input that could not be read as an article: quarantined with its reason."""

    source_ref: str
    rule: str
    reason: str
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass
class Skipped:
    """A file that is not an article input (reported, not read)."""

    source_ref: str
    reason: str


SIDECAR = ".meta.json"  # `<input>.meta.json`: {"url", "published", "fetched_at"} for an input file


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(SIDECAR):
        return "sidecar"
    for kind, suffixes in (("html", HTML_SUFFIXES), ("txt", TEXT_SUFFIXES), ("jsonl", JSONL_SUFFIXES)):
        if name.endswith(suffixes):
            return kind
    return None


def discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Skipped]:
    """Expand folders (recursively, sorted, symlinks that leave the folder refused) into candidate files."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            root = p.resolve()
            for child in sorted(p.rglob("*")):
                if child.is_dir() or child.name.startswith("."):
                    continue
                real = child.resolve()
                if not real.is_relative_to(root):
                    yield Skipped(str(child), f"symlink points outside the input folder ({real})")
                    continue
                if _kind(child) == "sidecar":
                    continue
                if _kind(child) is None:
                    if child.name.lower() not in ("readme.md", "about.md"):
                        yield Skipped(str(child), "not an article input (.html/.htm/.txt/.jsonl, optionally .gz)")
                    continue
                yield child
        elif p.is_file():
            if _kind(p) in (None, "sidecar"):
                yield Skipped(str(p), "not an article input (.html/.htm/.txt/.jsonl, optionally .gz)")
            else:
                yield p
        else:
            yield Skipped(str(p), "no such file or folder")


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"file is {size} bytes, over the {MAX_FILE_BYTES} byte cap")
    data = path.read_bytes()
    if path.name.lower().endswith(".gz"):
        with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as gz:
            data = gz.read(MAX_FILE_BYTES + 1)  # capped: a decompression bomb stops here
        if len(data) > MAX_FILE_BYTES:
            raise ValueError(f"decompressed size over the {MAX_FILE_BYTES} byte cap")
    return data


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8 (BOM-aware), falling back to cp1252; lone surrogates and NULs removed."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return scrub(text)


def decode_html(data: bytes, declared: str | None, prefer_utf8: bool = True) -> tuple[str, list[str]]:
    """Decode a page's bytes; return the text and flags saying what was repaired.

    A BOM wins; then (for saved pages, `prefer_utf8`) valid UTF-8, which pages re-encoded under a stale <meta
    charset> are; then the declared charset (HTTP header or <meta>) if the bytes fit it. Bytes that do not fit
    their declared charset (cp1252 bytes declared UTF-8, the commonest case) are decoded as the first of UTF-8 and
    cp1252 that fits, flagged `charset_repaired:<declared>><used>`; if nothing fits, replacement characters stand
    for the bad bytes, flagged `charset_errors:<charset>`. Never silent mojibake."""
    import codecs

    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return scrub(data.decode(enc, errors="replace")), []
    if declared:
        try:
            declared = codecs.lookup(declared).name
        except LookupError:
            declared = None
    if prefer_utf8 or not declared:
        try:
            return scrub(data.decode("utf-8")), []
        except UnicodeDecodeError:
            pass
    if declared:
        try:
            return scrub(data.decode(declared)), []
        except UnicodeDecodeError:
            pass
    for enc in ("utf-8", "cp1252"):
        if enc == declared:
            continue
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return scrub(text), [f"charset_repaired:{declared}>{enc}"] if declared else [f"charset_guessed:{enc}"]
    enc = declared or "cp1252"
    return scrub(data.decode(enc, errors="replace")), [f"charset_errors:{enc}"]


def scrub(text: str) -> str:
    """Remove characters DuckDB and downstream tools cannot store (NUL, lone surrogates)."""
    text = text.lstrip("\ufeff").replace("\x00", "")
    return text.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(text) else text


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)


def read(paths: Iterable[str | os.PathLike[str]]) -> Iterator[InputRecord | ReadFailure | Skipped]:
    """Read every input under `paths` into records; never raises for a bad file or line."""
    for item in discover(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        kind = _kind(item)
        if kind == "jsonl":
            yield from read_jsonl(item)
            continue
        try:
            data = _read_bytes(item)
        except (OSError, ValueError, EOFError, gzip.BadGzipFile) as exc:
            yield ReadFailure(str(item), "read_error", f"{type(exc).__name__}: {exc}")
            continue
        mtime = _mtime(item)
        meta = _sidecar(item)
        if isinstance(meta, ReadFailure):
            yield meta
            continue
        if meta.get("fetched_at"):
            mtime = meta["fetched_at"]
        extra = {"sha256": content_sha(data)}
        if kind == "html":
            yield InputRecord(str(item), "html", html=data, file_mtime=mtime, url=meta.get("url"),
                              published=meta.get("published"), extra=extra)
        else:
            yield InputRecord(str(item), "txt", text=decode_text(data), file_mtime=mtime, url=meta.get("url"),
                              published=meta.get("published"), extra=extra)


def _sidecar(path: Path) -> dict[str, Any] | ReadFailure:
    """Optional metadata next to an input file: its URL, publication date, or the date it was fetched
    (the reference for a dateline without a year)."""
    side = path.with_name(path.name + SIDECAR)
    if not side.is_file():
        return {}
    try:
        obj = json.loads(side.read_text(encoding="utf-8"))
        if not isinstance(obj, dict):
            raise ValueError("expected a JSON object")
        out: dict[str, Any] = {"url": _str_or_none(obj.get("url")), "published": _str_or_none(obj.get("published"))}
        if obj.get("fetched_at"):
            out["fetched_at"] = datetime.fromisoformat(str(obj["fetched_at"])).replace(tzinfo=timezone.utc)
        return out
    except (OSError, ValueError) as exc:
        return ReadFailure(str(path), "invalid_sidecar", f"{side.name}: {exc}")


def jsonl_lines(path: Path) -> Iterator[tuple[int, bytes | None, int]]:
    """Stream a JSONL file (plain or .gz): (line number, the line's bytes, its length) for every non-blank line;
    the bytes are None for a line over MAX_LINE_BYTES, which is skipped without being held in memory. Raises
    OSError/EOFError for a file that cannot be read (a gzip stream cut short, say) when it gets there."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as f:
        n = 0
        while True:
            line = f.readline(MAX_LINE_BYTES + 1)
            if not line:
                return
            n += 1
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                size = len(line)
                while line and not line.endswith(b"\n"):  # the rest of the oversized line, a chunk at a time
                    line = f.readline(1 << 20)
                    size += len(line)
                yield n, None, size
            elif line.strip():
                yield n, line, len(line)


def content_sha(data: bytes) -> str:
    """The fingerprint of an input's bytes (a file's, or a JSONL line's without its line ending)."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


def line_sha(line: bytes) -> str:
    return content_sha(line.rstrip(b"\r\n"))


def jsonl_line_record(path: Path, n: int, line: bytes | None, size: int,
                      mtime: datetime) -> Iterator[InputRecord | ReadFailure]:
    """One JSONL line as a record (or the reason it is not one)."""
    ref = f"{path}:{n}"
    if line is None:
        yield ReadFailure(ref, "line_too_large", f"line is {size} bytes, over the {MAX_LINE_BYTES} byte cap per record")
        return
    try:
        obj = json.loads(decode_text(line))
    except json.JSONDecodeError as exc:
        yield ReadFailure(ref, "invalid_json", str(exc), {"line": decode_text(line[:2000])})
        return
    for rec in _jsonl_record(ref, obj, mtime):
        if isinstance(rec, InputRecord):
            rec.extra["sha256"] = line_sha(line)
        yield rec


def read_jsonl(path: Path) -> Iterator[InputRecord | ReadFailure]:
    """Every record of a JSONL file, streamed; a file that breaks off mid-way yields what came before and one
    failure for the rest."""
    try:
        mtime = _mtime(path)
        for n, line, size in jsonl_lines(path):
            yield from jsonl_line_record(path, n, line, size, mtime)
    except (OSError, EOFError, ValueError) as exc:
        yield ReadFailure(str(path), "read_error", f"{type(exc).__name__}: {exc}")


def _str_or_none(v: Any) -> str | None:
    return scrub(v) if isinstance(v, str) and v.strip() else None


MAX_AUTHORS, MAX_AUTHOR_CHARS = 50, 200


def _authors_field(v: Any) -> list[str] | None:
    """`authors` of a JSONL record: absent/null -> [], a string -> [it], a list of strings -> them; else None."""
    if v is None:
        return []
    items = [v] if isinstance(v, str) else v
    if not isinstance(items, list) or len(items) > MAX_AUTHORS \
            or not all(isinstance(x, str) and len(x) < MAX_AUTHOR_CHARS for x in items):
        return None
    return [scrub(x).strip() for x in items if x.strip()]


def _jsonl_record(ref: str, obj: Any, mtime: datetime) -> Iterator[InputRecord | ReadFailure]:
    if not isinstance(obj, dict):
        yield ReadFailure(ref, "not_an_object", f"expected a JSON object, got {type(obj).__name__}")
        return
    url, published = _str_or_none(obj.get("url")), _str_or_none(obj.get("published"))
    if isinstance(obj.get("html"), str) and obj["html"].strip():
        yield InputRecord(ref, "jsonl-html", html=scrub(obj["html"]), url=url, published=published, file_mtime=mtime)
    elif isinstance(obj.get("text"), str) and obj["text"].strip():
        title = _str_or_none(obj.get("title"))
        if title is None:
            yield ReadFailure(ref, "missing_field:title", "a text record needs a non-empty `title`", _clip(obj))
            return
        authors = _authors_field(obj.get("authors"))
        if authors is None:
            yield ReadFailure(ref, "bad_field:authors", "`authors` must be a string or a list of strings "
                              f"(at most {MAX_AUTHORS}, each under {MAX_AUTHOR_CHARS} characters)", _clip(obj))
            return
        yield InputRecord(ref, "jsonl-text", text=scrub(obj["text"]), title=title, url=url,
                          published=published, file_mtime=mtime, authors=authors)
    else:
        yield ReadFailure(ref, "missing_field:html|text", "a record needs `url`+`html` or `title`+`text`", _clip(obj))


def _clip(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: (v[:2000] if isinstance(v, str) else v) for k, v in list(obj.items())[:20]}
