"""`newsdesk` command line: a thin layer over the core (pipeline, store)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from newsdesk import __version__


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from exc


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def cmd_ingest(args: argparse.Namespace) -> int:
    from newsdesk.executors import ExecutorError
    from newsdesk.lifecycle import ingest
    from newsdesk.pipeline import InputError
    from newsdesk.store.db import DatabaseBusy, StoreError

    if not args.paths and not args.feed and not args.sitemap:
        print("newsdesk ingest: give files, folders, URLs, --feed or --sitemap", file=sys.stderr)
        return 2

    def log(msg: str) -> None:
        if not args.quiet:
            print(msg, file=sys.stderr)

    try:
        report = ingest(args.paths, db_path=args.db, batch_size=args.batch_size, published=args.published, log=log,
                        feeds=(args.feed or []) + (args.sitemap or []), max_urls=args.max_urls, force=args.force,
                        workers=args.workers, dask_address=args.dask)
    except (InputError, ExecutorError) as exc:
        print(f"newsdesk ingest: {exc}", file=sys.stderr)
        return 2
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
        print(f"database: {report.database}\nreader store (dashboard, `newsdesk sql`): {report.reader_store}")
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


def cmd_eval(args: argparse.Namespace) -> int:
    from newsdesk.evaluation.report import PARTS, format_table, run
    from newsdesk.settings import load_settings

    corpora = Path(args.corpora) if args.corpora else load_settings().corpora_dir
    if not (corpora / "README.md").exists():
        print(f"newsdesk: corpora not found at {corpora} (use --corpora or set NEWSDESK_CORPORA)", file=sys.stderr)
        return 2
    only = [p.strip() for p in args.only.split(",") if p.strip()] if args.only else list(PARTS)
    try:
        report = run(corpora, only)
    except ValueError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 2
    print(format_table(report))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nJSON: {args.json_out}")
    return 0


def _repo_root() -> Path:
    from newsdesk.settings import load_settings

    return load_settings().root


def prepare_dashboard(db: str | None) -> Path:
    """The database the dashboard will read (--db, else NEWSDESK_DB, else data/newsdesk.duckdb), its schema and
    reader store brought up to date first when an older newsdesk made it."""
    from newsdesk.settings import load_settings
    from newsdesk.store.db import StoreError, upgrade

    db_path = Path(db).resolve() if db else load_settings().database
    try:
        upgrade(db_path)
    except StoreError as exc:
        print(f"newsdesk dashboard: {exc}", file=sys.stderr)
    return db_path


def run_child(cmd: list[str], cwd: Path, env: dict[str, str]) -> int:
    """Run a child process (Streamlit, the flow) in the foreground and pass SIGTERM, SIGHUP and SIGINT on to it,
    so stopping `newsdesk dashboard` / `newsdesk run` by signal (a service manager, `kill PID`) stops what it
    started instead of leaving it serving. Returns the child's exit code."""
    import signal

    child = subprocess.Popen(cmd, cwd=cwd, env=env)
    forwarded: list[int] = []

    def forward(signum: int, _frame: Any) -> None:
        forwarded.append(signum)
        if child.poll() is None:
            child.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
    import time

    try:
        stop_by = None
        while True:
            try:
                rc = child.wait(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                if forwarded and stop_by is None:
                    stop_by = time.monotonic() + 10
                if stop_by is not None and time.monotonic() > stop_by:  # asked to stop, still running after 10 s
                    child.kill()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 128 + forwarded[0] if forwarded and rc < 0 else rc


def cmd_dashboard(args: argparse.Namespace) -> int:
    root = _repo_root()
    env = dict(os.environ)
    if args.db:
        env["NEWSDESK_DB"] = str(Path(args.db).resolve())
    prepare_dashboard(args.db)
    cmd = [sys.executable, "-m", "streamlit", "run", str(root / "dashboard" / "app.py"),
           "--server.address", "127.0.0.1", "--server.port", str(args.port), "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--client.showErrorDetails", "none"]
    print(f"dashboard: http://127.0.0.1:{args.port}", flush=True)
    return run_child(cmd, root, env)


def cmd_run(args: argparse.Namespace) -> int:
    """The main job: ingest the seeds through the Prefect flow, then serve the dashboard."""
    root = _repo_root()
    env = dict(os.environ)
    # paths are the caller's, not the repository's: resolve them before the flow runs with cwd=root
    paths = [p if "://" in p else str(Path(p).resolve()) for p in (args.paths or [str(root / "seeds")])]
    cmd = [sys.executable, str(root / "flows" / "ingest.py"), *paths]
    if args.db:
        args.db = str(Path(args.db).resolve())
        cmd += ["--db", args.db]
    rc = run_child(cmd, root, env)
    if rc != 0 or args.no_dashboard:
        return rc
    return cmd_dashboard(args)


def _actor_db(args: argparse.Namespace) -> tuple[Any, Path]:
    """A connection to the database named by --db (None, after saying why, when there is none): `list` reads the
    reader store (so it never waits for, or blocks, a running load); merge/split take the write lock."""
    from newsdesk.settings import load_settings
    from newsdesk.store import db, lake

    path = load_settings(db_path=Path(args.db) if args.db else None).database
    if not path.exists():
        print(f"newsdesk: no database at {path} (run `newsdesk ingest` first, or pass --db)", file=sys.stderr)
        return None, path
    if args.actors_command == "list" and lake.exists(path):
        return lake.connect_reader(path), path
    return db.connect_writer(path), path


def cmd_actors(args: argparse.Namespace) -> int:
    """`newsdesk actors list|merge|split`: browse canonical actors and record identity decisions."""
    from newsdesk.store import identity, lake
    from newsdesk.store.db import DatabaseBusy, StoreError

    try:
        con, path = _actor_db(args)
    except DatabaseBusy as exc:
        print(f"newsdesk: busy: {exc}", file=sys.stderr)
        return 75
    except StoreError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 1
    if con is None:
        return 1
    try:
        if args.actors_command == "list":
            if args.overrides:
                rows = identity.list_overrides(con)
            else:
                rows = identity.list_actors(con, search=args.search, limit=args.limit, type_=args.type)
            if args.json:
                print(json.dumps(rows, default=str, ensure_ascii=False))
            elif not rows:
                print("no overrides" if args.overrides else "no actors")
            elif args.overrides:
                for r in rows:
                    extra = f" ({r['alias']})" if r["alias"] else ""
                    print(f"{r['kind']:<6} {r['from_actor_id']} -> {r['into_actor_id']}{extra}  {r['name']}")
            else:
                for r in rows:
                    qid = f" {r['wikidata_qid']}" if r["wikidata_qid"] else ""
                    aliases = ", ".join(a for a in r["aliases"] if a != r["name"])[:80]
                    print(f"{r['actor_id']:<18} {r['name']} [{r['type']}, {r['country'] or '-'}{qid}] "
                          f"{r['articles']} articles, {r['mentions']} mentions" + (f"; aka {aliases}" if aliases else ""))
            return 0
        actor_ids = [args.actor_id] + ([args.into_id] if args.actors_command == "merge" else [])
        touched = lake.articles_of_actors(con, actor_ids)
        try:
            if args.actors_command == "merge":
                out = identity.merge(con, args.actor_id, args.into_id, note=args.note)
                msg = f"merged {out['from']} into {out['into']} ({out['name']}); {out['articles']} articles updated"
            elif args.name:
                out = identity.split(con, args.actor_id, args.name, note=args.note)
                msg = f"split {out['name']!r} off {out['from']} as {out['into']}; {out['articles']} articles updated"
            else:
                out = identity.unmerge(con, args.actor_id)
                msg = (f"restored {out['from']} ({out['name']}) from {out['into']}; {out['articles']} links moved back "
                       "(links combined within one article stay combined until it is landed again: "
                       "`newsdesk ingest … --force`)")
        except identity.OverrideError as exc:
            print(f"newsdesk: {exc}", file=sys.stderr)
            return 2
        # readers see the decision at once: the touched articles and actors are republished from this file
        lake.queue(con, {"actor": [*actor_ids, *lake.actors_of_articles(con, touched)], "full": ["actor_overrides"]},
                   replaced=touched)
        lake.publish(con, path)
    finally:
        con.close()
    print(json.dumps(out) if args.json else msg)
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    """`newsdesk sql "SELECT ..."`: a locked-down read-only session on the reader store."""
    import duckdb

    from newsdesk.settings import load_settings
    from newsdesk.store import lake

    path = load_settings(db_path=Path(args.db) if args.db else None).database
    if args.attach:
        print(";\n".join(lake.attach_statements(path)) + ";")
        return 0
    query = args.query if args.query is not None else sys.stdin.read()
    if not query.strip():
        print("newsdesk sql: no query given", file=sys.stderr)
        return 2
    try:
        con = lake.connect_reader(path)
    except lake.LakeError as exc:
        print(f"newsdesk sql: {exc}", file=sys.stderr)
        return 1
    try:
        rel = con.sql(query)
        if rel is None:
            return 0
        if args.format == "table":
            rel.show(max_rows=args.max_rows, max_width=200)
        elif args.format == "csv":
            rel.df().to_csv(sys.stdout, index=False)
        else:
            print(rel.df().to_json(orient="records", date_format="iso", force_ascii=False))
    except duckdb.Error as exc:
        print(f"newsdesk sql: {str(exc).strip().splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        con.close()
    return 0


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
    s.add_argument("--batch-size", type=_positive, help="articles per batch (default 32 or $NEWSDESK_BATCH_SIZE)")
    s.add_argument("--published", type=_date,
                   help="publication date (YYYY-MM-DD) of these inputs: overrides any date found in them")
    s.add_argument("--force", action="store_true",
                   help="re-process unchanged inputs and re-land articles already stored with the same content "
                        "(after an upgrade, or with --published)")
    s.add_argument("--workers", type=int, metavar="N",
                   help="processes that clean, enrich and validate batches (default: every core, or "
                        "$NEWSDESK_WORKERS; 1 = in this process); landing stays in this process")
    s.add_argument("--dask", metavar="ADDRESS",
                   help="process batches on the running Dask scheduler at ADDRESS (tcp://host:port, or "
                        "$NEWSDESK_DASK_ADDRESS); its workers must read the same input paths")
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

    s = sub.add_parser("eval", help="measure extraction and enrichment quality on the shared corpora",
                       description="Run the pipeline's own code on the real-news corpora (scrapinghub_aeb, fundus, "
                                   "meantime_en, our topic labels) and print every quality figure beside its baseline "
                                   "(trafilatura alone) and target, measured in the same run, plus seconds per stage.")
    s.add_argument("--corpora", help="corpora folder (default: $NEWSDESK_CORPORA or ../shared/corpora)")
    s.add_argument("--json-out", help="also write the report as JSON to this file")
    s.add_argument("--only", help="comma-separated parts: aeb,fundus,meantime,topics,german,timebank (default: all)")
    s.set_defaults(func=cmd_eval)

    s = sub.add_parser("dashboard", help="serve the Streamlit dashboard on 127.0.0.1",
                       description="Serve the dashboard (reads the reader store the loader publishes into).")
    s.add_argument("--db", help="the writer's DuckDB file; the dashboard reads its <name>.lake/ reader store")
    s.add_argument("--port", type=int, default=8501)
    s.set_defaults(func=cmd_dashboard)

    s = sub.add_parser("sql", help="run SQL on the reader store (read-only; never waits for or blocks a load)",
                       description="Run SQL against the published data: every table and mart, unqualified "
                                   "(SELECT ... FROM mart_articles). Read-only, no access to other files.")
    s.add_argument("query", nargs="?", help="the SQL to run (default: read it from stdin)")
    s.add_argument("--db", help="the writer's DuckDB file (default $NEWSDESK_DB or data/newsdesk.duckdb)")
    s.add_argument("--format", choices=("table", "csv", "json"), default="table")
    s.add_argument("--max-rows", type=int, default=1000, help="rows printed as a table (csv/json print all)")
    s.add_argument("--attach", action="store_true",
                   help="print the statements that open the store in any DuckDB session (duckdb CLI, notebook)")
    s.set_defaults(func=cmd_sql)

    s = sub.add_parser("run", help="the main job: the Prefect ingest flow on the seeds, then the dashboard",
                       description="Run the ingest flow (seeds by default) then serve the dashboard.")
    s.add_argument("paths", nargs="*", help="inputs (default: seeds/)")
    s.add_argument("--db", help="DuckDB file (default data/newsdesk.duckdb)")
    s.add_argument("--port", type=int, default=8501)
    s.add_argument("--no-dashboard", action="store_true", help="only run the flow")
    s.set_defaults(func=cmd_run)

    s = sub.add_parser("actors", help="list canonical actors; merge or split them (decisions survive reprocessing)",
                       description="Browse the actors table and record identity decisions in actor_overrides; "
                                   "every later load applies them when it lands rows.")
    asub = s.add_subparsers(dest="actors_command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="DuckDB file (default: data/newsdesk.duckdb or $NEWSDESK_DB)")
    common.add_argument("--json", action="store_true", help="print JSON")
    a = asub.add_parser("list", parents=[common], help="actors with article and mention counts",
                        description="List canonical actors, most mentioned first (or the recorded overrides).")
    a.add_argument("--search", help="part of a name, an exact alias, or an actor id")
    a.add_argument("--type", choices=["person", "organization", "country", "place", "group"])
    a.add_argument("--limit", type=int, default=50)
    a.add_argument("--overrides", action="store_true", help="list the merge/split decisions instead")
    a = asub.add_parser("merge", parents=[common], help="merge ACTOR_ID into INTO_ID, now and on every later load",
                        description="Record that ACTOR_ID is the same actor as INTO_ID: its links, aliases and quotes "
                                    "move to INTO_ID now, and every later load lands them there.")
    a.add_argument("actor_id")
    a.add_argument("into_id")
    a.add_argument("--note", help="why (kept with the decision)")
    a = asub.add_parser("split", parents=[common], help="split NAME off ACTOR_ID (or undo a merge of ACTOR_ID)",
                        description="With NAME: the links of ACTOR_ID written as NAME become a separate actor, now "
                                    "and on every later load. Without NAME: undo an earlier merge of ACTOR_ID.")
    a.add_argument("actor_id")
    a.add_argument("name", nargs="?", help="a name or alias of ACTOR_ID, as written in articles")
    a.add_argument("--note", help="why (kept with the decision)")
    s.set_defaults(func=cmd_actors)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
