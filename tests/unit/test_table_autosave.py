"""Table edits saved at once (issue 8, PRODUCT F-AC-2): the editor's state rebuilt into the edited
table (store.table_edits.edited_frame) and the on_change callback (ui.table_editor.save_changes)
driven with a plain dict standing in for st.session_state, on a copy of the demo database."""

from __future__ import annotations

import pandas as pd
import pytest

from kam_core.accounts import overview, plans
from kam_core.accounts import relationships as rel
from kam_core.store import db, table_edits
from kam_core.ui import table_editor

BASE = pd.DataFrame(
    {"item_id": [1, 2, 3], "what": ["call", "visit", "offer"], "value": [10.0, None, 30.0]}
)


def test_edited_frame_applies_edits_deletes_and_additions_in_screen_order():
    state = {
        "edited_rows": {"1": {"value": 25, "_index": 9}, 2: {"what": "Offer v2"}},
        "deleted_rows": [0],
        "added_rows": [{"what": "demo", "_index": 5}],
    }
    out = table_edits.edited_frame(BASE, state)
    assert list(out.columns) == ["item_id", "what", "value"]
    rows = out.to_dict("records")
    assert rows[0] == {"item_id": 2, "what": "visit", "value": 25}
    assert rows[1] == {"item_id": 3, "what": "Offer v2", "value": 30.0}
    assert rows[2]["what"] == "demo" and pd.isna(rows[2]["item_id"]) and pd.isna(rows[2]["value"])
    assert BASE["what"].tolist() == ["call", "visit", "offer"]  # the base is not touched


def test_edited_frame_without_state_is_the_base():
    pd.testing.assert_frame_equal(table_edits.edited_frame(BASE, None), BASE)
    pd.testing.assert_frame_equal(table_edits.edited_frame(BASE, {}), BASE)


@pytest.fixture
def demo(demo_copy):
    con = db.connect(demo_copy)
    yield con, overview.default_account(con)
    con.close()


def _plan_editor(con, key, year, kind="objectives"):
    table, id_col, _, fields = plans.KINDS[kind]
    base = plans.items(con, kind, key, year)[[id_col] + [f.name for f in fields]]

    def save(rows):
        return plans.save_items_table(con, kind, key, year, rows, "ana", "es")

    return base, save


def _year(con, key):
    return int(
        db.scalar(con, "SELECT max(plan_year) FROM plan_objectives WHERE account_key = ?", [key])
    )


def test_a_cell_edit_is_saved_at_once_and_audited(demo):
    con, key = demo
    year = _year(con, key)
    base, save = _plan_editor(con, key, year)
    state = {"plan__0": {"edited_rows": {0: {"revenue_target": 5_000_000}}, "added_rows": []}}
    assert table_editor.save_changes("plan", base, save, "es", state=state)
    stored = plans.items(con, "objectives", key, year)
    assert stored["revenue_target"].iloc[0] == 5_000_000
    assert stored["updated_by"].iloc[0] == "ana"
    who = db.query_rows(
        con,
        "SELECT actor FROM audit_log WHERE entity = 'plan_objectives' AND entity_key = ?",
        [str(int(base["objective_id"].iloc[0]))],
    )
    assert who and who[-1][0] == "ana"
    # the editor is drawn afresh from the database (new key), with a "saved" note
    assert table_editor.widget_key("plan", state) == "plan__1"
    assert state["plan__message"] == ("saved", "")


def test_a_new_row_and_a_deleted_row_are_saved(demo):
    con, key = demo
    year = _year(con, key)
    base, save = _plan_editor(con, key, year, "competitors")
    gone = int(base["competitor_id"].iloc[0])
    state = {
        "t__0": {
            "deleted_rows": [0],
            "added_rows": [{"name": "Nuevo Rival S.L.", "share_of_wallet": 5, "threat": "low"}],
        }
    }
    assert table_editor.save_changes("t", base, save, "es", state=state)
    stored = plans.items(con, "competitors", key, year)
    assert gone not in stored["competitor_id"].tolist()
    new = stored.loc[stored["name"] == "Nuevo Rival S.L."]
    assert new["share_of_wallet"].tolist() == [pytest.approx(0.05)]


def test_a_bad_value_is_refused_naming_row_and_column_database_unchanged(demo):
    con, key = demo
    year = _year(con, key)
    base, save = _plan_editor(con, key, year, "actions")
    before = db.table_snapshot(con, ["plan_actions", "audit_log", "section_edits"])
    state = {"a__0": {"edited_rows": {1: {"due_date": "31/02/2026"}}}}
    assert not table_editor.save_changes("a", base, save, "es", state=state)
    kind, text = state["a__message"]
    assert kind == "error"
    assert text == (
        "Fila 2: «Fecha límite»: «31/02/2026» no es una fecha. Escríbala como 31/03/2026 o "
        "2026-03-31. No se ha guardado nada."
    )
    assert db.table_snapshot(con, ["plan_actions", "audit_log", "section_edits"]) == before
    assert table_editor.widget_key("a", state) == "a__1"  # the stored value is shown again


def test_a_contact_edit_is_saved_at_once(demo):
    con, key = demo
    active = rel.contacts(con, key)
    base = active[["contact_id", *rel.CONTACT_FIELDS]].copy()
    base["last_contact"] = pd.to_datetime(base["last_contact"])
    base["reports_to"] = base["reports_to"].astype("float")
    base = base.reset_index(drop=True)  # the editor counts rows by position

    def save(rows):
        return rel.save_contacts_table(con, key, rows, "ana")

    state = {
        "c__0": {"edited_rows": {0: {"title": "Directora General", "last_contact": "2026-11-02"}}}
    }
    assert table_editor.save_changes("c", base, save, "en", state=state)
    after = rel.contacts(con, key).set_index("contact_id")
    cid = int(base["contact_id"].iloc[0])
    assert after.loc[cid, "title"] == "Directora General"
    assert str(pd.Timestamp(after.loc[cid, "last_contact"]).date()) == "2026-11-02"
    # a loop in reports-to is refused, nothing written
    base.loc[0, ["title", "last_contact"]] = ["Directora General", pd.Timestamp("2026-11-02")]
    boss = base["reports_to"].dropna()
    pos = int(boss.index[0])  # a contact with a boss: make the boss report to them
    sub = int(base.loc[pos, "contact_id"])
    boss_pos = int(base.index[base["contact_id"] == int(boss.iloc[0])][0])
    snap = db.table_snapshot(con, ["contacts", "audit_log"])
    state["c__1"] = {"edited_rows": {boss_pos: {"reports_to": float(sub)}}}  # drawn again
    assert not table_editor.save_changes("c", base, save, "en", state=state)
    assert state["c__message"][0] == "error"
    assert db.table_snapshot(con, ["contacts", "audit_log"]) == snap
