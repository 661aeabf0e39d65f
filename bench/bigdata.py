"""Large synthetic portfolios for the benchmarks (generated on demand, never committed).

``lines(n_lines, n_accounts, quarters)`` is vectorised and deterministic: a Zipf-like revenue
distribution over accounts, dates spread over the quarters, a few credit notes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kam_core.demo.accounts import BUYING_CENTRE

PRODUCT_LINES = np.array(
    ["Equipos", "Recambios", "Servicios", "Software", "Consumibles", "Formación"]
)
REGIONS = np.array(["Norte", "Centro", "Levante", "Sur", "Cataluña", "Export"])
SEGMENTS = np.array(["Industria", "Retail", "Salud", "Sector público", "Energía"])
KAMS = np.array(
    [
        "Lucía Fernández",
        "Javier Ortega",
        "Marta Sánchez",
        "Daniel Romero",
        "Emma Clarke",
        "Pablo Navarro",
        "Ana Torres",
        "Luis Gil",
    ]
)


def lines(
    n_lines: int = 1_000_000, n_accounts: int = 20_000, n_quarters: int = 8, seed: int = 7
) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    weights = np.arange(1, n_accounts + 1) ** -0.9
    weights /= weights.sum()
    acc = rng.choice(n_accounts, n_lines, p=weights)
    acc[:n_accounts] = np.arange(n_accounts)  # every account appears at least once
    start = np.datetime64("2024-10-01")
    days = rng.integers(0, n_quarters * 91, n_lines)
    dates = start + days.astype("timedelta64[D]")
    amount = np.round(rng.lognormal(6, 1.1, n_lines), 2)
    credit = rng.random(n_lines) < 0.02
    amount[credit] = -np.round(amount[credit] * 0.3, 2)
    return pd.DataFrame(
        {
            "account_id": np.char.add("CL", acc.astype(str)),
            "account_name": np.char.add("Cliente ", acc.astype(str)),
            "date": dates,
            "amount": amount,
            "product_line": PRODUCT_LINES[acc % len(PRODUCT_LINES)],
            "region": REGIONS[acc % len(REGIONS)],
            "segment": SEGMENTS[acc % len(SEGMENTS)],
            "kam": KAMS[acc % len(KAMS)],
        }
    )


def quarter(dates: pd.Series) -> pd.Series:
    d = pd.to_datetime(dates)
    return d.dt.year.astype(str) + "-Q" + d.dt.quarter.astype(str)


def write_csv(df: pd.DataFrame, path, spanish: bool = False) -> None:
    """English export (``,`` ISO dates, decimal point) or Spanish (``;``, dd/mm/yyyy, decimal
    comma, latin-1, Spanish headers)."""
    if spanish:
        out = pd.DataFrame(
            {
                "Código cliente": df["account_id"],
                "Razón social": df["account_name"],
                "Fecha factura": pd.to_datetime(df["date"]).dt.strftime("%d/%m/%Y"),
                "Importe": df["amount"].map(lambda v: f"{v:.2f}".replace(".", ",")),
                "Línea de producto": df["product_line"],
                "Zona": df["region"],
                "Segmento": df["segment"],
                "Comercial": df["kam"],
            }
        )
        out.to_csv(path, sep=";", index=False, encoding="latin-1")
    else:
        out = df.rename(
            columns={
                "account_id": "Customer ID",
                "account_name": "Customer Name",
                "date": "Order Date",
                "amount": "Sales",
                "product_line": "Product Line",
                "region": "Region",
                "segment": "Segment",
                "kam": "Sales Rep",
            }
        )
        # DuckDB writes the same bytes as pandas' to_csv (checked) about five times faster,
        # which matters for the 5M-line file.
        import duckdb

        con = duckdb.connect()
        con.register("bench_out", out)
        con.execute(
            'COPY (SELECT * REPLACE (strftime("Order Date", \'%Y-%m-%d\') AS "Order Date") '
            f"FROM bench_out) TO '{Path(path).as_posix()}' (HEADER, DELIMITER ',')"
        )
        con.close()


def load_db(con, df: pd.DataFrame) -> None:
    """Insert straight into revenue_lines/accounts (bypassing intake) for query benchmarks."""
    from kam_core.store import db

    lines_df = pd.DataFrame(
        {
            "batch_id": 1,
            "source_row": np.arange(2, len(df) + 2),
            "account_key": df["account_id"],
            "line_date": pd.to_datetime(df["date"]),
            "quarter": quarter(df["date"]),
            "amount": df["amount"],
            "product_line": df["product_line"],
            "region": df["region"],
            "segment": df["segment"],
            "kam": df["kam"],
        }
    )
    accounts = df[["account_id", "account_name"]].drop_duplicates("account_id")
    with db.transaction(con) as cur:
        cur.register("b_lines", lines_df)
        cur.register("b_acc", accounts)
        cur.execute(
            "INSERT INTO accounts (account_key, account_name, account_id, created_at) "
            "SELECT account_id, account_name, account_id, now() FROM b_acc"
        )
        cur.execute(
            db.copy_lines_sql(
                "b_lines",
                [
                    "batch_id",
                    "source_row",
                    "account_key",
                    "line_date",
                    "quarter",
                    "amount",
                    "product_line",
                    "region",
                    "segment",
                    "kam",
                ],
            )
        )
        db.bump_data_version(cur)


# A buying centre per key account for the account and team pages: the demo's generic one (title,
# department, boss index, buying role, influence); the top accounts get all eight, the others two
# to four.
_CENTRE = BUYING_CENTRE


def add_account_data(con, today=None, seed: int = 7) -> dict:
    """People, account teams, contacts, coverage, map edits, plan actions and activities for
    every key account of the last four quarters, inserted set-wise in one transaction (the demo's
    row-by-row builder takes minutes on 20,000 accounts). Returns counts per table."""
    from datetime import date, datetime, timedelta

    from kam_core.demo.accounts import PEOPLE
    from kam_core.portfolio import reads, tiers
    from kam_core.portfolio.periods import Filters
    from kam_core.store import db

    today = today or date.today()
    now = datetime.combine(today, datetime.min.time())
    rng = np.random.default_rng(seed)
    quarters = reads.quarters(con)
    ka = tiers.key_accounts(con, Filters(q_from=quarters[-4], q_to=quarters[-1]))
    keys = ka.loc[ka["is_key_account"], "account_key"].to_numpy()
    n = len(keys)
    people = pd.DataFrame(PEOPLE, columns=["name", "role", "capacity"])
    kams = people.loc[people["role"] == "kam", "name"].to_numpy()
    support = people.loc[people["role"] != "kam", "name"].to_numpy()
    lead = kams[np.arange(n) % len(kams)]
    team = pd.DataFrame({"account_key": keys, "name": lead, "team_role": "lead"})
    top = min(n, 30)
    team = pd.concat(
        [
            team.iloc[2:],  # two key accounts without a lead (the team page lists them)
            pd.DataFrame(
                {
                    "account_key": keys[:top],
                    "name": support[np.arange(top) % len(support)],
                    "team_role": "member",
                }
            ),
        ],
        ignore_index=True,
    )
    per_account = np.where(np.arange(n) < 60, 8, rng.integers(2, 5, n))
    idx = np.repeat(np.arange(n), per_account)
    slot = np.concatenate([np.arange(k) for k in per_account])
    centre = pd.DataFrame(_CENTRE, columns=["title", "dept", "boss", "role", "influence"])
    contacts = pd.DataFrame(
        {
            "account_key": keys[idx],
            "slot": slot,
            "name": [f"Contacto {i} {s}" for i, s in zip(idx, slot)],
            "title": centre["title"].to_numpy()[slot],
            "department": centre["dept"].to_numpy()[slot],
            "buying_role": centre["role"].to_numpy()[slot],
            "influence": centre["influence"].to_numpy()[slot],
            "stance": rng.choice(
                ["champion", "supporter", "neutral", "non_supporter", "enemy"],
                len(idx),
                p=[0.2, 0.35, 0.3, 0.1, 0.05],
            ),
            "last_contact": [
                today - timedelta(days=int(d)) for d in rng.integers(3, 200, len(idx))
            ],
            "level": rng.choice(
                ["none", "brief", "regular", "trusted"], len(idx), p=[0.1, 0.25, 0.45, 0.2]
            ),
            "lead": lead[idx],
        }
    )
    edits = pd.DataFrame(
        {
            "account_key": keys,
            "updated_by": lead,
            "updated_at": [now - timedelta(days=int(d)) for d in rng.integers(5, 150, n)],
        }
    )
    n_act = min(n, 400)
    actions = pd.DataFrame(
        {
            "account_key": keys[:n_act],
            "plan_year": today.year,
            "description": "Reunión de revisión de cuenta",
            "owner": lead[:n_act],
            "due_date": [today + timedelta(days=int(d)) for d in rng.integers(-30, 60, n_act)],
            "status": rng.choice(["open", "in_progress", "done"], n_act, p=[0.5, 0.2, 0.3]),
        }
    )
    with db.transaction(con) as cur:
        for name, df in (
            ("b_people", people),
            ("b_team", team),
            ("b_contacts", contacts),
            ("b_edits", edits),
            ("b_actions", actions),
        ):
            cur.register(name, df)
        cur.execute(
            "INSERT INTO people (name, role, capacity, updated_by, updated_at) "
            "SELECT name, role, capacity, 'bench', ? FROM b_people",
            [now],
        )
        cur.execute(
            "INSERT INTO account_team SELECT t.account_key, p.person_id, t.team_role, 'bench', ? "
            "FROM b_team t JOIN people p USING (name)",
            [now],
        )
        cur.execute(
            "INSERT INTO account_effort SELECT account_key, 1.0, 'bench', ? FROM b_edits", [now]
        )
        cur.execute(
            "INSERT INTO contacts (account_key, name, title, department, buying_role, influence, "
            "stance, last_contact, notes, updated_by, updated_at) SELECT account_key, name, "
            "title, department, buying_role, influence, stance, last_contact, CAST(slot AS "
            "VARCHAR), 'bench', ? FROM b_contacts ORDER BY account_key, slot",
            [now],
        )
        # each contact reports to the first contact (the head) of its account
        cur.execute(
            "UPDATE contacts c SET reports_to = h.head FROM (SELECT account_key, "
            "min(contact_id) AS head FROM contacts GROUP BY account_key) h "
            "WHERE c.account_key = h.account_key AND c.contact_id <> h.head"
        )
        cur.execute(
            "INSERT INTO contact_coverage SELECT c.contact_id, p.person_id, b.level, "
            "'trusted', 'bench', ? FROM b_contacts b JOIN contacts c ON c.account_key = "
            "b.account_key AND c.notes = CAST(b.slot AS VARCHAR) JOIN people p ON p.name = "
            "b.lead WHERE b.level <> 'none'",
            [now],
        )
        cur.execute("UPDATE contacts SET notes = NULL")
        cur.execute(
            "INSERT INTO section_edits SELECT account_key, 0, 'relationships', updated_by, "
            "updated_at FROM b_edits"
        )
        cur.execute(
            "INSERT INTO plan_actions (account_key, plan_year, description, owner, due_date, "
            "status, updated_by, updated_at) SELECT account_key, plan_year, description, owner, "
            "due_date, status, 'bench', ? FROM b_actions",
            [now],
        )
    return {
        "key_accounts": n,
        "contacts": len(contacts),
        "team_rows": len(team),
        "actions": n_act,
    }
