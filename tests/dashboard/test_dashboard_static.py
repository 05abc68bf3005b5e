"""Guards on the dashboard's source: no HTML escape hatches, SQL only in named files, safe packaged config."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest
from dashboard_fixture import DASHBOARD, ROOT, XSS_AUTHOR, XSS_DATA_LINK, XSS_JS_LINK, XSS_TITLE
from streamlit import config as st_config

from ui import highlighted, md_escape

SOURCES = sorted(DASHBOARD.rglob("*.py"))
# Streamlit calls whose first argument is rendered as markdown.
MARKDOWN_CALLS = {"markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success",
                  "toast", "write", "metric"}


@pytest.mark.parametrize(
    "text", [XSS_TITLE, XSS_AUTHOR, XSS_JS_LINK, XSS_DATA_LINK, "# heading\n- item", ":red[x] :material/home: $x^2$",
             "a\\*b*", "&lt;b&gt;", "| a | b |"]
)
def test_md_escape_leaves_no_active_character(text: str) -> None:
    escaped = md_escape(text)
    assert "\n" not in escaped
    # Remove every escaped pair; nothing markdown, HTML or Streamlit treats specially may be left.
    bare = re.sub(r"\\.", "", escaped)
    assert not set(bare) & set("\\`*_{}[]()<>#+-.!|~:$&='\"/"), escaped


@pytest.mark.parametrize(
    "text", [XSS_TITLE, XSS_AUTHOR, XSS_JS_LINK, XSS_DATA_LINK, "# heading\n- item\n    code\n1. list",
             ":red[x] :material/home: $x^2$", "a\\*b*", "| a | b |", "Zelensky said ]:blue-background[x] on Friday"]
)
def test_highlighted_text_leaves_no_active_character_but_its_own_backgrounds(text: str) -> None:
    marks = {"actor": ["Zelensky", "x", "<img"], "date": ["on Friday", "heading"], "quote": [text[2:12]]}
    out = highlighted(text, marks)
    # Only the directives highlighted writes, around escaped text; nothing else markdown, HTML or Streamlit reads.
    bare = re.sub(r":(green|orange|blue)-background\[((?:\\.|[^\\\]])*)\]", r"\2", out)
    bare = re.sub(r"\\.", "", bare)
    assert not set(bare) & set("\\`*_{}[]()<>#+-.!|~:$&='\"/"), out
    assert "\n    " not in out and all(not line.startswith(" " * 4) for line in out.split("\n"))
    if "Zelensky" in text:
        assert ":blue-background[Zelensky]" in out and ":orange-background[on Friday]" in out


def test_sources_found() -> None:
    names = {p.relative_to(DASHBOARD).as_posix() for p in SOURCES}
    assert {"app.py", "data.py", "ui.py", "views/articles.py"} <= names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(DASHBOARD).as_posix())
def test_no_html_escape_hatches(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for banned in ("unsafe_allow_html", "st.html", "components.v1", "st.components", "LinkColumn", "ImageColumn",
                   "st.write("):
        assert banned not in text, f"{path.name} uses {banned}"


# Loop variables that only ever hold literals from a list in the same function (reviewed by hand).
REVIEWED_NAMES = {("overview.py", "label"), ("articles.py", "empty_message")}


def _safe(arg: ast.expr, file: str) -> bool:
    if isinstance(arg, ast.Name):
        return (file, arg.id) in REVIEWED_NAMES
    if isinstance(arg, (ast.Constant, ast.JoinedStr)):
        return True  # literals, and f-strings (reviewed: they only format numbers and dates)
    if isinstance(arg, ast.BinOp):
        return _safe(arg.left, file) and _safe(arg.right, file)
    if isinstance(arg, ast.IfExp):
        return _safe(arg.body, file) and _safe(arg.orelse, file)
    if isinstance(arg, ast.Call):  # ui.highlighted escapes every character it is given (tested below)
        return getattr(arg.func, "attr", getattr(arg.func, "id", "")) in ("md_escape", "highlighted")
    return False


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(DASHBOARD).as_posix())
def test_markdown_never_gets_a_raw_value(path: Path) -> None:
    """Markdown-rendering calls take literals, f-strings, or ui.md_escape(...), never a bare value from data."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # ui.empty(message) forwards its argument to st.info; its callers are checked instead.
    skip = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name == "empty" for n in ast.walk(f)}
    for node in ast.walk(tree):
        if id(node) in skip or not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in MARKDOWN_CALLS | {"empty"} or not node.args:
            continue
        checked = list(node.args[:1])
        if node.func.attr == "metric":  # a metric's value renders markdown too
            checked += node.args[1:2] + [k.value for k in node.keywords if k.arg == "value"]
        for arg in checked:
            assert _safe(arg, path.name), (
                f"{path.name}:{node.lineno}: {node.func.attr}() given {ast.unparse(arg)}; escape it with ui.md_escape"
            )


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(DASHBOARD).as_posix())
def test_sql_and_connections_live_only_in_the_data_module(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    if path.name != "data.py":
        assert not {m for m in imported if m == "duckdb" or m.startswith("newsdesk.store")}, path.name
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    assert not [s for s in strings if "SELECT " in s or " FROM " in s], f"SQL text in {path.name}"


def test_every_named_query_is_a_sql_file_with_a_limit() -> None:
    files = sorted((DASHBOARD / "queries").glob("*.sql"))
    assert files
    for f in files:
        body = "\n".join(line.split("--", 1)[0] for line in f.read_text(encoding="utf-8").splitlines())
        assert f.name.startswith("_") or "LIMIT" in body.upper(), f.name


def test_packaged_config_is_loopback_quiet_and_valid_for_this_streamlit() -> None:
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["server"]["address"] == "127.0.0.1"
    assert cfg["server"]["headless"] is True
    assert cfg["client"]["showErrorDetails"] == "none"  # `false` would mean "stacktrace" in 1.67
    assert cfg["browser"]["gatherUsageStats"] is False
    st_config.get_config_options()
    known = st_config._config_options  # noqa: SLF001 - the only place option names are listed
    assert known is not None
    for section, values in cfg.items():
        for key in values:
            assert f"{section}.{key}" in known, f"unknown Streamlit option {section}.{key}"
