"""Commit, duplicates, overlapping quarters, replace, undo, history, remembered mappings."""

from __future__ import annotations

import pytest

from kam_core import ingest
from kam_core.portfolio.report import report
from kam_core.store import db


def _f(rows, header="Cliente;Importe;Fecha") -> bytes:
    return ("\r\n".join([header] + [";".join(r) for r in rows]) + "\r\n").encode("cp1252")


Q1 = _f(
    [
        ("ACME", "100,00", "15/01/2024"),
        ("Beta", "50,00", "20/02/2024"),
        ("ACME", "-10,00", "25/03/2024"),
    ]
)
Q1_BIS = _f([("Gamma", "70,00", "15/01/2024")])
Q2 = _f([("ACME", "120,00", "15/04/2024"), ("Delta", "30,00", "20/05/2024")])


def _load(con, data, name, **kw):
    return ingest.commit(con, [ingest.prepare(data, name, con)], user="ana", **kw)


def _by_account(con):
    return dict(db.query_rows(con, "SELECT account_key, sum(amount) FROM revenue_lines GROUP BY 1"))


def test_commit_records_batch_accounts_and_lines(con):
    v0 = db.data_version(con)
    [bid] = _load(con, Q1, "q1.csv")
    assert _by_account(con) == {"ACME": 90.0, "Beta": 50.0}  # credit note netted
    h = ingest.batch_history(con)
    row = h.iloc[0]
    assert (row["file_name"], row["rows_loaded"], row["status"], row["uploaded_by"]) == (
        "q1.csv",
        3,
        "active",
        "ana",
    )
    assert list(row["quarters"]) == ["2024-Q1"] and row["total_amount"] == 140.0
    assert len(row["sha256"]) == 64
    assert db.data_version(con) == v0 + 1
    assert db.query_rows(
        con, "SELECT account_key, account_name, first_batch FROM accounts ORDER BY 1"
    ) == [("ACME", "ACME", bid), ("Beta", "Beta", bid)]
    assert db.query_rows(con, "SELECT source_row FROM revenue_lines ORDER BY 1") == [
        (2,),
        (3,),
        (4,),
    ]


def test_preview_knows_duplicates_overlaps_and_accounts(con):
    _load(con, Q1, "q1.csv")
    again = ingest.prepare(Q1, "copia.csv", con)
    assert again.duplicate_of == 1
    p = ingest.prepare(Q1_BIS + b"", "otro.csv", con)
    assert p.overlapping_quarters == ["2024-Q1"] and p.duplicate_of is None
    q2 = ingest.prepare(Q2, "q2.csv", con)
    assert (q2.accounts_known, q2.accounts_new) == (1, 1)
    assert q2.overlapping_quarters == []


def test_same_file_refused_then_replaced_figures_unchanged(con):
    _load(con, Q1, "q1.csv")
    before = report(con)
    snap = db.table_snapshot(con, ["revenue_lines", "accounts"])
    with pytest.raises(ingest.DuplicateFileError, match="already been loaded"):
        _load(con, Q1, "q1 (1).csv")
    assert report(con) == before
    [new] = _load(con, Q1, "q1 (1).csv", replace=True)
    assert report(con) == before
    h = ingest.batch_history(con).set_index("batch_id")
    assert h.loc[1, "status"] == "replaced" and h.loc[1, "replaced_by"] == new
    # Undo the replacement: the first upload is back, lines and all.
    ingest.undo_batch(con, new, user="ana")
    assert report(con) == before
    assert db.table_snapshot(con, ["revenue_lines", "accounts"]) == snap
    h = ingest.batch_history(con).set_index("batch_id")
    assert (h.loc[1, "status"], h.loc[new, "status"]) == ("active", "removed")


