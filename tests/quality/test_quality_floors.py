"""CI's quality gate: the `newsdesk eval` figures on the shared corpora never drop below bench/quality_floors.json,
and body extraction is never worse than trafilatura alone measured in the same run.

One evaluation per test session (about a minute on 2 cores); the trafilatura baseline is cached per process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.evaluation.report import run

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((ROOT / "bench" / "quality_floors.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.corpora


@pytest.fixture(scope="module")
def report(corpora_dir: Path) -> dict:
    return run(corpora_dir)


def test_no_figure_below_its_floor(report: dict) -> None:
    problems = []
    for name, floor in FLOORS["floors"].items():
        fig = report["figures"].get(name)
        if fig is None or fig["ours"] is None:
            problems.append(f"{name}: missing ({report['missing'].get(name, 'not measured')})")
        elif fig["ours"] < floor:
            problems.append(f"{name}: {fig['ours']:.4f} < floor {floor}")
    assert not problems, "quality dropped:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", FLOORS["not_below_baseline"])
def test_not_below_trafilatura_alone(report: dict, name: str) -> None:
    fig = report["figures"][name]
    assert fig["baseline"] is not None
    assert fig["ours"] >= fig["baseline"], f"{name}: ours {fig['ours']:.4f} < trafilatura alone {fig['baseline']:.4f}"


def test_report_is_json_with_timings(report: dict) -> None:
    data = json.loads(json.dumps(report))
    assert data["seconds"]["aeb"]["ours"] > 0 and data["seconds"]["aeb"]["baseline"] > 0
    assert data["seconds"]["fundus"]["ours"] > 0 and data["seconds"]["fundus"]["baseline"] > 0
    assert data["figures"]["fundus_title_exact"]["n"] == 258 and data["figures"]["fundus_title_exact_en"]["n"] == 90
    assert data["figures"]["aeb_body_f1"]["n"] == 181
    assert data["topics_confusion"]["cells"]


def test_eval_command_writes_json(corpora_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "eval.json"
    r = subprocess.run([sys.executable, "-m", "newsdesk.cli", "eval", "--corpora", str(corpora_dir), "--only", "topics",
                        "--json-out", str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "topics_top3" in r.stdout and "confusion" in r.stdout
    assert json.loads(out.read_text())["figures"]["topics_top3"]["ours"] > 0


def test_eval_command_refuses_unknown_part(corpora_dir: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "newsdesk.cli", "eval", "--corpora", str(corpora_dir), "--only", "nope"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "unknown part" in r.stderr
