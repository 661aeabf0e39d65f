"""Presentation mode shows no control that changes data, on any page, for either audience
(issue 8: ``/upload?present=1`` kept the uploader and a working Undo; F-PR-1).

Every page runs under AppTest with ``present=1`` (our team) and ``present=client``; the account
page once per tab. Allowed: the exit control, the section steps, tabs, links, downloads and the
sidebar's own controls (language, presentation, filters), which presentation mode hides anyway.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["portfolio", "tiers", "account", "team", "warnings", "upload", "accounts", "settings"]
PAGES += ["admin"]
ACCOUNT_TABS = ["Relationship map", "Account plan", "Activity and requests"]
NAVIGATION_BUTTONS = {"_present_exit", "section_prev", "section_next", "mg_more"}  # + paging
# Inputs that exist only to be written somewhere (forms, editors); a search box is not one.
WRITING_INPUTS = ["text_area", "number_input", "date_input", "time_input", "chat_input"]
SEARCH_BOXES = {"tr_search"}


def run(page: str, present: str, view: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=90)
    at.query_params["lang"] = "en"
    at.query_params["present"] = present
    if view:
        at.query_params["view"] = view
    return at.run()


def editing_controls(at: AppTest) -> list[str]:
    """What on the run's screen could change data."""
    found = [f"file uploader {u.proto.label!r}" for u in at.get("file_uploader")]
    found += [f"table editor {d.key!r}" for d in at.get("dataframe") if d.proto.editing_mode]
    for b in at.get("button"):
        if b.proto.is_form_submitter:
            found.append(f"form submit {b.label!r}")
        elif b.key not in NAVIGATION_BUTTONS:
            found.append(f"button {b.label!r} (key {b.key!r})")
    for kind in WRITING_INPUTS:
        found += [f"{kind} {w.label!r}" for w in at.get(kind)]
    found += [f"text input {w.label!r}" for w in at.get("text_input") if w.key not in SEARCH_BOXES]
    return found


CASES = [(page, None) for page in PAGES if page != "account"]
CASES += [("account", view) for view in ACCOUNT_TABS]


@pytest.mark.parametrize("present", ["1", "client"])
@pytest.mark.parametrize("page, view", CASES, ids=[f"{p}-{v or ''}" for p, v in CASES])
def test_no_control_that_changes_data(page, view, present, demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    at = run(page, present, view)
    assert not at.exception, [e.message for e in at.exception]
    assert editing_controls(at) == []
    assert at.button(key="_present_exit").label == "Exit presentation"


@pytest.mark.parametrize("page", ["upload", "settings", "admin"])
def test_pages_that_only_change_data_say_so(page, demo_copy, monkeypatch):
    """Nothing to present there: a short note instead of an empty page."""
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    at = run(page, "1")
    assert [i.value for i in at.info] == [
        "This page changes data, so it is not shown in presentation mode. "
        "Exit presentation mode to use it."
    ]


def test_upload_undo_is_back_after_leaving_presentation(demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    at = run("upload", "1")
    assert not at.get("file_uploader")
    at.button(key="_present_exit").click().run()
    assert "present" not in at.query_params
    assert at.get("file_uploader") and at.button(key="up_undo")
