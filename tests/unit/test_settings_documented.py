"""Every NEWSDESK_* setting the code reads is documented in the README's configuration table and listed in
.env.example (a knob nobody can find does not exist), and the program reads the environment in one place,
newsdesk.settings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsdesk import settings as settings_module
from newsdesk.settings import ENV, Settings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]
NAME = re.compile(r"NEWSDESK_[A-Z_]*[A-Z]")
TEST_KNOBS = {"NEWSDESK_REQUIRE_CORPORA", "NEWSDESK_REQUIRE_BROWSER"}  # read by tests/ (CI sets them)


def _read(root: Path = ROOT, folders: tuple[str, ...] = ("src", "flows", "dashboard")) -> dict[str, set[str]]:
    """{NEWSDESK_* name: files naming it} over the Python code of `folders`."""
    out: dict[str, set[str]] = {}
    for folder in folders:
        for path in (root / folder).rglob("*.py"):
            for name in NAME.findall(path.read_text(encoding="utf-8")):
                out.setdefault(name, set()).add(str(path.relative_to(root)))
    return out


def _config_table() -> set[str]:
    """The names in the first column of the README's configuration table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return {n for cell in rows for n in NAME.findall(cell)}


def _env_example() -> dict[str, str | None]:
    """{name: value} of .env.example (None for a commented-out line)."""
    out: dict[str, str | None] = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"(# )?(NEWSDESK_[A-Z_]+)=(.*)", line.strip())
        if m:
            out[m.group(2)] = None if m.group(1) else m.group(3)
    return out


def test_every_environment_setting_is_in_the_readme() -> None:
    read = _read()
    assert len(read) > 20
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(NAME.findall(readme))
    assert sorted(set(read) - documented) == []


def test_every_setting_read_is_a_row_of_the_configuration_table_and_of_env_example() -> None:
    """Mentioned somewhere in the README is not enough: each knob the code reads has its row in the one table, and its
    line in .env.example; neither lists a knob nothing reads."""
    read = set(_read())
    table, example = _config_table(), set(_env_example())
    assert sorted(read - table) == [], "read but not in the README's configuration table"
    assert sorted(read - example) == [], "read but not in .env.example"
    assert sorted(table - read - TEST_KNOBS) == [], "in the configuration table but read nowhere"
    assert table == example
    assert set(ENV) | {"NEWSDESK_ROOT"} <= read


def test_an_undocumented_read_under_src_fails_the_check(tmp_path) -> None:
    """The scan sees a NEWSDESK_* name in any module under src/, however it is read, and the table lacks it."""
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    (tmp_path / "src" / "pkg" / "new.py").write_text('import os\nX = os.getenv("NEWSDESK_SOMETHING_NEW", "1")\n')
    assert set(_read(tmp_path, ("src",))) - _config_table() == {"NEWSDESK_SOMETHING_NEW"}


def test_the_program_reads_the_environment_only_in_settings() -> None:
    """Outside settings.py, src/newsdesk may only copy the environment for a child process (cli.py) and switch off
    Great Expectations' analytics (validate.py): no module reads a knob of its own."""
    allowed = {("cli.py", "env = dict(os.environ)"),
               ("validate.py", 'os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")')}
    found = []
    for path in (ROOT / "src" / "newsdesk").rglob("*.py"):
        if path.name == "settings.py" and path.parent.name == "newsdesk":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"\bos\.environ\b|\bgetenv\b|\benviron\.get\b", line):
                if (path.name, line.strip()) not in allowed:
                    found.append(f"{path.relative_to(ROOT)}: {line.strip()}")
    assert found == []


def test_env_example_values_are_the_defaults(monkeypatch) -> None:
    """Loading .env.example as it is changes no setting; its commented-out lines are knobs without a fixed default."""
    values = _env_example()
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    default = load_settings()
    for name, value in values.items():
        if value is not None and name in ENV:
            monkeypatch.setenv(name, value)
    assert load_settings() == default


def test_settings_defaults_agree_with_the_fetcher_and_feed_defaults() -> None:
    from newsdesk.sources.feeds import DEFAULT_MAX_BYTES as FEED_MAX_BYTES
    from newsdesk.sources.fetch.policy import DEFAULT_DEADLINE_S, DEFAULT_MAX_BYTES, FetchPolicy

    s = Settings()
    assert (s.fetch_deadline_s, s.fetch_max_bytes, s.feed_max_bytes) == (DEFAULT_DEADLINE_S, DEFAULT_MAX_BYTES,
                                                                          FEED_MAX_BYTES)
    assert s.fetch_min_interval_s == FetchPolicy().min_interval_s


