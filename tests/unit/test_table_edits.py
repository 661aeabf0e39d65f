"""The one table-save algorithm (store.table_edits), checked on a small hand-made table."""

from datetime import date

import pandas as pd
import pytest

from kam_core.common.errors import ValidationError
from kam_core.common.fields import FieldError, clean_text
from kam_core.store import table_edits

STORED = pd.DataFrame(
    {
        "item_id": [1, 2, 3],
        "what": ["call", "visit", "offer"],
        "due": [pd.Timestamp("2026-01-05")] * 3,
    }
)


def _clean(row):
    return {
        "what": clean_text(row.get("what"), "plan.f.what", required=True),
        "due": row.get("due"),
    }


def _diff(rows, allow_delete=True):
    return table_edits.diff_rows(
        rows,
        STORED,
        "item_id",
        ["what", "due"],
        _clean,
        unknown_key="err.plan.unknown_item",
        allow_delete=allow_delete,
    )


def test_update_insert_delete_and_blank_rows_ignored():
    rows = pd.DataFrame(
        {
            "item_id": [1, 2, None, None],
            "what": ["call", "visit again", "demo", None],
            "due": [date(2026, 1, 5), date(2026, 1, 5), date(2026, 3, 1), None],
        }
    )
    ch = _diff(rows)
    assert ch.updates == [(2, {"what": "visit again", "due": date(2026, 1, 5)})]  # 1 is unchanged
    assert ch.inserts == [{"what": "demo", "due": date(2026, 3, 1)}]
    assert ch.deletes == [3]
    assert len(ch) == 3
    assert _diff(rows, allow_delete=False).deletes == []


def test_a_bad_row_is_named_and_nothing_is_returned():
    rows = pd.DataFrame(
        {"item_id": [1, None], "what": ["call", "   "], "due": [None, date(2026, 1, 1)]}
    )
    with pytest.raises(FieldError) as exc:
        _diff(rows)
    assert exc.value.params["row"] == 2
    assert "2" in exc.value.render("en") and "Fila 2" in exc.value.render("es")


def test_an_id_from_a_stale_page_is_refused():
    with pytest.raises(ValidationError):
        _diff(pd.DataFrame({"item_id": [99], "what": ["x"], "due": [None]}))


@pytest.mark.parametrize(
    "old,new,same",
    [
        (None, None, True),
        (float("nan"), None, True),
        (pd.Timestamp("2026-01-05"), date(2026, 1, 5), True),
        (3, 3.0, True),
        (0.1 + 0.2, 0.3, True),
        ("a", "b", False),
        (None, "a", False),
        (1, 2, False),
    ],
)
def test_same_value_ignores_representation_only(old, new, same):
    assert table_edits.same_value(old, new) is same
