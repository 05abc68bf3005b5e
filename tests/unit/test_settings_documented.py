"""Every NEWSDESK_* setting the code reads is documented in the README (a knob nobody can find does not exist)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_environment_setting_is_in_the_readme() -> None:
    read = set()
    for folder in ("src", "flows", "dashboard"):
        for path in (ROOT / folder).rglob("*.py"):
            read |= set(re.findall(r"NEWSDESK_[A-Z_]*[A-Z]", path.read_text(encoding="utf-8")))
    assert len(read) > 20
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"NEWSDESK_[A-Z_]*[A-Z]", readme))
    assert sorted(read - documented) == []
