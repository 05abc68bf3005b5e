"""`newsdesk` command line: a thin layer over the core (pipeline, store)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from newsdesk import __version__


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from exc


def cmd_ingest(args: argparse.Namespace) -> int:
    from newsdesk.pipeline import ingest
    from newsdesk.store.db import DatabaseBusy, StoreError

    if not args.paths and not args.feed and not args.sitemap:
        print("newsdesk ingest: give files, folders, URLs, --feed or --sitemap", file=sys.stderr)
        return 2

    def log(msg: str) -> None:
        if not args.quiet:
            print(msg, file=sys.stderr)

    try:
        report = ingest(args.paths, db_path=args.db, batch_size=args.batch_size, published=args.published, log=log,
                        feeds=(args.feed or []) + (args.sitemap or []), max_urls=args.max_urls)
    except DatabaseBusy as exc:
        print(f"newsdesk: busy: {exc}", file=sys.stderr)
        return 75  # EX_TEMPFAIL: try again later
    except StoreError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report.to_json(), indent=2))
    else:
        print(f"load {report.load_id}: {report.n_inputs} inputs -> {report.n_landed} landed, "
              f"{report.n_rejected} rejected, {report.n_duplicates} duplicates; {report.n_skipped} files skipped; "
              f"{report.rows_quarantined} rows quarantined; {report.seconds:.1f}s")
        for s in report.skipped[:20]:
            print(f"  skipped {s['source_ref']}: {s['reason']}")
        print(f"database: {report.database}\nread copy (dashboard, analysts): {report.read_copy}")
    return 0 if report.status == "succeeded" else 1


def cmd_extract(args: argparse.Namespace) -> int:
    from newsdesk.clean import CleanError
    from newsdesk.pipeline import extract_one

    try:
        facts = extract_one(args.file, url=args.url, published=args.published)
    except CleanError as exc:
        print(f"newsdesk: cannot extract {args.file}: [{exc.rule}] {exc}", file=sys.stderr)
        return 2
    out = facts.to_json()
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        a = out["article"]
        print(f"{a['title']}\n  published {a['published_at']} ({a['published_source']}), dateline {a['dateline']}")
        for x in out["actors"]:
            print(f"  actor {x['name']} [{x['type']}, {x['country']}] x{x['mentions']} roles={x['roles']}")
        for d in out["dates"]:
            print(f"  date {d['text']!r} -> {d['start']}..{d['end']} ({d['granularity']})")
        for t in out["topics"]:
            print(f"  topic {t['code']} {t['label']} {t['score']}")
        for q in out["quotes"]:
            print(f"  quote ({q['speaker']}): {q['text'][:80]}")
    return 0


def _repo_root() -> Path:
    from newsdesk.settings import load_settings

    return load_settings().root


def cmd_dashboard(args: argparse.Namespace) -> int:
    root = _repo_root()
    env = dict(os.environ)
    if args.db:
        env["NEWSDESK_DB"] = str(Path(args.db).resolve())
    cmd = [sys.executable, "-m", "streamlit", "run", str(root / "dashboard" / "app.py"),
           "--server.address", "127.0.0.1", "--server.port", str(args.port), "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--client.showErrorDetails", "none"]
    print(f"dashboard: http://127.0.0.1:{args.port}", flush=True)
    return subprocess.call(cmd, cwd=root, env=env)


def cmd_run(args: argparse.Namespace) -> int:
    """The main job: ingest the seeds through the Prefect flow, then serve the dashboard."""
    root = _repo_root()
    env = dict(os.environ)
    cmd = [sys.executable, str(root / "flows" / "ingest.py"), *(args.paths or [str(root / "seeds")])]
    if args.db:
        cmd += ["--db", args.db]
    rc = subprocess.call(cmd, cwd=root, env=env)
    if rc != 0 or args.no_dashboard:
        return rc
    return cmd_dashboard(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsdesk", description="News articles in; actors, topics and dates out, in DuckDB.")
    p.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("ingest", help="clean, enrich, validate and land articles into DuckDB (no Prefect server)",
                       description="Read .html/.htm(.gz), .txt and .jsonl files, page URLs, RSS/Atom feeds and "
                                   "sitemaps; land them. Fetching refuses private/loopback addresses unless "
                                   "allowed by NEWSDESK_FETCH_ALLOW (hosts or CIDRs).")
    s.add_argument("paths", nargs="*", help="files, folders or page URLs (feed/sitemap-shaped URLs are expanded)")
    s.add_argument("--feed", action="append", metavar="URL", help="an RSS/Atom feed whose articles to load (repeatable)")
    s.add_argument("--sitemap", action="append", metavar="URL", help="a (news) sitemap or sitemap index (repeatable)")
    s.add_argument("--max-urls", type=int, default=1000, help="cap on article URLs taken from feeds/sitemaps")
    s.add_argument("--db", help="DuckDB file to write (default: data/newsdesk.duckdb or $NEWSDESK_DB)")
    s.add_argument("--batch-size", type=int, help="articles per batch (default 32 or $NEWSDESK_BATCH_SIZE)")
    s.add_argument("--published", type=_date, help="publication date (YYYY-MM-DD) for inputs that lack one")
    s.add_argument("--json", action="store_true", help="print the load report as JSON")
    s.add_argument("--quiet", action="store_true", help="no per-batch progress on stderr")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("extract", help="one article file in, one JSON object of its facts out (no database)",
                       description="Extract one .html/.html.gz/.txt article; the --json output is a stable contract.")
    s.add_argument("file")
    s.add_argument("--url", help="the page's URL (improves metadata and ids)")
    s.add_argument("--published", type=_date, help="publication date YYYY-MM-DD (reference for relative dates)")
    s.add_argument("--json", action="store_true", help="print the facts as JSON (the stable contract)")
    s.set_defaults(func=cmd_extract)

    s = sub.add_parser("dashboard", help="serve the Streamlit dashboard on 127.0.0.1",
                       description="Serve the dashboard (reads the published read copy of the database).")
    s.add_argument("--db", help="the writer's DuckDB file; the dashboard opens its .read.duckdb copy")
    s.add_argument("--port", type=int, default=8501)
    s.set_defaults(func=cmd_dashboard)

    s = sub.add_parser("run", help="the main job: the Prefect ingest flow on the seeds, then the dashboard",
                       description="Run the ingest flow (seeds by default) then serve the dashboard.")
    s.add_argument("paths", nargs="*", help="inputs (default: seeds/)")
    s.add_argument("--db", help="DuckDB file (default data/newsdesk.duckdb)")
    s.add_argument("--port", type=int, default=8501)
    s.add_argument("--no-dashboard", action="store_true", help="only run the flow")
    s.set_defaults(func=cmd_run)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
