"""Regenerate the packaged IPTC Media Topics table from the shared reference snapshot.

Usage: python bench/make_taxonomy.py [REFERENCE_CSV] [OUTPUT_CSV]

Keeps only active (not retired) concepts and only the columns the project may ship under CC BY 4.0
(code, parent, level, label). IPTC's definitions are deliberately dropped: we write our own keywords instead.
"""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "iptc_mediatopics_en.csv"
DEFAULT_OUTPUT = ROOT / "src" / "newsdesk" / "data" / "iptc_mediatopics.csv"
COLUMNS = ["code", "parent", "level", "label"]


def build_rows(reference: Path) -> list[dict[str, str]]:
    """Active concepts of the reference file, reduced to the shippable columns."""
    with reference.open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if not (r.get("retired") or "").strip()]
    active = {r["qcode"] for r in rows}
    out = []
    for r in rows:
        parent = r["parent"].strip()
        # An active concept under a retired parent would dangle; none exist in the 2025-03-31 snapshot, but fail loudly.
        if parent and parent not in active:
            raise ValueError(f"{r['qcode']} has retired or unknown parent {parent}")
        out.append(
            {"code": r["qcode"].strip(), "parent": parent, "level": r["level"].strip(), "label": r["name"].strip()}
        )
    return out


def main(argv: list[str]) -> int:
    """Write the packaged CSV and report how many concepts it holds."""
    reference = Path(argv[1]) if len(argv) > 1 else Path(os.environ.get("NEWSDESK_IPTC_REFERENCE", DEFAULT_REFERENCE))
    output = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUTPUT
    rows = build_rows(reference)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    level1 = sum(1 for r in rows if r["level"] == "1")
    print(f"wrote {output}: {len(rows)} active concepts, {level1} level-1")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
