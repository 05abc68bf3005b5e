"""Fixtures for the dashboard tests: the fixture database, and the environment that points the app at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dashboard_fixture import FixtureDb, build_database


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> FixtureDb:
    """The shared read-only fixture database (with a full-text index)."""
    return build_database(tmp_path_factory.mktemp("newsdesk") / "newsdesk.duckdb")


@pytest.fixture(scope="session")
def fixture_db_no_fts(tmp_path_factory: pytest.TempPathFactory) -> FixtureDb:
    """The same data without a full-text index (the search box falls back to ILIKE on titles)."""
    return build_database(tmp_path_factory.mktemp("newsdesk-nofts") / "newsdesk.duckdb", fts=False)


@pytest.fixture()
def app_env(fixture_db: FixtureDb, monkeypatch: pytest.MonkeyPatch) -> Iterator[FixtureDb]:
    """Point the dashboard at the fixture database."""
    monkeypatch.setenv("NEWSDESK_DB", str(fixture_db.path))
    yield fixture_db


@pytest.fixture()
def app_env_no_fts(fixture_db_no_fts: FixtureDb, monkeypatch: pytest.MonkeyPatch) -> Iterator[FixtureDb]:
    monkeypatch.setenv("NEWSDESK_DB", str(fixture_db_no_fts.path))
    yield fixture_db_no_fts