def test_environment_reaches_the_modules_through_settings(monkeypatch) -> None:
    """The knobs once read where they were used still work, now through the settings object, read at use time."""
    from newsdesk.sources import web
    from newsdesk.sources.fetch.policy import default_user_agent
    from newsdesk.sources.urls import AllowList

    monkeypatch.setenv("NEWSDESK_FETCH_DEADLINE", "7.5")
    monkeypatch.setenv("NEWSDESK_FETCH_MAX_BYTES", "1234")
    monkeypatch.setenv("NEWSDESK_FEED_MAX_BYTES", "99")
    monkeypatch.setenv("NEWSDESK_FETCH_CONTACT", " ops@example.org ")
    monkeypatch.setenv("NEWSDESK_FETCH_ALLOW", "10.0.0.0/8, intranet.local")
    monkeypatch.setenv("NEWSDESK_LOCK_WAIT", "3")
    monkeypatch.setenv("NEWSDESK_DASK_ADDRESS", "tcp://10.0.0.1:8786")
    assert web.fetch_options() == {"deadline_s": 7.5, "max_bytes": 1234}
    assert web.feed_max_bytes() == 99
    assert default_user_agent().endswith("(+ops@example.org)")
    allow = AllowList.parse(None)
    assert allow.hosts == frozenset({"intranet.local"}) and len(allow.networks) == 1
    s = load_settings()
    assert (s.lock_wait_s, s.dask_address) == (3.0, "tcp://10.0.0.1:8786")


def test_empty_is_unset_and_a_bad_value_names_its_variable(monkeypatch) -> None:
    monkeypatch.setenv("NEWSDESK_FETCH_DEADLINE", "")
    monkeypatch.setenv("NEWSDESK_WORKERS", "0")
    s = load_settings()
    assert s.fetch_deadline_s == Settings().fetch_deadline_s and s.workers is None
    monkeypatch.setenv("NEWSDESK_LOCK_WAIT", "soon")
    with pytest.raises(SettingsError, match="NEWSDESK_LOCK_WAIT"):
        settings_module.load_settings()


def test_the_flows_read_the_environment_only_through_settings() -> None:
    """flows/ takes its knobs (lock waits, retries, stage timeouts, the lease, heartbeats, the deployments file) from
    the settings object, like the program: no read of the environment of its own."""
    found = [f"{path.relative_to(ROOT)}: {line.strip()}"
             for path in (ROOT / "flows").rglob("*.py")
             for line in path.read_text(encoding="utf-8").splitlines()
             if re.search(r"\bos\.environ\b|\bgetenv\b|\benviron\.get\b", line)]
    assert found == []


def test_the_flow_knobs_are_settings(monkeypatch) -> None:
    s = Settings()
    assert (s.flow_lock_wait_s, s.lock_retries, s.lock_retry_delay_s, s.db_queue_timeout_s, s.prepare_timeout_s,
            s.batch_timeout_s, s.db_lease_s, s.deployments_path, s.heartbeat_s, s.zombie_after_s) == (
        120.0, 2, 10.0, 3600.0, 600.0, 1800.0, 60.0, None, 30, None)
    monkeypatch.setenv("NEWSDESK_LOCK_WAIT", "2")  # one knob: the CLI's wait and the flow's
    monkeypatch.setenv("NEWSDESK_LOCK_RETRIES", "5")
    monkeypatch.setenv("NEWSDESK_BATCH_TIMEOUT", "0")  # no limit
    monkeypatch.setenv("NEWSDESK_PREPARE_TIMEOUT", "none")
    monkeypatch.setenv("NEWSDESK_DB_QUEUE_TIMEOUT", "")  # empty is unset: the default
    monkeypatch.setenv("NEWSDESK_DEPLOYMENTS", "/tmp/other.toml")
    monkeypatch.setenv("NEWSDESK_ZOMBIE_AFTER", "200")
    s = load_settings()
    assert (s.lock_wait_s, s.flow_lock_wait_s, s.lock_retries) == (2.0, 2.0, 5)
    assert (s.batch_timeout_s, s.prepare_timeout_s, s.db_queue_timeout_s) == (0.0, 0.0, 3600.0)
    assert (s.deployments_path, s.zombie_after_s) == (Path("/tmp/other.toml"), 200.0)
    monkeypatch.setenv("NEWSDESK_HEARTBEAT", "often")
    with pytest.raises(SettingsError, match="NEWSDESK_HEARTBEAT"):
        load_settings()
