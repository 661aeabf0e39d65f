"""Issue 8 / F-IN-7: the upload diff compares what the database will hold after the upload with
what it holds now (replace / replace-period / add as the commit does them), and a new quarter with
the one before, each line counted once. Values hand-checked from the tiny files below."""

from __future__ import annotations

from kam_core import ingest
from kam_core.ingest.report import upload_diffs
from kam_core.store import db


def _f(rows, header="Cliente;Importe;Fecha") -> bytes:
    return ("\r\n".join([header] + [";".join(r) for r in rows]) + "\r\n").encode("cp1252")


# 2024-Q1: ACME 100 - 10 = 90, Beta 50 (total 140).
Q1 = _f([("ACME", "100,00", "15/01/2024"), ("Beta", "50,00", "20/02/2024")])
Q1 += b"ACME;-10,00;25/03/2024\r\n"
# 2024-Q2: ACME 120, Delta 30 (total 150).
Q2 = _f([("ACME", "120,00", "15/04/2024"), ("Delta", "30,00", "20/05/2024")])
BOTH = Q1 + b"ACME;120,00;15/04/2024\r\nDelta;30,00;20/05/2024\r\n"  # Q1 and Q2 in one file
Q1_BIS = _f([("Gamma", "70,00", "15/01/2024")])
Q1_NEW = _f([("ACME", "200,00", "10/02/2024"), ("ACME", "120,00", "15/04/2024")])


def _prep(con, *files):
    return [ingest.prepare(data, name, con) for data, name in files]


def _acc(d) -> dict:
    a = d["accounts"]
    return {r.account_key: (r.status, r.previous, r.current) for r in a.itertuples()}


def _summary(d) -> tuple:
    return (d["kind"], d["new"], d["lost"], d["changed"], d["previous_total"], d["current_total"])


def _held(con, quarters) -> dict:
    rows = db.query_rows(
        con,
        "SELECT account_key, sum(amount) FROM revenue_lines WHERE list_contains(?, quarter) "
        "GROUP BY 1",
        [quarters],
    )
    return dict(rows)


def test_reupload_of_the_same_file_changes_nothing(con):
    ingest.commit(con, _prep(con, (BOTH, "ventas.csv")), user="ana")
    again = _prep(con, (BOTH, "ventas (1).csv"))
    assert again[0].duplicate_of == 1
    # Before issue 8: Q1 counted twice (database + file) -> previous 280 vs 150, "lost" Beta.
    assert ingest.diff_vs_previous(con, again) is None
    [d] = upload_diffs(con, again)
    assert d["quarters"] == ["2024-Q1", "2024-Q2"]
    assert _summary(d) == ("change", 0, 0, 0, 290.0, 290.0)
    assert _acc(d) == {
        "ACME": ("same", 210.0, 210.0),
        "Beta": ("same", 50.0, 50.0),
        "Delta": ("same", 30.0, 30.0),
    }


def test_multi_file_upload_counts_the_previous_quarter_once(con):
    ingest.commit(con, _prep(con, (Q1, "q1.csv")), user="ana")
    up = _prep(con, (Q1, "q1 (copia).csv"), (Q2, "q2.csv"))  # the same Q1 again, and Q2
    change, prev = upload_diffs(con, up)
    assert _summary(change) == ("change", 0, 0, 0, 140.0, 140.0)
    assert (prev["quarter"], prev["previous_quarter"]) == ("2024-Q2", "2024-Q1")
    assert _summary(prev) == ("previous", 1, 1, 1, 140.0, 150.0)
    assert _acc(prev) == {
        "ACME": ("changed", 90.0, 120.0),  # not 180: Q1 is replaced, not added
        "Beta": ("lost", 50.0, 0.0),
        "Delta": ("new", 0.0, 30.0),
    }
    assert ingest.diff_vs_previous(con, up)["accounts"].equals(prev["accounts"])
    ingest.commit(con, up, replace=True, user="ana")
    assert _held(con, ["2024-Q1"]) == {"ACME": 90.0, "Beta": 50.0}


def test_add_and_replace_period_show_what_the_database_will_hold(con, tmp_path):
    ingest.commit(con, _prep(con, (Q1, "q1.csv")), user="ana")
    up = _prep(con, (Q1_BIS, "gamma.csv"))
    assert up[0].overlapping_quarters == ["2024-Q1"]
    assert upload_diffs(con, up) == []  # no choice yet: it cannot land as it is
    [add] = upload_diffs(con, up, add=True)
    assert _summary(add) == ("change", 1, 0, 0, 140.0, 210.0)
    assert _acc(add)["Gamma"] == ("new", 0.0, 70.0)
    [rep] = upload_diffs(con, up, replace_period=True)
    assert _summary(rep) == ("change", 1, 2, 0, 140.0, 70.0)
    assert _acc(rep) == {
        "ACME": ("lost", 90.0, 0.0),
        "Beta": ("lost", 50.0, 0.0),
        "Gamma": ("new", 0.0, 70.0),
    }
    assert rep["revenue_lost"] == 140.0 and rep["revenue_new"] == 70.0
    # What the diff said is what the commit does.
    ingest.commit(con, up, add=True, user="ana")
    assert _held(con, ["2024-Q1"]) == {"ACME": 90.0, "Beta": 50.0, "Gamma": 70.0}


def test_replace_period_with_a_new_quarter_compares_both(con):
    ingest.commit(con, _prep(con, (Q1, "q1.csv")), user="ana")
    up = _prep(con, (Q1_NEW, "q1q2.csv"))
    change, prev = upload_diffs(con, up, replace_period=True)
    assert change["quarters"] == ["2024-Q1"]
    assert _acc(change) == {"ACME": ("changed", 90.0, 200.0), "Beta": ("lost", 50.0, 0.0)}
    assert _acc(prev) == {"ACME": ("changed", 200.0, 120.0)}  # Q2 vs Q1 as it will be
    ingest.commit(con, up, replace_period=True, user="ana")
    assert _held(con, ["2024-Q1"]) == {"ACME": 200.0}
    assert _held(con, ["2024-Q2"]) == {"ACME": 120.0}


def test_first_upload_of_two_quarters_compares_them():
    [d] = upload_diffs(None, [ingest.prepare(BOTH, "ventas.csv")])
    assert _summary(d) == ("previous", 1, 1, 1, 140.0, 150.0)
