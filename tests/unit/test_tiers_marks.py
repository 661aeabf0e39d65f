"""Strategic marks, exclusions and ratings: who/when/why, one transaction, survive a restart."""

import pandas as pd
import pytest

from kam_core.common.errors import ValidationError
from kam_core.portfolio import tiers
from kam_core.portfolio.periods import Filters
from kam_core.store import db, settings


def _load(con, rows):
    with db.transaction(con) as cur:
        for i, (key, q, amount) in enumerate(rows):
            cur.execute(
                "INSERT INTO revenue_lines (batch_id, source_row, account_key, quarter, "
                "amount) VALUES (1, ?, ?, ?, ?)",
                [i + 2, key, q, amount],
            )
            cur.execute(
                "INSERT INTO accounts VALUES (?, ?, NULL, 1, now()) ON CONFLICT DO NOTHING",
                [key, f"Name {key}"],
            )


ROWS = [
    ("A", "2025-Q1", 50),
    ("B", "2025-Q1", 30),
    ("C", "2025-Q1", 10),
    ("D", "2025-Q1", 6),
    ("E", "2025-Q1", 4),
    ("S", "2024-Q4", 7),
]


def test_mark_survives_restart_and_moves_account_into_key_list(db_file):
    con = db.connect(db_file)
    _load(con, ROWS)
    f = Filters("2025-Q1", "2025-Q1")
    before = tiers.key_accounts(con, f).set_index("account_key")
    assert before["is_key_account"].to_dict() == {
        "A": True,
        "B": True,
        "C": False,
        "D": False,
        "E": False,
    }
    tiers.set_mark(con, "D", "key", "brand_image", "Reference logo", "ana")
    tiers.set_mark(con, "B", "exclude", "other", "One-off tender", "ana")
    con.close()

    con = db.connect(db_file)  # a new process / app restart: a new connection to the file
    ka = tiers.key_accounts(con, f).set_index("account_key")
    assert ka.loc["D", "is_key_account"] and ka.loc["D", "key_reason"] == "marked"
    assert ka.loc["D", "mark_reason"] == "brand_image" and ka.loc["D", "marked_by"] == "ana"
    assert not ka.loc["B", "is_key_account"] and ka.loc["B", "excluded"]
    assert ka.loc["B", "key_reason"] is None and ka.loc["B", "tier"] == "A"
    assert ka.loc["A", "key_reason"] == "tier_a"
    # An account without revenue in the period can still be a (strategic) key account.
    tiers.set_mark(con, "S", "key", "growth_potential", None, "luis")
    ka = tiers.key_accounts(con, f).set_index("account_key")
    assert ka.loc["S", "is_key_account"] and pd.isna(ka.loc["S", "rank"])
    assert ka.loc["S", "account_name"] == "Name S" and ka.loc["S", "revenue"] == 0
    assert sorted(ka.index[ka["is_key_account"]]) == ["A", "D", "S"]
    con.close()


def test_replacing_and_clearing_keep_history(con):
    _load(con, ROWS)
    tiers.set_mark(con, "C", "key", "segment", None, "ana")
    tiers.set_mark(con, "C", "key", "strategic_fit", None, "luis")
    assert tiers.active_marks(con)["reason"].tolist() == ["strategic_fit"]
    assert tiers.clear_mark(con, "C", "marta")
    assert tiers.active_marks(con).empty
    hist = tiers.mark_history(con, "C")
    assert len(hist) == 2 and hist["removed_by"].tolist() == ["marta", "luis"]
    assert not tiers.clear_mark(con, "C", "marta")


@pytest.mark.parametrize(
    "args, key",
    [
        (("C", "key", "bribery", None), "err.mark_reason"),
        (("C", "vip", "segment", None), "err.mark_kind"),
        (("C", "key", "other", "  "), "err.mark_note_required"),
        (("C", "exclude", "other", ""), "err.mark_note_required"),
        (("C", "key", "segment", "x" * 501), "err.mark_note_long"),
        (("NOPE", "key", "segment", None), "err.mark_account"),
    ],
)
def test_bad_marks_are_refused_and_change_nothing(con, args, key):
    _load(con, ROWS)
    tiers.set_mark(con, "C", "key", "segment", None, "ana")
    snap = db.table_snapshot(con)
    with pytest.raises(ValidationError) as exc:
        tiers.set_mark(con, *args, user="ana")
    assert exc.value.key == key
    assert exc.value.render("es") != key  # a real message in Spanish too
    assert db.table_snapshot(con) == snap


def test_names_with_html_and_formulas_stored_verbatim(con):
    _load(con, ROWS)
    note = '=HYPERLINK("x") <script>alert(1)</script>\'; DROP TABLE accounts;--'
    tiers.set_mark(con, "C", "key", "other", note, "ana")
    assert tiers.active_marks(con)["note"].iloc[0] == note


def test_ratings_validated_in_one_transaction(con):
    _load(con, ROWS)
    tiers.set_ratings(con, [{"account_key": "A", "attractiveness": 4, "strength": 2}], "ana")
    snap = db.table_snapshot(con)
    with pytest.raises(ValidationError):
        tiers.set_ratings(
            con,
            [
                {"account_key": "B", "attractiveness": 3, "strength": 3},
                {"account_key": "C", "attractiveness": 9, "strength": 1},
            ],
            "ana",
        )
    assert db.table_snapshot(con) == snap
    tiers.set_ratings(con, [{"account_key": "A", "attractiveness": None, "strength": None}], "ana")
    assert tiers.ratings(con).empty


def test_score_weights_change_the_ranking(con):
    _load(
        con,
        ROWS
        + [
            ("A", "2024-Q4", 60),
            ("B", "2024-Q4", 10),
            ("C", "2024-Q4", 10),
            ("D", "2024-Q4", 6),
            ("E", "2024-Q4", 1),
        ],
    )
    f = Filters("2025-Q1", "2025-Q1")  # previous period 2024-Q4: A shrinks, B and E grow
    sc = tiers.scored_accounts(con, f).set_index("account_key")
    # Weights 40 revenue, 20 growth, 15 strategic (nobody marked: 0 for all) of 75; margin and
    # ratings unknown -> dropped. Revenue percentiles A 1, B .75, C .5, D .25, E 0; growth
    # A -1/6, B +2, C 0, D 0, E +3 -> percentiles A 0, C .375, D .375, B .75, E 1.
    expected = {
        "A": 40 / 75 * 100,
        "B": (40 * 0.75 + 20 * 0.75) / 75 * 100,
        "C": (40 * 0.5 + 20 * 0.375) / 75 * 100,
        "D": (40 * 0.25 + 20 * 0.375) / 75 * 100,
        "E": 20 / 75 * 100,
    }
    assert sc["score"].to_dict() == pytest.approx(expected)
    assert sc.sort_values("score_rank").index.tolist() == ["B", "A", "C", "E", "D"]
    settings.set_values(con, {"score_w_revenue": 0, "score_w_growth": 100}, "ana")
    sc = tiers.scored_accounts(con, f).set_index("account_key")
    # growth: A -1/6, B +2, C 0, D 0, E +3 -> E first, A last
    assert sc.sort_values("score_rank").index.tolist()[0] == "E"
    assert sc.loc["A", "score"] == 0
    # the score tiers reuse the revenue tiers' sizes (2 A, 2 B here)
    assert (sc["score_tier"] == "A").sum() == (sc["tier"] == "A").sum()
