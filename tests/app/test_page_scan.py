"""What a client sees: every page, every tab, scanned in Spanish and in presentation mode.

Issue #8 asks for a scan of every page in Spanish and in presentation mode (both audiences) for
English strings, ``None``, point-decimal numbers and editing controls. The scan reads what the
page puts on screen (titles, captions, texts, labels, metrics, tab names, options, and the text
columns of the tables shown) under AppTest on the demo database.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kam_core.i18n import t

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["portfolio", "tiers", "account", "team", "warnings", "upload", "accounts", "settings"]
PAGES += ["admin"]

TEXT_ELEMENTS = ["title", "header", "subheader", "markdown", "caption", "text", "info"]
TEXT_ELEMENTS += ["warning", "error", "success", "exception"]
LABELLED = ["button", "checkbox", "toggle", "radio", "selectbox", "multiselect", "slider"]
LABELLED += ["select_slider", "text_input", "text_area", "number_input", "date_input", "tabs"]
LABELLED += ["expander", "time_input", "color_picker"]
# Inputs that write what they hold: none may show while a client is watching.
EDITORS = ["text_input", "text_area", "number_input", "date_input", "time_input", "color_picker"]
EDITORS += ["chat_input"]
UNKNOWN_EDITORS = {"file_uploader", "camera_input", "audio_input"}
# Buttons that only move around (presentation exit, section steps, tabs, links, downloads).
# Searches and filters only choose what is shown; they are not writes.
NAV_KEY = re.compile(
    r"present|section|sec_|nav|view|link|lang|download|dl_|exp_|more|search|find|_f_|stable"
)

# Spanish words stand alone; these English words never belong on a Spanish screen.
ENGLISH = re.compile(
    r"\b(the|and|with|from|accounts?|revenue|upload|save|settings|quarter|warnings?|"
    r"customers?|none|loading|share|growth|previous|period|select|delete|undo|show|"
    r"key account|top|others|rank|people|team|risk|total revenue|no data)\b",
    re.IGNORECASE,
)
# Words that are Spanish too, or names of things (brands, units, codes) and so exempt.
ENGLISH_OK = {"top", "total", "ranking", "rank"}
POINT_DECIMAL = re.compile(r"(?<![\d.,\w-])\d+\.\d{1,2}(?![\d\w])")
COMMA_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3},\d{3},\d{3}(?!\d)")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
NONE_WORD = re.compile(r"\b(None|nan|NaN|NaT|null)\b")


def _texts(at: AppTest) -> list[str]:
    out: list[str] = []
    for kind in TEXT_ELEMENTS:
        for el in at.get(kind):
            out.append(str(getattr(el, "value", "") or getattr(el, "message", "")))
    for el in at.get("metric"):
        out += [str(el.label), str(el.value), str(el.proto.delta or "")]
    for kind in LABELLED:
        for el in at.get(kind):
            out.append(str(getattr(el, "label", "")))
            for option in getattr(el, "options", None) or []:
                out.append(str(option))
    # static CSS blocks (no text on screen) and link targets (URL paths, not words) are not read
    out = [LINK_TARGET.sub("]", s) for s in out if s and not s.lstrip().startswith("<style")]
    return [s for s in out if s]


def _table_nulls(at: AppTest) -> list[str]:
    """Text columns of the tables shown: an empty value there shows as ``None`` on screen."""
    found = []
    for el in at.get("dataframe"):
        df = el.value
        if not isinstance(df, pd.DataFrame) or el.proto.HasField("placeholder"):
            continue  # a table given a placeholder for empty cells shows that, not "None"
        for col in df.columns:
            s = df[col]
            if s.dtype == object or pd.api.types.is_string_dtype(s):
                if s.isna().any():
                    found.append(f"table column {col!r} has empty values shown as None")
    return found


TABS = {
    "portfolio": ["pa.tab.pareto", "pa.tab.concentration", "pa.tab.trend", "pa.tab.bridge"],
    "tiers": ["tr.tab.abc", "tr.tab.key", "tr.tab.score", "tr.tab.matrix", "tr.tab.migration"],
    "account": ["acc.tab.relationships", "acc.tab.plan", "acc.tab.activity", "acc.tab.health"],
}
TABS["portfolio"] += ["pa.tab.whitespace", "pa.tab.whatif", "exp.tab.brief"]
TABS["tiers"] += ["tr.tab.xyz"]
TABS["account"] += ["au.tab.history"]


def _views(page: str, lang: str) -> list[str | None]:
    """Every tab of the page, opened through its link (``?view=``)."""
    return [t(key, lang) for key in TABS.get(page, [])] or [None]


def _run(page: str, lang: str, present: str | None, view: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=90)
    at.query_params["lang"] = lang
    if present:
        at.query_params["present"] = present
    if view:
        at.query_params["view"] = view
    return at.run()


def _text_problems(texts: list[str], lang: str) -> list[str]:
    problems = []
    for s in texts:
        if NONE_WORD.search(s):
            problems.append(f"'None' on screen: {s[:120]!r}")
        if lang != "es":
            continue
        for m in ENGLISH.finditer(s):
            if m.group(0).lower() not in ENGLISH_OK:
                problems.append(f"English {m.group(0)!r} in Spanish: {s[:120]!r}")
        if POINT_DECIMAL.search(s) or COMMA_THOUSANDS.search(s):
            problems.append(f"English number format in Spanish: {s[:120]!r}")
    return problems


def _writes(el) -> bool:
    """A control that is live and is not a move around (a disabled control changes nothing)."""
    return not getattr(el, "disabled", False) and not NAV_KEY.search(str(el.key or ""))


def _control_problems(at: AppTest) -> list[str]:
    """Presentation mode: no control that changes data, on any page."""
    problems = []
    for kind in EDITORS + ["button", "checkbox", "toggle"]:
        for el in at.get(kind):
            if _writes(el):
                problems.append(f"{kind} {el.label!r} (key {el.key!r}) in presentation mode")
    unknown = {getattr(el, "type", "") for el in at.get("unknown")}
    problems += [f"editing control {kind}" for kind in sorted(unknown & UNKNOWN_EDITORS)]
    for el in at.get("arrow_data_frame") + at.get("dataframe"):
        if getattr(el.proto, "editing_mode", 0):
            problems.append("table editor in presentation mode")
    return problems


def _problems(at: AppTest, lang: str, present: str | None) -> list[str]:
    problems = [f"exception: {e.message}" for e in at.exception]
    problems += _text_problems(_texts(at), lang) + _table_nulls(at)
    if present:
        problems += _control_problems(at)
    return problems


CASES = [("es", None), ("es", "1"), ("es", "client"), ("en", "client")]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang, present", CASES, ids=["es", "es-present", "es-client", "en-client"])
def test_page_shows_nothing_a_client_should_not_see(page, lang, present, demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    problems = []
    for view in _views(page, lang):
        at = _run(page, lang, present, view)
        problems += [f"{page} view={view}: {p}" for p in _problems(at, lang, present)]
    assert not problems, "\n".join(sorted(set(problems)))
