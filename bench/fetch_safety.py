"""Fetch-safety catalogue (tests/fetch/fetch_catalogue.py, items 10-20 and 25): run each against local servers on
127.0.0.1 (and 127.0.0.2 as the "internal" stand-in) and print one line per item with its figure.

Usage: python bench/fetch_safety.py [--items 10,14,16] [--verbose]
Exit status 1 when any item fails. The scenarios are the ones tests/fetch/test_fetch_safety.py asserts.
For a hard guarantee that nothing leaves the machine:
    unshare -n sh -c 'ip link set lo up && python bench/fetch_safety.py'
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fetch"))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--items", default="", help="comma-separated item numbers (default: all)")
    p.add_argument("--verbose", "-v", action="store_true", help="print every case of every item")
    a = p.parse_args()

    import fetch_catalogue as cat
    from newsdesk.sources.fetch import supported_encodings

    wanted = [int(x) for x in a.items.split(",") if x.strip()] or sorted(cat.ITEMS)
    print(f"# newsdesk fetch safety, Content-Encodings decoded here: {', '.join(supported_encodings())}")
    failed = 0
    t_all = time.monotonic()
    for item in wanted:
        t0 = time.monotonic()
        try:
            rep = cat.ITEMS[item]()
        except Exception as exc:  # noqa: BLE001 - a crashed scenario is a failed item, keep going
            print(f"{item:>2}. FAIL crashed: {type(exc).__name__}: {exc}")
            failed += 1
            continue
        print(f"{rep.line()}  [{time.monotonic() - t0:.1f} s]")
        if a.verbose or not rep.ok:
            for row in rep.rows:
                print(f"      {'ok  ' if row.ok else 'FAIL'} {row.case}: {row.detail}")
        failed += 0 if rep.ok else 1
    print(f"# {len(wanted) - failed}/{len(wanted)} items pass in {time.monotonic() - t_all:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
