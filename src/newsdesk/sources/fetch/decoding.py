"""Decoding: Content-Encoding decoders (gzip, deflate, br, zstd) that hand out bounded pieces, and the body reader
that runs wire bytes through them, sniffs the first decoded bytes and enforces the size cap at every stage, so a
decompression bomb stops within one piece of the cap with memory of the order of the cap.
"""

from __future__ import annotations

import zlib
from typing import Any, Iterable, Iterator

from newsdesk.sources.fetch.content import SNIFF_BYTES, head_text, sniff_kind
from newsdesk.sources.fetch.errors import CorruptBody, FetchTooLarge, NotHTML, UnsupportedEncoding

STEP = 64 * 1024  # decoders hand out at most this much output per piece (one zstandard slice: up to ~512 KiB)


class Decoder:
    """A streaming decoder: `feed(data)` yields output in bounded pieces; `produced` counts everything yielded."""

    produced = 0
    name = "?"

    def feed(self, data: bytes) -> Iterator[bytes]:
        raise NotImplementedError

    def flush(self) -> Iterator[bytes]:
        return self.feed(b"")


class ZlibDecoder(Decoder):
    """gzip (all members) or deflate (zlib-wrapped or raw)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._d: Any = zlib.decompressobj(31) if name == "gzip" else None
        self._pending = b""
        self.produced = 0

    def feed(self, data: bytes) -> Iterator[bytes]:
        if data:
            self._pending = self._pending + data if self._pending else data
        try:
            while self._pending:
                if self._d is None:  # deflate: zlib header or raw stream?
                    if len(self._pending) < 2:
                        return
                    b0, b1 = self._pending[0], self._pending[1]
                    wrapped = (b0 & 0x0F) == 8 and ((b0 << 8) | b1) % 31 == 0
                    self._d = zlib.decompressobj(15 if wrapped else -15)
                if self._d.eof:
                    rest = self._pending.lstrip(b"\x00")
                    if self.name != "gzip" or not rest.startswith(b"\x1f\x8b"):
                        self._pending = b""  # trailing bytes after the stream: ignored
                        return
                    self._d = zlib.decompressobj(31)  # next gzip member
                    self._pending = rest
                chunk = self._d.decompress(self._pending, STEP)
                self._pending = self._d.unused_data if self._d.eof else self._d.unconsumed_tail
                if chunk:
                    self.produced += len(chunk)
                    yield chunk
                elif not self._d.eof and not self._pending:
                    return
        except zlib.error as exc:
            raise CorruptBody(f"{self.name} data does not decode: {exc}") from None


class BrotliDecoder(Decoder):
    name = "br"

    def __init__(self) -> None:
        import brotli

        self._error = brotli.error
        self._d = brotli.Decompressor()
        self._pending: list[bytes] = []
        self.produced = 0

    def feed(self, data: bytes) -> Iterator[bytes]:
        if data:
            self._pending.append(data)
        stalls = 0
        try:
            while not self._d.is_finished() and stalls < 3:
                if not self._d.can_accept_more_data():
                    chunk = self._d.process(b"", output_buffer_limit=STEP)
                elif self._pending:
                    chunk = self._d.process(self._pending.pop(0), output_buffer_limit=STEP)
                else:
                    return
                if chunk:
                    stalls = 0
                    self.produced += len(chunk)
                    yield chunk
                else:
                    stalls += 1
        except self._error as exc:
            raise CorruptBody(f"br data does not decode: {exc}") from None


class ZstdDecoder(Decoder):
    """zstd: the bounded stdlib-style API (compression.zstd / backports.zstd) when present, else `zstandard`
    fed in 16-byte slices (one RLE block is at most 128 KiB, so one slice yields at most ~512 KiB)."""

    name = "zstd"
    SLICE = 16

    def __init__(self) -> None:
        self._bounded = _zstd_bounded_module()
        if self._bounded is not None:
            self._d = self._bounded.ZstdDecompressor()
        else:
            import zstandard

            self._d = zstandard.ZstdDecompressor().decompressobj()
        self._pending = b""
        self.produced = 0

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._pending += data
        try:
            if self._bounded is not None:
                while not self._d.eof:
                    if self._d.needs_input and not self._pending:
                        return
                    chunk = self._d.decompress(self._pending, max_length=STEP)
                    self._pending = b""
                    if chunk:
                        self.produced += len(chunk)
                        yield chunk
                    elif self._d.needs_input:
                        return
            else:
                while self._pending:
                    piece, self._pending = self._pending[: self.SLICE], self._pending[self.SLICE:]
                    chunk = self._d.decompress(piece)
                    if self._d.eof:
                        self._pending = b""
                    if chunk:
                        self.produced += len(chunk)
                        yield chunk
        except CorruptBody:
            raise
        except Exception as exc:  # ZstdError / compression.zstd.ZstdError
            raise CorruptBody(f"zstd data does not decode: {exc}") from None


def _zstd_bounded_module() -> Any:
    for name in ("compression.zstd", "backports.zstd"):
        try:
            return __import__(name, fromlist=["ZstdDecompressor"])
        except ImportError:
            continue
    return None


def _brotli_available() -> bool:
    try:
        import brotli  # noqa: F401

        return hasattr(brotli.Decompressor(), "can_accept_more_data")  # bounded output API (brotli >= 1.2)
    except Exception:
        return False


def _zstd_available() -> bool:
    if _zstd_bounded_module() is not None:
        return True
    try:
        import zstandard  # noqa: F401

        return True
    except Exception:
        return False


def supported_encodings() -> list[str]:
    """Content-Encodings this process decodes with bounded output (and so advertises in Accept-Encoding)."""
    names = ["gzip", "deflate"]
    if _brotli_available():
        names.append("br")
    if _zstd_available():
        names.append("zstd")
    return names


def make_decoder(name: str, supported: list[str], url: str) -> Decoder | None:
    """The decoder for one Content-Encoding token (None for identity); UnsupportedEncoding when we have none."""
    name = name.strip().lower()
    if name in ("", "identity"):
        return None
    if name in ("gzip", "x-gzip"):
        return ZlibDecoder("gzip")
    if name == "deflate":
        return ZlibDecoder("deflate")
    if name == "br" and "br" in supported:
        return BrotliDecoder()
    if name == "zstd" and "zstd" in supported:
        return ZstdDecoder()
    raise UnsupportedEncoding(name, url=url)


# ---------------------------------------------------------------------------------------------- body reader


class Full(Exception):
    """Internal: the truncating reader (robots.txt) has what it will keep."""


class BodyReader:
    """Wire bytes -> declared decoders -> sniff gate (may add one gzip stage) -> capped output.

    Decoders are generators handing out pieces of at most STEP bytes, each checked against the cap before the next
    is produced: a bomb stops within one piece of the cap and memory stays about one cap plus a few pieces.
    """

    def __init__(self, *, decoders: list[Decoder], max_bytes: int, mode: str, declared: str, content_type: str,
                 url: str, truncate: bool = False) -> None:
        self.decoders = decoders
        self.max_bytes = max_bytes
        self.mode = mode
        self.declared = declared  # html | xml | xmlish | gzip | unknown | any
        self.content_type = content_type
        self.url = url
        self.truncate = truncate
        self.wire = 0
        self.pieces: list[bytes] = []
        self.size = 0
        self.head = bytearray()
        self.classified = mode == "robots"
        self.post: ZlibDecoder | None = None
        self.sniffed_gzip = False
        self.done = False

    def _over(self, stage: str) -> Exception:
        if self.truncate:
            return Full()
        decoded = max([self.size] + [d.produced for d in self.decoders] + ([self.post.produced] if self.post else []))
        return FetchTooLarge(f"body over the {self.max_bytes} byte cap ({stage})", limit=self.max_bytes, stage=stage,
                             wire_bytes=self.wire, decoded_bytes=decoded, url=self.url)

    def _through(self, d: Decoder, pieces: Iterable[bytes], final: bool, stage: str) -> Iterator[bytes]:
        for piece in pieces:
            for out in d.feed(piece):
                if d.produced > self.max_bytes:
                    raise self._over(stage)
                yield out
        if final:
            for out in d.flush():
                if d.produced > self.max_bytes:
                    raise self._over(stage)
                yield out

    def _run(self, chunk: bytes, final: bool) -> None:
        if self.done:
            return
        try:
            pieces: Iterable[bytes] = [chunk] if chunk else []
            for d in self.decoders:
                pieces = self._through(d, pieces, final, f"decoded {d.name}")
            for piece in pieces:
                self._sink(piece, False)
            if final:
                self._sink(b"", True)
        except Full:
            self.done = True

    def feed(self, chunk: bytes) -> None:
        self.wire += len(chunk)
        if self.wire > self.max_bytes and not self.truncate:
            raise self._over("wire")
        self._run(chunk, final=False)

    def finish(self) -> bytes:
        self._run(b"", final=True)
        body = b"".join(self.pieces)
        self.pieces = []
        return body[: self.max_bytes]

    def _sink(self, piece: bytes, final: bool) -> None:
        if self.post is not None:
            for out in self._through(self.post, [piece] if piece else [], final,
                                     "decoded gzip (sniffed, no Content-Encoding)"):
                self._emit(out, False)
            if final:
                self._emit(b"", True)
            return
        self._emit(piece, final)

    def _emit(self, data: bytes, final: bool) -> None:
        if not self.classified:
            self.head += data
            if len(self.head) < SNIFF_BYTES and not final:
                return
            head, self.head = bytes(self.head), bytearray()
            if self._classify(head) == "gzip":
                self.post = ZlibDecoder("gzip")
                self.sniffed_gzip = True
                self._sink(head, final)
                return
            self.classified = True
            data = head
        if data:
            self.pieces.append(data)
            self.size += len(data)
            if self.size > self.max_bytes:
                raise self._over("decoded")

    def _classify(self, head: bytes) -> str | None:
        kind = sniff_kind(head)
        if kind == "gzip":
            if self.post is None and self.mode in ("html", "xml"):
                return "gzip"
            raise NotHTML("gzip", self.content_type, "gzip inside gzip", url=self.url)
        if self.declared == "gzip" and self.post is None:
            raise NotHTML(kind, self.content_type, "declared gzip but is not", url=self.url)
        if self.mode == "html":
            if kind == "html":
                return None
            if kind in ("text", "xml") and self.declared == "html" and "<" in head_text(head):
                return None  # served as HTML, textual, has markup: let the cleaner decide
            raise NotHTML(kind, self.content_type, "sniffed", url=self.url)
        if self.mode == "xml":
            if kind in ("feed", "sitemap", "xml"):
                return None
            raise NotHTML(kind, self.content_type, "sniffed, expected feed or sitemap XML", url=self.url)
        return None
