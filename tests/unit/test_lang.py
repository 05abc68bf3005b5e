"""newsdesk.lang: every language's data files are sorted and free of duplicates, a broken or missing file fails
loudly, and the stages find a language by its code."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from newsdesk import lang
from newsdesk.lang import LanguageDataError, read_entries

LANG_DIR = Path(str(resources.files("newsdesk.lang")))
PACKAGE_DATA = Path(str(resources.files("newsdesk"))) / "data"  # wire agencies, identity-key words
BYLINES_DIR = PACKAGE_DATA / "bylines"  # the clean step's credit words
DATA_FILES = sorted(p for d in (LANG_DIR, PACKAGE_DATA) for p in d.rglob("*") if p.suffix in (".txt", ".tsv"))


def test_there_are_data_files_for_every_language() -> None:
    assert lang.codes() == ("de", "en")
    assert any(p.parent == BYLINES_DIR for p in DATA_FILES)
    assert {"wire_agencies.tsv", "name_titles.txt", "legal_forms.txt"} <= {p.name for p in DATA_FILES}
    for code in lang.codes():
        names = {p.name for p in DATA_FILES if p.parent.name == code}
        assert set(lang.REQUIRED) <= names, (code, set(lang.REQUIRED) - names)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_data_file_is_sorted_and_unique(path: Path) -> None:
    lines = [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip() and not ln.startswith("#")]
    assert lines == sorted(lines), f"{path.name} is not sorted"
    keys = [tuple(ln.split("\t")[:lang.KEY_COLUMNS.get(path.name, 1)]) for ln in lines]
    assert len(keys) == len(set(keys)), f"{path.name} has duplicates"
    assert all(ln == ln.strip() or path.suffix == ".tsv" for ln in lines)
    if path.suffix == ".tsv":
        assert len({ln.count("\t") for ln in lines}) <= 1, f"{path.name} has rows of different widths"
    assert len(read_entries(path, key_columns=lang.KEY_COLUMNS.get(path.name, 1))) == len(lines)


@pytest.mark.parametrize(("text", "message"), [
    ("b\na\n", "not sorted"),
    ("a\nb\nb\n", "words.txt:4: duplicate entry 'b'"),
    ("a\n b\n", "leading or trailing space"),
])
def test_a_bad_list_fails_loudly(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# a comment line is skipped\n" + text, encoding="utf-8")
    with pytest.raises(LanguageDataError, match=message):
        read_entries(path)


def test_a_bad_table_fails_loudly(tmp_path: Path) -> None:
    path = tmp_path / "roles.tsv"
    path.write_text("chef\tHead\nkanzler\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match="roles.tsv:2: 1 columns, expected 2"):
        read_entries(path)
    path.write_text("chef\tHead\nchef\tKoch\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match="duplicate entry 'chef'"):
        read_entries(path)


def _copy(tmp_path: Path, code: str) -> Path:
    folder = tmp_path / "xx"
    shutil.copytree(LANG_DIR / code, folder, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    return folder


def test_a_language_missing_a_file_fails_clearly(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "de")
    quotes = {"quote_after": lang.get("de").quote_after, "quote_before": lang.get("de").quote_before}
    assert lang.load(folder, "xx", "Test", "model", **quotes).roles  # the copy itself loads
    (folder / "roles.tsv").unlink()
    with pytest.raises(LanguageDataError, match=r"lang/xx: missing data file\(s\) roles.tsv"):
        lang.load(folder, "xx", "Test", "model", **quotes)


def test_a_rules_language_names_its_rules(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "en")
    with pytest.raises(LanguageDataError, match="actor_rules and date_rules"):
        lang.load(folder, "xx", "Test", "rules")
    with pytest.raises(LanguageDataError, match="pipeline 'ner'"):
        lang.load(folder, "xx", "Test", "ner")
    with pytest.raises(LanguageDataError, match="quote_after is a regex with {verbs}"):
        lang.load(folder, "xx", "Test", "model", quote_after="said", quote_before="{verbs}")


def test_languages_by_code() -> None:
    de = lang.get("de")
    assert de is lang.get("de") and de.code == "de" and not de.enriched_by_model
    assert lang.get("en").enriched_by_model
    assert lang.lookup("de-AT") is de and lang.lookup("DE") is de
    assert lang.lookup("fr") is None and lang.lookup(None) is None
    with pytest.raises(KeyError, match="no language 'fr'"):
        lang.get("fr")
    assert de.roles["bundeskanzlerin"] == "Chancellor"
    assert de.months["märz"] == 3 and lang.get("en").months["sept"] == 9
    assert "Olaf" in lang.known_first_names()
    from newsdesk.enrich.german import extract_actors_de

    assert de.rule("actor_rules") is extract_actors_de


def test_one_language_detector() -> None:
    de = ("Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen. Der Kanzler sagte, das sei nicht "
          "das Ende der Debatte, und die Opposition kündigte sich mit Kritik an. Von den Ländern kam Zustimmung.")
    en = ("The government said on Wednesday that it was going to pass a new law. The chancellor said that is not "
          "the end of the debate, and the opposition criticised it for the cost of the plan to the states.")
    assert lang.detect(de) == "de"
    assert lang.detect(en) == "en"
    assert lang.detect("Zu kurz und der Rest") is None  # fewer than 20 words
    assert lang.detect("Zu kurz und der Rest", min_words=0, min_votes=1) == "de"


@pytest.mark.parametrize(("module", "must_not_load"), [
    ("newsdesk.clean", "newsdesk.enrich"),  # the clean step reads names and places from newsdesk.lang
    ("newsdesk.enrich.actors", "newsdesk.enrich.german"),  # no import cycle: German rules build on actors
])
def test_import_boundaries(module: str, must_not_load: str) -> None:
    code = (f"import sys, {module}; bad = [m for m in sys.modules if m == {must_not_load!r} or "
            f"m.startswith({must_not_load!r} + '.')]; print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