def test_overlap_refused_then_add_or_replace_period(con):
    _load(con, Q1, "q1.csv")
    _load(con, Q2, "q2.csv")
    before = report(con)
    with pytest.raises(ingest.UploadError, match="2024-Q1"):
        _load(con, Q1_BIS, "q1b.csv")
    [added] = _load(con, Q1_BIS, "q1b.csv", add=True)
    assert _by_account(con)["Gamma"] == 70.0 and _by_account(con)["ACME"] == 210.0
    ingest.undo_batch(con, added)
    assert report(con) == before
    # Replace Q1 with the new file: Q1 now only Gamma, Q2 untouched; undo gives Q1 back.
    [rep] = _load(con, Q1_BIS, "q1b.csv", replace_period=True)
    assert report(con)["quarters"] == {"2024-Q1": 70.0, "2024-Q2": 150.0}
    assert ingest.batch_history(con).set_index("batch_id").loc[1, "status"] == "replaced"
    ingest.undo_batch(con, rep)
    assert report(con) == before


def test_undo_removes_lines_and_the_accounts_it_introduced(con):
    _load(con, Q1, "q1.csv")
    snap = db.table_snapshot(con, ["revenue_lines", "accounts"])
    before = report(con)
    [b2] = _load(con, Q2, "q2.csv")
    assert "Delta" in _by_account(con)
    ingest.undo_batch(con, b2, user="ana")
    assert report(con) == before
    assert db.table_snapshot(con, ["revenue_lines", "accounts"]) == snap
    with pytest.raises(ingest.UploadError, match="already been removed"):
        ingest.undo_batch(con, b2)
    with pytest.raises(ingest.UploadError, match="no upload #99"):
        ingest.undo_batch(con, 99)


def test_several_files_one_transaction(con):
    ids = ingest.commit(
        con, [ingest.prepare(Q1, "q1.csv", con), ingest.prepare(Q2, "q2.csv", con)], user="ana"
    )
    assert ids == [1, 2]
    assert report(con)["quarters"] == {"2024-Q1": 140.0, "2024-Q2": 150.0}
    with pytest.raises(ingest.DuplicateFileError, match="same file"):
        ingest.commit(
            con,
            [ingest.prepare(Q1_BIS, "a.csv", con), ingest.prepare(Q1_BIS, "b.csv", con)],
            add=True,
        )


def test_rejects_need_skip_invalid(con):
    data = _f([("ACME", "100,00", "15/01/2024"), ("", "5,00", "16/01/2024")])
    p = ingest.prepare(data, "r.csv", con)
    assert (p.rows_valid, p.rows_rejected) == (1, 1)
    with pytest.raises(ingest.UploadError, match="1 rows have errors"):
        ingest.commit(con, [p])
    [bid] = ingest.commit(con, [p], skip_invalid=True)
    row = ingest.batch_history(con).iloc[0]
    assert (row["rows_loaded"], row["rows_rejected"]) == (1, 1)


def test_confirmed_mapping_is_remembered_per_layout(con):
    data = _f([("ACME", "x", "100,00", "15/01/2024")], header="Sociedad;Nota;Neto2;Fecha")
    with pytest.raises(ingest.UploadError, match="no account column"):
        ingest.prepare(data, "a.csv", con)
    p = ingest.prepare(data, "a.csv", con, mapping={"account": "Sociedad", "amount": "Neto2"})
    assert p.mapping_source == "user"
    ingest.commit(con, [p])
    data2 = _f([("Beta", "y", "7,00", "15/04/2024")], header="Sociedad;Nota;Neto2;Fecha")
    p2 = ingest.prepare(data2, "b.csv", con)
    assert p2.mapping_source == "remembered"
    assert (p2.mapping["account"], p2.mapping["amount"]) == ("Sociedad", "Neto2")


def test_diff_vs_previous_quarter(con):
    _load(con, Q1, "q1.csv")
    d = ingest.diff_vs_previous(con, [ingest.prepare(Q2, "q2.csv", con)])
    assert (d["quarter"], d["previous_quarter"]) == ("2024-Q2", "2024-Q1")
    assert (d["new"], d["lost"], d["changed"]) == (1, 1, 1)
    acc = d["accounts"].set_index("account_key")
    assert acc.loc["ACME", "delta"] == 30.0 and acc.loc["Beta", "status"] == "lost"
    assert acc.loc["Delta", "status"] == "new" and d["revenue_lost"] == 50.0
    assert ingest.diff_vs_previous(con, [ingest.prepare(Q1_BIS, "x.csv", con)]) is None
