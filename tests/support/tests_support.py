"""Helpers shared by tests (imported as `tests_support`; tests/conftest.py puts this folder on sys.path)."""

from __future__ import annotations

import json
from pathlib import Path


def article_lines(seed_path: Path, n: int) -> str:
    """`n` distinct JSONL article records built from the seed's body (distinct URLs and wording)."""
    body = seed_path.read_text(encoding="utf-8").split("\n", 1)[1]
    return "\n".join(
        json.dumps({"url": f"https://wire.example/story/{i}", "title": f"Story {i}: air defence talks",
                    "text": body.replace("nine other regions", f"{i + 2} other regions"),
                    "published": "2025-10-12"})
        for i in range(n)) + "\n"
