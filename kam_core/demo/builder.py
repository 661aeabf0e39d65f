"""Deterministic demo portfolio: ~400 accounts over the 8 quarters 2024-Q4..2026-Q3.

Pareto-like revenue (a few accounts carry most of it, a long tail), growers and decliners, accounts
won and lost during the period, credit notes, Spanish and English company names, product lines,
regions, segments and a handful of KAMs. Same seed, same database, on every machine.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import numpy as np
import pandas as pd

from kam_core.demo import accounts as demo_accounts
from kam_core.demo import revenue_stories
from kam_core.portfolio import tiers
from kam_core.store import db

SEED = 20261122
N_ACCOUNTS = 400
QUARTERS = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
PRODUCT_LINES = [
    "Industrial Equipment",
    "Spare Parts",
    "Maintenance Services",
    "Software Licences",
    "Consumables",
    "Training",
]
PRODUCT_WEIGHTS = [0.32, 0.22, 0.18, 0.12, 0.11, 0.05]
REGIONS = ["Norte", "Centro", "Levante", "Sur", "Cataluña", "Export"]
SEGMENTS = ["Industry", "Retail", "Healthcare", "Public sector", "Energy"]
# Seasonal factor by calendar quarter: a quiet first quarter, a strong year end (budgets spent).
# The demo's last two quarters (Q2, Q3) are level, so a fall there is the account's own story.
SEASON = {"1": 0.92, "2": 1.0, "3": 1.0, "4": 1.08}
KAMS = [
    "Lucía Fernández",
    "Javier Ortega",
    "Marta Sánchez",
    "Daniel Romero",
    "Emma Clarke",
    "Pablo Navarro",
]

_ES_A = [
    "Grupo",
    "Industrias",
    "Distribuciones",
    "Construcciones",
    "Talleres",
    "Laboratorios",
    "Comercial",
    "Transportes",
    "Hospital",
    "Farmacéutica",
    "Energías",
    "Alimentación",
    "Ferretería",
    "Metalúrgica",
    "Suministros",
    "Clínica",
]
_ES_B = [
    "Ibérica",
    "del Norte",
    "Levantina",
    "Andaluza",
    "Castellana",
    "Atlántico",
    "Mediterráneo",
    "Peñalara",
    "Montaña",
    "Ebro",
    "Guadalquivir",
    "Cantábrica",
    "Añón",
    "Sierra Nevada",
    "Duero",
    "Tajo",
    "Galaica",
    "Balear",
]
_ES_C = ["S.A.", "S.L.", "S.A.U.", "S.Coop.", "S.L.U."]
_EN_A = [
    "Northwind",
    "Bluewater",
    "Summit",
    "Granite",
    "Redwood",
    "Silverline",
    "Harbor",
    "Keystone",
    "Brightpath",
    "Ironbridge",
    "Oakridge",
    "Crescent",
    "Pioneer",
    "Evergreen",
]
_EN_B = [
    "Logistics",
    "Foods",
    "Pharma",
    "Energy",
    "Retail",
    "Manufacturing",
    "Health",
    "Engineering",
    "Systems",
    "Supply",
]
_EN_C = ["Ltd", "Inc.", "PLC", "GmbH", "B.V."]


def _names(rng: np.random.Generator, n: int) -> list[str]:
    names, seen = [], set()
    while len(names) < n:
        if rng.random() < 0.65:
            name = f"{rng.choice(_ES_A)} {rng.choice(_ES_B)} {rng.choice(_ES_C)}"
        else:
            name = f"{rng.choice(_EN_A)} {rng.choice(_EN_B)} {rng.choice(_EN_C)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _quarter_start(q: str) -> date:
    y, n = int(q[:4]), int(q[-1])
    return date(y, 3 * (n - 1) + 1, 1)


def generate_lines(
    seed: int = SEED, n_accounts: int = N_ACCOUNTS
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(accounts, lines)`` frames; pure and deterministic."""
    rng = np.random.default_rng(seed)
    names = _names(rng, n_accounts)
    keys = [f"C{1000 + i}" for i in range(n_accounts)]
    # Pareto-like annual size: a heavy tail so ~15-20% of accounts make 80% of revenue.
    size = np.arange(1, n_accounts + 1) ** -1.05 * rng.lognormal(0, 0.25, n_accounts)
    size = np.sort(size)[::-1]
    size[:3] *= 0.75  # no single account above ~12%
    size *= 28_000_000 / size.sum()
    rng.shuffle(size[10:])  # the top 10 stay the biggest; the rest in random key order
    growth = rng.normal(0.01, 0.06, n_accounts)  # per-quarter trend
    growth[:3] = [0.05, -0.04, 0.03]  # a grower and a decliner among the largest
    start = np.zeros(n_accounts, dtype=int)
    end = np.full(n_accounts, len(QUARTERS) - 1)
    won = rng.choice(np.arange(10, n_accounts), 40, replace=False)
    start[won] = rng.integers(1, len(QUARTERS), len(won))
    lost_pool = np.setdiff1d(np.arange(10, n_accounts), won)
    lost = rng.choice(lost_pool, 30, replace=False)
    end[lost] = rng.integers(0, len(QUARTERS) - 1, len(lost))
    region = rng.choice(REGIONS, n_accounts, p=[0.2, 0.25, 0.15, 0.15, 0.15, 0.1])
    segment = rng.choice(SEGMENTS, n_accounts)
    kam = rng.choice(KAMS, n_accounts)

    rows = []
    for i in range(n_accounts):
        n_lines_base = int(np.clip(np.log(size[i]) - 6, 2, 14))
        lines_per_q = max(1, n_lines_base)
        favourite = rng.choice(
            len(PRODUCT_LINES), size=min(4, 1 + lines_per_q // 3), replace=False, p=PRODUCT_WEIGHTS
        )
        # An order (invoice) carries about three lines, so an account's order count is steady;
        # it buys one product line per three lines a quarter (up to its favourites), every quarter.
        orders_per_q = max(1, (lines_per_q + 1) // 3)
        regular = favourite[: max(1, lines_per_q // 3)]
        for qi in range(start[i], end[i] + 1):
            q = QUARTERS[qi]
            season = SEASON[q[-1]]
            q_rev = size[i] / 4 * (1 + growth[i]) ** qi * season * rng.lognormal(0, 0.12)
            n = max(1, int(rng.poisson(lines_per_q)))
            parts = rng.dirichlet(np.ones(n)) * q_rev
            for j, amount in enumerate(parts):
                rng.choice(favourite)  # drawn as before, so every other value stays the same
                pl = PRODUCT_LINES[int(regular[j % len(regular)])]  # its lines take turns
                qty = int(max(1, rng.integers(1, 40)))
                d = _quarter_start(q) + timedelta(days=int(rng.integers(0, 90)))
                rows.append(
                    (
                        keys[i],
                        d,
                        q,
                        round(float(amount), 2),
                        qty,
                        round(float(amount) / qty, 4),
                        f"F{q[:4]}{q[-1]}-{i:04d}{j % orders_per_q:02d}",
                        pl,
                        region[i],
                        segment[i],
                        kam[i],
                    )
                )
            if rng.random() < 0.08:  # a credit note now and then
                pl = PRODUCT_LINES[int(rng.choice(favourite))]
                amount = -round(float(q_rev * rng.uniform(0.02, 0.12)), 2)
                d = _quarter_start(q) + timedelta(days=int(rng.integers(30, 90)))
                rows.append(
                    (
                        keys[i],
                        d,
                        q,
                        amount,
                        -1,
                        -amount,
                        f"A{q[:4]}{q[-1]}-{i:04d}",
                        pl,
                        region[i],
                        segment[i],
                        kam[i],
                    )
                )
    lines = pd.DataFrame(
        rows,
        columns=[
            "account_key",
            "line_date",
            "quarter",
            "amount",
            "quantity",
            "unit_price",
            "invoice",
            "product_line",
            "region",
            "segment",
            "kam",
        ],
    )
    lines = revenue_stories.apply(lines, QUARTERS)  # a few key accounts slipping (F-PA-8)
    lines["line_date"] = pd.to_datetime(lines["line_date"])
    lines.insert(1, "source_row", np.arange(2, len(lines) + 2))
    accounts = pd.DataFrame({"account_key": keys, "account_name": names, "account_id": keys})
    return accounts, lines


def has_demo(con) -> bool:
    return bool(db.scalar(con, "SELECT count(*) FROM batches WHERE source_format = 'demo'"))


def has_data(con) -> bool:
    return bool(db.scalar(con, "SELECT count(*) FROM revenue_lines"))


# Tables wiped by ``--force`` before a rebuild; later features append theirs here.
DATA_TABLES = ["revenue_lines", "accounts", "batches", "column_mappings"]
DATA_TABLES += [
    "people",
    "account_team",
    "account_effort",
    "contacts",
    "contact_coverage",
    "influence_lines",
    "plan_texts",
    "plan_objectives",
    "competitors",
    "opportunities",
    "risks",
    "plan_actions",
    "section_edits",
    "activities",
]  # Account 360 (issue 4)
DATA_TABLES += ["account_marks", "account_ratings"]  # strategic marks, ratings (issue 3)
DATA_TABLES += ["warning_acks"]  # early-warning acknowledgements (issue 11)


def remove_demo(con) -> dict:
    """Take the demo out, leaving the user's own data (if any) exactly as it was.

    The demo is its batch (``source_format = 'demo'``), the accounts only it brought, and every
    row written as user ``demo`` (people, teams, relationship maps, plans, marks, activities) on
    those accounts. One transaction; returns what was removed (counts), all zero when no demo.
    """
    with db.transaction(con) as cur:
        batches = [
            r[0]
            for r in cur.execute(
                "SELECT batch_id FROM batches WHERE source_format = 'demo'"
            ).fetchall()
        ]
        if not batches:
            return {"batches": 0, "accounts": 0, "lines": 0}
        cur.execute(
            "CREATE TEMP TABLE _demo_accounts AS SELECT account_key FROM accounts WHERE account_key "
            "NOT IN (SELECT DISTINCT account_key FROM revenue_lines WHERE NOT list_contains(?, batch_id))"
            " AND account_key NOT IN (SELECT DISTINCT account_key FROM revenue_lines_archive "
            "WHERE NOT list_contains(?, batch_id))",
            [batches, batches],
        )
        n_acc = cur.execute("SELECT count(*) FROM _demo_accounts").fetchall()[0][0]
        n_lines = cur.execute(
            "SELECT count(*) FROM revenue_lines WHERE list_contains(?, batch_id)", [batches]
        ).fetchall()[0][0]
        existing = _existing_columns(cur)
        for table in ("contact_coverage", "influence_lines"):  # keyed by contact, not account
            if table in existing:
                col = "contact_id" if "contact_id" in existing[table] else "from_contact"
                cur.execute(
                    f"DELETE FROM {table} WHERE {col} IN (SELECT contact_id FROM contacts "
                    "WHERE account_key IN (SELECT account_key FROM _demo_accounts))"
                )
        for table in DATA_TABLES:  # identifiers from the fixed list above
            cols = existing.get(table, set())
            if table in ("accounts", "batches", "revenue_lines") or "account_key" not in cols:
                continue
            cur.execute(
                f"DELETE FROM {table} WHERE account_key IN (SELECT account_key FROM _demo_accounts)"
            )
        for table in ("revenue_lines", "revenue_lines_archive"):
            cur.execute(f"DELETE FROM {table} WHERE list_contains(?, batch_id)", [batches])
        cur.execute(
            "DELETE FROM people WHERE updated_by = 'demo' AND person_id NOT IN "
            "(SELECT person_id FROM account_team)"
        )
        cur.execute(
            "DELETE FROM accounts WHERE account_key IN (SELECT account_key FROM _demo_accounts)"
        )
        cur.execute("DELETE FROM batches WHERE list_contains(?, batch_id)", [batches])
        cur.execute("DROP TABLE _demo_accounts")
        db.bump_data_version(cur)
    return {"batches": len(batches), "accounts": int(n_acc), "lines": int(n_lines)}


def _existing_columns(cur) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for table, col in cur.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
    ).fetchall():
        out.setdefault(table, set()).add(col)
    return out


def ensure_demo(con, force: bool = False) -> bool:
    """Fill ``con`` with the demo if it has no revenue yet (or always with ``force``).

    One transaction: a failure leaves the database as it was. Returns True when it built.
    """
    if has_data(con) and not force:
        return False
    accounts, lines = generate_lines()
    now = db.utcnow()
    sha = hashlib.sha256(f"cartera-demo-{SEED}".encode()).hexdigest()
    with db.transaction(con) as cur:
        existing = {
            r[0]
            for r in cur.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema='main'"
            ).fetchall()
        }
        for table in DATA_TABLES:
            if table in existing:
                cur.execute(f"DELETE FROM {table}")  # identifiers from the fixed list above
        batch_id = cur.execute(
            "INSERT INTO batches (file_name, sha256, rows_loaded, rows_rejected, quarters, "
            "total_amount, source_format, uploaded_by, uploaded_at, note) "
            "VALUES (?, ?, ?, 0, ?, ?, 'demo', 'demo', ?, ?) RETURNING batch_id",
            [
                f"demo_{QUARTERS[0]}_{QUARTERS[-1]}.csv",
                sha,
                len(lines),
                QUARTERS,
                float(lines["amount"].sum()),
                now,
                "generated demo data",
            ],
        ).fetchall()[0][0]
        lines = lines.assign(batch_id=batch_id)
        accounts = accounts.assign(first_batch=batch_id, created_at=now)
        cur.register("demo_accounts", accounts)
        cur.register("demo_lines", lines)
        cur.execute(
            "INSERT INTO accounts (account_key, account_name, account_id, first_batch, created_at) "
            "SELECT account_key, account_name, account_id, first_batch, created_at FROM demo_accounts"
        )
        cur.execute(db.copy_lines_sql("demo_lines", list(lines.columns)))
        cur.unregister("demo_accounts")
        cur.unregister("demo_lines")

        tiers.seed_demo(cur)

        demo_accounts.build(cur)
        db.bump_data_version(cur)
    return True
